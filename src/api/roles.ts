/**
 * Project roles (`/roles`): names, permissions, whether they estimate points. Roles are a value list
 * without an order endpoint; deleting one takes an optional `?moveTo=<role>` for its members.
 */
import { keys } from "./keys";
import { valueListInvalidates, type ValueListTypes } from "./projectAttributes";
import { defineResource } from "./resource";
import type { Role } from "./types";

export const roles = defineResource<ValueListTypes<Role>>()({
  path: "/roles",
  keys: keys.roles,
  occ: false,
  actions: ["list", "get", "create", "put", "patch", "remove"],
  invalidates: valueListInvalidates(keys.roles),
});

export const { list: listRoles, listOptions: rolesQueryOptions, useList: useRoles } = roles;

/** Roles that estimate story points (`computable`), in order. */
export function computableRoles(roles: readonly Role[]): Role[] {
  return roles.filter((r) => r.computable).sort((a, b) => a.order - b.order);
}

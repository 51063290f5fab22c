/**
 * Project roles (`/roles`): names, permissions, whether they estimate points.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { keys } from "./keys";
import { listProjectAttribute } from "./projectAttributes";
import type { Id, Role } from "./types";

/** `GET /roles?project=<id>` (whole list). */
export const listRoles = (projectId: Id) => listProjectAttribute<Role>("/roles", projectId);

export const rolesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.roles.list(projectId), queryFn: () => listRoles(projectId) });

export const useRoles = (projectId: Id) => useQuery(rolesQueryOptions(projectId));

/** Roles that estimate story points (`computable`), in order. */
export function computableRoles(roles: readonly Role[]): Role[] {
  return roles.filter((r) => r.computable).sort((a, b) => a.order - b.order);
}

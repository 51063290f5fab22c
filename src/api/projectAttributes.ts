/**
 * Taiga's per-project value lists (statuses, points, priorities, severities, issue types, swimlanes,
 * roles) share one shape: `GET /<path>?project=<id>` (whole list), detail, create, PUT/PATCH without
 * OCC, DELETE (with `?moveTo=<id>` for the objects that used the value), and
 * `POST /<path>/bulk_update_order` with `{"project", "bulk_<name>": [[id, order], ...]}`.
 * `defineValueList` derives each from that one definition; the resource modules only name it.
 */
import { keys as allKeys, type ResourceKeys } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { Id } from "./types";

/** The types of a value list whose objects look like `T`. */
export interface ValueListTypes<T extends { id: Id }> {
  item: T;
  detail: T;
  create: Partial<Omit<T, "id">> & { project: Id; name: string };
  changes: Partial<Omit<T, "id" | "project">>;
  filters: Record<string, never>;
}

/**
 * A change to a value touches the project's list of it and the project detail, which embeds every
 * value list (the board reads its columns from there).
 */
export const valueListInvalidates = (keys: ResourceKeys) => (object: ObjectRef) => [
  keys.projectLists(object.project),
  allKeys.projects.detail(object.project),
  allKeys.projects.details(),
];

export function defineValueList<T extends { id: Id }>(path: string, keys: ResourceKeys, orderKey: string) {
  return defineResource<ValueListTypes<T>>()({
    path,
    keys,
    occ: false,
    orderKey,
    actions: ["list", "get", "create", "put", "patch", "remove", "bulkOrder"],
    invalidates: valueListInvalidates(keys),
  });
}

/**
 * Shared plumbing for Taiga's per-project value lists (statuses, points, priorities,
 * severities, issue types, roles, swimlanes): `GET /<path>?project=<id>` (whole list),
 * and `POST /<path>/bulk_update_order` with `{"project", "bulk_<name>": [[id, order], ...]}`.
 * Each resource module wraps this with its own names, keys and hooks.
 */
import { http } from "./http";
import type { AttributeBulkOrder, Id } from "./types";

export function listProjectAttribute<T>(path: string, projectId: Id): Promise<T[]> {
  return http.get<T[]>(path, { query: { project: projectId }, disablePagination: true });
}

export function bulkOrderProjectAttribute(path: string, bodyKey: string, projectId: Id, order: AttributeBulkOrder): Promise<null> {
  return http.post<null>(`${path}/bulk_update_order`, { project: projectId, [bodyKey]: order });
}

/**
 * Issue severities of a project (`/severities`).
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, Severity } from "./types";

/** `GET /severities?project=<id>` (whole list). */
export const listSeverities = (projectId: Id) => listProjectAttribute<Severity>("/severities", projectId);

/** `POST /severities/bulk_update_order` with `[[id, order], ...]`. */
export const bulkUpdateSeveritiesOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/severities", "bulk_severities", projectId, order);

export const severitiesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.severities.list(projectId), queryFn: () => listSeverities(projectId) });

export const useSeverities = (projectId: Id) => useQuery(severitiesQueryOptions(projectId));

/** Reordering touches this list and the project detail that embeds it. */
export const severitiesOrderInvalidates = (projectId: Id): QueryKey[] => [
  keys.severities.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

export function useBulkUpdateSeveritiesOrder(projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => bulkUpdateSeveritiesOrder(projectId, order),
    onSettled: () =>
      Promise.all(severitiesOrderInvalidates(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/**
 * Issue priorities of a project (`/priorities`).
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, Priority } from "./types";

/** `GET /priorities?project=<id>` (whole list). */
export const listPriorities = (projectId: Id) => listProjectAttribute<Priority>("/priorities", projectId);

/** `POST /priorities/bulk_update_order` with `[[id, order], ...]`. */
export const bulkUpdatePrioritiesOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/priorities", "bulk_priorities", projectId, order);

export const prioritiesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.priorities.list(projectId), queryFn: () => listPriorities(projectId) });

export const usePriorities = (projectId: Id) => useQuery(prioritiesQueryOptions(projectId));

/** Reordering touches this list and the project detail that embeds it. */
export const prioritiesOrderInvalidates = (projectId: Id): QueryKey[] => [
  keys.priorities.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

export function useBulkUpdatePrioritiesOrder(projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => bulkUpdatePrioritiesOrder(projectId, order),
    onSettled: () =>
      Promise.all(prioritiesOrderInvalidates(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

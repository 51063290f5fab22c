/**
 * Story point values of a project (`/points`).
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, Points } from "./types";

/** `GET /points?project=<id>` (whole list). */
export const listPoints = (projectId: Id) => listProjectAttribute<Points>("/points", projectId);

/** `POST /points/bulk_update_order` with `[[id, order], ...]`. */
export const bulkUpdatePointsOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/points", "bulk_points", projectId, order);

export const pointsQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.points.list(projectId), queryFn: () => listPoints(projectId) });

export const usePoints = (projectId: Id) => useQuery(pointsQueryOptions(projectId));

/** Reordering touches this list and the project detail that embeds it. */
export const pointsOrderInvalidates = (projectId: Id): QueryKey[] => [
  keys.points.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

export function useBulkUpdatePointsOrder(projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => bulkUpdatePointsOrder(projectId, order),
    onSettled: () =>
      Promise.all(pointsOrderInvalidates(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

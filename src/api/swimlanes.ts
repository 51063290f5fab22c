/**
 * Kanban swimlanes of a project (`/swimlanes`); each carries its statuses with their WIP limits.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, Swimlane } from "./types";

/** `GET /swimlanes?project=<id>` (whole list). */
export const listSwimlanes = (projectId: Id) => listProjectAttribute<Swimlane>("/swimlanes", projectId);

/** `POST /swimlanes/bulk_update_order` with `[[id, order], ...]`. */
export const bulkUpdateSwimlanesOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/swimlanes", "bulk_swimlanes", projectId, order);

export const swimlanesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.swimlanes.list(projectId), queryFn: () => listSwimlanes(projectId) });

export const useSwimlanes = (projectId: Id) => useQuery(swimlanesQueryOptions(projectId));

/** The swimlanes with their per-status WIP limits, fetched only when the project has swimlanes. */
export const useProjectSwimlanes = (projectId: Id | undefined, enabled = true) =>
  useQuery({ ...swimlanesQueryOptions(projectId ?? 0), enabled: projectId !== undefined && enabled });

/** Reordering touches this list and the project detail that embeds it. */
export const swimlanesOrderInvalidates = (projectId: Id): QueryKey[] => [
  keys.swimlanes.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

export function useBulkUpdateSwimlanesOrder(projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => bulkUpdateSwimlanesOrder(projectId, order),
    onSettled: () =>
      Promise.all(swimlanesOrderInvalidates(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** `GET /swimlanes/<id>` */
export const getSwimlane = (id: Id) => http.get<Swimlane>(`/swimlanes/${id}`);

export const swimlaneQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.swimlanes.detail(id), queryFn: () => getSwimlane(id) });

/**
 * Kanban swimlanes of a project (`/swimlanes`); each carries its statuses with their WIP limits.
 * A value list like the others (delete takes `?moveTo=` for its stories).
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getAllPages } from "./http";
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { Id, Swimlane, SwimlaneUserStoryStatus } from "./types";

export const swimlanes = defineValueList<Swimlane>("/swimlanes", keys.swimlanes, "bulk_swimlanes");

export const {
  list: listSwimlanes,
  listOptions: swimlanesQueryOptions,
  useList: useSwimlanes,
  get: getSwimlane,
  detailOptions: swimlaneQueryOptions,
  bulkOrder: bulkUpdateSwimlanesOrder,
  useBulkOrder: useBulkUpdateSwimlanesOrder,
} = swimlanes;

/** The swimlanes with their per-status WIP limits, fetched only when the project has swimlanes. */
export const useProjectSwimlanes = (projectId: Id | undefined, enabled = true) => swimlanes.useList(projectId, {}, { enabled });

/**
 * `GET /swimlane-userstory-statuses?swimlane=<id>`: the per-status WIP limits of one swimlane.
 * Taiga ignores the filter (it answers every swimlane's rows the caller may see), so the rows are
 * filtered here too. (`GET /swimlanes` items already embed them as `statuses`.)
 */
export async function listSwimlaneUserStoryStatuses(swimlaneId: Id, signal?: AbortSignal): Promise<SwimlaneUserStoryStatus[]> {
  const rows = await getAllPages<SwimlaneUserStoryStatus>("/swimlane-userstory-statuses", { query: { swimlane: swimlaneId }, disablePagination: true, signal });
  return rows.filter((row) => row.swimlane === swimlaneId);
}

export const swimlaneUserStoryStatusesQueryOptions = (swimlaneId: Id) =>
  queryOptions({ queryKey: keys.swimlanes.statuses(swimlaneId), queryFn: ({ signal }) => listSwimlaneUserStoryStatuses(swimlaneId, signal) });

export function useSwimlaneUserStoryStatuses(swimlaneId: Id | undefined) {
  return useQuery({ ...swimlaneUserStoryStatusesQueryOptions(swimlaneId ?? 0), enabled: swimlaneId !== undefined });
}

/**
 * Kanban swimlanes of a project (`/swimlanes`); each carries its statuses with their WIP limits.
 * A value list like the others (delete takes `?moveTo=` for its stories).
 */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { Id, Swimlane } from "./types";

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

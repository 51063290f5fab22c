/** Issue priorities of a project (`/priorities`). */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { Priority } from "./types";

export const priorities = defineValueList<Priority>("/priorities", keys.priorities, "bulk_priorities");

export const {
  list: listPriorities,
  listOptions: prioritiesQueryOptions,
  useList: usePriorities,
  bulkOrder: bulkUpdatePrioritiesOrder,
  useBulkOrder: useBulkUpdatePrioritiesOrder,
} = priorities;

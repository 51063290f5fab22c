/** Issue severities of a project (`/severities`). */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { Severity } from "./types";

export const severities = defineValueList<Severity>("/severities", keys.severities, "bulk_severities");

export const {
  list: listSeverities,
  listOptions: severitiesQueryOptions,
  useList: useSeverities,
  bulkOrder: bulkUpdateSeveritiesOrder,
  useBulkOrder: useBulkUpdateSeveritiesOrder,
} = severities;

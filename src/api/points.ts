/** Story point values of a project (`/points`). */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { Points } from "./types";

export const points = defineValueList<Points>("/points", keys.points, "bulk_points");

export const {
  list: listPoints,
  listOptions: pointsQueryOptions,
  useList: usePoints,
  bulkOrder: bulkUpdatePointsOrder,
  useBulkOrder: useBulkUpdatePointsOrder,
} = points;

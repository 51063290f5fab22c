/**
 * Project "values": story/task/issue/epic statuses, points, priorities, severities, issue types.
 * One description per kind, used by the `/<kind>` endpoints and the project detail's embedded rows.
 */
import type { Db } from "../db";

export interface ValueKind {
  /** URL segment: `/userstory-statuses` */
  path: string;
  table: string;
  /** columns in Taiga's output order (`project` added last) */
  columns: readonly string[];
  booleans: readonly string[];
  /** key of the embedded array in the project detail */
  projectKey: string;
  /** body key of `POST /<kind>/bulk_update_order` */
  bulkParam: string;
  /** items pointing at a value of this kind (moved on delete with ?moveTo) */
  usedBy: { table: string; column: string };
  /** the project's default for this kind */
  projectDefault: string;
}

export const VALUE_KINDS: readonly ValueKind[] = [
  {
    path: "userstory-statuses",
    table: "userstory_statuses",
    columns: ["id", "name", "slug", "order", "is_closed", "is_archived", "color", "wip_limit"],
    booleans: ["is_closed", "is_archived"],
    projectKey: "us_statuses",
    bulkParam: "bulk_userstory_statuses",
    usedBy: { table: "userstories", column: "status_id" },
    projectDefault: "default_us_status_id",
  },
  { path: "task-statuses", table: "task_statuses", columns: ["id", "name", "slug", "order", "is_closed", "color"], booleans: ["is_closed"], projectKey: "task_statuses", bulkParam: "bulk_task_statuses", usedBy: { table: "tasks", column: "status_id" }, projectDefault: "default_task_status_id" },
  { path: "issue-statuses", table: "issue_statuses", columns: ["id", "name", "slug", "order", "is_closed", "color"], booleans: ["is_closed"], projectKey: "issue_statuses", bulkParam: "bulk_issue_statuses", usedBy: { table: "issues", column: "status_id" }, projectDefault: "default_issue_status_id" },
  { path: "epic-statuses", table: "epic_statuses", columns: ["id", "name", "slug", "order", "is_closed", "color"], booleans: ["is_closed"], projectKey: "epic_statuses", bulkParam: "bulk_epic_statuses", usedBy: { table: "epics", column: "status_id" }, projectDefault: "default_epic_status_id" },
  { path: "points", table: "points", columns: ["id", "name", "order", "value"], booleans: [], projectKey: "points", bulkParam: "bulk_points", usedBy: { table: "role_points", column: "points_id" }, projectDefault: "default_points_id" },
  { path: "priorities", table: "priorities", columns: ["id", "name", "order", "color"], booleans: [], projectKey: "priorities", bulkParam: "bulk_priorities", usedBy: { table: "issues", column: "priority_id" }, projectDefault: "default_priority_id" },
  { path: "severities", table: "severities", columns: ["id", "name", "order", "color"], booleans: [], projectKey: "severities", bulkParam: "bulk_severities", usedBy: { table: "issues", column: "severity_id" }, projectDefault: "default_severity_id" },
  { path: "issue-types", table: "issue_types", columns: ["id", "name", "order", "color"], booleans: [], projectKey: "issue_types", bulkParam: "bulk_issue_types", usedBy: { table: "issues", column: "type_id" }, projectDefault: "default_issue_type_id" },
];

export type Row = Record<string, unknown>;

/** A value row as the `/<kind>` endpoints answer it (`project` key). */
export function serializeValue(kind: ValueKind, row: Row): Row {
  const out: Row = {};
  for (const col of kind.columns) out[col] = kind.booleans.includes(col) ? row[col] === 1 : row[col];
  out["project"] = row["project_id"];
  return out;
}

/** A value row as embedded in the project detail (`project_id` key). */
export function embedValue(kind: ValueKind, row: Row): Row {
  const out: Row = {};
  for (const col of kind.columns) out[col] = kind.booleans.includes(col) ? row[col] === 1 : row[col];
  out["project_id"] = row["project_id"];
  return out;
}

/** Rows of one kind for a project, in Taiga's order (`order`, then id). */
export function valueRows(db: Db, kind: ValueKind, projectId: number): Row[] {
  return db.prepare(`SELECT * FROM ${kind.table} WHERE project_id = ? ORDER BY "order", id`).all(projectId) as Row[];
}

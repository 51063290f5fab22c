/**
 * History, read side (taiga/projects/history/api.py): `GET /history/<type>/<id>` lists the change
 * entries of one item, newest first, paginated, for anyone with `view_project` on its project.
 * Creation/deletion entries and "hidden" entries (only order fields changed, no comment) are left out;
 * `?type=comment` keeps the comments, `?type=activity` the changes without comment.
 */
import type { Routes } from "../http/context";
import { notAuthenticated, notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { formatDateTime } from "../lib/dates";
import { denied, projectAccess } from "../lib/permissions";
import { getProject } from "../lib/projects";

interface HistoryType {
  /** URL segment */
  path: string;
  /** `history_entries.content_type` */
  contentType: string;
  /** table holding the items */
  table: string;
  /** diff keys that alone make an entry hidden */
  orderFields: readonly string[];
}

const HISTORY_TYPES: readonly HistoryType[] = [
  { path: "userstory", contentType: "userstory", table: "userstories", orderFields: ["backlog_order", "sprint_order", "kanban_order"] },
  { path: "task", contentType: "task", table: "tasks", orderFields: ["us_order", "taskboard_order"] },
  { path: "issue", contentType: "issue", table: "issues", orderFields: [] },
  { path: "epic", contentType: "epic", table: "epics", orderFields: ["epics_order", "user_stories"] },
  { path: "wiki", contentType: "wikipage", table: "wiki_pages", orderFields: [] },
];

interface EntryRow {
  id: string;
  key: string;
  type: number;
  user: string;
  created_at: string;
  diff: string;
  snapshot: string | null;
  values: string;
  values_diff: string;
  comment: string;
  comment_html: string;
  delete_comment_date: string | null;
  delete_comment_user: string | null;
  edit_comment_date: string | null;
  is_hidden: number;
  is_snapshot: number;
}

function parse(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

/** True for entries whose diff holds only order fields and that carry no comment. */
export function isHiddenEntry(diffKeys: string[], comment: string, orderFields: readonly string[]): boolean {
  return comment === "" && diffKeys.length > 0 && diffKeys.every((k) => orderFields.includes(k));
}

export function registerHistory(routes: Routes): void {
  for (const kind of HISTORY_TYPES) {
    routes.add(`/history/${kind.path}`, {
      GET: () => new Response(null, { status: 404 }),
    });
    routes.add(`/history/${kind.path}/:id`, {
      GET: (c) => {
        const db = c.var.deps.db;
        const objectId = idParam(c);
        const item = db.prepare(`SELECT project_id FROM ${kind.table} WHERE id = ?`).get(objectId) as { project_id: number } | undefined;
        const project = item ? getProject(db, item.project_id) : undefined;
        if (!project) {
          if (!c.var.user) throw notAuthenticated();
          throw notFound();
        }
        const access = projectAccess(db, c.var.user, project);
        if (!access.permissions.has("view_project")) throw denied(access);

        const filter = c.req.query("type");
        const rows = (db
          .prepare("SELECT * FROM history_entries WHERE content_type = ? AND object_id = ? AND type = 1 ORDER BY created_at DESC, seq DESC")
          .all(kind.contentType, objectId) as EntryRow[])
          .map((row) => {
            const diff = parse(row.diff, {}) as Record<string, unknown>;
            const hidden = row.is_hidden === 1 || isHiddenEntry(Object.keys(diff), row.comment, kind.orderFields);
            return { row, diff, hidden };
          })
          .filter(({ row, diff, hidden }) => {
            if (filter === "comment") return row.comment !== "";
            if (filter === "activity") return Object.keys(diff).length > 0 && row.comment === "";
            return !hidden;
          });

        return paginate(c, rows.length, (limit, offset) =>
          (limit < 0 ? rows : rows.slice(offset, offset + limit)).map(({ row, diff, hidden }) => ({
            id: row.id,
            user: parse(row.user, null),
            created_at: formatDateTime(row.created_at),
            type: row.type,
            key: row.key,
            diff,
            snapshot: parse(row.snapshot, null),
            values: parse(row.values, {}),
            values_diff: parse(row.values_diff, {}),
            comment: row.comment,
            comment_html: row.comment_html,
            delete_comment_date: formatDateTime(row.delete_comment_date),
            delete_comment_user: parse(row.delete_comment_user, null),
            edit_comment_date: formatDateTime(row.edit_comment_date),
            is_hidden: hidden,
            is_snapshot: row.is_snapshot === 1,
          })),
        );
      },
    });
  }
}

/**
 * History, read side (taiga/projects/history/api.py): `GET /history/<type>/<id>` lists the change
 * entries of one item, newest first, paginated, for anyone with `view_project` on its project.
 * Creation/deletion entries and "hidden" entries (only order fields changed, no comment) are left out;
 * `?type=comment` keeps the comments, `?type=activity` the changes without comment.
 */
import { requireUser } from "../http/auth";
import { readJson } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, notAuthenticated, notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { assertNotBlocked, getProject, type ProjectRow } from "../lib/projects";
import { renderMarkdown } from "../lib/userstories";
import { fullNameDisplay, getUser, serializeUser } from "../lib/users";

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
        const { objectId } = loadItemProject(c, kind);
        // taiga-back pages the history whenever `page` is given and crashes (HTTP 500) when
        // `x-disable-pagination` came too: it finds no page. We refuse the pair with a 400 instead,
        // so a client that sends it fails here as it would on a real Taiga, without a crash.
        if (c.req.query("page") !== undefined && c.req.header("x-disable-pagination") !== undefined) {
          throw badRequest("page and x-disable-pagination cannot be combined on a history list (a real Taiga answers 500).");
        }

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
    registerCommentActions(routes, kind);
  }
}

/* ------------------------------------------------------------------ comment moderation ------------------------------------------------------------------ */

interface CommentEntry {
  id: string;
  user: string;
  created_at: string;
  comment: string;
  comment_html: string;
  comment_versions: string | null;
  delete_comment_date: string | null;
  delete_comment_user: string | null;
}

/** The item's project, visible to the caller (unknown item: 401 anonymous / 404). */
function loadItemProject(c: Ctx, kind: HistoryType): { project: ProjectRow; access: Access; objectId: number } {
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
  return { project, access, objectId };
}

/** The entry named by `?id=` among the item's entries, or undefined (answered with Taiga's bare 404). */
function loadEntry(c: Ctx, kind: HistoryType, objectId: number): CommentEntry | undefined {
  const entryId = c.req.query("id") ?? "";
  return c.var.deps.db
    .prepare("SELECT id, user, created_at, comment, comment_html, comment_versions, delete_comment_date, delete_comment_user FROM history_entries WHERE id = ? AND content_type = ? AND object_id = ?")
    .get(entryId, kind.contentType, objectId) as CommentEntry | undefined;
}

const authorOf = (entry: CommentEntry): number | null => {
  const u = parse(entry.user, null) as { pk?: unknown } | null;
  return typeof u?.pk === "number" ? u.pk : null;
};

/** Author or project admin (edit, delete, versions); for undelete the user who deleted it or an admin. */
function requireModerator(c: Ctx, access: Access, allowed: number | null): void {
  const user = requireUser(c);
  if (!access.isAdmin && allowed !== user.id) throw denied(access);
}

function registerCommentActions(routes: Routes, kind: HistoryType): void {
  routes.add(`/history/${kind.path}/:id/edit_comment`, {
    POST: async (c) => {
      const db = c.var.deps.db;
      const { project, access, objectId } = loadItemProject(c, kind);
      assertNotBlocked(project);
      const entry = loadEntry(c, kind, objectId);
      if (!entry) return empty(404);
      const body = await readJson(c);
      requireModerator(c, access, authorOf(entry));
      const comment = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).comment : undefined;
      if (comment === undefined || comment === null) return json(c, { error: "comment is required" }, 400);
      if (typeof comment !== "string") return json(c, { error: "comment must be a string" }, 400);
      if (entry.delete_comment_date || entry.delete_comment_user) return json(c, { error: "deleted comments can't be edited" }, 400);
      const user = requireUser(c);
      const versions = (parse(entry.comment_versions, null) as unknown[] | null) ?? [];
      versions.push({ date: entry.created_at, comment: entry.comment, comment_html: entry.comment_html, user: { id: user.id } });
      db.prepare("UPDATE history_entries SET comment = ?, comment_html = ?, comment_versions = ?, edit_comment_date = ? WHERE id = ?").run(
        comment,
        renderMarkdown(comment),
        JSON.stringify(versions),
        nowIso(),
        entry.id,
      );
      return empty(200);
    },
  });
  routes.add(`/history/${kind.path}/:id/delete_comment`, {
    POST: (c) => {
      const { project, access, objectId } = loadItemProject(c, kind);
      assertNotBlocked(project);
      const entry = loadEntry(c, kind, objectId);
      if (!entry) return empty(404);
      requireModerator(c, access, authorOf(entry));
      if (entry.delete_comment_date || entry.delete_comment_user) return json(c, { error: "Comment already deleted" }, 400);
      const user = requireUser(c);
      c.var.deps.db
        .prepare("UPDATE history_entries SET delete_comment_date = ?, delete_comment_user = ? WHERE id = ?")
        .run(nowIso(), JSON.stringify({ pk: user.id, name: fullNameDisplay(user) }), entry.id);
      return empty(200);
    },
  });
  routes.add(`/history/${kind.path}/:id/undelete_comment`, {
    POST: (c) => {
      const { access, objectId } = loadItemProject(c, kind);
      const entry = loadEntry(c, kind, objectId);
      if (!entry) return empty(404);
      const deleter = parse(entry.delete_comment_user, null) as { pk?: unknown } | null;
      requireModerator(c, access, typeof deleter?.pk === "number" ? deleter.pk : null);
      if (!entry.delete_comment_date && !entry.delete_comment_user) return json(c, { error: "Comment not deleted" }, 400);
      c.var.deps.db.prepare("UPDATE history_entries SET delete_comment_date = NULL, delete_comment_user = NULL WHERE id = ?").run(entry.id);
      return empty(200);
    },
  });
  routes.add(`/history/${kind.path}/:id/comment_versions`, {
    GET: (c) => {
      const db = c.var.deps.db;
      const { access, objectId } = loadItemProject(c, kind);
      const entry = loadEntry(c, kind, objectId);
      if (!entry) return empty(404);
      requireModerator(c, access, authorOf(entry));
      const versions = parse(entry.comment_versions, null) as { date: string; comment: string; comment_html: string; user: { id?: number } }[] | null;
      if (!versions) return json(c, null);
      return json(
        c,
        versions.map((v) => {
          const u = typeof v.user?.id === "number" ? getUser(db, v.user.id) : undefined;
          return { date: formatDateTime(v.date), user: u ? serializeUser(db, u) : null, comment: v.comment, comment_html: v.comment_html };
        }),
      );
    },
  });
}

/**
 * Watching stories, tasks, issues, epics and wiki pages (taiga/projects/notifications/mixins.py):
 * `POST /<res>/<id>/watch` and `/unwatch` (200, empty body, harmless when repeated) and
 * `GET /<res>/<id>/watchers` (paginated `[{id, username, full_name}]`). The items' `watchers`,
 * `is_watcher` and `total_watchers` read the same `watchers` rows.
 */
import { requireUser } from "../http/auth";
import type { Ctx, Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { empty } from "../http/respond";
import { nowIso } from "../lib/dates";
import { denied, projectAccess } from "../lib/permissions";
import { getProject } from "../lib/projects";
import { fullNameDisplay } from "../lib/users";
import { addWatcher } from "../lib/workitems";

interface WatchedKind {
  path: string;
  contentType: "userstory" | "task" | "issue" | "epic" | "wikipage";
  table: string;
  view: string;
  notFoundMessage: string;
}

const KINDS: readonly WatchedKind[] = [
  { path: "userstories", contentType: "userstory", table: "userstories", view: "view_us", notFoundMessage: "No UserStory matches the given query." },
  { path: "tasks", contentType: "task", table: "tasks", view: "view_tasks", notFoundMessage: "No Task matches the given query." },
  { path: "issues", contentType: "issue", table: "issues", view: "view_issues", notFoundMessage: "No Issue matches the given query." },
  { path: "epics", contentType: "epic", table: "epics", view: "view_epics", notFoundMessage: "No Epic matches the given query." },
  { path: "wiki", contentType: "wikipage", table: "wiki_pages", view: "view_wiki_pages", notFoundMessage: "No WikiPage matches the given query." },
];

/** The item, visible to the caller (404 / 401 / 403 as Taiga). */
function loadVisible(c: Ctx, kind: WatchedKind): { id: number } {
  const db = c.var.deps.db;
  const id = idParam(c);
  const item = db.prepare(`SELECT id, project_id FROM ${kind.table} WHERE id = ?`).get(id) as { id: number; project_id: number } | undefined;
  const project = item ? getProject(db, item.project_id) : undefined;
  if (!item || !project) throw notFound(kind.notFoundMessage);
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(kind.view)) throw denied(access);
  return item;
}

export function registerWatchers(routes: Routes): void {
  for (const kind of KINDS) {
    routes.add(`/${kind.path}/:id/watch`, {
      POST: (c) => {
        const user = requireUser(c);
        const item = loadVisible(c, kind);
        addWatcher(c.var.deps.db, kind.contentType, item.id, user.id, nowIso());
        return empty(200);
      },
    });
    routes.add(`/${kind.path}/:id/unwatch`, {
      POST: (c) => {
        const user = requireUser(c);
        const item = loadVisible(c, kind);
        c.var.deps.db.prepare("DELETE FROM watchers WHERE content_type = ? AND object_id = ? AND user_id = ?").run(kind.contentType, item.id, user.id);
        return empty(200);
      },
    });
    routes.add(`/${kind.path}/:id/watchers`, {
      GET: (c) => {
        const item = loadVisible(c, kind);
        const db = c.var.deps.db;
        const rows = db
          .prepare(
            `SELECT u.id, u.username, u.full_name FROM watchers w JOIN users u ON u.id = w.user_id
              WHERE w.content_type = ? AND w.object_id = ? ORDER BY w.created_date, u.id`,
          )
          .all(kind.contentType, item.id) as { id: number; username: string; full_name: string }[];
        const out = rows.map((u) => ({ id: u.id, username: u.username, full_name: fullNameDisplay(u) }));
        return paginate(c, out.length, (limit, offset) => (limit < 0 ? out : out.slice(offset, offset + limit)));
      },
    });
  }
}

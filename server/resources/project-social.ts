/**
 * Project likes, watching and leaving: `POST /projects/{id}/like|unlike|watch|unwatch` (logged-in
 * users who can see the project; 200 with an empty body), `GET /projects/{id}/fans|watchers`
 * (paginated `{id, username, full_name}`), `POST /projects/{id}/leave` (members other than the owner
 * or the last admin; 200 empty).
 */
import { requireUser } from "../http/auth";
import type { Ctx, Routes } from "../http/context";
import { permissionDenied } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { empty } from "../http/respond";
import { nowIso } from "../lib/dates";
import { loadVisibleProject } from "../lib/projects";

type Table = "votes" | "watchers";

function toggle(c: Ctx, table: Table, on: boolean): Response {
  const user = requireUser(c);
  const { project } = loadVisibleProject(c, idParam(c));
  const db = c.var.deps.db;
  if (on) {
    db.prepare(`INSERT OR IGNORE INTO ${table} (content_type, object_id, user_id, created_date) VALUES ('project', ?, ?, ?)`).run(project.id, user.id, nowIso());
  } else {
    db.prepare(`DELETE FROM ${table} WHERE content_type = 'project' AND object_id = ? AND user_id = ?`).run(project.id, user.id);
  }
  return empty(200);
}

function people(c: Ctx, table: Table): Response {
  const { project } = loadVisibleProject(c, idParam(c));
  const db = c.var.deps.db;
  const from = `FROM ${table} t JOIN users u ON u.id = t.user_id WHERE t.content_type = 'project' AND t.object_id = ?`;
  const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(project.id) as { n: number }).n;
  return paginate(c, count, (limit, offset) =>
    db.prepare(`SELECT u.id, u.username, u.full_name ${from} ORDER BY u.id LIMIT ? OFFSET ?`).all(project.id, limit, offset),
  );
}

function leave(c: Ctx): Response {
  const user = requireUser(c);
  const { project } = loadVisibleProject(c, idParam(c));
  const db = c.var.deps.db;
  const membership = db.prepare("SELECT id, is_admin FROM memberships WHERE project_id = ? AND user_id = ?").get(project.id, user.id) as
    | { id: number; is_admin: number }
    | undefined;
  if (!membership) throw permissionDenied();
  const otherAdmins = db
    .prepare("SELECT COUNT(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? AND m.is_admin = 1 AND u.is_active = 1 AND m.id <> ?")
    .get(project.id, membership.id) as { n: number };
  if (project.owner_id === user.id || otherAdmins.n === 0) {
    throw permissionDenied("You can't leave the project if you are the owner or there are no more admins");
  }
  db.prepare("DELETE FROM memberships WHERE id = ?").run(membership.id);
  return empty(200);
}

export function registerProjectSocial(routes: Routes): void {
  routes.add("/projects/:id/like", { POST: (c) => toggle(c, "votes", true) });
  routes.add("/projects/:id/unlike", { POST: (c) => toggle(c, "votes", false) });
  routes.add("/projects/:id/watch", { POST: (c) => toggle(c, "watchers", true) });
  routes.add("/projects/:id/unwatch", { POST: (c) => toggle(c, "watchers", false) });
  routes.add("/projects/:id/fans", { GET: (c) => people(c, "votes") });
  routes.add("/projects/:id/watchers", { GET: (c) => people(c, "watchers") });
  routes.add("/projects/:id/leave", { POST: leave });
}

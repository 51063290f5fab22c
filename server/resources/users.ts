/** Users: `GET /users/me`, `GET /users/{id}`, `GET /users/by_username`, `GET /users?project=`. */
import type { Routes } from "../http/context";
import { requireUser } from "../http/auth";
import { badRequest, notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { loadVisibleProject } from "../lib/projects";
import { getUser, serializeMe, serializeUser, type UserRow } from "../lib/users";

export function registerUsers(routes: Routes): void {
  routes.add("/users/me", {
    GET: (c) => json(c, serializeMe(c.var.deps.db, requireUser(c))),
  });
  routes.add("/users/by_username", {
    GET: (c) => {
      const username = c.req.query("username");
      if (!username) throw badRequest("Invalid username");
      const u = c.var.deps.db.prepare("SELECT * FROM users WHERE username = ? AND is_active = 1").get(username) as UserRow | undefined;
      if (!u) throw notFound();
      return json(c, serializeMe(c.var.deps.db, u));
    },
  });
  routes.add("/users", {
    GET: (c) => {
      const db = c.var.deps.db;
      const projectId = intQuery(c, "project");
      if (projectId === undefined) {
        // Without a project, Taiga lists only the caller (anonymous: nobody).
        const me = c.var.user;
        const rows = me ? [serializeUser(db, me)] : [];
        return paginate(c, rows.length, () => rows);
      }
      loadVisibleProject(c, projectId);
      const from = "FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.project_id = ? AND u.is_active = 1";
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(projectId) as { n: number }).n;
      return paginate(c, count, (limit, offset) =>
        (db.prepare(`SELECT u.* ${from} ORDER BY COALESCE(NULLIF(u.full_name, ''), u.username), u.id LIMIT ? OFFSET ?`).all(projectId, limit, offset) as UserRow[]).map(
          (u) => serializeUser(db, u),
        ),
      );
    },
  });
  routes.add("/users/:id", {
    GET: (c) => {
      const u = getUser(c.var.deps.db, idParam(c));
      if (!u || u.is_active !== 1) throw notFound();
      return json(c, serializeMe(c.var.deps.db, u));
    },
  });
}

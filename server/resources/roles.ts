/** Roles, read side: `GET /roles?project=` and `GET /roles/{id}`. */
import type { Db } from "../db";
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { visibleProjectsSql } from "../lib/permissions";
import { loadVisibleProject, stringList } from "../lib/projects";

export interface RoleRow {
  id: number;
  project_id: number;
  name: string;
  slug: string;
  order: number;
  computable: number;
  permissions: string;
}

export function serializeRole(db: Db, r: RoleRow): Record<string, unknown> {
  const members = db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE role_id = ? AND user_id IS NOT NULL").get(r.id) as { n: number };
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    project: r.project_id,
    order: r.order,
    computable: r.computable === 1,
    permissions: stringList(r.permissions),
    members_count: members.n,
  };
}

export function registerRoles(routes: Routes): void {
  routes.add("/roles", {
    GET: (c) => {
      const db = c.var.deps.db;
      const projectId = intQuery(c, "project");
      const visible = visibleProjectsSql(c.var.user, "p");
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (projectId !== undefined) {
        where.push("r.project_id = ?");
        params.push(projectId);
      }
      const from = `FROM roles r JOIN projects p ON p.id = r.project_id WHERE ${where.join(" AND ")}`;
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      return paginate(c, count, (limit, offset) =>
        (db.prepare(`SELECT r.* ${from} ORDER BY r.project_id, r."order", r.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as RoleRow[]).map((r) =>
          serializeRole(db, r),
        ),
      );
    },
  });
  routes.add("/roles/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const role = db.prepare("SELECT * FROM roles WHERE id = ?").get(idParam(c)) as RoleRow | undefined;
      if (!role) throw notFound();
      loadVisibleProject(c, role.project_id);
      return json(c, serializeRole(db, role));
    },
  });
}

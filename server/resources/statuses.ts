/**
 * Read endpoints of the project values: `/userstory-statuses`, `/task-statuses`, `/issue-statuses`,
 * `/epic-statuses`, `/points`, `/priorities`, `/severities`, `/issue-types` (list + detail).
 * Lists are filtered by `?project=` and by what the caller may see; paginated like every list.
 */
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { visibleProjectsSql } from "../lib/permissions";
import { loadVisibleProject } from "../lib/projects";
import { type Row, serializeValue, VALUE_KINDS, type ValueKind } from "../lib/values";

export function registerStatuses(routes: Routes): void {
  for (const kind of VALUE_KINDS) registerKind(routes, kind);
}

function registerKind(routes: Routes, kind: ValueKind): void {
  routes.add(`/${kind.path}`, {
    GET: (c) => {
      const db = c.var.deps.db;
      const projectId = intQuery(c, "project");
      const visible = visibleProjectsSql(c.var.user, "p");
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (projectId !== undefined) {
        where.push("v.project_id = ?");
        params.push(projectId);
      }
      const from = `FROM ${kind.table} v JOIN projects p ON p.id = v.project_id WHERE ${where.join(" AND ")}`;
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      return paginate(c, count, (limit, offset) =>
        (db.prepare(`SELECT v.* ${from} ORDER BY v.project_id, v."order", v.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as Row[]).map(
          (r) => serializeValue(kind, r),
        ),
      );
    },
  });
  routes.add(`/${kind.path}/:id`, {
    GET: (c) => {
      const row = c.var.deps.db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(idParam(c)) as Row | undefined;
      if (!row) throw notFound();
      loadVisibleProject(c, row["project_id"] as number);
      return json(c, serializeValue(kind, row));
    },
  });
}

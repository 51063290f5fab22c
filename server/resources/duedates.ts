/**
 * Due-date colour rules, read side: `GET /userstory-due-dates`, `/task-due-dates`, `/issue-due-dates`
 * (`?project=`, paginated) and their details: `{id, name, order, by_default, days_to_due, color, project}`.
 */
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { visibleProjectsSql } from "../lib/permissions";
import { loadVisibleProject } from "../lib/projects";

interface DueDateRow {
  id: number;
  project_id: number;
  name: string;
  order: number;
  by_default: number;
  color: string;
  days_to_due: number | null;
}

const serialize = (d: DueDateRow) => ({
  id: d.id,
  name: d.name,
  order: d.order,
  by_default: d.by_default === 1,
  days_to_due: d.days_to_due,
  color: d.color,
  project: d.project_id,
});

const KINDS = [
  ["userstory-due-dates", "us"],
  ["task-due-dates", "task"],
  ["issue-due-dates", "issue"],
] as const;

export function registerDueDates(routes: Routes): void {
  for (const [path, kind] of KINDS) {
    routes.add(`/${path}`, {
      GET: (c) => {
        const db = c.var.deps.db;
        const projectId = intQuery(c, "project");
        const visible = visibleProjectsSql(c.var.user, "p");
        const where = ["d.kind = ?", visible.sql];
        const params: unknown[] = [kind, ...visible.params];
        if (projectId !== undefined) {
          where.push("d.project_id = ?");
          params.push(projectId);
        }
        const from = `FROM duedates d JOIN projects p ON p.id = d.project_id WHERE ${where.join(" AND ")}`;
        const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
        return paginate(c, count, (limit, offset) =>
          (db.prepare(`SELECT d.* ${from} ORDER BY d.project_id, d."order", d.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as DueDateRow[]).map(serialize),
        );
      },
    });
    routes.add(`/${path}/:id`, {
      GET: (c) => {
        const row = c.var.deps.db.prepare("SELECT * FROM duedates WHERE id = ? AND kind = ?").get(idParam(c), kind) as DueDateRow | undefined;
        if (!row) throw notFound();
        loadVisibleProject(c, row.project_id);
        return json(c, serialize(row));
      },
    });
  }
}

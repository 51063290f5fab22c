/**
 * Swimlanes, read side: `GET /swimlanes?project=` and `GET /swimlanes/{id}`, each with its per-status
 * WIP rows (`statuses`), plus `GET /swimlane-userstory-statuses`. Write endpoints live with the Kanban
 * resources.
 */
import type { Db } from "../db";
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { visibleProjectsSql } from "../lib/permissions";
import { loadVisibleProject } from "../lib/projects";

interface SwimlaneRow {
  id: number;
  project_id: number;
  name: string;
  order: number;
}

/** The `/swimlanes` shape: `{id, name, order, project, statuses: [...]}`. */
export function serializeSwimlane(db: Db, s: SwimlaneRow): Record<string, unknown> {
  const statuses = db
    .prepare(
      `SELECT st.id, st.name, st.slug, st."order", st.is_closed, st.is_archived, st.color, ss.wip_limit, ss.id AS ss_id
       FROM swimlane_userstory_statuses ss JOIN userstory_statuses st ON st.id = ss.status_id
       WHERE ss.swimlane_id = ? ORDER BY st."order", st.id`,
    )
    .all(s.id) as { id: number; name: string; slug: string; order: number; is_closed: number; is_archived: number; color: string; wip_limit: number; ss_id: number }[];
  return {
    id: s.id,
    name: s.name,
    order: s.order,
    project: s.project_id,
    statuses: statuses.map((st) => ({
      id: st.id,
      name: st.name,
      slug: st.slug,
      order: st.order,
      is_closed: st.is_closed === 1,
      is_archived: st.is_archived === 1,
      color: st.color,
      wip_limit: st.wip_limit,
      swimlane_userstory_status_id: st.ss_id,
    })),
  };
}

export function registerSwimlanes(routes: Routes): void {
  routes.add("/swimlanes", {
    GET: (c) => {
      const db = c.var.deps.db;
      const projectId = intQuery(c, "project");
      const visible = visibleProjectsSql(c.var.user, "p");
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (projectId !== undefined) {
        where.push("s.project_id = ?");
        params.push(projectId);
      }
      const from = `FROM swimlanes s JOIN projects p ON p.id = s.project_id WHERE ${where.join(" AND ")}`;
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      return paginate(c, count, (limit, offset) =>
        (db.prepare(`SELECT s.* ${from} ORDER BY s.project_id, s."order", s.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as SwimlaneRow[]).map(
          (s) => serializeSwimlane(db, s),
        ),
      );
    },
  });
  routes.add("/swimlanes/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const s = db.prepare("SELECT * FROM swimlanes WHERE id = ?").get(idParam(c)) as SwimlaneRow | undefined;
      if (!s) throw notFound();
      loadVisibleProject(c, s.project_id);
      return json(c, serializeSwimlane(db, s));
    },
  });
  routes.add("/swimlane-userstory-statuses", {
    GET: (c) => {
      const db = c.var.deps.db;
      const swimlaneId = intQuery(c, "swimlane");
      const visible = visibleProjectsSql(c.var.user, "p");
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (swimlaneId !== undefined) {
        where.push("ss.swimlane_id = ?");
        params.push(swimlaneId);
      }
      const from = `FROM swimlane_userstory_statuses ss JOIN swimlanes s ON s.id = ss.swimlane_id JOIN projects p ON p.id = s.project_id WHERE ${where.join(" AND ")}`;
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      return paginate(c, count, (limit, offset) =>
        db.prepare(`SELECT ss.id, ss.status_id AS status, ss.swimlane_id AS swimlane, ss.wip_limit ${from} ORDER BY ss.id LIMIT ? OFFSET ?`).all(...params, limit, offset),
      );
    },
  });
}

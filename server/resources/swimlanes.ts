/**
 * Swimlanes, read side: `GET /swimlanes?project=` and `GET /swimlanes/{id}`, each with its per-status
 * WIP rows (`statuses`), plus `GET /swimlane-userstory-statuses`. Write endpoints live with the Kanban
 * resources.
 */
import type { Db } from "../db";
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { loadVisibleProject, paginateVisible } from "../lib/projects";

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
      return paginateVisible<SwimlaneRow, unknown>(
        c,
        {
          select: "s.*",
          from: "swimlanes s JOIN projects p ON p.id = s.project_id",
          orderBy: 's.project_id, s."order", s.id',
          filter: { column: "s.project_id", value: intQuery(c, "project") },
        },
        (s) => serializeSwimlane(db, s),
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
      return paginateVisible(
        c,
        {
          select: "ss.id, ss.status_id AS status, ss.swimlane_id AS swimlane, ss.wip_limit",
          from: "swimlane_userstory_statuses ss JOIN swimlanes s ON s.id = ss.swimlane_id JOIN projects p ON p.id = s.project_id",
          orderBy: "ss.id",
          filter: { column: "ss.swimlane_id", value: intQuery(c, "swimlane") },
        },
        (row) => row,
      );
    },
  });
}

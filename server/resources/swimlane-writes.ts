/**
 * Swimlanes, write side (taiga/projects/api.py `SwimlaneViewSet`, `SwimlaneUserStoryStatusViewSet`):
 * create (the first swimlane adopts every story and becomes the default), rename, delete with
 * `?moveTo=` (every story of the project renumbered), `bulk_update_order`, and the per-swimlane WIP
 * limit rows. All of it is for project admins. The read side is `server/resources/swimlanes.ts`.
 */
import type { Db } from "../db";
import { readObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, blocked, HttpError, notFound, permissionDenied, validationError } from "../http/errors";
import { idParam } from "../http/params";
import { json } from "../http/respond";
import { renumberForSwimlaneDeletion } from "../lib/ordering";
import { denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";
import { serializeSwimlane } from "./swimlanes";

interface SwimlaneRow {
  id: number;
  project_id: number;
  name: string;
  order: number;
}

const SWIMLANE_NOT_FOUND = "No Swimlane matches the given query.";

function getSwimlane(db: Db, id: number): SwimlaneRow | undefined {
  return db.prepare("SELECT * FROM swimlanes WHERE id = ?").get(id) as SwimlaneRow | undefined;
}

/** Project admin or 401/403; then blocked (451) / archived (403) for writes. */
function requireAdminOf(c: Ctx, project: ProjectRow): void {
  const access = projectAccess(c.var.deps.db, c.var.user, project);
  if (!access.isAdmin) throw denied(access);
  if (project.blocked_code) throw blocked();
  if (project.archived_code) throw permissionDenied("Archived element");
}

/** A swimlane to change: 404 for superusers, 401/403 for the others when it does not exist. */
function loadSwimlaneForWrite(c: Ctx): { swimlane: SwimlaneRow; project: ProjectRow } {
  const db = c.var.deps.db;
  const swimlane = getSwimlane(db, idParam(c));
  const project = swimlane ? getProject(db, swimlane.project_id) : undefined;
  if (!swimlane || !project) {
    if (c.var.user?.is_superuser === 1) throw notFound(SWIMLANE_NOT_FOUND);
    throw denied({ anonymous: c.var.user === null });
  }
  requireAdminOf(c, project);
  return { swimlane, project };
}

/** `name`: required, not blank, at most 128 characters, unique in the project. */
function validateName(db: Db, body: Record<string, unknown>, projectId: number | null, selfId: number | null, required: boolean, errors: Record<string, string[]>): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(body, "name")) {
    if (required) errors.name = ["This field is required."];
    return undefined;
  }
  const v = body.name;
  if (v === null || (typeof v !== "string" && typeof v !== "number") || String(v).trim() === "") {
    errors.name = [v === null || typeof v === "string" ? "This field is required." : "Not a valid string."];
    return undefined;
  }
  const name = String(v);
  if (name.length > 128) {
    errors.name = [`Ensure this value has at most 128 characters (it has ${name.length}).`];
    return undefined;
  }
  if (projectId !== null) {
    const dup = db.prepare("SELECT 1 FROM swimlanes WHERE project_id = ? AND name = ? AND id IS NOT ?").get(projectId, name, selfId);
    if (dup) {
      errors.name = ["Duplicated name"];
      return undefined;
    }
  }
  return name;
}

/** Older databases declared `wip_limit` NOT NULL: write 0 ("no limit") there instead of null. */
function nullableWipLimit(db: Db): boolean {
  const cols = db.prepare("PRAGMA table_info(swimlane_userstory_statuses)").all() as { name: string; notnull: number }[];
  return cols.find((col) => col.name === "wip_limit")?.notnull !== 1;
}

async function createSwimlane(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const errors: Record<string, string[]> = {};
  let project: ProjectRow | undefined;
  const raw = body.project;
  if (raw === undefined || raw === null) errors.project = ["This field is required."];
  else if (!(typeof raw === "number" && Number.isSafeInteger(raw)) && !(typeof raw === "string" && /^\d{1,15}$/.test(raw))) {
    errors.project = [`Incorrect type. Expected pk value, received ${Array.isArray(raw) ? "list" : typeof raw === "string" ? "str" : typeof raw === "boolean" ? "bool" : typeof raw === "number" ? "float" : "dict"}.`];
  } else {
    project = getProject(db, Number(raw));
    if (!project) errors.project = [`Invalid pk '${Number(raw)}' - object does not exist.`];
  }
  const name = validateName(db, body, project?.id ?? null, null, true, errors);
  if (Object.keys(errors).length) throw validationError(errors);
  const target = project as ProjectRow;
  requireAdminOf(c, target);

  const id = db.transaction(() => {
    const first = (db.prepare("SELECT COUNT(*) AS n FROM swimlanes WHERE project_id = ?").get(target.id) as { n: number }).n === 0;
    const info = db.prepare('INSERT INTO swimlanes (project_id, name, "order") VALUES (?, ?, ?)').run(target.id, name as string, Date.now());
    const swimlaneId = Number(info.lastInsertRowid);
    const statuses = db.prepare("SELECT id, wip_limit FROM userstory_statuses WHERE project_id = ?").all(target.id) as { id: number; wip_limit: number | null }[];
    const fallback = nullableWipLimit(db) ? null : 0;
    for (const status of statuses) {
      db.prepare("INSERT INTO swimlane_userstory_statuses (swimlane_id, status_id, wip_limit) VALUES (?, ?, ?)").run(
        swimlaneId,
        status.id,
        first ? (status.wip_limit ?? fallback) : fallback,
      );
    }
    if (first) {
      // the first swimlane adopts every story and becomes the project's default
      db.prepare("UPDATE userstories SET swimlane_id = ? WHERE project_id = ?").run(swimlaneId, target.id);
      db.prepare("UPDATE projects SET default_swimlane_id = ? WHERE id = ?").run(swimlaneId, target.id);
    }
    return swimlaneId;
  })();
  return json(c, serializeSwimlane(db, getSwimlane(db, id) as SwimlaneRow), 201);
}

async function updateSwimlane(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const { swimlane } = loadSwimlaneForWrite(c);
  const errors: Record<string, string[]> = {};
  const name = validateName(db, body, swimlane.project_id, swimlane.id, mode === "put", errors);
  if (Object.keys(errors).length) throw validationError(errors);
  if (name !== undefined) db.prepare("UPDATE swimlanes SET name = ? WHERE id = ?").run(name, swimlane.id);
  return json(c, serializeSwimlane(db, getSwimlane(db, swimlane.id) as SwimlaneRow));
}

function deleteSwimlane(c: Ctx): Response {
  const db = c.var.deps.db;
  const { swimlane, project } = loadSwimlaneForWrite(c);
  const lanes = db.prepare('SELECT id FROM swimlanes WHERE project_id = ? ORDER BY "order", name, id').all(project.id) as { id: number }[];
  const moveToRaw = c.req.query("moveTo");
  let moveTo: SwimlaneRow | undefined;
  if (moveToRaw === undefined) {
    if (lanes.length > 1) throw badRequest("Cannot set swimlane to None if there are available swimlanes");
  } else {
    moveTo = /^\d{1,15}$/.test(moveToRaw) ? getSwimlane(db, Number(moveToRaw)) : undefined;
    if (!moveTo || moveTo.project_id !== project.id) throw notFound(SWIMLANE_NOT_FOUND);
  }
  if (project.default_swimlane_id === swimlane.id && lanes.length > 1) throw badRequest("The default swimlane cannot be deleted.");
  if (moveTo && moveTo.id === swimlane.id) throw badRequest("Cannot set swimlane to None if there are available swimlanes");

  db.transaction(() => {
    if (moveTo) {
      const stories = (db.prepare("SELECT id, swimlane_id, kanban_order FROM userstories WHERE project_id = ?").all(project.id) as {
        id: number;
        swimlane_id: number | null;
        kanban_order: number;
      }[]).map((s) => ({ id: s.id, swimlane: s.swimlane_id, order: s.kanban_order }));
      const update = db.prepare("UPDATE userstories SET swimlane_id = ?, kanban_order = ? WHERE id = ?");
      for (const s of renumberForSwimlaneDeletion(stories, lanes.map((l) => l.id), swimlane.id, moveTo.id)) update.run(s.swimlane, s.order, s.id);
    } else {
      db.prepare("UPDATE userstories SET swimlane_id = NULL WHERE swimlane_id = ?").run(swimlane.id);
    }
    if (project.default_swimlane_id === swimlane.id) db.prepare("UPDATE projects SET default_swimlane_id = NULL WHERE id = ?").run(project.id);
    db.prepare("DELETE FROM swimlanes WHERE id = ?").run(swimlane.id);
  })();
  return new Response(null, { status: 204 });
}

async function bulkUpdateSwimlaneOrder(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  if (body.project === undefined || body.project === null || body.project === "") throw badRequest("'project' parameter is mandatory");
  if (body.bulk_swimlanes === undefined || body.bulk_swimlanes === null) throw badRequest("'bulk_swimlanes' parameter is mandatory");
  const projectId = typeof body.project === "number" ? body.project : typeof body.project === "string" && /^\d{1,15}$/.test(body.project) ? Number(body.project) : NaN;
  const project = Number.isSafeInteger(projectId) ? getProject(db, projectId) : undefined;
  if (!project) throw notFound("No Project matches the given query.");
  const list = body.bulk_swimlanes;
  const pairs: [number, number][] = [];
  if (!Array.isArray(list)) throw badRequest("'bulk_swimlanes' parameter is mandatory");
  for (const pair of list) {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((x) => typeof x === "number" && Number.isSafeInteger(x))) {
      throw new HttpError(400, { _error_message: "Invalid data.", _error_type: "taiga.base.exceptions.BadRequest" });
    }
    pairs.push([pair[0] as number, pair[1] as number]);
  }
  requireAdminOf(c, project);
  db.transaction(() => {
    // only the project's own swimlanes are touched (real Taiga does not restrict this one)
    const update = db.prepare('UPDATE swimlanes SET "order" = ? WHERE id = ? AND project_id = ?');
    for (const [id, order] of pairs) update.run(order, id, project.id);
  })();
  return new Response(null, { status: 204 });
}

interface WipRow {
  id: number;
  status: number;
  swimlane: number;
  wip_limit: number | null;
  project_id: number;
}

function loadWipRow(db: Db, id: number): WipRow | undefined {
  return db
    .prepare("SELECT ss.id, ss.status_id AS status, ss.swimlane_id AS swimlane, ss.wip_limit, s.project_id FROM swimlane_userstory_statuses ss JOIN swimlanes s ON s.id = ss.swimlane_id WHERE ss.id = ?")
    .get(id) as WipRow | undefined;
}

const wipBody = (r: WipRow): Record<string, unknown> => ({ id: r.id, status: r.status, swimlane: r.swimlane, wip_limit: r.wip_limit });

async function updateWipLimit(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const row = loadWipRow(db, idParam(c));
  const project = row ? getProject(db, row.project_id) : undefined;
  if (!row || !project) {
    if (c.var.user?.is_superuser === 1) throw notFound("No SwimlaneUserStoryStatus matches the given query.");
    throw denied({ anonymous: c.var.user === null });
  }
  requireAdminOf(c, project);
  if (Object.prototype.hasOwnProperty.call(body, "wip_limit")) {
    const v = body.wip_limit;
    let limit: number | null;
    if (v === null || v === "") limit = null;
    else if (typeof v === "number" && Number.isSafeInteger(v)) limit = v;
    else if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) limit = Number(v);
    else throw validationError({ wip_limit: ["Enter a whole number."] });
    if (limit === null && !nullableWipLimit(db)) limit = 0;
    db.prepare("UPDATE swimlane_userstory_statuses SET wip_limit = ? WHERE id = ?").run(limit, row.id);
  }
  return json(c, wipBody(loadWipRow(db, row.id) as WipRow));
}

export function registerSwimlaneWrites(routes: Routes): void {
  routes.add("/swimlanes", { POST: (c) => createSwimlane(c) });
  routes.add("/swimlanes/bulk_update_order", { POST: (c) => bulkUpdateSwimlaneOrder(c) });
  routes.add("/swimlanes/:id", {
    PUT: (c) => updateSwimlane(c, "put"),
    PATCH: (c) => updateSwimlane(c, "patch"),
    DELETE: (c) => deleteSwimlane(c),
  });
  routes.add("/swimlane-userstory-statuses/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const row = loadWipRow(db, idParam(c));
      const project = row ? getProject(db, row.project_id) : undefined;
      if (!row || !project) throw notFound("No SwimlaneUserStoryStatus matches the given query.");
      const access = projectAccess(db, c.var.user, project);
      if (!access.permissions.has("view_project")) throw denied(access);
      return json(c, wipBody(row));
    },
    PUT: (c) => updateWipLimit(c),
    PATCH: (c) => updateWipLimit(c),
  });
}

/**
 * Writes of the project values (`/userstory-statuses`, `/task-statuses`, `/issue-statuses`,
 * `/epic-statuses`, `/points`, `/priorities`, `/severities`, `/issue-types`): POST (201), PUT/PATCH
 * (200, no version), DELETE with the required `?moveTo=<id>` (items and the project default move
 * first; 204). Project admins only; blocked projects answer 451.
 */
import type { Db } from "../db";
import { readObject, Validator } from "../http/body";
import type { Ctx } from "../http/context";
import { badRequest, notFound, validationError } from "../http/errors";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { nowMicros } from "../lib/dates";
import { adminProject, getProject } from "../lib/projects";
import { type Row, serializeValue, type ValueKind } from "../lib/values";
import { slugify } from "../lib/slug";

type Fields = Record<string, unknown>;

const hasColumn = (kind: ValueKind, column: string): boolean => kind.columns.includes(column);

/** Reads and validates the writable fields of a value; `full` = create or PUT (name required). */
function readFields(kind: ValueKind, v: Validator, full: boolean): Fields {
  const out: Fields = {};
  const name = v.string("name", { required: full, maxLength: 255 });
  if (name !== undefined && name !== null) out["name"] = name;
  if (hasColumn(kind, "color")) {
    const color = v.string("color", { maxLength: 20, allowBlank: true });
    if (typeof color === "string") out["color"] = color;
  }
  const order = v.integer("order");
  if (typeof order === "number") out["order"] = order;
  for (const flag of kind.booleans) {
    const b = v.boolean(flag);
    if (typeof b === "boolean") out[flag] = b ? 1 : 0;
  }
  if (hasColumn(kind, "wip_limit") && v.has("wip_limit")) {
    const limit = v.integer("wip_limit", { allowNull: true, min: 0 });
    if (limit !== undefined) out["wip_limit"] = limit;
  }
  if (hasColumn(kind, "value") && v.has("value")) {
    const raw = v.body["value"];
    const n = raw === null ? null : typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
    if (n !== null && !Number.isFinite(n)) v.fail("value", "Enter a number.");
    else out["value"] = n;
  }
  return out;
}

/** A slug from the name, unique among the project's values of this kind. */
function uniqueSlug(db: Db, kind: ValueKind, projectId: number, name: string, exceptId: number | null): string {
  const base = slugify(name) || "status";
  let slug = base;
  for (let i = 1; db.prepare(`SELECT 1 FROM ${kind.table} WHERE project_id = ? AND slug = ? AND id IS NOT ?`).get(projectId, slug, exceptId); i++) {
    slug = `${base}-${i}`;
  }
  return slug;
}

function assertNameFree(db: Db, kind: ValueKind, projectId: number, name: unknown, exceptId: number | null): void {
  if (typeof name !== "string") return;
  if (db.prepare(`SELECT 1 FROM ${kind.table} WHERE project_id = ? AND name = ? AND id IS NOT ?`).get(projectId, name, exceptId)) {
    throw validationError({ name: ["Duplicated name"] });
  }
}

export async function createValue(c: Ctx, kind: ValueKind): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const v = new Validator(body);
  const projectId = v.pk("project", { required: true });
  const fields = readFields(kind, v, true);
  v.check();
  const project = getProject(db, projectId as number);
  if (!project) throw validationError({ project: [`Invalid pk '${String(projectId)}' - object does not exist.`] });
  adminProject(c, project.id);
  assertNameFree(db, kind, project.id, fields["name"], null);
  if (hasColumn(kind, "slug")) fields["slug"] = uniqueSlug(db, kind, project.id, fields["name"] as string, null);
  const row = db.transaction(() => {
    const cols = ["project_id", ...Object.keys(fields)];
    const info = db
      .prepare(`INSERT INTO ${kind.table} (${cols.map((col) => `"${col}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)
      .run(project.id, ...Object.values(fields));
    const id = Number(info.lastInsertRowid);
    if (kind.table === "userstory_statuses") {
      // every swimlane gets a WIP row for the new column; the limit is copied only with exactly one lane
      const lanes = db.prepare("SELECT id FROM swimlanes WHERE project_id = ?").all(project.id) as { id: number }[];
      const limit = lanes.length === 1 && typeof fields["wip_limit"] === "number" ? fields["wip_limit"] : 0;
      for (const lane of lanes) db.prepare("INSERT INTO swimlane_userstory_statuses (swimlane_id, status_id, wip_limit) VALUES (?, ?, ?)").run(lane.id, id, limit);
    }
    return db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(id) as Row;
  })();
  return json(c, serializeValue(kind, row), 201);
}

export async function updateValue(c: Ctx, kind: ValueKind, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const existing = db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(id) as Row | undefined;
  if (!existing) throw notFound();
  const projectId = existing["project_id"] as number;
  adminProject(c, projectId);
  const body = await readObject(c);
  const v = new Validator(body);
  const fields = readFields(kind, v, full);
  v.check();
  assertNameFree(db, kind, projectId, fields["name"], id);
  if (hasColumn(kind, "slug") && typeof fields["name"] === "string") fields["slug"] = uniqueSlug(db, kind, projectId, fields["name"], id);
  const row = db.transaction(() => {
    const cols = Object.keys(fields);
    if (cols.length > 0) {
      db.prepare(`UPDATE ${kind.table} SET ${cols.map((col) => `"${col}" = ?`).join(", ")} WHERE id = ?`).run(...Object.values(fields), id);
    }
    return db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(id) as Row;
  })();
  return json(c, serializeValue(kind, row));
}

export function deleteValue(c: Ctx, kind: ValueKind): Response {
  const db = c.var.deps.db;
  const id = idParam(c);
  const moveToRaw = c.req.query("moveTo");
  if (moveToRaw === undefined) throw badRequest("Query param 'moveTo' is required");
  if (!/^\d{1,15}$/.test(moveToRaw)) throw notFound();
  const target = db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(Number(moveToRaw)) as Row | undefined;
  if (!target) throw notFound();
  adminProject(c, target["project_id"] as number);
  const existing = db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(id) as Row | undefined;
  if (!existing) throw notFound();
  const projectId = existing["project_id"] as number;
  adminProject(c, projectId);
  // Deviation from taiga-back, which accepts a target of another project and leaves the items pointing there.
  if (target["project_id"] !== projectId) throw badRequest("'moveTo' must be a value of the same project");
  if (target["id"] === id) throw badRequest("'moveTo' must be another value");
  const targetId = target["id"] as number;
  db.transaction(() => {
    const { table, column } = kind.usedBy;
    if (kind.table === "userstory_statuses") {
      // moved stories go to the end of the target column, keeping their relative order
      const moved = db
        .prepare(
          `SELECT u.id FROM userstories u LEFT JOIN swimlanes s ON s.id = u.swimlane_id WHERE u.status_id = ?
           ORDER BY s."order" IS NOT NULL, s."order", u.kanban_order, u.id`,
        )
        .all(id) as { id: number }[];
      const last = db.prepare("SELECT MAX(kanban_order) AS m FROM userstories WHERE status_id = ?").get(targetId) as { m: number | null };
      const start = Math.max(nowMicros(), (last.m ?? 0) + 1);
      moved.forEach((story, i) => db.prepare("UPDATE userstories SET status_id = ?, kanban_order = ? WHERE id = ?").run(targetId, start + i, story.id));
    } else {
      db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(targetId, id);
    }
    db.prepare(`UPDATE projects SET ${kind.projectDefault} = ? WHERE id = ? AND ${kind.projectDefault} = ?`).run(targetId, projectId, id);
    db.prepare(`DELETE FROM ${kind.table} WHERE id = ?`).run(id);
  })();
  return empty(204);
}

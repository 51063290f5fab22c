/**
 * Roles: `GET /roles?project=`, `GET /roles/{id}`, and for project admins `POST /roles` (201),
 * `PATCH`/`PUT /roles/{id}` (no version; the slug is kept), `DELETE /roles/{id}[?moveTo=<role>]`
 * (members move to the other role first, otherwise their memberships go with the role; 204).
 */
import type { Db } from "../db";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notFound, validationError } from "../http/errors";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { requireAdmin } from "../lib/permissions";
import { accessTo, assertNotBlocked, getProject, loadVisibleProject, paginateVisible, stringList } from "../lib/projects";
import { slugify } from "../lib/slug";

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

function readRoleFields(v: Validator, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const name = v.string("name", { required: full, maxLength: 200 });
  if (typeof name === "string") out["name"] = name;
  const order = v.integer("order");
  if (typeof order === "number") out["order"] = order;
  const computable = v.boolean("computable");
  if (typeof computable === "boolean") out["computable"] = computable ? 1 : 0;
  if (v.has("permissions")) {
    const perms = v.body["permissions"];
    if (!Array.isArray(perms) || !perms.every((p) => typeof p === "string")) v.fail("permissions", `${JSON.stringify(perms)} is not a list`);
    else out["permissions"] = JSON.stringify([...new Set(perms as string[])]);
  }
  return out;
}

function uniqueRoleSlug(db: Db, projectId: number, name: string): string {
  const root = slugify(name) || "role";
  let slug = root;
  for (let i = 1; db.prepare("SELECT 1 FROM roles WHERE project_id = ? AND slug = ?").get(projectId, slug); i++) slug = `${root}-${i}`;
  return slug;
}

function adminOf(c: Ctx, projectId: number): void {
  const project = getProject(c.var.deps.db, projectId);
  if (!project) throw notFound();
  requireAdmin(accessTo(c, project));
  assertNotBlocked(project);
}

async function createRole(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const v = new Validator(await readObject(c));
  const projectId = v.pk("project", { required: true });
  const fields = readRoleFields(v, true);
  v.check();
  if (!getProject(db, projectId as number)) throw validationError({ project: [`Invalid pk '${String(projectId)}' - object does not exist.`] });
  adminOf(c, projectId as number);
  const row = db.transaction(() => {
    const values = { computable: 1, permissions: "[]", ...fields, slug: uniqueRoleSlug(db, projectId as number, fields["name"] as string) };
    const cols = Object.keys(values);
    const info = db
      .prepare(`INSERT INTO roles (project_id, ${cols.map((k) => `"${k}"`).join(", ")}) VALUES (?, ${cols.map(() => "?").join(", ")})`)
      .run(projectId, ...Object.values(values));
    return db.prepare("SELECT * FROM roles WHERE id = ?").get(info.lastInsertRowid) as RoleRow;
  })();
  return json(c, serializeRole(db, row), 201);
}

async function updateRole(c: Ctx, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const role = db.prepare("SELECT * FROM roles WHERE id = ?").get(id) as RoleRow | undefined;
  if (!role) throw notFound();
  adminOf(c, role.project_id);
  const v = new Validator(await readObject(c));
  const fields = readRoleFields(v, full);
  v.check();
  const cols = Object.keys(fields);
  if (cols.length > 0) db.prepare(`UPDATE roles SET ${cols.map((k) => `"${k}" = ?`).join(", ")} WHERE id = ?`).run(...Object.values(fields), id);
  return json(c, serializeRole(db, db.prepare("SELECT * FROM roles WHERE id = ?").get(id) as RoleRow));
}

function deleteRole(c: Ctx): Response {
  const db = c.var.deps.db;
  const id = idParam(c);
  const role = db.prepare("SELECT * FROM roles WHERE id = ?").get(id) as RoleRow | undefined;
  if (!role) throw notFound();
  adminOf(c, role.project_id);
  const moveTo = c.req.query("moveTo");
  let target: RoleRow | undefined;
  if (moveTo) {
    target = /^\d{1,15}$/.test(moveTo) ? (db.prepare("SELECT * FROM roles WHERE id = ? AND project_id = ?").get(Number(moveTo), role.project_id) as RoleRow | undefined) : undefined;
    if (!target || target.id === id) throw notFound();
  }
  db.transaction(() => {
    if (target) db.prepare("UPDATE memberships SET role_id = ? WHERE role_id = ?").run(target.id, id);
    else db.prepare("DELETE FROM memberships WHERE role_id = ?").run(id);
    db.prepare("DELETE FROM roles WHERE id = ?").run(id);
  })();
  return empty(204);
}

export function registerRoles(routes: Routes): void {
  routes.add("/roles", {
    GET: (c) => {
      const db = c.var.deps.db;
      return paginateVisible<RoleRow, unknown>(
        c,
        {
          select: "r.*",
          from: "roles r JOIN projects p ON p.id = r.project_id",
          orderBy: 'r.project_id, r."order", r.id',
          filter: { column: "r.project_id", value: intQuery(c, "project") },
        },
        (r) => serializeRole(db, r),
      );
    },
    POST: createRole,
  });
  routes.add("/roles/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const role = db.prepare("SELECT * FROM roles WHERE id = ?").get(idParam(c)) as RoleRow | undefined;
      if (!role) throw notFound();
      loadVisibleProject(c, role.project_id);
      return json(c, serializeRole(db, role));
    },
    PATCH: (c) => updateRole(c, false),
    PUT: (c) => updateRole(c, true),
    DELETE: deleteRole,
  });
}

/**
 * Project templates (taiga/projects/api.py `ProjectTemplateViewSet`): `GET /project-templates`
 * (anyone; ordered by order, name; paginated), `GET /project-templates/{id}`, and for superusers `POST`,
 * `PUT`, `PATCH`, `DELETE`. The body is validated before the permission check, as Taiga does:
 * `name`, `description` and `default_owner_role` are required. A template made from a project is
 * `POST /projects/{id}/create_template` (server/resources/project-admin.ts).
 */
import type { Db } from "../db";
import { type JsonObject, readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { denied } from "../lib/permissions";
import { getTemplate, serializeTemplate, TEMPLATE_FLAGS, templateData, type TemplateRow, uniqueTemplateSlug } from "../lib/project-templates";
import { nowIso } from "../lib/dates";

/** The JSON fields ProjectTemplateValidator accepts (any JSON; Taiga does not look inside). */
const JSON_FIELDS = ["default_options", "us_statuses", "points", "task_statuses", "issue_statuses", "issue_types", "priorities", "severities", "roles", "epic_statuses"] as const;

const NOT_FOUND = "No ProjectTemplate matches the given query.";

/** Superusers only (401 anonymous, 403 others). */
function requireSuperuser(c: Ctx): void {
  if (c.var.user?.is_superuser !== 1) throw denied({ anonymous: c.var.user === null });
}

interface TemplateInput {
  columns: Record<string, unknown>;
  data: Record<string, unknown>;
}

function validate(db: Db, body: JsonObject, full: boolean, existing?: TemplateRow): TemplateInput {
  const v = new Validator(body);
  const columns: Record<string, unknown> = {};
  const name = v.string("name", { required: full, maxLength: 250 });
  if (name !== undefined && name !== null) columns.name = name;
  const description = v.string("description", { required: full });
  if (description !== undefined && description !== null) columns.description = description;
  const ownerRole = v.string("default_owner_role", { required: full, maxLength: 50 });
  if (ownerRole !== undefined && ownerRole !== null) columns.default_owner_role = ownerRole;
  const slug = v.string("slug", { allowBlank: true, maxLength: 250 });
  if (slug) {
    const owner = db.prepare("SELECT id FROM project_templates WHERE slug = ?").get(slug) as { id: number } | undefined;
    if (!/^[-a-zA-Z0-9_]+$/.test(slug)) v.fail("slug", "Enter a valid 'slug' consisting of letters, numbers, underscores or hyphens.");
    else if (owner && owner.id !== existing?.id) v.fail("slug", "Project template with this Slug already exists.");
    else columns.slug = slug;
  }
  const order = v.integer("order");
  if (typeof order === "number") columns.order = order;
  for (const flag of [...TEMPLATE_FLAGS, "is_looking_for_people"]) {
    const b = v.boolean(flag);
    if (typeof b === "boolean") columns[flag] = b ? 1 : 0;
  }
  const note = v.string("looking_for_people_note", { allowBlank: true });
  if (typeof note === "string") columns.looking_for_people_note = note;
  for (const field of ["videoconferences", "videoconferences_extra_data"]) {
    const s = v.string(field, { allowNull: true, allowBlank: true, maxLength: 250 });
    if (s !== undefined) columns[field] = s;
  }
  v.check();
  const data: Record<string, unknown> = {};
  for (const field of JSON_FIELDS) if (Object.prototype.hasOwnProperty.call(body, field)) data[field] = body[field];
  return { columns, data };
}

async function create(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const input = validate(db, await readObject(c), true);
  requireSuperuser(c);
  const now = nowIso();
  const columns: Record<string, unknown> = {
    slug: uniqueTemplateSlug(db, input.columns.name as string),
    order: Date.now(),
    ...input.columns,
    created_date: now,
    modified_date: now,
    data: JSON.stringify(input.data),
  };
  const keys = Object.keys(columns);
  const info = db.prepare(`INSERT INTO project_templates (${keys.map((k) => `"${k}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(...keys.map((k) => columns[k]));
  return json(c, serializeTemplate(getTemplate(db, Number(info.lastInsertRowid)) as TemplateRow), 201);
}

async function update(c: Ctx, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const existing = getTemplate(db, idParam(c));
  requireSuperuser(c);
  if (!existing) throw notFound();
  const input = validate(db, await readObject(c), full, existing);
  const columns: Record<string, unknown> = { ...input.columns };
  // a full update puts back the model default of an order that was not sent: "now"
  if (full && columns.order === undefined) columns.order = Date.now();
  columns.modified_date = nowIso();
  columns.data = JSON.stringify({ ...templateData(existing), ...input.data });
  const keys = Object.keys(columns);
  db.prepare(`UPDATE project_templates SET ${keys.map((k) => `"${k}" = ?`).join(", ")} WHERE id = ?`).run(...keys.map((k) => columns[k]), existing.id);
  return json(c, serializeTemplate(getTemplate(db, existing.id) as TemplateRow));
}

export function registerProjectTemplates(routes: Routes): void {
  routes.add("/project-templates", {
    GET: (c) => {
      const rows = c.var.deps.db.prepare(`SELECT * FROM project_templates ORDER BY "order", name, id`).all() as TemplateRow[];
      return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map(serializeTemplate));
    },
    POST: create,
  });
  routes.add("/project-templates/:id", {
    GET: (c) => {
      const t = getTemplate(c.var.deps.db, idParam(c));
      if (!t) throw notFound(NOT_FOUND);
      return json(c, serializeTemplate(t));
    },
    PUT: (c) => update(c, true),
    PATCH: (c) => update(c, false),
    DELETE: (c) => {
      const db = c.var.deps.db;
      const t = getTemplate(db, idParam(c));
      requireSuperuser(c);
      if (!t) throw notFound();
      db.transaction(() => {
        db.prepare("UPDATE projects SET creation_template = NULL WHERE creation_template = ?").run(t.id);
        db.prepare("DELETE FROM project_templates WHERE id = ?").run(t.id);
      })();
      return empty(204);
    },
  });
}

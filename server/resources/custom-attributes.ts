/**
 * Custom attributes (taiga/projects/custom_attributes): the fields a project adds to its epics, stories,
 * tasks and issues, and their values per item.
 *
 * - `/epic-custom-attributes`, `/userstory-custom-attributes`, `/task-custom-attributes`,
 *   `/issue-custom-attributes`: list (`?project=`, paginated, by order then name), detail, and for
 *   project admins create, PUT/PATCH, DELETE and `bulk_update_order` (`[[id, order], ...]`, 204).
 *   `name` is unique in the project per kind; `type` one of text, multiline, richtext, date, url,
 *   dropdown, checkbox, number.
 * - `/epics|userstories|tasks|issues/custom-attributes-values/{item id}`: `{attributes_values, version,
 *   <item>}`; PUT/PATCH replace `attributes_values` (keys must be attribute ids of the item's project)
 *   with the item's modify permission and `version`. A change is written to the item's history (diff
 *   key `custom_attributes`).
 *
 * Deliberate deviation: taiga-back looks the OCC window up under a key that has no history, so any
 * stale `version` passes and a concurrent edit is lost; here an older `version` is refused (400), since
 * every update of the values object rewrites its one field.
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { type JsonObject, readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notFound, validationError } from "../http/errors";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";
import { HISTORY_TYPE, recordHistory } from "../lib/history";
import { checkOcc, VERSION_MISMATCH } from "../lib/occ";
import { type Access, denied, projectAccess, requireAdmin } from "../lib/permissions";
import { getProject, paginateVisible, type ProjectRow } from "../lib/projects";
import { assertWritable } from "../lib/workitem-handlers";
import { bulkUpdateOrder } from "./statuses";

export const ATTRIBUTE_TYPES = ["text", "multiline", "richtext", "date", "url", "dropdown", "checkbox", "number"] as const;

interface AttributeKind {
  /** `custom_attributes.kind` and history content type */
  kind: "epic" | "userstory" | "task" | "issue";
  /** `/userstory-custom-attributes` */
  path: string;
  /** `bulk_userstory_custom_attributes` */
  bulkParam: string;
  /** the items: `/userstories/custom-attributes-values/{id}` */
  itemPath: string;
  itemTable: string;
  /** key of the item id in the values object */
  itemField: string;
  view: string;
  modify: string;
  notFound: string;
}

const KINDS: readonly AttributeKind[] = [
  { kind: "epic", path: "epic-custom-attributes", bulkParam: "bulk_epic_custom_attributes", itemPath: "epics", itemTable: "epics", itemField: "epic", view: "view_epics", modify: "modify_epic", notFound: "EpicCustomAttribute" },
  { kind: "userstory", path: "userstory-custom-attributes", bulkParam: "bulk_userstory_custom_attributes", itemPath: "userstories", itemTable: "userstories", itemField: "user_story", view: "view_us", modify: "modify_us", notFound: "UserStoryCustomAttribute" },
  { kind: "task", path: "task-custom-attributes", bulkParam: "bulk_task_custom_attributes", itemPath: "tasks", itemTable: "tasks", itemField: "task", view: "view_tasks", modify: "modify_task", notFound: "TaskCustomAttribute" },
  { kind: "issue", path: "issue-custom-attributes", bulkParam: "bulk_issue_custom_attributes", itemPath: "issues", itemTable: "issues", itemField: "issue", view: "view_issues", modify: "modify_issue", notFound: "IssueCustomAttribute" },
];

interface AttributeRow {
  id: number;
  project_id: number;
  kind: string;
  name: string;
  description: string;
  type: string;
  order: number;
  extra: string | null;
  created_date: string;
  modified_date: string;
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

const serializeAttribute = (a: AttributeRow): Record<string, unknown> => ({
  id: a.id,
  name: a.name,
  description: a.description,
  type: a.type,
  order: a.order,
  project: a.project_id,
  extra: parseJson(a.extra),
  created_date: formatDateTime(a.created_date),
  modified_date: formatDateTime(a.modified_date),
});

/* ================================================================== attributes ================================================================== */

function loadAttribute(c: Ctx, k: AttributeKind): { attribute: AttributeRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const attribute = db.prepare("SELECT * FROM custom_attributes WHERE id = ? AND kind = ?").get(idParam(c), k.kind) as AttributeRow | undefined;
  const project = attribute ? getProject(db, attribute.project_id) : undefined;
  if (!attribute || !project) throw notFound(`No ${k.notFound} matches the given query.`);
  return { attribute, project, access: projectAccess(db, c.var.user, project) };
}

/** BaseCustomAttributeValidator: name (unique per project and kind, at most 64), type, description, order, extra. */
function validateAttribute(db: Db, k: AttributeKind, body: JsonObject, existing: AttributeRow | null, full: boolean): Record<string, unknown> {
  const v = new Validator(body);
  const out: Record<string, unknown> = {};
  const projectId = v.pk("project", { required: full });
  if (typeof projectId === "number") {
    if (!getProject(db, projectId)) v.fail("project", `Invalid pk '${projectId}' - object does not exist.`);
    else out.project_id = projectId;
  }
  const name = v.string("name", { required: full, maxLength: 64 });
  if (typeof name === "string") out.name = name;
  const description = v.string("description", { allowBlank: true });
  if (typeof description === "string") out.description = description;
  const type = v.string("type", { required: false, maxLength: 16 });
  if (typeof type === "string") {
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(type)) v.fail("type", `Select a valid choice. ${type} is not one of the available choices.`);
    else out.type = type;
  }
  const order = v.integer("order");
  if (typeof order === "number") out.order = order;
  if (Object.prototype.hasOwnProperty.call(body, "extra")) out.extra = body.extra === null ? null : JSON.stringify(body.extra);
  const targetProject = (out.project_id as number | undefined) ?? existing?.project_id;
  const targetName = (out.name as string | undefined) ?? existing?.name;
  if (!v.errors.name && !v.errors.project && targetProject !== undefined && targetName !== undefined) {
    const clash = db.prepare("SELECT id FROM custom_attributes WHERE project_id = ? AND kind = ? AND name = ? AND id <> ?").get(targetProject, k.kind, targetName, existing?.id ?? -1);
    if (clash) v.fail(out.name !== undefined ? "name" : "project", "Already exists one with the same name.");
  }
  v.check();
  return out;
}

async function createAttribute(c: Ctx, k: AttributeKind): Promise<Response> {
  const db = c.var.deps.db;
  const data = validateAttribute(db, k, await readObject(c), null, true);
  const project = getProject(db, data.project_id as number) as ProjectRow;
  requireAdmin(projectAccess(db, c.var.user, project));
  assertWritable(project);
  const now = nowIso();
  const info = db
    .prepare(`INSERT INTO custom_attributes (project_id, kind, name, description, type, "order", extra, created_date, modified_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(project.id, k.kind, data.name, data.description ?? "", data.type ?? "text", data.order ?? Date.now(), data.extra ?? null, now, now);
  return json(c, serializeAttribute(db.prepare("SELECT * FROM custom_attributes WHERE id = ?").get(Number(info.lastInsertRowid)) as AttributeRow), 201);
}

async function updateAttribute(c: Ctx, k: AttributeKind, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const { attribute, project, access } = loadAttribute(c, k);
  requireAdmin(access);
  const data = validateAttribute(db, k, await readObject(c), attribute, full);
  if (data.project_id !== undefined && data.project_id !== project.id) {
    const target = getProject(db, data.project_id as number) as ProjectRow;
    requireAdmin(projectAccess(db, c.var.user, target));
  }
  assertWritable(project);
  if (full && data.order === undefined) data.order = Date.now();
  data.modified_date = nowIso();
  const keys = Object.keys(data);
  db.prepare(`UPDATE custom_attributes SET ${keys.map((key) => `"${key}" = ?`).join(", ")} WHERE id = ?`).run(...keys.map((key) => data[key]), attribute.id);
  return json(c, serializeAttribute(db.prepare("SELECT * FROM custom_attributes WHERE id = ?").get(attribute.id) as AttributeRow));
}

function deleteAttribute(c: Ctx, k: AttributeKind): Response {
  const db = c.var.deps.db;
  const { attribute, project, access } = loadAttribute(c, k);
  requireAdmin(access);
  assertWritable(project);
  db.transaction(() => {
    db.prepare("DELETE FROM custom_attributes WHERE id = ?").run(attribute.id);
    // the values of the deleted field go with it
    const rows = db
      .prepare(`SELECT v.object_id, v.attributes_values FROM custom_attribute_values v JOIN ${k.itemTable} i ON i.id = v.object_id WHERE v.kind = ? AND i.project_id = ?`)
      .all(k.kind, project.id) as { object_id: number; attributes_values: string }[];
    const update = db.prepare("UPDATE custom_attribute_values SET attributes_values = ? WHERE kind = ? AND object_id = ?");
    for (const r of rows) {
      const values = (parseJson(r.attributes_values) ?? {}) as Record<string, unknown>;
      if (!(String(attribute.id) in values)) continue;
      delete values[String(attribute.id)];
      update.run(JSON.stringify(values), k.kind, r.object_id);
    }
  })();
  return empty(204);
}

/* ================================================================== values ================================================================== */

interface ValuesRow {
  attributes_values: string;
  version: number;
}

function loadItem(c: Ctx, k: AttributeKind): { itemId: number; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const item = db.prepare(`SELECT id, project_id FROM ${k.itemTable} WHERE id = ?`).get(idParam(c)) as { id: number; project_id: number } | undefined;
  const project = item ? getProject(db, item.project_id) : undefined;
  if (!item || !project) throw notFound(`No ${k.notFound}sValues matches the given query.`);
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(k.view)) throw denied(access);
  return { itemId: item.id, project, access };
}

function valuesOf(db: Db, k: AttributeKind, itemId: number): ValuesRow {
  return (db.prepare("SELECT attributes_values, version FROM custom_attribute_values WHERE kind = ? AND object_id = ?").get(k.kind, itemId) as ValuesRow | undefined) ?? { attributes_values: "{}", version: 1 };
}

const serializeValues = (k: AttributeKind, itemId: number, v: ValuesRow): Record<string, unknown> => ({
  attributes_values: parseJson(v.attributes_values) ?? {},
  version: v.version,
  [k.itemField]: itemId,
});

/** The history value of a set of attribute values: `[{id, name, value}]` in attribute order. */
function describeValues(db: Db, projectId: number, k: AttributeKind, values: Record<string, unknown>): { id: number; name: string; value: unknown }[] {
  const names = db.prepare(`SELECT id, name FROM custom_attributes WHERE project_id = ? AND kind = ? ORDER BY "order", name`).all(projectId, k.kind) as { id: number; name: string }[];
  return names.filter((a) => String(a.id) in values).map((a) => ({ id: a.id, name: a.name, value: values[String(a.id)] }));
}

async function updateValues(c: Ctx, k: AttributeKind, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const { itemId, project, access } = loadItem(c, k);
  if (!access.permissions.has(k.modify)) throw denied(access);
  const user = requireUser(c);
  const current = valuesOf(db, k, itemId);
  const v = new Validator(body);
  if (!Object.prototype.hasOwnProperty.call(body, "attributes_values") && full) v.fail("attributes_values", "This field is required.");
  const incoming = body.attributes_values;
  const values = incoming === undefined ? ((parseJson(current.attributes_values) ?? {}) as Record<string, unknown>) : incoming;
  if (!values || typeof values !== "object" || Array.isArray(values)) v.fail("attributes_values", 'Invalid content. It must be {"key": "value",...}');
  else {
    const ids = Object.keys(values);
    const known = ids.length
      ? (db.prepare(`SELECT COUNT(*) AS n FROM custom_attributes WHERE project_id = ? AND kind = ? AND CAST(id AS TEXT) IN (${ids.map(() => "?").join(", ")})`).get(project.id, k.kind, ...ids) as { n: number }).n
      : 0;
    if (known !== ids.length) v.fail("attributes_values", "It contains invalid custom fields.");
  }
  if (body.version !== undefined && body.version !== null && !/^\s*-?\d+\s*$/.test(String(body.version))) v.fail("version", "Enter a whole number.");
  v.check();
  const occ = checkOcc(body, current.version, []);
  if (!occ.ok) throw validationError({ ...occ.body });
  if (Number(body.version) < current.version) throw validationError({ version: VERSION_MISMATCH });
  assertWritable(project);
  const next = values as Record<string, unknown>;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO custom_attribute_values (kind, object_id, attributes_values, version) VALUES (?, ?, ?, ?)
       ON CONFLICT(kind, object_id) DO UPDATE SET attributes_values = excluded.attributes_values, version = excluded.version`,
    ).run(k.kind, itemId, JSON.stringify(next), current.version + 1);
    const before = describeValues(db, project.id, k, (parseJson(current.attributes_values) ?? {}) as Record<string, unknown>);
    const after = describeValues(db, project.id, k, next);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    const byId = (list: typeof before): Map<number, (typeof before)[number]> => new Map(list.map((a) => [a.id, a]));
    const was = byId(before);
    const now = byId(after);
    recordHistory(db, {
      projectId: project.id,
      contentType: k.kind,
      objectId: itemId,
      type: HISTORY_TYPE.change,
      user,
      diff: { custom_attributes: [before, after] },
      values: { users: {} },
      valuesDiff: {
        custom_attributes: {
          new: after.filter((a) => !was.has(a.id)).map((a) => ({ name: a.name, value: a.value })),
          changed: after.filter((a) => was.has(a.id) && JSON.stringify(was.get(a.id)?.value) !== JSON.stringify(a.value)).map((a) => ({ name: a.name, changes: { value: [was.get(a.id)?.value ?? null, a.value] } })),
          deleted: before.filter((a) => !now.has(a.id)).map((a) => ({ name: a.name, value: a.value })),
        },
      },
    });
  })();
  return json(c, serializeValues(k, itemId, valuesOf(db, k, itemId)));
}

export function registerCustomAttributes(routes: Routes): void {
  for (const k of KINDS) {
    routes.add(`/${k.path}`, {
      GET: (c) =>
        paginateVisible<AttributeRow, unknown>(
          c,
          {
            select: "a.*",
            from: `custom_attributes a JOIN projects p ON p.id = a.project_id AND a.kind = '${k.kind}'`,
            orderBy: 'a.project_id, a."order", a.name, a.id',
            filter: { column: "a.project_id", value: intQuery(c, "project") },
          },
          serializeAttribute,
        ),
      POST: (c) => createAttribute(c, k),
    });
    routes.add(`/${k.path}/bulk_update_order`, { POST: (c) => bulkUpdateOrder(c, "custom_attributes", k.bulkParam, { column: "kind", value: k.kind }) });
    routes.add(`/${k.path}/:id`, {
      GET: (c) => {
        const { attribute, access } = loadAttribute(c, k);
        if (!access.permissions.has("view_project")) throw denied(access);
        return json(c, serializeAttribute(attribute));
      },
      PUT: (c) => updateAttribute(c, k, true),
      PATCH: (c) => updateAttribute(c, k, false),
      DELETE: (c) => deleteAttribute(c, k),
    });
    routes.add(`/${k.itemPath}/custom-attributes-values/:id`, {
      GET: (c) => {
        const { itemId } = loadItem(c, k);
        return json(c, serializeValues(k, itemId, valuesOf(c.var.deps.db, k, itemId)));
      },
      PUT: (c) => updateValues(c, k, true),
      PATCH: (c) => updateValues(c, k, false),
    });
  }
}

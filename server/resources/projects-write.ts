/**
 * Project writes: `POST /projects` (any logged-in user; `creation_template` any project template, 1 =
 * Scrum by default, 2 = Kanban; the creator becomes owner and admin with the template's owner role), `PATCH`/`PUT /projects/{id}` (project admins; no version), `DELETE
 * /projects/{id}` (project admins; 204). Answers use the detail shape.
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx } from "../http/context";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { ANON_PERMISSIONS, MEMBER_PERMISSIONS, requirePermission } from "../lib/permissions";
import { assertNotBlocked, loadVisibleProject } from "../lib/projects";
import { slugify } from "../lib/slug";
import { addMember } from "../seed";
import { applyTemplate, getTemplate, type TemplateRow } from "../lib/project-templates";
import { serializeProjectDetail } from "./projects";

const FLAGS = ["is_backlog_activated", "is_kanban_activated", "is_issues_activated", "is_wiki_activated", "is_epics_activated", "is_contact_activated", "is_looking_for_people"] as const;

const DEFAULTS: Record<string, string> = {
  default_epic_status: "epic_statuses",
  default_points: "points",
  default_us_status: "userstory_statuses",
  default_task_status: "task_statuses",
  default_priority: "priorities",
  default_severity: "severities",
  default_issue_status: "issue_statuses",
  default_issue_type: "issue_types",
  default_swimlane: "swimlanes",
};

function uniqueProjectSlug(db: Db, base: string): string {
  const root = slugify(base) || "project";
  let slug = root;
  for (let i = 1; db.prepare("SELECT 1 FROM projects WHERE slug = ?").get(slug); i++) slug = `${root}-${i}`;
  return slug;
}

const GENERIC_OWNERS: [string, string][] = [
  ["project", "projects"],
  ["userstory", "userstories"],
  ["task", "tasks"],
  ["issue", "issues"],
  ["epic", "epics"],
  ["wikipage", "wiki_pages"],
  ["milestone", "milestones"],
];

const VALID_PERMS = new Set<string>([...ANON_PERMISSIONS, ...MEMBER_PERMISSIONS]);

/** Validated column updates shared by create, PATCH and PUT. */
function readProjectFields(db: Db, v: Validator, projectId: number | null, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const name = v.string("name", { required: full, maxLength: 250 });
  if (typeof name === "string") out["name"] = name;
  const description = v.string("description", { required: full });
  if (typeof description === "string") out["description"] = description;
  for (const flag of FLAGS) {
    const b = v.boolean(flag);
    if (typeof b === "boolean") out[flag] = b ? 1 : 0;
  }
  const note = v.string("looking_for_people_note", { allowBlank: true, allowNull: true });
  if (typeof note === "string") out["looking_for_people_note"] = note;
  for (const numeric of ["total_milestones", "total_story_points"] as const) {
    if (!v.has(numeric)) continue;
    const raw = v.body[numeric];
    if (raw === null) out[numeric] = null;
    else if (typeof raw === "number" && Number.isFinite(raw) && raw >= 0) out[numeric] = numeric === "total_milestones" ? Math.trunc(raw) : raw;
    else v.fail(numeric, numeric === "total_milestones" ? "Enter a whole number." : "Enter a number.");
  }
  for (const key of ["videoconferences", "videoconferences_extra_data"] as const) {
    const s = v.string(key, { allowBlank: true, allowNull: true });
    if (s !== undefined) out[key] = s;
  }
  for (const key of ["anon_permissions", "public_permissions"] as const) {
    if (!v.has(key)) continue;
    const list = v.body[key];
    if (!Array.isArray(list) || !list.every((p) => typeof p === "string" && VALID_PERMS.has(p))) v.fail(key, "Invalid permission list.");
    else out[key] = JSON.stringify([...new Set(list as string[])]);
  }
  if (projectId !== null) {
    for (const [key, table] of Object.entries(DEFAULTS)) {
      if (!v.has(key)) continue;
      const id = v.pk(key, { allowNull: true });
      if (id === undefined) continue;
      if (id !== null && !db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND project_id = ?`).get(id, projectId)) {
        v.fail(key, `Invalid pk '${id}' - object does not exist.`);
      } else out[`${key}_id`] = id;
    }
  }
  return out;
}

/** Public projects show everything to visitors; private ones nothing (permissions.md §3). */
function privacyFields(isPrivate: boolean): Record<string, unknown> {
  const perms = isPrivate ? [] : [...ANON_PERMISSIONS];
  return { is_private: isPrivate ? 1 : 0, anon_permissions: JSON.stringify(perms), public_permissions: JSON.stringify(perms) };
}

/**
 * Inserts a project owned by `ownerId` and gives it the values of a template (server/lib/project-templates.ts);
 * the owner becomes an admin member with the template's owner role. Call inside a transaction.
 */
export function createProjectFromTemplate(
  db: Db,
  p: { name: string; description: string; ownerId: number; ownerUsername: string; isPrivate: boolean; now: string },
  template: TemplateRow,
): number {
  const privacy = privacyFields(p.isPrivate);
  const info = db
    .prepare(
      `INSERT INTO projects (name, slug, description, owner_id, created_date, modified_date, is_private, anon_permissions, public_permissions, totals_updated_datetime)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(p.name, uniqueProjectSlug(db, `${p.ownerUsername}-${p.name}`), p.description, p.ownerId, p.now, p.now, privacy["is_private"], privacy["anon_permissions"], privacy["public_permissions"], p.now);
  const id = Number(info.lastInsertRowid);
  const roles = applyTemplate(db, template, id);
  // the new project comes first in the owner's own order
  db.prepare("UPDATE memberships SET user_order = user_order + 1 WHERE user_id = ?").run(p.ownerId);
  const ownerRole = roles.get(template.default_owner_role) ?? [...roles.values()][0];
  if (ownerRole !== undefined) addMember(db, id, p.ownerId, ownerRole, true, p.now, 0);
  return id;
}

export async function createProjectHandler(c: Ctx): Promise<Response> {
  const user = requireUser(c);
  const db = c.var.deps.db;
  const body = await readObject(c);
  const v = new Validator(body);
  const fields = readProjectFields(db, v, null, true);
  const templateId = v.integer("creation_template", { allowNull: true }) ?? 1;
  const template = getTemplate(db, templateId);
  if (!template) v.fail("creation_template", `Invalid pk '${templateId}' - object does not exist.`);
  const isPrivate = v.boolean("is_private") ?? true;
  v.check();
  const now = nowIso();
  const id = db.transaction(() => {
    const projectId = createProjectFromTemplate(
      db,
      { name: fields["name"] as string, description: fields["description"] as string, ownerId: user.id, ownerUsername: user.username, isPrivate, now },
      template as TemplateRow,
    );
    const rest = { ...fields };
    delete rest["name"];
    delete rest["description"];
    const cols = Object.keys(rest);
    if (cols.length > 0) db.prepare(`UPDATE projects SET ${cols.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...Object.values(rest), projectId);
    return projectId;
  })();
  const { project, access } = loadVisibleProject(c, id);
  return json(c, serializeProjectDetail(db, project, access, user), 201);
}

export async function updateProjectHandler(c: Ctx, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const { project, access } = loadVisibleProject(c, id);
  requirePermission(access, "modify_project");
  assertNotBlocked(project);
  const body = await readObject(c);
  const v = new Validator(body);
  const fields = readProjectFields(db, v, project.id, full);
  const isPrivate = v.boolean("is_private");
  v.check();
  const changes: Record<string, unknown> = { ...fields };
  if (typeof isPrivate === "boolean" && isPrivate !== (project.is_private === 1)) {
    const privacy = privacyFields(isPrivate);
    changes["is_private"] = privacy["is_private"];
    if (!("anon_permissions" in fields)) changes["anon_permissions"] = privacy["anon_permissions"];
    if (!("public_permissions" in fields)) changes["public_permissions"] = privacy["public_permissions"];
  }
  changes["modified_date"] = nowIso();
  db.prepare(`UPDATE projects SET ${Object.keys(changes).map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...Object.values(changes), id);
  const fresh = loadVisibleProject(c, id);
  return json(c, serializeProjectDetail(db, fresh.project, fresh.access, c.var.user));
}

export function deleteProjectHandler(c: Ctx): Response {
  const db = c.var.deps.db;
  const id = idParam(c);
  const { project, access } = loadVisibleProject(c, id);
  requirePermission(access, "delete_project");
  assertNotBlocked(project);
  db.transaction(() => {
    // generic relations (watchers, votes, custom values) have no foreign key to cascade through
    for (const [contentType, table] of GENERIC_OWNERS) {
      const owned = contentType === "project" ? "?" : `(SELECT id FROM ${table} WHERE project_id = ?)`;
      const op = contentType === "project" ? "=" : "IN";
      db.prepare(`DELETE FROM watchers WHERE content_type = ? AND object_id ${op} ${owned}`).run(contentType, id);
      db.prepare(`DELETE FROM votes WHERE content_type = ? AND object_id ${op} ${owned}`).run(contentType, id);
      db.prepare(`DELETE FROM custom_attribute_values WHERE kind = ? AND object_id ${op} ${owned}`).run(contentType, id);
    }
    db.prepare("DELETE FROM projects WHERE id = ?").run(id);
  })();
  return empty(204);
}


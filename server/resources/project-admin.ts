/**
 * Project administration actions (taiga/projects/api.py `ProjectViewSet`):
 * - `GET`/`PATCH /projects/{id}/modules`: the integrations configuration (GitHub, GitLab, Bitbucket,
 *   Gogs secrets and webhook URLs), generated once and stored; PATCH replaces whole top-level entries
 *   (204). This server does not receive those webhooks (a deliberate deviation).
 * - `POST /projects/{id}/change_logo` (multipart `logo`, an image) and `remove_logo`: the detail shape.
 * - `POST /projects/{id}/create_template` `{template_name, template_description}` (superusers): a
 *   project template from the project's values (201).
 * - `POST /projects/{id}/duplicate` `{name, description, is_private, users: [{id}]}`: a new project
 *   owned by the caller with the same values, and the listed members of the source (201 detail).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, blocked, HttpError, notAuthenticated, notFound, payloadTooLarge, permissionDenied, wrongArguments } from "../http/errors";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { type Access, denied, projectAccess, requireAdmin } from "../lib/permissions";
import { getTemplate, serializeTemplate, templateFromProject, type TemplateRow, uniqueTemplateSlug } from "../lib/project-templates";
import { getProject, type ProjectRow } from "../lib/projects";
import { addMember } from "../seed";
import { maxUploadBytes, removeMediaFile, saveMediaFile } from "./attachments";
import { serializeProjectDetail } from "./projects";
import { createProjectFromTemplate } from "./projects-write";

/** The project of the URL as `get_object_or_error` finds it: 404 unknown (401 for anonymous callers), then the caller's access. */
function projectOf(c: Ctx): { project: ProjectRow; access: Access } {
  const project = getProject(c.var.deps.db, idParam(c));
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  return { project, access: projectAccess(c.var.deps.db, c.var.user, project) };
}

const assertNotArchived = (p: ProjectRow): void => {
  if (p.archived_code) throw permissionDenied("Archived element");
};
const assertNotBlocked = (p: ProjectRow): void => {
  if (p.blocked_code) throw blocked();
};

/** The project detail as the caller sees it (`status` 201 after a duplicate). */
function detail(c: Ctx, projectId: number, status = 200): Response {
  const db = c.var.deps.db;
  const project = getProject(db, projectId) as ProjectRow;
  return json(c, serializeProjectDetail(db, project, projectAccess(db, c.var.user, project), c.var.user), status);
}

/* ================================================================== modules ================================================================== */

/** `settings.BITBUCKET_VALID_ORIGIN_IPS` of a stock taiga-back. */
const BITBUCKET_IPS = [
  "13.52.5.96/28", "13.236.8.224/28", "18.184.99.224/28", "18.234.32.224/28", "18.246.31.224/28", "52.215.192.224/28", "104.192.137.240/28",
  "104.192.138.240/28", "104.192.140.240/28", "104.192.142.240/28", "104.192.143.240/28", "185.166.143.240/28", "185.166.142.240/28",
];

type Json = Record<string, unknown>;

const secret = (): string => randomUUID().replace(/-/g, "");
const asObject = (v: unknown): Json | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * `get_modules_config`: every configurator fills its entry (a new secret the first time, the first
 * closed issue status as `close_status` for GitHub and GitLab, the webhook URL) over what is stored,
 * and the result is stored. A stored configuration comes back in jsonb key order.
 */
function modulesConfig(c: Ctx, project: ProjectRow): Json {
  const db = c.var.deps.db;
  const row = db.prepare("SELECT config FROM project_modules_config WHERE project_id = ?").get(project.id) as { config: string } | undefined;
  let stored: Json = {};
  if (row) {
    try {
      stored = asObject(JSON.parse(row.config)) ?? {};
    } catch {
      stored = {};
    }
  }
  const base = `${new URL(c.req.url).origin}/api/v1`;
  const closeStatus = db.prepare(`SELECT id FROM issue_statuses WHERE project_id = ? AND is_closed = 1 ORDER BY "order", id LIMIT 1`).get(project.id) as { id: number } | undefined;
  const withClose = (config: Json): Json => (closeStatus ? { ...config, close_status: closeStatus.id } : config);
  const github: Json = { ...withClose({ secret: secret() }), ...(asObject(stored.github) ?? {}) };
  github.webhooks_url = `${base}/github-hook?project=${project.id}`;
  const gitlab: Json = { ...withClose({ secret: secret(), valid_origin_ips: [] }), ...(asObject(stored.gitlab) ?? {}) };
  gitlab.webhooks_url = `${base}/gitlab-hook?project=${project.id}&key=${String(gitlab.secret)}`;
  const bitbucket: Json = { ...(asObject(stored.bitbucket) ?? { secret: secret(), valid_origin_ips: BITBUCKET_IPS }) };
  bitbucket.webhooks_url = `${base}/bitbucket-hook?project=${project.id}&key=${String(bitbucket.secret)}`;
  const gogs: Json = { ...(asObject(stored.gogs) ?? { secret: secret() }) };
  gogs.webhooks_url = `${base}/gogs-hook?project=${project.id}`;
  const generated: Json = { github, gitlab, bitbucket, gogs };
  let config: Json;
  if (row) {
    // jsonb returns keys shorter first, then alphabetically; the configurators update them in place
    const merged: Json = { ...stored, ...generated };
    config = Object.fromEntries(Object.keys(merged).sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).map((k) => [k, merged[k]]));
  } else {
    config = { ...generated, ...stored };
  }
  db.prepare("INSERT INTO project_modules_config (project_id, config) VALUES (?, ?) ON CONFLICT(project_id) DO UPDATE SET config = excluded.config").run(project.id, JSON.stringify(config));
  return config;
}

function getModules(c: Ctx): Response {
  const { project, access } = projectOf(c);
  requireAdmin(access);
  return json(c, modulesConfig(c, project));
}

async function patchModules(c: Ctx): Promise<Response> {
  const { project, access } = projectOf(c);
  requireAdmin(access);
  const body = await readObject(c);
  assertNotBlocked(project);
  assertNotArchived(project);
  const db = c.var.deps.db;
  db.transaction(() => {
    const config = { ...modulesConfig(c, project), ...body };
    db.prepare("UPDATE project_modules_config SET config = ? WHERE project_id = ?").run(JSON.stringify(config), project.id);
  })();
  return empty(204);
}

/* ================================================================== logo ================================================================== */

/** What PIL would open: PNG, JPEG, GIF, WebP, BMP, TIFF, ICO (SVG is not an image to PIL). */
export function isImage(data: Uint8Array): boolean {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => data[i] === b);
  const ascii = (from: number, text: string): boolean => [...text].every((ch, i) => data[from + i] === ch.charCodeAt(0));
  return (
    starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) ||
    starts(0xff, 0xd8, 0xff) ||
    ascii(0, "GIF87a") ||
    ascii(0, "GIF89a") ||
    (ascii(0, "RIFF") && ascii(8, "WEBP")) ||
    ascii(0, "BM") ||
    starts(0x49, 0x49, 0x2a, 0x00) ||
    starts(0x4d, 0x4d, 0x00, 0x2a) ||
    starts(0x00, 0x00, 0x01, 0x00)
  );
}

async function readLogo(c: Ctx): Promise<File | undefined> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) return undefined;
  const limit = maxUploadBytes();
  if (Number(c.req.header("content-length") ?? "0") > limit + 64 * 1024) throw payloadTooLarge(limit);
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new HttpError(400, { _error_message: "Multipart form parse error - Invalid boundary in multipart.", _error_type: "taiga.base.exceptions.ParseError" });
  }
  const logo = Array.isArray(form.logo) ? form.logo[0] : form.logo;
  if (logo instanceof File && logo.size > limit) throw payloadTooLarge(limit);
  return logo instanceof File ? logo : undefined;
}

async function changeLogo(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const { project, access } = projectOf(c);
  assertNotArchived(project);
  requireAdmin(access);
  const file = await readLogo(c);
  if (!file || file.size === 0) throw wrongArguments("Incomplete arguments");
  const data = new Uint8Array(await file.arrayBuffer());
  if (!isImage(data)) throw wrongArguments("Invalid image format");
  assertNotBlocked(project);
  const path = saveMediaFile(db, "project", file.name || "logo", data);
  db.prepare("UPDATE projects SET logo = ? WHERE id = ?").run(path, project.id);
  if (project.logo) removeMediaFile(db, "project", project.logo);
  return detail(c, project.id);
}

function removeLogo(c: Ctx): Response {
  const db = c.var.deps.db;
  const { project, access } = projectOf(c);
  requireAdmin(access);
  assertNotArchived(project);
  assertNotBlocked(project);
  db.prepare("UPDATE projects SET logo = NULL WHERE id = ?").run(project.id);
  if (project.logo) removeMediaFile(db, "project", project.logo);
  return detail(c, project.id);
}

/* ================================================================== templates and copies ================================================================== */

async function createTemplate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  // taiga-back means to answer these with 400 but raises a Response object (HTTP 500): answered as intended here
  if (typeof body.template_name !== "string" || body.template_name.trim() === "") throw badRequest("Invalid template name");
  if (typeof body.template_description !== "string" || body.template_description.trim() === "") throw badRequest("Invalid template description");
  const { project } = projectOf(c);
  if (c.var.user?.is_superuser !== 1) throw denied({ anonymous: c.var.user === null });
  const { fields, data } = templateFromProject(db, project.id);
  const now = nowIso();
  const columns: Record<string, unknown> = {
    name: body.template_name.slice(0, 250),
    slug: uniqueTemplateSlug(db, body.template_name),
    description: body.template_description,
    order: Date.now(),
    created_date: now,
    modified_date: now,
    ...fields,
    data: JSON.stringify(data),
  };
  const keys = Object.keys(columns);
  const info = db.prepare(`INSERT INTO project_templates (${keys.map((k) => `"${k}"`).join(", ")}) VALUES (${keys.map(() => "?").join(", ")})`).run(...keys.map((k) => columns[k]));
  return json(c, serializeTemplate(getTemplate(db, Number(info.lastInsertRowid)) as TemplateRow), 201);
}

/** The template taiga-back builds in memory from a project to copy it (id 0: not stored). */
function virtualTemplate(db: Db, projectId: number): TemplateRow {
  const { fields, data } = templateFromProject(db, projectId);
  return {
    id: 0,
    name: "",
    slug: "",
    description: "",
    order: 0,
    created_date: "",
    modified_date: "",
    ...(fields as Omit<TemplateRow, "id" | "name" | "slug" | "description" | "order" | "created_date" | "modified_date" | "data">),
    data: JSON.stringify(data),
  };
}

async function duplicate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const { project, access } = projectOf(c);
  const user = requireUser(c);
  if (!access.permissions.has("view_project")) throw denied(access);
  assertNotArchived(project);
  assertNotBlocked(project);
  const body = await readObject(c);
  const v = new Validator(body);
  const name = v.string("name", { required: true, maxLength: 250 });
  const description = v.string("description", { required: true });
  const isPrivate = v.boolean("is_private", { required: true });
  const users: number[] = [];
  if (body.users === undefined || body.users === null) v.fail("users", "This field is required.");
  else if (!Array.isArray(body.users)) v.fail("users", "Non-field errors: Invalid data. Expected a list.");
  else {
    const itemErrors = body.users.map((u) => {
      const item = u && typeof u === "object" && !Array.isArray(u) ? (u as Json) : null;
      if (!item) return { non_field_errors: ["Invalid data"] };
      const id = item.id;
      if (id === undefined || id === null) return { id: ["This field is required."] };
      const n = typeof id === "number" ? id : typeof id === "string" && /^\s*\d+\s*$/.test(id) ? Number(id) : NaN;
      if (!Number.isSafeInteger(n)) return { id: ["Enter a whole number."] };
      users.push(n);
      return {};
    });
    if (itemErrors.some((e) => Object.keys(e).length)) (v.errors as Record<string, unknown>).users = itemErrors;
  }
  v.check();
  // every listed user must be a member of the source (the caller aside), else Taiga's 404
  const sourceMembers = new Map(
    (db.prepare("SELECT m.user_id, m.is_admin, r.slug FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.project_id = ? AND m.user_id IS NOT NULL AND m.user_id <> ?").all(project.id, user.id) as {
      user_id: number;
      is_admin: number;
      slug: string;
    }[]).map((m) => [m.user_id, m]),
  );
  for (const id of users) if (!sourceMembers.has(id)) throw notFound("No Membership matches the given query.");
  const template = virtualTemplate(db, project.id);
  const now = nowIso();
  const id = db.transaction(() => {
    const newId = createProjectFromTemplate(db, { name: name as string, description: description as string, ownerId: user.id, ownerUsername: user.username, isPrivate: isPrivate as boolean, now }, template);
    db.prepare("UPDATE projects SET creation_template = ? WHERE id = ?").run(project.creation_template, newId);
    const roles = new Map((db.prepare("SELECT id, slug FROM roles WHERE project_id = ?").all(newId) as { id: number; slug: string }[]).map((r) => [r.slug, r.id]));
    for (const memberId of new Set(users)) {
      const m = sourceMembers.get(memberId) as { user_id: number; is_admin: number; slug: string };
      const role = roles.get(m.slug);
      if (role !== undefined) addMember(db, newId, m.user_id, role, m.is_admin === 1, now, Date.now());
    }
    return newId;
  })();
  return detail(c, id, 201);
}

export function registerProjectAdmin(routes: Routes): void {
  routes.add("/projects/:id/modules", { GET: getModules, PATCH: patchModules });
  routes.add("/projects/:id/change_logo", { POST: changeLogo });
  routes.add("/projects/:id/remove_logo", { POST: removeLogo });
  routes.add("/projects/:id/create_template", { POST: createTemplate });
  routes.add("/projects/:id/duplicate", { POST: duplicate });
}

/**
 * Attachments of stories, tasks, issues, epics and wiki pages (taiga/projects/attachments/api.py):
 * `GET /<res>/attachments?project=&object_id=`, multipart `POST /<res>/attachments`, `GET/PATCH/DELETE
 * /<res>/attachments/<id>` (PUT is Taiga's 405 "Partial updates are not supported").
 *
 * Files live under `<database folder>/media/attachments/<a>/<b>/<c>/<d>/<random>/<name>` (a temporary
 * folder for in-memory databases) and are served at `/media/...` by `serveMedia`; as in Taiga, the random
 * path segment is what keeps them private. Uploads larger than `TAIGA_MAX_UPLOAD_BYTES` (default 10 MB)
 * answer 413. Adding or removing a file writes a history entry on the item (diff key `attachments`)
 * without bumping its version.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { HttpError, notFound, payloadTooLarge, validationError, wrongArguments } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";
import { HISTORY_TYPE, recordHistory } from "../lib/history";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { assertNotBlocked, getProject, type ProjectRow } from "../lib/projects";

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The upload limit: `TAIGA_MAX_UPLOAD_BYTES`, else 10 MB. */
export function maxUploadBytes(): number {
  const n = Number(process.env.TAIGA_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_UPLOAD_BYTES;
}

interface AttachmentKind {
  /** URL segment */
  path: string;
  /** `attachments.content_type` and the `#_taiga-refresh=<model>` name */
  contentType: "userstory" | "task" | "issue" | "epic" | "wikipage";
  table: string;
  view: string;
  modify: string;
  comment: string;
}

const KINDS: readonly AttachmentKind[] = [
  { path: "userstories", contentType: "userstory", table: "userstories", view: "view_us", modify: "modify_us", comment: "comment_us" },
  { path: "tasks", contentType: "task", table: "tasks", view: "view_tasks", modify: "modify_task", comment: "comment_task" },
  { path: "issues", contentType: "issue", table: "issues", view: "view_issues", modify: "modify_issue", comment: "comment_issue" },
  { path: "epics", contentType: "epic", table: "epics", view: "view_epics", modify: "modify_epic", comment: "comment_epic" },
  { path: "wiki", contentType: "wikipage", table: "wiki_pages", view: "view_wiki_pages", modify: "modify_wiki_page", comment: "comment_wiki_page" },
];

interface AttachmentRow {
  id: number;
  project_id: number;
  owner_id: number | null;
  content_type: string;
  object_id: number;
  name: string;
  attached_file: string;
  size: number;
  mime_type: string;
  description: string;
  is_deprecated: number;
  from_comment: number;
  order: number;
  sha1: string;
  created_date: string;
  modified_date: string;
}

/* ================================================================== storage ================================================================== */

const memoryMedia = join(tmpdir(), `taiga-media-${process.pid}`);

/** Folder of the uploaded files: `media/` next to the database file. */
export function mediaRoot(db: Db): string {
  const name = db.name;
  if (!name || name === ":memory:") return memoryMedia;
  return join(dirname(name), "media");
}

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};
const OTHER_TYPES: Record<string, string> = {
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".pdf": "application/pdf",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".zip": "application/zip",
};

/** A file name safe for the file system and URLs (Django's get_valid_filename). */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.trim().replace(/\s+/g, "_").replace(/[^\w.-]/g, "");
  return cleaned.replace(/^\.+/, "") || "file";
}

/** `GET /media/<path>`: the stored file, or null when there is none. */
export function serveMedia(db: Db, urlPath: string): Response | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.replace(/^\/media\//, ""));
  } catch {
    return null;
  }
  const root = mediaRoot(db);
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root + sep)) return null;
  try {
    if (!statSync(file).isFile()) return null;
  } catch {
    return null;
  }
  const ext = extname(file).toLowerCase();
  const type = IMAGE_TYPES[ext] ?? OTHER_TYPES[ext] ?? "application/octet-stream";
  const headers: Record<string, string> = { "content-type": type, "cache-control": "private, max-age=3600", "x-content-type-options": "nosniff" };
  // Only images are shown inline; everything else downloads (no HTML/JS from uploads in our origin).
  if (!IMAGE_TYPES[ext] || ext === ".svg") headers["content-disposition"] = "attachment";
  return new Response(new Uint8Array(readFileSync(file)), { status: 200, headers });
}

/** Deletes the attachments of an item (rows and files); call inside the item's delete transaction. */
export function removeAttachmentsOf(db: Db, contentType: string, objectId: number): void {
  const rows = db.prepare("SELECT attached_file FROM attachments WHERE content_type = ? AND object_id = ?").all(contentType, objectId) as { attached_file: string }[];
  db.prepare("DELETE FROM attachments WHERE content_type = ? AND object_id = ?").run(contentType, objectId);
  for (const r of rows) removeFile(db, r.attached_file);
}

/**
 * Copies the attachments of one item to another (rows and files, each file under a fresh private
 * path), as Taiga does when an issue or task is promoted to a story. Call inside the transaction.
 */
export function copyAttachments(db: Db, from: { contentType: string; objectId: number }, to: { contentType: string; objectId: number }): void {
  const rows = db.prepare(`SELECT * FROM attachments WHERE content_type = ? AND object_id = ? ORDER BY "order", id`).all(from.contentType, from.objectId) as AttachmentRow[];
  for (const a of rows) {
    const token = randomBytes(32).toString("hex");
    const name = a.attached_file.split("/").pop() ?? safeName(a.name);
    const attachedFile = ["attachments", token[0], token[1], token[2], token[3], token.slice(4), name].join("/");
    const source = join(mediaRoot(db), a.attached_file);
    const target = join(mediaRoot(db), attachedFile);
    mkdirSync(dirname(target), { recursive: true });
    try {
      writeFileSync(target, readFileSync(source));
    } catch {
      continue; // the original file is gone: nothing to copy
    }
    db.prepare(
      `INSERT INTO attachments (project_id, owner_id, content_type, object_id, name, attached_file, size, mime_type, description, is_deprecated, from_comment, "order", sha1, created_date, modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.project_id, a.owner_id, to.contentType, to.objectId, a.name, attachedFile, a.size, a.mime_type, a.description, a.is_deprecated, a.from_comment, a.order, a.sha1, a.created_date, nowIso());
  }
}

function removeFile(db: Db, attachedFile: string): void {
  removeMediaFile(db, "attachments", attachedFile);
}

/** Deletes a stored file and its private folder, when it lives under `media/<area>/`. */
export function removeMediaFile(db: Db, area: string, mediaPath: string): void {
  const root = mediaRoot(db);
  const folder = normalize(join(root, dirname(mediaPath)));
  if (folder.startsWith(join(root, area) + sep)) rmSync(folder, { recursive: true, force: true });
}

/**
 * Stores an uploaded file as `media/<area>/<a>/<b>/<c>/<d>/<random>/<name>` (the unguessable path is
 * what keeps it private) and returns that media path, served at `/media/<path>` by `serveMedia`.
 */
export function saveMediaFile(db: Db, area: string, fileName: string, data: Uint8Array): string {
  const token = randomBytes(32).toString("hex");
  const path = [area, token[0], token[1], token[2], token[3], token.slice(4), safeName(fileName)].join("/");
  const absolute = join(mediaRoot(db), path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, data);
  return path;
}

/* ================================================================== shape ================================================================== */

function origin(c: Ctx): string {
  return new URL(c.req.url).origin;
}

function serialize(c: Ctx, kind: AttachmentKind, a: AttachmentRow): Record<string, unknown> {
  const fileUrl = `${origin(c)}/media/${a.attached_file.split("/").map(encodeURIComponent).join("/")}`;
  const url = `${fileUrl}#_taiga-refresh=${kind.contentType}:${a.id}`;
  const isImage = IMAGE_TYPES[extname(a.name).toLowerCase()] !== undefined;
  return {
    id: a.id,
    project: a.project_id,
    owner: a.owner_id,
    name: a.name,
    attached_file: a.attached_file,
    size: a.size,
    url,
    description: a.description,
    is_deprecated: a.is_deprecated === 1,
    from_comment: a.from_comment === 1,
    created_date: formatDateTime(a.created_date),
    modified_date: formatDateTime(a.modified_date),
    object_id: a.object_id,
    order: a.order,
    sha1: a.sha1,
    thumbnail_card_url: isImage ? fileUrl : null,
    preview_url: url,
  };
}

/** The attachments of an item as a history value (`diff.attachments`). */
function historyList(db: Db, contentType: string, objectId: number, base: string): Record<string, unknown>[] {
  return (db.prepare(`SELECT * FROM attachments WHERE content_type = ? AND object_id = ? ORDER BY "order", id`).all(contentType, objectId) as AttachmentRow[]).map((a) => ({
    id: a.id,
    url: `${base}/media/${a.attached_file}`,
    order: a.order,
    filename: a.name,
    description: a.description,
    attached_file: a.attached_file,
    is_deprecated: a.is_deprecated === 1,
    thumbnail_file: null,
  }));
}

function recordAttachmentChange(
  db: Db,
  kind: AttachmentKind,
  item: { id: number; project_id: number },
  user: Parameters<typeof recordHistory>[1]["user"],
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
): void {
  const ids = (list: Record<string, unknown>[]): Set<unknown> => new Set(list.map((a) => a.id));
  const beforeIds = ids(before);
  const afterIds = ids(after);
  const brief = (a: Record<string, unknown>): Record<string, unknown> => ({ filename: a.filename, url: a.url, description: a.description });
  const changed = after.filter((a) => beforeIds.has(a.id) && JSON.stringify(a) !== JSON.stringify(before.find((b) => b.id === a.id)));
  recordHistory(db, {
    projectId: item.project_id,
    contentType: kind.contentType,
    objectId: item.id,
    type: HISTORY_TYPE.change,
    user,
    diff: { attachments: [before, after] },
    values: { users: {} },
    valuesDiff: {
      attachments: {
        new: after.filter((a) => !beforeIds.has(a.id)).map(brief),
        changed: changed.map(brief),
        deleted: before.filter((b) => !afterIds.has(b.id)).map(brief),
      },
    },
  });
}

/* ================================================================== handlers ================================================================== */

function accessOf(c: Ctx, project: ProjectRow): Access {
  return projectAccess(c.var.deps.db, c.var.user, project);
}

function loadAttachment(c: Ctx, kind: AttachmentKind): { attachment: AttachmentRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const attachment = db.prepare("SELECT * FROM attachments WHERE id = ? AND content_type = ?").get(idParam(c), kind.contentType) as AttachmentRow | undefined;
  const project = attachment ? getProject(db, attachment.project_id) : undefined;
  if (!attachment || !project) throw notFound("No Attachment matches the given query.");
  return { attachment, project, access: accessOf(c, project) };
}

const isOwner = (c: Ctx, a: AttachmentRow): boolean => c.var.user !== null && a.owner_id === c.var.user.id;

function list(c: Ctx, kind: AttachmentKind): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  const objectId = intQuery(c, "object_id");
  const where = ["content_type = ?"];
  const params: unknown[] = [kind.contentType];
  if (projectId !== undefined) {
    where.push("project_id = ?");
    params.push(projectId);
  }
  if (objectId !== undefined) {
    where.push("object_id = ?");
    params.push(objectId);
  }
  const rows = (db.prepare(`SELECT * FROM attachments WHERE ${where.join(" AND ")} ORDER BY project_id, created_date, id`).all(...params) as AttachmentRow[]).filter((a) => {
    const project = getProject(db, a.project_id);
    return project !== undefined && (accessOf(c, project).permissions.has(kind.view) || isOwner(c, a));
  });
  return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map((a) => serialize(c, kind, a)));
}

interface Upload {
  project?: unknown;
  object_id?: unknown;
  description?: unknown;
  from_comment?: unknown;
  file?: File;
  fileSentAsText: boolean;
}

/** Reads a multipart body (or, for a clear 400, a JSON one) with the upload limit. */
async function readUpload(c: Ctx): Promise<Upload> {
  const limit = maxUploadBytes();
  const contentType = c.req.header("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    const body = contentType.toLowerCase().includes("json") || contentType === "" ? await readObject(c) : {};
    return { ...body, file: undefined, fileSentAsText: body.attached_file !== undefined };
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  // the multipart envelope adds a little to the file itself
  if (declared > limit + 64 * 1024) throw payloadTooLarge(limit);
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new HttpError(400, { _error_message: "Multipart form parse error - Invalid boundary in multipart.", _error_type: "taiga.base.exceptions.ParseError" });
  }
  const one = (k: string): string | File | undefined => {
    const v = form[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const file = one("attached_file");
  if (file instanceof File && file.size > limit) throw payloadTooLarge(limit);
  return {
    project: one("project"),
    object_id: one("object_id"),
    description: one("description"),
    from_comment: one("from_comment"),
    file: file instanceof File ? file : undefined,
    fileSentAsText: typeof file === "string",
  };
}

async function create(c: Ctx, kind: AttachmentKind): Promise<Response> {
  const db = c.var.deps.db;
  const up = await readUpload(c);
  const errors: Record<string, string[]> = {};
  const pk = (name: string, v: unknown): number | undefined => {
    if (v === undefined || v === null || v === "") {
      errors[name] = ["This field is required."];
      return undefined;
    }
    const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,15}$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) {
      errors[name] = [name === "project" ? `Incorrect type. Expected pk value, received ${typeof v === "string" ? "str" : typeof v}.` : "A valid integer is required."];
      return undefined;
    }
    return n;
  };
  if (!up.file) errors.attached_file = [up.fileSentAsText ? "The submitted data was not a file. Check the encoding type on the form." : "This field is required."];
  else if (up.file.size === 0) errors.attached_file = ["The submitted file is empty."];
  const projectId = pk("project", up.project);
  const objectId = pk("object_id", up.object_id);
  if (projectId !== undefined && !getProject(db, projectId)) errors.project = [`Invalid pk '${projectId}' - object does not exist.`];
  if (up.description !== undefined && typeof up.description !== "string") errors.description = ["Not a valid string."];
  if (Object.keys(errors).length) throw validationError(errors);

  const project = getProject(db, projectId as number) as ProjectRow;
  const access = accessOf(c, project);
  const fromComment = up.from_comment === true || up.from_comment === "true" || up.from_comment === "True" || up.from_comment === "1";
  if (!access.permissions.has(kind.modify) && !(fromComment && access.permissions.has(kind.comment))) throw denied(access);
  const user = requireUser(c);
  const item = db.prepare(`SELECT id, project_id FROM ${kind.table} WHERE id = ?`).get(objectId) as { id: number; project_id: number } | undefined;
  if (!item) throw wrongArguments(`Object id issue doesn't exist`);
  if (item.project_id !== project.id) throw wrongArguments("Project ID does not match between object and project");
  assertNotBlocked(project);

  const file = up.file as File;
  const data = Buffer.from(await file.arrayBuffer());
  const name = safeName(file.name);
  const token = randomBytes(32).toString("hex");
  const attachedFile = ["attachments", token[0], token[1], token[2], token[3], token.slice(4), name].join("/");
  const absolute = join(mediaRoot(db), attachedFile);
  const sha1 = createHash("sha1").update(data).digest("hex");
  const ext = extname(name).toLowerCase();
  const mime = IMAGE_TYPES[ext] ?? (file.type || "application/octet-stream");

  let id = 0;
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, data);
  try {
    db.transaction(() => {
      const now = nowIso();
      const base = origin(c);
      const before = historyList(db, kind.contentType, item.id, base);
      const info = db
        .prepare(
          `INSERT INTO attachments (project_id, owner_id, content_type, object_id, name, attached_file, size, mime_type, description, is_deprecated, from_comment, "order", sha1, created_date, modified_date)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?)`,
        )
        .run(project.id, user.id, kind.contentType, item.id, name, attachedFile, data.length, mime, typeof up.description === "string" ? up.description : "", fromComment ? 1 : 0, sha1, now, now);
      id = Number(info.lastInsertRowid);
      recordAttachmentChange(db, kind, item, user, before, historyList(db, kind.contentType, item.id, base));
    })();
  } catch (err) {
    removeFile(db, attachedFile);
    throw err;
  }
  const row = db.prepare("SELECT * FROM attachments WHERE id = ?").get(id) as AttachmentRow;
  return json(c, serialize(c, kind, row), 201);
}

async function patch(c: Ctx, kind: AttachmentKind): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const { attachment, project, access } = loadAttachment(c, kind);
  if (!access.permissions.has(kind.modify) && !isOwner(c, attachment)) throw denied(access);
  const user = requireUser(c);
  const errors: Record<string, string[]> = {};
  const set: Record<string, unknown> = {};
  if (body.description !== undefined) {
    if (typeof body.description !== "string") errors.description = ["Not a valid string."];
    else set.description = body.description;
  }
  if (body.is_deprecated !== undefined) {
    if (typeof body.is_deprecated !== "boolean") errors.is_deprecated = [`'${String(body.is_deprecated)}' value must be either True or False.`];
    else set.is_deprecated = body.is_deprecated ? 1 : 0;
  }
  if (body.order !== undefined) {
    if (typeof body.order !== "number" || !Number.isSafeInteger(body.order)) errors.order = ["A valid integer is required."];
    else set.order = body.order;
  }
  if (Object.keys(errors).length) throw validationError(errors);
  assertNotBlocked(project);
  db.transaction(() => {
    const base = origin(c);
    const item = { id: attachment.object_id, project_id: attachment.project_id };
    const before = historyList(db, kind.contentType, item.id, base);
    set.modified_date = nowIso();
    const cols = Object.keys(set);
    db.prepare(`UPDATE attachments SET ${cols.map((k) => `"${k}" = ?`).join(", ")} WHERE id = ?`).run(...cols.map((k) => set[k]), attachment.id);
    const after = historyList(db, kind.contentType, item.id, base);
    if (JSON.stringify(before) !== JSON.stringify(after)) recordAttachmentChange(db, kind, item, user, before, after);
  })();
  const row = db.prepare("SELECT * FROM attachments WHERE id = ?").get(attachment.id) as AttachmentRow;
  return json(c, serialize(c, kind, row));
}

function remove(c: Ctx, kind: AttachmentKind): Response {
  const db = c.var.deps.db;
  const { attachment, project, access } = loadAttachment(c, kind);
  if (!access.permissions.has(kind.modify) && !isOwner(c, attachment)) throw denied(access);
  const user = requireUser(c);
  assertNotBlocked(project);
  db.transaction(() => {
    const base = origin(c);
    const item = { id: attachment.object_id, project_id: attachment.project_id };
    const before = historyList(db, kind.contentType, item.id, base);
    db.prepare("DELETE FROM attachments WHERE id = ?").run(attachment.id);
    recordAttachmentChange(db, kind, item, user, before, historyList(db, kind.contentType, item.id, base));
  })();
  removeFile(db, attachment.attached_file);
  return new Response(null, { status: 204 });
}

export function registerAttachments(routes: Routes): void {
  for (const kind of KINDS) {
    routes.add(`/${kind.path}/attachments`, {
      GET: (c) => list(c, kind),
      POST: (c) => create(c, kind),
    });
    routes.add(`/${kind.path}/attachments/:id`, {
      GET: (c) => {
        const { attachment, access } = loadAttachment(c, kind);
        if (!access.permissions.has(kind.view) && !isOwner(c, attachment)) throw denied(access);
        return json(c, serialize(c, kind, attachment));
      },
      PATCH: (c) => patch(c, kind),
      PUT: () => {
        throw new HttpError(405, { _error_message: "Partial updates are not supported", _error_type: "taiga.base.exceptions.NotSupported" });
      },
      DELETE: (c) => remove(c, kind),
    });
  }
}

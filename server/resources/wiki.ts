/**
 * Wiki pages and wiki links (taiga/projects/wiki/api.py; taiga-api/wiki.md).
 *
 * Pages: `GET /wiki[?project=&slug=]` (ordered by project, slug; only projects where the caller has
 * `view_wiki_pages`), `GET /wiki/by_slug?slug=&project=` (404 "No WikiPage matches the given query."
 * for anyone when missing), `GET /wiki/<id>`, `POST /wiki` (the client chooses the slug, unique per
 * project), `PUT`/`PATCH /wiki/<id>` with OCC (`version` required, as every OCC resource), `DELETE`
 * (links to the page stay), `POST /wiki/render`. `html` is the content rendered by the server's one
 * Markdown renderer in the page's project; `editions` counts the visible change entries + 1.
 * Watching and attachments are in watchers.ts and attachments.ts; history in history.ts.
 *
 * Links: `GET /wiki-links[?project=]` (ordered by order, id), `POST` (href = slugify(title), unique
 * among the project's links, never changed afterwards; with `add_wiki_page` a missing page of that
 * slug is created empty), `GET`/`PUT`/`PATCH`/`DELETE /wiki-links/<id>`. Taiga has no bulk order
 * endpoint for links (`POST /wiki-links/bulk_update_order` answers 405 there and here): clients
 * reorder by PATCHing `order`.
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator, type JsonObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notFound, validationError } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";
import { HISTORY_TYPE, recordHistory, textDiffHtml } from "../lib/history";
import { renderProjectMarkdown } from "../lib/markdown";
import { checkOcc } from "../lib/occ";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { assertNotBlocked, getProject, type ProjectRow } from "../lib/projects";
import { getUser, type UserRow } from "../lib/users";
import { addWatcher, recentChangedKeys, setWatchers } from "../lib/workitems";
import { removeAttachmentsOf } from "./attachments";
import { slugify } from "../../src/lib/taigaMarkdown";

export interface WikiPageRow {
  id: number;
  project_id: number;
  slug: string;
  content: string;
  owner_id: number | null;
  last_modifier_id: number | null;
  version: number;
  created_date: string;
  modified_date: string;
}

interface WikiLinkRow {
  id: number;
  project_id: number;
  title: string;
  href: string;
  order: number;
}

const PAGE_NOT_FOUND = "No WikiPage matches the given query.";
const LINK_NOT_FOUND = "No WikiLink matches the given query.";
const DUPLICATE_SLUG = "Wiki page with this Project and Slug already exists.";
const INVALID_SLUG = "Enter a valid 'slug' consisting of Unicode letters, numbers, underscores, or hyphens.";
const SLUG_RE = /^[\p{L}\p{N}_-]+$/u;

const origin = (c: Ctx): string => new URL(c.req.url).origin;

/* ================================================================== pages: shape ================================================================== */

function editions(db: Db, pageId: number): number {
  const row = db.prepare("SELECT COUNT(*) AS n FROM history_entries WHERE content_type = 'wikipage' AND object_id = ? AND type = 1 AND is_hidden = 0").get(pageId) as { n: number };
  return row.n + 1;
}

export function serializePage(c: Ctx, page: WikiPageRow): Record<string, unknown> {
  const db = c.var.deps.db;
  const project = getProject(db, page.project_id);
  const viewer = c.var.user;
  const watchers = (db.prepare("SELECT user_id FROM watchers WHERE content_type = 'wikipage' AND object_id = ?").all(page.id) as { user_id: number }[]).map((w) => w.user_id);
  return {
    project: page.project_id,
    project_extra_info: project ? { name: project.name, slug: project.slug, logo_small_url: project.logo, id: project.id } : null,
    is_watcher: viewer !== null && watchers.includes(viewer.id),
    total_watchers: watchers.length,
    id: page.id,
    slug: page.slug,
    content: page.content,
    owner: page.owner_id,
    last_modifier: page.last_modifier_id,
    created_date: formatDateTime(page.created_date),
    modified_date: formatDateTime(page.modified_date),
    html: renderProjectMarkdown(db, page.project_id, page.content, origin(c)),
    editions: editions(db, page.id),
    version: page.version,
  };
}

/** The history snapshot of a page (taiga's wikipage_freezer), without attachments (they have their own entries). */
function snapshotPage(c: Ctx, page: WikiPageRow): Record<string, unknown> {
  return {
    slug: page.slug,
    owner: page.owner_id,
    content: page.content,
    content_html: renderProjectMarkdown(c.var.deps.db, page.project_id, page.content, origin(c)),
  };
}

/* ================================================================== pages: access ================================================================== */

const getPage = (db: Db, id: number): WikiPageRow | undefined => db.prepare("SELECT * FROM wiki_pages WHERE id = ?").get(id) as WikiPageRow | undefined;

/** A page and the caller's access to its project (404 when missing). */
function loadPage(c: Ctx, id = idParam(c)): { page: WikiPageRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const page = getPage(db, id);
  const project = page ? getProject(db, page.project_id) : undefined;
  if (!page || !project) throw notFound(PAGE_NOT_FOUND);
  return { page, project, access: projectAccess(db, c.var.user, project) };
}

function requirePerm(access: Access, perm: string): void {
  if (!access.permissions.has(perm)) throw denied(access);
}

/* ================================================================== pages: handlers ================================================================== */

function listPages(c: Ctx): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  const slug = c.req.query("slug");
  const where: string[] = [];
  const params: unknown[] = [];
  if (projectId !== undefined) {
    where.push("project_id = ?");
    params.push(projectId);
  }
  if (slug !== undefined) {
    where.push("slug = ?");
    params.push(slug);
  }
  const rows = (db.prepare(`SELECT * FROM wiki_pages ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY project_id, slug`).all(...params) as WikiPageRow[]).filter((p) => {
    const project = getProject(db, p.project_id);
    return project !== undefined && projectAccess(db, c.var.user, project).permissions.has("view_wiki_pages");
  });
  return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map((p) => serializePage(c, p)));
}

/** Field checks shared by create and update; `partial` for PATCH. */
function readPageFields(db: Db, v: Validator, partial: boolean, projectId: number | undefined, pageId: number | null): { slug?: string; content?: string; watchers?: number[]; comment?: string } {
  const out: { slug?: string; content?: string; watchers?: number[]; comment?: string } = {};
  const slug = v.string("slug", { required: !partial, maxLength: 500 });
  if (typeof slug === "string") {
    if (!SLUG_RE.test(slug)) v.fail("slug", INVALID_SLUG);
    else out.slug = slug;
  }
  const content = v.string("content", { allowBlank: true });
  if (typeof content === "string") out.content = content;
  if (v.has("watchers") && v.body.watchers !== null) {
    const w = v.body.watchers;
    if (!Array.isArray(w) || !w.every((id) => typeof id === "number" && Number.isSafeInteger(id))) v.fail("watchers", "Invalid watchers list.");
    else {
      const missing = (w as number[]).find((id) => !getUser(db, id));
      if (missing !== undefined) v.fail("watchers", `Invalid pk '${missing}' - object does not exist.`);
      else out.watchers = w as number[];
    }
  }
  const comment = v.string("comment", { allowBlank: true, allowNull: true });
  if (typeof comment === "string") out.comment = comment;
  v.check();
  if (out.slug !== undefined && projectId !== undefined) {
    const taken = db.prepare("SELECT id FROM wiki_pages WHERE project_id = ? AND slug = ?").get(projectId, out.slug) as { id: number } | undefined;
    if (taken && taken.id !== pageId) throw validationError({ __all__: [DUPLICATE_SLUG] });
  }
  return out;
}

/** Inserts a page with its creation entry (inside the caller's transaction). */
export function insertPage(c: Ctx, projectId: number, slug: string, content: string, user: UserRow): number {
  const db = c.var.deps.db;
  const now = nowIso();
  const info = db
    .prepare("INSERT INTO wiki_pages (project_id, slug, content, owner_id, last_modifier_id, version, created_date, modified_date) VALUES (?, ?, ?, ?, ?, 1, ?, ?)")
    .run(projectId, slug, content, user.id, user.id, now, now);
  const id = Number(info.lastInsertRowid);
  recordHistory(db, { projectId, contentType: "wikipage", objectId: id, type: HISTORY_TYPE.create, user, snapshot: snapshotPage(c, getPage(db, id) as WikiPageRow) });
  return id;
}

async function createPage(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const v = new Validator(body);
  const projectId = v.pk("project", { required: true });
  if (typeof projectId === "number" && !getProject(db, projectId)) v.fail("project", `Invalid pk '${projectId}' - object does not exist.`);
  const fields = readPageFields(db, v, false, projectId ?? undefined, null);
  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  requirePerm(access, "add_wiki_page");
  const user = requireUser(c);
  assertNotBlocked(project);
  let id = 0;
  db.transaction(() => {
    id = insertPage(c, project.id, fields.slug as string, fields.content ?? "", user);
    if (fields.watchers) setWatchers(db, "wikipage", id, fields.watchers, nowIso());
  })();
  return json(c, serializePage(c, getPage(db, id) as WikiPageRow), 201);
}

function recordPageChange(c: Ctx, page: WikiPageRow, user: UserRow, before: Record<string, unknown>, after: Record<string, unknown>, comment: string): void {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = [before[key] ?? null, after[key] ?? null];
  if (Object.keys(diff).length === 0 && comment === "") return;
  const valuesDiff: Record<string, unknown> = {};
  const users: Record<string, string> = {};
  for (const [key, [oldValue, newValue]] of Object.entries(diff)) {
    if (key === "content") {
      const html = textDiffHtml(String(oldValue ?? ""), String(newValue ?? ""));
      if (html) valuesDiff.content_diff = [null, html];
    } else valuesDiff[key] = [oldValue, newValue];
  }
  recordHistory(c.var.deps.db, {
    projectId: page.project_id,
    contentType: "wikipage",
    objectId: page.id,
    type: HISTORY_TYPE.change,
    user,
    diff,
    values: { users },
    valuesDiff,
    comment,
    commentHtml: comment ? renderProjectMarkdown(c.var.deps.db, page.project_id, comment, origin(c)) : "",
  });
}

async function updatePage(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const body = await readObject(c);
  const { page, project, access } = loadPage(c, id);
  requirePerm(access, "view_wiki_pages");
  const keys = Object.keys(body).filter((k) => k !== "version");
  const justAComment = keys.length === 1 && keys[0] === "comment";
  if (!(justAComment && access.permissions.has("comment_wiki_page")) && !access.permissions.has("modify_wiki_page")) throw denied(access);
  const user = requireUser(c);
  const v = new Validator(body);
  if (body.project !== undefined) {
    const p = v.pk("project", { required: mode === "put" });
    if (typeof p === "number" && p !== page.project_id) v.fail("project", "You don't have permissions to set this project.");
  }
  const fields = readPageFields(db, v, mode === "patch", page.project_id, page.id);
  const occ = checkOcc(body, page.version, recentChangedKeys(db, "wikipage", page.id, page.version));
  if (!occ.ok) throw validationError({ ...occ.body });
  assertNotBlocked(project);

  db.transaction(() => {
    const now = nowIso();
    const before = snapshotPage(c, page);
    const slug = fields.slug ?? page.slug;
    const content = fields.content ?? page.content;
    db.prepare("UPDATE wiki_pages SET slug = ?, content = ?, last_modifier_id = ?, modified_date = ?, version = version + 1 WHERE id = ?").run(slug, content, user.id, now, page.id);
    if (fields.watchers) setWatchers(db, "wikipage", page.id, fields.watchers, now);
    const comment = fields.comment ?? "";
    if (comment !== "") addWatcher(db, "wikipage", page.id, user.id, now);
    const saved = getPage(db, page.id) as WikiPageRow;
    recordPageChange(c, saved, user, before, snapshotPage(c, saved), comment);
  })();
  return json(c, serializePage(c, getPage(db, page.id) as WikiPageRow));
}

function deletePage(c: Ctx): Response {
  const db = c.var.deps.db;
  const { page, project, access } = loadPage(c);
  requirePerm(access, "delete_wiki_page");
  const user = requireUser(c);
  assertNotBlocked(project);
  db.transaction(() => {
    const snapshot = snapshotPage(c, page);
    db.prepare("DELETE FROM watchers WHERE content_type = 'wikipage' AND object_id = ?").run(page.id);
    removeAttachmentsOf(db, "wikipage", page.id);
    db.prepare("DELETE FROM wiki_pages WHERE id = ?").run(page.id);
    recordHistory(db, { projectId: page.project_id, contentType: "wikipage", objectId: page.id, type: HISTORY_TYPE.delete, user, snapshot });
  })();
  return empty(204);
}

async function render(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body: JsonObject = await readObject(c);
  const content = body.content;
  const projectId = body.project_id;
  // Python truthiness: "", 0, null, [] and {} count as missing
  const missing = (v: unknown): boolean => v === undefined || v === null || v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
  if (missing(content)) throw validationError({ content: "'content' parameter is mandatory" });
  if (missing(projectId)) throw validationError({ project_id: "'project_id' parameter is mandatory" });
  const pid = typeof projectId === "number" ? projectId : typeof projectId === "string" && /^\d+$/.test(projectId) ? Number(projectId) : NaN;
  const project = Number.isSafeInteger(pid) ? getProject(db, pid) : undefined;
  if (!project) throw notFound();
  if (typeof content !== "string") throw validationError({ content: "'content' parameter is mandatory" });
  return json(c, { data: renderProjectMarkdown(db, project.id, content, origin(c)) });
}

/* ================================================================== links ================================================================== */

const getLink = (db: Db, id: number): WikiLinkRow | undefined => db.prepare(`SELECT id, project_id, title, href, "order" FROM wiki_links WHERE id = ?`).get(id) as WikiLinkRow | undefined;

const serializeLink = (l: WikiLinkRow): Record<string, unknown> => ({ id: l.id, project: l.project_id, title: l.title, href: l.href, order: l.order });

function loadLink(c: Ctx): { link: WikiLinkRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const link = getLink(db, idParam(c));
  const project = link ? getProject(db, link.project_id) : undefined;
  if (!link || !project) throw notFound(LINK_NOT_FOUND);
  return { link, project, access: projectAccess(db, c.var.user, project) };
}

/** slugify(title), made unique among the project's links with -1, -2, ... ("null" for an empty slug). */
function uniqueHref(db: Db, projectId: number, title: string): string {
  const base = slugify(title) || "null";
  const taken = (href: string): boolean => db.prepare("SELECT 1 FROM wiki_links WHERE project_id = ? AND href = ?").get(projectId, href) !== undefined;
  let candidate = base;
  for (let n = 1; taken(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

function listLinks(c: Ctx): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  const rows = (db
    .prepare(`SELECT id, project_id, title, href, "order" FROM wiki_links ${projectId !== undefined ? "WHERE project_id = ?" : ""} ORDER BY project_id, "order", id`)
    .all(...(projectId !== undefined ? [projectId] : [])) as WikiLinkRow[]).filter((l) => {
    const project = getProject(db, l.project_id);
    return project !== undefined && projectAccess(db, c.var.user, project).permissions.has("view_wiki_pages");
  });
  return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map(serializeLink));
}

function readOrder(v: Validator): number | undefined {
  const order = v.integer("order");
  return typeof order === "number" ? order : undefined;
}

async function createLink(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const v = new Validator(body);
  const projectId = v.pk("project", { required: true });
  if (typeof projectId === "number" && !getProject(db, projectId)) v.fail("project", `Invalid pk '${projectId}' - object does not exist.`);
  const title = v.string("title", { required: true, maxLength: 500 });
  const order = readOrder(v);
  v.check();
  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  requirePerm(access, "add_wiki_link");
  const user = requireUser(c);
  assertNotBlocked(project);
  let id = 0;
  db.transaction(() => {
    const href = uniqueHref(db, project.id, title as string);
    const info = db.prepare(`INSERT INTO wiki_links (project_id, title, href, "order") VALUES (?, ?, ?, ?)`).run(project.id, title, href, order ?? Date.now());
    id = Number(info.lastInsertRowid);
    const pageExists = db.prepare("SELECT 1 FROM wiki_pages WHERE project_id = ? AND slug = ?").get(project.id, href) !== undefined;
    if (access.permissions.has("add_wiki_page") && !pageExists) insertPage(c, project.id, href, "", user);
  })();
  return json(c, serializeLink(getLink(db, id) as WikiLinkRow), 201);
}

async function updateLink(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const { link, project, access } = loadLink(c);
  requirePerm(access, "modify_wiki_link");
  requireUser(c);
  const v = new Validator(body);
  if (body.project !== undefined || mode === "put") {
    const p = v.pk("project", { required: mode === "put" });
    if (typeof p === "number" && p !== link.project_id) v.fail("project", "You don't have permissions to set this project.");
  }
  const title = v.string("title", { required: mode === "put", maxLength: 500 });
  const order = readOrder(v);
  v.check();
  assertNotBlocked(project);
  db.prepare(`UPDATE wiki_links SET title = ?, "order" = ? WHERE id = ?`).run(title ?? link.title, order ?? link.order, link.id);
  return json(c, serializeLink(getLink(db, link.id) as WikiLinkRow));
}

/* ================================================================== routes ================================================================== */

export function registerWiki(routes: Routes): void {
  routes.add("/wiki", { GET: listPages, POST: createPage });
  routes.add("/wiki/by_slug", {
    GET: (c) => {
      const db = c.var.deps.db;
      const slug = c.req.query("slug") ?? "";
      const project = c.req.query("project") ?? "";
      const row = /^\d{1,15}$/.test(project) ? (db.prepare("SELECT id FROM wiki_pages WHERE project_id = ? AND slug = ?").get(Number(project), slug) as { id: number } | undefined) : undefined;
      if (!row) throw notFound(PAGE_NOT_FOUND);
      const { page, access } = loadPage(c, row.id);
      requirePerm(access, "view_wiki_pages");
      return json(c, serializePage(c, page));
    },
  });
  routes.add("/wiki/render", { POST: render });
  routes.add("/wiki/:id", {
    GET: (c) => {
      const { page, access } = loadPage(c);
      requirePerm(access, "view_wiki_pages");
      return json(c, serializePage(c, page));
    },
    PUT: (c) => updatePage(c, "put"),
    PATCH: (c) => updatePage(c, "patch"),
    DELETE: deletePage,
  });

  routes.add("/wiki-links", { GET: listLinks, POST: createLink });
  routes.add("/wiki-links/:id", {
    GET: (c) => {
      const { link, access } = loadLink(c);
      requirePerm(access, "view_wiki_links");
      return json(c, serializeLink(link));
    },
    PUT: (c) => updateLink(c, "put"),
    PATCH: (c) => updateLink(c, "patch"),
    DELETE: (c) => {
      const { link, project, access } = loadLink(c);
      requirePerm(access, "delete_wiki_link");
      requireUser(c);
      assertNotBlocked(project);
      c.var.deps.db.prepare("DELETE FROM wiki_links WHERE id = ?").run(link.id);
      return empty(204);
    },
  });
}

/**
 * Epics (taiga/projects/epics/api.py): list with Taiga's filters (ordered by `epics_order`, ref),
 * detail and `by_ref` with `neighbors`, `filters_data`, create (random Tango colour, "now" order),
 * `bulk_create`, PUT/PATCH with OCC and the `epics_order` renumbering of the project's epics
 * (`Taiga-Info-Order-Updated`, `set-orders`), DELETE (links to stories go, stories stay).
 * Related stories: `server/resources/epic-related-userstories.ts`; watch/unwatch: `watchers.ts`.
 */
import type { Db } from "../db";
import { nextRef } from "../db";
import { requireUser } from "../http/auth";
import { type JsonObject, readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, HttpError, notAuthenticated, notFound, permissionDenied, validationError, wrongArguments } from "../http/errors";
import { paginate } from "../http/pagination";
import { boolQuery, idParam, intQuery, switchQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { nowIso } from "../lib/dates";
import {
  describeEpicDiff,
  diffEpicSnapshots,
  EPIC_NOT_FOUND,
  type EpicRow,
  getEpic,
  type Json,
  randomEpicColor,
  serializeEpics,
  snapshotEpic,
} from "../lib/epics";
import { HISTORY_TYPE, recordHistory } from "../lib/history";
import { itemFields, pyType } from "../lib/item-fields";
import { checkOcc } from "../lib/occ";
import { applyOrderUpdates, formatOrderUpdatedHeader } from "../lib/ordering";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow, storeTags, stringList, tagsColorsObject } from "../lib/projects";
import { fullNameDisplay, type UserRow } from "../lib/users";
import { assertWritable, nowMillis, readSetOrders } from "../lib/workitem-handlers";
import {
  addWatcher,
  dateFilters,
  placeholders,
  projectsWithPermission,
  recentChangedKeys,
  relatedFilter,
  setWatchers,
  type SqlFilter,
  tagsFilter,
} from "../lib/workitems";
import { renderMarkdown } from "../lib/userstories";
import { rowMatcher, type SearchableRow } from "../lib/textsearch";
import { removeAttachmentsOf } from "./attachments";

/* ================================================================== list ================================================================== */

type Facet = "status" | "assigned_to" | "owner";


/** WHERE conditions of `GET /epics` (alias `i`), the caller's visibility included; `skip` leaves out one facet (filters_data). */
function buildFilter(c: Ctx, skip?: Facet): SqlFilter {
  const db = c.var.deps.db;
  const f: SqlFilter = { where: [], params: [] };
  const visible = projectsWithPermission(db, c.var.user, "view_epics");
  f.where.push(visible.length ? `i.project_id IN (${placeholders(visible.length)})` : "0 = 1");
  f.params.push(...visible);
  const project = intQuery(c, "project");
  if (project !== undefined) {
    f.where.push("i.project_id = ?");
    f.params.push(project);
  }
  const slug = c.req.query("project__slug");
  if (slug) {
    f.where.push("i.project_id = (SELECT id FROM projects WHERE slug = ?)");
    f.params.push(slug);
  }
  const closed = boolQuery(c, "status__is_closed");
  if (closed !== undefined) f.where.push(`COALESCE((SELECT is_closed FROM epic_statuses WHERE id = i.status_id), 0) = ${closed ? 1 : 0}`);
  for (const [facet, column] of [
    ["status", "i.status_id"],
    ["assigned_to", "i.assigned_to_id"],
    ["owner", "i.owner_id"],
  ] as [Facet, string][]) {
    if (facet !== skip) relatedFilter(c, f, facet, column);
  }
  tagsFilter(c, f);
  const watchers = c.req.query("watchers");
  if (watchers) {
    const ids = watchers.split(",").map((w) => w.trim());
    if (ids.some((w) => !/^\d{1,15}$/.test(w))) throw badRequest("Error in filter params types.");
    f.where.push(`EXISTS (SELECT 1 FROM watchers fw WHERE fw.content_type = 'epic' AND fw.object_id = i.id AND fw.user_id IN (${placeholders(ids.length)}))`);
    f.params.push(...ids.map(Number));
  }
  dateFilters(c, f, ["created_date", "modified_date"]);
  const q = c.req.query("q");
  if (q) {
    // QFilter: Taiga's prefix search over subject, tags, ref and description (server/lib/textsearch.ts)
    const matches = rowMatcher(q);
    const rows = (visible.length ? db.prepare(`SELECT id, subject, tags, ref, description FROM epics WHERE project_id IN (${placeholders(visible.length)})`).all(...visible) : []) as ({ id: number } & SearchableRow)[];
    f.where.push("i.id IN (SELECT value FROM json_each(?))");
    f.params.push(JSON.stringify(rows.filter(matches).map((r) => r.id)));
  }
  return f;
}

/** Every epic matching the query string, in Taiga's model order (project, epics_order, ref). */
function queryEpics(c: Ctx, extra?: (f: SqlFilter) => void, skip?: Facet): EpicRow[] {
  const f = buildFilter(c, skip);
  extra?.(f);
  return c.var.deps.db.prepare(`SELECT i.* FROM epics i WHERE ${f.where.join(" AND ")} ORDER BY i.project_id, i.epics_order, i.ref, i.id`).all(...f.params) as EpicRow[];
}

function listEpics(c: Ctx): Response {
  const rows = queryEpics(c);
  const includeAttachments = switchQuery(c, "include_attachments");
  return paginate(c, rows.length, (limit, offset) => serializeEpics(c.var.deps.db, limit < 0 ? rows : rows.slice(offset, offset + limit), c.var.user, { includeAttachments }));
}

/* ================================================================== detail ================================================================== */

interface Loaded {
  epic: EpicRow;
  project: ProjectRow;
  access: Access;
}

/** An epic to read: 404 when missing, 401/403 without `view_epics`. */
export function loadReadableEpic(c: Ctx, id: number): Loaded {
  const db = c.var.deps.db;
  const epic = getEpic(db, id);
  const project = epic ? getProject(db, epic.project_id) : undefined;
  if (!epic || !project) throw notFound(EPIC_NOT_FOUND);
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_epics")) throw denied(access);
  return { epic, project, access };
}

/** An epic to change: missing is 404 for a superuser and 403/401 for others (Taiga checks permissions first). */
function loadWritableEpic(c: Ctx, id: number): Loaded {
  const db = c.var.deps.db;
  const epic = getEpic(db, id);
  if (!epic) {
    if (c.var.user?.is_superuser === 1) throw notFound(EPIC_NOT_FOUND);
    throw c.var.user ? permissionDenied() : notAuthenticated();
  }
  const project = getProject(db, epic.project_id) as ProjectRow;
  return { epic, project, access: projectAccess(db, c.var.user, project) };
}

function serializeOne(c: Ctx, id: number): Json {
  const db = c.var.deps.db;
  const epic = getEpic(db, id);
  if (!epic) throw notFound(EPIC_NOT_FOUND);
  return serializeEpics(db, [epic], c.var.user, { detail: true })[0] ?? {};
}

/** `neighbors` inside the list the detail request's own query string defines, within the epic's project. */
function neighbors(c: Ctx, epic: EpicRow): Json {
  const rows = queryEpics(c, (f) => {
    f.where.push("i.project_id = ?");
    f.params.push(epic.project_id);
  });
  const index = rows.findIndex((r) => r.id === epic.id);
  const brief = (r: EpicRow | undefined): Json | null => (r ? { id: r.id, ref: r.ref, subject: r.subject } : null);
  if (index < 0) return { previous: null, next: null };
  return { previous: brief(rows[index - 1]), next: brief(rows[index + 1]) };
}

function detailResponse(c: Ctx, epic: EpicRow): Response {
  const [body] = serializeEpics(c.var.deps.db, [epic], c.var.user, { detail: true });
  return json(c, { ...body, neighbors: neighbors(c, epic) });
}

function byRef(c: Ctx): Response {
  const db = c.var.deps.db;
  const ref = c.req.query("ref");
  if (!ref) throw new HttpError(400, { _error_message: "ref param is needed", _error_type: "taiga.base.exceptions.BadRequest" });
  let projectId: number | undefined;
  if (c.req.query("project")) projectId = intQuery(c, "project");
  else if (c.req.query("project__slug")) {
    const row = db.prepare("SELECT id FROM projects WHERE slug = ?").get(c.req.query("project__slug")) as { id: number } | undefined;
    if (!row) throw notFound(EPIC_NOT_FOUND);
    projectId = row.id;
  } else {
    throw new HttpError(400, { _error_message: "project or project__slug param is needed", _error_type: "taiga.base.exceptions.BadRequest" });
  }
  if (!/^\d{1,15}$/.test(ref)) throw notFound(EPIC_NOT_FOUND);
  const row = db.prepare("SELECT id FROM epics WHERE project_id = ? AND ref = ?").get(projectId, Number(ref)) as { id: number } | undefined;
  if (!row) throw notFound(EPIC_NOT_FOUND);
  return detailResponse(c, loadReadableEpic(c, row.id).epic);
}

/* ================================================================== filters_data ================================================================== */

function filtersData(c: Ctx): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  const project = projectId === undefined ? undefined : getProject(db, projectId);
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_epics")) throw denied(access);
  const inProject = (skip?: Facet): EpicRow[] =>
    queryEpics(
      c,
      (f) => {
        f.where.push("i.project_id = ?");
        f.params.push(project.id);
      },
      skip,
    );
  const count = <K>(rows: EpicRow[], key: (r: EpicRow) => K): Map<K, number> => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const statusCounts = count(inProject("status"), (r) => r.status_id);
  const statuses = (db.prepare(`SELECT id, name, color, "order" FROM epic_statuses WHERE project_id = ? ORDER BY "order", id`).all(project.id) as {
    id: number;
    name: string;
    color: string;
    order: number;
  }[]).map((s) => ({ id: s.id, name: s.name, color: s.color, order: s.order, count: statusCounts.get(s.id) ?? 0 }));
  const byName = (a: { full_name: string }, b: { full_name: string }): number => a.full_name.localeCompare(b.full_name);
  const members = db.prepare("SELECT u.id, u.username, u.full_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ?").all(project.id) as {
    id: number;
    username: string;
    full_name: string;
  }[];
  const assignedCounts = count(inProject("assigned_to"), (r) => r.assigned_to_id);
  const assignedTo = [
    { id: null, full_name: "", count: assignedCounts.get(null) ?? 0 },
    ...members.map((m) => ({ id: m.id, full_name: fullNameDisplay(m), count: assignedCounts.get(m.id) ?? 0 })).sort(byName),
  ];
  const ownerCounts = count(inProject("owner"), (r) => r.owner_id);
  const ownerIds = [...ownerCounts.keys()].filter((id): id is number => id !== null);
  const owners = (ownerIds.length
    ? (db.prepare(`SELECT id, username, full_name FROM users WHERE id IN (${placeholders(ownerIds.length)})`).all(...ownerIds) as { id: number; username: string; full_name: string }[])
    : []
  )
    .map((u) => ({ id: u.id, full_name: fullNameDisplay(u), count: ownerCounts.get(u.id) ?? 0 }))
    .sort(byName);
  const tagCounts = new Map<string, number>();
  for (const r of inProject()) for (const t of stringList(r.tags)) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const colors = tagsColorsObject(project.tags_colors);
  const tags = [...new Set([...Object.keys(colors), ...tagCounts.keys()])].sort().map((name) => ({ name, color: colors[name] ?? null, count: tagCounts.get(name) ?? 0 }));
  return json(c, { statuses, assigned_to: assignedTo, owners, tags });
}

/* ================================================================== body validation ================================================================== */

interface EpicChanges {
  project?: number;
  subject?: string;
  description?: string;
  status?: number | null;
  assigned_to?: number | null;
  color?: string;
  tags?: { name: string; color: string | null }[];
  epics_order?: number;
  client_requirement?: boolean;
  team_requirement?: boolean;
  is_blocked?: boolean;
  blocked_note?: string;
  external_reference?: unknown;
  watchers?: number[];
  comment?: string;
}

/** Validates a body the way EpicValidator does (types, existence of related rows), every error at once. */
function validateBody(db: Db, body: JsonObject, mode: "create" | "put" | "patch"): EpicChanges {
  const f = itemFields(db, body, { textOnlyScalars: true });
  const out: EpicChanges = {};
  if (mode !== "patch" && !f.has("project")) f.fail("project", "This field is required.");
  const project = f.pk("project", "projects", false);
  if (typeof project === "number") out.project = project;
  const subject = f.text("subject", { max: 140, required: mode !== "patch" });
  if (typeof subject === "string") out.subject = subject;
  const description = f.text("description", { blank: true });
  if (typeof description === "string") out.description = description;
  for (const [name, table] of [
    ["status", "epic_statuses"],
    ["assigned_to", "users"],
  ] as const) {
    const v = f.pk(name, table, true);
    if (v !== undefined) out[name] = v;
  }
  const color = f.text("color", { blank: true, max: 32 });
  if (typeof color === "string") out.color = color;
  const tags = f.tags((v) => `Expected a list of items but got type "${pyType(v)}".`);
  if (tags) out.tags = tags;
  const order = f.int("epics_order");
  if (order !== undefined) out.epics_order = order;
  for (const name of ["client_requirement", "team_requirement", "is_blocked"] as const) {
    const v = f.bool(name);
    if (v !== undefined) out[name] = v;
  }
  const note = f.text("blocked_note", { blank: true });
  if (typeof note === "string") out.blocked_note = note;
  const comment = f.text("comment", { blank: true, nullable: true });
  if (comment !== undefined) out.comment = comment ?? "";
  const externalReference = f.externalReference();
  if (externalReference) out.external_reference = externalReference.value;
  if (f.has("watchers")) {
    const v = body.watchers;
    if (!Array.isArray(v)) f.fail("watchers", `Expected a list of items but got type "${pyType(v)}".`);
    else {
      const ids: number[] = [];
      for (const w of v) {
        if (typeof w === "number" && Number.isSafeInteger(w) && db.prepare("SELECT 1 FROM users WHERE id = ?").get(w)) ids.push(w);
        else {
          f.fail("watchers", typeof w === "number" ? `Invalid pk '${w}' - object does not exist.` : `Incorrect type. Expected pk value, received ${pyType(w)}.`);
          break;
        }
      }
      if (!f.errors.watchers) out.watchers = [...new Set(ids)];
    }
  }
  if (mode !== "create") f.checkVersion();
  f.check();
  return out;
}

/** The assignee must be a member; watchers must be members or already watching; the status must be the project's. */
function validateInProject(db: Db, projectId: number, epicId: number | null, changes: EpicChanges): void {
  const isMember = (userId: number): boolean => !!db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(projectId, userId);
  const errors: Record<string, string[]> = {};
  if (changes.assigned_to !== undefined && changes.assigned_to !== null && !isMember(changes.assigned_to)) errors.assigned_to = ["The user must be a project member."];
  for (const u of changes.watchers ?? []) {
    const watching = epicId !== null && db.prepare("SELECT 1 FROM watchers WHERE content_type = 'epic' AND object_id = ? AND user_id = ?").get(epicId, u);
    if (!isMember(u) && !watching) {
      errors.watchers = ["Watchers contains invalid users"];
      break;
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
  if (changes.status !== undefined && changes.status !== null && !db.prepare("SELECT 1 FROM epic_statuses WHERE id = ? AND project_id = ?").get(changes.status, projectId)) {
    throw wrongArguments("You don't have permissions to set this status to this epic.");
  }
}

/* ================================================================== create ================================================================== */

export interface NewEpic {
  project: ProjectRow;
  owner: UserRow;
  changes: EpicChanges;
  now: string;
  /** shared by the epics of one bulk_create */
  order?: number;
}

/** Inserts one epic and its creation history entry (inside the caller's transaction); returns its id. */
export function insertEpic(db: Db, n: NewEpic): number {
  const ch = n.changes;
  const tags = storeTags(db, n.project.id, ch.tags ?? []);
  const info = db
    .prepare(
      `INSERT INTO epics (project_id, ref, subject, description, status_id, owner_id, assigned_to_id, color, tags, epics_order,
         client_requirement, team_requirement, is_blocked, blocked_note, external_reference, version, created_date, modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      n.project.id,
      nextRef(db, n.project.id),
      ch.subject ?? "",
      ch.description ?? "",
      ch.status ?? n.project.default_epic_status_id,
      n.owner.id,
      ch.assigned_to ?? null,
      ch.color ?? randomEpicColor(),
      JSON.stringify(tags),
      ch.epics_order ?? n.order ?? nowMillis(),
      ch.client_requirement ? 1 : 0,
      ch.team_requirement ? 1 : 0,
      ch.is_blocked ? 1 : 0,
      ch.is_blocked ? (ch.blocked_note ?? "") : "",
      ch.external_reference === undefined || ch.external_reference === null ? null : JSON.stringify(ch.external_reference),
      n.now,
      n.now,
    );
  const id = Number(info.lastInsertRowid);
  if (ch.watchers?.length) setWatchers(db, "epic", id, ch.watchers, n.now);
  recordHistory(db, { projectId: n.project.id, contentType: "epic", objectId: id, type: HISTORY_TYPE.create, user: n.owner, createdAt: n.now });
  return id;
}

async function createEpic(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const changes = validateBody(db, body, "create");
  const project = getProject(db, changes.project as number);
  if (!project) throw validationError({ project: ["This field is required."] });
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("add_epic")) throw denied(access);
  const user = requireUser(c);
  validateInProject(db, project.id, null, changes);
  assertWritable(project);
  const id = db.transaction(() => insertEpic(db, { project, owner: user, changes, now: nowIso() }))();
  return json(c, serializeOne(c, id), 201);
}

/** `POST /epics/bulk_create` `{project_id, status_id?, bulk_epics: "A\nB"}` -> 200, the new epics (one shared order). */
async function bulkCreate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const projectId = fields.integer("project_id", { required: true });
  const statusId = fields.integer("status_id", { allowNull: true });
  const text = fields.string("bulk_epics", { required: true });
  if (typeof projectId === "number" && !getProject(db, projectId)) fields.fail("project_id", "There's no project with that id");
  fields.check();
  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("add_epic")) throw denied(access);
  const user = requireUser(c);
  if (typeof statusId === "number" && !db.prepare("SELECT 1 FROM epic_statuses WHERE id = ? AND project_id = ?").get(statusId, project.id)) {
    throw wrongArguments("You don't have permissions to set this status to this epic.");
  }
  assertWritable(project);
  const subjects = (text as string).split("\n").map((s) => s.trim()).filter((s) => s !== "");
  const ids = db.transaction(() => {
    const now = nowIso();
    const order = nowMillis();
    return subjects.map((subject) => insertEpic(db, { project, owner: user, now, order, changes: { subject: subject.slice(0, 140), status: statusId ?? null } }));
  })();
  const rows = ids.length ? (db.prepare(`SELECT * FROM epics WHERE id IN (${placeholders(ids.length)}) ORDER BY epics_order, ref, id`).all(...ids) as EpicRow[]) : [];
  return json(c, serializeEpics(db, rows, c.var.user, { detail: true }));
}

/* ================================================================== update ================================================================== */

async function updateEpic(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const body = await readObject(c);
  const { epic, project, access } = loadWritableEpic(c, id);
  if (!access.permissions.has("view_epics")) throw denied(access);
  const keys = Object.keys(body).filter((k) => k !== "version");
  const justAComment = keys.length === 1 && keys[0] === "comment";
  if (!(justAComment && access.permissions.has("comment_epic")) && !access.permissions.has("modify_epic")) throw denied(access);
  const user = requireUser(c);
  if (body.project !== undefined && body.project !== epic.project_id && String(body.project) !== String(epic.project_id)) {
    // moving epics between projects is not offered by this server
    throw wrongArguments("You don't have permissions to set this project to this epic.");
  }
  const changes = validateBody(db, body, mode);
  validateInProject(db, project.id, epic.id, changes);
  const occ = checkOcc(body, epic.version, recentChangedKeys(db, "epic", epic.id, epic.version));
  if (!occ.ok) throw validationError({ ...occ.body });
  assertWritable(project);
  const setOrders = readSetOrders(c);

  let orderHeader = "{}";
  db.transaction(() => {
    const now = nowIso();
    const before = snapshotEpic(db, epic.id) ?? {};
    const set: Record<string, unknown> = {};
    if (changes.subject !== undefined) set.subject = changes.subject;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.status !== undefined) set.status_id = changes.status ?? project.default_epic_status_id;
    if (changes.assigned_to !== undefined) set.assigned_to_id = changes.assigned_to;
    if (changes.color !== undefined) set.color = changes.color;
    if (changes.tags !== undefined) set.tags = JSON.stringify(storeTags(db, project.id, changes.tags));
    if (changes.epics_order !== undefined) set.epics_order = changes.epics_order;
    if (changes.client_requirement !== undefined) set.client_requirement = changes.client_requirement ? 1 : 0;
    if (changes.team_requirement !== undefined) set.team_requirement = changes.team_requirement ? 1 : 0;
    if (changes.is_blocked !== undefined) set.is_blocked = changes.is_blocked ? 1 : 0;
    if (changes.blocked_note !== undefined) set.blocked_note = changes.blocked_note;
    if (changes.external_reference !== undefined) set.external_reference = changes.external_reference === null ? null : JSON.stringify(changes.external_reference);
    if (mode === "put") {
      // PUT resets what was not sent to the model defaults (a new colour and "now" as the order included)
      if (changes.description === undefined) set.description = "";
      if (changes.assigned_to === undefined) set.assigned_to_id = null;
      if (changes.color === undefined) set.color = randomEpicColor();
      if (changes.tags === undefined) set.tags = "[]";
      if (changes.epics_order === undefined) set.epics_order = nowMillis();
      if (changes.client_requirement === undefined) set.client_requirement = 0;
      if (changes.team_requirement === undefined) set.team_requirement = 0;
      if (changes.is_blocked === undefined) set.is_blocked = 0;
    }
    const blockedNow = set.is_blocked !== undefined ? set.is_blocked === 1 : epic.is_blocked === 1;
    if (!blockedNow) set.blocked_note = "";
    set.modified_date = now;
    const columns = Object.keys(set);
    db.prepare(`UPDATE epics SET ${columns.map((k) => `${k} = ?`).join(", ")}, version = version + 1 WHERE id = ?`).run(...columns.map((k) => set[k]), epic.id);
    if (changes.watchers !== undefined) setWatchers(db, "epic", epic.id, changes.watchers, now);

    const saved = getEpic(db, epic.id) as EpicRow;
    if (saved.epics_order !== epic.epics_order) {
      const base = db.prepare(`SELECT id, epics_order AS "order" FROM epics WHERE project_id = ? ORDER BY epics_order, id`).all(project.id) as { id: number; order: number }[];
      const wanted = new Map(setOrders);
      wanted.set(saved.id, saved.epics_order);
      // as in Taiga, the base holds the saved (new) value: every epic from the new position on moves down one
      const changed = applyOrderUpdates(base, wanted);
      const update = db.prepare("UPDATE epics SET epics_order = ? WHERE id = ?");
      for (const a of changed) update.run(a.order, a.id);
      orderHeader = formatOrderUpdatedHeader(changed);
    }

    const comment = changes.comment ?? "";
    if (comment !== "") addWatcher(db, "epic", epic.id, user.id, now);
    const diff = diffEpicSnapshots(before, snapshotEpic(db, epic.id) ?? {});
    if (Object.keys(diff).length || comment !== "") {
      const { values, valuesDiff } = describeEpicDiff(db, diff);
      recordHistory(db, {
        projectId: project.id,
        contentType: "epic",
        objectId: epic.id,
        type: HISTORY_TYPE.change,
        user,
        diff,
        values,
        valuesDiff,
        comment,
        commentHtml: comment ? renderMarkdown(comment) : "",
        createdAt: now,
      });
    }
  })();
  return json(c, serializeOne(c, epic.id), 200, { "Taiga-Info-Order-Updated": orderHeader });
}

/* ================================================================== delete ================================================================== */

function deleteEpic(c: Ctx): Response {
  const db = c.var.deps.db;
  const { epic, project, access } = loadWritableEpic(c, idParam(c));
  if (!access.permissions.has("delete_epic")) throw denied(access);
  const user = requireUser(c);
  assertWritable(project);
  db.transaction(() => {
    const snapshot = snapshotEpic(db, epic.id);
    db.prepare("DELETE FROM watchers WHERE content_type = 'epic' AND object_id = ?").run(epic.id);
    db.prepare("DELETE FROM votes WHERE content_type = 'epic' AND object_id = ?").run(epic.id);
    db.prepare("DELETE FROM custom_attribute_values WHERE kind = 'epic' AND object_id = ?").run(epic.id);
    removeAttachmentsOf(db, "epic", epic.id);
    db.prepare("DELETE FROM epic_related_userstories WHERE epic_id = ?").run(epic.id);
    db.prepare("DELETE FROM epics WHERE id = ?").run(epic.id);
    recordHistory(db, { projectId: epic.project_id, contentType: "epic", objectId: epic.id, type: HISTORY_TYPE.delete, user, snapshot });
  })();
  return empty(204);
}

export function registerEpics(routes: Routes): void {
  routes.add("/epics", { GET: listEpics, POST: createEpic });
  routes.add("/epics/by_ref", { GET: byRef });
  routes.add("/epics/filters_data", { GET: filtersData });
  routes.add("/epics/bulk_create", { POST: bulkCreate });
  routes.add("/epics/:id", {
    GET: (c) => detailResponse(c, loadReadableEpic(c, idParam(c)).epic),
    PUT: (c) => updateEpic(c, "put"),
    PATCH: (c) => updateEpic(c, "patch"),
    DELETE: deleteEpic,
  });
}

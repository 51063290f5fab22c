/**
 * The request handlers tasks and issues share (list, detail, by_ref, filters_data, create, PUT/PATCH
 * with OCC, DELETE, bulk_create). The resource modules add their kind-specific rules through the
 * `KindSpec` and the hooks below (`server/resources/tasks.ts`, `server/resources/issues.ts`).
 */
import type { Db } from "../db";
import { nextRef } from "../db";
import { requireUser } from "../http/auth";
import { readObject, type JsonObject } from "../http/body";
import type { Ctx } from "../http/context";
import { blocked, HttpError, notAuthenticated, notFound, permissionDenied, validationError, wrongArguments } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { nowIso } from "./dates";
import { itemFields, pyType } from "./item-fields";
import { HISTORY_TYPE, recordHistory } from "./history";
import { checkOcc } from "./occ";
import { type Access, denied, projectAccess } from "./permissions";
import { getProject, storeTags, tagsColorsObject, type ProjectRow } from "./projects";
import { recalculateMilestoneClosed, recalculateStoryClosed } from "./userstories";
import {
  addWatcher,
  countItems,
  diffItemSnapshots,
  type Facet,
  getItem,
  itemListWhere,
  type ItemRow,
  type Json,
  type KindSpec,
  placeholders,
  queryItems,
  recentChangedKeys,
  recordItemChange,
  serializeItems,
  setWatchers,
  snapshotItem,
} from "./workitems";

/* ================================================================== access ================================================================== */

export interface Loaded {
  item: ItemRow;
  project: ProjectRow;
  access: Access;
}

/** An item to read: 404 (Taiga's "No Task matches the given query.") when missing, 401/403 without the view permission. */
export function loadReadable(c: Ctx, spec: KindSpec, id: number): Loaded {
  const db = c.var.deps.db;
  const item = getItem(db, spec, id);
  const project = item ? getProject(db, item.project_id) : undefined;
  if (!item || !project) throw notFound(spec.notFoundMessage);
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.view)) throw denied(access);
  return { item, project, access };
}

/**
 * An item to change, its project and the caller's access. A missing item is 404 for a superuser and
 * 403/401 for everyone else (Taiga checks permissions before it looks). Callers check the permission
 * their write needs.
 */
function loadForWrite(c: Ctx, spec: KindSpec, id: number): Loaded {
  const db = c.var.deps.db;
  const item = getItem(db, spec, id);
  if (!item) {
    if (c.var.user?.is_superuser === 1) throw notFound(spec.notFoundMessage);
    throw c.var.user ? permissionDenied() : notAuthenticated();
  }
  const project = getProject(db, item.project_id) as ProjectRow;
  return { item, project, access: projectAccess(db, c.var.user, project) };
}

/** A project a write goes to: blocked 451, archived 403. */
export function assertWritable(project: ProjectRow): void {
  if (project.blocked_code) throw blocked();
  if (project.archived_code) throw permissionDenied("Archived element");
}

/* ================================================================== body validation ================================================================== */

/** The validated content of a create/update body (only the keys that were sent). */
export interface ItemChanges {
  project?: number;
  subject?: string;
  description?: string;
  status?: number | null;
  milestone?: number | null;
  assigned_to?: number | null;
  tags?: { name: string; color: string | null }[];
  is_blocked?: boolean;
  blocked_note?: string;
  due_date?: string | null;
  due_date_reason?: string;
  external_reference?: unknown;
  watchers?: number[];
  comment?: string;
  // tasks
  user_story?: number | null;
  us_order?: number;
  taskboard_order?: number;
  is_iocaine?: boolean;
  // issues
  type?: number | null;
  priority?: number | null;
  severity?: number | null;
}

/** Related rows checked for existence ("Invalid pk"), by body key. */
const PK_TABLES: Record<string, string> = {
  project: "projects",
  milestone: "milestones",
  assigned_to: "users",
  user_story: "userstories",
  type: "issue_types",
  priority: "priorities",
  severity: "severities",
};

/**
 * Validates a body the way TaskValidator / IssueValidator do: types, then existence of related rows,
 * then membership of the assignee. Throws 400 with every field error at once.
 */
export function validateItemBody(db: Db, spec: KindSpec, body: JsonObject, mode: "create" | "put" | "patch"): ItemChanges {
  const f = itemFields(db, body, { textOnlyScalars: true });
  const out: ItemChanges = {};
  const required = mode !== "patch";
  const pk = (name: string, nullable: boolean): number | null | undefined => f.pk(name, name === "status" ? spec.statusTable : PK_TABLES[name], nullable);

  if (mode === "create" || mode === "put") {
    if (!f.has("project")) f.fail("project", "This field is required.");
  }
  const project = pk("project", false);
  if (typeof project === "number") out.project = project;
  const subject = f.text("subject", { required });
  if (typeof subject === "string") out.subject = subject;
  const description = f.text("description", { blank: true });
  if (typeof description === "string") out.description = description;

  const nullablePks = spec.kind === "task" ? ["milestone", "assigned_to", "user_story", "status"] : ["milestone", "assigned_to", "status", "type", "priority", "severity"];
  for (const name of nullablePks) {
    const v = pk(name, name !== "type" && name !== "priority" && name !== "severity");
    if (v !== undefined) (out as Record<string, unknown>)[name] = v;
  }

  const tags = f.tags((v) => `Expected a list of items but got type "${pyType(v)}".`);
  if (tags) out.tags = tags;
  const isBlocked = f.bool("is_blocked");
  if (isBlocked !== undefined) out.is_blocked = isBlocked;
  const note = f.text("blocked_note", { blank: true });
  if (typeof note === "string") out.blocked_note = note;
  const reason = f.text("due_date_reason", { blank: true });
  if (typeof reason === "string") out.due_date_reason = reason;
  const comment = f.text("comment", { blank: true, nullable: true });
  if (comment !== undefined) out.comment = comment ?? "";
  const dueDate = f.dueDate();
  if (dueDate !== undefined) out.due_date = dueDate;
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
  if (spec.kind === "task") {
    for (const name of ["us_order", "taskboard_order"] as const) {
      const n = f.int(name);
      if (n !== undefined) out[name] = n;
    }
    const iocaine = f.bool("is_iocaine");
    if (iocaine !== undefined) out.is_iocaine = iocaine;
  }
  if (mode !== "create") f.checkVersion();
  f.check();
  return out;
}

/** The assignee must be a project member; watchers must be members or already watching. */
export function validateMembers(db: Db, spec: KindSpec, projectId: number, itemId: number | null, changes: ItemChanges): void {
  const isMember = (userId: number): boolean => !!db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(projectId, userId);
  const errors: Record<string, string[]> = {};
  if (changes.assigned_to !== undefined && changes.assigned_to !== null && !isMember(changes.assigned_to)) errors.assigned_to = ["The user must be a project member."];
  for (const u of changes.watchers ?? []) {
    const watching = itemId !== null && db.prepare("SELECT 1 FROM watchers WHERE content_type = ? AND object_id = ? AND user_id = ?").get(spec.kind, itemId, u);
    if (!isMember(u) && !watching) {
      errors.watchers = ["Watchers contains invalid users"];
      break;
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
}

/* ================================================================== responses ================================================================== */

export function serializeOne(c: Ctx, spec: KindSpec, id: number): Json {
  const db = c.var.deps.db;
  const item = getItem(db, spec, id);
  if (!item) throw notFound(spec.notFoundMessage);
  return serializeItems(db, spec, [item], c.var.user, { detail: true })[0] ?? {};
}

/** `neighbors` inside the list defined by the detail request's own query string, within the project. */
function neighbors(c: Ctx, spec: KindSpec, item: ItemRow): Json {
  const rows = queryItems(c, spec, (f) => {
    f.where.push("i.project_id = ?");
    f.params.push(item.project_id);
  });
  const index = rows.findIndex((r) => r.id === item.id);
  const brief = (r: ItemRow | undefined): Json | null => (r ? { id: r.id, ref: r.ref, subject: r.subject } : null);
  if (index < 0) return { previous: null, next: null };
  return { previous: brief(rows[index - 1]), next: brief(rows[index + 1]) };
}

export function detailResponse(c: Ctx, spec: KindSpec, item: ItemRow): Response {
  const [body] = serializeItems(c.var.deps.db, spec, [item], c.var.user, { detail: true });
  return json(c, { ...body, neighbors: neighbors(c, spec, item) });
}

/** `GET /<items>`: counted and paged in SQL, only the answered page serialized. */
export function listItems(c: Ctx, spec: KindSpec): Response {
  const includeAttachments = c.req.query("include_attachments") !== undefined;
  const paginated = c.req.header("x-disable-pagination") === undefined;
  return paginate(c, paginated ? countItems(c, spec) : 0, (limit, offset) =>
    serializeItems(c.var.deps.db, spec, queryItems(c, spec, undefined, undefined, limit, offset), c.var.user, { includeAttachments }),
  );
}

export function byRef(c: Ctx, spec: KindSpec): Response {
  const db = c.var.deps.db;
  const ref = c.req.query("ref");
  if (!ref) throw new HttpError(400, { _error_message: "ref param is needed", _error_type: "taiga.base.exceptions.BadRequest" });
  const projectRaw = c.req.query("project");
  const slug = c.req.query("project__slug");
  let projectId: number | undefined;
  if (projectRaw) {
    projectId = intQuery(c, "project");
  } else if (slug) {
    const row = db.prepare("SELECT id FROM projects WHERE slug = ?").get(slug) as { id: number } | undefined;
    if (!row) throw notFound(spec.notFoundMessage);
    projectId = row.id;
  } else {
    throw new HttpError(400, { _error_message: "project or project__slug param is needed", _error_type: "taiga.base.exceptions.BadRequest" });
  }
  if (!/^\d{1,15}$/.test(ref)) throw notFound(spec.notFoundMessage);
  const row = db.prepare(`SELECT id FROM ${spec.table} WHERE project_id = ? AND ref = ?`).get(projectId, Number(ref)) as { id: number } | undefined;
  if (!row) throw notFound(spec.notFoundMessage);
  const { item } = loadReadable(c, spec, row.id);
  return detailResponse(c, spec, item);
}

/* ================================================================== filters_data ================================================================== */

/** Code-point order, as Python's `sorted()` compares the names. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `GET /<items>/filters_data?project=` as taiga-back's services build it: each facet counts the items
 * that pass every other filter backend (its own include and exclude left out). Values (statuses,
 * types, priorities, severities, roles) list all of the project's, by order; `assigned_to` lists the
 * members plus an unassigned row; `owners` only members with at least one item; `tags` only the
 * project's known tags (tags_colors), by name.
 */
export function filtersData(c: Ctx, spec: KindSpec): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  if (projectId === undefined) throw new HttpError(400, { _error_message: "The project id param is needed", _error_type: "taiga.base.exceptions.BadRequest" });
  const project = getProject(db, projectId);
  if (!project) throw notFound();
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.view)) throw denied(access);

  /** `{value: count}` of one column over the items the other facets let through. */
  const counts = <K extends number | string | null>(facet: Facet, select: string, join = "", countExpr = "COUNT(*)"): Map<K, number> => {
    const { where, params } = itemListWhere(c, spec, undefined, facet);
    const rows = db.prepare(`SELECT ${select} AS k, ${countExpr} AS n FROM ${spec.table} i ${join} WHERE ${where} GROUP BY ${select}`).all(...params) as { k: K; n: number }[];
    return new Map(rows.map((r) => [r.k, r.n]));
  };
  const valueFacet = (facet: Facet, table: string, column: string): Json[] => {
    const n = counts<number | null>(facet, column);
    return (db.prepare(`SELECT id, name, color, "order" FROM ${table} WHERE project_id = ? ORDER BY "order", id`).all(projectId) as { id: number; name: string; color: string; order: number }[]).map((v) => ({
      id: v.id,
      name: v.name,
      color: v.color,
      order: v.order,
      count: n.get(v.id) ?? 0,
    }));
  };
  const members = db
    .prepare("SELECT u.id, u.username, u.full_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.id")
    .all(projectId) as { id: number; username: string; full_name: string }[];
  const people = (n: Map<number | null, number>): { id: number; full_name: string; count: number }[] =>
    members.map((m) => ({ id: m.id, full_name: m.full_name || m.username, count: n.get(m.id) ?? 0 }));
  const byFullName = (a: { full_name: string }, b: { full_name: string }): number => byCodePoint(a.full_name, b.full_name);

  const out: Json = {};
  if (spec.kind === "issue") out.types = valueFacet("type", "issue_types", "i.type_id");
  out.statuses = valueFacet("status", spec.statusTable, "i.status_id");
  if (spec.kind === "issue") {
    out.priorities = valueFacet("priority", "priorities", "i.priority_id");
    out.severities = valueFacet("severity", "severities", "i.severity_id");
  }
  const assigned = counts<number | null>("assigned_to", "i.assigned_to_id");
  out.assigned_to = [{ id: null, full_name: "", count: assigned.get(null) ?? 0 }, ...people(assigned)].sort(byFullName);
  out.owners = people(counts<number | null>("owner", "i.owner_id"))
    .filter((o) => o.count > 0)
    .sort(byFullName);
  const perTag = counts<string>("tags", "fj.value", ", json_each(i.tags) fj");
  out.tags = Object.entries(tagsColorsObject(project.tags_colors))
    .map(([name, color]) => ({ name, color, count: perTag.get(name) ?? 0 }))
    .sort((a, b) => byCodePoint(a.name, b.name));
  // an item counts once for each role its assignee holds (taiga-back joins every membership of the user)
  const perRole = counts<number>("role", "fm.role_id", "JOIN memberships fm ON fm.user_id = i.assigned_to_id", "COUNT(DISTINCT i.id)");
  out.roles = (db.prepare('SELECT id, name, "order" FROM roles WHERE project_id = ? ORDER BY "order", id').all(projectId) as { id: number; name: string; order: number }[]).map((r) => ({
    id: r.id,
    name: r.name,
    color: null,
    order: r.order,
    count: perRole.get(r.id) ?? 0,
  }));
  return json(c, out);
}

/* ================================================================== create ================================================================== */

export interface NewItem {
  project: ProjectRow;
  owner: number;
  changes: ItemChanges;
  now: string;
}

/** Resolves the status (project default when absent) and, for tasks, the milestone inherited from the story. */
export function resolveDefaults(db: Db, spec: KindSpec, project: ProjectRow, changes: ItemChanges): ItemChanges {
  const out = { ...changes };
  if (out.status === undefined || out.status === null) out.status = spec.kind === "task" ? project.default_task_status_id : project.default_issue_status_id;
  if (spec.kind === "issue") {
    if (out.type === undefined || out.type === null) out.type = project.default_issue_type_id;
    if (out.priority === undefined || out.priority === null) out.priority = project.default_priority_id;
    if (out.severity === undefined || out.severity === null) out.severity = project.default_severity_id;
  }
  if (spec.kind === "task" && out.user_story !== undefined && out.user_story !== null) {
    const story = db.prepare("SELECT milestone_id FROM userstories WHERE id = ?").get(out.user_story) as { milestone_id: number | null } | undefined;
    out.milestone = story?.milestone_id ?? null;
  }
  return out;
}

/**
 * Cross-project references: tasks answer 400 WrongArguments, issues 403 PermissionDenied
 * ("You don't have permissions to set this sprint to this task.").
 */
export function assertSameProject(db: Db, spec: KindSpec, projectId: number, target: ItemChanges): void {
  const fail = (what: string): HttpError => {
    const message = `You don't have permissions to set this ${what} to this ${spec.noun}.`;
    return spec.kind === "task" ? wrongArguments(message) : permissionDenied(message);
  };
  const inProject = (table: string, id: number | null | undefined): boolean =>
    id === null || id === undefined || !!db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND project_id = ?`).get(id, projectId);
  if (!inProject("milestones", target.milestone)) throw fail("sprint");
  if (spec.kind === "task" && !inProject("userstories", target.user_story)) throw fail("user story");
  if (!inProject(spec.statusTable, target.status)) throw fail("status");
  if (spec.kind === "issue") {
    if (!inProject("severities", target.severity)) throw fail("severity");
    if (!inProject("priorities", target.priority)) throw fail("priority");
    if (!inProject("issue_types", target.type)) throw fail("type");
  }
}

const isClosedStatus = (db: Db, spec: KindSpec, statusId: number | null | undefined): boolean =>
  statusId !== null && statusId !== undefined && (db.prepare(`SELECT is_closed FROM ${spec.statusTable} WHERE id = ?`).get(statusId) as { is_closed: number } | undefined)?.is_closed === 1;

/** Inserts one item (inside the caller's transaction) and its creation history entry; returns its id. */
export function insertItem(db: Db, spec: KindSpec, n: NewItem, user: Parameters<typeof recordHistory>[1]["user"]): number {
  const ch = resolveDefaults(db, spec, n.project, n.changes);
  const closed = isClosedStatus(db, spec, ch.status);
  const ref = nextRef(db, n.project.id);
  const tags = storeTags(db, n.project.id, ch.tags ?? []);
  const common = {
    project_id: n.project.id,
    ref,
    subject: ch.subject ?? "",
    description: ch.description ?? "",
    status_id: ch.status ?? null,
    milestone_id: ch.milestone ?? null,
    owner_id: n.owner,
    assigned_to_id: ch.assigned_to ?? null,
    tags: JSON.stringify(tags),
    is_closed: closed ? 1 : 0,
    is_blocked: ch.is_blocked ? 1 : 0,
    blocked_note: ch.is_blocked ? (ch.blocked_note ?? "") : "",
    due_date: ch.due_date ?? null,
    due_date_reason: ch.due_date_reason ?? "",
    external_reference: ch.external_reference === undefined || ch.external_reference === null ? null : JSON.stringify(ch.external_reference),
    version: 1,
    created_date: n.now,
    modified_date: n.now,
    finished_date: closed ? n.now : null,
  };
  const row: Record<string, unknown> =
    spec.kind === "task"
      ? {
          ...common,
          user_story_id: ch.user_story ?? null,
          us_order: ch.us_order ?? nowMillis(),
          taskboard_order: ch.taskboard_order ?? nowMillis(),
          is_iocaine: ch.is_iocaine ? 1 : 0,
        }
      : { ...common, type_id: ch.type ?? null, priority_id: ch.priority ?? null, severity_id: ch.severity ?? null };
  const cols = Object.keys(row);
  const info = db.prepare(`INSERT INTO ${spec.table} (${cols.join(", ")}) VALUES (${placeholders(cols.length)})`).run(...cols.map((k) => row[k]));
  const id = Number(info.lastInsertRowid);
  if (ch.watchers?.length) setWatchers(db, spec.kind, id, ch.watchers, n.now);
  recordHistory(db, { projectId: n.project.id, contentType: spec.kind, objectId: id, type: HISTORY_TYPE.create, user, diff: {} });
  if (spec.kind === "task") {
    if (ch.user_story) recalculateStoryClosed(db, ch.user_story, n.now);
    recalculateMilestoneClosed(db, ch.milestone ?? null);
  }
  return id;
}

/** "Now" in milliseconds as a task order, strictly increasing within a process. */
let lastMillis = 0;
export function nowMillis(): number {
  const ms = Date.now();
  lastMillis = ms > lastMillis ? ms : lastMillis + 1;
  return lastMillis;
}

export async function createItem(c: Ctx, spec: KindSpec): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const changes = validateItemBody(db, spec, body, "create");
  const project = getProject(db, changes.project as number);
  if (!project) throw validationError({ project: ["This field is required."] });
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.add)) throw denied(access);
  const user = requireUser(c);
  validateMembers(db, spec, project.id, null, changes);
  assertSameProject(db, spec, project.id, resolveDefaults(db, spec, project, changes));
  assertWritable(project);
  let id = 0;
  db.transaction(() => {
    id = insertItem(db, spec, { project, owner: user.id, changes, now: nowIso() }, user);
  })();
  return json(c, serializeOne(c, spec, id), 201);
}

/* ================================================================== update ================================================================== */

/** Kind-specific work after the row was written (inside the transaction); returns the order header value. */
export type AfterUpdate = (db: Db, before: ItemRow, after: ItemRow, setOrders: Map<number, number>) => string | null;

/** The `set-orders` request header: `{"<id>": <order>}` (tasks, epics, epic links); anything unreadable counts as none. */
export function readSetOrders(c: Ctx): Map<number, number> {
  const raw = c.req.header("set-orders");
  const out = new Map<number, number>();
  if (!raw) return out;
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, n] of Object.entries(v as Record<string, unknown>)) if (/^\d+$/.test(k) && typeof n === "number" && Number.isSafeInteger(n)) out.set(Number(k), n);
    }
  } catch {
    // ignored, as Taiga does with a malformed header
  }
  return out;
}

export async function updateItem(c: Ctx, spec: KindSpec, mode: "put" | "patch", after?: AfterUpdate): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const body = await readObject(c);
  const { item, project, access } = loadForWrite(c, spec, id);
  if (!access.permissions.has(spec.perms.view)) throw denied(access);
  const keys = Object.keys(body).filter((k) => k !== "version");
  const justAComment = keys.length === 1 && keys[0] === "comment";
  if (!(justAComment && access.permissions.has(spec.perms.comment)) && !access.permissions.has(spec.perms.modify)) throw denied(access);
  const user = requireUser(c);
  if (typeof body.project === "number" && body.project !== item.project_id) {
    // Moving items between projects is not offered by this server's views; answer as a cross-project value.
    throw spec.kind === "task" ? wrongArguments("You don't have permissions to set this project to this task.") : permissionDenied();
  }

  const changes = validateItemBody(db, spec, body, mode);
  validateMembers(db, spec, project.id, item.id, changes);

  const occ = checkOcc(body, item.version, recentChangedKeys(db, spec.kind, item.id, item.version));
  if (!occ.ok) throw validationError({ ...occ.body });

  const target: ItemChanges = {
    status: changes.status !== undefined ? changes.status : item.status_id,
    milestone: changes.milestone !== undefined ? changes.milestone : item.milestone_id,
  };
  if (spec.kind === "task") {
    target.user_story = changes.user_story !== undefined ? changes.user_story : (item.user_story_id ?? null);
    if (target.user_story !== null && target.user_story !== undefined) {
      const story = db.prepare("SELECT milestone_id FROM userstories WHERE id = ?").get(target.user_story) as { milestone_id: number | null } | undefined;
      target.milestone = story?.milestone_id ?? null;
    }
  } else {
    target.type = changes.type !== undefined ? changes.type : (item.type_id ?? null);
    target.priority = changes.priority !== undefined ? changes.priority : (item.priority_id ?? null);
    target.severity = changes.severity !== undefined ? changes.severity : (item.severity_id ?? null);
  }
  assertSameProject(db, spec, project.id, target);
  assertWritable(project);
  const setOrders = readSetOrders(c);

  let orderHeader: string | null = null;
  db.transaction(() => {
    const now = nowIso();
    const before = snapshotItem(db, spec, item.id) ?? {};
    const set: Record<string, unknown> = {};
    if (changes.subject !== undefined) set.subject = changes.subject;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.status !== undefined) set.status_id = changes.status ?? (spec.kind === "task" ? project.default_task_status_id : project.default_issue_status_id);
    if (target.milestone !== item.milestone_id) set.milestone_id = target.milestone;
    if (changes.assigned_to !== undefined) set.assigned_to_id = changes.assigned_to;
    if (changes.tags !== undefined) set.tags = JSON.stringify(storeTags(db, project.id, changes.tags));
    if (changes.is_blocked !== undefined) set.is_blocked = changes.is_blocked ? 1 : 0;
    if (changes.blocked_note !== undefined) set.blocked_note = changes.blocked_note;
    if (changes.due_date !== undefined) set.due_date = changes.due_date;
    if (changes.due_date_reason !== undefined) set.due_date_reason = changes.due_date_reason;
    if (changes.external_reference !== undefined) set.external_reference = changes.external_reference === null ? null : JSON.stringify(changes.external_reference);
    if (spec.kind === "task") {
      if (changes.user_story !== undefined) set.user_story_id = changes.user_story;
      if (changes.us_order !== undefined) set.us_order = changes.us_order;
      if (changes.taskboard_order !== undefined) set.taskboard_order = changes.taskboard_order;
      if (changes.is_iocaine !== undefined) set.is_iocaine = changes.is_iocaine ? 1 : 0;
    } else {
      if (changes.type !== undefined) set.type_id = changes.type ?? project.default_issue_type_id;
      if (changes.priority !== undefined) set.priority_id = changes.priority ?? project.default_priority_id;
      if (changes.severity !== undefined) set.severity_id = changes.severity ?? project.default_severity_id;
    }
    if (mode === "put") {
      // PUT resets the plain fields that were not sent to their model defaults
      if (changes.description === undefined) set.description = "";
      if (changes.is_blocked === undefined) set.is_blocked = 0;
      if (changes.tags === undefined) set.tags = "[]";
      if (changes.due_date_reason === undefined) set.due_date_reason = "";
      if (changes.assigned_to === undefined) set.assigned_to_id = null;
      if (spec.kind === "task") {
        if (changes.is_iocaine === undefined) set.is_iocaine = 0;
        if (changes.us_order === undefined) set.us_order = nowMillis();
        if (changes.taskboard_order === undefined) set.taskboard_order = set.us_order ?? nowMillis();
      }
    }
    const blockedNow = set.is_blocked !== undefined ? set.is_blocked === 1 : item.is_blocked === 1;
    if (!blockedNow) set.blocked_note = "";
    const statusId = (set.status_id !== undefined ? set.status_id : item.status_id) as number | null;
    const closed = isClosedStatus(db, spec, statusId);
    if (closed !== (item.is_closed === 1)) {
      set.is_closed = closed ? 1 : 0;
      set.finished_date = closed ? now : null;
    }
    set.modified_date = now;
    const columns = Object.keys(set);
    db.prepare(`UPDATE ${spec.table} SET ${columns.map((k) => `${k} = ?`).join(", ")}, version = version + 1 WHERE id = ?`).run(...columns.map((k) => set[k]), item.id);
    if (changes.watchers !== undefined) setWatchers(db, spec.kind, item.id, changes.watchers, now);

    const saved = getItem(db, spec, item.id) as ItemRow;
    orderHeader = after ? after(db, item, saved, setOrders) : null;

    if (spec.kind === "task") {
      for (const storyId of new Set([item.user_story_id, saved.user_story_id])) if (storyId) recalculateStoryClosed(db, storyId, now);
    }
    for (const m of new Set([item.milestone_id, saved.milestone_id])) recalculateMilestoneClosed(db, m);

    const comment = changes.comment ?? "";
    if (comment !== "") addWatcher(db, spec.kind, item.id, user.id, now);
    const afterSnap = snapshotItem(db, spec, item.id) ?? {};
    recordItemChange(db, spec, getItem(db, spec, item.id) as ItemRow, user, diffItemSnapshots(before, afterSnap), comment);
  })();

  return json(c, serializeOne(c, spec, item.id), 200, orderHeader === null ? {} : { "Taiga-Info-Order-Updated": orderHeader });
}

/* ================================================================== delete ================================================================== */

export function deleteItem(c: Ctx, spec: KindSpec, removeFiles: (db: Db, contentType: string, objectId: number) => void): Response {
  const db = c.var.deps.db;
  const id = idParam(c);
  const { item, project, access } = loadForWrite(c, spec, id);
  if (!access.permissions.has(spec.perms.delete)) throw denied(access);
  const user = requireUser(c);
  assertWritable(project);
  db.transaction(() => {
    const now = nowIso();
    db.prepare("DELETE FROM watchers WHERE content_type = ? AND object_id = ?").run(spec.kind, id);
    db.prepare("DELETE FROM votes WHERE content_type = ? AND object_id = ?").run(spec.kind, id);
    db.prepare("DELETE FROM custom_attribute_values WHERE kind = ? AND object_id = ?").run(spec.kind, id);
    removeFiles(db, spec.kind, id);
    db.prepare(`DELETE FROM ${spec.table} WHERE id = ?`).run(id);
    recordHistory(db, { projectId: item.project_id, contentType: spec.kind, objectId: id, type: HISTORY_TYPE.delete, user, snapshot: snapshotFromRow(item) });
    if (spec.kind === "task" && item.user_story_id) recalculateStoryClosed(db, item.user_story_id, now);
    recalculateMilestoneClosed(db, item.milestone_id);
  })();
  return new Response(null, { status: 204 });
}

const snapshotFromRow = (item: ItemRow): Json => ({ ref: item.ref, subject: item.subject, status: item.status_id, milestone: item.milestone_id });

/** Every visible item in a project, by id (bulk endpoints' membership checks). */
export function itemsOfProject(db: Db, spec: KindSpec, projectId: number, ids: number[]): ItemRow[] {
  if (ids.length === 0) return [];
  return db.prepare(`SELECT * FROM ${spec.table} WHERE project_id = ? AND id IN (${placeholders(ids.length)})`).all(projectId, ...ids) as ItemRow[];
}

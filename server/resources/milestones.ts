/**
 * Milestones (sprints) (taiga/projects/milestones/api.py): list with Taiga's filters and the
 * `Taiga-Info-Total-Opened/Closed-Milestones` headers, detail, create / PUT / PATCH (no OCC: a `version`
 * in the body is ignored) / DELETE, `stats` (burndown days), watch / unwatch / watchers and the
 * `move_userstories_to_sprint`, `move_tasks_to_sprint`, `move_issues_to_sprint` actions.
 * There is no `/milestones/by_slug` in Taiga: the path falls on the detail route and answers 404.
 */
import { requireUser } from "../http/auth";
import { type JsonObject, readObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, blocked, notAuthenticated, notFound, permissionDenied, validationError } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { isIsoDate, nowIso } from "../lib/dates";
import { itemFields } from "../lib/item-fields";
import {
  getMilestone,
  MILESTONE_NOT_FOUND,
  milestoneStats,
  type MilestoneRow,
  moveIssuesToSprint,
  moveStoriesToSprint,
  moveTasksToSprint,
  readBulkEntries,
  serializeMilestones,
} from "../lib/milestones";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";
import { slugify } from "../lib/slug";
import { addWatcher, placeholders, projectsWithPermission } from "../lib/workitems";
import { fullNameDisplay } from "../lib/users";

/* ================================================================== access ================================================================== */

interface Loaded {
  milestone: MilestoneRow;
  project: ProjectRow;
  access: Access;
}

/** A sprint to read: 404 when missing, 401 / 403 without `view_milestones`. */
function loadReadable(c: Ctx, id: number): Loaded {
  const db = c.var.deps.db;
  const milestone = getMilestone(db, id);
  const project = milestone ? getProject(db, milestone.project_id) : undefined;
  if (!milestone || !project) throw notFound(MILESTONE_NOT_FOUND);
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_milestones")) throw denied(access);
  return { milestone, project, access };
}

/**
 * A sprint to write: as Taiga, the permission is checked first (without the object only superusers get
 * as far as the 404), then existence.
 */
function loadWritable(c: Ctx, id: number): Loaded {
  const db = c.var.deps.db;
  const milestone = getMilestone(db, id);
  const project = milestone ? getProject(db, milestone.project_id) : undefined;
  if (!milestone || !project) {
    if (c.var.user?.is_superuser === 1) throw notFound(MILESTONE_NOT_FOUND);
    throw c.var.user ? permissionDenied() : notAuthenticated();
  }
  return { milestone, project, access: projectAccess(db, c.var.user, project) };
}

/** The sprint of an action route (`get_object_or_error`): 401 for anonymous callers, 404 otherwise. */
function loadForAction(c: Ctx): Loaded {
  const db = c.var.deps.db;
  const id = idParam(c);
  const milestone = getMilestone(db, id);
  const project = milestone ? getProject(db, milestone.project_id) : undefined;
  if (!milestone || !project) {
    if (!c.var.user) throw notAuthenticated();
    throw notFound(MILESTONE_NOT_FOUND);
  }
  return { milestone, project, access: projectAccess(db, c.var.user, project) };
}

function assertWritableProject(project: ProjectRow): void {
  if (project.blocked_code) throw blocked();
  if (project.archived_code) throw permissionDenied("Archived element");
}

/* ================================================================== list ================================================================== */

const DATE_FILTERS: Record<string, { column: string; date: boolean }> = {
  created_date: { column: "m.created_date", date: false },
  modified_date: { column: "m.modified_date", date: false },
  estimated_start: { column: "m.estimated_start", date: true },
  estimated_finish: { column: "m.estimated_finish", date: true },
};
const DATE_OPS: Record<string, string> = { "": "=", __gt: ">", __gte: ">=", __lt: "<", __lte: "<=" };

const ORDER_BY: Record<string, string> = {
  project: "m.project_id",
  name: "m.name",
  estimated_start: "m.estimated_start",
  estimated_finish: "m.estimated_finish",
  closed: "m.closed",
  created_date: "m.created_date",
};

/** `closed=` as Taiga's filter_fields read it: true/false (Django's spellings too) or null (matches nothing). */
function closedFilter(raw: string): string {
  const v = raw.trim();
  if (v === "null") return "0";
  if (["true", "True", "t", "1"].includes(v)) return "m.closed = 1";
  if (["false", "False", "f", "0"].includes(v)) return "m.closed = 0";
  throw badRequest("Error in filter params types.");
}

function listMilestones(c: Ctx): Response {
  const db = c.var.deps.db;
  const where: string[] = [];
  const params: unknown[] = [];
  const visible = projectsWithPermission(db, c.var.user, "view_milestones");
  where.push(visible.length ? `m.project_id IN (${placeholders(visible.length)})` : "0 = 1");
  params.push(...visible);
  const projectId = intQuery(c, "project");
  if (projectId !== undefined) {
    where.push("m.project_id = ?");
    params.push(projectId);
  }
  const slug = c.req.query("project__slug");
  if (slug !== undefined && slug !== "") {
    where.push("m.project_id = (SELECT id FROM projects WHERE slug = ?)");
    params.push(slug);
  }
  const closed = c.req.query("closed");
  if (closed !== undefined && closed !== "") where.push(closedFilter(closed));
  for (const [name, { column, date }] of Object.entries(DATE_FILTERS)) {
    for (const [suffix, op] of Object.entries(DATE_OPS)) {
      const raw = c.req.query(`${name}${suffix}`);
      if (raw === undefined || raw === "") continue;
      const value = raw.trim();
      const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) throw badRequest("Error in filter params types.");
      where.push(`${column} ${op} ?`);
      params.push(date ? value.slice(0, 10) : parsed.toISOString());
    }
  }
  let orderBy = "m.estimated_start DESC, m.id DESC";
  const rawOrder = c.req.query("order_by");
  if (rawOrder) {
    const desc = rawOrder.startsWith("-");
    const column = ORDER_BY[desc ? rawOrder.slice(1) : rawOrder];
    if (column) orderBy = `${column} ${desc ? "DESC" : "ASC"}, m.id DESC`;
  }
  const sql = `FROM milestones m WHERE ${where.join(" AND ")}`;
  const count = (db.prepare(`SELECT COUNT(*) AS n ${sql}`).get(...params) as { n: number }).n;

  // whole-project counts, whatever the filters (and whatever the caller may see), as Taiga
  const headers: Record<string, string> = {};
  if (projectId !== undefined && getProject(db, projectId)) {
    const counts = db
      .prepare("SELECT SUM(CASE WHEN closed = 0 THEN 1 ELSE 0 END) AS opened, SUM(CASE WHEN closed = 1 THEN 1 ELSE 0 END) AS closed FROM milestones WHERE project_id = ?")
      .get(projectId) as { opened: number | null; closed: number | null };
    headers["Taiga-Info-Total-Opened-Milestones"] = String(counts.opened ?? 0);
    headers["Taiga-Info-Total-Closed-Milestones"] = String(counts.closed ?? 0);
  }
  return paginate(
    c,
    count,
    (limit, offset) => {
      const rows = db.prepare(`SELECT m.* ${sql} ORDER BY ${orderBy}${limit < 0 ? "" : " LIMIT ? OFFSET ?"}`).all(...params, ...(limit < 0 ? [] : [limit, offset])) as MilestoneRow[];
      return serializeMilestones(db, rows, c.var.user);
    },
    headers,
  );
}

function serializeOne(c: Ctx, id: number): Record<string, unknown> {
  const db = c.var.deps.db;
  const m = getMilestone(db, id);
  if (!m) throw notFound(MILESTONE_NOT_FOUND);
  return serializeMilestones(db, [m], c.var.user)[0] as Record<string, unknown>;
}

/* ================================================================== create / update ================================================================== */

interface MilestoneChanges {
  project?: number;
  name?: string;
  slug?: string;
  owner?: number | null;
  estimated_start?: string;
  estimated_finish?: string;
  closed?: boolean;
  disponibility?: number | null;
  order?: number;
}

const DATE_FORMAT_ERROR = "Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]].";

/**
 * MilestoneValidator: field types first (every error at once), then the duplicated name in the project,
 * then the model's clean() (start after finish -> `__all__`). `version` and read-only keys are ignored.
 */
function validateBody(c: Ctx, body: JsonObject, mode: "create" | "put" | "patch", existing?: MilestoneRow): MilestoneChanges {
  const db = c.var.deps.db;
  const f = itemFields(db, body, { textOnlyScalars: true });
  const required = mode !== "patch";
  const out: MilestoneChanges = {};

  const project = f.pk("project", "projects", false);
  if (project !== undefined && project !== null) out.project = project;
  else if (required && !f.has("project")) f.fail("project", "This field is required.");

  const name = f.text("name", { required, max: 200 });
  if (typeof name === "string") out.name = name;
  const slug = f.text("slug", { blank: true, max: 250, nullable: true });
  if (typeof slug === "string") out.slug = slug;

  const owner = f.pk("owner", "users", true);
  if (owner !== undefined) out.owner = owner;

  for (const key of ["estimated_start", "estimated_finish"] as const) {
    if (!f.has(key)) {
      if (required) f.fail(key, "This field is required.");
      continue;
    }
    const v = body[key];
    if (v === null || v === "") f.fail(key, "This field is required.");
    else if (typeof v !== "string" || !isIsoDate(v.trim())) f.fail(key, DATE_FORMAT_ERROR);
    else out[key] = v.trim();
  }

  const closed = f.bool("closed");
  if (closed !== undefined) out.closed = closed;

  if (f.has("disponibility")) {
    const v = body.disponibility;
    if (v === null || v === "") out.disponibility = null;
    else {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n) || typeof v === "boolean") f.fail("disponibility", `"${typeof v === "string" ? v : JSON.stringify(v)}" value must be a float.`);
      else out.disponibility = n;
    }
  }

  if (f.has("order")) {
    const n = f.int("order");
    if (n !== undefined) {
      if (n < 0) f.fail("order", "Ensure this value is greater than or equal to 0.");
      else if (n > 32767) f.fail("order", "Ensure this value is less than or equal to 32767.");
      else out.order = n;
    }
  }
  f.check();

  // DuplicatedNameInProjectValidator
  const projectId = existing ? existing.project_id : out.project;
  if (out.name !== undefined && projectId !== undefined) {
    const clash = db.prepare("SELECT 1 FROM milestones WHERE project_id = ? AND name = ? AND id IS NOT ?").get(projectId, out.name, existing?.id ?? null);
    if (clash) throw validationError({ name: ["Duplicated name"] });
  }
  if (existing && out.project !== undefined && out.project !== existing.project_id) {
    // Taiga would move the sprint and leave its stories pointing at another project's sprint
    throw validationError({ project: ["A sprint cannot be moved to another project."] });
  }
  const start = out.estimated_start ?? existing?.estimated_start;
  const finish = out.estimated_finish ?? existing?.estimated_finish;
  if (start && finish && start > finish) throw validationError({ __all__: ["The estimated start must be previous to the estimated finish."] });
  if (out.slug !== undefined && out.slug !== "" && projectId !== undefined) {
    const clash = c.var.deps.db.prepare("SELECT 1 FROM milestones WHERE slug = ? AND id IS NOT ?").get(out.slug, existing?.id ?? null);
    if (clash) throw validationError({ slug: ["Milestone with this slug already exists."] });
  }
  return out;
}

/** `slugify_uniquely` over every sprint of every project: `sprint-1`, `sprint-1-1`, ... */
function uniqueSlug(c: Ctx, name: string): string {
  const base = slugify(name) || "null";
  const exists = c.var.deps.db.prepare("SELECT 1 FROM milestones WHERE slug = ?");
  for (let suffix = 0; ; suffix++) {
    const candidate = suffix ? `${base}-${suffix}` : base;
    if (!exists.get(candidate)) return candidate;
  }
}

async function createMilestone(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const changes = validateBody(c, body, "create");
  const project = getProject(db, changes.project as number);
  if (!project) throw notFound();
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("add_milestone")) throw denied(access);
  const user = requireUser(c);
  assertWritableProject(project);
  const now = nowIso();
  const id = db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO milestones (project_id, name, slug, owner_id, estimated_start, estimated_finish, created_date, modified_date, closed, disponibility, "order")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        project.id,
        changes.name,
        changes.slug ? changes.slug : uniqueSlug(c, changes.name as string),
        user.id,
        changes.estimated_start,
        changes.estimated_finish,
        now,
        now,
        changes.closed ? 1 : 0,
        changes.disponibility === undefined ? 0 : changes.disponibility,
        changes.order ?? 1,
      );
    return Number(info.lastInsertRowid);
  })();
  return json(c, serializeOne(c, id), 201);
}

async function updateMilestone(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const body = await readObject(c);
  const { milestone, project, access } = loadWritable(c, id);
  if (!access.permissions.has("modify_milestone")) throw denied(access);
  const changes = validateBody(c, body, mode, milestone);
  assertWritableProject(project);
  const set: Record<string, unknown> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.slug !== undefined) set.slug = changes.slug === "" ? uniqueSlug(c, changes.name ?? milestone.name) : changes.slug;
  if (changes.owner !== undefined) set.owner_id = changes.owner;
  if (changes.estimated_start !== undefined) set.estimated_start = changes.estimated_start;
  if (changes.estimated_finish !== undefined) set.estimated_finish = changes.estimated_finish;
  if (changes.closed !== undefined) set.closed = changes.closed ? 1 : 0;
  if (changes.disponibility !== undefined) set.disponibility = changes.disponibility;
  if (changes.order !== undefined) set.order = changes.order;
  if (mode === "put") {
    // PUT resets what was not sent: the owner to null (recorded), plain fields to their model defaults
    if (changes.owner === undefined) set.owner_id = null;
    if (changes.closed === undefined) set.closed = 0;
    if (changes.disponibility === undefined) set.disponibility = 0;
    if (changes.order === undefined) set.order = 1;
  }
  set.modified_date = nowIso();
  const columns = Object.keys(set);
  db.prepare(`UPDATE milestones SET ${columns.map((k) => `"${k}" = ?`).join(", ")} WHERE id = ?`).run(...columns.map((k) => set[k]), milestone.id);
  return json(c, serializeOne(c, milestone.id));
}

function deleteMilestone(c: Ctx): Response {
  const db = c.var.deps.db;
  const { milestone, project, access } = loadWritable(c, idParam(c));
  if (!access.permissions.has("delete_milestone")) throw denied(access);
  requireUser(c);
  assertWritableProject(project);
  db.transaction(() => {
    // stories, tasks and issues stay, without sprint (stories back in the backlog at their backlog_order)
    for (const table of ["userstories", "tasks", "issues"]) db.prepare(`UPDATE ${table} SET milestone_id = NULL WHERE milestone_id = ?`).run(milestone.id);
    db.prepare("DELETE FROM watchers WHERE content_type = 'milestone' AND object_id = ?").run(milestone.id);
    db.prepare("DELETE FROM milestones WHERE id = ?").run(milestone.id);
  })();
  return empty(204);
}

/* ================================================================== stats, watchers ================================================================== */

function stats(c: Ctx): Response {
  const { milestone, access } = loadForAction(c);
  if (!access.permissions.has("view_milestones")) throw denied(access);
  return json(c, milestoneStats(c.var.deps.db, milestone));
}

function watch(c: Ctx, on: boolean): Response {
  const user = requireUser(c);
  const { milestone } = loadReadable(c, idParam(c));
  const db = c.var.deps.db;
  if (on) addWatcher(db, "milestone", milestone.id, user.id, nowIso());
  else db.prepare("DELETE FROM watchers WHERE content_type = 'milestone' AND object_id = ? AND user_id = ?").run(milestone.id, user.id);
  return empty(200);
}

function watchers(c: Ctx): Response {
  const { milestone } = loadReadable(c, idParam(c));
  const rows = c.var.deps.db
    .prepare(
      `SELECT u.id, u.username, u.full_name FROM watchers w JOIN users u ON u.id = w.user_id
        WHERE w.content_type = 'milestone' AND w.object_id = ? ORDER BY w.created_date, u.id`,
    )
    .all(milestone.id) as { id: number; username: string; full_name: string }[];
  const out = rows.map((u) => ({ id: u.id, username: u.username, full_name: fullNameDisplay(u) }));
  return paginate(c, out.length, (limit, offset) => (limit < 0 ? out : out.slice(offset, offset + limit)));
}

/* ================================================================== move_*_to_sprint ================================================================== */

type MoveKind = "userstories" | "tasks" | "issues";

const MOVES: Record<MoveKind, { key: string; idKey: string; withOrder: boolean; table: string; permission: string; foreign: string }> = {
  userstories: { key: "bulk_stories", idKey: "us_id", withOrder: true, table: "userstories", permission: "modify_us", foreign: "All the user stories must be from the same project" },
  tasks: { key: "bulk_tasks", idKey: "task_id", withOrder: true, table: "tasks", permission: "modify_task", foreign: "All the tasks must be from the same project" },
  issues: { key: "bulk_issues", idKey: "issue_id", withOrder: false, table: "issues", permission: "modify_issue", foreign: "All the issues must be from the same project" },
};

/** Integer field of a bulk body in DRF 2's words. */
function bulkInt(body: JsonObject, name: string, errors: Record<string, unknown>): number | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === "") {
    errors[name] = ["This field is required."];
    return undefined;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || typeof v === "boolean") {
    errors[name] = ["Enter a whole number."];
    return undefined;
  }
  return n;
}

/**
 * `POST /milestones/{id}/move_<kind>_to_sprint` `{project_id, milestone_id, bulk_*}`: the sprint in the
 * URL is only checked for `modify_milestone`; the body names the target. 204, no body.
 */
async function moveToSprint(c: Ctx, kind: MoveKind): Promise<Response> {
  const db = c.var.deps.db;
  const spec = MOVES[kind];
  const source = loadForAction(c);
  if (!source.access.permissions.has("modify_milestone")) throw denied(source.access);
  const body = await readObject(c);
  const errors: Record<string, unknown> = {};
  const projectId = bulkInt(body, "project_id", errors);
  const milestoneId = bulkInt(body, "milestone_id", errors);
  const entries = readBulkEntries(body, spec.key, spec.idKey, spec.withOrder, errors);
  if (projectId !== undefined && !getProject(db, projectId)) errors.project_id = ["There's no project with that id"];
  if (milestoneId !== undefined && !errors.project_id) {
    const target = getMilestone(db, milestoneId);
    if (!target) errors.milestone_id = [kind === "userstories" ? "There's no milestone with that id" : "The milestone isn't valid for the project"];
    // deliberate: Taiga accepts another project's sprint for stories; that corrupts both projects
    else if (projectId !== undefined && target.project_id !== projectId) errors.milestone_id = ["The milestone isn't valid for the project"];
  }
  if (entries && entries.length && projectId !== undefined && !errors.project_id) {
    const ids = [...new Set(entries.map((e) => e.id))];
    const found = db.prepare(`SELECT COUNT(*) AS n FROM ${spec.table} WHERE project_id = ? AND id IN (${placeholders(ids.length)})`).get(projectId, ...ids) as { n: number };
    if (found.n !== entries.length) errors[spec.key] = [spec.foreign];
  }
  if (Object.keys(errors).length) throw validationError(errors);

  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_project")) throw c.var.user ? notFound() : notAuthenticated();
  const list = entries as NonNullable<typeof entries>;
  if (list.length === 0) return empty(204);
  if (!access.permissions.has(spec.permission)) throw denied(access);
  assertWritableProject(project);
  const user = requireUser(c);
  db.transaction(() => {
    if (kind === "userstories") moveStoriesToSprint(db, milestoneId as number, list, user, { save: true });
    else if (kind === "tasks") moveTasksToSprint(db, milestoneId as number, list, user);
    else moveIssuesToSprint(db, milestoneId as number, list.map((e) => e.id), user);
  })();
  return empty(204);
}

/* ================================================================== routes ================================================================== */

export function registerMilestones(routes: Routes): void {
  routes.add("/milestones", {
    GET: (c) => listMilestones(c),
    POST: (c) => createMilestone(c),
  });
  routes.add("/milestones/:id", {
    GET: (c) => json(c, serializeOne(c, loadReadable(c, idParam(c)).milestone.id)),
    PUT: (c) => updateMilestone(c, "put"),
    PATCH: (c) => updateMilestone(c, "patch"),
    DELETE: (c) => deleteMilestone(c),
  });
  routes.add("/milestones/:id/stats", { GET: (c) => stats(c) });
  routes.add("/milestones/:id/watch", { POST: (c) => watch(c, true) });
  routes.add("/milestones/:id/unwatch", { POST: (c) => watch(c, false) });
  routes.add("/milestones/:id/watchers", { GET: (c) => watchers(c) });
  routes.add("/milestones/:id/move_userstories_to_sprint", { POST: (c) => moveToSprint(c, "userstories") });
  routes.add("/milestones/:id/move_tasks_to_sprint", { POST: (c) => moveToSprint(c, "tasks") });
  routes.add("/milestones/:id/move_issues_to_sprint", { POST: (c) => moveToSprint(c, "issues") });
}

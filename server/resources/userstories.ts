/**
 * User stories (taiga/projects/userstories/api.py): list with Taiga's filters, detail, by_ref,
 * filters_data, create, bulk_create, PUT/PATCH with OCC and the ordering side effects, DELETE, and the
 * anchor-based `bulk_update_kanban_order` / `bulk_update_backlog_order`.
 */
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { nextRef } from "../db";
import { readObject, type JsonObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, blocked, HttpError, notAuthenticated, notFound, permissionDenied, validationError } from "../http/errors";
import { paginate } from "../http/pagination";
import { boolQuery, idListQuery, idParam, intQuery, switchQuery } from "../http/params";
import { json } from "../http/respond";
import { requireUser } from "../http/auth";
import { nowIso } from "../lib/dates";
import { itemFields, pyRepr, pyType } from "../lib/item-fields";
import { recordHistory } from "../lib/history";
import { type BulkEntry, moveStoriesToSprint, readBulkEntries } from "../lib/milestones";
import { checkOcc } from "../lib/occ";
import { applyOrderUpdates, formatOrderUpdatedHeader, nowMicros, renumberAroundAnchor, type Anchor, type OrderAssignment } from "../lib/ordering";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { getProject, storeTags, stringList, type ProjectRow } from "../lib/projects";
import {
  diffSnapshots,
  getStory,
  recalculateMilestoneClosed,
  recalculateStoryClosed,
  recordStoryChange,
  serializeStories,
  snapshotStory,
  type Json,
  type StoryRow,
} from "../lib/userstories";
import type { UserRow } from "../lib/users";

const STORY_NOT_FOUND = "No UserStory matches the given query.";

/* ================================================================== list filters ================================================================== */

interface SqlFilter {
  where: string[];
  params: unknown[];
}

/** Rows of projects where the caller holds `view_us` (PermissionBasedFilterBackend). */
function visibilitySql(user: UserRow | null, f: SqlFilter): void {
  if (user?.is_superuser === 1) return;
  if (!user) {
    f.where.push("EXISTS (SELECT 1 FROM projects vp, json_each(vp.anon_permissions) WHERE vp.id = us.project_id AND json_each.value = 'view_us')");
    return;
  }
  f.where.push(`(EXISTS (SELECT 1 FROM memberships vm JOIN roles vr ON vr.id = vm.role_id
                  WHERE vm.project_id = us.project_id AND vm.user_id = ?
                    AND (vm.is_admin = 1 OR EXISTS (SELECT 1 FROM json_each(vr.permissions) WHERE value = 'view_us')))
              OR EXISTS (SELECT 1 FROM projects vp, json_each(vp.public_permissions) WHERE vp.id = us.project_id AND json_each.value = 'view_us'))`);
  f.params.push(user.id);
}

const inList = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

/** `?param=1,2,null` and `?exclude_param=...` on a plain column (BaseRelatedFieldsFilter). */
function relatedColumnFilter(c: Ctx, f: SqlFilter, param: string, excludeParam: string, column: string): void {
  const build = (list: { ids: number[]; includeNull: boolean }): { sql: string; params: unknown[] } => {
    const parts: string[] = [];
    if (list.ids.length) parts.push(`COALESCE(${column} IN (${inList(list.ids.length)}), 0)`);
    if (list.includeNull) parts.push(`${column} IS NULL`);
    return { sql: `(${parts.join(" OR ") || "0"})`, params: list.ids };
  };
  const positive = idListQuery(c, param);
  if (positive) {
    const q = build(positive);
    f.where.push(q.sql);
    f.params.push(...q.params);
  }
  const negative = idListQuery(c, excludeParam);
  if (negative) {
    const q = build(negative);
    f.where.push(`NOT ${q.sql}`);
    f.params.push(...q.params);
  }
}

/** Same, where membership is tested by an SQL predicate (`assigned_users`, `epic`, `role`). */
function relatedPredicateFilter(
  c: Ctx,
  f: SqlFilter,
  param: string,
  excludeParam: string,
  build: (list: { ids: number[]; includeNull: boolean }) => { sql: string; params: unknown[] } | null,
): void {
  const positive = idListQuery(c, param);
  if (positive) {
    const q = build(positive);
    if (q) {
      f.where.push(q.sql);
      f.params.push(...q.params);
    }
  }
  const negative = idListQuery(c, excludeParam);
  if (negative) {
    const q = build(negative);
    if (q) {
      f.where.push(`NOT ${q.sql}`);
      f.params.push(...q.params);
    }
  }
}

function assignedUsersPredicate(list: { ids: number[]; includeNull: boolean }): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (list.ids.length) {
    parts.push(
      `(EXISTS (SELECT 1 FROM userstory_assigned_users fau WHERE fau.userstory_id = us.id AND fau.user_id IN (${inList(list.ids.length)}))
        OR COALESCE(us.assigned_to_id IN (${inList(list.ids.length)}), 0))`,
    );
    params.push(...list.ids, ...list.ids);
  }
  if (list.includeNull) {
    parts.push("(NOT EXISTS (SELECT 1 FROM userstory_assigned_users fau WHERE fau.userstory_id = us.id) AND us.assigned_to_id IS NULL)");
  }
  return { sql: `(${parts.join(" OR ") || "0"})`, params };
}

/** Parses an exact filter value (`?milestone=5`, `?milestone=null`) or 400 "Error in filter params types.". */
function exactIdFilter(c: Ctx, f: SqlFilter, param: string, column: string): void {
  const raw = c.req.query(param);
  if (raw === undefined || raw === "") return;
  const v = raw.trim().toLowerCase();
  if (v === "null") f.where.push(`${column} IS NULL`);
  else if (/^\d{1,15}$/.test(v)) {
    f.where.push(`${column} = ?`);
    f.params.push(Number(v));
  } else throw badRequest("Error in filter params types.");
}

function boolFilter(c: Ctx, f: SqlFilter, param: string, sql: (value: boolean) => string): void {
  const raw = c.req.query(param);
  if (raw === undefined || raw === "") return;
  if (raw.trim().toLowerCase() === "null") {
    f.where.push("0");
    return;
  }
  const v = boolQuery(c, param);
  if (v !== undefined) f.where.push(sql(v));
}

const DATE_FILTERS: Record<string, string> = {
  created_date: "us.created_date",
  modified_date: "us.modified_date",
  finish_date: "us.finish_date",
  milestone__estimated_start: "(SELECT estimated_start FROM milestones WHERE id = us.milestone_id)",
  milestone__estimated_finish: "(SELECT estimated_finish FROM milestones WHERE id = us.milestone_id)",
};
const DATE_OPS: Record<string, string> = { "": "=", __gt: ">", __gte: ">=", __lt: "<", __lte: "<=" };

/** Normalises a date filter value to the stored ISO format (dates stay `YYYY-MM-DD`). */
function normaliseDate(raw: string, isPlainDate: boolean): string | null {
  const value = raw.trim();
  if (isPlainDate) return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Names of the filters `filters_data` leaves out per facet. */
type Facet = "status" | "assigned_to" | "assigned_users" | "owner" | "tags" | "epic" | "role";

/**
 * Builds the WHERE clause of a story list from the query string. `skip` leaves one facet's own
 * filter out (filters_data). Returns null for `q`-free lists or the words to match in JS.
 */
function buildListFilter(c: Ctx, skip?: Facet): { filter: SqlFilter; words: string[] } {
  const f: SqlFilter = { where: [], params: [] };
  visibilitySql(c.var.user, f);

  const projectId = intQuery(c, "project");
  if (projectId !== undefined) {
    f.where.push("us.project_id = ?");
    f.params.push(projectId);
    if (skip !== "status") {
      // UserStoryStatusesFilter joins on the status' project: stories without status drop out
      f.where.push("EXISTS (SELECT 1 FROM userstory_statuses fs WHERE fs.id = us.status_id AND fs.project_id = ?)");
      f.params.push(projectId);
    }
  }
  const projectSlug = c.req.query("project__slug");
  if (projectSlug) {
    f.where.push("us.project_id = (SELECT id FROM projects WHERE slug = ?)");
    f.params.push(projectSlug);
  }
  exactIdFilter(c, f, "milestone", "us.milestone_id");
  boolFilter(c, f, "milestone__isnull", (v) => (v ? "us.milestone_id IS NULL" : "us.milestone_id IS NOT NULL"));
  boolFilter(c, f, "is_closed", (v) => `us.is_closed = ${v ? 1 : 0}`);
  boolFilter(c, f, "status__is_closed", (v) => `EXISTS (SELECT 1 FROM userstory_statuses fs WHERE fs.id = us.status_id AND fs.is_closed = ${v ? 1 : 0})`);
  boolFilter(c, f, "status__is_archived", (v) => `EXISTS (SELECT 1 FROM userstory_statuses fs WHERE fs.id = us.status_id AND fs.is_archived = ${v ? 1 : 0})`);

  if (skip !== "status") relatedColumnFilter(c, f, "status", "exclude_status", "us.status_id");
  if (skip !== "assigned_to") relatedColumnFilter(c, f, "assigned_to", "exclude_assigned_to", "us.assigned_to_id");
  if (skip !== "owner") relatedColumnFilter(c, f, "owner", "exclude_owner", "us.owner_id");
  // taiga-back declares this filter as `swimnlane` (sic); `?swimlane=` is not a filter
  relatedColumnFilter(c, f, "swimnlane", "exclude_swimlane", "us.swimlane_id");
  if (skip !== "assigned_users") relatedPredicateFilter(c, f, "assigned_users", "exclude_assigned_users", assignedUsersPredicate);
  if (skip !== "epic") {
    relatedPredicateFilter(c, f, "epic", "exclude_epic", (list) => {
      const parts: string[] = [];
      if (list.ids.length) parts.push(`EXISTS (SELECT 1 FROM epic_related_userstories fe WHERE fe.userstory_id = us.id AND fe.epic_id IN (${inList(list.ids.length)}))`);
      if (list.includeNull) parts.push("NOT EXISTS (SELECT 1 FROM epic_related_userstories fe WHERE fe.userstory_id = us.id)");
      return { sql: `(${parts.join(" OR ") || "0"})`, params: list.ids };
    });
  }
  if (skip !== "role") {
    relatedPredicateFilter(c, f, "role", "exclude_role", (list) => {
      if (!list.ids.length) return null;
      const members = (c.var.deps.db
        .prepare(`SELECT DISTINCT user_id FROM memberships WHERE user_id IS NOT NULL AND role_id IN (${inList(list.ids.length)})`)
        .all(...list.ids) as { user_id: number }[]).map((m) => m.user_id);
      // real Taiga skips the filter entirely when the roles have no members
      if (members.length === 0) return null;
      return assignedUsersPredicate({ ids: members, includeNull: false });
    });
  }
  if (skip !== "tags") {
    for (const [param, negate] of [["tags", false], ["exclude_tags", true]] as const) {
      const raw = c.req.query(param);
      if (!raw) continue;
      const tags = raw.split(",");
      f.where.push(`${negate ? "NOT " : ""}EXISTS (SELECT 1 FROM json_each(us.tags) WHERE json_each.value IN (${inList(tags.length)}))`);
      f.params.push(...tags);
    }
  }
  const watchers = idListQuery(c, "watchers");
  if (watchers && watchers.ids.length) {
    f.where.push(`EXISTS (SELECT 1 FROM watchers fw WHERE fw.content_type = 'userstory' AND fw.object_id = us.id AND fw.user_id IN (${inList(watchers.ids.length)}))`);
    f.params.push(...watchers.ids);
  }
  for (const [name, column] of Object.entries(DATE_FILTERS)) {
    for (const [suffix, op] of Object.entries(DATE_OPS)) {
      const raw = c.req.query(`${name}${suffix}`);
      if (!raw) continue;
      const value = normaliseDate(raw, name.startsWith("milestone__"));
      if (value === null) throw badRequest("Error in filter params types.");
      f.where.push(`${column} ${op} ?`);
      f.params.push(value);
    }
  }
  if (switchQuery(c, "dashboard") && c.var.user) {
    f.where.push("us.project_id IN (SELECT project_id FROM memberships WHERE user_id = ?)");
    f.params.push(c.var.user.id);
  }
  const q = c.req.query("q") ?? "";
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_-]/gu, ""))
    .filter((w) => w !== "" && !["and", "or", "not"].includes(w));
  return { filter: f, words };
}

/** Full-text match as Taiga's `q`: every word is a prefix of a token of subject, ref, tags or description. */
function matchesWords(story: StoryRow, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = [story.subject, String(story.ref), stringList(story.tags).join(" "), story.description].join(" ").toLowerCase();
  const tokens = text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  return words.every((w) => {
    const parts = w.split(/[-]+/).filter(Boolean);
    return parts.every((p) => tokens.some((t) => t.startsWith(p)));
  });
}

const ORDER_BY: Record<string, string> = {
  backlog_order: "us.backlog_order",
  sprint_order: "us.sprint_order",
  kanban_order: "us.kanban_order",
  project: "us.project_id",
  milestone: "us.milestone_id",
  status: "(SELECT \"order\" FROM userstory_statuses WHERE id = us.status_id)",
  created_date: "us.created_date",
  modified_date: "us.modified_date",
  assigned_to: "(SELECT CASE WHEN full_name <> '' THEN full_name ELSE username END FROM users WHERE id = us.assigned_to_id)",
  subject: "us.subject",
  total_voters: "(SELECT COUNT(*) FROM votes WHERE content_type = 'userstory' AND object_id = us.id)",
};

/** ORDER BY clause: a whitelisted `order_by` (ties by -id) or the model order (project, backlog_order, ref). */
function orderBySql(c: Ctx): string {
  const raw = c.req.query("order_by");
  if (raw) {
    const desc = raw.startsWith("-");
    const column = ORDER_BY[desc ? raw.slice(1) : raw];
    if (column) return `${column} ${desc ? "DESC" : "ASC"}, us.id DESC`;
  }
  return "us.project_id, us.backlog_order, us.ref";
}

/** Every story matching the query string, in list order. */
function queryStories(c: Ctx, extra?: (f: SqlFilter) => void, skip?: Facet): StoryRow[] {
  const { filter, words } = buildListFilter(c, skip);
  extra?.(filter);
  const where = filter.where.length ? `WHERE ${filter.where.join(" AND ")}` : "";
  const rows = c.var.deps.db.prepare(`SELECT us.* FROM userstories us ${where} ORDER BY ${orderBySql(c)}`).all(...filter.params) as StoryRow[];
  return words.length ? rows.filter((r) => matchesWords(r, words)) : rows;
}

function epicIdFromQuery(c: Ctx): number | null {
  const raw = c.req.query("epic");
  if (!raw) return null;
  const first = Number(raw.split(",")[0]);
  return Number.isSafeInteger(first) ? first : null;
}

/** Taiga-Info-* headers of `GET /userstories` (api.py `_add_taiga_info_headers`). */
function infoHeaders(c: Ctx): Record<string, string> {
  const db = c.var.deps.db;
  const headers: Record<string, string> = {};
  const raw = c.req.query("project");
  const projectId = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : 0;
  if (!projectId) return headers;
  if ((c.req.query("milestone") ?? "").toLowerCase() === "null") {
    const n = db.prepare("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND milestone_id IS NULL").get(projectId) as { n: number };
    headers["Taiga-Info-Backlog-Total-Userstories"] = String(n.n);
  }
  const without = db.prepare("SELECT EXISTS (SELECT 1 FROM userstories WHERE project_id = ? AND swimlane_id IS NULL) AS x").get(projectId) as { x: number };
  headers["Taiga-Info-Userstories-Without-Swimlane"] = without.x ? "true" : "false";
  return headers;
}

function listStories(c: Ctx): Response {
  const db = c.var.deps.db;
  const rows = queryStories(c);
  const headers = infoHeaders(c);
  if (switchQuery(c, "only_ref")) {
    return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map((r) => ({ id: r.id, ref: r.ref })), headers);
  }
  const opts = {
    includeTasks: c.req.query("include_tasks") !== undefined,
    includeAttachments: c.req.query("include_attachments") !== undefined,
    epicId: epicIdFromQuery(c),
  };
  return paginate(c, rows.length, (limit, offset) => serializeStories(db, limit < 0 ? rows : rows.slice(offset, offset + limit), c.var.user, opts), headers);
}

/* ================================================================== access ================================================================== */

function accessToProject(c: Ctx, project: ProjectRow): Access {
  return projectAccess(c.var.deps.db, c.var.user, project);
}

function loadProjectOr404(db: Db, id: number): ProjectRow {
  const project = getProject(db, id);
  if (!project) throw notFound();
  return project;
}

/** Loads a story for reading: 404 when missing, 401/403 without `view_us`. */
function loadReadableStory(c: Ctx, id: number): { story: StoryRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const story = getStory(db, id);
  if (!story) throw notFound(STORY_NOT_FOUND);
  const project = loadProjectOr404(db, story.project_id);
  const access = accessToProject(c, project);
  if (!access.permissions.has("view_us")) throw denied(access);
  return { story, project, access };
}

/**
 * A story to write to: permission first (as taiga: without the object, only superusers go on to the
 * 404), then existence.
 */
function loadWritableStory(c: Ctx, id: number): { story: StoryRow; project: ProjectRow; access: Access } {
  const db = c.var.deps.db;
  const story = getStory(db, id);
  if (!story) {
    if (c.var.user?.is_superuser === 1) throw notFound(STORY_NOT_FOUND);
    throw c.var.user ? permissionDenied() : notAuthenticated();
  }
  const project = loadProjectOr404(db, story.project_id);
  return { story, project, access: accessToProject(c, project) };
}

function assertWritableProject(project: ProjectRow): void {
  if (project.blocked_code) throw blocked();
  if (project.archived_code) throw permissionDenied("Archived element");
}

/* ================================================================== detail ================================================================== */

/** `neighbors` inside the list defined by the detail request's own query string, within the project. */
function neighbors(c: Ctx, story: StoryRow): Json {
  const rows = queryStories(c, (f) => {
    f.where.push("us.project_id = ?");
    f.params.push(story.project_id);
  });
  const index = rows.findIndex((r) => r.id === story.id);
  const brief = (r: StoryRow | undefined): Json | null => (r ? { id: r.id, ref: r.ref, subject: r.subject } : null);
  if (index < 0) return { previous: null, next: null };
  return { previous: brief(rows[index - 1]), next: brief(rows[index + 1]) };
}

function detailResponse(c: Ctx, story: StoryRow): Response {
  const [body] = serializeStories(c.var.deps.db, [story], c.var.user, { detail: true });
  return json(c, { ...body, neighbors: neighbors(c, story) });
}

function serializeDetail(db: Db, id: number, viewer: UserRow | null): Json {
  const story = getStory(db, id);
  if (!story) throw notFound(STORY_NOT_FOUND);
  const [body] = serializeStories(db, [story], viewer, { detail: true });
  return body ?? {};
}

function byRef(c: Ctx): Response {
  const db = c.var.deps.db;
  const ref = c.req.query("ref");
  if (!ref) throw new HttpError(400, "ref param is needed" as unknown as Record<string, unknown>);
  const projectRaw = c.req.query("project");
  const slug = c.req.query("project__slug");
  let projectId: number | undefined;
  if (projectRaw) {
    if (!/^\d{1,15}$/.test(projectRaw)) throw notFound();
    projectId = Number(projectRaw);
  } else if (slug) {
    const row = db.prepare("SELECT id FROM projects WHERE slug = ?").get(slug) as { id: number } | undefined;
    if (!row) throw notFound(STORY_NOT_FOUND);
    projectId = row.id;
  } else {
    throw new HttpError(400, "project or project__slug param is needed" as unknown as Record<string, unknown>);
  }
  if (!/^\d{1,15}$/.test(ref)) throw notFound(STORY_NOT_FOUND);
  const row = db.prepare("SELECT id FROM userstories WHERE project_id = ? AND ref = ?").get(projectId, Number(ref)) as { id: number } | undefined;
  if (!row) throw notFound(STORY_NOT_FOUND);
  const { story } = loadReadableStory(c, row.id);
  return detailResponse(c, story);
}

/* ================================================================== filters_data ================================================================== */

interface MemberUser {
  id: number;
  username: string;
  full_name: string;
  email: string;
  photo: string | null;
}

function filtersData(c: Ctx): Response {
  const db = c.var.deps.db;
  const raw = c.req.query("project");
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) throw notFound();
  const project = getProject(db, Number(raw));
  if (!project) throw notFound();
  const access = accessToProject(c, project);
  if (!access.permissions.has("view_project")) {
    if (access.anonymous) throw notAuthenticated();
    throw notFound();
  }
  const facet = (skip: Facet): StoryRow[] => queryStories(c, undefined, skip);

  const statusStories = facet("status");
  const statuses = (db.prepare('SELECT id, name, color, "order" FROM userstory_statuses WHERE project_id = ? ORDER BY "order", id').all(project.id) as {
    id: number;
    name: string;
    color: string;
    order: number;
  }[]).map((s) => ({ ...s, count: statusStories.filter((r) => r.status_id === s.id).length }));

  const members = db
    .prepare(
      `SELECT DISTINCT u.id, u.username, u.full_name, u.email, u.photo FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = ?`,
    )
    .all(project.id) as MemberUser[];
  const displayName = (u: { full_name: string; username: string }): string => u.full_name || u.username;
  const byName = <T extends { full_name: string }>(list: T[]): T[] => [...list].sort((a, b) => (a.full_name < b.full_name ? -1 : a.full_name > b.full_name ? 1 : 0));
  const gravatar = (email: string): string => createHashHex(email);

  const assignedToStories = facet("assigned_to");
  const assignedTo = [
    { id: null, full_name: "", count: assignedToStories.filter((r) => r.assigned_to_id === null).length },
    ...byName(members.map((u) => ({ id: u.id, full_name: displayName(u), count: assignedToStories.filter((r) => r.assigned_to_id === u.id).length }))),
  ];

  const assignedUsersStories = facet("assigned_users");
  const assignees = assigneesByStory(db, assignedUsersStories);
  const assignedUsers = [
    {
      id: null,
      full_name: "",
      count: assignedUsersStories.filter((r) => (assignees.get(r.id)?.size ?? 0) === 0).length,
      photo: null,
      big_photo: null,
      gravatar_id: null,
    },
    ...byName(
      members.map((u) => ({
        id: u.id,
        full_name: displayName(u),
        count: assignedUsersStories.filter((r) => assignees.get(r.id)?.has(u.id)).length,
        photo: u.photo,
        big_photo: u.photo,
        gravatar_id: gravatar(u.email),
      })),
    ),
  ];

  const ownerStories = facet("owner");
  const ownerCounts = new Map<number, number>();
  for (const r of ownerStories) if (r.owner_id !== null) ownerCounts.set(r.owner_id, (ownerCounts.get(r.owner_id) ?? 0) + 1);
  const ownerUsers = ownerCounts.size
    ? (db.prepare(`SELECT id, username, full_name, email, photo FROM users WHERE id IN (${inList(ownerCounts.size)})`).all(...ownerCounts.keys()) as MemberUser[])
    : [];
  const owners = byName(
    ownerUsers.map((u) => ({
      id: u.id,
      full_name: displayName(u),
      count: ownerCounts.get(u.id) ?? 0,
      photo: u.photo,
      big_photo: u.photo,
      gravatar_id: gravatar(u.email),
    })),
  );

  const tagStories = facet("tags");
  let tagsColors: [string, string | null][] = [];
  try {
    const parsed = JSON.parse(project.tags_colors) as unknown;
    if (Array.isArray(parsed)) tagsColors = parsed.filter((e): e is [string, string | null] => Array.isArray(e) && typeof e[0] === "string");
  } catch {
    tagsColors = [];
  }
  const tags = tagsColors
    .map(([name, color]) => ({ name, color: color ?? null, count: tagStories.filter((r) => stringList(r.tags).includes(name)).length }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const epicStories = facet("epic");
  const epicIds = new Set(epicStories.map((r) => r.id));
  const links = db
    .prepare("SELECT l.epic_id, l.userstory_id FROM epic_related_userstories l JOIN epics e ON e.id = l.epic_id WHERE e.project_id = ?")
    .all(project.id) as { epic_id: number; userstory_id: number }[];
  const linked = new Set(
    (epicStories.length
      ? (db.prepare(`SELECT DISTINCT userstory_id FROM epic_related_userstories WHERE userstory_id IN (${inList(epicStories.length)})`).all(
          ...epicStories.map((r) => r.id),
        ) as { userstory_id: number }[])
      : []
    ).map((l) => l.userstory_id),
  );
  const epics = [
    { id: null, ref: null, subject: null, order: 0, count: epicStories.filter((r) => !linked.has(r.id)).length },
    ...(db.prepare("SELECT id, ref, subject, epics_order FROM epics WHERE project_id = ? ORDER BY epics_order, id").all(project.id) as {
      id: number;
      ref: number;
      subject: string;
      epics_order: number;
    }[]).map((e) => ({
      id: e.id,
      ref: e.ref,
      subject: e.subject,
      order: e.epics_order,
      count: links.filter((l) => l.epic_id === e.id && epicIds.has(l.userstory_id)).length,
    })),
  ];

  const roleStories = facet("role");
  const roleAssignees = assigneesByStory(db, roleStories);
  const roleMembers = db.prepare("SELECT role_id, user_id FROM memberships WHERE project_id = ? AND user_id IS NOT NULL").all(project.id) as {
    role_id: number;
    user_id: number;
  }[];
  const roles = (db.prepare('SELECT id, name, "order" FROM roles WHERE project_id = ? ORDER BY "order", id').all(project.id) as {
    id: number;
    name: string;
    order: number;
  }[]).map((role) => {
    const users = new Set(roleMembers.filter((m) => m.role_id === role.id).map((m) => m.user_id));
    return {
      id: role.id,
      name: role.name,
      color: null,
      order: role.order,
      count: roleStories.filter((r) => [...(roleAssignees.get(r.id) ?? [])].some((u) => users.has(u))).length,
    };
  });

  return json(c, { statuses, assigned_to: assignedTo, assigned_users: assignedUsers, owners, tags, epics, roles });
}

/** story id -> assigned users ∪ assigned_to. */
function assigneesByStory(db: Db, stories: StoryRow[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const s of stories) out.set(s.id, new Set(s.assigned_to_id !== null ? [s.assigned_to_id] : []));
  if (stories.length === 0) return out;
  const rows = db
    .prepare(`SELECT userstory_id, user_id FROM userstory_assigned_users WHERE userstory_id IN (${inList(stories.length)})`)
    .all(...stories.map((s) => s.id)) as { userstory_id: number; user_id: number }[];
  for (const r of rows) out.get(r.userstory_id)?.add(r.user_id);
  return out;
}

const createHashHex = (email: string): string => createHash("md5").update(email.trim().toLowerCase()).digest("hex");

/* ================================================================== body validation ================================================================== */

/** The validated, normalised content of a story create/update body (only the keys that were sent). */
export interface StoryChanges {
  project?: number;
  subject?: string;
  description?: string;
  status?: number | null;
  milestone?: number | null;
  swimlane?: number | null;
  assigned_to?: number | null;
  assigned_users?: number[];
  tags?: { name: string; color: string | null }[];
  points?: Record<string, unknown>;
  is_blocked?: boolean;
  blocked_note?: string;
  client_requirement?: boolean;
  team_requirement?: boolean;
  backlog_order?: number;
  sprint_order?: number;
  due_date?: string | null;
  due_date_reason?: string;
  external_reference?: unknown;
  generated_from_issue?: number | null;
  generated_from_task?: number | null;
  from_task_ref?: string | null;
  watchers?: number[];
  comment?: string;
}

/**
 * Validates a story body the way UserStoryValidator does: types first, then existence of related rows
 * ("Invalid pk"), membership of assignees. Throws 400 with every field error at once.
 */
function validateStoryBody(db: Db, body: JsonObject, mode: "create" | "put" | "patch"): StoryChanges {
  const f = itemFields(db, body, { textOnlyScalars: false });
  const { fail, has } = f;
  const out: StoryChanges = {};
  const required = mode !== "patch";

  const userIdList = (name: string): number[] | undefined => {
    if (!has(name)) return undefined;
    const v = body[name];
    if (!Array.isArray(v)) {
      fail(name, `Expected a list of items but got type "${pyType(v)}".`);
      return undefined;
    }
    const ids: number[] = [];
    for (const item of v) {
      if (typeof item === "number" && Number.isSafeInteger(item)) ids.push(item);
      else if (typeof item === "string" && /^\d{1,15}$/.test(item)) ids.push(Number(item));
      else {
        fail(name, `Incorrect type. Expected pk value, received ${pyType(item)}.`);
        return undefined;
      }
    }
    for (const id of ids) {
      if (!db.prepare("SELECT 1 FROM users WHERE id = ?").get(id)) {
        fail(name, `Invalid pk '${id}' - object does not exist.`);
        return undefined;
      }
    }
    return [...new Set(ids)];
  };

  const project = f.pk("project", "projects", false);
  if (project !== undefined && project !== null) out.project = project;
  else if (required && !has("project")) fail("project", "This field is required.");

  const subject = f.text("subject", { required });
  if (typeof subject === "string") out.subject = subject;
  const description = f.text("description", { blank: true });
  if (typeof description === "string") out.description = description;

  for (const [name, table] of [
    ["status", "userstory_statuses"],
    ["milestone", "milestones"],
    ["swimlane", "swimlanes"],
    ["assigned_to", "users"],
    ["generated_from_issue", "issues"],
    ["generated_from_task", "tasks"],
  ] as const) {
    const id = f.pk(name, table, true);
    if (id !== undefined) out[name] = id;
  }
  const assignedUsers = userIdList("assigned_users");
  if (assignedUsers) out.assigned_users = assignedUsers;
  if (mode !== "create") {
    const watchers = userIdList("watchers");
    if (watchers) out.watchers = watchers;
  }

  const tags = f.tags((v) => `${pyRepr(v)} is not a list`);
  if (tags) out.tags = tags;

  if (has("points")) {
    let v = body.points;
    if (typeof v === "string") {
      try {
        v = JSON.parse(v) as unknown;
      } catch {
        v = undefined;
      }
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail("points", "Invalid points value.");
    else out.points = v as Record<string, unknown>;
  }

  for (const name of ["is_blocked", "client_requirement", "team_requirement"] as const) {
    const b = f.bool(name);
    if (b !== undefined) out[name] = b;
  }
  const blockedNote = f.text("blocked_note", { blank: true });
  if (typeof blockedNote === "string") out.blocked_note = blockedNote;
  const reason = f.text("due_date_reason", { blank: true });
  if (typeof reason === "string") out.due_date_reason = reason;
  const fromTaskRef = f.text("from_task_ref", { blank: true, nullable: true });
  if (fromTaskRef !== undefined) out.from_task_ref = fromTaskRef;
  const comment = f.text("comment", { blank: true, nullable: true });
  if (comment !== undefined) out.comment = comment ?? "";

  for (const name of ["backlog_order", "sprint_order"] as const) {
    const n = f.int(name);
    if (n !== undefined) out[name] = n;
  }
  const dueDate = f.dueDate();
  if (dueDate !== undefined) out.due_date = dueDate;
  const externalReference = f.externalReference();
  if (externalReference) out.external_reference = externalReference.value;
  if (mode !== "create") f.checkVersion();

  f.check();
  return out;
}

/** assigned_to / assigned_users must be project members (AssignedToValidator). */
function validateMembership(db: Db, projectId: number, changes: StoryChanges): void {
  const errors: Record<string, string[]> = {};
  const isMember = (userId: number): boolean => !!db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(projectId, userId);
  if (changes.assigned_to !== undefined && changes.assigned_to !== null && !isMember(changes.assigned_to)) {
    errors.assigned_to = ["The user must be a project member."];
  }
  if (changes.assigned_users?.some((u) => !isMember(u))) errors.assigned_users = ["The user must be a project member."];
  if (Object.keys(errors).length) throw validationError(errors);
}

/** Watchers must be members or already watching (WatchersValidator). */
function validateWatchers(db: Db, projectId: number, storyId: number, watchers: number[] | undefined): void {
  if (!watchers) return;
  for (const u of watchers) {
    const member = db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(projectId, u);
    const watching = db.prepare("SELECT 1 FROM watchers WHERE content_type = 'userstory' AND object_id = ? AND user_id = ?").get(storyId, u);
    if (!member && !watching) throw validationError({ watchers: ["Watchers contains invalid users"] });
  }
}

/** Cross-project references answer 403 (pre_conditions_on_save). */
function assertSameProject(db: Db, projectId: number, target: { status_id: number | null; milestone_id: number | null; swimlane_id: number | null }): void {
  const owner = (table: string, id: number | null): number | null =>
    id === null ? null : ((db.prepare(`SELECT project_id FROM ${table} WHERE id = ?`).get(id) as { project_id: number } | undefined)?.project_id ?? null);
  if (target.milestone_id !== null && owner("milestones", target.milestone_id) !== projectId) {
    throw permissionDenied("You don't have permissions to set this sprint to this user story.");
  }
  if (target.status_id !== null && owner("userstory_statuses", target.status_id) !== projectId) {
    throw permissionDenied("You don't have permissions to set this status to this user story.");
  }
  if (target.swimlane_id !== null && owner("swimlanes", target.swimlane_id) !== projectId) {
    throw permissionDenied("You don't have permissions to set this swimlane to this user story.");
  }
}

/** Role points of the body: computable roles and points of the project, else 400 (a string, not a list). */
function validatePoints(db: Db, projectId: number, points: Record<string, unknown> | undefined): [number, number][] {
  if (!points) return [];
  const out: [number, number][] = [];
  for (const [roleKey, pointsValue] of Object.entries(points)) {
    const roleId = /^\d{1,15}$/.test(roleKey) ? Number(roleKey) : NaN;
    const role = Number.isSafeInteger(roleId)
      ? db.prepare("SELECT 1 FROM roles WHERE id = ? AND project_id = ? AND computable = 1").get(roleId, projectId)
      : undefined;
    if (!role) throw validationError({ points: `Invalid role id '${roleKey}'` });
    const pointsId = typeof pointsValue === "number" ? pointsValue : typeof pointsValue === "string" && /^\d{1,15}$/.test(pointsValue) ? Number(pointsValue) : NaN;
    const row = Number.isSafeInteger(pointsId) ? db.prepare("SELECT 1 FROM points WHERE id = ? AND project_id = ?").get(pointsId, projectId) : undefined;
    if (!row) throw validationError({ points: `Invalid points id '${String(pointsValue)}'` });
    out.push([roleId, pointsId]);
  }
  return out;
}

/* ================================================================== writes: helpers ================================================================== */

/** Gives the story a points row for every computable role (project default, "?"), then the requested ones. */
function ensureRolePoints(db: Db, project: ProjectRow, storyId: number, requested: [number, number][]): void {
  const roles = db.prepare("SELECT id FROM roles WHERE project_id = ? AND computable = 1").all(project.id) as { id: number }[];
  let defaultPoints = project.default_points_id;
  if (defaultPoints === null) {
    const row = db.prepare('SELECT id FROM points WHERE project_id = ? AND value IS NULL ORDER BY "order", id LIMIT 1').get(project.id) as { id: number } | undefined;
    defaultPoints = row?.id ?? null;
  }
  if (defaultPoints !== null) {
    for (const role of roles) {
      db.prepare("INSERT OR IGNORE INTO role_points (userstory_id, role_id, points_id) VALUES (?, ?, ?)").run(storyId, role.id, defaultPoints);
    }
  }
  for (const [roleId, pointsId] of requested) {
    db.prepare(
      "INSERT INTO role_points (userstory_id, role_id, points_id) VALUES (?, ?, ?) ON CONFLICT(userstory_id, role_id) DO UPDATE SET points_id = excluded.points_id",
    ).run(storyId, roleId, pointsId);
  }
}

function setAssignedUsers(db: Db, storyId: number, users: number[]): void {
  db.prepare("DELETE FROM userstory_assigned_users WHERE userstory_id = ?").run(storyId);
  for (const u of users) db.prepare("INSERT OR IGNORE INTO userstory_assigned_users (userstory_id, user_id) VALUES (?, ?)").run(storyId, u);
}

function setWatchers(db: Db, storyId: number, users: number[], now: string): void {
  db.prepare("DELETE FROM watchers WHERE content_type = 'userstory' AND object_id = ? AND user_id NOT IN (SELECT value FROM json_each(?))").run(storyId, JSON.stringify(users));
  for (const u of users) {
    db.prepare("INSERT OR IGNORE INTO watchers (content_type, object_id, user_id, created_date) VALUES ('userstory', ?, ?, ?)").run(storyId, u, now);
  }
}

function addWatcher(db: Db, storyId: number, userId: number, now: string): void {
  db.prepare("INSERT OR IGNORE INTO watchers (content_type, object_id, user_id, created_date) VALUES ('userstory', ?, ?, ?)").run(storyId, userId, now);
}


/**
 * "Now" in microseconds as a fresh order value (Taiga's NEW_*_ORDER), so the story sorts last. Kept
 * above the project's current maximum so it still sorts last if stored orders lie in the future
 * (clock changes, data imported from another server).
 */
function freshOrder(db: Db, projectId: number, field: "backlog_order" | "sprint_order" | "kanban_order"): number {
  const row = db.prepare(`SELECT MAX(${field}) AS m FROM userstories WHERE project_id = ?`).get(projectId) as { m: number | null };
  const now = nowMicros();
  return row.m !== null && row.m >= now ? row.m + 1 : now;
}

/* ================================================================== create ================================================================== */

export interface NewStory {
  project: ProjectRow;
  subject: string;
  owner: UserRow;
  statusId: number | null;
  swimlaneId: number | null;
  changes?: StoryChanges;
  points?: [number, number][];
  /** write the creation history entry (default); a promoted issue's story has none, as in Taiga */
  history?: boolean;
}

/** Inserts one story with Taiga's defaults and its creation history entry. Call inside a transaction. */
export function insertStory(db: Db, s: NewStory): number {
  const now = nowIso();
  const ch = s.changes ?? {};
  const tags = ch.tags ? storeTags(db, s.project.id, ch.tags, { trim: false }) : [];
  const ref = nextRef(db, s.project.id);
  const result = db
    .prepare(
      `INSERT INTO userstories (project_id, ref, subject, description, status_id, swimlane_id, milestone_id, owner_id, assigned_to_id, tags,
         backlog_order, sprint_order, kanban_order, is_blocked, blocked_note, due_date, due_date_reason, client_requirement, team_requirement,
         generated_from_issue_id, generated_from_task_id, from_task_ref, external_reference, version, created_date, modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      s.project.id,
      ref,
      s.subject,
      ch.description ?? "",
      s.statusId,
      s.swimlaneId,
      ch.milestone ?? null,
      s.owner.id,
      ch.assigned_to ?? null,
      JSON.stringify(tags),
      ch.backlog_order ?? freshOrder(db, s.project.id, "backlog_order"),
      ch.sprint_order ?? freshOrder(db, s.project.id, "sprint_order"),
      freshOrder(db, s.project.id, "kanban_order"),
      ch.is_blocked ? 1 : 0,
      ch.is_blocked ? (ch.blocked_note ?? "") : "",
      ch.due_date ?? null,
      ch.due_date_reason ?? "",
      ch.client_requirement ? 1 : 0,
      ch.team_requirement ? 1 : 0,
      ch.generated_from_issue ?? null,
      ch.generated_from_task ?? null,
      ch.from_task_ref ?? null,
      ch.external_reference === undefined || ch.external_reference === null ? null : JSON.stringify(ch.external_reference),
      now,
      now,
    );
  const id = Number(result.lastInsertRowid);
  ensureRolePoints(db, s.project, id, s.points ?? []);
  if (ch.assigned_users) setAssignedUsers(db, id, ch.assigned_users);
  recalculateStoryClosed(db, id, now);
  recalculateMilestoneClosed(db, ch.milestone ?? null);
  if (s.history !== false) recordHistory(db, { projectId: s.project.id, contentType: "userstory", objectId: id, type: 2, user: s.owner, diff: {} });
  return id;
}

async function createStory(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const changes = validateStoryBody(db, body, "create");
  const project = loadProjectOr404(db, changes.project as number);
  validateMembership(db, project.id, changes);
  const access = accessToProject(c, project);
  if (!access.permissions.has("add_us")) throw denied(access);
  const user = requireUser(c);
  const statusId = changes.status !== undefined ? changes.status : project.default_us_status_id;
  assertSameProject(db, project.id, { status_id: statusId, milestone_id: changes.milestone ?? null, swimlane_id: changes.swimlane ?? null });
  assertWritableProject(project);
  const points = validatePoints(db, project.id, changes.points);
  const id = db.transaction(() =>
    insertStory(db, { project, subject: changes.subject as string, owner: user, statusId, swimlaneId: changes.swimlane ?? null, changes, points }),
  )();
  return json(c, serializeDetail(db, id, c.var.user), 201);
}

/* ---------------------------------------------------------------- bulk_create ---------------------------------------------------------------- */

/** IntegerField of the bulk validators: `Enter a whole number.`. */
function bulkInt(body: JsonObject, name: string, errors: Record<string, string[]>, opts: { required?: boolean; nullable?: boolean; min?: number } = {}): number | null | undefined {
  const present = Object.prototype.hasOwnProperty.call(body, name);
  const v = body[name];
  if (!present || v === undefined || v === null || v === "") {
    if (present && v === null && opts.nullable) return null;
    if (opts.required) errors[name] = ["This field is required."];
    return undefined;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || typeof v === "boolean") {
    errors[name] = ["Enter a whole number."];
    return undefined;
  }
  if (opts.min !== undefined && n < opts.min) {
    errors[name] = [`Ensure this value is greater than or equal to ${opts.min}.`];
    return undefined;
  }
  return n;
}

const projectExists = (db: Db, id: number): boolean => !!db.prepare("SELECT 1 FROM projects WHERE id = ?").get(id);

async function bulkCreate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const errors: Record<string, string[]> = {};
  const projectId = bulkInt(body, "project_id", errors, { required: true });
  const statusId = bulkInt(body, "status_id", errors);
  const swimlaneId = bulkInt(body, "swimlane_id", errors, { nullable: true });
  const text = body.bulk_stories;
  if (text === undefined || text === null || text === "") errors.bulk_stories = ["This field is required."];
  else if (typeof text !== "string") errors.bulk_stories = ["Not a valid string."];
  if (projectId !== undefined && projectId !== null && !projectExists(db, projectId)) errors.project_id = ["There's no project with that id"];
  if (projectId !== undefined && projectId !== null && statusId !== undefined && statusId !== null) {
    if (!db.prepare("SELECT 1 FROM userstory_statuses WHERE id = ? AND project_id = ?").get(statusId, projectId)) {
      errors.status_id = ["Invalid user story status id. The status must belong to the same project."];
    }
  }
  if (projectId !== undefined && projectId !== null && swimlaneId !== undefined && swimlaneId !== null) {
    if (!db.prepare("SELECT 1 FROM swimlanes WHERE id = ? AND project_id = ?").get(swimlaneId, projectId)) {
      errors.swimlane_id = ["Invalid swimlane id. The swimlane must belong to the same project."];
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const project = loadProjectOr404(db, projectId as number);
  const user = requireUser(c);
  const access = accessToProject(c, project);
  if (!access.permissions.has("add_us")) throw denied(access);
  if (project.blocked_code) throw blocked();
  const lines = (text as string)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const ids = db.transaction(() =>
    lines.map((subject) =>
      insertStory(db, {
        project,
        subject: subject.slice(0, 500),
        owner: user,
        statusId: statusId ?? project.default_us_status_id,
        swimlaneId: swimlaneId ?? null,
      }),
    ),
  )();
  if (ids.length === 0) return json(c, []);
  const rows = db
    .prepare(`SELECT * FROM userstories WHERE id IN (${inList(ids.length)}) ORDER BY project_id, backlog_order, ref`)
    .all(...ids) as StoryRow[];
  const serialized = serializeStories(db, rows, c.var.user, { detail: true }).map((s) => ({ ...s, is_watcher: false }));
  return json(c, serialized);
}

/* ================================================================== update ================================================================== */

const backlogKey = (s: StoryRow): string => `${s.project_id}-${s.backlog_order}`;
const sprintKey = (s: StoryRow): string => `${s.project_id}-${s.milestone_id}-${s.sprint_order}`;
const kanbanKey = (s: StoryRow): string => `${s.project_id}-${s.swimlane_id}-${s.status_id}-${s.kanban_order}`;

/** The PATCH "reorder hack" for one order field: apply_order_updates with the saved value, drop unchanged. */
function reorderAfterPatch(db: Db, story: StoryRow, field: "backlog_order" | "sprint_order"): OrderAssignment[] {
  const scope =
    field === "sprint_order" && story.milestone_id !== null
      ? (db.prepare("SELECT id, sprint_order AS o FROM userstories WHERE project_id = ? AND milestone_id = ? ORDER BY backlog_order, ref").all(story.project_id, story.milestone_id) as {
          id: number;
          o: number;
        }[])
      : (db.prepare(`SELECT id, ${field} AS o FROM userstories WHERE project_id = ? ORDER BY backlog_order, ref`).all(story.project_id) as { id: number; o: number }[]);
  const result = applyOrderUpdates(
    scope.map((r) => ({ id: r.id, order: r.o })),
    new Map([[story.id, story[field]]]),
    { dropUnchanged: true },
  );
  const update = db.prepare(`UPDATE userstories SET ${field} = ? WHERE id = ?`);
  for (const { id, order } of result) update.run(order, id);
  return result;
}

/** Move to another project (`PATCH {"project": other}`): rewrites status/milestone/swimlane like taiga. */
function rewriteForProjectMove(db: Db, story: StoryRow, target: ProjectRow, body: JsonObject): void {
  if (body.milestone !== undefined && body.milestone !== null) {
    if (!db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(body.milestone, target.id)) body.milestone = null;
  }
  if (body.swimlane !== undefined && body.swimlane !== null) {
    if (!db.prepare("SELECT 1 FROM swimlanes WHERE id = ? AND project_id = ?").get(body.swimlane, target.id)) body.swimlane = null;
  }
  if (body.status !== undefined && body.status !== null) {
    const old = db.prepare("SELECT slug FROM userstory_statuses WHERE id = ? AND project_id = ?").get(body.status, story.project_id) as { slug: string } | undefined;
    const mapped = old ? (db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND slug = ?").get(target.id, old.slug) as { id: number } | undefined) : undefined;
    body.status = mapped?.id ?? target.default_us_status_id;
  }
}

async function updateStory(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const body = await readObject(c);
  const { story, project, access } = loadWritableStory(c, id);

  // permissions (CommentAndOrUpdatePerm), evaluated on the target project when moving
  let targetProject = project;
  let targetAccess = access;
  const rawProject = body.project;
  const moving = typeof rawProject === "number" && rawProject !== story.project_id;
  if (moving) {
    const target = getProject(db, rawProject);
    if (!target) throw new HttpError(400, "The project doesn't exist" as unknown as Record<string, unknown>);
    targetProject = target;
    targetAccess = accessToProject(c, target);
  }
  const keys = Object.keys(body).filter((k) => k !== "version");
  const justAComment = keys.length === 1 && keys[0] === "comment";
  if (!(justAComment && targetAccess.permissions.has("comment_us")) && !targetAccess.permissions.has("modify_us")) throw denied(targetAccess);
  if (moving) {
    if (!access.permissions.has("delete_us")) throw denied(access);
    if (!targetAccess.permissions.has("add_us")) throw denied(targetAccess);
    rewriteForProjectMove(db, story, targetProject, body);
  }
  const user = requireUser(c);

  const changes = validateStoryBody(db, body, mode);
  validateMembership(db, targetProject.id, changes);
  validateWatchers(db, targetProject.id, story.id, changes.watchers);

  // OCC: the last `current - sent` history entries of the story, newest first
  const entries = db
    .prepare("SELECT diff FROM history_entries WHERE content_type = 'userstory' AND object_id = ? ORDER BY seq DESC LIMIT ?")
    .all(story.id, Math.max(0, story.version)) as { diff: string }[];
  const occ = checkOcc(
    body,
    story.version,
    entries.map((e) => {
      try {
        return Object.keys(JSON.parse(e.diff) as Record<string, unknown>);
      } catch {
        return [];
      }
    }),
  );
  if (!occ.ok) throw validationError({ ...occ.body });

  const next = {
    status_id: changes.status !== undefined ? changes.status : story.status_id,
    milestone_id: changes.milestone !== undefined ? changes.milestone : story.milestone_id,
    swimlane_id: changes.swimlane !== undefined ? changes.swimlane : story.swimlane_id,
  };
  if (moving) {
    if (changes.status === undefined) next.status_id = story.status_id;
  }
  assertSameProject(db, targetProject.id, next);
  assertWritableProject(project);
  if (moving) assertWritableProject(targetProject);
  const points = validatePoints(db, targetProject.id, changes.points);

  let orderHeader = "{}";
  db.transaction(() => {
    const now = nowIso();
    const before = snapshotStory(db, story.id) ?? {};
    const set: Record<string, unknown> = {};
    if (moving) {
      set.project_id = targetProject.id;
      set.ref = nextRef(db, targetProject.id);
    }
    if (changes.subject !== undefined) set.subject = changes.subject;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.status !== undefined) set.status_id = changes.status;
    if (changes.milestone !== undefined) set.milestone_id = changes.milestone;
    if (changes.swimlane !== undefined) set.swimlane_id = changes.swimlane;
    if (changes.assigned_to !== undefined) set.assigned_to_id = changes.assigned_to;
    if (changes.tags !== undefined) set.tags = JSON.stringify(storeTags(db, targetProject.id, changes.tags, { trim: false }));
    if (changes.client_requirement !== undefined) set.client_requirement = changes.client_requirement ? 1 : 0;
    if (changes.team_requirement !== undefined) set.team_requirement = changes.team_requirement ? 1 : 0;
    if (changes.is_blocked !== undefined) set.is_blocked = changes.is_blocked ? 1 : 0;
    if (changes.blocked_note !== undefined) set.blocked_note = changes.blocked_note;
    if (changes.backlog_order !== undefined) set.backlog_order = changes.backlog_order;
    if (changes.sprint_order !== undefined) set.sprint_order = changes.sprint_order;
    if (changes.due_date !== undefined) set.due_date = changes.due_date;
    if (changes.due_date_reason !== undefined) set.due_date_reason = changes.due_date_reason;
    if (changes.external_reference !== undefined) set.external_reference = changes.external_reference === null ? null : JSON.stringify(changes.external_reference);
    if (changes.generated_from_issue !== undefined) set.generated_from_issue_id = changes.generated_from_issue;
    if (changes.generated_from_task !== undefined) set.generated_from_task_id = changes.generated_from_task;
    if (changes.from_task_ref !== undefined) set.from_task_ref = changes.from_task_ref;
    if (mode === "put") {
      // PUT resets the plain fields that were not sent to their model defaults
      if (changes.backlog_order === undefined) set.backlog_order = freshOrder(db, targetProject.id, "backlog_order");
      if (changes.sprint_order === undefined) set.sprint_order = freshOrder(db, targetProject.id, "sprint_order");
      if (changes.is_blocked === undefined) set.is_blocked = 0;
      if (changes.blocked_note === undefined) set.blocked_note = "";
      if (changes.client_requirement === undefined) set.client_requirement = 0;
      if (changes.team_requirement === undefined) set.team_requirement = 0;
      if (changes.tags === undefined) set.tags = "[]";
      if (changes.due_date_reason === undefined) set.due_date_reason = "";
    }
    const isBlocked = set.is_blocked !== undefined ? set.is_blocked === 1 : story.is_blocked === 1;
    if (!isBlocked) set.blocked_note = "";

    const updated: StoryRow = { ...story, ...(set as Partial<StoryRow>) };
    if (kanbanKey(updated) !== kanbanKey(story)) set.kanban_order = freshOrder(db, targetProject.id, "kanban_order");
    set.modified_date = now;
    const columns = Object.keys(set);
    db.prepare(`UPDATE userstories SET ${columns.map((k) => `${k} = ?`).join(", ")}, version = version + 1 WHERE id = ?`).run(
      ...columns.map((k) => set[k]),
      story.id,
    );

    if (moving) db.prepare("DELETE FROM role_points WHERE userstory_id = ?").run(story.id);
    if (moving || points.length) ensureRolePoints(db, targetProject, story.id, points);
    if (changes.assigned_users !== undefined) setAssignedUsers(db, story.id, changes.assigned_users);
    if (changes.watchers !== undefined) setWatchers(db, story.id, changes.watchers, now);
    if (changes.milestone !== undefined && changes.milestone !== story.milestone_id) {
      db.prepare("UPDATE tasks SET milestone_id = ? WHERE user_story_id = ?").run(changes.milestone, story.id);
    }
    if (moving) db.prepare("UPDATE tasks SET project_id = ? WHERE user_story_id = ?").run(targetProject.id, story.id);

    const saved = getStory(db, story.id) as StoryRow;
    const orders: OrderAssignment[] = [];
    if (backlogKey(saved) !== backlogKey(story)) orders.push(...reorderAfterPatch(db, saved, "backlog_order"));
    if (sprintKey(saved) !== sprintKey(story)) orders.push(...reorderAfterPatch(db, saved, "sprint_order"));
    orderHeader = formatOrderUpdatedHeader(orders);

    recalculateStoryClosed(db, story.id, now);
    recalculateMilestoneClosed(db, story.milestone_id);
    if (saved.milestone_id !== story.milestone_id) recalculateMilestoneClosed(db, saved.milestone_id);

    const comment = changes.comment ?? "";
    if (comment !== "") addWatcher(db, story.id, user.id, now);
    const after = snapshotStory(db, story.id) ?? {};
    recordStoryChange(db, getStory(db, story.id) as StoryRow, user, diffSnapshots(before, after), comment);
  })();

  return json(c, serializeDetail(db, story.id, c.var.user), 200, { "Taiga-Info-Order-Updated": orderHeader });
}

/* ================================================================== delete ================================================================== */

function deleteStory(c: Ctx): Response {
  const db = c.var.deps.db;
  const { story, project, access } = loadWritableStory(c, idParam(c));
  if (!access.permissions.has("delete_us")) throw denied(access);
  const user = requireUser(c);
  assertWritableProject(project);
  db.transaction(() => {
    const taskIds = (db.prepare("SELECT id FROM tasks WHERE user_story_id = ?").all(story.id) as { id: number }[]).map((t) => t.id);
    for (const taskId of taskIds) {
      db.prepare("DELETE FROM watchers WHERE content_type = 'task' AND object_id = ?").run(taskId);
      db.prepare("DELETE FROM votes WHERE content_type = 'task' AND object_id = ?").run(taskId);
      db.prepare("DELETE FROM attachments WHERE content_type = 'task' AND object_id = ?").run(taskId);
      db.prepare("DELETE FROM custom_attribute_values WHERE kind = 'task' AND object_id = ?").run(taskId);
    }
    db.prepare("DELETE FROM tasks WHERE user_story_id = ?").run(story.id);
    db.prepare("DELETE FROM watchers WHERE content_type = 'userstory' AND object_id = ?").run(story.id);
    db.prepare("DELETE FROM votes WHERE content_type = 'userstory' AND object_id = ?").run(story.id);
    db.prepare("DELETE FROM attachments WHERE content_type = 'userstory' AND object_id = ?").run(story.id);
    db.prepare("DELETE FROM custom_attribute_values WHERE kind = 'userstory' AND object_id = ?").run(story.id);
    db.prepare("DELETE FROM userstories WHERE id = ?").run(story.id);
    // the snapshot keeps what the timeline tells about a deleted story
    const snapshot = { ref: story.ref, subject: story.subject, status: story.status_id, milestone: story.milestone_id };
    recordHistory(db, { projectId: story.project_id, contentType: "userstory", objectId: story.id, type: 3, user, diff: {}, snapshot });
    recalculateMilestoneClosed(db, story.milestone_id);
  })();
  return new Response(null, { status: 204 });
}

/* ================================================================== bulk ordering ================================================================== */

interface OrderBody {
  projectId: number;
  storyIds: number[];
  after: number | null;
  before: number | null;
}

/** Common fields of the anchor-based order bodies. Returns the values plus the error map. */
function readOrderBody(db: Db, body: JsonObject, errors: Record<string, string[]>): Partial<OrderBody> {
  const out: Partial<OrderBody> = {};
  const projectId = bulkInt(body, "project_id", errors, { required: true });
  if (projectId !== undefined && projectId !== null) {
    if (!projectExists(db, projectId)) errors.project_id = ["There's no project with that id"];
    else out.projectId = projectId;
  }
  out.after = bulkInt(body, "after_userstory_id", errors, { nullable: true }) ?? null;
  out.before = bulkInt(body, "before_userstory_id", errors, { nullable: true }) ?? null;
  const list = body.bulk_userstories;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) errors.bulk_userstories = ["This field is required."];
  else if (!Array.isArray(list)) errors.bulk_userstories = [`${pyRepr(list)} is not a list`];
  else {
    const ids: number[] = [];
    for (const item of list) {
      const n = typeof item === "number" ? item : typeof item === "string" && /^\s*\d+\s*$/.test(item) ? Number(item) : NaN;
      if (!Number.isSafeInteger(n) || typeof item === "boolean") {
        errors.bulk_userstories = ["Enter a whole number."];
        break;
      }
      if (n < 1) {
        errors.bulk_userstories = ["Ensure this value is greater than or equal to 1."];
        break;
      }
      ids.push(n);
    }
    if (!errors.bulk_userstories) out.storyIds = ids;
  }
  return out;
}

/** Every listed story belongs to the project, each once. */
function checkStoriesInProject(db: Db, projectId: number, ids: number[], errors: Record<string, string[]>): void {
  const unique = [...new Set(ids)];
  const found = db.prepare(`SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND id IN (${inList(unique.length)})`).get(projectId, ...unique) as { n: number };
  if (found.n !== ids.length) errors.bulk_userstories = ["Invalid user story ids. All stories must belong to the same project."];
}

function anchorOf(db: Db, field: "kanban_order" | "backlog_order" | "sprint_order", after: number | null, before: number | null): Anchor {
  if (before !== null) {
    const row = db.prepare(`SELECT ${field} AS o FROM userstories WHERE id = ?`).get(before) as { o: number };
    return { kind: "before", id: before, order: row.o };
  }
  if (after !== null) {
    const row = db.prepare(`SELECT ${field} AS o FROM userstories WHERE id = ?`).get(after) as { o: number };
    return { kind: "after", id: after, order: row.o };
  }
  return { kind: "none" };
}

/** Loads the project of an order body for writing: 404 / 401 / 403 (`modify_us`) / 451. */
function projectForOrdering(c: Ctx, projectId: number): ProjectRow {
  const db = c.var.deps.db;
  const project = loadProjectOr404(db, projectId);
  const access = accessToProject(c, project);
  if (!access.permissions.has("view_project")) {
    if (access.anonymous) throw notAuthenticated();
    throw notFound();
  }
  if (!access.permissions.has("modify_us")) throw denied(access);
  if (project.blocked_code) throw blocked();
  return project;
}

async function bulkUpdateKanbanOrder(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const errors: Record<string, string[]> = {};
  const common = readOrderBody(db, body, errors);
  const statusId = bulkInt(body, "status_id", errors, { required: true });
  const swimlaneSent = Object.prototype.hasOwnProperty.call(body, "swimlane_id") && body.swimlane_id !== undefined;
  let swimlaneId: number | null = null;
  if (swimlaneSent) {
    const v = body.swimlane_id;
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (v !== null && (!Number.isSafeInteger(n) || typeof v === "boolean")) errors.swimlane_id = ["Enter a whole number."];
    else swimlaneId = v === null ? null : n;
  }
  const projectId = common.projectId;
  if (projectId !== undefined) {
    if (statusId !== undefined && statusId !== null && !db.prepare("SELECT 1 FROM userstory_statuses WHERE id = ? AND project_id = ?").get(statusId, projectId)) {
      errors.status_id = ["Invalid user story status id. The status must belong to the same project."];
    }
    // an explicit null is looked up (and not found), as taiga does
    if (swimlaneSent && !errors.swimlane_id && !(swimlaneId !== null && db.prepare("SELECT 1 FROM swimlanes WHERE id = ? AND project_id = ?").get(swimlaneId, projectId))) {
      errors.swimlane_id = ["Invalid swimlane id. The swimlane must belong to the same project."];
    }
    const inCell = (storyId: number): boolean =>
      !!db
        .prepare(`SELECT 1 FROM userstories WHERE id = ? AND project_id = ? AND status_id IS ? AND ${swimlaneId ? "swimlane_id = ?" : "swimlane_id IS NULL"}`)
        .get(...[storyId, projectId, statusId ?? null, ...(swimlaneId ? [swimlaneId] : [])]);
    if (common.after !== null && common.after !== undefined && !inCell(common.after)) {
      errors.after_userstory_id = ["Invalid user story id to move after. The user story must belong to the same project, status and swimlane."];
    }
    if (common.after && common.before) errors.before_userstory_id = ["You can't use after and before at the same time."];
    else if (common.before !== null && common.before !== undefined && !inCell(common.before)) {
      errors.before_userstory_id = ["Invalid user story id to move before. The user story must belong to the same project, status and swimlane."];
    }
    if (common.storyIds) checkStoriesInProject(db, projectId, common.storyIds, errors);
  } else if (common.after && common.before) {
    errors.before_userstory_id = ["You can't use after and before at the same time."];
  }
  if (Object.keys(errors).length) throw validationError(errors);

  const project = projectForOrdering(c, projectId as number);
  if (project.archived_code) throw permissionDenied("Archived project");
  const user = requireUser(c);
  const moved = common.storyIds as number[];
  const status = statusId as number;

  const result = db.transaction(() => {
    const now = nowIso();
    const befores = new Map(moved.map((id) => [id, snapshotStory(db, id) ?? {}]));
    const cell = db
      .prepare(`SELECT id, kanban_order AS o FROM userstories WHERE project_id = ? AND status_id = ? AND ${swimlaneId ? "swimlane_id = ?" : "swimlane_id IS NULL"}`)
      .all(...[project.id, status, ...(swimlaneId ? [swimlaneId] : [])]) as { id: number; o: number }[];
    const assignments = renumberAroundAnchor(
      cell.map((r) => ({ id: r.id, order: r.o })),
      moved,
      anchorOf(db, "kanban_order", common.after ?? null, common.before ?? null),
    );
    const write = db.prepare("UPDATE userstories SET kanban_order = ? WHERE id = ?");
    for (const { id, order } of assignments) write.run(order, id);
    const move = db.prepare("UPDATE userstories SET status_id = ?, swimlane_id = ? WHERE id = ?");
    for (const id of moved) move.run(status, swimlaneId, id);
    for (const id of moved) {
      recalculateStoryClosed(db, id, now);
      const story = getStory(db, id) as StoryRow;
      recalculateMilestoneClosed(db, story.milestone_id);
      recordStoryChange(db, story, user, diffSnapshots(befores.get(id) ?? {}, snapshotStory(db, id) ?? {}));
    }
    return assignments.map(({ id, order }) => ({ id, swimlane: swimlaneId, status, kanban_order: order }));
  })();
  return json(c, result);
}

async function bulkUpdateBacklogOrder(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const errors: Record<string, string[]> = {};
  const common = readOrderBody(db, body, errors);
  const milestoneId = bulkInt(body, "milestone_id", errors, { nullable: true }) ?? null;
  const projectId = common.projectId;
  if (projectId !== undefined) {
    if (milestoneId && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, projectId)) {
      errors.milestone_id = ["Invalid milestone id. The milestone must belong to the same project."];
    }
    const inTarget = (storyId: number): boolean =>
      !!db
        .prepare(`SELECT 1 FROM userstories WHERE id = ? AND project_id = ? AND ${milestoneId ? "milestone_id = ?" : "milestone_id IS NULL"}`)
        .get(...[storyId, projectId, ...(milestoneId ? [milestoneId] : [])]);
    if (common.after !== null && common.after !== undefined && !inTarget(common.after)) {
      errors.after_userstory_id = ["Invalid user story id to move after. The user story must belong to the same project and milestone."];
    }
    if (common.after && common.before) errors.before_userstory_id = ["You can't use after and before at the same time."];
    else if (common.before !== null && common.before !== undefined && !inTarget(common.before)) {
      errors.before_userstory_id = ["Invalid user story id to move before. The user story must belong to the same project and milestone."];
    }
    if (common.storyIds) checkStoriesInProject(db, projectId, common.storyIds, errors);
  } else if (common.after && common.before) {
    errors.before_userstory_id = ["You can't use after and before at the same time."];
  }
  if (Object.keys(errors).length) throw validationError(errors);

  const project = projectForOrdering(c, projectId as number);
  if (milestoneId === 0) throw notFound();
  const user = requireUser(c);
  const moved = common.storyIds as number[];
  const field = milestoneId ? "sprint_order" : "backlog_order";
  const target = milestoneId || null;

  const result = db.transaction(() => {
    const now = nowIso();
    const befores = new Map(moved.map((id) => [id, snapshotStory(db, id) ?? {}]));
    const sourceMilestones = new Set(moved.map((id) => getStory(db, id)?.milestone_id ?? null));
    const cell = db
      .prepare(`SELECT id, ${field} AS o FROM userstories WHERE project_id = ? AND ${target ? "milestone_id = ?" : "milestone_id IS NULL"}`)
      .all(...[project.id, ...(target ? [target] : [])]) as { id: number; o: number }[];
    const assignments = renumberAroundAnchor(
      cell.map((r) => ({ id: r.id, order: r.o })),
      moved,
      anchorOf(db, field, common.after ?? null, common.before ?? null),
    );
    const write = db.prepare(`UPDATE userstories SET ${field} = ? WHERE id = ?`);
    for (const { id, order } of assignments) write.run(order, id);
    for (const id of moved) {
      db.prepare("UPDATE userstories SET milestone_id = ? WHERE id = ?").run(target, id);
      const taskBefore = db.prepare("SELECT id, milestone_id FROM tasks WHERE user_story_id = ?").all(id) as { id: number; milestone_id: number | null }[];
      db.prepare("UPDATE tasks SET milestone_id = ? WHERE user_story_id = ?").run(target, id);
      for (const t of taskBefore) {
        if (t.milestone_id !== target) {
          recordHistory(db, { projectId: project.id, contentType: "task", objectId: t.id, type: 1, user, diff: { milestone: [t.milestone_id, target] } });
        }
      }
    }
    for (const id of moved) {
      recordStoryChange(db, getStory(db, id) as StoryRow, user, diffSnapshots(befores.get(id) ?? {}, snapshotStory(db, id) ?? {}));
    }
    for (const m of [...sourceMilestones, target]) recalculateMilestoneClosed(db, m);
    void now;
    return assignments.map(({ id, order }) => ({ id, milestone: target, [field]: order }));
  })();
  return json(c, result);
}

/**
 * `POST /userstories/bulk_update_milestone` `{project_id, milestone_id, bulk_stories: [{us_id, order}]}`:
 * the stories (and their tasks) go into the sprint at the requested `sprint_order`s, the sprint's other
 * stories renumbered with the legacy algorithm (bulk-ordering.md §5). 204. As in Taiga the sprints'
 * `closed` flags are not recomputed here (raw writes there); unlike Taiga a blocked project answers 451.
 */
async function bulkUpdateMilestone(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const errors: Record<string, unknown> = {};
  const fieldErrors: Record<string, string[]> = {};
  const projectId = bulkInt(body, "project_id", fieldErrors, { required: true });
  const milestoneId = bulkInt(body, "milestone_id", fieldErrors, { required: true });
  Object.assign(errors, fieldErrors);
  const entries = readBulkEntries(body, "bulk_stories", "us_id", true, errors);
  if (projectId !== undefined && projectId !== null && !projectExists(db, projectId)) errors.project_id = ["There's no project with that id"];
  const projectOk = projectId !== undefined && projectId !== null && !errors.project_id;
  if (projectOk && milestoneId !== undefined && milestoneId !== null && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, projectId)) {
    errors.milestone_id = ["The milestone isn't valid for the project"];
  }
  if (projectOk && entries && entries.length) {
    const ids = [...new Set(entries.map((e) => e.id))];
    const found = db.prepare(`SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND id IN (${inList(ids.length)})`).get(projectId, ...ids) as { n: number };
    if (found.n !== entries.length) errors.bulk_stories = ["All the user stories must be from the same project"];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const project = loadProjectOr404(db, projectId as number);
  const access = accessToProject(c, project);
  if (!access.permissions.has("view_project")) throw c.var.user ? notFound() : notAuthenticated();
  if (!access.permissions.has("modify_us")) throw denied(access);
  if (project.blocked_code) throw blocked();
  const user = requireUser(c);
  db.transaction(() => moveStoriesToSprint(db, milestoneId as number, entries as BulkEntry[], user, { save: false }))();
  return new Response(null, { status: 204 });
}

/* ================================================================== routes ================================================================== */

export function registerUserstories(routes: Routes): void {
  routes.add("/userstories", {
    GET: (c) => listStories(c),
    POST: (c) => createStory(c),
  });
  routes.add("/userstories/by_ref", { GET: (c) => byRef(c) });
  routes.add("/userstories/filters_data", { GET: (c) => filtersData(c) });
  routes.add("/userstories/bulk_create", { POST: (c) => bulkCreate(c) });
  routes.add("/userstories/bulk_update_kanban_order", { POST: (c) => bulkUpdateKanbanOrder(c) });
  routes.add("/userstories/bulk_update_backlog_order", { POST: (c) => bulkUpdateBacklogOrder(c) });
  routes.add("/userstories/bulk_update_milestone", { POST: (c) => bulkUpdateMilestone(c) });
  routes.add("/userstories/:id", {
    GET: (c) => {
      const { story } = loadReadableStory(c, idParam(c));
      return detailResponse(c, story);
    },
    PUT: (c) => updateStory(c, "put"),
    PATCH: (c) => updateStory(c, "patch"),
    DELETE: (c) => deleteStory(c),
  });
}

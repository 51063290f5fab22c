/**
 * Tasks and issues ("work items"): row types, the JSON shapes of taiga-back's task and issue serializers,
 * list filters, the history snapshot used for diffs, and the small write helpers both resources share
 * (tags, watchers, history entries). The routes live in `server/resources/tasks.ts` and `issues.ts`.
 */
import type { Db } from "../db";
import type { Ctx } from "../http/context";
import { badRequest } from "../http/errors";
import { boolQuery, idListQuery, intQuery } from "../http/params";
import { formatDateTime } from "./dates";
import { HISTORY_TYPE, recordHistory } from "./history";
import { type Access, projectAccess } from "./permissions";
import { stringList, tagsColorsObject } from "./projects";
import { rowMatcher, type SearchableRow } from "./textsearch";
import { diffDescriber, dueDateStatus, groupBy, parseJson, placeholders, renderMarkdown } from "./userstories";
import { userExtraInfo, type UserRow } from "./users";

export type ItemKind = "task" | "issue";
export type Json = Record<string, unknown>;

export interface ItemRow {
  id: number;
  project_id: number;
  ref: number;
  subject: string;
  description: string;
  status_id: number | null;
  milestone_id: number | null;
  owner_id: number | null;
  assigned_to_id: number | null;
  tags: string;
  is_closed: number;
  is_blocked: number;
  blocked_note: string;
  due_date: string | null;
  due_date_reason: string;
  external_reference: string | null;
  version: number;
  created_date: string;
  modified_date: string;
  finished_date: string | null;
  // tasks
  user_story_id?: number | null;
  us_order?: number;
  taskboard_order?: number;
  is_iocaine?: number;
  // issues
  type_id?: number | null;
  priority_id?: number | null;
  severity_id?: number | null;
}

/** Static description of one kind: tables, permissions, messages. */
export interface KindSpec {
  kind: ItemKind;
  /** table of the items */
  table: "tasks" | "issues";
  /** URL segment: `/tasks` */
  path: "tasks" | "issues";
  statusTable: "task_statuses" | "issue_statuses";
  /** "No Task matches the given query." */
  notFoundMessage: string;
  /** `view_tasks` ... */
  perms: { view: string; add: string; modify: string; comment: string; delete: string };
  /** the word used in Taiga's cross-project messages ("... to this task.") */
  noun: string;
}

export const TASK_SPEC: KindSpec = {
  kind: "task",
  table: "tasks",
  path: "tasks",
  statusTable: "task_statuses",
  notFoundMessage: "No Task matches the given query.",
  perms: { view: "view_tasks", add: "add_task", modify: "modify_task", comment: "comment_task", delete: "delete_task" },
  noun: "task",
};

export const ISSUE_SPEC: KindSpec = {
  kind: "issue",
  table: "issues",
  path: "issues",
  statusTable: "issue_statuses",
  notFoundMessage: "No Issue matches the given query.",
  perms: { view: "view_issues", add: "add_issue", modify: "modify_issue", comment: "comment_issue", delete: "delete_issue" },
  noun: "issue",
};

export { placeholders };

export function getItem(db: Db, spec: KindSpec, id: number): ItemRow | undefined {
  return db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`).get(id) as ItemRow | undefined;
}

/* ------------------------------------------------------------------ serializer ------------------------------------------------------------------ */

export interface ItemSerializeOptions {
  /** detail shape: adds comment, generated_user_stories, blocked_note_html, description(_html) */
  detail?: boolean;
  includeAttachments?: boolean;
}

const byIds = <T extends { id: number }>(db: Db, sql: (inList: string) => string, ids: Iterable<number>): Map<number, T> => {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  return new Map((db.prepare(sql(placeholders(list.length))).all(...list) as T[]).map((r) => [r.id, r]));
};

/** Serializes tasks or issues (list shape, or detail shape), batching every lookup. */
export function serializeItems(db: Db, spec: KindSpec, rows: ItemRow[], viewer: UserRow | null, opts: ItemSerializeOptions = {}): Json[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idIn = placeholders(ids.length);
  const ct = spec.kind;
  const nonNull = (xs: (number | null | undefined)[]): number[] => xs.filter((x): x is number => x !== null && x !== undefined);

  const projects = byIds<{ id: number; name: string; slug: string; logo: string | null; tags_colors: string }>(
    db,
    (i) => `SELECT id, name, slug, logo, tags_colors FROM projects WHERE id IN (${i})`,
    rows.map((r) => r.project_id),
  );
  const colorsByProject = new Map([...projects.values()].map((p) => [p.id, tagsColorsObject(p.tags_colors)]));
  const statuses = byIds<{ id: number; name: string; color: string; is_closed: number }>(
    db,
    (i) => `SELECT id, name, color, is_closed FROM ${spec.statusTable} WHERE id IN (${i})`,
    nonNull(rows.map((r) => r.status_id)),
  );
  const milestones = byIds<{ id: number; slug: string }>(db, (i) => `SELECT id, slug FROM milestones WHERE id IN (${i})`, nonNull(rows.map((r) => r.milestone_id)));
  const users = byIds<UserRow>(db, (i) => `SELECT * FROM users WHERE id IN (${i})`, nonNull(rows.flatMap((r) => [r.owner_id, r.assigned_to_id])));
  const watchers = groupBy(
    db.prepare(`SELECT object_id, user_id FROM watchers WHERE content_type = ? AND object_id IN (${idIn}) ORDER BY created_date, user_id`).all(ct, ...ids) as {
      object_id: number;
      user_id: number;
    }[],
    (r) => r.object_id,
  );
  const votes = groupBy(
    db.prepare(`SELECT object_id, user_id FROM votes WHERE content_type = ? AND object_id IN (${idIn})`).all(ct, ...ids) as { object_id: number; user_id: number }[],
    (r) => r.object_id,
  );
  const comments = new Map(
    (db
      .prepare(
        `SELECT object_id, COUNT(*) AS n FROM history_entries WHERE content_type = ? AND object_id IN (${idIn})
           AND comment <> '' AND delete_comment_date IS NULL GROUP BY object_id`,
      )
      .all(ct, ...ids) as { object_id: number; n: number }[]).map((r) => [r.object_id, r.n]),
  );
  const attachments = opts.includeAttachments
    ? groupBy(
        db
          .prepare(`SELECT id, object_id, attached_file FROM attachments WHERE content_type = ? AND object_id IN (${idIn}) AND is_deprecated = 0 ORDER BY "order", id`)
          .all(ct, ...ids) as { id: number; object_id: number; attached_file: string }[],
        (r) => r.object_id,
      )
    : new Map<number, { id: number; attached_file: string }[]>();

  // tasks: the parent story with its epics
  const stories = byIds<{ id: number; ref: number; subject: string }>(
    db,
    (i) => `SELECT id, ref, subject FROM userstories WHERE id IN (${i})`,
    nonNull(rows.map((r) => r.user_story_id)),
  );
  const storyEpics = groupBy(
    stories.size
      ? (db
          .prepare(
            `SELECT l.userstory_id, e.id, e.ref, e.subject, e.color, p.id AS project_id, p.name AS project_name, p.slug AS project_slug
               FROM epic_related_userstories l JOIN epics e ON e.id = l.epic_id JOIN projects p ON p.id = e.project_id
              WHERE l.userstory_id IN (${placeholders(stories.size)}) ORDER BY p.name, e.ref`,
          )
          .all(...stories.keys()) as { userstory_id: number; id: number; ref: number; subject: string; color: string; project_id: number; project_name: string; project_slug: string }[])
      : [],
    (r) => r.userstory_id,
  );
  const generated = opts.detail
    ? groupBy(
        db
          .prepare(`SELECT id, ref, subject, ${ct === "task" ? "generated_from_task_id" : "generated_from_issue_id"} AS origin FROM userstories WHERE ${ct === "task" ? "generated_from_task_id" : "generated_from_issue_id"} IN (${idIn}) ORDER BY id`)
          .all(...ids) as { id: number; ref: number; subject: string; origin: number }[],
        (r) => r.origin,
      )
    : new Map<number, { id: number; ref: number; subject: string }[]>();

  return rows.map((r) => {
    const project = projects.get(r.project_id);
    const colors = colorsByProject.get(r.project_id) ?? {};
    const status = r.status_id !== null ? statuses.get(r.status_id) : undefined;
    const itemWatchers = (watchers.get(r.id) ?? []).map((w) => w.user_id);
    const itemVoters = (votes.get(r.id) ?? []).map((v) => v.user_id);
    const files = attachments.get(r.id) ?? [];
    const head: Json = {};
    const common: Json = {
      due_date: r.due_date,
      due_date_reason: r.due_date_reason,
      due_date_status: dueDateStatus(r.due_date, r.is_closed === 1),
    };
    if (spec.kind === "task") {
      Object.assign(head, common, { total_comments: comments.get(r.id) ?? 0, tags: stringList(r.tags).map((t) => [t, colors[t] ?? null]) });
    } else {
      Object.assign(head, { tags: stringList(r.tags).map((t) => [t, colors[t] ?? null]) }, common);
    }
    const out: Json = {
      ...head,
      attachments: files.map((a) => ({ id: a.id, attached_file: a.attached_file, thumbnail_card_url: null })),
      project: r.project_id,
      project_extra_info: project ? { name: project.name, slug: project.slug, logo_small_url: project.logo, id: project.id } : null,
      status: r.status_id,
      status_extra_info: status ? { name: status.name, color: status.color, is_closed: status.is_closed === 1 } : null,
      assigned_to: r.assigned_to_id,
      assigned_to_extra_info: r.assigned_to_id !== null ? userExtraInfo(users.get(r.assigned_to_id)) : null,
      owner: r.owner_id,
      owner_extra_info: r.owner_id !== null ? userExtraInfo(users.get(r.owner_id)) : null,
      is_watcher: viewer !== null && itemWatchers.includes(viewer.id),
      total_watchers: itemWatchers.length,
      is_voter: viewer !== null && itemVoters.includes(viewer.id),
      total_voters: itemVoters.length,
      id: r.id,
    };
    if (spec.kind === "task") {
      const milestone = r.milestone_id !== null ? milestones.get(r.milestone_id) : undefined;
      Object.assign(out, {
        user_story: r.user_story_id ?? null,
        ref: r.ref,
        milestone: r.milestone_id,
        milestone_slug: milestone?.slug ?? null,
      });
    } else {
      Object.assign(out, { ref: r.ref, severity: r.severity_id ?? null, priority: r.priority_id ?? null, type: r.type_id ?? null, milestone: r.milestone_id });
    }
    Object.assign(out, {
      created_date: formatDateTime(r.created_date),
      modified_date: formatDateTime(r.modified_date),
      finished_date: formatDateTime(r.finished_date),
      subject: r.subject,
    });
    if (spec.kind === "task") {
      Object.assign(out, { us_order: r.us_order ?? 0, taskboard_order: r.taskboard_order ?? 0, is_iocaine: r.is_iocaine === 1 });
    }
    Object.assign(out, {
      external_reference: parseJson(r.external_reference),
      version: r.version,
      watchers: itemWatchers,
      is_blocked: r.is_blocked === 1,
      blocked_note: r.blocked_note,
      is_closed: r.is_closed === 1,
    });
    if (spec.kind === "task") {
      const story = r.user_story_id ? stories.get(r.user_story_id) : undefined;
      const epics = story ? storyEpics.get(story.id) : undefined;
      out.user_story_extra_info = story
        ? {
            id: story.id,
            ref: story.ref,
            subject: story.subject,
            epics: epics
              ? epics.map((e) => ({ id: e.id, ref: e.ref, subject: e.subject, color: e.color, project: { id: e.project_id, name: e.project_name, slug: e.project_slug } }))
              : null,
          }
        : null;
    }
    if (opts.detail) {
      const gen = generated.get(r.id);
      Object.assign(out, {
        comment: "",
        generated_user_stories: gen ? gen.map((g) => ({ id: g.id, ref: g.ref, subject: g.subject })) : null,
        blocked_note_html: renderMarkdown(r.blocked_note),
        description: r.description,
        description_html: renderMarkdown(r.description),
      });
    }
    return out;
  });
}

/* ------------------------------------------------------------------ list filters ------------------------------------------------------------------ */

export interface SqlFilter {
  where: string[];
  params: unknown[];
}

/**
 * A filter backend of taiga-back's list (filters_data leaves one out per facet, with both its include
 * and its `exclude_` parameter).
 */
export type Facet = "status" | "assigned_to" | "owner" | "tags" | "role" | "type" | "priority" | "severity";

/** Projects where the caller holds `perm` (lists without a project show only those). */
export function projectsWithPermission(db: Db, user: UserRow | null, perm: string): number[] {
  const projects = db.prepare("SELECT id, owner_id, is_private, anon_permissions, public_permissions, blocked_code FROM projects").all() as Parameters<typeof projectAccess>[2][];
  return projects.filter((p) => projectAccess(db, user, p).permissions.has(perm)).map((p) => p.id);
}

/**
 * `(col IN (ids) OR col IS NULL)` for `?facet=1,2,null`. Negated the way Django negates it: a row whose
 * column is NULL stays when only ids are excluded (`exclude_assigned_to=3` keeps unassigned items).
 */
function idListCondition(column: string, list: { ids: number[]; includeNull: boolean }, params: unknown[]): string | null {
  const ids = [...new Set(list.ids)];
  const parts: string[] = [];
  if (ids.length) {
    parts.push(`COALESCE(${column} IN (${placeholders(ids.length)}), 0)`);
    params.push(...ids);
  }
  if (list.includeNull) parts.push(`${column} IS NULL`);
  return parts.length ? `(${parts.join(" OR ")})` : null;
}

/** BaseRelatedFieldsFilter: `?status=1,2,null` and `?exclude_status=...` on one column (epics use it too). */
export function relatedFilter(c: Ctx, f: SqlFilter, facet: Facet, column: string): void {
  for (const [param, negate] of [[facet, false], [`exclude_${facet}`, true]] as const) {
    const list = idListQuery(c, param);
    if (!list) continue;
    const cond = idListCondition(column, list, f.params);
    if (cond) f.where.push(negate ? `NOT ${cond}` : cond);
  }
}

/** TagsFilter: items with any of the tags (exact, case-sensitive, as sent), or without any of them. */
export function tagsFilter(c: Ctx, f: SqlFilter): void {
  for (const [param, negate] of [["tags", false], ["exclude_tags", true]] as const) {
    const raw = c.req.query(param);
    if (!raw) continue;
    const tags = raw.split(",");
    f.where.push(`${negate ? "NOT " : ""}EXISTS (SELECT 1 FROM json_each(i.tags) tj WHERE tj.value IN (${placeholders(tags.length)}))`);
    f.params.push(...tags);
  }
}

/**
 * RoleFilter: items assigned to a user holding one of the roles. When no membership has those roles
 * taiga-back applies no filter at all, for `role` as for `exclude_role`.
 */
function roleFilter(c: Ctx, f: SqlFilter): void {
  const db = c.var.deps.db;
  for (const [param, negate] of [["role", false], ["exclude_role", true]] as const) {
    const list = idListQuery(c, param);
    if (!list) continue;
    const params: unknown[] = [];
    const cond = idListCondition("role_id", list, params);
    if (!cond) continue;
    const users = (db.prepare(`SELECT DISTINCT user_id FROM memberships WHERE user_id IS NOT NULL AND ${cond}`).all(...params) as { user_id: number }[]).map((m) => m.user_id);
    if (users.length === 0) continue;
    const assigned = idListCondition("i.assigned_to_id", { ids: users, includeNull: false }, f.params) as string;
    f.where.push(negate ? `NOT ${assigned}` : assigned);
  }
}

/** `?milestone=5`, `?milestone=null` (QueryParamsFilterMixin): anything else is "Error in filter params types.". */
function exactIdFilter(c: Ctx, f: SqlFilter, param: string, column: string): void {
  const raw = c.req.query(param);
  if (raw === undefined) return;
  if (raw === "null") f.where.push(`${column} IS NULL`);
  else if (/^\s*\d{1,15}\s*$/.test(raw)) {
    f.where.push(`${column} = ?`);
    f.params.push(Number(raw));
  } else throw badRequest("Error in filter params types.");
}

const DATE_FIELDS = ["created_date", "modified_date", "finished_date"];
const DATE_OPS: Record<string, string> = { "": "=", __gt: ">", __gte: ">=", __lt: "<", __lte: "<=" };

/**
 * WHERE conditions of `GET /tasks` / `GET /issues` from the query string (table alias `i`), the caller's
 * visibility included. `skip` leaves out one facet's filter backend (filters_data).
 */
export function buildItemFilter(c: Ctx, spec: KindSpec, skip?: Facet): SqlFilter {
  const db = c.var.deps.db;
  const f: SqlFilter = { where: [], params: [] };
  const visible = projectsWithPermission(db, c.var.user, spec.perms.view);
  f.where.push(visible.length ? `i.project_id IN (${placeholders(visible.length)})` : "0 = 1");
  f.params.push(...visible);

  const project = intQuery(c, "project");
  if (project !== undefined) {
    f.where.push("i.project_id = ?");
    f.params.push(project);
  }
  const slug = c.req.query("project__slug");
  if (slug !== undefined) {
    f.where.push("i.project_id = (SELECT id FROM projects WHERE slug = ?)");
    f.params.push(slug);
  }
  exactIdFilter(c, f, "milestone", "i.milestone_id");
  if (spec.kind === "task") exactIdFilter(c, f, "user_story", "i.user_story_id");
  const closedRaw = c.req.query("status__is_closed");
  if (closedRaw === "null") f.where.push("0 = 1");
  else {
    const closed = boolQuery(c, "status__is_closed");
    if (closed !== undefined) f.where.push(`EXISTS (SELECT 1 FROM ${spec.statusTable} fs WHERE fs.id = i.status_id AND fs.is_closed = ${closed ? 1 : 0})`);
  }

  const facets: [Facet, string][] = [
    ["status", "i.status_id"],
    ["assigned_to", "i.assigned_to_id"],
    ["owner", "i.owner_id"],
  ];
  if (spec.kind === "issue") facets.push(["type", "i.type_id"], ["priority", "i.priority_id"], ["severity", "i.severity_id"]);
  for (const [facet, column] of facets) if (facet !== skip) relatedFilter(c, f, facet, column);
  if (skip !== "tags") tagsFilter(c, f);
  if (skip !== "role") roleFilter(c, f);

  const watchersRaw = c.req.query("watchers");
  if (watchersRaw) {
    const ids = watchersRaw.split(",").map((w) => w.trim());
    if (!ids.every((w) => /^\d{1,15}$/.test(w))) throw badRequest("Error in filter params types.");
    f.where.push(`EXISTS (SELECT 1 FROM watchers fw WHERE fw.content_type = ? AND fw.object_id = i.id AND fw.user_id IN (${placeholders(ids.length)}))`);
    f.params.push(spec.kind, ...ids.map(Number));
  }

  dateFilters(c, f, DATE_FIELDS);
  const q = c.req.query("q");
  if (q) {
    f.where.push("i.id IN (SELECT value FROM json_each(?))");
    f.params.push(JSON.stringify(textMatches(c, spec, q, visible)));
  }
  return f;
}

/** `?created_date__gte=...` and the like (bare, `__gt`, `__gte`, `__lt`, `__lte`) on date columns of alias `i`. */
export function dateFilters(c: Ctx, f: SqlFilter, fields: readonly string[]): void {
  for (const field of fields) {
    for (const [suffix, op] of Object.entries(DATE_OPS)) {
      const raw = c.req.query(`${field}${suffix}`);
      if (raw === undefined) continue;
      const value = raw.trim();
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(d.getTime())) throw badRequest("Error in filter params types.");
      f.where.push(`i.${field} ${op} ?`);
      f.params.push(d.toISOString());
    }
  }
}

/** Ids of the visible items matching `q`, computed once per request (filters_data builds eight lists). */
const matchesByRequest = new WeakMap<Ctx, Map<string, number[]>>();
function textMatches(c: Ctx, spec: KindSpec, q: string, visible: number[]): number[] {
  const memo = matchesByRequest.get(c) ?? new Map<string, number[]>();
  matchesByRequest.set(c, memo);
  const hit = memo.get(spec.table);
  if (hit) return hit;
  const db = c.var.deps.db;
  const project = intQuery(c, "project");
  const scope = project !== undefined ? [project] : visible;
  const matches = rowMatcher(q);
  const ids = scope.length
    ? (db.prepare(`SELECT id, subject, tags, ref, description FROM ${spec.table} WHERE project_id IN (${placeholders(scope.length)})`).all(...scope) as ({ id: number } & SearchableRow)[])
        .filter(matches)
        .map((r) => r.id)
    : [];
  memo.set(spec.table, ids);
  return ids;
}

/* ------------------------------------------------------------------ list order ------------------------------------------------------------------ */

/** Joins the ORDER BY terms may use (all LEFT, one row per item). */
const ORDER_JOINS = (spec: KindSpec): string =>
  `LEFT JOIN projects o_p ON o_p.id = i.project_id
   LEFT JOIN ${spec.statusTable} o_st ON o_st.id = i.status_id
   LEFT JOIN users o_ow ON o_ow.id = i.owner_id
   LEFT JOIN users o_as ON o_as.id = i.assigned_to_id
   LEFT JOIN milestones o_m ON o_m.id = i.milestone_id
   LEFT JOIN projects o_mp ON o_mp.id = o_m.project_id` +
  (spec.kind === "issue"
    ? `
   LEFT JOIN issue_types o_ty ON o_ty.id = i.type_id
   LEFT JOIN priorities o_pr ON o_pr.id = i.priority_id
   LEFT JOIN severities o_sv ON o_sv.id = i.severity_id`
    : "");

/**
 * The columns `order_by` accepts per kind, as the expressions Django orders by. Ordering by a relation
 * follows the related model's own ordering: a status/type/priority/severity by (project, order, name),
 * a project by (name, id), a milestone by (project, created_date); owner/assigned_to by full name.
 */
function orderColumns(spec: KindSpec): Record<string, string[]> {
  // a value always belongs to its item's project, so the value's project is the item's (o_p)
  const value = (alias: string): string[] => [`CASE WHEN ${alias}.id IS NULL THEN NULL ELSE o_p.name END`, `${alias}.project_id`, `${alias}."order"`, `${alias}.name`];
  const common: Record<string, string[]> = {
    project: ["o_p.name", "o_p.id"],
    milestone: ["o_mp.name", "o_mp.id", "o_m.created_date"],
    status: value("o_st"),
    created_date: ["i.created_date"],
    modified_date: ["i.modified_date"],
    assigned_to: ["o_as.full_name"],
    subject: ["i.subject"],
    total_voters: [`(SELECT COUNT(*) FROM votes WHERE content_type = '${spec.kind}' AND object_id = i.id)`],
  };
  if (spec.kind === "task") return { ...common, us_order: ["i.us_order"] };
  return { ...common, type: value("o_ty"), severity: value("o_sv"), priority: value("o_pr"), owner: ["o_ow.full_name"], ref: ["i.ref"] };
}

/**
 * ORDER BY of the lists: a whitelisted `order_by` (then `-id` for ties) or the model order (issues:
 * project, -id; tasks: project, created_date, ref). An unknown field is ignored. NULLs sort as in
 * PostgreSQL: last ascending, first descending; text compares by code point (the "C" collation).
 */
export function itemOrderSql(c: Ctx, spec: KindSpec): string {
  const raw = c.req.query("order_by");
  if (raw) {
    const desc = raw.startsWith("-");
    const columns = orderColumns(spec)[desc ? raw.slice(1) : raw];
    if (columns) return [...columns.map((col) => (desc ? `${col} IS NULL DESC, ${col} DESC` : `${col} IS NULL, ${col}`)), "i.id DESC"].join(", ");
  }
  return spec.kind === "task" ? "o_p.name, o_p.id, i.created_date, i.ref" : "o_p.name, o_p.id, i.id DESC";
}

/** The WHERE condition of a list (items aliased `i`) and its parameters; `extra` adds conditions, `skip` drops a facet. */
export function itemListWhere(c: Ctx, spec: KindSpec, extra?: (f: SqlFilter) => void, skip?: Facet): { where: string; params: unknown[] } {
  const f = buildItemFilter(c, spec, skip);
  extra?.(f);
  return { where: f.where.join(" AND "), params: f.params };
}

/** How many items match the query string. */
export function countItems(c: Ctx, spec: KindSpec): number {
  const { where, params } = itemListWhere(c, spec);
  return (c.var.deps.db.prepare(`SELECT COUNT(*) AS n FROM ${spec.table} i WHERE ${where}`).get(...params) as { n: number }).n;
}

/**
 * Items matching the query string, in list order; `limit` < 0 means all. Sorts ids only (a small
 * sorter) and then reads the rows of the page.
 */
export function queryItems(c: Ctx, spec: KindSpec, extra?: (f: SqlFilter) => void, skip?: Facet, limit = -1, offset = 0): ItemRow[] {
  const db = c.var.deps.db;
  const f = buildItemFilter(c, spec, skip);
  extra?.(f);
  const page = limit >= 0 ? ` LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}` : "";
  const ids = (db.prepare(`SELECT i.id FROM ${spec.table} i ${ORDER_JOINS(spec)} WHERE ${f.where.join(" AND ")} ORDER BY ${itemOrderSql(c, spec)}${page}`).all(...f.params) as { id: number }[]).map(
    (r) => r.id,
  );
  if (ids.length === 0) return [];
  const byId = new Map((db.prepare(`SELECT * FROM ${spec.table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ItemRow[]).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ItemRow => r !== undefined);
}

/* ------------------------------------------------------------------ history ------------------------------------------------------------------ */

export type Snapshot = Record<string, unknown>;

/** The frozen item used for history diffs (taiga's task/issue freezers), with the diff key names. */
export function snapshotItem(db: Db, spec: KindSpec, id: number): Snapshot | undefined {
  const r = getItem(db, spec, id);
  if (!r) return undefined;
  const base: Snapshot = { ref: r.ref, owner: r.owner_id, status: r.status_id };
  if (spec.kind === "issue") Object.assign(base, { priority: r.priority_id ?? null, severity: r.severity_id ?? null, type: r.type_id ?? null });
  Object.assign(base, {
    milestone: r.milestone_id,
    subject: r.subject,
    description: r.description,
    description_html: renderMarkdown(r.description),
    assigned_to: r.assigned_to_id,
  });
  if (spec.kind === "task") Object.assign(base, { taskboard_order: r.taskboard_order, us_order: r.us_order });
  base.tags = stringList(r.tags);
  if (spec.kind === "task") Object.assign(base, { user_story: r.user_story_id ?? null, is_iocaine: r.is_iocaine === 1 });
  Object.assign(base, {
    is_blocked: r.is_blocked === 1,
    blocked_note: r.blocked_note,
    blocked_note_html: renderMarkdown(r.blocked_note),
    due_date: r.due_date,
  });
  return base;
}

export function diffItemSnapshots(before: Snapshot, after: Snapshot): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = [before[key] ?? null, after[key] ?? null];
  }
  return diff;
}

/** `values` and `values_diff` of a task/issue history entry (ids resolved to names). */
export function describeItemDiff(db: Db, spec: KindSpec, diff: Record<string, [unknown, unknown]>): { values: Json; valuesDiff: Json } {
  const { values, valuesDiff, userName, describeNamed, describePlain } = diffDescriber(db);
  const named: Record<string, string> = { status: spec.statusTable, milestone: "milestones", priority: "priorities", severity: "severities", type: "issue_types" };
  for (const [key, [oldValue, newValue]] of Object.entries(diff)) {
    if (key in named) {
      describeNamed(key, named[key] as string, oldValue, newValue);
    } else if (key === "owner" || key === "assigned_to") {
      valuesDiff[key] = [userName(oldValue), userName(newValue)];
    } else if (key === "user_story") {
      const label = (id: unknown): string | null => {
        if (typeof id !== "number") return null;
        const s = db.prepare("SELECT ref, subject FROM userstories WHERE id = ?").get(id) as { ref: number; subject: string } | undefined;
        return s ? `#${s.ref} ${s.subject}` : null;
      };
      valuesDiff[key] = [label(oldValue), label(newValue)];
    } else {
      describePlain(key, oldValue, newValue);
    }
  }
  return { values, valuesDiff };
}

/** Writes a change entry (nothing when the diff is empty and there is no comment). */
export function recordItemChange(db: Db, spec: KindSpec, item: ItemRow, user: UserRow, diff: Record<string, [unknown, unknown]>, comment = ""): void {
  if (Object.keys(diff).length === 0 && comment === "") return;
  const { values, valuesDiff } = describeItemDiff(db, spec, diff);
  recordHistory(db, {
    projectId: item.project_id,
    contentType: spec.kind,
    objectId: item.id,
    type: HISTORY_TYPE.change,
    user,
    diff,
    values,
    valuesDiff,
    comment,
    commentHtml: comment ? renderMarkdown(comment) : "",
  });
}

/** Diff keys of an object's newest history entries, newest first (the OCC window of checkOcc). */
export function recentChangedKeys(db: Db, contentType: string, objectId: number, limit: number): string[][] {
  const rows = db
    .prepare("SELECT diff FROM history_entries WHERE content_type = ? AND object_id = ? ORDER BY seq DESC LIMIT ?")
    .all(contentType, objectId, Math.max(0, limit)) as { diff: string }[];
  return rows.map((r) => {
    const d = parseJson(r.diff);
    return d && typeof d === "object" && !Array.isArray(d) ? Object.keys(d) : [];
  });
}

/* ------------------------------------------------------------------ tags and watchers ------------------------------------------------------------------ */

export function addWatcher(db: Db, contentType: string, objectId: number, userId: number, now: string): void {
  db.prepare("INSERT OR IGNORE INTO watchers (content_type, object_id, user_id, created_date) VALUES (?, ?, ?, ?)").run(contentType, objectId, userId, now);
}

export function setWatchers(db: Db, contentType: string, objectId: number, users: number[], now: string): void {
  db.prepare("DELETE FROM watchers WHERE content_type = ? AND object_id = ? AND user_id NOT IN (SELECT value FROM json_each(?))").run(contentType, objectId, JSON.stringify(users));
  for (const u of users) addWatcher(db, contentType, objectId, u, now);
}

/** Access of the caller to an item's project. */
export function itemAccess(c: Ctx, projectId: number): Access | undefined {
  const db = c.var.deps.db;
  const project = db.prepare("SELECT id, owner_id, is_private, anon_permissions, public_permissions, blocked_code FROM projects WHERE id = ?").get(projectId) as
    | Parameters<typeof projectAccess>[2]
    | undefined;
  return project ? projectAccess(db, c.var.user, project) : undefined;
}

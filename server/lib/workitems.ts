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

/** A facet of filters_data: that facet's own filter is left out when counting it. */
export type Facet = "status" | "assigned_to" | "owner" | "tags" | "role" | "type" | "priority" | "severity";

/** Projects where the caller holds `perm` (lists without a project show only those). */
export function projectsWithPermission(db: Db, user: UserRow | null, perm: string): number[] {
  const projects = db.prepare("SELECT id, owner_id, is_private, anon_permissions, public_permissions, blocked_code FROM projects").all() as Parameters<typeof projectAccess>[2][];
  return projects.filter((p) => projectAccess(db, user, p).permissions.has(perm)).map((p) => p.id);
}

/** `?status=1,2,null` style filter on one column (`exclude_*` negates it). */
export function idColumnFilter(c: Ctx, f: SqlFilter, param: string, column: string, exclude: boolean): void {
  const list = idListQuery(c, param);
  if (!list) return;
  const parts: string[] = [];
  if (list.ids.length) {
    parts.push(`${column} IN (${placeholders(list.ids.length)})`);
    f.params.push(...list.ids);
  }
  if (list.includeNull) parts.push(`${column} IS NULL`);
  if (parts.length === 0) return;
  const any = `(${parts.join(" OR ")})`;
  f.where.push(exclude ? `NOT ${any}` : any);
}

/** `?tags=a,b` (any of them) on the `tags` JSON column of alias `i`; `exclude_tags` negates it. */
export function tagsFilter(c: Ctx, f: SqlFilter, param: string, exclude: boolean): void {
  const raw = c.req.query(param);
  if (!raw) return;
  const tags = raw.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (!tags.length) return;
  const cond = `EXISTS (SELECT 1 FROM json_each(i.tags) WHERE json_each.value IN (${placeholders(tags.length)}))`;
  f.where.push(exclude ? `NOT ${cond}` : cond);
  f.params.push(...tags);
}

function roleFilter(c: Ctx, f: SqlFilter, param: string, exclude: boolean): void {
  const list = idListQuery(c, param);
  if (!list || !list.ids.length) return;
  const cond = `EXISTS (SELECT 1 FROM memberships rm WHERE rm.project_id = i.project_id AND rm.user_id = i.assigned_to_id AND rm.role_id IN (${placeholders(list.ids.length)}))`;
  f.where.push(exclude ? `NOT ${cond}` : cond);
  f.params.push(...list.ids);
}

const DATE_FIELDS = ["created_date", "modified_date", "finished_date"];
const DATE_OPS: Record<string, string> = { "": "=", __gt: ">", __gte: ">=", __lt: "<", __lte: "<=" };

/** `?created_date__gte=...` style filters (bare, `__gt`, `__gte`, `__lt`, `__lte`) on columns of alias `i`. */
export function dateFilters(c: Ctx, f: SqlFilter, fields: readonly string[]): void {
  for (const field of fields) {
    for (const [suffix, op] of Object.entries(DATE_OPS)) {
      const raw = c.req.query(`${field}${suffix}`);
      if (!raw) continue;
      const d = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
      if (Number.isNaN(d.getTime())) throw badRequest("Error in filter params types.");
      f.where.push(`i.${field} ${op} ?`);
      f.params.push(d.toISOString());
    }
  }
}

/**
 * WHERE conditions of `GET /tasks` / `GET /issues` from the query string (table alias `i`), the caller's
 * visibility included. `skip` leaves out one facet's own filter (filters_data).
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
  if (slug) {
    f.where.push("i.project_id = (SELECT id FROM projects WHERE slug = ?)");
    f.params.push(slug);
  }
  for (const [param, column] of [
    ["milestone", "i.milestone_id"],
    ...(spec.kind === "task" ? [["user_story", "i.user_story_id"]] : []),
  ] as [string, string][]) {
    const raw = c.req.query(param);
    if (raw === undefined || raw === "") continue;
    if (raw === "null") f.where.push(`${column} IS NULL`);
    else {
      const n = intQuery(c, param) as number;
      f.where.push(`${column} = ?`);
      f.params.push(n);
    }
  }
  const closed = boolQuery(c, "status__is_closed");
  if (closed !== undefined) f.where.push(closed ? "i.is_closed = 1" : "i.is_closed = 0");

  const facets: [Facet, string][] = [
    ["status", "i.status_id"],
    ["assigned_to", "i.assigned_to_id"],
    ["owner", "i.owner_id"],
  ];
  if (spec.kind === "issue") facets.push(["type", "i.type_id"], ["priority", "i.priority_id"], ["severity", "i.severity_id"]);
  for (const [facet, column] of facets) {
    if (facet !== skip) idColumnFilter(c, f, facet, column, false);
    idColumnFilter(c, f, `exclude_${facet}`, column, true);
  }
  if (skip !== "tags") tagsFilter(c, f, "tags", false);
  tagsFilter(c, f, "exclude_tags", true);
  if (skip !== "role") roleFilter(c, f, "role", false);
  roleFilter(c, f, "exclude_role", true);

  const watchers = idListQuery(c, "watchers");
  if (watchers && watchers.ids.length) {
    f.where.push(`EXISTS (SELECT 1 FROM watchers fw WHERE fw.content_type = ? AND fw.object_id = i.id AND fw.user_id IN (${placeholders(watchers.ids.length)}))`);
    f.params.push(spec.kind, ...watchers.ids);
  }

  dateFilters(c, f, DATE_FIELDS);

  textFilter(c, f);
  return f;
}

/** `?q=` on alias `i`: every word must match; a number matches a ref prefix or the subject, other words subject, description or tags. */
export function textFilter(c: Ctx, f: SqlFilter): void {
  const q = (c.req.query("q") ?? "").trim().toLowerCase();
  if (!q) return;
  for (const w of q.split(/\s+/).filter(Boolean)) {
    if (/^\d+$/.test(w)) {
      f.where.push("(CAST(i.ref AS TEXT) LIKE ? OR lower(i.subject) LIKE ?)");
      f.params.push(`${w}%`, `%${w}%`);
    } else {
      f.where.push("(lower(i.subject) LIKE ? OR lower(i.description) LIKE ? OR lower(i.tags) LIKE ?)");
      f.params.push(`%${w}%`, `%${w}%`, `%${w}%`);
    }
  }
}

const ORDER_BY_COMMON: Record<string, string> = {
  project: "i.project_id",
  milestone: "i.milestone_id",
  created_date: "i.created_date",
  modified_date: "i.modified_date",
  owner: "(SELECT CASE WHEN full_name <> '' THEN full_name ELSE username END FROM users WHERE id = i.owner_id)",
  assigned_to: "(SELECT CASE WHEN full_name <> '' THEN full_name ELSE username END FROM users WHERE id = i.assigned_to_id)",
  subject: "i.subject",
  ref: "i.ref",
};

/** ORDER BY of the lists: a whitelisted `order_by` (ties by -id) or the model order. */
export function itemOrderSql(c: Ctx, spec: KindSpec): string {
  const raw = c.req.query("order_by");
  const votes = `(SELECT COUNT(*) FROM votes WHERE content_type = '${spec.kind}' AND object_id = i.id)`;
  const columns: Record<string, string> = {
    ...ORDER_BY_COMMON,
    total_voters: votes,
    status: `(SELECT "order" FROM ${spec.statusTable} WHERE id = i.status_id)`,
  };
  if (spec.kind === "task") columns.us_order = "i.us_order";
  else {
    columns.type = `(SELECT "order" FROM issue_types WHERE id = i.type_id)`;
    columns.priority = `(SELECT "order" FROM priorities WHERE id = i.priority_id)`;
    columns.severity = `(SELECT "order" FROM severities WHERE id = i.severity_id)`;
  }
  if (raw) {
    const desc = raw.startsWith("-");
    const column = columns[desc ? raw.slice(1) : raw];
    if (column) return `${column} ${desc ? "DESC" : "ASC"}, i.id DESC`;
  }
  return spec.kind === "task" ? "i.project_id, i.created_date, i.ref" : "i.id DESC";
}

/** Every item matching the query string, in list order. */
export function queryItems(c: Ctx, spec: KindSpec, extra?: (f: SqlFilter) => void, skip?: Facet): ItemRow[] {
  const f = buildItemFilter(c, spec, skip);
  extra?.(f);
  const where = f.where.length ? `WHERE ${f.where.join(" AND ")}` : "";
  return c.var.deps.db.prepare(`SELECT i.* FROM ${spec.table} i ${where} ORDER BY ${itemOrderSql(c, spec)}`).all(...f.params) as ItemRow[];
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

/**
 * Timeline entries (taiga/timeline): taiga-back pushes one entry per history entry (create / change /
 * delete of stories, tasks, issues, epics, wiki pages, sprints, epic links), per new membership and per
 * new project or user. Here they are **derived on read** from what the server already records —
 * `history_entries` (hidden order-only entries left out, as Taiga skips them), `memberships.created_at`,
 * `projects.created_date`, `users.date_joined` — so every write of every module appears without a
 * second log. Object data comes from the current rows (or from the deletion snapshot of a deleted
 * item), in the JSON shapes of `timeline_implementations.py`, keys ordered as PostgreSQL's jsonb
 * returns them.
 *
 * Ids: history entries keep their `seq`; the entries derived from other rows live in their own ranges
 * (MEMBERSHIP_IDS + membership id, PROJECT_IDS + project id, USER_IDS + user id) so ids never collide.
 */
import type { Db } from "../db";
import { formatDateTime } from "./dates";
import { HISTORY_KEY_PREFIX } from "./history";
import { projectAccess, type ProjectAccessRow } from "./permissions";
import { placeholders } from "./userstories";
import { fullNameDisplay, gravatarId, type UserRow } from "./users";

export type Json = Record<string, unknown>;

export const MEMBERSHIP_IDS = 2_000_000_000;
export const PROJECT_IDS = 3_000_000_000;
export const USER_IDS = 4_000_000_000;

/** Django content type ids of a stock taiga-back database (as the real server answers them). */
export const CONTENT_TYPE_IDS: Record<string, number> = {
  user: 6,
  membership: 14,
  project: 15,
  milestone: 49,
  epic: 50,
  relateduserstory: 51,
  userstory: 53,
  task: 54,
  issue: 55,
  wikipage: 56,
};

/** Which permission lets a member of a private project see entries about this kind of object. */
const VIEW_PERMISSION: Record<string, string | null> = {
  project: "view_project",
  milestone: "view_milestones",
  epic: "view_epics",
  relateduserstory: "view_epics",
  userstory: "view_us",
  task: "view_tasks",
  issue: "view_issues",
  wikipage: "view_wiki_pages",
  membership: null, // "there is no specific permission for seeing new memberships"
};

/** One entry before serialization: what it is about, who did it, when. */
export interface TimelineEvent {
  id: number;
  projectId: number | null;
  kind: string;
  objectId: number;
  type: "create" | "change" | "delete";
  actorId: number | null;
  created: string;
  /** values_diff, comment... of history entries; role of memberships */
  extra: Json;
}

interface HistoryRow {
  seq: number;
  project_id: number | null;
  content_type: string;
  object_id: number;
  type: number;
  user: string;
  created_at: string;
  diff: string;
  snapshot: string | null;
  values_diff: string;
  comment: string;
  comment_html: string;
  comment_versions: string | null;
  delete_comment_date: string | null;
}

const ORDER_ONLY: Record<string, string[]> = {
  userstory: ["backlog_order", "sprint_order", "kanban_order"],
  task: ["us_order", "taskboard_order"],
  epic: ["epics_order", "user_stories"],
};

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/** Which events to load: every filter is optional and narrows its own source. */
export interface EventScope {
  /** events of one project (history, memberships, the project's creation) */
  projectId?: number;
  /** history entries written by this user */
  actorId?: number;
  /** memberships of this user */
  memberId?: number;
  /** projects owned by this user */
  ownerId?: number;
  /** add this user's sign-up */
  userId?: number;
}

/** The events in scope, newest first (ties: the later entry first). */
export function loadEvents(db: Db, scope: EventScope): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const filter = (conditions: [string, unknown][]): { sql: string; params: unknown[] } => {
    const used = conditions.filter(([, v]) => v !== undefined);
    return { sql: used.length ? `WHERE ${used.map(([c]) => c).join(" AND ")}` : "", params: used.map(([, v]) => v) };
  };

  const h = filter([
    ["project_id = ?", scope.projectId],
    ["json_extract(user, '$.pk') = ?", scope.actorId],
  ]);
  for (const row of db.prepare(`SELECT * FROM history_entries ${h.sql} ORDER BY seq`).all(...h.params) as HistoryRow[]) {
    if (!(row.content_type in HISTORY_KEY_PREFIX)) continue;
    const diffKeys = Object.keys((parse(row.diff) as Json | null) ?? {});
    const hidden = row.comment === "" && diffKeys.length > 0 && diffKeys.every((k) => (ORDER_ONLY[row.content_type] ?? []).includes(k));
    if (hidden) continue;
    const user = parse(row.user) as { pk?: number } | null;
    const valuesDiff = { ...((parse(row.values_diff) as Json | null) ?? {}) };
    delete valuesDiff.description_html;
    if ("description_diff" in valuesDiff) valuesDiff.description_diff = "Check the history API for the exact diff";
    const extra: Json = { values_diff: valuesDiff, comment: row.comment, comment_html: row.comment_html };
    if (row.delete_comment_date) extra.comment_deleted = true;
    const versions = parse(row.comment_versions);
    if (Array.isArray(versions) && versions.length > 0) extra.comment_edited = true;
    if (row.snapshot) extra.__snapshot = parse(row.snapshot);
    events.push({
      id: row.seq,
      projectId: row.project_id,
      kind: row.content_type,
      objectId: row.object_id,
      type: row.type === 2 ? "create" : row.type === 3 ? "delete" : "change",
      actorId: typeof user?.pk === "number" ? user.pk : null,
      created: row.created_at,
      extra,
    });
  }

  // new members, told by the member (the owner's own membership is told by the project's creation)
  if (scope.actorId === undefined || scope.memberId !== undefined) {
    const m = filter([
      ["m.project_id = ?", scope.projectId],
      ["m.user_id = ?", scope.memberId],
    ]);
    const rows = db
      .prepare(
        `SELECT m.id, m.project_id, m.user_id, m.role_id, m.created_at FROM memberships m JOIN projects p ON p.id = m.project_id
          ${m.sql ? `${m.sql} AND` : "WHERE"} m.user_id IS NOT NULL AND (p.owner_id IS NULL OR m.user_id <> p.owner_id)`,
      )
      .all(...m.params) as { id: number; project_id: number; user_id: number; role_id: number; created_at: string }[];
    for (const r of rows) {
      events.push({ id: MEMBERSHIP_IDS + r.id, projectId: r.project_id, kind: "membership", objectId: r.id, type: "create", actorId: r.user_id, created: r.created_at, extra: { roleId: r.role_id } });
    }
  }

  // new projects, told by their owner
  if (scope.actorId === undefined || scope.ownerId !== undefined) {
    const p = filter([
      ["id = ?", scope.projectId],
      ["owner_id = ?", scope.ownerId],
    ]);
    const rows = db.prepare(`SELECT id, owner_id, created_date FROM projects ${p.sql}`).all(...p.params) as { id: number; owner_id: number | null; created_date: string }[];
    for (const r of rows) {
      events.push({ id: PROJECT_IDS + r.id, projectId: r.id, kind: "project", objectId: r.id, type: "create", actorId: r.owner_id, created: r.created_date, extra: { values_diff: {}, comment: "", comment_html: "" } });
    }
  }

  // a user's own sign-up (user timelines only)
  if (scope.userId !== undefined) {
    const u = db.prepare("SELECT id, date_joined FROM users WHERE id = ?").get(scope.userId) as { id: number; date_joined: string } | undefined;
    if (u) events.push({ id: USER_IDS + u.id, projectId: null, kind: "user", objectId: u.id, type: "create", actorId: u.id, created: u.date_joined, extra: {} });
  }

  return events.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id));
}

/* ------------------------------------------------------------------ visibility ------------------------------------------------------------------ */

/**
 * `filter_timeline_for_user`: superusers see everything; others see every entry of a public project,
 * and in a private project the entries about kinds their role (or the anonymous permissions) may view,
 * memberships always to members; admins of the project see all of it.
 */
export function visibleTo(db: Db, viewer: UserRow | null): (e: TimelineEvent) => boolean {
  if (viewer?.is_superuser === 1) return () => true;
  const projects = new Map(
    (db.prepare("SELECT id, owner_id, is_private, anon_permissions, public_permissions, blocked_code FROM projects").all() as ProjectAccessRow[]).map((p) => [p.id, p]),
  );
  const cache = new Map<number, ((kind: string) => boolean) | null>();
  const anonymousPerms = (p: ProjectAccessRow): Set<string> => projectAccess(db, null, p).permissions;
  const rule = (projectId: number): ((kind: string) => boolean) | null => {
    if (cache.has(projectId)) return cache.get(projectId) ?? null;
    const p = projects.get(projectId);
    let fn: ((kind: string) => boolean) | null = null;
    if (p) {
      if (p.is_private === 0) fn = () => true;
      else {
        const anon = anonymousPerms(p);
        const access = viewer ? projectAccess(db, viewer, p) : null;
        fn = (kind) => {
          const perm = VIEW_PERMISSION[kind];
          if (perm === undefined) return false;
          if (perm === null ? anon.has("view_project") : anon.has(perm)) return true;
          if (!access?.isMember) return false;
          if (access.isAdmin) return true;
          return perm === null || access.permissions.has(perm);
        };
      }
    }
    cache.set(projectId, fn);
    return fn;
  };
  return (e) => {
    if (e.projectId === null) return true;
    const fn = rule(e.projectId);
    return fn !== null && fn(e.kind);
  };
}

/* ------------------------------------------------------------------ serialization ------------------------------------------------------------------ */

/** Keys in PostgreSQL jsonb order (shorter first, then by code unit), recursively. */
function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Json).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, jsonbOrder(v)]));
}

interface Lookups {
  projects: Map<number, Json>;
  users: Map<number, UserRow>;
  objects: Map<string, Map<number, Json>>;
  snapshots: Map<string, Json>;
}

function fetchById(db: Db, sql: (inList: string) => string, ids: number[]): Json[] {
  const list = [...new Set(ids)];
  return list.length ? (db.prepare(sql(placeholders(list.length))).all(...list) as Json[]) : [];
}

/** Everything the given entries refer to, fetched in a few queries. */
function lookups(db: Db, events: TimelineEvent[]): Lookups {
  const idsOf = (kind: string): number[] => events.filter((e) => e.kind === kind).map((e) => e.objectId);
  const byId = (rows: Json[]): Map<number, Json> => new Map(rows.map((r) => [r.id as number, r]));
  const projectIds = events.map((e) => e.projectId).filter((x): x is number => x !== null);
  const objects = new Map<string, Map<number, Json>>();
  objects.set("userstory", byId(fetchById(db, (i) => `SELECT id, ref, subject, milestone_id, project_id FROM userstories WHERE id IN (${i})`, idsOf("userstory"))));
  objects.set("task", byId(fetchById(db, (i) => `SELECT id, ref, subject, user_story_id FROM tasks WHERE id IN (${i})`, idsOf("task"))));
  objects.set("issue", byId(fetchById(db, (i) => `SELECT id, ref, subject FROM issues WHERE id IN (${i})`, idsOf("issue"))));
  objects.set("epic", byId(fetchById(db, (i) => `SELECT id, ref, subject FROM epics WHERE id IN (${i})`, idsOf("epic"))));
  objects.set("wikipage", byId(fetchById(db, (i) => `SELECT id, slug FROM wiki_pages WHERE id IN (${i})`, idsOf("wikipage"))));
  objects.set("milestone", byId(fetchById(db, (i) => `SELECT id, slug, name FROM milestones WHERE id IN (${i})`, idsOf("milestone"))));
  objects.set("relateduserstory", byId(fetchById(db, (i) => `SELECT id, epic_id, userstory_id FROM epic_related_userstories WHERE id IN (${i})`, idsOf("relateduserstory"))));
  objects.set("role", byId(fetchById(db, (i) => `SELECT id, name FROM roles WHERE id IN (${i})`, events.filter((e) => e.kind === "membership").map((e) => e.extra.roleId as number))));

  // snapshots of deleted objects (the newest one recorded for each)
  const snapshots = new Map<string, Json>();
  const missing = events.filter((e) => !objects.get(e.kind)?.has(e.objectId) && e.kind in HISTORY_KEY_PREFIX);
  for (const e of missing) {
    const key = `${e.kind}:${e.objectId}`;
    if (snapshots.has(key)) continue;
    const own = e.extra.__snapshot as Json | undefined;
    const row = own
      ? { snapshot: JSON.stringify(own) }
      : (db.prepare("SELECT snapshot FROM history_entries WHERE content_type = ? AND object_id = ? AND snapshot IS NOT NULL ORDER BY seq DESC LIMIT 1").get(e.kind, e.objectId) as
          | { snapshot: string }
          | undefined);
    if (row) snapshots.set(key, (parse(row.snapshot) as Json | null) ?? {});
  }
  // stories, milestones and epics the entries point at through other objects
  const storyIds = [
    ...[...(objects.get("task")?.values() ?? [])].map((t) => t.user_story_id as number | null),
    ...[...(objects.get("relateduserstory")?.values() ?? [])].map((l) => l.userstory_id as number),
    ...[...snapshots.values()].map((s) => (s.user_story as number | undefined) ?? null),
  ].filter((x): x is number => typeof x === "number");
  const stories = objects.get("userstory") as Map<number, Json>;
  for (const r of fetchById(db, (i) => `SELECT id, ref, subject, milestone_id, project_id FROM userstories WHERE id IN (${i})`, storyIds)) stories.set(r.id as number, r);
  const epicIds = [...(objects.get("relateduserstory")?.values() ?? [])].map((l) => l.epic_id as number);
  for (const s of snapshots.values()) if (typeof s.epic === "number") epicIds.push(s.epic);
  const epics = objects.get("epic") as Map<number, Json>;
  for (const r of fetchById(db, (i) => `SELECT id, ref, subject FROM epics WHERE id IN (${i})`, epicIds)) epics.set(r.id as number, r);
  const milestoneIds = [...stories.values()].map((s) => s.milestone_id).filter((x): x is number => typeof x === "number");
  const milestones = objects.get("milestone") as Map<number, Json>;
  for (const r of fetchById(db, (i) => `SELECT id, slug, name FROM milestones WHERE id IN (${i})`, milestoneIds)) milestones.set(r.id as number, r);
  for (const s of stories.values()) projectIds.push(s.project_id as number);

  const projects = byId(fetchById(db, (i) => `SELECT id, slug, name, description FROM projects WHERE id IN (${i})`, projectIds));
  const users = new Map(
    (fetchById(db, (i) => `SELECT * FROM users WHERE id IN (${i})`, events.map((e) => e.actorId).filter((x): x is number => x !== null)) as unknown as UserRow[]).map((u) => [u.id, u]),
  );
  return { projects, users, objects, snapshots };
}

const projectInfo = (p: Json | undefined, id: number | null): Json => (p ? { id: p.id, slug: p.slug, name: p.name, description: p.description } : { id });

/** The user object the timeline serializer writes over the stored `{"id"}`. */
function userInfo(u: UserRow | undefined, id: number | null): Json {
  if (!u) return { id };
  return {
    id: u.id,
    name: fullNameDisplay(u),
    photo: u.photo,
    big_photo: u.photo,
    gravatar_id: gravatarId(u.email),
    username: u.username,
    is_profile_visible: u.is_active === 1,
    date_joined: formatDateTime(u.date_joined),
  };
}

/** The `data` of one entry, as the timeline implementation of its kind builds it. */
function entryData(e: TimelineEvent, l: Lookups): Json {
  const object = l.objects.get(e.kind)?.get(e.objectId);
  const snapshot = l.snapshots.get(`${e.kind}:${e.objectId}`) ?? {};
  const current = object ?? { id: e.objectId, ...snapshot };
  const project = projectInfo(e.projectId !== null ? l.projects.get(e.projectId) : undefined, e.projectId);
  const brief = (o: Json): Json => ({ id: o.id, ref: o.ref ?? null, subject: o.subject ?? "" });
  const story = (id: unknown): Json | undefined => (typeof id === "number" ? l.objects.get("userstory")?.get(id) : undefined);
  const data: Json = {};
  switch (e.kind) {
    case "userstory": {
      data.userstory = brief(current);
      data.project = project;
      const milestoneId = (object ? object.milestone_id : snapshot.milestone) as number | null | undefined;
      const milestone = typeof milestoneId === "number" ? l.objects.get("milestone")?.get(milestoneId) : undefined;
      if (milestone) data.milestone = { id: milestone.id, slug: milestone.slug, name: milestone.name };
      break;
    }
    case "task": {
      const task = brief(current);
      const parent = story(object ? object.user_story_id : snapshot.user_story);
      if (parent) task.userstory = brief(parent);
      data.task = task;
      data.project = project;
      break;
    }
    case "issue":
    case "epic":
      data[e.kind] = brief(current);
      data.project = project;
      break;
    case "wikipage":
      data.wikipage = { id: current.id, slug: current.slug ?? "" };
      data.project = project;
      break;
    case "milestone":
      data.milestone = { id: current.id, slug: current.slug ?? "", name: current.name ?? "" };
      data.project = project;
      break;
    case "relateduserstory": {
      const epicId = (object ? object.epic_id : snapshot.epic) as number | undefined;
      const storyRow = story(object ? object.userstory_id : snapshot.user_story);
      const epic = typeof epicId === "number" ? l.objects.get("epic")?.get(epicId) : undefined;
      data.relateduserstory = { id: e.objectId, subject: storyRow?.subject ?? "" };
      data.epic = epic ? brief(epic) : { id: epicId ?? null };
      data.userstory = storyRow
        ? { ...brief(storyRow), project: projectInfo(l.projects.get(storyRow.project_id as number), storyRow.project_id as number) }
        : { id: null };
      data.project = project;
      break;
    }
    case "membership": {
      const role = l.objects.get("role")?.get(e.extra.roleId as number);
      data.role = role ? { id: role.id, name: role.name } : { id: e.extra.roleId };
      data.project = project;
      break;
    }
    case "project":
      data.project = project;
      break;
    default:
      break;
  }
  for (const [k, v] of Object.entries(e.extra)) if (k !== "__snapshot" && k !== "roleId") data[k] = v;
  data.user = { id: e.actorId };
  const ordered = jsonbOrder(data) as Json;
  ordered.user = userInfo(e.actorId !== null ? l.users.get(e.actorId) : undefined, e.actorId);
  return ordered;
}

export interface TimelineOwner {
  /** "project" or "user" */
  kind: "project" | "user";
  id: number;
}

/** Serializes entries of one timeline (a project's, or a user's). */
export function serializeTimeline(db: Db, events: TimelineEvent[], owner: TimelineOwner): Json[] {
  const l = lookups(db, events);
  return events.map((e) => ({
    data: entryData(e, l),
    id: e.id,
    content_type: CONTENT_TYPE_IDS[owner.kind],
    object_id: owner.id,
    namespace: owner.kind === "project" ? `project:${owner.id}` : `user:${e.actorId ?? owner.id}`,
    event_type: `${e.kind === "membership" ? "projects.membership" : e.kind === "project" ? "projects.project" : e.kind === "user" ? "users.user" : HISTORY_KEY_PREFIX[e.kind]}.${e.type}`,
    project: e.projectId,
    data_content_type: CONTENT_TYPE_IDS[e.kind],
    created: formatDateTime(e.created),
  }));
}

/** Users related to an object (its watchers, owner and assignee), per `kind:id`, for profile timelines. */
export function relatedObjects(db: Db, userId: number): Set<string> {
  const out = new Set<string>();
  for (const w of db.prepare("SELECT content_type, object_id FROM watchers WHERE user_id = ?").all(userId) as { content_type: string; object_id: number }[]) out.add(`${w.content_type}:${w.object_id}`);
  for (const [kind, table, hasAssignee] of [
    ["userstory", "userstories", true],
    ["task", "tasks", true],
    ["issue", "issues", true],
    ["epic", "epics", true],
    ["wikipage", "wiki_pages", false],
    ["milestone", "milestones", false],
  ] as const) {
    const rows = db.prepare(`SELECT id FROM ${table} WHERE owner_id = ?${hasAssignee ? " OR assigned_to_id = ?" : ""}`).all(...(hasAssignee ? [userId, userId] : [userId])) as { id: number }[];
    for (const r of rows) out.add(`${kind}:${r.id}`);
  }
  return out;
}

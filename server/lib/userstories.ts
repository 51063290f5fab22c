/**
 * User stories: row type, the JSON shapes (list / detail, as taiga-back's serializers), the history
 * snapshot used for diffs, and the derived values (`is_closed`, `total_points`, `due_date_status`).
 * The routes live in `server/resources/userstories.ts`.
 */
import { type Db, prepared } from "../db";
import { formatDateTime } from "./dates";
import { renderPlainMarkdown } from "./markdown";
import { recordHistory } from "./history";
import { stringList, tagsColorsObject } from "./projects";
import { fullNameDisplay, userExtraInfo, type UserRow } from "./users";

export interface StoryRow {
  id: number;
  project_id: number;
  ref: number;
  subject: string;
  description: string;
  status_id: number | null;
  swimlane_id: number | null;
  milestone_id: number | null;
  owner_id: number | null;
  assigned_to_id: number | null;
  tags: string;
  backlog_order: number;
  sprint_order: number;
  kanban_order: number;
  is_closed: number;
  is_blocked: number;
  blocked_note: string;
  due_date: string | null;
  due_date_reason: string;
  client_requirement: number;
  team_requirement: number;
  generated_from_issue_id: number | null;
  generated_from_task_id: number | null;
  from_task_ref: string | null;
  external_reference: string | null;
  tribe_gig: string | null;
  version: number;
  created_date: string;
  modified_date: string;
  finish_date: string | null;
}

export type Json = Record<string, unknown>;

export function getStory(db: Db, id: number): StoryRow | undefined {
  return db.prepare("SELECT * FROM userstories WHERE id = ?").get(id) as StoryRow | undefined;
}

/* ------------------------------------------------------------------ markdown ------------------------------------------------------------------ */

/** Markdown rendered to HTML the way the `*_html` fields carry it (no trailing newline): the server's one renderer. */
export function renderMarkdown(text: string): string {
  return renderPlainMarkdown(text);
}

/* ------------------------------------------------------------------ helpers ------------------------------------------------------------------ */

/** A JSON column's value; null for NULL or unreadable text. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** `?, ?, ?` for an IN list of n bound values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(", ");

export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** `due_date_status`: not_set, no_longer_applicable (closed), past_due, due_soon (14 days), set. */
export function dueDateStatus(dueDate: string | null, isClosed: boolean, today = new Date()): string {
  if (!dueDate) return "not_set";
  if (isClosed) return "no_longer_applicable";
  const todayStr = today.toISOString().slice(0, 10);
  if (todayStr > dueDate) return "past_due";
  const soon = new Date(`${todayStr}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 14);
  if (dueDate <= soon.toISOString().slice(0, 10)) return "due_soon";
  return "set";
}

/* ------------------------------------------------------------------ serializer ------------------------------------------------------------------ */

export interface SerializeOptions {
  /** detail shape: adds description, description_html, blocked_note_html */
  detail?: boolean;
  includeTasks?: boolean;
  includeAttachments?: boolean;
  /** fills `epic_order` from the link to this epic */
  epicId?: number | null;
}

interface ProjectInfo {
  id: number;
  name: string;
  slug: string;
  logo: string | null;
  tags_colors: string;
}

/** Serializes stories (list shape, or detail shape with `detail`), batching every lookup. */
export function serializeStories(db: Db, rows: StoryRow[], viewer: UserRow | null, opts: SerializeOptions = {}): Json[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idIn = placeholders(ids.length);

  const projectIds = [...new Set(rows.map((r) => r.project_id))];
  const projects = new Map(
    (db.prepare(`SELECT id, name, slug, logo, tags_colors FROM projects WHERE id IN (${placeholders(projectIds.length)})`).all(...projectIds) as ProjectInfo[]).map(
      (p) => [p.id, { ...p, colors: tagsColorsObject(p.tags_colors) }],
    ),
  );

  const statusIds = [...new Set(rows.map((r) => r.status_id).filter((x): x is number => x !== null))];
  const statuses = new Map(
    statusIds.length
      ? (db.prepare(`SELECT id, name, color, is_closed FROM userstory_statuses WHERE id IN (${placeholders(statusIds.length)})`).all(...statusIds) as {
          id: number;
          name: string;
          color: string;
          is_closed: number;
        }[]).map((s) => [s.id, s])
      : [],
  );

  const milestoneIds = [...new Set(rows.map((r) => r.milestone_id).filter((x): x is number => x !== null))];
  const milestones = new Map(
    milestoneIds.length
      ? (db.prepare(`SELECT id, name, slug FROM milestones WHERE id IN (${placeholders(milestoneIds.length)})`).all(...milestoneIds) as {
          id: number;
          name: string;
          slug: string;
        }[]).map((m) => [m.id, m])
      : [],
  );

  const assignedRows = db.prepare(`SELECT userstory_id, user_id FROM userstory_assigned_users WHERE userstory_id IN (${idIn}) ORDER BY user_id`).all(...ids) as {
    userstory_id: number;
    user_id: number;
  }[];
  const assigned = groupBy(assignedRows, (r) => r.userstory_id);

  const userIds = new Set<number>();
  for (const r of rows) {
    if (r.owner_id !== null) userIds.add(r.owner_id);
    if (r.assigned_to_id !== null) userIds.add(r.assigned_to_id);
  }
  const users = new Map(
    userIds.size
      ? (db.prepare(`SELECT * FROM users WHERE id IN (${placeholders(userIds.size)})`).all(...userIds) as UserRow[]).map((u) => [u.id, u])
      : [],
  );

  const pointRows = db
    .prepare(
      `SELECT rp.userstory_id, rp.role_id, rp.points_id, p.value FROM role_points rp
         JOIN roles r ON r.id = rp.role_id JOIN points p ON p.id = rp.points_id
        WHERE rp.userstory_id IN (${idIn}) AND r.computable = 1 ORDER BY r."order", r.id`,
    )
    .all(...ids) as { userstory_id: number; role_id: number; points_id: number; value: number | null }[];
  const points = groupBy(pointRows, (r) => r.userstory_id);

  const watcherRows = db
    .prepare(`SELECT object_id, user_id FROM watchers WHERE content_type = 'userstory' AND object_id IN (${idIn}) ORDER BY created_date, user_id`)
    .all(...ids) as { object_id: number; user_id: number }[];
  const watchers = groupBy(watcherRows, (r) => r.object_id);

  const voteRows = db
    .prepare(`SELECT object_id, user_id FROM votes WHERE content_type = 'userstory' AND object_id IN (${idIn})`)
    .all(...ids) as { object_id: number; user_id: number }[];
  const votes = groupBy(voteRows, (r) => r.object_id);

  const commentCounts = new Map(
    (db
      .prepare(
        `SELECT object_id, COUNT(*) AS n FROM history_entries WHERE content_type = 'userstory' AND object_id IN (${idIn})
           AND comment <> '' AND delete_comment_date IS NULL GROUP BY object_id`,
      )
      .all(...ids) as { object_id: number; n: number }[]).map((r) => [r.object_id, r.n]),
  );

  const attachmentRows = db
    .prepare(
      `SELECT id, object_id, attached_file FROM attachments WHERE content_type = 'userstory' AND object_id IN (${idIn}) AND is_deprecated = 0 ORDER BY "order", id`,
    )
    .all(...ids) as { id: number; object_id: number; attached_file: string }[];
  const attachments = groupBy(attachmentRows, (r) => r.object_id);

  const epicRows = db
    .prepare(
      `SELECT l.userstory_id, l."order" AS link_order, e.id, e.ref, e.subject, e.color, p.id AS project_id, p.name AS project_name, p.slug AS project_slug
         FROM epic_related_userstories l JOIN epics e ON e.id = l.epic_id JOIN projects p ON p.id = e.project_id
        WHERE l.userstory_id IN (${idIn}) ORDER BY p.name, e.ref`,
    )
    .all(...ids) as {
    userstory_id: number;
    link_order: number;
    id: number;
    ref: number;
    subject: string;
    color: string;
    project_id: number;
    project_name: string;
    project_slug: string;
  }[];
  const epics = groupBy(epicRows, (r) => r.userstory_id);

  const taskRows = opts.includeTasks
    ? (db
        .prepare(
          `SELECT t.id, t.ref, t.subject, t.status_id, t.is_blocked, t.is_iocaine, t.user_story_id, COALESCE(s.is_closed, 0) AS is_closed
             FROM tasks t LEFT JOIN task_statuses s ON s.id = t.status_id
            WHERE t.user_story_id IN (${idIn}) ORDER BY t.us_order, t.ref`,
        )
        .all(...ids) as { id: number; ref: number; subject: string; status_id: number | null; is_blocked: number; is_iocaine: number; is_closed: number; user_story_id: number }[])
    : [];
  const tasks = groupBy(taskRows, (r) => r.user_story_id);

  const issueIds = rows.map((r) => r.generated_from_issue_id).filter((x): x is number => x !== null);
  const originIssues = new Map(
    issueIds.length
      ? (db.prepare(`SELECT id, ref, subject FROM issues WHERE id IN (${placeholders(issueIds.length)})`).all(...issueIds) as { id: number; ref: number; subject: string }[]).map(
          (i) => [i.id, i],
        )
      : [],
  );
  const taskIds = rows.map((r) => r.generated_from_task_id).filter((x): x is number => x !== null);
  const originTasks = new Map(
    taskIds.length
      ? (db.prepare(`SELECT id, ref, subject FROM tasks WHERE id IN (${placeholders(taskIds.length)})`).all(...taskIds) as { id: number; ref: number; subject: string }[]).map(
          (t) => [t.id, t],
        )
      : [],
  );

  // one extra-info object per user (its gravatar hash is not free)
  const extraInfo = new Map<number, Json | null>();
  const infoOf = (id: number | null): Json | null => {
    if (id === null) return null;
    let info = extraInfo.get(id);
    if (info === undefined) {
      info = userExtraInfo(users.get(id));
      extraInfo.set(id, info);
    }
    return info;
  };

  return rows.map((r) => {
    const project = projects.get(r.project_id);
    const status = r.status_id !== null ? statuses.get(r.status_id) : undefined;
    const milestone = r.milestone_id !== null ? milestones.get(r.milestone_id) : undefined;
    const storyPoints = points.get(r.id) ?? [];
    const values = storyPoints.map((p) => p.value).filter((v): v is number => v !== null);
    const storyWatchers = (watchers.get(r.id) ?? []).map((w) => w.user_id);
    const storyVoters = (votes.get(r.id) ?? []).map((v) => v.user_id);
    const assignedUsers = new Set((assigned.get(r.id) ?? []).map((a) => a.user_id));
    if (r.assigned_to_id !== null) assignedUsers.add(r.assigned_to_id);
    const storyEpics = epics.get(r.id);
    const colors = project?.colors ?? {};
    const originIssue = r.generated_from_issue_id !== null ? originIssues.get(r.generated_from_issue_id) : undefined;
    const originTask = r.generated_from_task_id !== null ? originTasks.get(r.generated_from_task_id) : undefined;
    const epicOrder = opts.epicId ? (storyEpics?.find((e) => e.id === opts.epicId)?.link_order ?? null) : null;

    const out: Json = {
      due_date: r.due_date,
      due_date_reason: r.due_date_reason,
      due_date_status: dueDateStatus(r.due_date, r.is_closed === 1),
      total_comments: commentCounts.get(r.id) ?? 0,
      tags: stringList(r.tags).map((t) => [t, colors[t] ?? null]),
      attachments: opts.includeAttachments
        ? (attachments.get(r.id) ?? []).map((a) => ({ id: a.id, attached_file: a.attached_file, thumbnail_card_url: null }))
        : [],
      status: r.status_id,
      status_extra_info: status ? { name: status.name, color: status.color, is_closed: status.is_closed === 1 } : null,
      assigned_to: r.assigned_to_id,
      assigned_to_extra_info: infoOf(r.assigned_to_id),
      owner: r.owner_id,
      owner_extra_info: infoOf(r.owner_id),
      is_watcher: viewer !== null && storyWatchers.includes(viewer.id),
      total_watchers: storyWatchers.length,
      is_voter: viewer !== null && storyVoters.includes(viewer.id),
      total_voters: storyVoters.length,
      project: r.project_id,
      project_extra_info: project ? { name: project.name, slug: project.slug, logo_small_url: project.logo, id: project.id } : null,
      id: r.id,
      ref: r.ref,
      milestone: r.milestone_id,
      milestone_slug: milestone?.slug ?? null,
      milestone_name: milestone?.name ?? null,
      is_closed: r.is_closed === 1,
      points: Object.fromEntries(storyPoints.map((p) => [String(p.role_id), p.points_id])),
      backlog_order: r.backlog_order,
      sprint_order: r.sprint_order,
      kanban_order: r.kanban_order,
      created_date: formatDateTime(r.created_date),
      modified_date: formatDateTime(r.modified_date),
      finish_date: formatDateTime(r.finish_date),
      subject: r.subject,
      client_requirement: r.client_requirement === 1,
      team_requirement: r.team_requirement === 1,
      generated_from_issue: r.generated_from_issue_id,
      generated_from_task: r.generated_from_task_id,
      from_task_ref: r.from_task_ref,
      external_reference: parseJson(r.external_reference),
      tribe_gig: parseJson(r.tribe_gig),
      version: r.version,
      watchers: storyWatchers,
      is_blocked: r.is_blocked === 1,
      blocked_note: r.blocked_note,
      total_points: values.length > 0 ? values.reduce((a, b) => a + b, 0) : null,
      comment: "",
      origin_issue: originIssue ? { id: originIssue.id, ref: originIssue.ref, subject: originIssue.subject } : null,
      origin_task: originTask ? { id: originTask.id, ref: originTask.ref, subject: originTask.subject } : null,
      epics: storyEpics
        ? storyEpics.map((e) => ({
            id: e.id,
            ref: e.ref,
            subject: e.subject,
            color: e.color,
            project: { id: e.project_id, name: e.project_name, slug: e.project_slug },
          }))
        : null,
      epic_order: epicOrder,
      tasks: (tasks.get(r.id) ?? []).map((t) => ({
        id: t.id,
        ref: t.ref,
        subject: t.subject,
        status_id: t.status_id,
        is_blocked: t.is_blocked === 1,
        is_iocaine: t.is_iocaine === 1,
        is_closed: t.is_closed === 1,
      })),
      total_attachments: (attachments.get(r.id) ?? []).length,
      swimlane: r.swimlane_id,
      assigned_users: [...assignedUsers].sort((a, b) => a - b),
    };
    if (opts.detail) {
      out.blocked_note_html = renderMarkdown(r.blocked_note);
      out.description = r.description;
      out.description_html = renderMarkdown(r.description);
    }
    return out;
  });
}

/* ------------------------------------------------------------------ derived state ------------------------------------------------------------------ */

/**
 * Recomputes `is_closed` / `finish_date` of a story (no tasks -> its status' `is_closed`; with tasks ->
 * all tasks in closed statuses) and writes them when they changed.
 */
export function recalculateStoryClosed(db: Db, storyId: number, now: string): void {
  const story = getStory(db, storyId);
  if (!story) return;
  const taskCounts = db
    .prepare(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN COALESCE(s.is_closed, 0) = 1 THEN 1 ELSE 0 END) AS closed
         FROM tasks t LEFT JOIN task_statuses s ON s.id = t.status_id WHERE t.user_story_id = ?`,
    )
    .get(storyId) as { total: number; closed: number | null };
  // calculate_userstory_is_closed: a story without a status stays open whatever its tasks say
  let closed: boolean;
  if (story.status_id === null) closed = false;
  else if (taskCounts.total > 0) closed = (taskCounts.closed ?? 0) === taskCounts.total;
  else {
    const status = story.status_id !== null
      ? (db.prepare("SELECT is_closed FROM userstory_statuses WHERE id = ?").get(story.status_id) as { is_closed: number } | undefined)
      : undefined;
    closed = status?.is_closed === 1;
  }
  if (closed === (story.is_closed === 1)) return;
  db.prepare("UPDATE userstories SET is_closed = ?, finish_date = ? WHERE id = ?").run(closed ? 1 : 0, closed ? now : null, storyId);
}

/**
 * A sprint's `closed` flag as taiga's `calculate_milestone_is_closed`: closed when it holds at least one
 * item (story, storyless task or issue) and every story is closed, every storyless task is in a closed
 * status and every issue is closed; reopened otherwise. Tasks of stories do not count on their own.
 */
export function recalculateMilestoneClosed(db: Db, milestoneId: number | null): void {
  if (milestoneId === null) return;
  const counts = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM userstories WHERE milestone_id = ?) AS stories,
              (SELECT COUNT(*) FROM userstories WHERE milestone_id = ? AND is_closed = 0) AS open_stories,
              (SELECT COUNT(*) FROM tasks WHERE milestone_id = ? AND user_story_id IS NULL) AS tasks,
              (SELECT COUNT(*) FROM tasks t LEFT JOIN task_statuses s ON s.id = t.status_id
                WHERE t.milestone_id = ? AND t.user_story_id IS NULL AND COALESCE(s.is_closed, 0) = 0) AS open_tasks,
              (SELECT COUNT(*) FROM issues WHERE milestone_id = ?) AS issues,
              (SELECT COUNT(*) FROM issues WHERE milestone_id = ? AND is_closed = 0) AS open_issues`,
    )
    .get(milestoneId, milestoneId, milestoneId, milestoneId, milestoneId, milestoneId) as {
    stories: number;
    open_stories: number;
    tasks: number;
    open_tasks: number;
    issues: number;
    open_issues: number;
  };
  const items = counts.stories + counts.tasks + counts.issues;
  const closed = items > 0 && counts.open_stories === 0 && counts.open_tasks === 0 && counts.open_issues === 0;
  db.prepare("UPDATE milestones SET closed = ? WHERE id = ? AND closed <> ?").run(closed ? 1 : 0, milestoneId, closed ? 1 : 0);
}

/* ------------------------------------------------------------------ history snapshot ------------------------------------------------------------------ */

/** The frozen story used for history diffs (taiga/projects/history/freeze_impl.py `userstory_freezer`). */
export type Snapshot = Record<string, unknown>;

export function snapshotStory(db: Db, storyId: number): Snapshot | undefined {
  const r = getStory(db, storyId);
  if (!r) return undefined;
  const pointRows = db
    .prepare(`SELECT rp.role_id, rp.points_id FROM role_points rp JOIN roles r ON r.id = rp.role_id WHERE rp.userstory_id = ? ORDER BY r."order", r.id`)
    .all(storyId) as { role_id: number; points_id: number }[];
  let assignedUsers = (db.prepare("SELECT user_id FROM userstory_assigned_users WHERE userstory_id = ? ORDER BY user_id").all(storyId) as { user_id: number }[]).map(
    (a) => a.user_id,
  );
  if (assignedUsers.length === 0 && r.assigned_to_id !== null) assignedUsers = [r.assigned_to_id];
  return {
    ref: r.ref,
    owner: r.owner_id,
    status: r.status_id,
    swimlane: r.swimlane_id,
    is_closed: r.is_closed === 1,
    finish_date: r.finish_date,
    backlog_order: r.backlog_order,
    sprint_order: r.sprint_order,
    kanban_order: r.kanban_order,
    subject: r.subject,
    description: r.description,
    description_html: renderMarkdown(r.description),
    assigned_to: r.assigned_to_id,
    assigned_users: assignedUsers,
    milestone: r.milestone_id,
    client_requirement: r.client_requirement === 1,
    team_requirement: r.team_requirement === 1,
    tags: stringList(r.tags),
    points: Object.fromEntries(pointRows.map((p) => [String(p.role_id), p.points_id])),
    from_issue: r.generated_from_issue_id,
    from_task: r.generated_from_task_id,
    is_blocked: r.is_blocked === 1,
    blocked_note: r.blocked_note,
    blocked_note_html: renderMarkdown(r.blocked_note),
    tribe_gig: parseJson(r.tribe_gig),
    due_date: r.due_date,
  };
}

/** Keys that never make it into a story's history diff (`assigned_to` is excluded for stories). */
const NOT_DIFFED = new Set(["assigned_to"]);

/** Order fields: an entry whose diff holds only these is "hidden" from the history list. */
export const STORY_ORDER_FIELDS = new Set(["backlog_order", "sprint_order", "kanban_order"]);

export function diffSnapshots(before: Snapshot, after: Snapshot): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (NOT_DIFFED.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = [before[key] ?? null, after[key] ?? null];
  }
  return diff;
}

/**
 * What every history description shares: `values` (id -> display name maps, `users` among them),
 * `values_diff`, the name look-ups, and the fields described the same way for every kind.
 */
export function diffDescriber(db: Db) {
  const values: Json = { users: {} };
  const valuesDiff: Json = {};
  const users = values.users as Record<string, string>;
  const nameOf = (table: string, id: unknown): string | null => {
    if (typeof id !== "number") return null;
    const row = prepared(db, `SELECT name FROM ${table} WHERE id = ?`).get(id) as { name: string } | undefined;
    return row?.name ?? null;
  };
  /** A user's display name, remembered in `values.users`. */
  const userName = (id: unknown): string | null => {
    if (typeof id !== "number") return null;
    const u = prepared(db, "SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    if (!u) return null;
    users[String(id)] = fullNameDisplay(u);
    return fullNameDisplay(u);
  };
  /** A field holding the id of a named row: `values[key]` maps the ids to names, `values_diff` has the names. */
  const describeNamed = (key: string, table: string, oldValue: unknown, newValue: unknown): void => {
    const map: Record<string, string> = {};
    const oldName = nameOf(table, oldValue);
    const newName = nameOf(table, newValue);
    if (oldName !== null) map[String(oldValue)] = oldName;
    if (newName !== null) map[String(newValue)] = newName;
    values[key] = map;
    valuesDiff[key] = [oldName, newName];
  };
  /** Any other field: markdown texts as their rendered `<key>_diff`, their `_html` twins left out, the rest as is. */
  const describePlain = (key: string, oldValue: unknown, newValue: unknown): void => {
    if (key === "description" || key === "blocked_note") valuesDiff[`${key}_diff`] = [null, renderMarkdown(String(newValue ?? ""))];
    else if (key !== "description_html" && key !== "blocked_note_html") valuesDiff[key] = [oldValue, newValue];
  };
  return { values, valuesDiff, nameOf, userName, describeNamed, describePlain };
}

/**
 * `values` (id -> display name maps) and `values_diff` (the human-readable diff) of a history entry,
 * as taiga's history serializer builds them.
 */
export function describeDiff(db: Db, diff: Record<string, [unknown, unknown]>): { values: Json; valuesDiff: Json } {
  const { values, valuesDiff, nameOf, userName, describeNamed, describePlain } = diffDescriber(db);
  const named: Record<string, string> = { status: "userstory_statuses", milestone: "milestones", swimlane: "swimlanes" };

  for (const [key, [oldValue, newValue]] of Object.entries(diff)) {
    if (key in named) {
      describeNamed(key, named[key] as string, oldValue, newValue);
    } else if (key === "owner") {
      valuesDiff[key] = [userName(oldValue), userName(newValue)];
    } else if (key === "assigned_users") {
      const names = (list: unknown): string | null => {
        if (!Array.isArray(list) || list.length === 0) return null;
        return list.map((id) => userName(id) ?? String(id)).join(", ");
      };
      valuesDiff[key] = [names(oldValue), names(newValue)];
    } else if (key === "points") {
      const oldPoints = (oldValue ?? {}) as Record<string, number>;
      const newPoints = (newValue ?? {}) as Record<string, number>;
      const roles: Record<string, string> = {};
      const pointNames: Record<string, string> = {};
      const described: Record<string, [string | null, string | null]> = {};
      for (const role of new Set([...Object.keys(oldPoints), ...Object.keys(newPoints)])) {
        if (oldPoints[role] === newPoints[role]) continue;
        const roleName = nameOf("roles", Number(role)) ?? role;
        roles[role] = roleName;
        const o = nameOf("points", oldPoints[role]);
        const n = nameOf("points", newPoints[role]);
        if (o !== null) pointNames[String(oldPoints[role])] = o;
        if (n !== null) pointNames[String(newPoints[role])] = n;
        described[roleName] = [o, n];
      }
      values.roles = roles;
      values.points = pointNames;
      valuesDiff[key] = described;
    } else {
      describePlain(key, oldValue, newValue);
    }
  }
  return { values, valuesDiff };
}

/** Writes a history entry for a story change (nothing when the diff is empty and there is no comment). */
export function recordStoryChange(db: Db, story: StoryRow, user: UserRow, diff: Record<string, [unknown, unknown]>, comment = ""): void {
  if (Object.keys(diff).length === 0 && comment === "") return;
  const { values, valuesDiff } = describeDiff(db, diff);
  recordHistory(db, {
    projectId: story.project_id,
    contentType: "userstory",
    objectId: story.id,
    type: 1,
    user,
    diff,
    values,
    valuesDiff,
    comment,
    commentHtml: comment ? renderMarkdown(comment) : "",
  });
}

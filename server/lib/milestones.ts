/**
 * Milestones (sprints): row type, the JSON shape of taiga-back's MilestoneSerializer (with the nested
 * stories of UserStoryNestedSerializer), the sprint stats with the burndown `days`, and the services
 * that move stories, tasks and issues into a sprint. The routes live in `server/resources/milestones.ts`.
 */
import type { Db } from "../db";
import { formatDateTime, nowIso } from "./dates";
import { applyOrderUpdates, type OrderAssignment } from "./ordering";
import {
  diffSnapshots,
  getStory,
  placeholders,
  recalculateMilestoneClosed,
  recalculateStoryClosed,
  recordStoryChange,
  serializeStories,
  snapshotStory,
  type Json,
  type StoryRow,
} from "./userstories";
import type { UserRow } from "./users";
import { diffItemSnapshots, getItem, ISSUE_SPEC, recordItemChange, snapshotItem, TASK_SPEC } from "./workitems";

export interface MilestoneRow {
  id: number;
  project_id: number;
  name: string;
  slug: string;
  owner_id: number | null;
  estimated_start: string;
  estimated_finish: string;
  created_date: string;
  modified_date: string;
  closed: number;
  disponibility: number | null;
  order: number;
}

export const MILESTONE_NOT_FOUND = "No Milestone matches the given query.";

export function getMilestone(db: Db, id: number): MilestoneRow | undefined {
  return db.prepare("SELECT * FROM milestones WHERE id = ?").get(id) as MilestoneRow | undefined;
}

/* ------------------------------------------------------------------ serializer ------------------------------------------------------------------ */

/** The keys of UserStoryNestedSerializer, in the order taiga-back writes them. */
const NESTED_STORY_KEYS = [
  "due_date",
  "due_date_reason",
  "due_date_status",
  "assigned_to",
  "assigned_to_extra_info",
  "status",
  "status_extra_info",
  "project",
  "project_extra_info",
  "id",
  "ref",
  "milestone",
  "is_closed",
  "created_date",
  "modified_date",
  "finish_date",
  "subject",
  "client_requirement",
  "team_requirement",
  "external_reference",
  "version",
  "is_blocked",
  "blocked_note",
  "backlog_order",
  "sprint_order",
  "kanban_order",
  "epics",
  "points",
  "total_points",
] as const;

/**
 * Serializes sprints as `GET /milestones` does: every story of the sprint nested (ordered by project,
 * backlog_order, ref, the model order), `total_points` / `closed_points` = the sum of the point values
 * of the stories' role points (null when none has a value).
 */
export function serializeMilestones(db: Db, rows: MilestoneRow[], viewer: UserRow | null): Json[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idIn = placeholders(ids.length);
  const projectIds = [...new Set(rows.map((r) => r.project_id))];
  const projects = new Map(
    (db.prepare(`SELECT id, name, slug, logo FROM projects WHERE id IN (${placeholders(projectIds.length)})`).all(...projectIds) as {
      id: number;
      name: string;
      slug: string;
      logo: string | null;
    }[]).map((p) => [p.id, p]),
  );
  const storyRows = db
    .prepare(`SELECT * FROM userstories WHERE milestone_id IN (${idIn}) ORDER BY project_id, backlog_order, ref`)
    .all(...ids) as StoryRow[];
  const nested = serializeStories(db, storyRows, viewer).map((full) => Object.fromEntries(NESTED_STORY_KEYS.map((k) => [k, full[k]])));
  const storiesBySprint = new Map<number, Json[]>();
  storyRows.forEach((s, i) => {
    const list = storiesBySprint.get(s.milestone_id as number) ?? [];
    list.push(nested[i] as Json);
    storiesBySprint.set(s.milestone_id as number, list);
  });
  const sums = new Map(
    (db
      .prepare(
        `SELECT us.milestone_id AS id, SUM(p.value) AS total, SUM(CASE WHEN us.is_closed = 1 THEN p.value END) AS closed
           FROM role_points rp JOIN userstories us ON us.id = rp.userstory_id JOIN points p ON p.id = rp.points_id
          WHERE us.milestone_id IN (${idIn}) GROUP BY us.milestone_id`,
      )
      .all(...ids) as { id: number; total: number | null; closed: number | null }[]).map((r) => [r.id, r]),
  );
  return rows.map((m) => {
    const project = projects.get(m.project_id);
    const sum = sums.get(m.id);
    return {
      project: m.project_id,
      project_extra_info: project ? { name: project.name, slug: project.slug, logo_small_url: project.logo, id: project.id } : null,
      id: m.id,
      name: m.name,
      slug: m.slug,
      owner: m.owner_id,
      estimated_start: m.estimated_start,
      estimated_finish: m.estimated_finish,
      created_date: formatDateTime(m.created_date),
      modified_date: formatDateTime(m.modified_date),
      closed: m.closed === 1,
      disponibility: m.disponibility,
      order: m.order,
      user_stories: storiesBySprint.get(m.id) ?? [],
      total_points: sum?.total ?? null,
      closed_points: sum?.closed ?? null,
    };
  });
}

/* ------------------------------------------------------------------ stats ------------------------------------------------------------------ */

/** One story of a sprint for the stats: its role points (role id -> value, null for "?") and tasks. */
export interface StatsStory {
  id: number;
  isClosed: boolean;
  /** `finish_date` (ISO datetime) or null */
  finishDate: string | null;
  /** role points in (role id) order */
  points: { role: number; value: number | null }[];
  /** every task of the story, whatever its sprint */
  taskCount: number;
}

/** One task of the sprint that counts for the burndown (finished and attached to a story). */
export interface StatsTask {
  storyId: number;
  /** `finished_date` (ISO datetime) */
  finishedDate: string;
}

export interface BurndownDay {
  day: string;
  name: number;
  open_points: number;
  optimal_points: number;
}

/**
 * Python's `Counter` sums of `{role: value or 0}` over the stories, in insertion order, dropping
 * roles whose running sum is not positive (what `dict_sum` does after every addition).
 */
function rolePointSums(stories: readonly StatsStory[]): Map<number, number> {
  let result = new Map<number, number>();
  for (const story of stories) {
    for (const { role, value } of story.points) {
      const next = new Map<number, number>();
      // Counter.__iadd__: add in place, then keep only positive counts (insertion order kept)
      for (const [k, v] of result) next.set(k, v);
      next.set(role, (next.get(role) ?? 0) + (value ?? 0));
      result = new Map([...next].filter(([, v]) => v > 0));
    }
  }
  return result;
}

const sumValues = (m: Map<number, number>): number => {
  let total = 0;
  for (const v of m.values()) total += v;
  return total;
};

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The burndown of a sprint as `MilestoneViewSet.stats` computes it: one entry per day from start to
 * finish (both included); `optimal_points` falls from the total by total / (finish - start) per day;
 * `open_points` = total - points closed up to that day, where a finished task of a sprint story closes
 * (story points / number of the story's tasks) on its finished day, a story without tasks closes its
 * points on its finish day, and anything finished before the start counts on the start day.
 *
 * @param stories the sprint's stories in model order (project, backlog_order, ref)
 * @param tasks finished tasks of the sprint that belong to a story, in model order (created_date, ref)
 */
export function burndownDays(start: string, finish: string, stories: readonly StatsStory[], tasks: readonly StatsTask[]): BurndownDay[] {
  const total = sumValues(rolePointSums(stories));
  const storyPoints = new Map(stories.map((s) => [s.id, sumValues(rolePointSums([s]))]));
  const storyTasks = new Map(stories.map((s) => [s.id, s.taskCount]));
  const closedByDate = new Map<string, number>();
  const dayOf = (iso: string): string => {
    const day = new Date(iso).toISOString().slice(0, 10);
    return day < start ? start : day;
  };
  for (const task of tasks) {
    const day = dayOf(task.finishedDate);
    let points = closedByDate.get(day) ?? 0;
    const count = storyTasks.get(task.storyId) ?? 0;
    if (count !== 0) points += (storyPoints.get(task.storyId) ?? 0) / count;
    closedByDate.set(day, points);
  }
  for (const story of stories) {
    if (story.taskCount > 0 || story.finishDate === null) continue;
    const day = dayOf(story.finishDate);
    closedByDate.set(day, (closedByDate.get(day) ?? 0) + (storyPoints.get(story.id) ?? 0));
  }
  const sprintDays = daysBetween(start, finish);
  const perDay = sprintDays ? total / sprintDays : 0;
  const days: BurndownDay[] = [];
  let accumulated = 0;
  let optimal = total;
  for (let day = start, i = 0; day <= finish; day = addDays(day, 1), i++) {
    accumulated += closedByDate.get(day) ?? 0;
    days.push({ day, name: Number(day.slice(8, 10)), open_points: total - accumulated, optimal_points: optimal });
    optimal -= perDay;
  }
  return days;
}

/** `GET /milestones/{id}/stats`. */
export function milestoneStats(db: Db, m: MilestoneRow): Json {
  const storyRows = db
    .prepare(
      `SELECT us.id, us.is_closed, us.finish_date, (SELECT COUNT(*) FROM tasks t WHERE t.user_story_id = us.id) AS task_count
         FROM userstories us WHERE us.milestone_id = ? ORDER BY us.project_id, us.backlog_order, us.ref`,
    )
    .all(m.id) as { id: number; is_closed: number; finish_date: string | null; task_count: number }[];
  const pointRows = storyRows.length
    ? (db
        .prepare(
          `SELECT rp.userstory_id, rp.role_id, p.value FROM role_points rp JOIN points p ON p.id = rp.points_id
            WHERE rp.userstory_id IN (${placeholders(storyRows.length)}) ORDER BY rp.userstory_id, rp.role_id`,
        )
        .all(...storyRows.map((s) => s.id)) as { userstory_id: number; role_id: number; value: number | null }[])
    : [];
  const stories: StatsStory[] = storyRows.map((s) => ({
    id: s.id,
    isClosed: s.is_closed === 1,
    finishDate: s.finish_date,
    taskCount: s.task_count,
    points: pointRows.filter((p) => p.userstory_id === s.id).map((p) => ({ role: p.role_id, value: p.value })),
  }));
  const tasks = (db
    .prepare(
      `SELECT user_story_id, finished_date FROM tasks WHERE milestone_id = ? AND finished_date IS NOT NULL AND user_story_id IS NOT NULL
        ORDER BY project_id, created_date, ref`,
    )
    .all(m.id) as { user_story_id: number; finished_date: string }[]).map((t) => ({ storyId: t.user_story_id, finishedDate: t.finished_date }));
  const taskCounts = db
    .prepare(
      `SELECT COUNT(*) AS total, SUM(CASE WHEN COALESCE(s.is_closed, 0) = 1 THEN 1 ELSE 0 END) AS completed,
              SUM(CASE WHEN t.is_iocaine = 1 THEN 1 ELSE 0 END) AS iocaine
         FROM tasks t LEFT JOIN task_statuses s ON s.id = t.status_id WHERE t.milestone_id = ?`,
    )
    .get(m.id) as { total: number; completed: number | null; iocaine: number | null };
  const totals = rolePointSums(stories);
  const closed = rolePointSums(stories.filter((s) => s.isClosed));
  return {
    name: m.name,
    estimated_start: m.estimated_start,
    estimated_finish: m.estimated_finish,
    total_points: Object.fromEntries([...totals].map(([role, v]) => [String(role), v])),
    completed_points: [...closed.values()],
    total_userstories: stories.length,
    completed_userstories: stories.filter((s) => s.isClosed).length,
    total_tasks: taskCounts.total,
    completed_tasks: taskCounts.completed ?? 0,
    iocaine_doses: taskCounts.iocaine ?? 0,
    days: burndownDays(m.estimated_start, m.estimated_finish, stories, tasks),
  };
}

/* ------------------------------------------------------------------ moving items into a sprint ------------------------------------------------------------------ */

/** One entry of a `bulk_stories` / `bulk_tasks` list: the item and its requested order. */
export interface BulkEntry {
  id: number;
  order: number;
}

/**
 * Reads a `[{<idKey>: int, order: int}, ...]` list (or `[{issue_id}]` without `order`) in DRF 2's
 * words: absent -> "This field is required."; not a list -> a type error; item errors as one dict per
 * item (`[{}, {"order": ["Enter a whole number."]}]`). An empty list is valid.
 */
export function readBulkEntries(body: Record<string, unknown>, key: string, idKey: string, withOrder: boolean, errors: Record<string, unknown>): BulkEntry[] | undefined {
  const list = body[key];
  if (list === undefined || list === null) {
    errors[key] = ["This field is required."];
    return undefined;
  }
  if (!Array.isArray(list)) {
    errors[key] = [`Expected a list of items but got type "${typeof list === "string" ? "str" : typeof list === "number" ? "int" : typeof list === "boolean" ? "bool" : "dict"}".`];
    return undefined;
  }
  const out: BulkEntry[] = [];
  const itemErrors: Record<string, string[]>[] = [];
  const int = (v: unknown): number | undefined => {
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && typeof v !== "boolean" ? n : undefined;
  };
  for (const item of list as unknown[]) {
    const e: Record<string, string[]> = {};
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      itemErrors.push({ non_field_errors: ["Invalid data"] });
      continue;
    }
    const obj = item as Record<string, unknown>;
    const fields = withOrder ? [idKey, "order"] : [idKey];
    const values: Record<string, number> = {};
    for (const f of fields) {
      const raw = obj[f];
      if (raw === undefined || raw === null || raw === "") e[f] = ["This field is required."];
      else {
        const n = int(raw);
        if (n === undefined) e[f] = ["Enter a whole number."];
        else values[f] = n;
      }
    }
    itemErrors.push(e);
    if (Object.keys(e).length === 0) out.push({ id: values[idKey] as number, order: withOrder ? (values.order as number) : 0 });
  }
  if (itemErrors.some((e) => Object.keys(e).length > 0)) {
    errors[key] = itemErrors;
    return undefined;
  }
  return out;
}

/**
 * `update_userstories_milestone_in_bulk`: the target sprint's `sprint_order`s plus the moved stories at
 * their requested orders, renumbered with the legacy algorithm; the moved stories (and all their tasks)
 * get the sprint. `save` is the `/milestones/{id}/move_userstories_to_sprint` flavour, which saves every
 * story normally: `modified_date`, closed flags of the story and of the old and new sprints, and a
 * history entry for each task whose sprint changed. Both flavours write a history entry per story.
 * Call inside a transaction. Returns the written orders.
 */
export function moveStoriesToSprint(db: Db, milestoneId: number, entries: readonly BulkEntry[], user: UserRow, opts: { save: boolean }): OrderAssignment[] {
  if (entries.length === 0) return [];
  const now = nowIso();
  const current = db.prepare("SELECT id, sprint_order AS o FROM userstories WHERE milestone_id = ?").all(milestoneId) as { id: number; o: number }[];
  const base = new Map<number, number>(current.map((r) => [r.id, r.o]));
  const wanted = new Map<number, number>();
  for (const e of entries) {
    base.set(e.id, e.order);
    wanted.set(e.id, e.order);
  }
  const assignments = applyOrderUpdates(
    [...base].map(([id, order]) => ({ id, order })),
    wanted,
  );
  const moved = [...wanted.keys()];
  const before = new Map(moved.map((id) => [id, { row: getStory(db, id) as StoryRow, snap: snapshotStory(db, id) ?? {} }]));
  const taskBefore = new Map<number, Record<string, unknown>>();
  if (opts.save) {
    const taskIds = db.prepare(`SELECT id FROM tasks WHERE user_story_id IN (${placeholders(moved.length)}) AND milestone_id IS NOT ?`).all(...moved, milestoneId) as { id: number }[];
    for (const t of taskIds) taskBefore.set(t.id, snapshotItem(db, TASK_SPEC, t.id) ?? {});
  }
  const setMilestone = db.prepare(`UPDATE userstories SET milestone_id = ?${opts.save ? ", modified_date = ?" : ""} WHERE id = ?`);
  for (const id of moved) setMilestone.run(...(opts.save ? [milestoneId, now, id] : [milestoneId, id]));
  const writeOrder = db.prepare("UPDATE userstories SET sprint_order = ? WHERE id = ?");
  for (const a of assignments) writeOrder.run(a.order, a.id);
  db.prepare(`UPDATE tasks SET milestone_id = ? WHERE user_story_id IN (${placeholders(moved.length)})`).run(milestoneId, ...moved);

  for (const id of moved) {
    const old = before.get(id);
    if (opts.save) {
      recalculateStoryClosed(db, id, now);
      recalculateMilestoneClosed(db, milestoneId);
      if (old && old.row.milestone_id !== milestoneId) recalculateMilestoneClosed(db, old.row.milestone_id);
    }
    recordStoryChange(db, getStory(db, id) as StoryRow, user, diffSnapshots(old?.snap ?? {}, snapshotStory(db, id) ?? {}));
  }
  for (const [taskId, snap] of taskBefore) {
    const task = getItem(db, TASK_SPEC, taskId);
    if (task) recordItemChange(db, TASK_SPEC, task, user, diffItemSnapshots(snap, snapshotItem(db, TASK_SPEC, taskId) ?? {}));
  }
  return assignments;
}

/**
 * `update_tasks_milestone_in_bulk` (move_tasks_to_sprint): the target sprint's `taskboard_order`s plus
 * the moved tasks at their requested orders, legacy renumbering; the tasks are saved with the sprint
 * (closed flags of the sprints recomputed, a history entry each). Call inside a transaction.
 */
export function moveTasksToSprint(db: Db, milestoneId: number, entries: readonly BulkEntry[], user: UserRow): void {
  if (entries.length === 0) return;
  const now = nowIso();
  const current = db.prepare("SELECT id, taskboard_order AS o FROM tasks WHERE milestone_id = ?").all(milestoneId) as { id: number; o: number }[];
  const base = new Map<number, number>(current.map((r) => [r.id, r.o]));
  const wanted = new Map<number, number>();
  for (const e of entries) {
    base.set(e.id, e.order);
    wanted.set(e.id, e.order);
  }
  const assignments = applyOrderUpdates([...base].map(([id, order]) => ({ id, order })), wanted);
  const moved = [...wanted.keys()];
  const before = new Map(moved.map((id) => [id, { row: getItem(db, TASK_SPEC, id), snap: snapshotItem(db, TASK_SPEC, id) ?? {} }]));
  const setMilestone = db.prepare("UPDATE tasks SET milestone_id = ?, modified_date = ? WHERE id = ?");
  for (const id of moved) setMilestone.run(milestoneId, now, id);
  const writeOrder = db.prepare("UPDATE tasks SET taskboard_order = ? WHERE id = ?");
  for (const a of assignments) writeOrder.run(a.order, a.id);
  const touched = new Set<number | null>([milestoneId]);
  for (const id of moved) {
    const old = before.get(id);
    touched.add(old?.row?.milestone_id ?? null);
    const task = getItem(db, TASK_SPEC, id);
    if (task) recordItemChange(db, TASK_SPEC, task, user, diffItemSnapshots(old?.snap ?? {}, snapshotItem(db, TASK_SPEC, id) ?? {}));
  }
  for (const m of touched) recalculateMilestoneClosed(db, m);
}

/** `update_issues_milestone_in_bulk` (move_issues_to_sprint): the issues are saved with the sprint. */
export function moveIssuesToSprint(db: Db, milestoneId: number, issueIds: readonly number[], user: UserRow): void {
  if (issueIds.length === 0) return;
  const now = nowIso();
  const touched = new Set<number | null>([milestoneId]);
  for (const id of new Set(issueIds)) {
    const old = getItem(db, ISSUE_SPEC, id);
    const snap = snapshotItem(db, ISSUE_SPEC, id) ?? {};
    touched.add(old?.milestone_id ?? null);
    db.prepare("UPDATE issues SET milestone_id = ?, modified_date = ? WHERE id = ?").run(milestoneId, now, id);
    const issue = getItem(db, ISSUE_SPEC, id);
    if (issue) recordItemChange(db, ISSUE_SPEC, issue, user, diffItemSnapshots(snap, snapshotItem(db, ISSUE_SPEC, id) ?? {}));
  }
  for (const m of touched) recalculateMilestoneClosed(db, m);
}

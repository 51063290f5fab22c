/**
 * The taskboard as data: rows (the sprint's stories by sprint order, then "Tasks without a story"),
 * columns (task statuses in order), the cards of each cell after filtering, which rows fold away
 * while filtering, the sprint's progress and the sprint selector's order.
 */
import type { Id, Milestone, MilestoneUserStory, ProjectMilestoneSummary, Task, TaskStatus } from "../../api/types";
import { cellKey, compareTaskboard, type TaskboardCell } from "../../lib/taskboardOrder";

export interface TaskFilters {
  /** Free text: the subject, or the ref when it is a number (with or without '#'). */
  q: string;
  /** Assignee user ids; `null` stands for "Unassigned". */
  assignees: (Id | null)[];
  /** Tag names (any of them). */
  tags: string[];
}

export const emptyFilters: TaskFilters = { q: "", assignees: [], tags: [] };

export interface BoardRow {
  /** The story's id, or null for "Tasks without a story". */
  id: Id | null;
  /** The accessible name of the row: "#12 Login with e-mail" or "Tasks without a story". */
  label: string;
  story: MilestoneUserStory | null;
}

export const STORYLESS_LABEL = "Tasks without a story";

export function filtersFromParams(params: URLSearchParams): TaskFilters {
  const list = (key: string) =>
    (params.get(key) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    q: params.get("q") ?? "",
    assignees: list("assignee").flatMap((v) => (v === "none" ? [null] : /^\d+$/.test(v) ? [Number(v)] : [])),
    tags: list("tags"),
  };
}

export function filtersToParams(filters: TaskFilters, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set("q", filters.q.trim());
  set("assignee", filters.assignees.map((a) => (a === null ? "none" : String(a))).join(","));
  set("tags", filters.tags.join(","));
  return next;
}

export function isFiltering(filters: TaskFilters): boolean {
  return filters.q.trim() !== "" || filters.assignees.length > 0 || filters.tags.length > 0;
}

export function matchesFilters(task: Task, filters: TaskFilters): boolean {
  const q = filters.q.trim().toLowerCase();
  if (q) {
    const ref = /^#?(\d+)$/.exec(q);
    const byRef = ref ? task.ref === Number(ref[1]) : false;
    if (!byRef && !task.subject.toLowerCase().includes(q)) return false;
  }
  if (filters.assignees.length > 0 && !filters.assignees.includes(task.assigned_to)) return false;
  if (filters.tags.length > 0) {
    const names = new Set(task.tags.map(([name]) => name));
    if (!filters.tags.some((t) => names.has(t))) return false;
  }
  return true;
}

export function boardColumns(statuses: readonly TaskStatus[] | null | undefined): TaskStatus[] {
  return [...(statuses ?? [])].sort((a, b) => a.order - b.order || a.id - b.id);
}

/**
 * Rows: the sprint's stories in sprint order (the server nests them by backlog order), then the
 * storyless row. A task whose story is not one of the sprint's (Taiga's `bulk_update_milestone`
 * moves a task and leaves its story behind) gets a row of its own, named from the task's
 * `user_story_extra_info`, so nothing silently disappears.
 */
export function boardRows(sprint: Pick<Milestone, "user_stories">, tasks: readonly Task[]): BoardRow[] {
  const stories = [...sprint.user_stories].sort((a, b) => a.sprint_order - b.sprint_order || a.id - b.id);
  const rows: BoardRow[] = stories.map((s) => ({ id: s.id, label: `#${s.ref} ${s.subject}`, story: s }));
  const known = new Set(rows.map((r) => r.id));
  for (const t of tasks) {
    if (t.user_story !== null && !known.has(t.user_story)) {
      known.add(t.user_story);
      const info = t.user_story_extra_info;
      rows.push({ id: t.user_story, label: info ? `#${info.ref} ${info.subject}` : `Story ${t.user_story}`, story: null });
    }
  }
  rows.push({ id: null, label: STORYLESS_LABEL, story: null });
  return rows;
}

/** The cards of every cell (unfiltered and filtered), in board order. */
export function groupIntoCells(tasks: readonly Task[], filters: TaskFilters): { all: Map<string, Task[]>; shown: Map<string, Task[]> } {
  const all = new Map<string, Task[]>();
  for (const t of tasks) {
    const key = cellKey({ storyId: t.user_story, statusId: t.status });
    let list = all.get(key);
    if (!list) all.set(key, (list = []));
    list.push(t);
  }
  for (const list of all.values()) list.sort(compareTaskboard);
  if (!isFiltering(filters)) return { all, shown: all };
  const shown = new Map<string, Task[]>();
  for (const [key, list] of all) {
    const matching = list.filter((t) => matchesFilters(t, filters));
    if (matching.length) shown.set(key, matching);
  }
  return { all, shown };
}

/**
 * Keeps the previous array of every cell whose cards did not change, so a move re-renders the one
 * or two cells (and rows) it touched, not the whole board.
 */
export function shareCells(prev: ReadonlyMap<string, Task[]> | null, next: Map<string, Task[]>): Map<string, Task[]> {
  if (!prev) return next;
  for (const [key, list] of next) {
    const old = prev.get(key);
    if (old && old.length === list.length && old.every((t, i) => t === list[i])) next.set(key, old);
  }
  return next;
}

/** Row ids that hold at least one shown task (while filtering, the others fold away). */
export function rowsWithMatches(shown: ReadonlyMap<string, Task[]>, rows: readonly BoardRow[], columns: readonly TaskStatus[]): Set<Id | null> {
  const out = new Set<Id | null>();
  for (const r of rows) {
    for (const c of columns) {
      if ((shown.get(cellKey({ storyId: r.id, statusId: c.id }))?.length ?? 0) > 0) {
        out.add(r.id);
        break;
      }
    }
  }
  return out;
}

/**
 * Where in the whole cell (hidden tasks included) a task dropped between visible ones goes: right
 * after the visible task above it, or right before the visible task below it at the top.
 */
export function unfilteredIndex(allIds: readonly Id[], visibleAfterDrop: readonly Id[], taskId: Id): number {
  const others = allIds.filter((id) => id !== taskId);
  const at = visibleAfterDrop.indexOf(taskId);
  if (at < 0) return others.length;
  const above = visibleAfterDrop[at - 1];
  if (above !== undefined) {
    const i = others.indexOf(above);
    if (i >= 0) return i + 1;
  }
  const below = visibleAfterDrop[at + 1];
  if (below !== undefined) {
    const i = others.indexOf(below);
    if (i >= 0) return i;
  }
  return others.length;
}

export interface SprintProgress {
  totalPoints: number;
  closedPoints: number;
  openTasks: number;
  closedTasks: number;
  /** 0-100, by points when the sprint has points, else by tasks. */
  percent: number;
}

export function sprintProgress(sprint: Pick<Milestone, "total_points" | "closed_points">, tasks: readonly Pick<Task, "is_closed">[]): SprintProgress {
  const totalPoints = sprint.total_points ?? 0;
  const closedPoints = sprint.closed_points ?? 0;
  const closedTasks = tasks.filter((t) => t.is_closed).length;
  const openTasks = tasks.length - closedTasks;
  const percent = totalPoints > 0 ? (closedPoints / totalPoints) * 100 : tasks.length > 0 ? (closedTasks / tasks.length) * 100 : 0;
  return { totalPoints, closedPoints, openTasks, closedTasks, percent: Math.round(Math.max(0, Math.min(100, percent))) };
}

/** The sprint selector: open sprints first, then closed ones; each the latest start first. */
export function sprintChoices(milestones: readonly ProjectMilestoneSummary[]): { open: ProjectMilestoneSummary[]; closed: ProjectMilestoneSummary[] } {
  // The project detail lists sprints by estimated start, earliest first.
  const latestFirst = [...milestones].reverse();
  return { open: latestFirst.filter((m) => !m.closed), closed: latestFirst.filter((m) => m.closed) };
}

/** "7" or "2.5": points as the eye reads them. */
export function formatPoints(points: number | null | undefined): string {
  if (points === null || points === undefined) return "–";
  return Number.isInteger(points) ? String(points) : String(Math.round(points * 10) / 10);
}

export function cellOfKey(row: Id | null, status: Id): TaskboardCell {
  return { storyId: row, statusId: status };
}

/**
 * The backlog page's pure model: URL filters, points per role, sprint totals and progress, the
 * velocity line.
 */
import type { Id, Milestone, ProjectStats, UserStory } from "../../api/types";

/* ------------------------------------------------------------------ filters ------------------------------------------------------------------ */

/** `"none"` stands for "no assignee" / "no epic". */
export type OrNone = Id | "none";

export interface BacklogFilters {
  /** Words of the subject, or `#12` / `12` for a ref. */
  q: string;
  statuses: Id[];
  assignees: OrNone[];
  tags: string[];
  epics: OrNone[];
}

export const NO_FILTERS: BacklogFilters = { q: "", statuses: [], assignees: [], tags: [], epics: [] };

const ids = (raw: string | null): Id[] =>
  (raw ?? "")
    .split(",")
    .map((x) => Number(x))
    .filter((n) => Number.isInteger(n) && n > 0);
const idsOrNone = (raw: string | null): OrNone[] =>
  (raw ?? "")
    .split(",")
    .filter(Boolean)
    .map((x) => (x === "none" ? "none" : Number(x)))
    .filter((x): x is OrNone => x === "none" || (Number.isInteger(x) && x > 0));

export function filtersFromParams(params: URLSearchParams): BacklogFilters {
  return {
    q: params.get("q") ?? "",
    statuses: ids(params.get("status")),
    assignees: idsOrNone(params.get("assignee")),
    tags: (params.get("tags") ?? "").split(",").filter(Boolean),
    epics: idsOrNone(params.get("epic")),
  };
}

/** Writes the filters into the query string (other parameters kept; empty filters removed). */
export function filtersToParams(f: BacklogFilters, previous: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(previous);
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set("q", f.q);
  set("status", f.statuses.join(","));
  set("assignee", f.assignees.join(","));
  set("tags", f.tags.join(","));
  set("epic", f.epics.join(","));
  return next;
}

export const isFiltering = (f: BacklogFilters): boolean =>
  f.q.trim() !== "" || f.statuses.length > 0 || f.assignees.length > 0 || f.tags.length > 0 || f.epics.length > 0;

/** Everyone a story is assigned to (`assigned_users` holds `assigned_to` too, but not always in caches). */
export function assigneesOf(story: Pick<UserStory, "assigned_to"> & { assigned_users?: Id[] }): Id[] {
  const set = new Set(story.assigned_users ?? []);
  if (story.assigned_to !== null) set.add(story.assigned_to);
  return [...set];
}

export function matchesFilters(story: UserStory, f: BacklogFilters): boolean {
  const q = f.q.trim().toLowerCase();
  if (q) {
    const ref = /^#?(\d+)$/.exec(q);
    const refMatch = ref ? String(story.ref).startsWith(ref[1] as string) : false;
    const words = q.replace(/^#/, "").split(/\s+/).filter(Boolean);
    const subject = story.subject.toLowerCase();
    if (!refMatch && !words.every((w) => subject.includes(w))) return false;
  }
  if (f.statuses.length && !f.statuses.includes(story.status)) return false;
  if (f.assignees.length) {
    const who = assigneesOf(story);
    const ok = f.assignees.some((a) => (a === "none" ? who.length === 0 : who.includes(a)));
    if (!ok) return false;
  }
  if (f.tags.length && !story.tags.some(([name]) => f.tags.includes(name))) return false;
  if (f.epics.length) {
    const epics = (story.epics ?? []).map((e) => e.id);
    const ok = f.epics.some((e) => (e === "none" ? epics.length === 0 : epics.includes(e)));
    if (!ok) return false;
  }
  return true;
}

/* ------------------------------------------------------------------ points ------------------------------------------------------------------ */

/** `"all"` = the story's total; a role id = that role's points. */
export type RoleChoice = "all" | Id;

/** A story's points for the chosen role (null when "?" or unset). */
export function pointsFor(
  story: { points: Record<string, Id>; total_points: number | null },
  role: RoleChoice,
  valueOf: ReadonlyMap<Id, number | null>,
): number | null {
  if (role === "all") return story.total_points;
  const pointsId = story.points[String(role)];
  return pointsId === undefined ? null : (valueOf.get(pointsId) ?? null);
}

export function sumPoints<T>(list: readonly T[], points: (item: T) => number | null): number {
  let total = 0;
  for (const item of list) total += points(item) ?? 0;
  return total;
}

/** "3", "0.5", "12.5": points as people write them. */
export function formatPoints(value: number | null): string {
  if (value === null) return "?";
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** A story's total as Taiga sums it: the values of its role points, null when every one is "?". */
export function totalOf(points: Record<string, Id>, valueOf: ReadonlyMap<Id, number | null>): number | null {
  let total: number | null = null;
  for (const id of Object.values(points)) {
    const v = valueOf.get(id);
    if (v !== null && v !== undefined) total = (total ?? 0) + v;
  }
  return total;
}

/* ------------------------------------------------------------------ sprints ------------------------------------------------------------------ */

export interface SprintProgress {
  closedPoints: number;
  totalPoints: number;
  closedStories: number;
  totalStories: number;
  /** 0..1 by points (by stories when nothing is estimated). */
  ratio: number;
}

export function sprintProgress(sprint: Pick<Milestone, "total_points" | "closed_points" | "user_stories">): SprintProgress {
  const totalPoints = sprint.total_points ?? 0;
  const closedPoints = sprint.closed_points ?? 0;
  const totalStories = sprint.user_stories.length;
  const closedStories = sprint.user_stories.filter((s) => s.is_closed).length;
  const ratio = totalPoints > 0 ? closedPoints / totalPoints : totalStories > 0 ? closedStories / totalStories : 0;
  return { closedPoints, totalPoints, closedStories, totalStories, ratio: Math.max(0, Math.min(1, ratio)) };
}

/** The sprint the team is in: the open sprint whose dates hold today, else the next one to start, else the last. */
export function currentSprintOf<T extends Pick<Milestone, "id" | "closed" | "estimated_start" | "estimated_finish">>(sprints: readonly T[], today: string): T | null {
  const open = [...sprints].filter((s) => !s.closed).sort((a, b) => a.estimated_start.localeCompare(b.estimated_start) || a.id - b.id);
  return (
    open.find((s) => s.estimated_start <= today && today <= s.estimated_finish) ??
    open.find((s) => s.estimated_start > today) ??
    open[open.length - 1] ??
    null
  );
}

/** Today as `YYYY-MM-DD` in the user's time zone. */
export function todayString(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/* ------------------------------------------------------------------ velocity ------------------------------------------------------------------ */

/**
 * The average closed points of the last three finished sprints, from the project stats: sprint i
 * closed `evolution[i] - evolution[i+1]` points (the burndown's steps). A sprint is finished when it
 * is closed or its end date is past; open sprints come with their dates. Null when no sprint finished.
 */
export function velocityOf(
  stats: Pick<ProjectStats, "milestones">,
  sprintCount: number,
  open: readonly Pick<Milestone, "name" | "estimated_finish">[],
  today: string,
): number | null {
  const curve = stats.milestones;
  const closedPerSprint: number[] = [];
  for (let i = 0; i < Math.min(sprintCount, curve.length - 1); i++) {
    const here = curve[i]?.evolution;
    const next = curve[i + 1]?.evolution;
    const sprint = curve[i];
    if (!sprint || here === null || here === undefined || next === null || next === undefined) continue;
    const stillRunning = open.find((o) => o.name === sprint.name && o.estimated_finish >= today);
    if (stillRunning) continue;
    closedPerSprint.push(here - next);
  }
  const last = closedPerSprint.slice(-3);
  if (last.length === 0) return null;
  return last.reduce((a, b) => a + b, 0) / last.length;
}

/**
 * The first story (in backlog order) that no longer fits in one sprint at that velocity: the
 * running sum of points goes over it there. Null when everything fits or there is no velocity.
 */
export function velocityCut<T extends { id: Id }>(stories: readonly T[], points: (s: T) => number | null, velocity: number | null): Id | null {
  if (velocity === null || !(velocity > 0)) return null;
  let sum = 0;
  for (const s of stories) {
    sum += points(s) ?? 0;
    if (sum > velocity) return s.id;
  }
  return null;
}

/** Id -> value of the project's points scale. */
export function pointValues(points: readonly { id: Id; value: number | null }[]): Map<Id, number | null> {
  return new Map(points.map((p) => [p.id, p.value]));
}

/**
 * The Kanban board as data: columns (user-story statuses in order), rows (swimlanes plus
 * "No swimlane"), the cards of each cell after filtering, WIP counts.
 */
import type { Id, ProjectMember, Swimlane, UserStory, UserStoryStatus } from "../../api/types";
import { cellKey, compareKanban } from "../../lib/kanbanOrder";

export interface BoardFilters {
  /** Free text: matches the subject, or the ref when it is a number (with or without '#'). */
  q: string;
  /** Assignee user ids; `null` stands for "Unassigned". */
  assignees: (Id | null)[];
  /** Tag names (OR). */
  tags: string[];
}

export const emptyFilters: BoardFilters = { q: "", assignees: [], tags: [] };

/** A change to the filters, applied to the ones in the URL at the time it lands. */
export type FiltersUpdate = (current: BoardFilters) => BoardFilters;

export interface BoardRow {
  /** Swimlane id, or null for the "No swimlane" row (and for boards without swimlanes). */
  id: Id | null;
  name: string;
}

export function filtersFromParams(params: URLSearchParams): BoardFilters {
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

export function filtersToParams(filters: BoardFilters, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set("q", filters.q);
  set("assignee", filters.assignees.map((a) => (a === null ? "none" : String(a))).join(","));
  set("tags", filters.tags.join(","));
  return next;
}

export function isFiltering(filters: BoardFilters): boolean {
  return filters.q.trim() !== "" || filters.assignees.length > 0 || filters.tags.length > 0;
}

export function storyAssignees(story: UserStory): Id[] {
  const ids = new Set(story.assigned_users ?? []);
  if (story.assigned_to !== null) ids.add(story.assigned_to);
  return [...ids];
}

export function matchesFilters(story: UserStory, filters: BoardFilters): boolean {
  const q = filters.q.trim().toLowerCase();
  if (q) {
    const refQuery = /^#?(\d+)$/.exec(q);
    const byRef = refQuery ? story.ref === Number(refQuery[1]) : false;
    if (!byRef && !story.subject.toLowerCase().includes(q)) return false;
  }
  if (filters.assignees.length > 0) {
    const assigned = storyAssignees(story);
    const ok = filters.assignees.some((a) => (a === null ? assigned.length === 0 : assigned.includes(a)));
    if (!ok) return false;
  }
  if (filters.tags.length > 0) {
    const names = new Set(story.tags.map(([name]) => name));
    if (!filters.tags.some((t) => names.has(t))) return false;
  }
  return true;
}

export function boardColumns(statuses: readonly UserStoryStatus[] | null | undefined): UserStoryStatus[] {
  return [...(statuses ?? [])].sort((a, b) => a.order - b.order || a.id - b.id);
}

/**
 * Rows of the board: one per swimlane in order, then "No swimlane" when some story has none
 * (Taiga's "unclassified" lane). A project without swimlanes has a single unnamed row.
 */
export function boardRows(swimlanes: readonly Swimlane[] | null | undefined, stories: readonly UserStory[]): BoardRow[] {
  const lanes = [...(swimlanes ?? [])].sort((a, b) => a.order - b.order || a.id - b.id);
  if (lanes.length === 0) return [{ id: null, name: "" }];
  const rows: BoardRow[] = lanes.map((l) => ({ id: l.id, name: l.name }));
  const known = new Set(lanes.map((l) => l.id));
  if (stories.some((s) => s.swimlane === null || !known.has(s.swimlane))) rows.push({ id: null, name: "No swimlane" });
  return rows;
}

/**
 * Groups stories into cells (keyed by `cellKey`) in board order. Stories in a swimlane the
 * board does not know are shown in "No swimlane" so nothing silently disappears.
 */
export function groupIntoCells(
  stories: readonly UserStory[],
  rows: readonly BoardRow[],
  filters: BoardFilters,
): Map<string, UserStory[]> {
  const known = new Set(rows.map((r) => r.id));
  const cells = new Map<string, UserStory[]>();
  const filtering = isFiltering(filters);
  for (const s of stories) {
    if (filtering && !matchesFilters(s, filters)) continue;
    const lane = known.has(s.swimlane) ? s.swimlane : null;
    const key = cellKey({ statusId: s.status, swimlaneId: lane });
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(s);
  }
  for (const list of cells.values()) list.sort(compareKanban);
  return cells;
}

/**
 * Keeps the previous array of every cell whose cards did not change, so a move re-renders the
 * one or two cells it touched, not the whole board.
 */
export function shareCells(
  prev: ReadonlyMap<string, UserStory[]> | null,
  next: Map<string, UserStory[]>,
): Map<string, UserStory[]> {
  if (!prev) return next;
  for (const [key, list] of next) {
    const old = prev.get(key);
    if (old && old.length === list.length && old.every((s, i) => s === list[i])) next.set(key, old);
  }
  return next;
}

/** Stories per status (unfiltered: WIP is about the real work in progress). */
export function countByStatus(stories: readonly UserStory[]): Map<Id, number> {
  const counts = new Map<Id, number>();
  for (const s of stories) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return counts;
}

/** Stories per cell, unfiltered. */
export function countByCell(stories: readonly UserStory[], rows: readonly BoardRow[]): Map<string, number> {
  const known = new Set(rows.map((r) => r.id));
  const counts = new Map<string, number>();
  for (const s of stories) {
    const key = cellKey({ statusId: s.status, swimlaneId: known.has(s.swimlane) ? s.swimlane : null });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A WIP limit of null or 0 means "no limit" (Taiga stores 0 for unset swimlane limits). */
export function wipExceeded(count: number, limit: number | null | undefined): boolean {
  return typeof limit === "number" && limit > 0 && count > limit;
}

export function membersById(members: readonly ProjectMember[] | null | undefined): Map<Id, ProjectMember> {
  return new Map((members ?? []).map((m) => [m.id, m]));
}

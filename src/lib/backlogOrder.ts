/**
 * Backlog and sprint ordering maths: turning "the user dropped these stories here" into Taiga's
 * `POST /userstories/bulk_update_backlog_order` body, and applying the same move to local lists
 * the way the server does (so the optimistic screen matches the answer).
 *
 * Taiga's rules (bulk-ordering.md §3): the target is the backlog (no `milestone_id`) or a sprint
 * (`milestone_id`); the order field is `backlog_order` in the backlog and `sprint_order` in a sprint;
 * an anchor must be a story currently in the target; with `after` A the moved stories take F(A)+1,
 * F(A)+2, … and every other target story with F >= F(A) (A excluded) follows them; with `before` B
 * they start at F(B) and every story with F >= F(B) follows; with no anchor the whole target is
 * renumbered from 1 with the moved stories first. Moved stories (and their tasks) take the target's
 * sprint, wherever they came from: one request moves a selection between containers.
 */
import type { BulkUpdateBacklogOrderBody, Id } from "../api/types";

/** Where a story lives on the backlog page: `null` = the backlog, a number = that sprint. */
export type Container = Id | null;

/** The part of a story the ordering maths needs. */
export interface BacklogOrdered {
  id: Id;
  milestone: Id | null;
  backlog_order: number;
  sprint_order: number;
}

export type BacklogOrderField = "backlog_order" | "sprint_order";

/** One row of the answer: `{id, milestone, backlog_order}` or `{id, milestone, sprint_order}`. */
export interface BacklogOrderResult {
  id: Id;
  milestone: Id | null;
  backlog_order?: number;
  sprint_order?: number;
}

export const fieldOf = (container: Container): BacklogOrderField => (container === null ? "backlog_order" : "sprint_order");

/** Display order of a container: by its order field, ties by id (the server's tie-break). */
export function sortForContainer<T extends BacklogOrdered>(stories: readonly T[], container: Container): T[] {
  const field = fieldOf(container);
  return [...stories].sort((a, b) => a[field] - b[field] || a.id - b.id);
}

export interface BacklogDrop {
  projectId: Id;
  /** The stories dropped, in the order they are to be placed (one story or a selection). */
  moved: readonly Id[];
  /** Where they were dropped. */
  to: Container;
  /**
   * Ids of the target's stories in display order, as shown before the drag. May contain moved
   * stories (a reorder inside the same container); they are never used as anchors.
   */
  targetIds: readonly Id[];
  /** Position of the moved block in the target after the drop, counted without the moved stories. */
  index: number;
}

/**
 * The request for one drop, or null when nothing would change (the stories were dropped where they
 * already are, in the same order). The anchor is the story just above the drop position
 * (`after_userstory_id`); at the top of a non-empty target it is the first story
 * (`before_userstory_id`); an empty target has none.
 */
export function backlogDropRequest(drop: BacklogDrop): BulkUpdateBacklogOrderBody | null {
  if (drop.moved.length === 0) return null;
  const movedSet = new Set(drop.moved);
  const others = drop.targetIds.filter((id) => !movedSet.has(id));
  const index = Math.max(0, Math.min(drop.index, others.length));
  const result = [...others.slice(0, index), ...drop.moved, ...others.slice(index)];
  if (result.length === drop.targetIds.length && result.every((id, i) => id === drop.targetIds[i])) return null;

  const body: BulkUpdateBacklogOrderBody = { project_id: drop.projectId, bulk_userstories: [...drop.moved] };
  if (drop.to !== null) body.milestone_id = drop.to;
  const after = index > 0 ? others[index - 1] : undefined;
  const before = index === 0 ? others[0] : undefined;
  if (after !== undefined) body.after_userstory_id = after;
  else if (before !== undefined) body.before_userstory_id = before;
  return body;
}

/** "Move to the end of that sprint/the backlog": the request to append stories after the target's last one. */
export function appendRequest(projectId: Id, moved: readonly Id[], to: Container, targetIds: readonly Id[]): BulkUpdateBacklogOrderBody | null {
  const movedSet = new Set(moved);
  return backlogDropRequest({ projectId, moved, to, targetIds, index: targetIds.filter((id) => !movedSet.has(id)).length });
}

/**
 * Applies a move to a local list the way the server does: the target's stories (moved ones
 * excluded) after the anchor are renumbered behind the moved ones, and the moved stories take the
 * target's sprint. `stories` may hold every container; stories outside the target keep their orders
 * (a story that left a container keeps its old order field, as on the server).
 * Returns a new array; stories that did not change keep their identity.
 */
export function applyBacklogMove<T extends BacklogOrdered>(stories: readonly T[], body: BulkUpdateBacklogOrderBody): T[] {
  const target: Container = body.milestone_id ?? null;
  const field = fieldOf(target);
  const moved = body.bulk_userstories;
  const movedSet = new Set(moved);
  const byId = new Map(stories.map((s) => [s.id, s]));
  let neighbours = stories.filter((s) => s.milestone === target && !movedSet.has(s.id));
  let start = 1;
  if (body.before_userstory_id !== undefined && body.before_userstory_id !== null) {
    const anchor = byId.get(body.before_userstory_id);
    if (anchor) {
      start = anchor[field];
      neighbours = neighbours.filter((s) => s[field] >= start);
    }
  } else if (body.after_userstory_id !== undefined && body.after_userstory_id !== null) {
    const anchor = byId.get(body.after_userstory_id);
    if (anchor) {
      start = anchor[field] + 1;
      neighbours = neighbours.filter((s) => s.id !== anchor.id && s[field] >= anchor[field]);
    }
  }
  const sequence = [...moved, ...[...neighbours].sort((a, b) => a[field] - b[field] || a.id - b.id).map((s) => s.id)];
  const assigned = new Map(sequence.map((id, i) => [id, start + i]));
  return stories.map((s) => {
    const order = assigned.get(s.id);
    const milestone = movedSet.has(s.id) ? target : s.milestone;
    if (order === undefined && milestone === s.milestone) return s;
    return { ...s, milestone, ...(order !== undefined ? { [field]: order } : {}) };
  });
}

/**
 * Writes the server's answer into a local list: each listed story gets its sprint and the order
 * of the target's field. Stories not in the answer are untouched.
 */
export function applyBacklogResult<T extends BacklogOrdered>(stories: readonly T[], rows: readonly BacklogOrderResult[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return stories.map((s) => {
    const row = byId.get(s.id);
    if (!row) return s;
    const next: T = { ...s, milestone: row.milestone };
    if (row.backlog_order !== undefined) next.backlog_order = row.backlog_order;
    if (row.sprint_order !== undefined) next.sprint_order = row.sprint_order;
    return next.milestone === s.milestone && next.backlog_order === s.backlog_order && next.sprint_order === s.sprint_order ? s : next;
  });
}

/**
 * The stories of a selection in the order they are to be placed: container by container in the
 * given container order (the backlog, then the sprints as shown), each in its display order.
 */
export function selectionInOrder(selected: ReadonlySet<Id>, containers: readonly (readonly Id[])[]): Id[] {
  const out: Id[] = [];
  for (const ids of containers) for (const id of ids) if (selected.has(id)) out.push(id);
  return out;
}

/**
 * The ids selected by a Shift-click range: everything between the anchor (the last plain or
 * Ctrl/Cmd click) and the clicked story in one container's display order, both included.
 */
export function rangeBetween(ids: readonly Id[], anchor: Id, clicked: Id): Id[] {
  const a = ids.indexOf(anchor);
  const b = ids.indexOf(clicked);
  if (a < 0 || b < 0) return [clicked];
  const [from, to] = a <= b ? [a, b] : [b, a];
  return ids.slice(from, to + 1);
}

/* ------------------------------------------------------------------ the page's two caches ------------------------------------------------------------------ */

/**
 * The backlog page reads two lists the server keeps apart: the backlog (`GET /userstories?milestone=null`,
 * full stories) and the sprints (`GET /milestones`, each embedding its stories in a shorter shape). A
 * move is applied to both at once: stories leave one list and enter the other, the sprints' totals
 * follow.
 */
export interface SprintLike<N extends BacklogOrdered> {
  id: Id;
  user_stories: N[];
  total_points: number | null;
  closed_points: number | null;
}

/** A sprint's totals as the server computes them: sums of its stories' point values (null when none). */
export function sprintTotals(stories: readonly { total_points: number | null; is_closed: boolean }[]): { total_points: number | null; closed_points: number | null } {
  let total: number | null = null;
  let closed: number | null = null;
  for (const s of stories) {
    if (s.total_points === null) continue;
    total = (total ?? 0) + s.total_points;
    if (s.is_closed) closed = (closed ?? 0) + s.total_points;
  }
  return { total_points: total, closed_points: closed };
}

interface Shapes<F, N> {
  /** A backlog story as a sprint embeds it (a sprint may hold the fuller object). */
  toNested: (story: F) => N;
  /** A sprint's story back in the backlog. */
  toFull: (story: N) => F;
}

type Story = BacklogOrdered & { total_points: number | null; is_closed: boolean };

/**
 * Applies `change` (a move, or the server's answer) to the backlog list and the sprint lists together.
 * Stories are taken from wherever they are, changed, and put back where their `milestone` now says;
 * a sprint that is not in the lists (closed sprints not loaded) simply does not show them.
 */
export function changeBacklogAndSprints<F extends Story, N extends Story, S extends SprintLike<N>>(
  backlog: readonly F[] | undefined,
  sprintLists: readonly (readonly S[] | undefined)[],
  change: (all: (F | N)[]) => (F | N)[],
  shapes: Shapes<F, N>,
): { backlog: F[] | undefined; sprintLists: (S[] | undefined)[] } {
  const fromBacklog = new Set<Id>();
  const all: (F | N)[] = [];
  for (const s of backlog ?? []) {
    fromBacklog.add(s.id);
    all.push(s);
  }
  const seen = new Set(all.map((s) => s.id));
  for (const list of sprintLists) {
    for (const sprint of list ?? []) {
      for (const s of sprint.user_stories) {
        if (seen.has(s.id)) continue;
        seen.add(s.id);
        all.push(s);
      }
    }
  }
  const changed = change(all);
  const before = new Map(all.map((s) => [s.id, s]));
  const after = new Map(changed.map((s) => [s.id, s]));
  const touched = new Set(changed.filter((s) => before.get(s.id) !== s).map((s) => s.id));
  if (touched.size === 0) return { backlog: backlog ? [...backlog] : undefined, sprintLists: sprintLists.map((l) => (l ? [...l] : l)) };

  let nextBacklog: F[] | undefined;
  if (backlog) {
    const stay = backlog.flatMap((s) => {
      const now = after.get(s.id);
      if (!now || now.milestone !== null) return [];
      return [(touched.has(s.id) ? now : s) as F];
    });
    const arrived = changed.filter((s) => s.milestone === null && !fromBacklog.has(s.id)).map((s) => shapes.toFull(s as N));
    nextBacklog = sortForContainer([...stay, ...arrived], null);
  }
  const nextLists = sprintLists.map((list) =>
    list?.map((sprint) => {
      const inSprint = changed.filter((s) => s.milestone === sprint.id);
      const unchanged = inSprint.length === sprint.user_stories.length && inSprint.every((s) => !touched.has(s.id) && sprint.user_stories.includes(s as N));
      if (unchanged) return sprint;
      const stories = sortForContainer(
        inSprint.map((s) => (fromBacklog.has(s.id) ? shapes.toNested(s as F) : (s as N))),
        sprint.id,
      );
      return { ...sprint, user_stories: stories, ...sprintTotals(stories) };
    }),
  );
  return { backlog: nextBacklog, sprintLists: nextLists };
}

/**
 * Kanban ordering maths: turning "the user dropped this card here" into Taiga's
 * `POST /userstories/bulk_update_kanban_order` body, and applying the same move to a
 * local list the way the server does (so the optimistic board matches the answer).
 *
 * Taiga's rules (bulk-ordering.md §4): the cell is (status, swimlane); `swimlane_id` is
 * omitted for "no swimlane" (an explicit null is rejected); an anchor must be in the
 * target cell; with `after` A the moved cards take F(A)+1, F(A)+2, … and every cell card
 * with F >= F(A) (A excluded) follows them; with `before` B they start at F(B) and every
 * card with F >= F(B) follows; with no anchor the whole cell is renumbered from 1 with
 * the moved cards first.
 */

import type { BulkUpdateKanbanOrderAnswer, BulkUpdateKanbanOrderBody } from "../api/types";

/** A Kanban cell: one status column in one swimlane row (null = "No swimlane"). */
export interface KanbanCell {
  statusId: number;
  swimlaneId: number | null;
}

/** The part of a user story the ordering maths needs. */
export interface KanbanOrdered {
  id: number;
  status: number | null;
  swimlane: number | null;
  kanban_order: number;
}

/** The request body (types.ts); `swimlane_id` is omitted, never null, for "no swimlane". */
export type KanbanOrderBody = BulkUpdateKanbanOrderBody;

/** One row of the `bulk_update_kanban_order` answer. */
export type KanbanOrderResult = BulkUpdateKanbanOrderAnswer[number];

export interface KanbanDrop {
  projectId: number;
  /** The dragged story's id. */
  cardId: number;
  /** The cell the card was in when the drag started. */
  from: KanbanCell;
  /** The cell it was dropped in. */
  to: KanbanCell;
  /**
   * Ids of the cards of the target cell in board order, as shown before the drag.
   * May contain the dragged card (same-cell moves); it is ignored for the anchor.
   */
  targetCardIds: readonly number[];
  /** Position of the card in the target cell after the drop, counted without the card itself. */
  index: number;
}

export function sameCell(a: KanbanCell, b: KanbanCell): boolean {
  return a.statusId === b.statusId && a.swimlaneId === b.swimlaneId;
}

/**
 * The request for one drop, or null when the card was dropped where it already was.
 * The anchor is the card just above the drop position (`after_userstory_id`); at the top
 * of a non-empty cell it is the first card (`before_userstory_id`); an empty cell has none.
 */
export function kanbanDropRequest(drop: KanbanDrop): KanbanOrderBody | null {
  const others = drop.targetCardIds.filter((id) => id !== drop.cardId);
  const index = Math.max(0, Math.min(drop.index, others.length));

  if (sameCell(drop.from, drop.to)) {
    const current = drop.targetCardIds.indexOf(drop.cardId);
    if (current === -1 || current === index) return null;
  }

  const body: KanbanOrderBody = {
    project_id: drop.projectId,
    status_id: drop.to.statusId,
    bulk_userstories: [drop.cardId],
  };
  if (drop.to.swimlaneId !== null) body.swimlane_id = drop.to.swimlaneId;
  const after = index > 0 ? others[index - 1] : undefined;
  const before = index === 0 ? others[0] : undefined;
  if (after !== undefined) body.after_userstory_id = after;
  else if (before !== undefined) body.before_userstory_id = before;
  return body;
}

/** Board order inside a cell: kanban_order, then id (the server's tie-break). */
export function compareKanban(a: KanbanOrdered, b: KanbanOrdered): number {
  return a.kanban_order - b.kanban_order || a.id - b.id;
}

function inCell(story: KanbanOrdered, cell: KanbanCell): boolean {
  return story.status === cell.statusId && story.swimlane === cell.swimlaneId;
}

/**
 * Applies a `bulk_update_kanban_order` body to a local list exactly as the server would,
 * returning a new array (untouched stories keep their identity) and the rows it changed.
 */
export function applyKanbanOrder<T extends KanbanOrdered>(
  stories: readonly T[],
  body: KanbanOrderBody,
): { stories: T[]; changed: KanbanOrderResult[] } {
  const cell: KanbanCell = { statusId: body.status_id, swimlaneId: body.swimlane_id ?? null };
  const moving = new Set(body.bulk_userstories);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const cellStories = stories.filter((s) => inCell(s, cell) && !moving.has(s.id)).sort(compareKanban);

  let start: number;
  let neighbours: T[];
  const anchorAfter = body.after_userstory_id !== undefined ? byId.get(body.after_userstory_id) : undefined;
  const anchorBefore = body.before_userstory_id !== undefined ? byId.get(body.before_userstory_id) : undefined;
  if (anchorAfter) {
    start = anchorAfter.kanban_order + 1;
    neighbours = cellStories.filter((s) => s.kanban_order >= anchorAfter.kanban_order && s.id !== anchorAfter.id);
  } else if (anchorBefore) {
    start = anchorBefore.kanban_order;
    neighbours = cellStories.filter((s) => s.kanban_order >= anchorBefore.kanban_order);
  } else {
    start = 1;
    neighbours = cellStories;
  }

  const sequence = [
    ...body.bulk_userstories.map((id) => byId.get(id)).filter((s): s is T => s !== undefined),
    ...neighbours,
  ];
  const changed: KanbanOrderResult[] = sequence.map((s, i) => ({
    id: s.id,
    swimlane: cell.swimlaneId,
    status: cell.statusId,
    kanban_order: start + i,
  }));
  return { stories: applyKanbanResult(stories, changed), changed };
}

/** Writes the rows answered by the server (status, swimlane, kanban_order) into a list. */
export function applyKanbanResult<T extends KanbanOrdered>(
  stories: readonly T[],
  rows: readonly KanbanOrderResult[],
): T[] {
  if (rows.length === 0) return [...stories];
  const updates = new Map(rows.map((r) => [r.id, r]));
  return stories.map((s) => {
    const u = updates.get(s.id);
    if (!u) return s;
    if (u.status === s.status && u.swimlane === s.swimlane && u.kanban_order === s.kanban_order) return s;
    return { ...s, status: u.status, swimlane: u.swimlane, kanban_order: u.kanban_order };
  });
}

/** Stories of one cell in board order. */
export function cellCards<T extends KanbanOrdered>(stories: readonly T[], cell: KanbanCell): T[] {
  return stories.filter((s) => inCell(s, cell)).sort(compareKanban);
}

/** A stable string id for a cell, used as the droppable container id. */
export function cellKey(cell: KanbanCell): string {
  return `cell:${cell.statusId}:${cell.swimlaneId ?? "none"}`;
}

export function parseCellKey(key: string): KanbanCell | null {
  const m = /^cell:(\d+):(\d+|none)$/.exec(key);
  if (!m) return null;
  return { statusId: Number(m[1]), swimlaneId: m[2] === "none" ? null : Number(m[2]) };
}

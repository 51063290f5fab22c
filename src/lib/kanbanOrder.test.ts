import { describe, expect, it } from "vitest";
import {
  applyKanbanOrder,
  applyKanbanResult,
  cellCards,
  cellKey,
  kanbanDropRequest,
  parseCellKey,
  type KanbanOrdered,
} from "./kanbanOrder";

const NEW = 1;
const WIP = 2;
const LANE_A = 10;
const LANE_B = 11;

function story(id: number, status: number, swimlane: number | null, kanban_order: number): KanbanOrdered {
  return { id, status, swimlane, kanban_order };
}

// Cell (NEW, LANE_A) holds 1, 2, 3 in that order; (WIP, LANE_A) holds 4; (NEW, LANE_B) is empty.
const board = [story(1, NEW, LANE_A, 1), story(2, NEW, LANE_A, 2), story(3, NEW, LANE_A, 3), story(4, WIP, LANE_A, 1)];
const cellA = { statusId: NEW, swimlaneId: LANE_A };

describe("kanbanDropRequest", () => {
  it("moves a card to the top of its column with the first card as 'before' anchor", () => {
    expect(
      kanbanDropRequest({ projectId: 7, cardId: 3, from: cellA, to: cellA, targetCardIds: [1, 2, 3], index: 0 }),
    ).toEqual({ project_id: 7, status_id: NEW, swimlane_id: LANE_A, before_userstory_id: 1, bulk_userstories: [3] });
  });

  it("moves a card to the bottom with the last other card as 'after' anchor", () => {
    expect(
      kanbanDropRequest({ projectId: 7, cardId: 1, from: cellA, to: cellA, targetCardIds: [1, 2, 3], index: 2 }),
    ).toEqual({ project_id: 7, status_id: NEW, swimlane_id: LANE_A, after_userstory_id: 3, bulk_userstories: [1] });
  });

  it("drops between two cards of another column after the upper one", () => {
    const body = kanbanDropRequest({
      projectId: 7,
      cardId: 4,
      from: { statusId: WIP, swimlaneId: LANE_A },
      to: cellA,
      targetCardIds: [1, 2, 3],
      index: 2,
    });
    expect(body).toEqual({ project_id: 7, status_id: NEW, swimlane_id: LANE_A, after_userstory_id: 2, bulk_userstories: [4] });
  });

  it("sends no anchor when the column is empty", () => {
    expect(
      kanbanDropRequest({ projectId: 7, cardId: 1, from: cellA, to: { statusId: WIP, swimlaneId: LANE_B }, targetCardIds: [], index: 0 }),
    ).toEqual({ project_id: 7, status_id: WIP, swimlane_id: LANE_B, bulk_userstories: [1] });
  });

  it("targets another swimlane of the same status", () => {
    const body = kanbanDropRequest({
      projectId: 7,
      cardId: 2,
      from: cellA,
      to: { statusId: NEW, swimlaneId: LANE_B },
      targetCardIds: [9],
      index: 1,
    });
    expect(body).toEqual({ project_id: 7, status_id: NEW, swimlane_id: LANE_B, after_userstory_id: 9, bulk_userstories: [2] });
  });

  it("omits swimlane_id for the 'No swimlane' row (Taiga rejects an explicit null)", () => {
    const body = kanbanDropRequest({
      projectId: 7,
      cardId: 2,
      from: cellA,
      to: { statusId: NEW, swimlaneId: null },
      targetCardIds: [5],
      index: 0,
    });
    expect(body).not.toHaveProperty("swimlane_id");
    expect(body).toEqual({ project_id: 7, status_id: NEW, before_userstory_id: 5, bulk_userstories: [2] });
  });

  it("returns null when a card is dropped at its own position (no request)", () => {
    expect(
      kanbanDropRequest({ projectId: 7, cardId: 2, from: cellA, to: cellA, targetCardIds: [1, 2, 3], index: 1 }),
    ).toBeNull();
  });

  it("still sends a request for the same index in a different cell", () => {
    expect(
      kanbanDropRequest({ projectId: 7, cardId: 2, from: cellA, to: { statusId: WIP, swimlaneId: LANE_A }, targetCardIds: [4], index: 1 }),
    ).toEqual({ project_id: 7, status_id: WIP, swimlane_id: LANE_A, after_userstory_id: 4, bulk_userstories: [2] });
  });
});

describe("applyKanbanOrder (optimistic reorder, same maths as the server)", () => {
  it("moving to the top renumbers from the first card's order", () => {
    const { stories, changed } = applyKanbanOrder(board, {
      project_id: 7, status_id: NEW, swimlane_id: LANE_A, before_userstory_id: 1, bulk_userstories: [3],
    });
    expect(cellCards(stories, cellA).map((s) => s.id)).toEqual([3, 1, 2]);
    expect(changed).toEqual([
      { id: 3, swimlane: LANE_A, status: NEW, kanban_order: 1 },
      { id: 1, swimlane: LANE_A, status: NEW, kanban_order: 2 },
      { id: 2, swimlane: LANE_A, status: NEW, kanban_order: 3 },
    ]);
  });

  it("moves a card into another column after the anchor and keeps untouched cards as they were", () => {
    const { stories } = applyKanbanOrder(board, {
      project_id: 7, status_id: NEW, swimlane_id: LANE_A, after_userstory_id: 1, bulk_userstories: [4],
    });
    expect(cellCards(stories, cellA).map((s) => s.id)).toEqual([1, 4, 2, 3]);
    expect(cellCards(stories, { statusId: WIP, swimlaneId: LANE_A })).toEqual([]);
    expect(stories[0]).toBe(board[0]);
  });

  it("pushes ties after the anchor behind the moved card (server worked example)", () => {
    const cell = [story(1, NEW, null, 1), story(4, NEW, null, 4), story(5, NEW, null, 4), story(3, WIP, LANE_A, 9)];
    const { changed } = applyKanbanOrder(cell, { project_id: 7, status_id: NEW, after_userstory_id: 4, bulk_userstories: [1, 3] });
    expect(changed).toEqual([
      { id: 1, swimlane: null, status: NEW, kanban_order: 5 },
      { id: 3, swimlane: null, status: NEW, kanban_order: 6 },
      { id: 5, swimlane: null, status: NEW, kanban_order: 7 },
    ]);
  });

  it("without anchor the moved card goes first and the cell is renumbered from 1", () => {
    const { stories } = applyKanbanOrder(board, { project_id: 7, status_id: WIP, bulk_userstories: [2] });
    expect(cellCards(stories, { statusId: WIP, swimlaneId: null }).map((s) => s.kanban_order)).toEqual([1]);
    expect(stories.find((s) => s.id === 2)?.swimlane).toBeNull();
  });
});

describe("applyKanbanResult (reconcile with the server's answer)", () => {
  it("writes returned status, swimlane and order, leaving other stories untouched", () => {
    const next = applyKanbanResult(board, [{ id: 2, swimlane: LANE_B, status: WIP, kanban_order: 40 }]);
    expect(next.find((s) => s.id === 2)).toEqual(story(2, WIP, LANE_B, 40));
    expect(next[0]).toBe(board[0]);
  });
});

describe("cell keys", () => {
  it("round-trip including the 'No swimlane' row", () => {
    expect(parseCellKey(cellKey({ statusId: 3, swimlaneId: null }))).toEqual({ statusId: 3, swimlaneId: null });
    expect(parseCellKey(cellKey({ statusId: 3, swimlaneId: 12 }))).toEqual({ statusId: 3, swimlaneId: 12 });
    expect(parseCellKey("story:3")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import type { Swimlane, UserStory } from "../../api/types";
import { cellKey } from "../../lib/kanbanOrder";
import {
  boardColumns,
  boardRows,
  countByCell,
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  groupIntoCells,
  matchesFilters,
  wipExceeded,
} from "./boardModel";
import { keyboardTarget, type BoardNav } from "./keyboard";

function story(partial: Partial<UserStory> & { id: number }): UserStory {
  return {
    ref: partial.id,
    subject: `Story ${partial.id}`,
    status: 1,
    swimlane: null,
    kanban_order: partial.id,
    tags: [],
    assigned_to: null,
    assigned_users: [],
    ...partial,
  } as UserStory;
}

const lanes = [
  { id: 20, name: "Web", order: 2 },
  { id: 10, name: "Mobile", order: 1 },
] as Swimlane[];

describe("filters in the URL", () => {
  it("round-trips text, assignees (including Unassigned) and tags", () => {
    const params = filtersToParams({ q: "login", assignees: [3, null], tags: ["ui", "api"] }, new URLSearchParams("x=1"));
    expect(params.get("x")).toBe("1");
    expect(filtersFromParams(params)).toEqual({ q: "login", assignees: [3, null], tags: ["ui", "api"] });
  });

  it("drops empty filters from the URL", () => {
    const params = filtersToParams(emptyFilters, new URLSearchParams("q=old&tags=a"));
    expect(params.toString()).toBe("");
  });
});

describe("matchesFilters", () => {
  const s = story({ id: 1, ref: 42, subject: "Login with e-mail", assigned_users: [5], tags: [["auth", "#f00"]] });

  it("matches text in the subject, case-insensitively, or the ref with or without '#'", () => {
    expect(matchesFilters(s, { ...emptyFilters, q: "E-MAIL" })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters, q: "#42" })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters, q: "42" })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters, q: "#4" })).toBe(false);
    expect(matchesFilters(s, { ...emptyFilters, q: "logout" })).toBe(false);
  });

  it("matches any chosen assignee, and 'Unassigned' only stories without one", () => {
    expect(matchesFilters(s, { ...emptyFilters, assignees: [9, 5] })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters, assignees: [null] })).toBe(false);
    expect(matchesFilters(story({ id: 2 }), { ...emptyFilters, assignees: [null] })).toBe(true);
    expect(matchesFilters(story({ id: 3, assigned_to: 7 }), { ...emptyFilters, assignees: [7] })).toBe(true);
  });

  it("matches any chosen tag", () => {
    expect(matchesFilters(s, { ...emptyFilters, tags: ["ui", "auth"] })).toBe(true);
    expect(matchesFilters(s, { ...emptyFilters, tags: ["ui"] })).toBe(false);
  });
});

describe("board layout", () => {
  it("orders columns by status order", () => {
    const cols = boardColumns([
      { id: 2, order: 2, name: "B" },
      { id: 1, order: 1, name: "A" },
    ] as never);
    expect(cols.map((c) => c.name)).toEqual(["A", "B"]);
  });

  it("has one unnamed row without swimlanes", () => {
    expect(boardRows(null, [story({ id: 1 })])).toEqual([{ id: null, name: "" }]);
  });

  it("lists swimlanes in order and adds 'No swimlane' only when a story has none", () => {
    expect(boardRows(lanes, [story({ id: 1, swimlane: 10 })]).map((r) => r.name)).toEqual(["Mobile", "Web"]);
    expect(boardRows(lanes, [story({ id: 1, swimlane: null })]).map((r) => r.name)).toEqual(["Mobile", "Web", "No swimlane"]);
  });

  it("groups stories per cell in kanban order and hides the ones filtered out", () => {
    const stories = [
      story({ id: 1, swimlane: 10, kanban_order: 5 }),
      story({ id: 2, swimlane: 10, kanban_order: 1, subject: "other" }),
      story({ id: 3, swimlane: 20, status: 2 }),
    ];
    const rows = boardRows(lanes, stories);
    const cells = groupIntoCells(stories, rows, emptyFilters);
    expect(cells.get(cellKey({ statusId: 1, swimlaneId: 10 }))?.map((s) => s.id)).toEqual([2, 1]);
    expect(cells.get(cellKey({ statusId: 2, swimlaneId: 20 }))?.map((s) => s.id)).toEqual([3]);
    const filtered = groupIntoCells(stories, rows, { ...emptyFilters, q: "story" });
    expect(filtered.get(cellKey({ statusId: 1, swimlaneId: 10 }))?.map((s) => s.id)).toEqual([1]);
    // WIP counts ignore filters.
    expect(countByCell(stories, rows).get(cellKey({ statusId: 1, swimlaneId: 10 }))).toBe(2);
  });

  it("treats a WIP limit of null or 0 as no limit", () => {
    expect(wipExceeded(5, null)).toBe(false);
    expect(wipExceeded(5, 0)).toBe(false);
    expect(wipExceeded(3, 3)).toBe(false);
    expect(wipExceeded(4, 3)).toBe(true);
  });
});

describe("keyboard moves", () => {
  // Columns 1 and 2, lanes 10 and 20. Cell (1,10) has cards 1,2,3; (2,10) has 4; (1,20) and (2,20) are empty.
  const nav: BoardNav = {
    columns: [1, 2],
    rows: [10, 20],
    items: {
      [cellKey({ statusId: 1, swimlaneId: 10 })]: [1, 2, 3],
      [cellKey({ statusId: 2, swimlaneId: 10 })]: [4],
      [cellKey({ statusId: 1, swimlaneId: 20 })]: [],
      [cellKey({ statusId: 2, swimlaneId: 20 })]: [],
    },
  };

  it("moves down and up within the column", () => {
    expect(keyboardTarget(nav, 1, 1, "down")).toBe(2);
    expect(keyboardTarget(nav, 3, 3, "up")).toBe(2);
  });

  it("moves right to the same position in the next column, or its end", () => {
    expect(keyboardTarget(nav, 1, 1, "right")).toBe(4);
    expect(keyboardTarget(nav, 3, 3, "right")).toBe(cellKey({ statusId: 2, swimlaneId: 10 }));
    expect(keyboardTarget(nav, 4, 4, "left")).toBe(1);
  });

  it("crosses into the next swimlane at the bottom of a cell", () => {
    expect(keyboardTarget(nav, 3, 3, "down")).toBe(cellKey({ statusId: 1, swimlaneId: 20 }));
  });

  it("stops at the edges of the board", () => {
    expect(keyboardTarget(nav, 1, 1, "left")).toBeNull();
    expect(keyboardTarget(nav, 1, 1, "up")).toBeNull();
    expect(keyboardTarget(nav, cellKey({ statusId: 2, swimlaneId: 20 }), 1, "right")).toBeNull();
  });
});

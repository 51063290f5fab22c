import { describe, expect, it } from "vitest";
import type { Milestone, MilestoneUserStory, Task, TaskStatus } from "../../api/types";
import { cellKey } from "../../lib/taskboardOrder";
import { keyboardTarget, type BoardNav } from "./keyboard";
import {
  boardColumns,
  boardRows,
  filtersFromParams,
  filtersToParams,
  groupIntoCells,
  isFiltering,
  matchesFilters,
  rowsWithMatches,
  shareCells,
  sprintChoices,
  sprintProgress,
  STORYLESS_LABEL,
  unfilteredIndex,
} from "./taskboardModel";

const story = (id: number, ref: number, sprint_order: number): MilestoneUserStory => ({ id, ref, subject: `Story ${ref}`, sprint_order }) as MilestoneUserStory;
const task = (id: number, user_story: number | null, status: number, order: number, extra: Partial<Task> = {}): Task =>
  ({ id, ref: 100 + id, subject: `Task ${id}`, user_story, status, taskboard_order: order, assigned_to: null, tags: [], is_closed: false, user_story_extra_info: null, ...extra }) as Task;
const status = (id: number, order: number, is_closed = false): TaskStatus => ({ id, order, is_closed, name: `S${id}`, slug: `s${id}`, color: "#000" });

describe("rows and columns", () => {
  it("rows are the sprint's stories in sprint order, then the storyless row; columns by status order", () => {
    const sprint = { user_stories: [story(1, 11, 3), story(2, 12, 1), story(3, 13, 2)] } as Pick<Milestone, "user_stories">;
    expect(boardRows(sprint, []).map((r) => r.label)).toEqual(["#12 Story 12", "#13 Story 13", "#11 Story 11", STORYLESS_LABEL]);
    expect(boardColumns([status(5, 2), status(4, 1), status(6, 1)]).map((s) => s.id)).toEqual([4, 6, 5]);
  });

  it("a task whose story left the sprint keeps a row of its own, named from the task", () => {
    const sprint = { user_stories: [story(1, 11, 1)] } as Pick<Milestone, "user_stories">;
    const stray = task(9, 7, 1, 1, { user_story_extra_info: { id: 7, ref: 70, subject: "Elsewhere", epics: null } });
    expect(boardRows(sprint, [stray]).map((r) => [r.id, r.label])).toEqual([
      [1, "#11 Story 11"],
      [7, "#70 Elsewhere"],
      [null, STORYLESS_LABEL],
    ]);
  });
});

describe("filters", () => {
  it("round-trip through the URL, keeping other parameters", () => {
    const params = new URLSearchParams("q=%2312&assignee=4,none&tags=ux,api&keep=1");
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ q: "#12", assignees: [4, null], tags: ["ux", "api"] });
    expect(filtersToParams(filters, params).toString()).toBe(params.toString());
    expect(filtersToParams({ q: "", assignees: [], tags: [] }, params).toString()).toBe("keep=1");
    expect(isFiltering(filters)).toBe(true);
  });

  it("match the subject, the #ref, the assignee (or nobody) and any of the tags", () => {
    const t = task(5, 1, 1, 1, { subject: "Write the login form", assigned_to: 3, tags: [["ux", null]] });
    const none = { q: "", assignees: [], tags: [] };
    expect(matchesFilters(t, { ...none, q: "LOGIN" })).toBe(true);
    expect(matchesFilters(t, { ...none, q: "#105" })).toBe(true);
    expect(matchesFilters(t, { ...none, q: "105" })).toBe(true);
    expect(matchesFilters(t, { ...none, q: "#10" })).toBe(false);
    expect(matchesFilters(t, { ...none, assignees: [3] })).toBe(true);
    expect(matchesFilters(t, { ...none, assignees: [null] })).toBe(false);
    expect(matchesFilters(task(6, 1, 1, 1), { ...none, assignees: [null] })).toBe(true);
    expect(matchesFilters(t, { ...none, tags: ["api", "ux"] })).toBe(true);
    expect(matchesFilters(t, { ...none, tags: ["api"] })).toBe(false);
  });

  it("group cells in board order; rows without a match fold away; a drop among filtered cards lands next to its visible neighbour", () => {
    const tasks = [task(1, 1, 1, 30), task(2, 1, 1, 10), task(3, 1, 1, 20, { subject: "match" }), task(4, 2, 1, 5)];
    const { all, shown } = groupIntoCells(tasks, { q: "match", assignees: [], tags: [] });
    expect(all.get(cellKey({ storyId: 1, statusId: 1 }))?.map((t) => t.id)).toEqual([2, 3, 1]);
    expect(shown.get(cellKey({ storyId: 1, statusId: 1 }))?.map((t) => t.id)).toEqual([3]);
    const rows = boardRows({ user_stories: [story(1, 11, 1), story(2, 12, 2)] }, tasks);
    expect([...rowsWithMatches(shown, rows, [status(1, 1)])]).toEqual([1]);
    // the whole cell is [2, 3, 1]; a task dropped just below the visible 3 goes after it, before 1
    expect(unfilteredIndex([2, 3, 1], [3, 9], 9)).toBe(2);
    expect(unfilteredIndex([2, 3, 1], [9, 3], 9)).toBe(1);
    expect(unfilteredIndex([2, 3, 1], [9], 9)).toBe(3);
  });

  it("unchanged cells keep their arrays", () => {
    const a = [task(1, 1, 1, 1)];
    const prev = new Map([["x", a]]);
    const next = shareCells(prev, new Map([["x", [a[0]!]], ["y", []]]));
    expect(next.get("x")).toBe(a);
  });
});

describe("progress and the sprint selector", () => {
  it("counts points and tasks", () => {
    expect(sprintProgress({ total_points: 20, closed_points: 5 }, [{ is_closed: true }, { is_closed: false }, { is_closed: false }])).toEqual({
      totalPoints: 20,
      closedPoints: 5,
      openTasks: 2,
      closedTasks: 1,
      percent: 25,
    });
    expect(sprintProgress({ total_points: null, closed_points: null }, [{ is_closed: true }, { is_closed: false }]).percent).toBe(50);
  });

  it("lists open sprints first, latest first", () => {
    const choices = sprintChoices([
      { id: 1, slug: "s1", name: "S1", closed: true },
      { id: 2, slug: "s2", name: "S2", closed: false },
      { id: 3, slug: "s3", name: "S3", closed: false },
      { id: 4, slug: "s4", name: "S4", closed: true },
    ]);
    expect(choices.open.map((m) => m.id)).toEqual([3, 2]);
    expect(choices.closed.map((m) => m.id)).toEqual([4, 1]);
  });
});

describe("keyboard moves in board terms", () => {
  const key = (story: number | null, st: number) => cellKey({ storyId: story, statusId: st });
  const nav: BoardNav = {
    columns: [1, 2, 3],
    rows: [10, 20, null],
    items: { [key(10, 1)]: [1, 2], [key(10, 2)]: [3], [key(20, 1)]: [4], [key(20, 2)]: [], [key(null, 1)]: [5] },
  };
  it("Left/Right: same row, same position in the previous/next status; nothing beyond the edges", () => {
    expect(keyboardTarget(nav, 1, 1, "right")).toBe(3);
    expect(keyboardTarget(nav, 2, 2, "right")).toBe(key(10, 2));
    expect(keyboardTarget(nav, 3, 3, "left")).toBe(1);
    expect(keyboardTarget(nav, 1, 1, "left")).toBeNull();
    expect(keyboardTarget(nav, key(10, 3), 1, "right")).toBeNull();
  });
  it("Up/Down: within the cell, then into the row below at its top or the row above at its end", () => {
    expect(keyboardTarget(nav, 1, 1, "down")).toBe(2);
    expect(keyboardTarget(nav, 2, 2, "down")).toBe(4);
    expect(keyboardTarget(nav, 4, 4, "down")).toBe(5);
    expect(keyboardTarget(nav, 4, 4, "up")).toBe(key(10, 1));
    expect(keyboardTarget(nav, 3, 3, "down")).toBe(key(20, 2));
    expect(keyboardTarget(nav, 5, 5, "down")).toBeNull();
  });
});

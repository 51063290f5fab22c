import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BulkUpdateBacklogOrderBody } from "../api/types";
import {
  appendRequest,
  applyBacklogMove,
  applyBacklogResult,
  backlogDropRequest,
  rangeBetween,
  selectionInOrder,
  sortForContainer,
  type BacklogOrdered,
} from "./backlogOrder";

const S1 = 101;
const S2 = 102;
const EMPTY = 103;

function story(id: number, milestone: number | null, backlog_order: number, sprint_order: number): BacklogOrdered {
  return { id, milestone, backlog_order, sprint_order };
}

// Backlog 1, 2, 3, 4; sprint S1 holds 5, 6; sprint S2 holds 7; EMPTY holds nothing.
const all = [story(1, null, 1, 9), story(2, null, 2, 9), story(3, null, 3, 9), story(4, null, 4, 9), story(5, S1, 50, 1), story(6, S1, 51, 2), story(7, S2, 52, 1)];
const backlog = [1, 2, 3, 4];

describe("backlogDropRequest", () => {
  it("reorders the backlog: a story dropped between two others goes after the upper one, without milestone_id", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [4], to: null, targetIds: backlog, index: 1 })).toEqual({
      project_id: 9,
      bulk_userstories: [4],
      after_userstory_id: 1,
    });
  });

  it("moves a story to the top of the backlog with the first story as 'before' anchor", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [3], to: null, targetIds: backlog, index: 0 })).toEqual({
      project_id: 9,
      bulk_userstories: [3],
      before_userstory_id: 1,
    });
  });

  it("sends nothing when the story is dropped where it already is", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [2], to: null, targetIds: backlog, index: 1 })).toBeNull();
    expect(backlogDropRequest({ projectId: 9, moved: [2, 3], to: null, targetIds: backlog, index: 1 })).toBeNull();
  });

  it("moves one story into a sprint after a sprint story, naming the sprint", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [2], to: S1, targetIds: [5, 6], index: 1 })).toEqual({
      project_id: 9,
      milestone_id: S1,
      bulk_userstories: [2],
      after_userstory_id: 5,
    });
  });

  it("moves a three-story selection into a sprint in one request, in the given order", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [1, 3, 4], to: S1, targetIds: [5, 6], index: 0 })).toEqual({
      project_id: 9,
      milestone_id: S1,
      bulk_userstories: [1, 3, 4],
      before_userstory_id: 5,
    });
  });

  it("moves stories between sprints and within a sprint", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [5], to: S2, targetIds: [7], index: 1 })).toEqual({
      project_id: 9,
      milestone_id: S2,
      bulk_userstories: [5],
      after_userstory_id: 7,
    });
    expect(backlogDropRequest({ projectId: 9, moved: [6], to: S1, targetIds: [5, 6], index: 0 })).toEqual({
      project_id: 9,
      milestone_id: S1,
      bulk_userstories: [6],
      before_userstory_id: 5,
    });
  });

  it("drops into an empty sprint without an anchor", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [2, 3], to: EMPTY, targetIds: [], index: 0 })).toEqual({
      project_id: 9,
      milestone_id: EMPTY,
      bulk_userstories: [2, 3],
    });
  });

  it("moves sprint stories back to the backlog at the drop position", () => {
    expect(backlogDropRequest({ projectId: 9, moved: [5, 6], to: null, targetIds: backlog, index: 2 })).toEqual({
      project_id: 9,
      bulk_userstories: [5, 6],
      after_userstory_id: 2,
    });
  });

  it("never anchors on a moved story, and clamps the index", () => {
    // 1 and 2 both move to the end: the anchor is 4, the last one that stays
    expect(backlogDropRequest({ projectId: 9, moved: [1, 2], to: null, targetIds: backlog, index: 99 })).toEqual({
      project_id: 9,
      bulk_userstories: [1, 2],
      after_userstory_id: 4,
    });
  });

  it("appends after the last story of a target", () => {
    expect(appendRequest(9, [1, 2], S1, [5, 6])).toEqual({ project_id: 9, milestone_id: S1, bulk_userstories: [1, 2], after_userstory_id: 6 });
    expect(appendRequest(9, [1], EMPTY, [])).toEqual({ project_id: 9, milestone_id: EMPTY, bulk_userstories: [1] });
    expect(appendRequest(9, [6], S1, [5, 6])).toBeNull();
  });
});

describe("applyBacklogMove", () => {
  const ids = (list: BacklogOrdered[], container: number | null) => sortForContainer(list.filter((s) => s.milestone === container), container).map((s) => s.id);

  it("reorders the backlog like the server: moved after the anchor, later stories renumbered behind", () => {
    const next = applyBacklogMove(all, { project_id: 9, bulk_userstories: [4], after_userstory_id: 1 });
    expect(ids(next, null)).toEqual([1, 4, 2, 3]);
    expect(next.find((s) => s.id === 4)?.backlog_order).toBe(2);
    // stories before the anchor and in other containers keep their identity
    expect(next[0]).toBe(all[0]);
    expect(next[4]).toBe(all[4]);
  });

  it("moves a selection into a sprint: sprint field renumbered, milestone set, the backlog keeps its orders", () => {
    const next = applyBacklogMove(all, { project_id: 9, milestone_id: S1, bulk_userstories: [1, 3], after_userstory_id: 5 });
    expect(ids(next, S1)).toEqual([5, 1, 3, 6]);
    expect(ids(next, null)).toEqual([2, 4]);
    expect(next.find((s) => s.id === 6)).toMatchObject({ sprint_order: 4 });
  });

  it("an empty sprint starts at 1; no anchor renumbers the whole target", () => {
    const next = applyBacklogMove(all, { project_id: 9, milestone_id: EMPTY, bulk_userstories: [7] });
    expect(next.find((s) => s.id === 7)).toMatchObject({ milestone: EMPTY, sprint_order: 1 });
    const top = applyBacklogMove(all, { project_id: 9, bulk_userstories: [3] });
    expect(ids(top, null)).toEqual([3, 1, 2, 4]);
    expect(top.filter((s) => s.milestone === null).map((s) => s.backlog_order).sort()).toEqual([1, 2, 3, 4]);
  });

  it("writes the server's answer into the list", () => {
    const next = applyBacklogResult(all, [
      { id: 5, milestone: null, backlog_order: 3 },
      { id: 3, milestone: null, backlog_order: 4 },
    ]);
    expect(next.find((s) => s.id === 5)).toMatchObject({ milestone: null, backlog_order: 3, sprint_order: 1 });
    expect(next.find((s) => s.id === 3)).toMatchObject({ backlog_order: 4 });
    expect(next[0]).toBe(all[0]);
  });
});

describe("selection helpers", () => {
  it("orders a selection container by container, in display order", () => {
    expect(selectionInOrder(new Set([6, 3, 1, 7]), [[1, 2, 3, 4], [5, 6], [7]])).toEqual([1, 3, 6, 7]);
  });
  it("selects Shift-click ranges in either direction", () => {
    expect(rangeBetween([1, 2, 3, 4], 2, 4)).toEqual([2, 3, 4]);
    expect(rangeBetween([1, 2, 3, 4], 4, 1)).toEqual([1, 2, 3, 4]);
    expect(rangeBetween([1, 2, 3, 4], 9, 3)).toEqual([3]);
  });
});

/* ------------------------------------------------------------------ recorded moves ------------------------------------------------------------------ */

interface Recorded {
  request: { body: BulkUpdateBacklogOrderBody };
  response: { body: unknown };
  derived_from_full_body?: (BacklogOrdered & { ref: number })[];
}

// the repository's copy of the recorded real exchanges (tests run from the repository root)
const DIR = join(process.cwd(), "fixtures/taiga-recordings/ordering");
const rec = (num: string): Recorded => {
  const file = readdirSync(DIR).find((f) => f.startsWith(`${num}-`));
  if (!file) throw new Error(`no recording ${num}`);
  return JSON.parse(readFileSync(join(DIR, file), "utf8")) as Recorded;
};

describe("the optimistic move reproduces the recorded server moves (ordering/006-023)", () => {
  it("after, before, top, into a sprint, after a sprint story, back to the backlog", () => {
    let state: BacklogOrdered[] = [...(rec("006").derived_from_full_body ?? []), ...(rec("017").derived_from_full_body ?? [])].map((s) => ({
      id: s.id,
      milestone: s.milestone,
      backlog_order: s.backlog_order,
      sprint_order: s.sprint_order,
    }));
    const steps: [string, string, number | null][] = [
      ["007", "008", null],
      ["009", "010", null],
      ["011", "012", null],
      ["018", "019", 1],
      ["020", "021", 1],
      ["022", "023", null],
    ];
    for (const [move, after, container] of steps) {
      const body = rec(move).request.body;
      state = applyBacklogMove(state, body);
      const expected = rec(after).derived_from_full_body ?? [];
      const shown = sortForContainer(state.filter((s) => s.milestone === container), container);
      // the recorded list is ordered by backlog_order (Taiga's default list order)
      const byBacklog = [...shown].sort((a, b) => a.backlog_order - b.backlog_order || a.id - b.id);
      expect(byBacklog.map((s) => [s.id, s.milestone, s.backlog_order, s.sprint_order]), after).toEqual(
        expected.map((s) => [s.id, s.milestone, s.backlog_order, s.sprint_order]),
      );
      // and the answer rows are exactly the stories whose order we changed
      const answer = rec(move).response.body as { id: number }[];
      const next = applyBacklogResult(state, answer as never);
      expect(next).toEqual(state);
    }
  });
});

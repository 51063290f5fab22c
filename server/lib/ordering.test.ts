import { readFileSync } from "node:fs";
import { RECORDINGS_DIR } from "../test/recordings";
import { describe, expect, it } from "vitest";
import {
  applyOrderUpdates,
  formatOrderUpdatedHeader,
  renumberAroundAnchor,
  renumberForSwimlaneDeletion,
  type Anchor,
  type OrderAssignment,
} from "./ordering";

/* ---------- recordings of the real taiga-back (see fixtures/taiga-recordings/README.md) ---------- */

const RECORDINGS = `${RECORDINGS_DIR}/`;

interface DerivedStory {
  id: number;
  ref: number;
  status: number;
  swimlane: number | null;
  milestone: number | null;
  backlog_order: number;
  sprint_order: number;
  kanban_order: number;
}

interface Recording {
  request: { body: Record<string, unknown> | null };
  response: { status: number; body: unknown; extra_headers?: Record<string, string> };
  derived_from_full_body?: DerivedStory[];
}

function recording(name: string): Recording {
  return JSON.parse(readFileSync(`${RECORDINGS}ordering/${name}.json`, "utf8")) as Recording;
}

function derived(name: string): DerivedStory[] {
  const list = recording(name).derived_from_full_body;
  if (!list) throw new Error(`${name} has no derived_from_full_body`);
  return list;
}

/** Project 1 as a map id -> story, built from recorded lists (later lists win). */
function projectState(...lists: DerivedStory[][]): Map<number, DerivedStory> {
  const state = new Map<number, DerivedStory>();
  for (const list of lists) for (const story of list) state.set(story.id, { ...story });
  return state;
}

type OrderField = "kanban_order" | "backlog_order" | "sprint_order";

function anchorFrom(
  body: Record<string, unknown>,
  state: Map<number, DerivedStory>,
  field: OrderField,
): Anchor {
  const after = body.after_userstory_id;
  const before = body.before_userstory_id;
  if (typeof after === "number") {
    const story = state.get(after);
    if (!story) throw new Error(`unknown anchor ${after}`);
    return { kind: "after", id: after, order: story[field] };
  }
  if (typeof before === "number") {
    const story = state.get(before);
    if (!story) throw new Error(`unknown anchor ${before}`);
    return { kind: "before", id: before, order: story[field] };
  }
  return { kind: "none" };
}

/** Replays one recorded bulk_update_kanban_order call on `state` with our maths. */
function replayKanban(state: Map<number, DerivedStory>, name: string) {
  const body = recording(name).request.body ?? {};
  const status = body.status_id as number;
  const swimlane = typeof body.swimlane_id === "number" ? body.swimlane_id : null;
  const moved = body.bulk_userstories as number[];
  const cell = [...state.values()]
    .filter((s) => s.status === status && s.swimlane === swimlane)
    .map((s) => ({ id: s.id, order: s.kanban_order }));
  const result = renumberAroundAnchor(cell, moved, anchorFrom(body, state, "kanban_order"));
  for (const { id, order } of result) {
    const story = state.get(id);
    if (!story) throw new Error(`unknown story ${id}`);
    story.kanban_order = order;
  }
  for (const id of moved) {
    const story = state.get(id);
    if (!story) throw new Error(`unknown story ${id}`);
    story.status = status;
    story.swimlane = swimlane;
  }
  return result.map(({ id, order }) => ({ id, swimlane, status, kanban_order: order }));
}

/** Replays one recorded bulk_update_backlog_order call (backlog or sprint) on `state`. */
function replayBacklog(state: Map<number, DerivedStory>, name: string) {
  const body = recording(name).request.body ?? {};
  const milestone = typeof body.milestone_id === "number" ? body.milestone_id : null;
  const field: OrderField = milestone === null ? "backlog_order" : "sprint_order";
  const moved = body.bulk_userstories as number[];
  const cell = [...state.values()]
    .filter((s) => s.milestone === milestone)
    .map((s) => ({ id: s.id, order: s[field] }));
  const result = renumberAroundAnchor(cell, moved, anchorFrom(body, state, field));
  for (const { id, order } of result) {
    const story = state.get(id);
    if (!story) throw new Error(`unknown story ${id}`);
    story[field] = order;
  }
  for (const id of moved) {
    const story = state.get(id);
    if (story) story.milestone = milestone;
  }
  return result.map(({ id, order }) => ({ id, milestone, [field]: order }));
}

/** Every story of a recorded "after" list has the orders, status and swimlane our replay computed. */
function expectStateMatches(state: Map<number, DerivedStory>, name: string, fields: (keyof DerivedStory)[]) {
  const after = derived(name);
  for (const story of after) {
    const ours = state.get(story.id);
    expect(ours, `story ${story.id} of ${name}`).toBeDefined();
    for (const field of fields) {
      expect(ours?.[field], `${field} of story ${story.id} in ${name}`).toBe(story[field]);
    }
  }
}

describe("renumberAroundAnchor reproduces the recorded kanban moves", () => {
  // Project 1 just before the kanban recordings: the backlog of 026 plus sprint 1 of 021
  // (story 5 left the sprint in between, so the backlog copy wins).
  const state = projectState(derived("021-get-sprint1"), derived("026-get-backlog"));
  const kanbanFields: (keyof DerivedStory)[] = ["status", "swimlane", "kanban_order"];

  it("the starting cell matches the recorded cell status 1 / swimlane 3 (027)", () => {
    expectStateMatches(state, "027-get-kanban-cell-s1-sw3", kanbanFields);
  });

  it("028: same cell, before a story -> moved takes the anchor's order, neighbours shift", () => {
    expect(replayKanban(state, "028-us-kanban-same-cell-before")).toEqual(
      recording("028-us-kanban-same-cell-before").response.body,
    );
    expectStateMatches(state, "029-get-kanban-cell-s1-sw3", kanbanFields);
  });

  it("030: same cell, after a story -> numbering from anchor + 1", () => {
    expect(replayKanban(state, "030-us-kanban-same-cell-after")).toEqual(
      recording("030-us-kanban-same-cell-after").response.body,
    );
    expectStateMatches(state, "031-get-kanban-cell-s1-sw3", kanbanFields);
  });

  it("033: other column, empty cell, no anchor -> order 1", () => {
    expect(replayKanban(state, "033-us-kanban-other-column")).toEqual(
      recording("033-us-kanban-other-column").response.body,
    );
    expectStateMatches(state, "034-get-kanban-cell-s2-sw3", kanbanFields);
    expectStateMatches(state, "035-get-kanban-cell-s1-sw3", kanbanFields);
  });

  it("037: other swimlane and column, after a story", () => {
    expect(replayKanban(state, "037-us-kanban-other-swimlane")).toEqual(
      recording("037-us-kanban-other-swimlane").response.body,
    );
    expectStateMatches(state, "038-get-kanban-cell-s2-sw4", kanbanFields);
  });

  it("040: two stories to the top of a cell renumber the whole cell from 1", () => {
    expect(replayKanban(state, "040-us-kanban-multiple")).toEqual(
      recording("040-us-kanban-multiple").response.body,
    );
    expectStateMatches(state, "041-get-kanban-cell-s1-sw5", kanbanFields);
  });

  it("042: no swimlane_id = the no-swimlane row", () => {
    expect(replayKanban(state, "042-us-kanban-no-swimlane")).toEqual(
      recording("042-us-kanban-no-swimlane").response.body,
    );
    expectStateMatches(state, "043-us-list-after-no-swimlane", kanbanFields);
  });
});

describe("renumberAroundAnchor reproduces the recorded backlog and sprint moves", () => {
  const state = projectState(derived("017-get-sprint1"), derived("006-get-backlog"));
  const backlogFields: (keyof DerivedStory)[] = ["milestone", "backlog_order"];

  it("007: after an anchor, moved stories then every later story are renumbered", () => {
    expect(replayBacklog(state, "007-us-backlog-after")).toEqual(recording("007-us-backlog-after").response.body);
    expectStateMatches(state, "008-get-backlog", backlogFields);
  });

  it("009: before an anchor, the moved story takes the anchor's order", () => {
    expect(replayBacklog(state, "009-us-backlog-before")).toEqual(recording("009-us-backlog-before").response.body);
    expectStateMatches(state, "010-get-backlog", backlogFields);
  });

  it("011: no anchor -> top of the backlog, the whole backlog collapses to 1..N", () => {
    expect(replayBacklog(state, "011-us-backlog-top")).toEqual(recording("011-us-backlog-top").response.body);
    expectStateMatches(state, "012-get-backlog", backlogFields);
  });

  it("018 and 020: moving stories into a sprint orders the sprint by sprint_order", () => {
    expect(replayBacklog(state, "018-us-sprint-move-in-top")).toEqual(
      recording("018-us-sprint-move-in-top").response.body,
    );
    expectStateMatches(state, "019-get-sprint1", ["milestone", "sprint_order"]);
    expect(replayBacklog(state, "020-us-sprint-after")).toEqual(recording("020-us-sprint-after").response.body);
    expectStateMatches(state, "021-get-sprint1", ["milestone", "sprint_order"]);
  });

  it("022: moving a sprint story back to the backlog after an anchor", () => {
    expect(replayBacklog(state, "022-us-sprint-back-to-backlog")).toEqual(
      recording("022-us-sprint-back-to-backlog").response.body,
    );
    expectStateMatches(state, "023-get-backlog", backlogFields);
  });
});

describe("applyOrderUpdates (PATCH of an order field)", () => {
  const letters = (orders: Record<string, number>) =>
    Object.entries(orders).map(([key, order]) => ({ id: key.charCodeAt(0), order }));
  const named = (result: OrderAssignment[]) =>
    Object.fromEntries(result.map(({ id, order }) => [String.fromCharCode(id), order]));
  const want = (orders: Record<string, number>) =>
    new Map(Object.entries(orders).map(([key, order]) => [key.charCodeAt(0), order]));
  const aToF = letters({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 });

  it.each([
    [{ d: 2 }, { b: 3, c: 4, d: 2 }],
    [{ a: 3 }, { a: 3, c: 4, d: 5, e: 6, f: 7 }],
    [{ d: 2, e: 3 }, { b: 4, c: 5, d: 2, e: 3 }],
    [{ a: 4, b: 5 }, { a: 4, b: 5, d: 6, e: 7, f: 8 }],
  ])("reference case %o", (wanted, expected) => {
    expect(named(applyOrderUpdates(aToF, want(wanted)))).toEqual(expected);
  });

  it("moving up with a tie", () => {
    expect(named(applyOrderUpdates(letters({ a: 0, b: 1 }), want({ b: 0 })))).toEqual({ a: 1, b: 0 });
  });

  it("moving down over duplicated orders", () => {
    const base = letters({ a: 1, b: 2, c: 3, d: 3, e: 3, f: 4 });
    expect(named(applyOrderUpdates(base, want({ a: 3 })))).toEqual({ a: 3, c: 4, d: 4, e: 4, f: 5 });
  });

  it("drop unchanged removes items back at their original value", () => {
    const base = letters({ a: 0, b: 1, c: 2, z: 99 });
    expect(named(applyOrderUpdates(base, want({ z: 0 }), { dropUnchanged: true }))).toEqual({
      z: 0,
      a: 1,
      b: 2,
      c: 3,
    });
    expect(applyOrderUpdates(letters({ a: 1 }), want({ a: 1 }), { dropUnchanged: true })).toEqual([]);
  });

  it("ignores wanted ids outside the scope", () => {
    expect(applyOrderUpdates(letters({ a: 1 }), new Map([[999, 0]]))).toEqual([]);
  });

  it("025: PATCH backlog_order of story 6 gives the recorded Taiga-Info-Order-Updated header", () => {
    // Scope = every story of project 1 (sprint stories included), with the patched value already
    // saved, listed in the model's default order (backlog_order, ref).
    const state = projectState(
      derived("021-get-sprint1").filter((s) => s.id !== 5),
      derived("023-get-backlog"),
    );
    const patched = state.get(6);
    if (!patched) throw new Error("story 6 missing");
    patched.backlog_order = 8;
    const base = [...state.values()]
      .sort((a, b) => a.backlog_order - b.backlog_order || a.ref - b.ref)
      .map((s) => ({ id: s.id, order: s.backlog_order }));
    const result = applyOrderUpdates(base, new Map([[6, 8]]), { dropUnchanged: true });
    const recorded = recording("025-us-patch-backlog-order");
    expect(formatOrderUpdatedHeader(result)).toBe(recorded.response.extra_headers?.["taiga-info-order-updated"]);

    for (const { id, order } of result) {
      const story = state.get(id);
      if (story) story.backlog_order = order;
    }
    expectStateMatches(state, "026-get-backlog", ["backlog_order"]);
  });

  it("formats an empty update as {}", () => {
    expect(formatOrderUpdatedHeader([])).toBe("{}");
  });
});

describe("renumberForSwimlaneDeletion", () => {
  it("reproduces statuses/074 -> 077: swimlane 21 deleted into swimlane 5, every story renumbered from 0", () => {
    const read = (name: string) =>
      (JSON.parse(readFileSync(`${RECORDINGS}statuses/${name}.json`, "utf8")) as Recording).derived_from_full_body ?? [];
    const before = read("074-swimlanes-kanban-before-delete").map((s) => ({ id: s.id, swimlane: s.swimlane, order: s.kanban_order }));
    // swimlane order at that point of the run: ordering/087 (5, 2, 3, 4, 1) plus the recorded swimlane 21 (timestamp order)
    const result = renumberForSwimlaneDeletion(before, [5, 2, 3, 4, 1, 21], 21, 5);
    const after = read("077-swimlanes-kanban-after-delete");
    expect(result).toHaveLength(after.length);
    for (const story of after) {
      expect(result.find((r) => r.id === story.id), `story ${story.id}`).toEqual({ id: story.id, swimlane: story.swimlane, order: story.kanban_order });
    }
  });

  it("appends the deleted lane's stories after the target's", () => {
    const stories = [
      { id: 1, swimlane: 10, order: 5 },
      { id: 2, swimlane: 20, order: 1 },
      { id: 3, swimlane: 20, order: 2 },
      { id: 4, swimlane: 10, order: 1 },
      { id: 5, swimlane: null, order: 99 },
    ];
    expect(renumberForSwimlaneDeletion(stories, [20, 10], 20, 10)).toEqual([
      { id: 5, swimlane: null, order: 0 },
      { id: 4, swimlane: 10, order: 1 },
      { id: 1, swimlane: 10, order: 2 },
      { id: 2, swimlane: 10, order: 3 },
      { id: 3, swimlane: 10, order: 4 },
    ]);
  });
});

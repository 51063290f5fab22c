import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyOrderUpdates,
  applyTaskboardRequest,
  boardOrder,
  cellKey,
  cellTasks,
  parseCellKey,
  taskboardDropRequest,
  withOrders,
  type TaskboardCell,
  type TaskboardDrop,
  type TaskboardOrdered,
} from "./taskboardOrder";

const SPRINT = 9;
const t = (id: number, user_story: number | null, status: number, taskboard_order: number): TaskboardOrdered => ({ id, user_story, status, milestone: SPRINT, taskboard_order });
const drop = (tasks: TaskboardOrdered[], taskId: number, to: TaskboardCell, index: number): TaskboardDrop => ({ projectId: 1, milestoneId: SPRINT, taskId, to, index, tasks });
const ids = (tasks: readonly TaskboardOrdered[], cell: TaskboardCell) => cellTasks(tasks, cell).map((x) => x.id);

// Story 10 and 20; statuses 1 (New), 2 (In progress), 3 (Done).
const board = (): TaskboardOrdered[] => [
  t(1, 10, 1, 100),
  t(2, 10, 1, 200),
  t(3, 10, 1, 300),
  t(4, 10, 2, 100),
  t(5, 20, 1, 150),
  t(6, 20, 2, 50),
  t(7, null, 1, 120),
  t(8, null, 2, 10),
];

describe("applyOrderUpdates (Taiga's legacy renumbering)", () => {
  const abc = () => new Map([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6]]);
  it("reproduces taiga-back's reference cases (test_order_updates.py)", () => {
    expect(Object.fromEntries(applyOrderUpdates(abc(), new Map([[4, 2]])))).toEqual({ 4: 2, 2: 3, 3: 4 });
    expect(Object.fromEntries(applyOrderUpdates(abc(), new Map([[1, 3]])))).toEqual({ 1: 3, 3: 4, 4: 5, 5: 6, 6: 7 });
    expect(Object.fromEntries(applyOrderUpdates(abc(), new Map([[4, 2], [5, 3]])))).toEqual({ 4: 2, 5: 3, 2: 4, 3: 5 });
    expect(Object.fromEntries(applyOrderUpdates(abc(), new Map([[1, 4], [2, 5]])))).toEqual({ 1: 4, 2: 5, 4: 6, 5: 7, 6: 8 });
    expect(Object.fromEntries(applyOrderUpdates(new Map([[1, 0], [2, 1]]), new Map([[2, 0]])))).toEqual({ 2: 0, 1: 1 });
    const ties = new Map([[1, 1], [2, 2], [3, 3], [4, 3], [5, 3], [6, 4]]);
    expect(Object.fromEntries(applyOrderUpdates(ties, new Map([[1, 3]])))).toEqual({ 1: 3, 3: 4, 4: 4, 5: 4, 6: 5 });
  });

  it("ignores ids outside the scope", () => {
    expect(Object.fromEntries(applyOrderUpdates(new Map([[1, 5]]), new Map([[99, 1]])))).toEqual({});
  });
});

describe("taskboardDropRequest: a move to another status or story is one PATCH", () => {
  it("to another status: the target cell (status and story) and the order after the task above, nothing pinned", () => {
    const tasks = board();
    // task 1 (story 10, New) to story 10 / In progress, below task 4
    const request = taskboardDropRequest(drop(tasks, 1, { storyId: 10, statusId: 2 }, 1));
    expect(request).toEqual({ kind: "move", taskId: 1, changes: { status: 2, user_story: 10, taskboard_order: 101 }, setOrders: {} });
    const after = applyTaskboardRequest(tasks, request!);
    expect(ids(after, { storyId: 10, statusId: 2 })).toEqual([4, 1]);
    expect(ids(after, { storyId: 10, statusId: 1 })).toEqual([2, 3]);
  });

  it("to another story at the top: the story and the first task's order; the cell shifts down", () => {
    const tasks = board();
    const request = taskboardDropRequest(drop(tasks, 3, { storyId: 20, statusId: 1 }, 0));
    expect(request).toEqual({ kind: "move", taskId: 3, changes: { status: 1, user_story: 20, taskboard_order: 150 }, setOrders: {} });
    const after = applyTaskboardRequest(tasks, request!);
    expect(ids(after, { storyId: 20, statusId: 1 })).toEqual([3, 5]);
    expect(after.find((x) => x.id === 5)?.taskboard_order).toBe(151);
    expect(after.find((x) => x.id === 3)).toMatchObject({ user_story: 20, status: 1, taskboard_order: 150 });
  });

  it("to another story and status at once, into an empty cell: keeps its order value", () => {
    const tasks = board();
    const request = taskboardDropRequest(drop(tasks, 2, { storyId: 20, statusId: 3 }, 0));
    expect(request).toEqual({ kind: "move", taskId: 2, changes: { status: 3, user_story: 20, taskboard_order: 200 }, setOrders: {} });
    expect(ids(applyTaskboardRequest(tasks, request!), { storyId: 20, statusId: 3 })).toEqual([2]);
  });

  it("into the storyless row: user_story null; tasks of other stories in that status keep their order among themselves", () => {
    const tasks = board();
    const request = taskboardDropRequest(drop(tasks, 4, { storyId: null, statusId: 1 }, 1));
    expect(request).toMatchObject({ kind: "move", taskId: 4, changes: { status: 1, user_story: null, taskboard_order: 121 } });
    const after = applyTaskboardRequest(tasks, request!);
    expect(ids(after, { storyId: null, statusId: 1 })).toEqual([7, 4]);
    // the server's scope is every task of status 1 in the sprint: stories 10 and 20 shift, in order
    expect(ids(after, { storyId: 10, statusId: 1 })).toEqual([1, 2, 3]);
    expect(boardOrder(after).get(cellKey({ storyId: 20, statusId: 1 }))).toEqual([5]);
  });

  it("pins the tasks below when a tie would leave one above the moved task", () => {
    // bulk-created tasks share one order (same millisecond): 11 and 12 both at 500
    const tasks = [t(11, 10, 1, 500), t(12, 10, 1, 500), t(13, 10, 1, 600), t(14, 10, 2, 1)];
    const request = taskboardDropRequest(drop(tasks, 14, { storyId: 10, statusId: 1 }, 1));
    expect(request?.kind).toBe("move");
    if (request?.kind !== "move") return;
    expect(request.changes).toEqual({ status: 1, user_story: 10, taskboard_order: 501 });
    expect(request.setOrders).toEqual({ 12: 502, 13: 503 });
    expect(ids(applyTaskboardRequest(tasks, request), { storyId: 10, statusId: 1 })).toEqual([11, 14, 12, 13]);
  });

  it("answers null for a drop where the task already is, or of an unknown task", () => {
    const tasks = board();
    expect(taskboardDropRequest(drop(tasks, 2, { storyId: 10, statusId: 1 }, 1))).toBeNull();
    expect(taskboardDropRequest(drop(tasks, 99, { storyId: 10, statusId: 1 }, 0))).toBeNull();
  });
});

describe("taskboardDropRequest: a reorder inside a cell is one bulk_update_taskboard_order", () => {
  it("down: the order after the new task above, scoped by sprint, status and story", () => {
    const tasks = board();
    const request = taskboardDropRequest(drop(tasks, 1, { storyId: 10, statusId: 1 }, 2));
    expect(request).toEqual({
      kind: "reorder",
      body: { project_id: 1, milestone_id: SPRINT, status_id: 1, us_id: 10, bulk_tasks: [{ task_id: 1, order: 301 }] },
    });
    expect(ids(applyTaskboardRequest(tasks, request!), { storyId: 10, statusId: 1 })).toEqual([2, 3, 1]);
  });

  it("up to the top: the first task's order; the others shift and every other cell keeps its order", () => {
    const tasks = board();
    const request = taskboardDropRequest(drop(tasks, 3, { storyId: 10, statusId: 1 }, 0));
    expect(request).toEqual({
      kind: "reorder",
      body: { project_id: 1, milestone_id: SPRINT, status_id: 1, us_id: 10, bulk_tasks: [{ task_id: 3, order: 100 }] },
    });
    const after = applyTaskboardRequest(tasks, request!);
    const expected = boardOrder(tasks);
    expected.set(cellKey({ storyId: 10, statusId: 1 }), [3, 1, 2]);
    expect(boardOrder(after)).toEqual(expected);
  });

  it("in the storyless row: no us_id", () => {
    const tasks = [...board(), t(9, null, 1, 130)];
    const request = taskboardDropRequest(drop(tasks, 9, { storyId: null, statusId: 1 }, 0));
    expect(request).toEqual({ kind: "reorder", body: { project_id: 1, milestone_id: SPRINT, status_id: 1, bulk_tasks: [{ task_id: 9, order: 120 }] } });
  });

  it("with ties, pins what it needs so the cell reads as dropped", () => {
    const tasks = [t(1, 10, 1, 7), t(2, 10, 1, 7), t(3, 10, 1, 7), t(4, 10, 1, 7)];
    for (let from = 1; from <= 4; from += 1) {
      for (let index = 0; index < 4; index += 1) {
        const request = taskboardDropRequest(drop(tasks, from, { storyId: 10, statusId: 1 }, index));
        const others = [1, 2, 3, 4].filter((id) => id !== from);
        const wanted = [...others.slice(0, index), from, ...others.slice(index)];
        if (wanted.join() === "1,2,3,4") {
          expect(request).toBeNull();
          continue;
        }
        expect(request?.kind).toBe("reorder");
        expect(ids(applyTaskboardRequest(tasks, request!), { storyId: 10, statusId: 1 })).toEqual(wanted);
      }
    }
  });
});

describe("every drop on random boards lands where it was dropped", () => {
  it("holds for 2,000 random drops with ties, storyless rows and shared statuses", () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const stories = [10, 20, null];
    for (let round = 0; round < 2000; round += 1) {
      const tasks: TaskboardOrdered[] = [];
      const count = 1 + rand(12);
      for (let i = 1; i <= count; i += 1) tasks.push(t(i, stories[rand(3)] as number | null, 1 + rand(3), rand(6)));
      const task = tasks[rand(tasks.length)] as TaskboardOrdered;
      const to = { storyId: stories[rand(3)] as number | null, statusId: 1 + rand(3) };
      const others = cellTasks(tasks, to).filter((x) => x.id !== task.id);
      const index = rand(others.length + 1);
      const request = taskboardDropRequest(drop(tasks, task.id, to, index));
      const wanted = [...others.slice(0, index).map((x) => x.id), task.id, ...others.slice(index).map((x) => x.id)];
      if (request === null) {
        expect(ids(tasks, to)).toEqual(wanted);
        continue;
      }
      expect(request.kind).toBe(to.storyId === task.user_story && to.statusId === task.status ? "reorder" : "move");
      const after = applyTaskboardRequest(tasks, request);
      expect(ids(after, to), JSON.stringify({ tasks, task: task.id, to, index })).toEqual(wanted);
    }
  });
});

describe("the same maths as the recorded server", () => {
  interface Row {
    id: number;
    status: number;
    user_story: number | null;
    milestone: number | null;
    taskboard_order: number;
  }
  const DIR = join(process.cwd(), "fixtures/taiga-recordings/ordering");
  const rec = (n: string) => JSON.parse(readFileSync(join(DIR, readdirSync(DIR).find((f) => f.startsWith(`${n}-`)) as string), "utf8")) as {
    request: { body: unknown };
    response: { body: unknown };
    derived_from_full_body?: Row[];
  };

  it("bulk_update_taskboard_order 059 and 061 applied locally give the recorded answers and boards (060, 062)", () => {
    const created = [...(rec("055").response.body as Row[]), ...(rec("056").response.body as Row[])];
    let tasks: Row[] = [...(rec("054").derived_from_full_body as Row[]), ...created];
    for (const [move, after] of [
      ["059", "060"],
      ["061", "062"],
    ] as const) {
      const body = rec(move).request.body as { project_id: number; milestone_id: number; status_id?: number; bulk_tasks: { task_id: number; order: number }[] };
      const next = applyTaskboardRequest(tasks, { kind: "reorder", body });
      const changed = Object.fromEntries(next.filter((x, i) => x.taskboard_order !== tasks[i]?.taskboard_order).map((x) => [String(x.id), x.taskboard_order]));
      const answer = rec(move).response.body as Record<string, number>;
      // the answer lists every shifted task; only the ones whose value changed differ from before
      expect(withOrders(tasks, answer)).toEqual(next);
      expect(Object.keys(answer)).toEqual(expect.arrayContaining(Object.keys(changed)));
      const recorded = new Map((rec(after).derived_from_full_body as Row[]).map((x) => [x.id, x.taskboard_order]));
      expect(new Map(next.map((x) => [x.id, x.taskboard_order]))).toEqual(recorded);
      tasks = next;
    }
  });

  it("a PATCH of taskboard_order (069) gives the recorded header", () => {
    const tasks = rec("062").derived_from_full_body as Row[];
    const body = rec("069").request.body as { taskboard_order: number };
    const next = applyTaskboardRequest(tasks, { kind: "move", taskId: 6, changes: { taskboard_order: body.taskboard_order }, setOrders: {} });
    expect(next.find((x) => x.id === 6)?.taskboard_order).toBe(0);
    expect(next.filter((x, i) => x !== tasks[i]).map((x) => x.id)).toEqual([6]);
  });
});

describe("cell keys", () => {
  it("round-trip, the storyless row included", () => {
    for (const cell of [{ storyId: 4, statusId: 2 }, { storyId: null, statusId: 7 }]) expect(parseCellKey(cellKey(cell))).toEqual(cell);
    expect(parseCellKey("cell:x:1")).toBeNull();
  });
});

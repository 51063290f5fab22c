/**
 * Taskboard ordering maths: turning "the user dropped this task here" into Taiga's request, and
 * applying the same request to the local list exactly as the server does (so the optimistic board
 * matches the answer).
 *
 * Taiga's rules (bulk-ordering.md §7-§8, taiga-back `TaskViewSet.post_save`):
 * - a cell is (story row × status column) inside one sprint; it is ordered by `taskboard_order`,
 *   ties by id;
 * - a move to another status or story is one `PATCH /tasks/<id>` with the target `status` and
 *   `user_story`, a `taskboard_order` and the task's `version`. The server then renumbers the cell with the legacy
 *   algorithm (`apply_order_updates`): the moved task is placed at its order and every cell task at
 *   or after it shifts by one; the `set-orders` header (`{"<task id>": order}`) fixes more positions
 *   in the same computation. The cell is the tasks of that story, status and sprint — for the row
 *   without a story, every task of that status in the sprint, whatever its story;
 * - a reorder inside a cell is one `POST /tasks/bulk_update_taskboard_order` with
 *   `{task_id, order}` entries; the server renumbers the sprint's tasks of that status with the same
 *   algorithm and answers every changed order.
 *
 * Orders can tie (tasks bulk-created in the same millisecond share one), so the request is chosen by
 * simulation: the smallest request whose result shows every cell of the board in the wanted order.
 */
import type { BulkUpdateTaskboardOrderBody, Id } from "../api/types";

/** A taskboard cell: a story row (`null` = "Tasks without a story") × a status column. */
export interface TaskboardCell {
  storyId: Id | null;
  statusId: Id;
}

/** The part of a task the ordering maths needs. */
export interface TaskboardOrdered {
  id: Id;
  status: Id;
  user_story: Id | null;
  milestone: Id | null;
  taskboard_order: number;
}

/** A stable string id for a cell (the droppable container id). */
export function cellKey(cell: TaskboardCell): string {
  return `cell:${cell.storyId ?? "none"}:${cell.statusId}`;
}

export function parseCellKey(key: string): TaskboardCell | null {
  const m = /^cell:(\d+|none):(\d+)$/.exec(key);
  if (!m) return null;
  return { storyId: m[1] === "none" ? null : Number(m[1]), statusId: Number(m[2]) };
}

export function sameCell(a: TaskboardCell, b: TaskboardCell): boolean {
  return a.storyId === b.storyId && a.statusId === b.statusId;
}

export function cellOf(task: TaskboardOrdered): TaskboardCell {
  return { storyId: task.user_story, statusId: task.status };
}

/** Board order inside a cell: taskboard_order, then id. */
export function compareTaskboard(a: TaskboardOrdered, b: TaskboardOrdered): number {
  return a.taskboard_order - b.taskboard_order || a.id - b.id;
}

/** The tasks of one cell in board order. */
export function cellTasks<T extends TaskboardOrdered>(tasks: readonly T[], cell: TaskboardCell): T[] {
  return tasks.filter((t) => t.user_story === cell.storyId && t.status === cell.statusId).sort(compareTaskboard);
}

/**
 * Taiga's `apply_order_updates`: the `wanted` items take their orders; every other item of `base`
 * between an item's old and new position (moving up), or at or after its new one (moving down or
 * staying), shifts by one — requests processed by ascending wanted order. Returns the changed
 * items only (an item shifted and set back to its value still counts, as in Taiga).
 */
export function applyOrderUpdates(base: ReadonlyMap<Id, number>, wanted: ReadonlyMap<Id, number>): Map<Id, number> {
  const current = new Map(base);
  const updated = new Set<Id>();
  const requests = [...wanted].filter(([id]) => current.has(id)).sort((a, b) => a[1] - b[1]);
  for (const [id, next] of requests) {
    const old = current.get(id) as number;
    for (const [other, order] of current) {
      const up = next <= old && order >= next && order < old;
      const downOrStay = next >= old && order >= next;
      if (up || downOrStay) {
        current.set(other, order + 1);
        updated.add(other);
      }
    }
  }
  for (const [id, next] of requests) {
    if (current.get(id) !== next) {
      current.set(id, next);
      updated.add(id);
    }
  }
  const changed = new Map<Id, number>();
  for (const id of updated) changed.set(id, current.get(id) as number);
  return changed;
}

// ---------------------------------------------------------------- requests

/**
 * A move to another status and/or story: `PATCH /tasks/<id>` (+ `version`) with `set-orders`. The
 * body names the target cell whole (status and story), so that Taiga's OCC refuses it when someone
 * else moved the task meanwhile, and the order.
 */
export interface TaskboardMoveRequest {
  kind: "move";
  taskId: Id;
  changes: { status?: Id; user_story?: Id | null; taskboard_order: number };
  /** The `set-orders` header: extra fixed positions (`{}` when none are needed). */
  setOrders: Record<string, number>;
}

/** A reorder inside one cell: `POST /tasks/bulk_update_taskboard_order`. */
export interface TaskboardReorderRequest {
  kind: "reorder";
  body: BulkUpdateTaskboardOrderBody;
}

export type TaskboardRequest = TaskboardMoveRequest | TaskboardReorderRequest;

export interface TaskboardDrop {
  projectId: Id;
  /** The sprint of the board. */
  milestoneId: Id;
  taskId: Id;
  /** Where it was dropped. */
  to: TaskboardCell;
  /** Its position in the target cell after the drop, counted without the task itself. */
  index: number;
  /** Every task of the sprint as the board has it (unfiltered): the server's renumbering scope. */
  tasks: readonly TaskboardOrdered[];
}

/** Every cell's task ids in board order. */
export function boardOrder(tasks: readonly TaskboardOrdered[]): Map<string, Id[]> {
  const cells = new Map<string, TaskboardOrdered[]>();
  for (const t of tasks) {
    const key = cellKey(cellOf(t));
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(t);
  }
  return new Map([...cells].map(([key, list]) => [key, list.sort(compareTaskboard).map((t) => t.id)]));
}

function sameBoard(a: ReadonlyMap<string, Id[]>, b: ReadonlyMap<string, Id[]>): boolean {
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const key of keys) {
    const x = a.get(key) ?? [];
    const y = b.get(key) ?? [];
    if (x.length !== y.length || x.some((id, i) => id !== y[i])) return false;
  }
  return true;
}

/**
 * The request for one drop, or null when the task was dropped where it already was (or is unknown).
 * The moved task takes the order just after the task above it (or the first task's order at the top);
 * when ties would put a neighbour on the wrong side, the tasks below it are pinned after it, and as a
 * last resort the whole cell is pinned.
 */
export function taskboardDropRequest(drop: TaskboardDrop): TaskboardRequest | null {
  const task = drop.tasks.find((t) => t.id === drop.taskId);
  if (!task) return null;
  const from = cellOf(task);
  const others = cellTasks(drop.tasks, drop.to).filter((t) => t.id !== task.id);
  const index = Math.max(0, Math.min(drop.index, others.length));
  const same = sameCell(from, drop.to);
  if (same && cellTasks(drop.tasks, from).findIndex((t) => t.id === task.id) === index) return null;

  const before = others.slice(0, index);
  const after = others.slice(index);
  const last = before[before.length - 1];
  const order = last ? last.taskboard_order + 1 : after[0] ? after[0].taskboard_order : task.taskboard_order;

  // The board as it must look after the drop.
  const wantedBoard = boardOrder(drop.tasks.filter((t) => t.id !== task.id));
  wantedBoard.set(cellKey(drop.to), [...before.map((t) => t.id), task.id, ...after.map((t) => t.id)]);

  const pinsAfter = new Map(after.map((t, k) => [t.id, order + 1 + k]));
  const pinsAll = new Map([...before.map((t) => [t.id, t.taskboard_order] as [Id, number]), ...pinsAfter]);
  const candidates: Map<Id, number>[] = [new Map(), pinsAfter, pinsAll];

  const build = (pins: Map<Id, number>): TaskboardRequest => {
    if (same) {
      const bulk = [{ task_id: task.id, order }, ...[...pins].map(([id, o]) => ({ task_id: id, order: o }))];
      const body: BulkUpdateTaskboardOrderBody = { project_id: drop.projectId, milestone_id: drop.milestoneId, status_id: drop.to.statusId, bulk_tasks: bulk };
      if (drop.to.storyId !== null) body.us_id = drop.to.storyId;
      return { kind: "reorder", body };
    }
    // Both keys always: Taiga's OCC then refuses the move when someone else changed either meanwhile.
    const changes: TaskboardMoveRequest["changes"] = { status: drop.to.statusId, user_story: drop.to.storyId, taskboard_order: order };
    return { kind: "move", taskId: task.id, changes, setOrders: Object.fromEntries([...pins].map(([id, o]) => [String(id), o])) };
  };

  let chosen: TaskboardRequest | null = null;
  for (const pins of candidates) {
    const request = build(pins);
    const result = boardOrder(applyTaskboardRequest(drop.tasks, request));
    for (const [key, ids] of result) if (ids.length === 0) result.delete(key);
    if (sameBoard(result, wantedBoard)) return request;
    chosen = request;
  }
  // Ties elsewhere in the renumbering scope cannot all be kept: the target cell is right, which is
  // what the user asked for.
  return chosen;
}

/**
 * Applies a request to the sprint's tasks as the server does, returning a new array (untouched
 * tasks keep their identity). A move also changes the task's status and story.
 */
export function applyTaskboardRequest<T extends TaskboardOrdered>(tasks: readonly T[], request: TaskboardRequest): T[] {
  if (request.kind === "reorder") {
    const { body } = request;
    const scope = tasks.filter((t) => (body.status_id === undefined || t.status === body.status_id) && (body.milestone_id === undefined || t.milestone === body.milestone_id));
    const changed = applyOrderUpdates(new Map(scope.map((t) => [t.id, t.taskboard_order])), new Map(body.bulk_tasks.map((e) => [e.task_id, e.order])));
    return withOrders(tasks, changed);
  }
  const task = tasks.find((t) => t.id === request.taskId);
  if (!task) return [...tasks];
  const moved: T = {
    ...task,
    status: request.changes.status ?? task.status,
    user_story: request.changes.user_story !== undefined ? request.changes.user_story : task.user_story,
    taskboard_order: request.changes.taskboard_order,
  };
  const next = tasks.map((t) => (t.id === task.id ? moved : t));
  const scope = next.filter(
    (t) =>
      (moved.user_story === null || t.user_story === moved.user_story) && t.status === moved.status && (moved.milestone === null || t.milestone === moved.milestone),
  );
  const wanted = new Map<Id, number>(Object.entries(request.setOrders).map(([id, o]) => [Number(id), o]));
  wanted.set(moved.id, moved.taskboard_order);
  return withOrders(next, applyOrderUpdates(new Map(scope.map((t) => [t.id, t.taskboard_order])), wanted));
}

/** Writes `{id: order}` (a bulk answer, or `Taiga-Info-Order-Updated`) into the tasks. */
export function withOrders<T extends TaskboardOrdered>(tasks: readonly T[], orders: ReadonlyMap<Id, number> | Readonly<Record<string, number>>): T[] {
  const map = orders instanceof Map ? orders : new Map(Object.entries(orders).map(([id, o]) => [Number(id), o]));
  if (map.size === 0) return [...tasks];
  return tasks.map((t) => {
    const order = map.get(t.id);
    return order === undefined || order === t.taskboard_order ? t : { ...t, taskboard_order: order };
  });
}

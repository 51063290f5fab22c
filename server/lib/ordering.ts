/**
 * Ordering maths of Taiga's user-story boards, as pure functions.
 *
 * Two algorithms exist in taiga-back and both are reproduced here:
 *
 * - the anchor algorithm of `bulk_update_kanban_order` / `bulk_update_backlog_order`
 *   (`renumberAroundAnchor`): the moved items, then the neighbours after the anchor, are numbered
 *   consecutively from the anchor's value (or from 1 without an anchor);
 * - the legacy "apply order updates" algorithm (`applyOrderUpdates`) used when an order field is
 *   changed through a plain PATCH: items between the old and the new position are shifted by one.
 *
 * Order values are bigints in Taiga (microsecond timestamps for new stories, about 1.8e15); they
 * stay below Number.MAX_SAFE_INTEGER (9e15), so plain numbers are exact here.
 */

export interface OrderedItem {
  readonly id: number;
  readonly order: number;
}

export interface OrderAssignment {
  readonly id: number;
  readonly order: number;
}

export type Anchor =
  | { readonly kind: "after"; readonly id: number; readonly order: number }
  | { readonly kind: "before"; readonly id: number; readonly order: number }
  | { readonly kind: "none" };

/**
 * Anchor renumbering of one cell (a kanban status x swimlane, the backlog, or a sprint).
 *
 * @param cell every item currently in the target cell, with its current order (moved items that
 *   already sit in the cell may be included; they are ignored as neighbours)
 * @param moved ids of the items dropped into the cell, in the requested order
 * @param anchor the item to drop after or before, with its order before the move, or none
 *   (= top of the cell, numbering restarts at 1)
 * @returns the new orders of every renumbered item, in sequence order: the moved items first, then
 *   the shifted neighbours; items before the anchor are untouched and not listed
 */
export function renumberAroundAnchor(
  cell: readonly OrderedItem[],
  moved: readonly number[],
  anchor: Anchor,
): OrderAssignment[] {
  const movedSet = new Set(moved);
  let neighbours = cell.filter((item) => !movedSet.has(item.id));
  let start: number;
  if (anchor.kind === "before") {
    neighbours = neighbours.filter((item) => item.order >= anchor.order);
    start = anchor.order;
  } else if (anchor.kind === "after") {
    neighbours = neighbours.filter((item) => item.id !== anchor.id && item.order >= anchor.order);
    start = anchor.order + 1;
  } else {
    start = 1;
  }
  const sortedNeighbours = [...neighbours].sort((a, b) => a.order - b.order || a.id - b.id);
  const sequence = [...moved, ...sortedNeighbours.map((item) => item.id)];
  return sequence.map((id, index) => ({ id, order: start + index }));
}

/**
 * Taiga's `apply_order_updates`: place the `wanted` items at their requested orders inside `base`
 * and shift the others so relative positions stay consistent.
 *
 * @param base current orders of every item in scope, in the order the caller wants the result listed
 * @param wanted requested orders (ids missing from `base` are ignored)
 * @param options.dropUnchanged also drop items whose final order equals their original one
 *   (Taiga's `remove_equal_original`, used by story PATCHes)
 * @returns the changed items and their new orders, in `base` order
 */
export function applyOrderUpdates(
  base: readonly OrderedItem[],
  wanted: ReadonlyMap<number, number>,
  options: { dropUnchanged?: boolean } = {},
): OrderAssignment[] {
  const current = new Map<number, number>();
  const original = new Map<number, number>();
  for (const item of base) {
    current.set(item.id, item.order);
    original.set(item.id, item.order);
  }
  const updated = new Set<number>();
  const requests = [...wanted.entries()]
    .filter(([id]) => current.has(id))
    .sort((a, b) => a[1] - b[1]);

  for (const [id, newOrder] of requests) {
    const oldOrder = current.get(id) ?? newOrder;
    for (const [otherId, order] of current) {
      const movingUp = newOrder <= oldOrder && order >= newOrder && order < oldOrder;
      const movingDownOrStaying = newOrder >= oldOrder && order >= newOrder;
      if (movingUp || movingDownOrStaying) {
        current.set(otherId, order + 1);
        updated.add(otherId);
      }
    }
  }
  for (const [id, newOrder] of requests) {
    if (current.get(id) !== newOrder) {
      current.set(id, newOrder);
      updated.add(id);
    }
  }

  const result: OrderAssignment[] = [];
  for (const item of base) {
    if (!updated.has(item.id)) continue;
    const order = current.get(item.id) ?? item.order;
    if (options.dropUnchanged && original.get(item.id) === order) continue;
    result.push({ id: item.id, order });
  }
  return result;
}

/**
 * The `Taiga-Info-Order-Updated` header value: a JSON object id -> order in the given sequence,
 * formatted like Python's `json.dumps` (`{"7": 9, "8": 9}`, `{}` when empty). Built by hand because
 * JavaScript objects would reorder integer-like keys.
 */
export function formatOrderUpdatedHeader(assignments: readonly OrderAssignment[]): string {
  const seen = new Map<number, number>();
  for (const { id, order } of assignments) seen.set(id, order);
  return `{${[...seen].map(([id, order]) => `"${id}": ${order}`).join(", ")}}`;
}

/** "Now" as a story order value: Unix time in microseconds, strictly increasing within a process. */
let lastMicros = 0;
export function nowMicros(): number {
  const micros = Date.now() * 1000;
  lastMicros = micros > lastMicros ? micros : lastMicros + 1;
  return lastMicros;
}

export interface LaneStory {
  readonly id: number;
  readonly swimlane: number | null;
  readonly order: number;
}

/**
 * Deleting a swimlane with `?moveTo=` (taiga `update_order_and_swimlane`): every story of the project
 * gets a new `kanban_order` from 0 - first the stories without swimlane, then swimlane by swimlane in
 * swimlane order, each by (kanban_order, id) - and the deleted swimlane's stories are appended to the
 * target swimlane's.
 *
 * @param swimlaneOrder the project's swimlane ids in display order (the deleted one included)
 */
export function renumberForSwimlaneDeletion(
  stories: readonly LaneStory[],
  swimlaneOrder: readonly number[],
  deleted: number,
  target: number,
): LaneStory[] {
  const byOrder = (a: LaneStory, b: LaneStory): number => a.order - b.order || a.id - b.id;
  const inLane = (lane: number | null): LaneStory[] => stories.filter((s) => s.swimlane === lane).sort(byOrder);
  const sequence: { id: number; swimlane: number | null }[] = inLane(null).map((s) => ({ id: s.id, swimlane: null }));
  for (const lane of swimlaneOrder) {
    if (lane === deleted) continue;
    sequence.push(...inLane(lane).map((s) => ({ id: s.id, swimlane: lane })));
    if (lane === target) sequence.push(...inLane(deleted).map((s) => ({ id: s.id, swimlane: target })));
  }
  return sequence.map((s, index) => ({ ...s, order: index }));
}

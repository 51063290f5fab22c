/**
 * Moving a story inside its epic, as Taiga orders an epic's links. Taiga has no bulk endpoint for
 * them: one `PATCH /epics/<epic>/related_userstories/<story> {order}` saves the moved link's new
 * order and then, when the order changed, shifts every other link whose order is at or after it
 * by one (taiga-back's `apply_order_updates`, the base holding the saved value), with the orders
 * named in a `set-orders` header (`{"<story id>": order}`) applied on top. Equal orders are
 * common (links made in the same instant, imported data), so the simple request cannot always say
 * "between these two": then every link's order is stated.
 *
 * `linkMoveRequest` finds the request for a drop, `applyLinkOrders` what Taiga makes of it (the
 * optimistic update uses it, and tests check each request against it).
 */
import type { Id } from "../api/types";

export interface OrderedLink {
  user_story: Id;
  order: number;
}

/** The request moving a story: its new `order` and, when needed, the `set-orders` header's orders. */
export interface LinkMove {
  user_story: Id;
  order: number;
  setOrders?: Record<string, number>;
}

/** Links in the order the epic shows them: by order, then story id. */
export function sortLinks<T extends OrderedLink>(links: readonly T[]): T[] {
  return [...links].sort((a, b) => a.order - b.order || a.user_story - b.user_story);
}

/** The links' orders after Taiga applies `move` (taiga-back's PATCH, `apply_order_updates`). */
export function applyLinkOrders<T extends OrderedLink>(links: readonly T[], move: LinkMove): T[] {
  const moved = links.find((l) => l.user_story === move.user_story);
  if (!moved) return [...links];
  // The moved link is saved first; nothing else happens when its order did not change.
  const current = new Map(links.map((l) => [l.user_story, l.user_story === move.user_story ? move.order : l.order]));
  if (moved.order === move.order) return links.map((l) => ({ ...l, order: current.get(l.user_story)! }));
  const wanted = new Map<Id, number>();
  for (const [id, order] of Object.entries(move.setOrders ?? {})) if (current.has(Number(id))) wanted.set(Number(id), order);
  wanted.set(move.user_story, move.order);
  const requests = [...wanted.entries()].sort((a, b) => a[1] - b[1]);
  for (const [id, newOrder] of requests) {
    const oldOrder = current.get(id)!;
    for (const [other, order] of current) {
      const movingUp = newOrder <= oldOrder && order >= newOrder && order < oldOrder;
      const movingDownOrStaying = newOrder >= oldOrder && order >= newOrder;
      if (movingUp || movingDownOrStaying) current.set(other, order + 1);
    }
  }
  for (const [id, order] of requests) current.set(id, order);
  return links.map((l) => ({ ...l, order: current.get(l.user_story)! }));
}

const sequence = (links: readonly OrderedLink[]) => sortLinks(links).map((l) => l.user_story);
const sameSequence = (a: readonly Id[], b: readonly Id[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The request that puts `storyId` at `toIndex` of the epic's list (indices as `sortLinks` shows
 * them), or `null` when it is there already. Tries the one-field request first, checks what Taiga
 * would make of it, and states every order when equal orders make it ambiguous.
 */
export function linkMoveRequest(links: readonly OrderedLink[], storyId: Id, toIndex: number): LinkMove | null {
  const sorted = sortLinks(links);
  const from = sorted.findIndex((l) => l.user_story === storyId);
  if (from < 0) return null;
  const without = sorted.filter((l) => l.user_story !== storyId);
  const to = Math.max(0, Math.min(toIndex, without.length));
  const wanted = [...without.slice(0, to).map((l) => l.user_story), storyId, ...without.slice(to).map((l) => l.user_story)];
  if (sameSequence(wanted, sorted.map((l) => l.user_story))) return null;

  const previous = without[to - 1];
  const next = without[to];
  const simple: LinkMove = { user_story: storyId, order: previous ? previous.order + 1 : next!.order };
  if (sameSequence(sequence(applyLinkOrders(sorted, simple)), wanted)) return simple;

  // State every order: 1, 2, 3... from the lowest one (shifted by one if the moved link would keep its own).
  const base = Math.min(...sorted.map((l) => l.order));
  const offset = base + to === sorted[from]!.order ? 1 : 0;
  const setOrders: Record<string, number> = {};
  wanted.forEach((id, i) => {
    if (id !== storyId) setOrders[String(id)] = base + offset + i;
  });
  return { user_story: storyId, order: base + offset + to, setOrders };
}

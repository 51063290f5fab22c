/**
 * Reordering wiki links. Taiga has no bulk order endpoint for them (`POST /wiki-links/bulk_update_order`
 * answers 405): a drop is saved by PATCHing `order` of the links that must change. This picks the
 * fewest: the moved link alone takes a value between its new neighbours when there is room (almost
 * always: orders are millisecond timestamps); otherwise the smallest window of links around it is
 * spread evenly between the orders that bound it.
 */

export interface OrderedLink {
  id: number;
  order: number;
}

export interface OrderChange {
  id: number;
  order: number;
}

/** The list after moving `from` to `to` (indexes in the list as it is). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

const STEP = 1000;

/**
 * The `order` PATCHes that make the server's order match `links` moved from `from` to `to`
 * (sorted by order, then id, as Taiga lists them). Empty when nothing moves.
 */
export function reorderChanges(links: readonly OrderedLink[], from: number, to: number): OrderChange[] {
  if (from === to || from < 0 || from >= links.length) return [];
  const next = moveItem(links, from, to);
  const at = next.indexOf(links[from] as OrderedLink);
  const orderAt = (i: number): number | undefined => (i >= 0 && i < next.length ? (next[i] as OrderedLink).order : undefined);

  // Grow a window [lo, hi] around the moved link until the orders bounding it leave room for its members.
  let lo = at;
  let hi = at;
  for (;;) {
    const below = lo > 0 ? orderAt(lo - 1) : undefined;
    const above = hi < next.length - 1 ? orderAt(hi + 1) : undefined;
    const size = hi - lo + 1;
    const lower = below ?? (above !== undefined ? above - STEP * (size + 1) : 0);
    const upper = above ?? lower + STEP * (size + 1);
    if (upper - lower > size) {
      const changes: OrderChange[] = [];
      const gap = (upper - lower) / (size + 1);
      for (let i = 0; i < size; i += 1) {
        const link = next[lo + i] as OrderedLink;
        const order = Math.round(lower + gap * (i + 1));
        if (order !== link.order || link === links[from]) changes.push({ id: link.id, order });
      }
      return changes;
    }
    // no room: take in a neighbour (the side with one; below first)
    if (lo > 0) lo -= 1;
    else if (hi < next.length - 1) hi += 1;
    else return [];
  }
}

/** `links` with the changes applied, sorted as Taiga lists them (order, then id). */
export function applyOrderChanges<T extends OrderedLink>(links: readonly T[], changes: readonly OrderChange[]): T[] {
  const byId = new Map(changes.map((c) => [c.id, c.order]));
  return links.map((l) => (byId.has(l.id) ? { ...l, order: byId.get(l.id) as number } : l)).sort((a, b) => a.order - b.order || a.id - b.id);
}

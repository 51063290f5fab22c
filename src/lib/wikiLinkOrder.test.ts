import { describe, expect, it } from "vitest";
import { applyOrderChanges, moveItem, reorderChanges, type OrderedLink } from "./wikiLinkOrder";

const ids = (list: readonly OrderedLink[]) => list.map((l) => l.id);
const links = (...orders: number[]): OrderedLink[] => orders.map((order, i) => ({ id: i + 1, order }));

/** Applying the changes must give the moved list, and orders stay distinct. */
function check(list: OrderedLink[], from: number, to: number, distinct = true) {
  const changes = reorderChanges(list, from, to);
  const after = applyOrderChanges(list, changes);
  expect(ids(after)).toEqual(ids(moveItem(list, from, to)));
  if (distinct) expect(new Set(after.map((l) => l.order)).size).toBe(after.length);
  return changes;
}

describe("reorderChanges", () => {
  it("moves one link with one PATCH when its new neighbours leave room (timestamps)", () => {
    const list = links(1795846309347, 1795846309349, 1795846310443, 1795846310500);
    expect(check(list, 3, 0)).toHaveLength(1);
    expect(check(list, 0, 3)).toHaveLength(1);
    expect(check(list, 0, 2)).toHaveLength(1);
  });

  it("re-spaces the fewest neighbours when orders are consecutive (the sample data's links)", () => {
    const list = links(10, 11, 12, 13, 14);
    const changes = check(list, 4, 1);
    expect(changes.length).toBeGreaterThan(1);
    expect(changes.length).toBeLessThan(list.length);
  });

  it("moves to either end past equal or adjacent orders", () => {
    // ties among the others stay ties (Taiga then sorts them by id, as before)
    check(links(5, 5, 5), 2, 0, false);
    check(links(5, 5, 5), 0, 2, false);
    check(links(5, 5, 5), 0, 1, false);
    check(links(1, 2), 1, 0);
  });

  it("does nothing when the link stays", () => {
    expect(reorderChanges(links(1, 2, 3), 1, 1)).toEqual([]);
  });
});

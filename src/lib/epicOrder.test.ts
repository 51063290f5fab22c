import { describe, expect, it } from "vitest";
import { applyLinkOrders, linkMoveRequest, sortLinks, type OrderedLink } from "./epicOrder";

const links = (...pairs: [story: number, order: number][]): OrderedLink[] => pairs.map(([user_story, order]) => ({ user_story, order }));
const shown = (list: OrderedLink[]) => sortLinks(list).map((l) => l.user_story);

describe("what Taiga makes of a PATCH of a link's order", () => {
  it("the moved link takes the order; every other link from that order on moves down by one", () => {
    const before = links([1, 1], [2, 2], [3, 3], [4, 4]);
    expect(applyLinkOrders(before, { user_story: 4, order: 2 })).toEqual(links([1, 1], [2, 3], [3, 4], [4, 2]));
    expect(applyLinkOrders(before, { user_story: 1, order: 4 })).toEqual(links([1, 4], [2, 2], [3, 3], [4, 5]));
  });

  it("an unchanged order changes nothing, set-orders included", () => {
    const before = links([1, 1], [2, 2]);
    expect(applyLinkOrders(before, { user_story: 2, order: 2, setOrders: { "1": 9 } })).toEqual(before);
  });

  it("set-orders are applied on top, in order of their values", () => {
    const before = links([1, 5], [2, 5], [3, 5]);
    expect(applyLinkOrders(before, { user_story: 3, order: 1, setOrders: { "1": 2, "2": 3 } })).toEqual(links([1, 2], [2, 3], [3, 1]));
  });
});

describe("the request for a drop", () => {
  it("distinct orders: one field, the order after the link it lands behind", () => {
    const before = links([10, 100], [11, 200], [12, 300], [13, 400]);
    expect(linkMoveRequest(before, 13, 1)).toEqual({ user_story: 13, order: 101 });
    expect(linkMoveRequest(before, 10, 3)).toEqual({ user_story: 10, order: 401 });
    // To the top: the first link's order (it and every later one move down).
    expect(linkMoveRequest(before, 12, 0)).toEqual({ user_story: 12, order: 100 });
    expect(shown(applyLinkOrders(before, linkMoveRequest(before, 12, 0)!))).toEqual([12, 10, 11, 13]);
  });

  it("a drop where the story already is asks nothing", () => {
    const before = links([1, 1], [2, 2]);
    expect(linkMoveRequest(before, 2, 1)).toBeNull();
    expect(linkMoveRequest(before, 9, 0)).toBeNull();
  });

  it("equal orders (links made in the same instant): every order is stated", () => {
    const before = links([1, 7], [2, 7], [3, 7]);
    const move = linkMoveRequest(before, 3, 1)!;
    expect(move.setOrders).toBeDefined();
    expect(shown(applyLinkOrders(before, move))).toEqual([1, 3, 2]);
  });

  it("every drop of every story lands where it was dropped, ties or not (exhaustive on small epics)", () => {
    const shapes: OrderedLink[][] = [
      links([1, 1], [2, 2], [3, 3], [4, 4], [5, 5]),
      links([1, 1], [2, 1], [3, 1], [4, 1]),
      links([1, 3], [2, 3], [3, 4], [4, 4], [5, 9]),
      links([5, 0], [4, 1], [3, 1], [2, 2]),
      links([1, 1_700_000_000_000], [2, 1_700_000_000_000], [3, 1_700_000_000_001]),
      links([8, 2], [9, 1]),
    ];
    for (const before of shapes) {
      const order = shown(before);
      for (const story of order) {
        for (let to = 0; to < order.length; to++) {
          const wanted = order.filter((id) => id !== story);
          wanted.splice(to, 0, story);
          const move = linkMoveRequest(before, story, to);
          if (wanted.every((id, i) => id === order[i])) {
            expect(move).toBeNull();
            continue;
          }
          expect(move, `${JSON.stringify(before)} move ${story} to ${to}`).not.toBeNull();
          expect(shown(applyLinkOrders(before, move!)), `${JSON.stringify(before)} move ${story} to ${to}`).toEqual(wanted);
        }
      }
    }
  });
});

/** The shape comparison used by the fidelity tests must catch real differences. */
import { describe, expect, it } from "vitest";
import { shapeDiff, shapeOf } from "./shape";

describe("shapeDiff", () => {
  const recorded = shapeOf({ id: 1, name: "x", owner: { id: 2 }, tags: [["a", null], ["b", "#fff"]], parent: null, extra: { k1: "v" } });

  it("accepts the same keys and types", () => {
    expect(shapeDiff({ id: 9, name: "y", owner: { id: 3 }, tags: [], parent: null, extra: { k1: "w" } }, recorded)).toEqual([]);
  });

  it("reports missing keys, extra keys and wrong types", () => {
    expect(shapeDiff({ id: "1", owner: { id: 3, more: true }, tags: [[1, null]], parent: null, extra: {}, surplus: 1 }, recorded)).toEqual([
      "$.name: missing",
      "$.surplus: not in the recording",
      "$.id: type string, recorded number",
      "$.owner.more: not in the recording",
      "$.tags[][]: type number, recorded string|null",
      "$.extra.k1: missing",
    ]);
  });

  it("treats null strictly unless the recording shows both or the path is declared nullable", () => {
    expect(shapeDiff({ id: null, name: "x", owner: { id: 1 }, tags: [], parent: null, extra: { k1: "v" } }, recorded)).toEqual(["$.id: type null, recorded number"]);
    expect(shapeDiff({ id: null, name: "x", owner: { id: 1 }, tags: [], parent: null, extra: { k1: "v" } }, recorded, { nullable: ["$.id"] })).toEqual([]);
    expect(shapeDiff({ id: 1, name: "x", owner: { id: 1 }, tags: [], parent: 5, extra: { k1: "v" } }, recorded)).toEqual(["$.parent: type number, recorded null"]);
    expect(shapeDiff({ a: null }, shapeOf({ a: 1 }, { a: null }))).toEqual([]);
  });

  it("compares only value types under dynamic-key paths", () => {
    expect(shapeDiff({ id: 1, name: "x", owner: { id: 1 }, tags: [], parent: null, extra: { other: "v" } }, recorded, { dynamicKeys: ["$.extra"] })).toEqual([]);
    expect(shapeDiff({ id: 1, name: "x", owner: { id: 1 }, tags: [], parent: null, extra: { other: 3 } }, recorded, { dynamicKeys: ["$.extra"] })).toEqual([
      "$.extra.other: type number, recorded string",
    ]);
    expect(shapeDiff({ m: { "1": 5 } }, shapeOf({ m: {} }), { dynamicKeys: ["$.m"] })).toEqual([]);
    expect(shapeDiff({ m: { "1": 5 } }, shapeOf({ m: {} }))).toEqual(["$.m.1: not in the recording"]);
  });
});

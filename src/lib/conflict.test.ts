import { describe, expect, it } from "vitest";
import { describeConflict, editedFields, keepMineChanges, realConflicts, sameValue, takeTheirsChanges } from "./conflict";

const base = { subject: "Original", description: "Old text", tags: [["a", null]], points: { "1": 2, "2": 3 }, due_date: null };

describe("sameValue", () => {
  it("compares JSON values by structure, ignoring key order", () => {
    expect(sameValue({ "1": 2, "2": 3 }, { "2": 3, "1": 2 })).toBe(true);
    expect(sameValue([["a", null]], [["a", null]])).toBe(true);
    expect(sameValue([["a", null]], [["a", "#fff"]])).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue("", null)).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe("describeConflict", () => {
  it("compares only the roles the user changed in a points map", () => {
    const theirs = { ...base, points: { "1": 2, "2": 9 } };
    const mineOnly = describeConflict({ points: { "1": 5 } }, base, theirs);
    expect(mineOnly[0]).toMatchObject({ base: { "1": 2 }, theirs: { "1": 2 }, changedByThem: false });
    expect(realConflicts(mineOnly)).toEqual([]);
    const sameRole = describeConflict({ points: { "2": 5 } }, base, theirs);
    expect(realConflicts(sameRole)).toEqual([expect.objectContaining({ field: "points", theirs: { "2": 9 }, mine: { "2": 5 } })]);
    expect(keepMineChanges({ points: { "2": 5 }, version: 3 })).toEqual({ points: { "2": 5 } });
  });

  it("lists each field the user changed with base, mine and theirs, leaving out version and comment", () => {
    const theirs = { ...base, subject: "Theirs", version: 4 };
    const conflicts = describeConflict({ subject: "Mine", comment: "hi", version: 2 }, base, theirs);
    expect(editedFields({ subject: "Mine", comment: "hi", version: 2 })).toEqual(["subject"]);
    expect(conflicts).toEqual([{ field: "subject", base: "Original", mine: "Mine", theirs: "Theirs", changedByThem: true, alreadySame: false }]);
    expect(realConflicts(conflicts)).toHaveLength(1);
  });

  it("does not ask about a field the other person left alone", () => {
    const theirs = { ...base, subject: "Theirs" };
    const conflicts = describeConflict({ description: "New text" }, base, theirs);
    expect(conflicts[0]).toMatchObject({ field: "description", changedByThem: false });
    expect(realConflicts(conflicts)).toEqual([]);
  });

  it("does not ask when the other person already saved the same value", () => {
    const conflicts = describeConflict({ subject: "Same" }, base, { ...base, subject: "Same" });
    expect(conflicts[0]).toMatchObject({ changedByThem: true, alreadySame: true });
    expect(realConflicts(conflicts)).toEqual([]);
  });

  it("compares structured fields such as points and tags by value", () => {
    const theirs = { ...base, points: { "2": 3, "1": 2 }, tags: [["a", null], ["b", "#f00"]] };
    const conflicts = describeConflict({ points: { "1": 5, "2": 3 }, tags: [["c", null]] }, base, theirs);
    expect(conflicts.find((c) => c.field === "points")?.changedByThem).toBe(false);
    expect(conflicts.find((c) => c.field === "tags")?.changedByThem).toBe(true);
  });
});

describe("resolutions", () => {
  it("keep mine resubmits every change of the user without the stale version", () => {
    expect(keepMineChanges({ subject: "Mine", description: "D", version: 2 })).toEqual({ subject: "Mine", description: "D" });
  });

  it("take theirs drops only the contested fields and keeps the rest", () => {
    const changes = { subject: "Mine", description: "Mine too", version: 2 };
    const conflicts = describeConflict(changes, base, { ...base, subject: "Theirs" });
    expect(takeTheirsChanges(changes, conflicts)).toEqual({ description: "Mine too" });
  });

  it("take theirs sends nothing when every change was contested", () => {
    const changes = { subject: "Mine", version: 2 };
    const conflicts = describeConflict(changes, base, { ...base, subject: "Theirs" });
    expect(takeTheirsChanges(changes, conflicts)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { checkOcc, parseVersion } from "./occ";

describe("checkOcc", () => {
  // History of the worked example in occ.md §7, newest first.
  const afterSubjectEdit = [["subject"], []]; // change{subject}, create

  it("accepts the current version", () => {
    expect(checkOcc({ version: 2, subject: "x" }, 2, afterSubjectEdit)).toEqual({ ok: true });
  });

  it("rejects a stale version touching a field changed since", () => {
    expect(checkOcc({ version: 1, subject: "y" }, 2, afterSubjectEdit)).toEqual({
      ok: false,
      body: { version: "The version doesn't match with the current one" },
    });
  });

  it("accepts a stale version touching only other fields", () => {
    expect(checkOcc({ version: 1, description: "d" }, 2, afterSubjectEdit)).toEqual({ ok: true });
  });

  it("only looks at the last current - sent entries", () => {
    const history = [["description", "description_html"], ["subject"], []];
    expect(checkOcc({ version: 2, subject: "s" }, 3, history)).toEqual({ ok: true });
    expect(checkOcc({ version: 1, subject: "s" }, 3, history).ok).toBe(false);
  });

  it("counts unknown and read-only keys of the body", () => {
    const history = [["kanban_order", "status"]];
    expect(checkOcc({ version: 1, kanban_order: 5 }, 2, history).ok).toBe(false);
  });

  it("never conflicts on a comment", () => {
    expect(checkOcc({ version: 1, comment: "hi" }, 4, [["subject"], ["status"], []])).toEqual({ ok: true });
  });

  it.each([
    [{ subject: "no version" }],
    [{ subject: "null version", version: null }],
    [{ subject: "future", version: 9 }],
    [{ subject: "negative", version: -1 }],
  ])("missing, null, too high or negative version is not valid: %o", (body) => {
    expect(checkOcc(body, 4, [])).toEqual({ ok: false, body: { version: "The version parameter is not valid" } });
  });

  it.each([["abc"], [1.5], [[1]], [{ a: 1 }], [true]])("a non-integer version %o is a field error", (version) => {
    expect(checkOcc({ version, subject: "x" }, 4, [])).toEqual({
      ok: false,
      body: { version: ["Enter a whole number."] },
    });
  });

  it("accepts numeric strings", () => {
    expect(parseVersion("3")).toEqual({ kind: "ok", value: 3 });
    expect(checkOcc({ version: "4", subject: "x" }, 4, [])).toEqual({ ok: true });
  });
});

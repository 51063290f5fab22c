import { afterEach, describe, expect, it, vi } from "vitest";
import { clearDraft, draftKey, initialText, readDraft, writeDraft } from "./drafts";

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe("drafts", () => {
  it("keys a draft by object type, id and field", () => {
    expect(draftKey("userstory", 42, "description")).toBe("draft:userstory:42:description");
    expect(draftKey("task", 7, "comment")).toBe("draft:task:7:comment");
  });

  it("keeps the exact text, whitespace and all, until it is cleared", () => {
    const key = draftKey("issue", 3, "description");
    const text = "  line one\n\n\tline two with ünïcödé and emoji 🎉  \n";
    expect(writeDraft(key, text, {}, 1000)).toBe(true);
    expect(readDraft(key)).toEqual({ text, savedAt: 1000 });
    clearDraft(key);
    expect(readDraft(key)).toBeNull();
  });

  it("keeps an empty draft (the user cleared the field on purpose)", () => {
    const key = draftKey("task", 1, "description");
    writeDraft(key, "");
    expect(readDraft(key)?.text).toBe("");
    expect(initialText(key, "server text")).toMatchObject({ text: "", restored: true });
  });

  it("starts an editor from the draft when it differs from the server's text", () => {
    const key = draftKey("userstory", 5, "description");
    writeDraft(key, "my unsaved words");
    expect(initialText(key, "what the server has")).toMatchObject({ text: "my unsaved words", restored: true });
  });

  it("remembers the version and text the user started from, so a restored draft is saved against them", () => {
    const key = draftKey("userstory", 6, "description");
    writeDraft(key, "mine", { baseVersion: 3, baseText: "before" });
    expect(initialText(key, "changed meanwhile")).toEqual({ text: "mine", restored: true, base: { baseVersion: 3, baseText: "before" } });
  });

  it("drops a draft that equals the server's text and starts from the server's text", () => {
    const key = draftKey("userstory", 5, "description");
    writeDraft(key, "same");
    expect(initialText(key, "same")).toMatchObject({ text: "same", restored: false });
    expect(readDraft(key)).toBeNull();
  });

  it("reads a plain string someone else stored as the text", () => {
    localStorage.setItem("draft:task:9:comment", "not json {");
    expect(readDraft("draft:task:9:comment")?.text).toBe("not json {");
  });

  it("reports a refused write instead of throwing (storage full)", () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(writeDraft("draft:task:1:description", "x")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { applyFormat, attachmentMarkdown, insertAt } from "./editing";

const at = (text: string, start: number, end = start) => ({ text, start, end });

describe("formatting commands", () => {
  it("bold wraps the selection and selects it; again unwraps", () => {
    const once = applyFormat("bold", at("a word here", 2, 6));
    expect(once).toEqual({ text: "a **word** here", start: 4, end: 8 });
    expect(applyFormat("bold", once)).toEqual({ text: "a word here", start: 2, end: 6 });
  });

  it("italic and code insert a placeholder at an empty selection", () => {
    expect(applyFormat("italic", at("x ", 2)).text).toBe("x _italic text_");
    expect(applyFormat("code", at("", 0)).text).toBe("`code`");
    expect(applyFormat("code", at("a\nb", 0, 3)).text).toBe("```\na\nb\n```");
  });

  it("link selects the url to type over; list toggles every selected line", () => {
    expect(applyFormat("link", at("see docs", 4, 8))).toEqual({ text: "see [docs](url)", start: 11, end: 14 });
    const listed = applyFormat("list", at("one\ntwo", 0, 7));
    expect(listed.text).toBe("- one\n- two");
    expect(applyFormat("list", listed).text).toBe("one\ntwo");
  });

  it("inserts an uploaded image's markdown at the caret", () => {
    expect(insertAt(at("ab", 1), attachmentMarkdown("shot [1].png", "http://x/media/a b.png", true))).toEqual({ text: "a![shot 1.png](http://x/media/a%20b.png)b", start: 40, end: 40 });
  });
});

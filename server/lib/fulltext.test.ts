/** Taiga's search text semantics (to_tsquery + the `simple` configuration) as pure functions. */
import { describe, expect, it } from "vitest";
import { lexemes, parseQuery, rankDocument, type Field } from "./fulltext";

const doc = (subject: string, tags = "", description = ""): Field[] => [
  { text: subject, weight: "A" },
  { text: tags, weight: "B" },
  { text: description, weight: "C" },
];
const matches = (q: string, fields: Field[]): boolean => rankDocument(parseQuery(q), fields) !== null;

describe("full-text matching", () => {
  it("splits words like PostgreSQL's simple parser, keeping hyphenated words whole too", () => {
    expect(lexemes("Support for BULK actions, see #12")).toEqual(["support", "for", "bulk", "actions", "see", "12"]);
    expect(lexemes("another-recorded-link")).toEqual(["another-recorded-link", "another", "recorded", "link"]);
  });

  it("matches every word as a prefix, AND-ed", () => {
    expect(matches("bul", doc("Support for bulk actions"))).toBe(true);
    expect(matches("bulk act", doc("Support for bulk actions"))).toBe(true);
    expect(matches("bulk export", doc("Support for bulk actions"))).toBe(false);
    expect(matches("5", doc("Add tests 52"))).toBe(true); // a ref prefix, as text=5 finds #5, #50, #52
  });

  it("supports quoted literals, or, not and parentheses", () => {
    expect(matches('"bulk"', doc("bulky items"))).toBe(false);
    expect(matches('"bulk"', doc("bulk items"))).toBe(true);
    expect(matches("export or bulk", doc("Support for bulk actions"))).toBe(true);
    expect(matches("bulk not support", doc("Support for bulk actions"))).toBe(false);
    expect(matches("(export or import) and bulk", doc("Bulk import"))).toBe(true);
    expect(parseQuery("and or ) (")).toBeNull(); // only operators: no lexeme to look for
  });

  it("ranks the subject above tags above the description", () => {
    const q = parseQuery("login");
    const inSubject = rankDocument(q, doc("Login page")) as number;
    const inTags = rankDocument(q, doc("Page", "login")) as number;
    const inDescription = rankDocument(q, doc("Page", "", "the login form")) as number;
    expect(inSubject).toBeGreaterThan(inTags);
    expect(inTags).toBeGreaterThan(inDescription);
    expect(rankDocument(parseQuery(""), doc("x"))).toBe(0);
  });
});

/**
 * The `q` matcher against what the real Taiga answered for the same searches over the same subjects
 * (project-1 of the reference instance, refs 23-38; see the issue note for the recorded answers).
 */
import { describe, expect, it } from "vitest";
import { compileQuery, searchText, tokenize } from "./textsearch";

const ISSUES: [number, string][] = [
  [38, "Create the user model"],
  [37, "Support for bulk actions"],
  [35, "get_actions() does not check for 'delete_selected' in actions"],
  [34, "Migrate to Python 3 and milk a beautiful cow"],
  [33, "Added file copying and processing of images (resizing)"],
  [32, "Create the html template"],
  [31, "Add setting to allow regular users to create folders at the root level."],
  [27, "Create testsuite with matrix builds"],
  [25, "Lighttpd x-sendfile support"],
  [23, "Fixing templates for Django 1.6."],
];

const search = (q: string): number[] => {
  const query = compileQuery(q);
  return ISSUES.filter(([ref, subject]) => query?.matches(tokenize(searchText(subject, "[]", ref, ""))) ?? false).map(([ref]) => ref);
};

describe("q as Taiga's to_tsquery search", () => {
  it("matches word prefixes, AND-ed", () => {
    expect(search("templ")).toEqual([32, 23]);
    expect(search("emplate")).toEqual([]);
    expect(search("html template")).toEqual([32]);
    expect(search("creat user")).toEqual([38, 31]);
    expect(search("users")).toEqual([31]);
  });

  it("splits words as PostgreSQL does: underscores, hyphens, versions", () => {
    expect(search("get")).toEqual([35]);
    expect(search("get_actions")).toEqual([35]);
    expect(search("delete_sel")).toEqual([35]);
    for (const q of ["x-sendfile", "sendfile", "send", "x-send", "x"]) expect(search(q), q).toEqual([25]);
    expect(search("lighttpd-x")).toEqual([]);
    expect(search("user-model")).toEqual([]);
    expect(search("1.6")).toEqual([23]);
    expect(search("6")).toEqual([]);
  });

  it("finds refs by prefix", () => {
    expect(search("25")).toEqual([25]);
    expect(search("3")).toEqual([38, 37, 35, 34, 33, 32, 31]);
  });

  it("knows and/or/not, parentheses and quoted phrases", () => {
    expect(search("create OR lighttpd")).toEqual([38, 32, 31, 27, 25]);
    expect(search("create or lighttpd")).toEqual([38, 32, 31, 27, 25]);
    expect(search("create and")).toEqual([38, 32, 31, 27]);
    expect(search("create not user")).toEqual([32, 27]);
    expect(search("(create")).toEqual([38, 32, 31, 27]);
    expect(search('"create the"')).toEqual([38, 32]);
    expect(search('"template html"')).toEqual([]);
    expect(search('"send"')).toEqual([]);
    expect(search('"x-sendfile"')).toEqual([25]);
  });

  it("treats other punctuation as separators and finds nothing without a word", () => {
    expect(search("create | user")).toEqual([38, 31]);
    expect(search("creat & user")).toEqual([38, 31]);
    expect(search("!create")).toEqual([38, 32, 31, 27]);
    expect(search("and")).toEqual([]);
    expect(search("&")).toEqual([]);
    expect(search("'")).toEqual([]);
    expect(search("a)")).toEqual([37, 35, 34, 33, 31]);
  });
});

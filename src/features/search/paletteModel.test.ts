import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Project, SearchResults } from "../../api/types";
import { buildGroups, GROUP_LIMIT, moveActive, parseQuery, refTarget, resultsSummary } from "./paletteModel";

/** The recorded answer of a real Taiga to `/search?project=1&text=bulk`. */
const recorded = JSON.parse(readFileSync("fixtures/taiga-recordings/search/001-project1-text.json", "utf8")) as { response: { body: SearchResults } };

const status = (id: number, name: string, color = "#999999") => ({ id, name, color });
const project = {
  slug: "project-1",
  us_statuses: [status(1, "New", "#70728f"), status(2, "Ready", "#e44057")],
  task_statuses: [status(1, "New")],
  issue_statuses: [status(1, "New"), status(2, "In progress")],
  epic_statuses: [status(1, "New")],
} as unknown as Pick<Project, "slug" | "us_statuses" | "task_statuses" | "issue_statuses" | "epic_statuses">;

describe("what the typed text asks for", () => {
  it("#123 is a jump to the item with that ref", () => {
    expect(parseQuery("#123")).toEqual({ kind: "ref", ref: 123 });
    expect(parseQuery("  # 42 ")).toEqual({ kind: "ref", ref: 42 });
  });

  it("anything else with a word is searched, spaces collapsed", () => {
    expect(parseQuery("  bulk   actions ")).toEqual({ kind: "text", text: "bulk actions" });
    expect(parseQuery("123")).toEqual({ kind: "text", text: "123" });
    expect(parseQuery("#12a")).toEqual({ kind: "text", text: "#12a" });
    expect(parseQuery("crème brûlée")).toEqual({ kind: "text", text: "crème brûlée" });
  });

  it("nothing, or punctuation only, searches nothing (Taiga would answer every item)", () => {
    expect(parseQuery("")).toEqual({ kind: "empty" });
    expect(parseQuery("   ")).toEqual({ kind: "empty" });
    expect(parseQuery("#")).toEqual({ kind: "empty" });
    expect(parseQuery("-- !")).toEqual({ kind: "empty" });
  });
});

describe("the answer as groups of options", () => {
  it("groups in a fixed order with their counts, empty groups left out (recorded answer)", () => {
    const groups = buildGroups(recorded.response.body, project);
    expect(groups.map((g) => [g.id, g.count])).toEqual([
      ["userstories", 3],
      ["issues", 2],
      ["epics", 1],
    ]);
    expect(groups[0]!.options[0]).toEqual({
      id: "userstories-2",
      group: "userstories",
      to: "/project/project-1/us/5",
      ref: "#5",
      label: "Add tests for bulk operations",
      detail: "Ready · Sprint 2026-10-4",
      color: "#e44057",
    });
    expect(groups[1]!.options.map((o) => o.to)).toEqual(["/project/project-1/issue/36", "/project/project-1/issue/37"]);
    expect(groups[1]!.options[1]!.detail).toBe("In progress");
    expect(groups[2]!.options[0]!.to).toBe("/project/project-1/epic/42");
  });

  it("wiki pages open by slug", () => {
    const groups = buildGroups({ wikipages: [{ id: 3, slug: "home" }], count: 1 }, project);
    expect(groups).toEqual([
      { id: "wikipages", title: "Wiki pages", count: 1, options: [{ id: "wikipages-3", group: "wikipages", to: "/project/project-1/wiki/home", ref: null, label: "home", detail: null, color: null }] },
    ]);
  });

  it("a long group shows its first hits and a 'Show all' option, all of them once expanded", () => {
    const tasks = Array.from({ length: GROUP_LIMIT + 4 }, (_, i) => ({ id: i + 1, ref: 100 + i, subject: `Task ${i}`, status: 1, assigned_to: null }));
    const results: SearchResults = { tasks, count: tasks.length };
    const [group] = buildGroups(results, project);
    expect(group!.count).toBe(GROUP_LIMIT + 4);
    expect(group!.options).toHaveLength(GROUP_LIMIT + 1);
    expect(group!.options.at(-1)).toMatchObject({ label: `Show all ${GROUP_LIMIT + 4} tasks`, expands: true });
    const [all] = buildGroups(results, project, new Set(["tasks"]));
    expect(all!.options).toHaveLength(GROUP_LIMIT + 4);
    expect(all!.options.some((o) => o.expands)).toBe(false);
  });

  it("an unknown status shows no detail; no answer yet is no groups", () => {
    const [group] = buildGroups({ issues: [{ id: 1, ref: 9, subject: "x", status: 99, assigned_to: null }], count: 1 }, project);
    expect(group!.options[0]).toMatchObject({ detail: null, color: null });
    expect(buildGroups(undefined, project)).toEqual([]);
  });

  it("summarises the counts for screen readers", () => {
    expect(resultsSummary(buildGroups(recorded.response.body, project))).toBe("6 results: 3 stories, 2 issues, 1 epic");
    expect(resultsSummary([])).toBe("No results");
  });
});

describe("jumps and keys", () => {
  it("a resolved ref leads to its item's page", () => {
    expect(refTarget("p", 7, { kind: "us", id: 70, project: 1 })).toEqual({ to: "/project/p/us/7", noun: "User story" });
    expect(refTarget("p", 7, { kind: "task", id: 70, project: 1 })?.to).toBe("/project/p/task/7");
    expect(refTarget("p", 7, { kind: "issue", id: 70, project: 1 })?.to).toBe("/project/p/issue/7");
    expect(refTarget("p", 7, { kind: "epic", id: 70, project: 1 })?.to).toBe("/project/p/epic/7");
    expect(refTarget("p", 7, { kind: "wikipage", id: 70, project: 1 })?.to).toBe("/project/p/wiki/7");
    expect(refTarget("p", 7, { kind: "none", project: 1 })).toBeNull();
  });

  it("arrows wrap around, Home and End jump to the ends, an empty list has no active option", () => {
    expect(moveActive(-1, 3, "ArrowDown")).toBe(0);
    expect(moveActive(0, 3, "ArrowDown")).toBe(1);
    expect(moveActive(2, 3, "ArrowDown")).toBe(0);
    expect(moveActive(0, 3, "ArrowUp")).toBe(2);
    expect(moveActive(-1, 3, "ArrowUp")).toBe(2);
    expect(moveActive(1, 3, "Home")).toBe(0);
    expect(moveActive(1, 3, "End")).toBe(2);
    expect(moveActive(1, 3, "x")).toBe(1);
    expect(moveActive(0, 0, "ArrowDown")).toBe(-1);
  });
});

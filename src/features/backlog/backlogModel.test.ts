import { describe, expect, it } from "vitest";
import type { UserStory } from "../../api/types";
import {
  currentSprintOf,
  filtersFromParams,
  filtersToParams,
  formatPoints,
  isFiltering,
  matchesFilters,
  NO_FILTERS,
  pointsFor,
  sprintProgress,
  totalOf,
  velocityCut,
  velocityOf,
} from "./backlogModel";

function story(over: Partial<UserStory>): UserStory {
  return {
    id: 1,
    ref: 12,
    subject: "Sign in with e-mail",
    status: 1,
    assigned_to: null,
    assigned_users: [],
    tags: [],
    epics: null,
    points: {},
    total_points: null,
    milestone: null,
    ...over,
  } as UserStory;
}

describe("URL filters", () => {
  it("round-trip through the query string and keep other parameters", () => {
    const f = { q: "#12", statuses: [1, 2], assignees: ["none" as const, 5], tags: ["ux"], epics: [7] };
    const params = filtersToParams(f, new URLSearchParams("role=3"));
    expect(params.get("role")).toBe("3");
    expect(filtersFromParams(params)).toEqual(f);
    expect(filtersToParams(NO_FILTERS, params).toString()).toBe("role=3");
    expect(isFiltering(NO_FILTERS)).toBe(false);
  });

  it("match text, #ref, status, assignee (or none), tags and epic", () => {
    const s = story({ ref: 123, subject: "Reset a forgotten password", assigned_users: [5], tags: [["auth", null]], epics: [{ id: 7 } as never] });
    expect(matchesFilters(s, { ...NO_FILTERS, q: "forgotten pass" })).toBe(true);
    expect(matchesFilters(s, { ...NO_FILTERS, q: "#12" })).toBe(true);
    expect(matchesFilters(s, { ...NO_FILTERS, q: "#99" })).toBe(false);
    expect(matchesFilters(s, { ...NO_FILTERS, statuses: [2] })).toBe(false);
    expect(matchesFilters(s, { ...NO_FILTERS, assignees: [5] })).toBe(true);
    expect(matchesFilters(s, { ...NO_FILTERS, assignees: ["none"] })).toBe(false);
    expect(matchesFilters(story({}), { ...NO_FILTERS, assignees: ["none"] })).toBe(true);
    expect(matchesFilters(s, { ...NO_FILTERS, tags: ["ux", "auth"] })).toBe(true);
    expect(matchesFilters(s, { ...NO_FILTERS, epics: ["none"] })).toBe(false);
    expect(matchesFilters(s, { ...NO_FILTERS, epics: [7] })).toBe(true);
  });
});

describe("points", () => {
  const values = new Map<number, number | null>([
    [1, null],
    [2, 0.5],
    [3, 3],
  ]);
  it("per role or the total, '?' as null", () => {
    const s = { points: { "10": 2, "11": 3, "12": 1 }, total_points: 3.5 };
    expect(pointsFor(s, "all", values)).toBe(3.5);
    expect(pointsFor(s, 11, values)).toBe(3);
    expect(pointsFor(s, 12, values)).toBeNull();
    expect(totalOf(s.points, values)).toBe(3.5);
    expect(totalOf({ "10": 1 }, values)).toBeNull();
    expect(formatPoints(0.5)).toBe("0.5");
    expect(formatPoints(null)).toBe("?");
  });

  it("sprint totals and progress follow the stories", () => {
    const stories = [
      { total_points: 5, is_closed: true },
      { total_points: 3, is_closed: false },
      { total_points: null, is_closed: true },
    ];
    const p = sprintProgress({ total_points: 8, closed_points: 5, user_stories: stories as never });
    expect(p).toMatchObject({ closedPoints: 5, totalPoints: 8, closedStories: 2, totalStories: 3 });
    expect(p.ratio).toBeCloseTo(0.625);
  });
});

describe("sprints", () => {
  const s = (id: number, start: string, finish: string, closed = false) => ({ id, estimated_start: start, estimated_finish: finish, closed });
  it("the current sprint holds today, else the next one", () => {
    const list = [s(1, "2026-01-01", "2026-01-14", true), s(2, "2026-01-15", "2026-01-28"), s(3, "2026-01-29", "2026-02-11")];
    expect(currentSprintOf(list, "2026-01-20")?.id).toBe(2);
    expect(currentSprintOf(list, "2026-01-02")?.id).toBe(2);
    expect(currentSprintOf(list, "2026-03-01")?.id).toBe(3);
    expect(currentSprintOf([], "2026-03-01")).toBeNull();
  });
});

describe("velocity", () => {
  const stats = {
    milestones: [
      { name: "S1", optimal: 100, evolution: 100, "team-increment": 0, "client-increment": 0 },
      { name: "S2", optimal: 75, evolution: 80, "team-increment": 0, "client-increment": 0 },
      { name: "S3", optimal: 50, evolution: 50, "team-increment": 0, "client-increment": 0 },
      { name: "S4", optimal: 25, evolution: 40, "team-increment": 0, "client-increment": 0 },
      { name: "S5", optimal: 0, evolution: 30, "team-increment": 0, "client-increment": 0 },
      { name: "Project End", optimal: -25, evolution: 30, "team-increment": 0, "client-increment": 0 },
    ],
  };
  it("averages the closed points of the last three finished sprints", () => {
    // S1 20, S2 30, S3 10, S4 10 closed; S5 still running
    expect(velocityOf(stats, 5, [{ name: "S5", estimated_finish: "2026-02-01" }], "2026-01-20")).toBeCloseTo((30 + 10 + 10) / 3);
    expect(velocityOf({ milestones: [] }, 0, [], "2026-01-20")).toBeNull();
  });
  it("marks the first story that no longer fits", () => {
    const list = [
      { id: 1, p: 5 },
      { id: 2, p: 5 },
      { id: 3, p: 1 },
      { id: 4, p: 8 },
    ];
    expect(velocityCut(list, (x) => x.p, 10)).toBe(3);
    expect(velocityCut(list, (x) => x.p, 100)).toBeNull();
    expect(velocityCut(list, (x) => x.p, null)).toBeNull();
  });
});


import { describe, expect, it } from "vitest";
import { blockedNotice, canDo } from "./projectAccess";

describe("canDo", () => {
  it("follows my_permissions in a project that is not blocked", () => {
    const project = { my_permissions: ["view_us", "modify_us"], blocked_code: null };
    expect(canDo(project, "modify_us")).toBe(true);
    expect(canDo(project, "add_us")).toBe(false);
  });

  it("allows nothing in a blocked project, whatever the role lists (Taiga answers 451)", () => {
    const project = { my_permissions: ["view_us", "modify_us", "add_us", "comment_us"], blocked_code: "blocked-by-staff" };
    expect(canDo(project, "modify_us")).toBe(false);
    expect(canDo(project, "comment_us")).toBe(false);
  });
});

describe("blockedNotice", () => {
  it("is null for a project that is not blocked", () => {
    expect(blockedNotice({ blocked_code: null })).toBeNull();
  });

  it("names Taiga's reason when it knows it, and says what still works", () => {
    expect(blockedNotice({ blocked_code: "blocked-by-staff" })).toBe(
      "This project is blocked (the site's staff blocked it): you can read everything in it, but no change can be saved until it is unblocked.",
    );
    expect(blockedNotice({ blocked_code: "some-new-code" })).toMatch(/^This project is blocked: you can read/);
  });
});

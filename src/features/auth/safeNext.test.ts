import { describe, expect, it } from "vitest";
import { safeNext } from "./safeNext";

describe("safeNext", () => {
  it("returns to a page of this app", () => {
    expect(safeNext("/project/demo-scrum/kanban?q=x")).toBe("/project/demo-scrum/kanban?q=x");
  });

  it.each([null, "", "https://evil.example", "//evil.example/path", "/\\evil.example", "javascript:alert(1)", "/login?next=/x", "/register"])(
    "refuses %j and goes to the projects list instead",
    (next) => {
      expect(safeNext(next)).toBe("/projects");
    },
  );
});

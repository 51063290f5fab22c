/** Due-date rules of a project, as embedded in the project detail and listed on their own. */
import { describe, expect, it } from "vitest";
import { makeTestApp } from "./app";

describe("due dates", () => {
  const t = makeTestApp();
  it.each(["userstory-due-dates", "task-due-dates", "issue-due-dates"])("GET /%s lists the project's three rules", async (path) => {
    const scrum = t.ids.project("demo-scrum");
    const res = await t.request(`/${path}?project=${scrum}`, { as: "bob" });
    expect(res.headers.get("x-pagination-count")).toBe("3");
    const rows = (await res.json()) as { id: number; name: string; by_default: boolean; days_to_due: number | null; project: number }[];
    expect(rows.map((r) => [r.name, r.by_default, r.days_to_due, r.project])).toEqual([
      ["Default", true, null, scrum],
      ["Due soon", false, 14, scrum],
      ["Past due", false, 0, scrum],
    ]);
    const one = await t.request(`/${path}/${rows[1]!.id}`, { as: "bob" });
    expect(await one.json()).toEqual(rows[1]);
    const kind = path === "userstory-due-dates" ? "us" : path.split("-")[0];
    const secretRow = (t.db.prepare("SELECT id FROM duedates WHERE project_id = ? AND kind = ? LIMIT 1").get(t.ids.project("secret-roadmap"), kind) as { id: number }).id;
    expect((await t.request(`/${path}/${secretRow}`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/${path}/${rows[1]!.id + 1000}`, { as: "bob" })).status).toBe(404);
  });
});

/**
 * Garbage in, Taiga-shaped errors out: every story write endpoint answers every malformed body with a
 * deliberate 4xx (never the generic "Unexpected error" fallback) and leaves the database untouched.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../test/app";

let t: TestApp;
let storyId: number;
let version: number;

beforeAll(() => {
  t = makeTestApp();
  const row = t.db.prepare("SELECT id, version FROM userstories WHERE project_id = ? ORDER BY id LIMIT 1").get(t.ids.project("demo-kanban")) as { id: number; version: number };
  storyId = row.id;
  version = row.version;
});

const VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e300, "", "abc", "1", [], [1], ["x"], [[1, 2]], {}, { a: 1 }, "9".repeat(40)];
const FIELDS = [
  "project", "subject", "description", "status", "milestone", "swimlane", "assigned_to", "assigned_users", "tags", "points", "is_blocked",
  "blocked_note", "backlog_order", "sprint_order", "kanban_order", "due_date", "external_reference", "watchers", "comment", "generated_from_issue",
];
const BULK_FIELDS = ["project_id", "status_id", "swimlane_id", "milestone_id", "after_userstory_id", "before_userstory_id", "bulk_userstories", "bulk_stories"];

async function expectClean(path: string, method: string, body: unknown): Promise<void> {
  const res = await t.request(path, { as: "admin", method, rawBody: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, `${method} ${path} ${JSON.stringify(body)} -> ${text}`).toBeLessThan(500);
  expect(text, `${method} ${path} ${JSON.stringify(body)}`).not.toContain("Unexpected error");
}

describe("malformed bodies", () => {
  it("PATCH /userstories/{id} with a wrong value in any field", async () => {
    const before = t.snapshot();
    for (const field of FIELDS) {
      for (const value of VALUES) {
        // a stale version keeps the request from being applied when the value happens to be valid
        await expectClean(`/userstories/${storyId}`, "PATCH", { [field]: value, version: version + 5 });
      }
    }
    expect(t.snapshot()).toBe(before);
  });

  it("POST /userstories with a wrong value in any field", async () => {
    for (const field of FIELDS) {
      for (const value of VALUES) await expectClean("/userstories", "POST", { project: t.ids.project("demo-kanban"), subject: "fuzz", [field]: value });
    }
  });

  it("bulk endpoints with a wrong value in any field, and non-object bodies", async () => {
    const before = t.snapshot();
    for (const path of ["/userstories/bulk_update_kanban_order", "/userstories/bulk_update_backlog_order", "/userstories/bulk_create"]) {
      for (const body of [null, [], "x", 5, [{ project_id: 1 }]]) await expectClean(path, "POST", body);
      for (const field of BULK_FIELDS) {
        for (const value of VALUES) {
          if (path.endsWith("bulk_create") && field === "bulk_stories" && typeof value === "string" && value !== "") continue;
          // bulk_userstories empty/absent keeps valid values of other fields from being applied
          await expectClean(path, "POST", { project_id: t.ids.project("demo-kanban"), status_id: 1, bulk_stories: "", [field]: value, ...(field === "bulk_userstories" ? {} : { bulk_userstories: [] }) });
        }
      }
    }
    expect(t.snapshot()).toBe(before);
  });

  it("list filters with garbage values", async () => {
    for (const param of ["project", "status", "milestone", "milestone__isnull", "status__is_archived", "assigned_to", "assigned_users", "swimnlane", "exclude_swimlane", "tags", "q", "order_by", "epic", "role", "created_date__gte", "page", "page_size", "watchers", "owner"]) {
      for (const value of ["abc", "1,abc", "", "null", "-1", "%", "'", "1e99", "true"]) {
        const res = await t.request(`/userstories?${param}=${encodeURIComponent(value)}`, { as: "admin" });
        const text = await res.text();
        expect(res.status, `${param}=${value} -> ${text}`).toBeLessThan(500);
        expect(text).not.toContain("Unexpected error");
      }
    }
  });
});

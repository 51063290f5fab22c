/** Create / update / delete of project values against the recordings (statuses/004-086). */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording, type Recording } from "./recordings";

let t: TestApp;
let kanban: number;
beforeEach(() => {
  t = makeTestApp();
  kanban = t.ids.project("demo-kanban");
});

const CASES = [
  { path: "userstory-statuses", table: "userstory_statuses", recs: [4, 5, 7, 8, 9, 11], items: "userstories", column: "status_id", def: "default_us_status_id" },
  { path: "task-statuses", table: "task_statuses", recs: [15, 16, 17, 18, 19, 20], items: "tasks", column: "status_id", def: "default_task_status_id" },
  { path: "issue-statuses", table: "issue_statuses", recs: [24, 25, 26, 27, 28, 29], items: "issues", column: "status_id", def: "default_issue_status_id" },
  { path: "issue-types", table: "issue_types", recs: [33, 34, 35, 36, 37, 38], items: "issues", column: "type_id", def: "default_issue_type_id" },
  { path: "priorities", table: "priorities", recs: [42, 43, 44, 45, 46, 47], items: "issues", column: "priority_id", def: "default_priority_id" },
  { path: "severities", table: "severities", recs: [51, 52, 53, 54, 55, 56], items: "issues", column: "severity_id", def: "default_severity_id" },
  { path: "points", table: "points", recs: [60, 61, 62, 63, 64, 65], items: "role_points", column: "points_id", def: "default_points_id" },
  { path: "epic-statuses", table: "epic_statuses", recs: [81, 82, 83, 84, 85, 86], items: "epics", column: "status_id", def: "default_epic_status_id" },
] as const;

const rec = (n: number): Recording => recording(`statuses/${String(n).padStart(3, "0")}`);
/** The recorded body with the recorded project id replaced by ours. */
const bodyOf = (r: Recording, projectId: number): Record<string, unknown> => {
  const body = { ...(r.request.body as Record<string, unknown>) };
  if ("project" in body) body["project"] = projectId;
  return body;
};
const NULLABLE = { nullable: ["$.wip_limit"] };

describe.each(CASES)("/$path writes", ({ path, table, recs, items, column, def }) => {
  it("creates, renames, replaces and deletes like Taiga", async () => {
    const [create, missing, patch, stale, put, del] = recs.map(rec) as [Recording, Recording, Recording, Recording, Recording, Recording];
    const created = (await expectLikeRecording(await t.request(`/${path}`, { method: "POST", as: "admin", body: bodyOf(create, kanban) }), create, NULLABLE)) as Record<string, unknown>;
    expect(created["project"]).toBe(kanban);
    expect(created["name"]).toBe((create.request.body as { name: string }).name);
    if ("slug" in created) expect(created["slug"]).toBe((create.response.body as { slug: string }).slug);
    const id = created["id"] as number;

    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/${path}`, { method: "POST", as: "admin", body: bodyOf(missing, kanban) }), missing, { exactBody: true });
    expect(t.snapshot()).toBe(before);

    const renamed = (await expectLikeRecording(await t.request(`/${path}/${id}`, { method: "PATCH", as: "admin", body: patch.request.body }), patch, NULLABLE)) as Record<string, unknown>;
    expect(renamed["name"]).toBe((patch.response.body as { name: string }).name);
    if ("slug" in renamed) expect(renamed["slug"]).toBe((patch.response.body as { slug: string }).slug);
    await expectLikeRecording(await t.request(`/${path}/${id}`, { method: "PATCH", as: "admin", body: stale.request.body }), stale, NULLABLE);
    const replaced = (await expectLikeRecording(await t.request(`/${path}/${id}`, { method: "PUT", as: "admin", body: bodyOf(put, kanban) }), put, NULLABLE)) as Record<string, unknown>;
    const expected = { ...(put.response.body as Record<string, unknown>), id, project: kanban };
    expect(replaced).toEqual(expected);

    // the deleted value's items and the project default move to the target
    const target = (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? AND id <> ? ORDER BY id LIMIT 1`).get(kanban, id) as { id: number }).id;
    const victim = (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? AND id NOT IN (?, ?) ORDER BY id LIMIT 1`).get(kanban, id, target) as { id: number }).id;
    const itemProject = items === "role_points" ? "userstory_id IN (SELECT id FROM userstories WHERE project_id = ?)" : "project_id = ?";
    t.db.prepare(`UPDATE ${items} SET ${column} = ? WHERE ${itemProject} AND id IN (SELECT id FROM ${items} WHERE ${itemProject} ORDER BY id LIMIT 2)`).run(victim, kanban, kanban);
    t.db.prepare(`UPDATE projects SET ${def} = ? WHERE id = ?`).run(victim, kanban);
    const usingVictim = (t.db.prepare(`SELECT COUNT(*) AS n FROM ${items} WHERE ${column} = ?`).get(victim) as { n: number }).n;
    await expectLikeRecording(await t.request(`/${path}/${victim}?moveTo=${target}`, { method: "DELETE", as: "admin" }), del, { exactBody: true });
    expect(t.db.prepare(`SELECT id FROM ${table} WHERE id = ?`).get(victim)).toBeUndefined();
    expect((t.db.prepare(`SELECT COUNT(*) AS n FROM ${items} WHERE ${column} = ?`).get(victim) as { n: number }).n).toBe(0);
    expect((t.db.prepare(`SELECT COUNT(*) AS n FROM ${items} WHERE ${column} = ?`).get(target) as { n: number }).n).toBeGreaterThanOrEqual(usingVictim);
    expect((t.db.prepare(`SELECT ${def} AS d FROM projects WHERE id = ?`).get(kanban) as { d: number }).d).toBe(target);
  });

  it("refuses duplicates, bad types, non-admins, missing or foreign moveTo, leaving the database unchanged", async () => {
    const existing = t.db.prepare(`SELECT id, name FROM ${table} WHERE project_id = ? ORDER BY id LIMIT 2`).all(kanban) as { id: number; name: string }[];
    const [first, second] = existing as [{ id: number; name: string }, { id: number; name: string }];
    const foreign = (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY id LIMIT 1`).get(t.ids.project("demo-scrum")) as { id: number }).id;
    const before = t.snapshot();
    const dup = await t.request(`/${path}`, { method: "POST", as: "admin", body: { project: kanban, name: first.name } });
    expect(dup.status).toBe(400);
    expect(await dup.json()).toEqual({ name: ["Duplicated name"] });
    const rename = await t.request(`/${path}/${second.id}`, { method: "PATCH", as: "admin", body: { name: first.name } });
    expect(await rename.json()).toEqual({ name: ["Duplicated name"] });
    const badOrder = await t.request(`/${path}/${second.id}`, { method: "PATCH", as: "admin", body: { order: "first" } });
    expect(await badOrder.json()).toEqual({ order: ["Enter a whole number."] });
    const noProject = await t.request(`/${path}`, { method: "POST", as: "admin", body: { project: 99999, name: "x" } });
    expect(await noProject.json()).toEqual({ project: ["Invalid pk '99999' - object does not exist."] });
    expect((await t.request(`/${path}`, { method: "POST", body: { project: kanban, name: "x" } })).status).toBe(401);
    expect((await t.request(`/${path}`, { method: "POST", as: "bob", body: { project: kanban, name: "x" } })).status).toBe(403);
    expect((await t.request(`/${path}/${second.id}`, { method: "PATCH", as: "bob", body: { name: "x" } })).status).toBe(403);
    expect((await t.request(`/${path}/${second.id}?moveTo=${first.id}`, { method: "DELETE", as: "bob" })).status).toBe(403);
    const noMove = await t.request(`/${path}/${second.id}`, { method: "DELETE", as: "admin" });
    expect(noMove.status).toBe(400);
    expect(await noMove.json()).toEqual({ _error_message: "Query param 'moveTo' is required", _error_type: "taiga.base.exceptions.BadRequest" });
    expect((await t.request(`/${path}/${second.id}?moveTo=99999`, { method: "DELETE", as: "admin" })).status).toBe(404);
    expect((await t.request(`/${path}/${second.id}?moveTo=${foreign}`, { method: "DELETE", as: "admin" })).status).toBe(400);
    expect((await t.request(`/${path}/${second.id}?moveTo=${second.id}`, { method: "DELETE", as: "admin" })).status).toBe(400);
    expect(t.snapshot()).toBe(before);
  });
});

describe("story status side effects", () => {
  it("a new column gets a WIP row in every swimlane; deleted columns send their stories to the end of the target", async () => {
    const res = await t.request("/userstory-statuses", { method: "POST", as: "admin", body: { project: kanban, name: "Review", wip_limit: 2 } });
    const id = ((await res.json()) as { id: number }).id;
    const rows = t.db.prepare("SELECT wip_limit FROM swimlane_userstory_statuses WHERE status_id = ?").all(id) as { wip_limit: number }[];
    expect(rows).toHaveLength(3);
    const status = (name: string) => (t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND name = ?").get(kanban, name) as { id: number }).id;
    const maxBefore = (t.db.prepare("SELECT MAX(kanban_order) AS m FROM userstories WHERE status_id = ?").get(status("Done")) as { m: number }).m;
    const moving = (t.db.prepare("SELECT id FROM userstories WHERE status_id = ?").all(status("Ready")) as { id: number }[]).map((r) => r.id);
    expect(moving.length).toBeGreaterThan(0);
    expect((await t.request(`/userstory-statuses/${status("Ready")}?moveTo=${status("Done")}`, { method: "DELETE", as: "admin" })).status).toBe(204);
    const moved = t.db.prepare(`SELECT status_id, kanban_order FROM userstories WHERE id IN (${moving.join(",")})`).all() as { status_id: number; kanban_order: number }[];
    expect(moved.every((m) => m.status_id === status("Done") && m.kanban_order > maxBefore)).toBe(true);
  });
});

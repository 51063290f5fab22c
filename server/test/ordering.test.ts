/** Bulk order endpoints of projects and project values (ordering/082-085, ordering/088-093). */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
let kanban: number;
beforeEach(() => {
  t = makeTestApp();
  kanban = t.ids.project("demo-kanban");
});

const statusOrders = (projectId: number) =>
  Object.fromEntries((t.db.prepare(`SELECT name, "order" FROM userstory_statuses WHERE project_id = ? ORDER BY id`).all(projectId) as { name: string; order: number }[]).map((r) => [r.name, r.order]));

describe("POST /<values>/bulk_update_order", () => {
  it("sets exactly the given orders and answers 204 (ordering/082, 083)", async () => {
    const ids = (t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? ORDER BY id").all(kanban) as { id: number }[]).map((r) => r.id);
    const [newId, readyId, progressId] = ids as [number, number, number];
    const res = await t.request("/userstory-statuses/bulk_update_order", {
      method: "POST",
      as: "admin",
      body: { project: kanban, bulk_userstory_statuses: [[newId, 3], [readyId, 1], [progressId, 2]] },
    });
    await expectLikeRecording(res, recording("ordering/082"), { exactBody: true });
    expect(statusOrders(kanban)).toEqual({ New: 3, Ready: 1, "In progress": 2, "Ready for test": 4, Done: 5, Archived: 6 });
    const list = (await expectLikeRecording(await t.request(`/userstory-statuses?project=${kanban}`, { as: "admin" }), recording("ordering/083"), { nullable: ["*.wip_limit"] })) as { name: string }[];
    expect(list.slice(0, 3).map((s) => s.name)).toEqual(["Ready", "In progress", "New"]);
  });

  it("requires the project and the list (ordering/084, 085)", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/userstory-statuses/bulk_update_order", { method: "POST", as: "admin", body: { bulk_userstory_statuses: [[1, 1]] } }), recording("ordering/084"), { exactBody: true });
    await expectLikeRecording(await t.request("/userstory-statuses/bulk_update_order", { method: "POST", as: "admin", body: { project: kanban } }), recording("ordering/085"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("is for project admins only, ignores rows of other projects and rejects malformed pairs", async () => {
    const scrum = t.ids.project("demo-scrum");
    const scrumPoint = (t.db.prepare("SELECT id FROM points WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
    const kanbanPoint = (t.db.prepare("SELECT id FROM points WHERE project_id = ? ORDER BY id LIMIT 1").get(kanban) as { id: number }).id;
    const body = { project: kanban, bulk_points: [[kanbanPoint, 50]] };
    expect((await t.request("/points/bulk_update_order", { method: "POST", body })).status).toBe(401);
    expect((await t.request("/points/bulk_update_order", { method: "POST", as: "bob", body })).status).toBe(403);
    expect((await t.request("/points/bulk_update_order", { method: "POST", as: "alice", body: { project: kanban, bulk_points: [[kanbanPoint, 50], [scrumPoint, 77]] } })).status).toBe(204);
    expect((t.db.prepare(`SELECT "order" AS o FROM points WHERE id = ?`).get(kanbanPoint) as { o: number }).o).toBe(50);
    expect((t.db.prepare(`SELECT "order" AS o FROM points WHERE id = ?`).get(scrumPoint) as { o: number }).o).toBe(1);
    const before = t.snapshot();
    for (const bad of [[[kanbanPoint]], [[kanbanPoint, "x"]], "1,2", [kanbanPoint, 3]]) {
      const res = await t.request("/points/bulk_update_order", { method: "POST", as: "admin", body: { project: kanban, bulk_points: bad } });
      expect(res.status).toBe(400);
    }
    expect((await t.request("/points/bulk_update_order", { method: "POST", as: "admin", body: { project: 99999, bulk_points: [] } })).status).toBe(404);
    expect(t.snapshot()).toBe(before);
  });
});

describe("POST /projects/bulk_update_order", () => {
  const order = async (as: string) => ((await (await t.request(`/projects?member=${t.ids.user(as)}&order_by=user_order`, { as })).json()) as { slug: string }[]).map((p) => p.slug);

  it("stores the caller's own project order, read back with order_by=user_order (ordering/088-091)", async () => {
    const ids = { scrum: t.ids.project("demo-scrum"), kanban, secret: t.ids.project("secret-roadmap") };
    await expectLikeRecording(await t.request(`/projects?member=${t.ids.user("alice")}&order_by=user_order`, { as: "alice" }), recording("ordering/088"), {
      dynamicKeys: ["$[].tags_colors"],
      nullable: ["$[].total_story_points", "$[].total_milestones", "$[].default_swimlane", "$[].notify_level"],
    });
    const bobBefore = await order("bob");
    const res = await t.request("/projects/bulk_update_order", {
      method: "POST",
      as: "alice",
      body: [
        { project_id: ids.secret, order: 1 },
        { project_id: ids.scrum, order: 2 },
        { project_id: ids.kanban, order: 3 },
      ],
    });
    await expectLikeRecording(res, recording("ordering/089"), { exactBody: true });
    expect(await order("alice")).toEqual(["secret-roadmap", "demo-scrum", "demo-kanban"]);
    // other users keep their own order; without order_by the list stays by name
    expect(await order("bob")).toEqual(bobBefore);
    const byName = ((await (await t.request("/projects", { as: "alice" })).json()) as { slug: string }[]).map((p) => p.slug);
    expect(byName).toEqual(["demo-kanban", "demo-scrum", "legacy-archive", "secret-roadmap"]);
  });

  it("rejects a non-list body (ordering/092) and anonymous callers with an empty 401 (ordering/093)", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/projects/bulk_update_order", { method: "POST", as: "admin", body: { project_id: 1, order: 1 } }), recording("ordering/092"), { exactBody: true });
    await expectLikeRecording(await t.request("/projects/bulk_update_order", { method: "POST", body: [{ project_id: 1, order: 1 }] }), recording("ordering/093"), { exactBody: true });
    const bad = await t.request("/projects/bulk_update_order", { method: "POST", as: "admin", body: [{ project_id: "x", order: 1 }, { project_id: 99999, order: 2 }, { order: 3 }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([
      { project_id: ["Enter a whole number."] },
      { project_id: ["There's no project with that id"] },
      { project_id: ["This field is required."] },
    ]);
    expect(t.snapshot()).toBe(before);
  });
});

/** Swimlane writes against the recordings (statuses/069-077, ordering/086) and their effect on the board. */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, kanban: number, scrum: number;
beforeEach(() => ({ t, kanban, scrum } = makeDemoApp()));

const lanes = (projectId: number) =>
  t.db.prepare('SELECT id, name, "order" FROM swimlanes WHERE project_id = ? ORDER BY "order", id').all(projectId) as { id: number; name: string; order: number }[];
const storiesOf = (projectId: number) =>
  t.db.prepare("SELECT id, swimlane_id, kanban_order FROM userstories WHERE project_id = ? ORDER BY id").all(projectId) as { id: number; swimlane_id: number | null; kanban_order: number }[];
const SHAPE = { nullable: ["*.wip_limit"] };

describe("POST /swimlanes", () => {
  it("creates a swimlane with a WIP row per status (statuses/069); later swimlanes leave stories alone", async () => {
    const before = storiesOf(kanban);
    const res = await t.request("/swimlanes", { as: "admin", method: "POST", body: { project: kanban, name: "Recorded Swimlane" } });
    const body = (await expectLikeRecording(res, recording("statuses/069"), SHAPE)) as { id: number; order: number; statuses: { wip_limit: number | null }[] };
    const statuses = t.db.prepare("SELECT COUNT(*) AS n FROM userstory_statuses WHERE project_id = ?").get(kanban) as { n: number };
    expect(body.statuses).toHaveLength(statuses.n);
    expect(body.statuses.every((s) => s.wip_limit === null)).toBe(true);
    expect(body.order).toBeGreaterThan(Math.max(...lanes(kanban).filter((l) => l.id !== body.id).map((l) => l.order)));
    expect(storiesOf(kanban)).toEqual(before);
  });

  it("the first swimlane of a project adopts every story, becomes the default and copies the status WIP limits", async () => {
    expect(lanes(scrum)).toEqual([]);
    const res = await t.request("/swimlanes", { as: "admin", method: "POST", body: { project: scrum, name: "Everything" } });
    expect(res.status).toBe(201);
    const lane = (await res.json()) as { id: number; statuses: { id: number; wip_limit: number | null }[] };
    expect(storiesOf(scrum).every((s) => s.swimlane_id === lane.id)).toBe(true);
    expect((t.db.prepare("SELECT default_swimlane_id AS d FROM projects WHERE id = ?").get(scrum) as { d: number }).d).toBe(lane.id);
    const limits = t.db.prepare("SELECT id, wip_limit FROM userstory_statuses WHERE project_id = ?").all(scrum) as { id: number; wip_limit: number | null }[];
    for (const s of lane.statuses) expect(s.wip_limit).toBe(limits.find((l) => l.id === s.id)?.wip_limit ?? null);
  });

  it("validates the name (statuses/070) and refuses non-admins", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/swimlanes", { as: "admin", method: "POST", body: { project: kanban } }), recording("statuses/070"), { exactBody: true });
    const dup = await t.request("/swimlanes", { as: "admin", method: "POST", body: { project: kanban, name: lanes(kanban)[0]?.name } });
    expect(dup.status).toBe(400);
    expect(await dup.json()).toEqual({ name: ["Duplicated name"] });
    expect((await t.request("/swimlanes", { as: "bob", method: "POST", body: { project: kanban, name: "Mine" } })).status).toBe(403);
    expect((await t.request("/swimlanes", { method: "POST", body: { project: kanban, name: "Mine" } })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
  });
});

describe("PATCH/PUT/DELETE /swimlanes/{id}", () => {
  it("renames (statuses/071, 073) and ignores a version (statuses/072)", async () => {
    const lane = lanes(kanban)[1] as { id: number; order: number };
    await expectLikeRecording(await t.request(`/swimlanes/${lane.id}`, { as: "admin", method: "PATCH", body: { name: "Renamed" } }), recording("statuses/071"), SHAPE);
    await expectLikeRecording(await t.request(`/swimlanes/${lane.id}`, { as: "admin", method: "PATCH", body: { name: "Stale", version: 1 } }), recording("statuses/072"), SHAPE);
    const put = (await expectLikeRecording(
      await t.request(`/swimlanes/${lane.id}`, { as: "admin", method: "PUT", body: { project: kanban, name: "Put", order: 9 } }),
      recording("statuses/073"),
      SHAPE,
    )) as { name: string; order: number };
    expect(put).toMatchObject({ name: "Put", order: lane.order });
  });

  it("needs moveTo while other swimlanes exist (statuses/075), then renumbers the whole board (statuses/076)", async () => {
    const [first, second, third] = lanes(kanban) as unknown as [{ id: number }, { id: number }, { id: number }];
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/swimlanes/${third.id}`, { as: "admin", method: "DELETE" }), recording("statuses/075"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
    const moving = storiesOf(kanban).filter((s) => s.swimlane_id === third.id).map((s) => s.id);
    await expectLikeRecording(await t.request(`/swimlanes/${third.id}?moveTo=${second.id}`, { as: "admin", method: "DELETE" }), recording("statuses/076"));
    const after = storiesOf(kanban);
    expect(after.filter((s) => moving.includes(s.id)).every((s) => s.swimlane_id === second.id)).toBe(true);
    expect(after.map((s) => s.kanban_order).sort((a, b) => a - b)).toEqual(after.map((_, i) => i));
    // lane by lane: every story of the first lane comes before the second's, the moved ones last in it
    const orderOf = (id: number) => after.find((s) => s.id === id)?.kanban_order ?? -1;
    const firstMax = Math.max(...after.filter((s) => s.swimlane_id === first.id).map((s) => orderOf(s.id)));
    const secondOrders = after.filter((s) => s.swimlane_id === second.id).map((s) => s.kanban_order);
    expect(Math.min(...secondOrders)).toBeGreaterThan(firstMax);
    expect(Math.min(...moving.map(orderOf))).toBeGreaterThan(Math.max(...after.filter((s) => s.swimlane_id === second.id && !moving.includes(s.id)).map((s) => s.kanban_order)));
    expect(lanes(kanban).map((l) => l.id)).not.toContain(third.id);
  });

  it("refuses to delete the default swimlane while others exist", async () => {
    const def = (t.db.prepare("SELECT default_swimlane_id AS d FROM projects WHERE id = ?").get(kanban) as { d: number }).d;
    const other = lanes(kanban).find((l) => l.id !== def) as { id: number };
    const before = t.snapshot();
    const res = await t.request(`/swimlanes/${def}?moveTo=${other.id}`, { as: "admin", method: "DELETE" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "The default swimlane cannot be deleted.", _error_type: "taiga.base.exceptions.BadRequest" });
    expect(t.snapshot()).toBe(before);
  });
});

describe("POST /swimlanes/bulk_update_order", () => {
  it("sets exactly the given orders (ordering/086) within the project", async () => {
    const [a, b] = lanes(kanban) as unknown as [{ id: number }, { id: number }];
    const foreignBefore = t.db.prepare("SELECT * FROM swimlanes WHERE project_id <> ?").all(kanban);
    await expectLikeRecording(
      await t.request("/swimlanes/bulk_update_order", { as: "admin", method: "POST", body: { project: kanban, bulk_swimlanes: [[a.id, 7], [b.id, 3]] } }),
      recording("ordering/086"),
    );
    const orderOf = (id: number) => lanes(kanban).find((l) => l.id === id)?.order;
    expect([orderOf(a.id), orderOf(b.id)]).toEqual([7, 3]);
    expect(t.db.prepare("SELECT * FROM swimlanes WHERE project_id <> ?").all(kanban)).toEqual(foreignBefore);
    expect((await t.request("/swimlanes/bulk_update_order", { as: "admin", method: "POST", body: { bulk_swimlanes: [] } })).status).toBe(400);
    expect((await t.request("/swimlanes/bulk_update_order", { as: "bob", method: "POST", body: { project: kanban, bulk_swimlanes: [[a.id, 1]] } })).status).toBe(403);
  });
});

describe("swimlane WIP limits", () => {
  it("an admin sets a per-swimlane WIP limit; the swimlane list shows it", async () => {
    const row = t.db.prepare("SELECT ss.id, ss.swimlane_id FROM swimlane_userstory_statuses ss JOIN swimlanes s ON s.id = ss.swimlane_id WHERE s.project_id = ?").get(kanban) as {
      id: number;
      swimlane_id: number;
    };
    expect((await t.request(`/swimlane-userstory-statuses/${row.id}`, { as: "bob", method: "PATCH", body: { wip_limit: 2 } })).status).toBe(403);
    const res = await t.request(`/swimlane-userstory-statuses/${row.id}`, { as: "admin", method: "PATCH", body: { wip_limit: 2 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: row.id, wip_limit: 2 });
    const lane = (await (await t.request(`/swimlanes/${row.swimlane_id}`, { as: "bob" })).json()) as { statuses: { swimlane_userstory_status_id: number; wip_limit: number }[] };
    expect(lane.statuses.find((s) => s.swimlane_userstory_status_id === row.id)?.wip_limit).toBe(2);
    const bad = await t.request(`/swimlane-userstory-statuses/${row.id}`, { as: "admin", method: "PATCH", body: { wip_limit: "many" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ wip_limit: ["Enter a whole number."] });
  });
});

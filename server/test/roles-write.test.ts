/** Role create / update / delete against the recordings (roles/004-011). */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
let scrum: number;
beforeEach(() => {
  t = makeTestApp();
  scrum = t.ids.project("demo-scrum");
});

const withProject = (body: unknown, project: number) => ({ ...(body as Record<string, unknown>), project });
const roleId = (name: string) => (t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND name = ?").get(scrum, name) as { id: number }).id;

describe("role writes", () => {
  it("creates, edits and replaces roles like Taiga (roles/004-009)", async () => {
    const create = recording("roles/004");
    const role = (await expectLikeRecording(await t.request("/roles", { method: "POST", as: "admin", body: withProject(create.request.body, scrum) }), create)) as Record<string, unknown>;
    expect(role).toMatchObject({ name: "Recorded role", slug: "recorded-role", project: scrum, computable: true, permissions: [], members_count: 0 });
    const missing = recording("roles/005");
    await expectLikeRecording(await t.request("/roles", { method: "POST", as: "admin", body: withProject(missing.request.body, scrum) }), missing, { exactBody: true });
    const viewer = recording("roles/006");
    const created = (await expectLikeRecording(await t.request("/roles", { method: "POST", as: "admin", body: withProject(viewer.request.body, scrum) }), viewer)) as Record<string, unknown>;
    expect(created).toMatchObject({ computable: false, permissions: ["view_project", "view_us", "view_tasks"] });
    const id = role["id"] as number;
    for (const rid of ["roles/007", "roles/008"]) {
      const rec = recording(rid);
      const body = await expectLikeRecording(await t.request(`/roles/${id}`, { method: "PATCH", as: "admin", body: rec.request.body }), rec);
      expect(body).toMatchObject({ ...(rec.response.body as object), id, project: scrum });
    }
    const put = recording("roles/009");
    expect(await expectLikeRecording(await t.request(`/roles/${id}`, { method: "PUT", as: "admin", body: withProject(put.request.body, scrum) }), put)).toEqual({
      ...(put.response.body as object),
      id,
      project: scrum,
    });
  });

  it("deletes a role with its memberships, or moves the members first with moveTo (roles/010, 011)", async () => {
    const bob = t.ids.user("bob");
    const frank = t.ids.user("frank");
    await expectLikeRecording(await t.request(`/roles/${roleId("Back")}?moveTo=${roleId("Front")}`, { method: "DELETE", as: "admin" }), recording("roles/011"), { exactBody: true });
    const moved = t.db.prepare("SELECT m.user_id FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.project_id = ? AND r.name = 'Front' ORDER BY m.user_id").all(scrum) as { user_id: number }[];
    expect(moved.map((m) => m.user_id)).toEqual(expect.arrayContaining([bob, frank]));
    await expectLikeRecording(await t.request(`/roles/${roleId("Stakeholder")}`, { method: "DELETE", as: "admin" }), recording("roles/010"), { exactBody: true });
    expect(t.db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(scrum, t.ids.user("erin"))).toBeUndefined();
    expect((await t.request(`/projects/${scrum}`, { as: "erin" })).status).toBe(200); // public project, now as outsider
  });

  it("is for admins only and leaves the database unchanged on errors", async () => {
    const before = t.snapshot();
    expect((await t.request("/roles", { method: "POST", body: { project: scrum, name: "x" } })).status).toBe(401);
    expect((await t.request("/roles", { method: "POST", as: "bob", body: { project: scrum, name: "x" } })).status).toBe(403);
    expect((await t.request(`/roles/${roleId("UX")}`, { method: "PATCH", as: "bob", body: { name: "x" } })).status).toBe(403);
    expect((await t.request(`/roles/${roleId("UX")}?moveTo=99999`, { method: "DELETE", as: "admin" })).status).toBe(404);
    const bad = await t.request(`/roles/${roleId("UX")}`, { method: "PATCH", as: "admin", body: { permissions: "view_us", computable: "often" } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()) as object).sort()).toEqual(["computable", "permissions"]);
    expect(t.snapshot()).toBe(before);
  });
});

/** Membership writes against the recordings (memberships/005-016). */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
let secret: number;
beforeEach(() => {
  t = makeTestApp();
  secret = t.ids.project("secret-roadmap");
});

const role = (projectId: number, name: string) => (t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND name = ?").get(projectId, name) as { id: number }).id;
const post = (path: string, body: unknown, as = "alice") => t.request(path, { method: "POST", as, body });

describe("membership writes", () => {
  it("adds an existing user, refuses duplicates, edits and removes the membership (memberships/005-012)", async () => {
    const back = role(secret, "Back");
    await expectLikeRecording(await post("/memberships", { project: secret, username: "frank@taiga.demo" }), recording("memberships/005"), { exactBody: true });
    await expectLikeRecording(await post("/memberships", { project: secret, role: role(t.ids.project("demo-scrum"), "Back"), username: "frank" }), recording("memberships/006"), { exactBody: true });
    const created = (await expectLikeRecording(await post("/memberships", { project: secret, role: back, username: "frank" }), recording("memberships/007"))) as Record<string, unknown>;
    expect(created).toMatchObject({ user: t.ids.user("frank"), role: back, is_admin: false, email: "frank@taiga.demo", user_email: "frank@taiga.demo" });
    expect((await t.request(`/projects/${secret}`, { as: "frank" })).status).toBe(200);
    await expectLikeRecording(await post("/memberships", { project: secret, role: back, username: "FRANK@taiga.demo" }), recording("memberships/008"), { exactBody: true });
    const id = created["id"] as number;
    const patched = (await expectLikeRecording(await t.request(`/memberships/${id}`, { method: "PATCH", as: "alice", body: { role: role(secret, "Product Owner") } }), recording("memberships/009"))) as Record<string, unknown>;
    expect(patched["role_name"]).toBe("Product Owner");
    expect(await expectLikeRecording(await t.request(`/memberships/${id}`, { method: "PATCH", as: "alice", body: { is_admin: true, version: 1 } }), recording("memberships/010"))).toMatchObject({ is_admin: true });
    await expectLikeRecording(await t.request(`/memberships/${id}`, { method: "PUT", as: "alice", body: { project: secret, role: role(secret, "UX"), username: "frank", is_admin: false } }), recording("memberships/011"));
    await expectLikeRecording(await t.request(`/memberships/${id}`, { method: "DELETE", as: "alice" }), recording("memberships/012"), { exactBody: true });
    expect((await t.request(`/projects/${secret}`, { as: "frank" })).status).toBe(403);
  });

  it("invites unknown e-mails, alone or in bulk (memberships/013-016)", async () => {
    const invite = (await expectLikeRecording(await post("/memberships", { project: secret, role: role(secret, "Back"), username: "invitee@example.com" }), recording("memberships/013"))) as Record<string, unknown>;
    expect(invite).toMatchObject({ user: null, email: "invitee@example.com", full_name: null, is_user_active: false });
    await expectLikeRecording(await post(`/memberships/${invite["id"] as number}/resend_invitation`, null), recording("memberships/014"), { exactBody: true });
    const bulk = recording("memberships/015");
    const rows = (await expectLikeRecording(
      await post("/memberships/bulk_create", { project_id: secret, bulk_memberships: [{ role_id: role(secret, "Back"), username: "bulk1@example.com" }, { role_id: role(secret, "UX"), username: "bob" }], invitation_extra_text: "Join us" }),
      bulk,
      { nullable: ["$[].user", "$[].full_name", "$[].color", "$[].gravatar_id", "$[].is_owner", "$[].user_email"] },
    )) as Record<string, unknown>[];
    expect(rows.map((r) => [r["email"], r["invitation_extra_text"]])).toEqual([["bulk1@example.com", "Join us"], ["bob@taiga.demo", "Join us"]]);
    const before = t.snapshot();
    await expectLikeRecording(await post("/memberships/bulk_create", { project_id: secret, bulk_memberships: [{ role_id: role(t.ids.project("demo-scrum"), "UX"), username: "x@example.com" }] }), recording("memberships/016"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("keeps an owner and an admin, and is for admins only", async () => {
    const before = t.snapshot();
    const membershipOf = (username: string) => (t.db.prepare("SELECT id FROM memberships WHERE project_id = ? AND user_id = ?").get(secret, t.ids.user(username)) as { id: number }).id;
    const owner = await t.request(`/memberships/${membershipOf("alice")}`, { method: "PATCH", as: "admin", body: { is_admin: false } });
    expect(await owner.json()).toEqual({ is_admin: ["The project owner must be admin."] });
    expect((await t.request(`/memberships/${membershipOf("alice")}`, { method: "DELETE", as: "admin" })).status).toBe(400);
    expect((await post("/memberships", { project: secret, role: role(secret, "UX"), username: "dave" }, "frank")).status).toBe(403);
    expect((await t.request("/memberships", { method: "POST", body: { project: secret, role: role(secret, "UX"), username: "dave" } })).status).toBe(401);
    const scrum = t.ids.project("demo-scrum");
    const bobs = (t.db.prepare("SELECT id FROM memberships WHERE project_id = ? AND user_id = ?").get(scrum, t.ids.user("bob")) as { id: number }).id;
    expect((await t.request(`/memberships/${bobs}`, { method: "DELETE", as: "carol" })).status).toBe(403);
    expect((await post("/memberships", { project: secret, role: role(secret, "UX"), username: "nobody" })).status).toBe(400);
    expect(t.snapshot()).toBe(before);
  });
});

/**
 * Applications, application tokens and invitations against the recorded real Taiga answers
 * (applications/001-007, memberships/017-018).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number;
beforeEach(() => ({ t, scrum } = makeDemoApp()));

const UUID = "00000000-0000-0000-0000-000000000000";

describe("applications and application tokens (none registered)", () => {
  it("answers the recorded 404s and the empty token list (applications/001-007)", async () => {
    await expectLikeRecording(await t.request(`/applications/${UUID}`, { as: "admin" }), recording("applications/001"), { exactBody: true });
    await expectLikeRecording(await t.request(`/applications/${UUID}/token`, { as: "admin" }), recording("applications/002"), { exactBody: true });
    await expectLikeRecording(await t.request("/application-tokens", { as: "admin" }), recording("applications/003"), { exactBody: true });
    await expectLikeRecording(await t.request("/application-tokens/1", { as: "admin" }), recording("applications/004"), { exactBody: true });
    await expectLikeRecording(await t.request("/application-tokens/1", { method: "DELETE", as: "admin" }), recording("applications/005"), { exactBody: true });
    const authorize = await t.request("/application-tokens/authorize", { method: "POST", as: "admin", body: { application: UUID, state: "random-state" } });
    await expectLikeRecording(authorize, recording("applications/006"), { exactBody: true });
    const validate = await t.request("/application-tokens/validate", { method: "POST", as: "admin", body: { application: UUID, auth_code: UUID, state: "random-state" } });
    await expectLikeRecording(validate, recording("applications/007"), { exactBody: true });
  });

  it("token endpoints need a signed-in user; creating or editing a token is not supported", async () => {
    for (const [method, path] of [
      ["GET", "/application-tokens"],
      ["GET", "/application-tokens/1"],
      ["GET", `/applications/${UUID}/token`],
      ["POST", "/application-tokens/authorize"],
    ] as const) {
      const res = await t.request(path, { method, body: method === "POST" ? {} : undefined });
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ _error_message: "Authentication required", _error_type: "taiga.base.exceptions.NotAuthenticated" });
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    }
    const create = await t.request("/application-tokens", { method: "POST", as: "bob", body: {} });
    expect(create.status).toBe(405);
    expect(await create.json()).toEqual({ _error_message: "Method not supported for this endpoint.", _error_type: "taiga.base.exceptions.NotSupported" });
    expect((await t.request("/application-tokens/1", { method: "DELETE", as: "bob" })).status).toBe(403);
  });
});

describe("invitations", () => {
  it("an unknown token is 404 and POST is 405 (memberships/017, 018)", async () => {
    await expectLikeRecording(await t.request(`/invitations/${UUID}`), recording("memberships/017"), { exactBody: true });
    await expectLikeRecording(await t.request(`/invitations/${UUID}`, { method: "POST", body: {} }), recording("memberships/018"), { exactBody: true });
    const list = await t.request("/invitations", { as: "admin" });
    expect(list.status).toBe(403);
    expect(await list.json()).toEqual({ _error_message: "You don't have permissions to see that.", _error_type: "taiga.base.exceptions.PermissionDenied" });
  });

  it("shows a pending invitation to whoever holds its token, without e-mail addresses", async () => {
    const role = (t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND name = 'Front'").get(scrum) as { id: number }).id;
    const created = await t.request("/memberships", { method: "POST", as: "admin", body: { project: scrum, role, username: "newcomer@example.com" } });
    expect(created.status).toBe(201);
    const { token } = t.db.prepare("SELECT token FROM memberships WHERE email = ?").get("newcomer@example.com") as { token: string };
    const res = await t.request(`/invitations/${token}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ user: null, project: scrum, role, role_name: "Front", project_slug: "demo-scrum", invited_by: { username: "admin" } });
    expect(body).not.toHaveProperty("email");
  });
});

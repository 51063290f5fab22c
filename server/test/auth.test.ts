/** Fidelity of /auth, /auth/refresh, /auth/register and /users/me against the recordings (auth/*). */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});

/** Replays a recorded POST body (with recorded user names mapped to demo users). */
const post = (path: string, body: unknown) => t.request(path, { method: "POST", body });

describe("POST /auth", () => {
  it("logs in by username with the user fields and both tokens (auth/001)", async () => {
    const body = (await expectLikeRecording(await post("/auth", { type: "normal", username: "admin", password: "123123" }), recording("auth/001"))) as Record<string, unknown>;
    expect(body["username"]).toBe("admin");
    expect(String(body["auth_token"]).split(".")).toHaveLength(3);
  });

  it("logs in by e-mail, case-insensitively (auth/002)", async () => {
    const body = (await expectLikeRecording(await post("/auth", { type: "normal", username: "ALICE@Taiga.Demo", password: "123123" }), recording("auth/002"))) as Record<string, unknown>;
    expect(body["username"]).toBe("alice");
    const byName = await post("/auth", { type: "normal", username: "Alice", password: "123123" });
    expect(byName.status).toBe(200);
  });

  it.each(["auth/003", "auth/004", "auth/005", "auth/006", "auth/007"])("answers %s exactly like Taiga", async (id) => {
    const rec = recording(id);
    await expectLikeRecording(await post("/auth", rec.request.body), rec, { exactBody: true });
  });
});

describe("POST /auth/refresh", () => {
  it("returns a new token pair that works (auth/008)", async () => {
    const login = (await (await post("/auth", { type: "normal", username: "bob", password: "123123" })).json()) as { refresh: string };
    const body = (await expectLikeRecording(await post("/auth/refresh", { refresh: login.refresh }), recording("auth/008"))) as { auth_token: string };
    const me = await t.request("/users/me", { token: body.auth_token });
    expect(((await me.json()) as { username: string }).username).toBe("bob");
  });

  it("rejects a malformed token (auth/009) and a missing field (auth/010)", async () => {
    await expectLikeRecording(await post("/auth/refresh", { refresh: "not-a-token" }), recording("auth/009"), { exactBody: true });
    await expectLikeRecording(await post("/auth/refresh", {}), recording("auth/010"), { exactBody: true });
  });

  it("rejects an access token used as refresh token (auth/011)", async () => {
    const access = await t.login("carol");
    await expectLikeRecording(await post("/auth/refresh", { refresh: access }), recording("auth/011"), { exactBody: true });
  });
});

describe("GET /users/me and tokens on other endpoints", () => {
  it("answers the logged-in user (auth/012)", async () => {
    await expectLikeRecording(await t.request("/users/me", { as: "admin" }), recording("auth/012"));
  });

  it("answers 401 NotAuthenticated without credentials (auth/013) and with another scheme (auth/016)", async () => {
    await expectLikeRecording(await t.request("/users/me"), recording("auth/013"), { exactBody: true });
    const token = await t.login("admin");
    await expectLikeRecording(await t.request("/users/me", { headers: { authorization: `Token ${token}` } }), recording("auth/016"), { exactBody: true });
  });

  it("answers 401 for a bad Bearer token, even on a public list (auth/014, auth/015)", async () => {
    const headers = { authorization: "Bearer garbage.token.value" };
    await expectLikeRecording(await t.request("/users/me", { headers }), recording("auth/014"), { exactBody: true });
    await expectLikeRecording(await t.request("/projects", { headers }), recording("auth/015"), { exactBody: true });
  });

  it("hides the private project from anonymous callers with 401 (auth/017, auth/018) but shows a public one (auth/019)", async () => {
    const secret = t.ids.project("secret-roadmap");
    await expectLikeRecording(await t.request(`/projects/${secret}`), recording("auth/017"), { exactBody: true });
    await expectLikeRecording(await t.request("/projects/by_slug?slug=secret-roadmap"), recording("auth/018"), { exactBody: true });
    const body = (await expectLikeRecording(await t.request(`/projects/${t.ids.project("demo-kanban")}`), recording("auth/019"), {
      dynamicKeys: ["$.tags_colors"],
      nullable: ["*.wip_limit", "*_custom_attributes", "$.milestones", "$.default_swimlane", "$.total_story_points", "$.total_milestones"],
    })) as Record<string, unknown>;
    expect(body["my_homepage"]).toBe("{}");
    expect(body["i_am_member"]).toBe(false);
  });
});

describe("POST /auth/register", () => {
  const newUser = { type: "public", username: "newbie", full_name: "New Person", email: "newbie@example.com", password: "123123", accepted_terms: true };

  it("registers a user who can then log in (auth/020, auth/026)", async () => {
    const body = (await expectLikeRecording(await post("/auth/register", newUser), recording("auth/020"))) as { auth_token: string; roles: unknown[] };
    expect(body.roles).toEqual([]);
    await expectLikeRecording(await t.request("/users/me", { token: body.auth_token }), recording("auth/026"));
    expect((await post("/auth", { type: "normal", username: "newbie", password: "123123" })).status).toBe(200);
  });

  it("rejects a duplicate username (auth/021) without creating anything", async () => {
    expect((await post("/auth/register", newUser)).status).toBe(201);
    const before = t.snapshot();
    await expectLikeRecording(await post("/auth/register", newUser), recording("auth/021"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it.each(["auth/022", "auth/023", "auth/024", "auth/025"])("answers %s exactly like Taiga", async (id) => {
    const rec = recording(id);
    const before = t.snapshot();
    await expectLikeRecording(await post("/auth/register", rec.request.body), rec, { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("answers 400 when public registration is disabled", async () => {
    const closed = makeTestApp({ publicRegister: false });
    const res = await closed.request("/auth/register", { method: "POST", body: newUser });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "Public registration is disabled.", _error_type: "taiga.base.exceptions.BadRequest" });
  });
});

/** Users: public vs own shapes, lists, profile edits and password change. */
import { beforeEach, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});

describe("reading users", () => {
  it("shows other users without e-mail, yourself and superusers with it", async () => {
    const alice = t.ids.user("alice");
    const asBob = (await (await t.request(`/users/${alice}`, { as: "bob" })).json()) as Record<string, unknown>;
    expect(asBob).not.toHaveProperty("email");
    expect(asBob).toMatchObject({ username: "alice", full_name_display: "Alice Martin" });
    await expectLikeRecording(await t.request(`/users/${alice}`, { as: "alice" }), recording("misc/001"));
    await expectLikeRecording(await t.request("/users/by_username?username=alice", { as: "admin" }), recording("misc/002"));
    expect((await t.request("/users/999999", { as: "admin" })).status).toBe(404);
  });

  it("lists yourself plus the members of projects you can see", async () => {
    const names = async (as: string | null) =>
      ((await (await t.request("/users", { as, headers: { "x-disable-pagination": "1" } })).json()) as { username: string }[]).map((u) => u.username).sort();
    expect(await names("frank")).toEqual(["admin", "alice", "bob", "carol", "dave", "erin", "frank"]);
    expect(await names(null)).toEqual(["admin", "alice", "bob", "carol", "dave", "erin", "frank"]);
    const secret = await (await t.request(`/users?project=${t.ids.project("secret-roadmap")}`, { as: "alice" })).json();
    expect((secret as { username: string }[]).map((u) => u.username)).toEqual(["admin", "alice"]);
    expect((await t.request(`/users?project=${t.ids.project("secret-roadmap")}`, { as: "frank" })).status).toBe(403);
  });

  it("refuses POST /users like Taiga", async () => {
    const res = await t.request("/users", { method: "POST", as: "admin", body: {} });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ _error_message: "Method not supported for this endpoint.", _error_type: "taiga.base.exceptions.NotSupported" });
  });
});

describe("editing yourself", () => {
  it("updates your profile and nobody else's", async () => {
    const carol = t.ids.user("carol");
    const res = await t.request(`/users/${carol}`, { method: "PATCH", as: "carol", body: { full_name: "Carol N.", bio: "Designer", lang: "es" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ full_name: "Carol N.", full_name_display: "Carol N.", bio: "Designer", lang: "es", email: "carol@taiga.demo" });
    const before = t.snapshot();
    expect((await t.request(`/users/${carol}`, { method: "PATCH", as: "dave", body: { full_name: "x" } })).status).toBe(403);
    expect((await t.request(`/users/${carol}`, { method: "PATCH", body: { full_name: "x" } })).status).toBe(401);
    const taken = await t.request(`/users/${carol}`, { method: "PATCH", as: "carol", body: { username: "bob", full_name: "y".repeat(40) } });
    expect(await taken.json()).toEqual({
      username: ["Invalid username. Try with a different one."],
      full_name: ["Ensure this value has at most 36 characters (it has 40)."],
    });
    expect(t.snapshot()).toBe(before);
  });

  it("changes your password after checking the current one", async () => {
    const wrong = async (body: unknown, message: string) => {
      const res = await t.request("/users/change_password", { method: "POST", as: "dave", body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ _error_message: message, _error_type: "taiga.base.exceptions.WrongArguments" });
    };
    await wrong({ password: "abcdef" }, "Current password parameter needed");
    await wrong({ current_password: "123123" }, "New password parameter needed");
    await wrong({ current_password: "123123", password: "abc" }, "Invalid password length at least 6 characters needed");
    await wrong({ current_password: "nope", password: "abcdef" }, "Invalid current password");
    expect((await t.request("/users/change_password", { method: "POST", as: "dave", body: { current_password: "123123", password: "s3cret-pass" } })).status).toBe(204);
    const login = (password: string) => t.request("/auth", { method: "POST", body: { type: "normal", username: "dave", password } });
    expect((await login("123123")).status).toBe(401);
    expect((await login("s3cret-pass")).status).toBe(200);
  });
});

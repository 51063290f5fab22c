/**
 * /user-storage against the recorded real Taiga answers (user-storage/001-015): per-user entries,
 * no upsert, duplicate keys refused, anonymous callers read nothing and write nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp;
beforeEach(() => ({ t } = makeDemoApp()));

const create = (key: string, value: unknown, as = "admin"): Promise<Response> => t.request("/user-storage", { method: "POST", as, body: { key, value } });

describe("/user-storage", () => {
  it("starts empty, stores JSON values, lists them by key (user-storage/001, 003, 006, 008)", async () => {
    await expectLikeRecording(await t.request("/user-storage", { as: "admin" }), recording("user-storage/001"), { exactBody: true });
    const prefs = { theme: "dark", columns: [1, 2, 3] };
    const created = (await expectLikeRecording(await create("dashboard-prefs", prefs), recording("user-storage/003"))) as { key: string; value: unknown };
    expect(created).toMatchObject({ key: "dashboard-prefs", value: prefs });
    await expectLikeRecording(await create("last-project", "project-1"), recording("user-storage/006"));
    const list = (await expectLikeRecording(await t.request("/user-storage", { as: "admin" }), recording("user-storage/008"))) as { key: string }[];
    expect(list.map((e) => e.key)).toEqual(["dashboard-prefs", "last-project"]);
  });

  it("reads, replaces, patches and deletes one key (user-storage/007, 009, 010, 014, 015)", async () => {
    await create("dashboard-prefs", { theme: "dark", columns: [1, 2, 3] });
    await expectLikeRecording(await t.request("/user-storage/dashboard-prefs", { as: "admin" }), recording("user-storage/007"));
    const put = await t.request("/user-storage/dashboard-prefs", { method: "PUT", as: "admin", body: { key: "dashboard-prefs", value: { theme: "light" } } });
    expect(((await expectLikeRecording(put, recording("user-storage/009"))) as { value: unknown }).value).toEqual({ theme: "light" });
    const patch = await t.request("/user-storage/dashboard-prefs", { method: "PATCH", as: "admin", body: { value: { theme: "light", compact: true } } });
    expect(((await expectLikeRecording(patch, recording("user-storage/010"))) as { value: unknown }).value).toEqual({ theme: "light", compact: true });
    const again = (await (await t.request("/user-storage/dashboard-prefs", { as: "admin" })).json()) as { value: unknown; created_date: string; modified_date: string };
    expect(again.value).toEqual({ theme: "light", compact: true });
    expect(again.modified_date >= again.created_date).toBe(true);
    await expectLikeRecording(await t.request("/user-storage/dashboard-prefs", { method: "DELETE", as: "admin" }), recording("user-storage/014"));
    await expectLikeRecording(await t.request("/user-storage/dashboard-prefs", { as: "admin" }), recording("user-storage/015"), { exactBody: true });
  });

  it("refuses a duplicate key, a missing key and a PUT of an unknown key, changing nothing (user-storage/002, 004, 005, 011)", async () => {
    await create("dashboard-prefs", 1);
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/user-storage/missing-key", { as: "admin" }), recording("user-storage/002"), { exactBody: true });
    await expectLikeRecording(await create("dashboard-prefs", 1), recording("user-storage/004"), { exactBody: true });
    await expectLikeRecording(await t.request("/user-storage", { method: "POST", as: "admin", body: { value: 1 } }), recording("user-storage/005"), { exactBody: true });
    const putMissing = await t.request("/user-storage/new-key", { method: "PUT", as: "admin", body: { key: "new-key", value: 42 } });
    await expectLikeRecording(putMissing, recording("user-storage/011"), { exactBody: true });
    const blank = await t.request("/user-storage", { method: "POST", as: "admin", body: { key: "", value: 1 } });
    expect(await blank.json()).toEqual({ key: ["This field is required."] });
    const tooLong = await t.request("/user-storage", { method: "POST", as: "admin", body: { key: "k".repeat(256), value: 1 } });
    expect(await tooLong.json()).toEqual({ key: ["Ensure this value has at most 255 characters (it has 256)."] });
    expect(t.snapshot()).toBe(before);
  });

  it("is per user: another user does not see the key and may store their own (user-storage/012)", async () => {
    await create("dashboard-prefs", { theme: "dark" });
    await expectLikeRecording(await t.request("/user-storage/dashboard-prefs", { as: "alice" }), recording("user-storage/012"), { exactBody: true });
    expect((await create("dashboard-prefs", { theme: "light" }, "alice")).status).toBe(201);
    const mine = (await (await t.request("/user-storage/dashboard-prefs", { as: "admin" })).json()) as { value: unknown };
    expect(mine.value).toEqual({ theme: "dark" });
    expect((await t.request("/user-storage/dashboard-prefs", { method: "DELETE", as: "bob" })).status).toBe(404);
  });

  it("anonymous callers list nothing and may not write (user-storage/013)", async () => {
    await create("dashboard-prefs", 1);
    await expectLikeRecording(await t.request("/user-storage"), recording("user-storage/013"), { exactBody: true });
    const before = t.snapshot();
    expect((await t.request("/user-storage", { method: "POST", body: { key: "x", value: 1 } })).status).toBe(401);
    expect((await t.request("/user-storage/dashboard-prefs", { method: "PATCH", body: { value: 2 } })).status).toBe(401);
    expect((await t.request("/user-storage/dashboard-prefs", { method: "DELETE" })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
  });

  it("renaming a key through PUT may not collide with another key", async () => {
    await create("a", 1);
    await create("b", 2);
    const res = await t.request("/user-storage/a", { method: "PUT", as: "admin", body: { key: "b", value: 3 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __all__: ["Storage entry with this Owner and Key already exists."] });
    const renamed = await t.request("/user-storage/a", { method: "PUT", as: "admin", body: { key: "c", value: 3 } });
    expect(await renamed.json()).toMatchObject({ key: "c", value: 3 });
    expect((await t.request("/user-storage/a", { as: "admin" })).status).toBe(404);
  });

  it("keys with URL-special characters round-trip", async () => {
    await create("kanban:folded/1 x", [3, 4]);
    const res = await t.request(`/user-storage/${encodeURIComponent("kanban:folded/1 x")}`, { as: "admin" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: unknown }).value).toEqual([3, 4]);
  });
});

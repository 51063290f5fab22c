/** Project likes, watchers and leaving (projects/039-059). */
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

const detail = async (as: string) => (await (await t.request(`/projects/${scrum}`, { as })).json()) as Record<string, unknown>;

describe("likes and watchers", () => {
  it("likes, lists fans and unlikes (projects/039-041)", async () => {
    await expectLikeRecording(await t.request(`/projects/${scrum}/like`, { method: "POST", as: "bob" }), recording("projects/039"), { exactBody: true });
    expect(await detail("bob")).toMatchObject({ is_fan: true, total_fans: 1 });
    const fans = await expectLikeRecording(await t.request(`/projects/${scrum}/fans`, { as: "admin" }), recording("projects/040"));
    expect(fans).toEqual([{ id: t.ids.user("bob"), username: "bob", full_name: "Bob Fischer" }]);
    await expectLikeRecording(await t.request(`/projects/${scrum}/unlike`, { method: "POST", as: "bob" }), recording("projects/041"), { exactBody: true });
    expect(await detail("bob")).toMatchObject({ is_fan: false, total_fans: 0 });
  });

  it("watches, lists watchers and unwatches (projects/042-044); anonymous callers get 401 (projects/045)", async () => {
    await expectLikeRecording(await t.request(`/projects/${scrum}/watch`, { method: "POST", as: "carol", body: { notify_level: 2 } }), recording("projects/042"), { exactBody: true });
    expect(await detail("carol")).toMatchObject({ is_watcher: true, total_watchers: 1 });
    await expectLikeRecording(await t.request(`/projects/${scrum}/watchers`, { as: "admin" }), recording("projects/043"));
    await expectLikeRecording(await t.request(`/projects/${scrum}/unwatch`, { method: "POST", as: "carol" }), recording("projects/044"), { exactBody: true });
    expect(await detail("carol")).toMatchObject({ is_watcher: false, total_watchers: 0 });
    await expectLikeRecording(await t.request(`/projects/${scrum}/like`, { method: "POST" }), recording("projects/045"), { exactBody: true });
    expect((await t.request(`/projects/${t.ids.project("secret-roadmap")}/like`, { method: "POST", as: "frank" })).status).toBe(403);
  });
});

describe("POST /projects/{id}/leave", () => {
  it("lets a member leave (projects/056) but not the owner (057) or a non-member (058)", async () => {
    await expectLikeRecording(await t.request(`/projects/${scrum}/leave`, { method: "POST", as: "dave" }), recording("projects/056"), { exactBody: true });
    expect(await detail("dave")).toMatchObject({ i_am_member: false });
    await expectLikeRecording(await t.request(`/projects/${scrum}/leave`, { method: "POST", as: "admin" }), recording("projects/057"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/leave`, { method: "POST", as: "dave" }), recording("projects/058"), { exactBody: true });
    const secret = t.ids.project("secret-roadmap");
    t.db.prepare("UPDATE memberships SET is_admin = 0 WHERE project_id = ? AND user_id = ?").run(secret, t.ids.user("admin"));
    expect((await t.request(`/projects/${secret}/leave`, { method: "POST", as: "alice" })).status).toBe(403);
  });
});

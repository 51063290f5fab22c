/**
 * Votes on epics, stories, tasks and issues against the recordings (issues/027-029, tasks/019-022,
 * userstories/040-042, epics/021-023): upvote/downvote answer 200 with no body and are idempotent,
 * voters lists who voted, the items' `is_voter`/`total_voters` follow, and Taiga's errors.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

const firstId = (table: string, projectId: number): number => (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY id LIMIT 1`).get(projectId) as { id: number }).id;

function addEpic(projectId: number): number {
  const now = new Date().toISOString();
  const ref = (t.db.prepare("UPDATE ref_sequences SET last_ref = last_ref + 1 WHERE project_id = ? RETURNING last_ref").get(projectId) as { last_ref: number }).last_ref;
  return Number(
    t.db.prepare("INSERT INTO epics (project_id, ref, subject, owner_id, epics_order, created_date, modified_date) VALUES (?, ?, 'Voted epic', ?, 1, ?, ?)").run(projectId, ref, t.ids.user("admin"), now, now).lastInsertRowid,
  );
}

const CASES = [
  { path: "issues", table: "issues", recs: ["issues/027", "issues/028", "issues/029"] },
  { path: "tasks", table: "tasks", recs: ["tasks/019", "tasks/020", "tasks/022"] },
  { path: "userstories", table: "userstories", recs: ["userstories/040", "userstories/041", "userstories/042"] },
  { path: "epics", table: "epics", recs: ["epics/021", "epics/022", "epics/023"] },
] as const;

describe.each(CASES)("votes on $path", ({ path, table, recs }) => {
  const [upRec, votersRec, downRec] = recs;
  const itemId = (): number => (table === "epics" ? addEpic(scrum) : firstId(table, scrum));

  it("upvote, voters, downvote as recorded; repeating a vote changes nothing", async () => {
    const id = itemId();
    await expectLikeRecording(await t.request(`/${path}/${id}/upvote`, { method: "POST", as: "admin" }), recording(upRec));
    expect((await t.request(`/${path}/${id}/upvote`, { method: "POST", as: "admin" })).status).toBe(200);
    expect((await t.request(`/${path}/${id}/upvote`, { method: "POST", as: "bob" })).status).toBe(200);
    const voters = (await expectLikeRecording(await t.request(`/${path}/${id}/voters`, { as: "admin" }), recording(votersRec))) as { id: number; username: string; full_name: string }[];
    expect(voters.map((v) => v.username)).toEqual(["admin", "bob"]);
    expect(voters[1]).toEqual({ id: t.ids.user("bob"), username: "bob", full_name: "Bob Fischer" });
    const one = await t.request(`/${path}/${id}/voters/${t.ids.user("bob")}`, { as: "admin" });
    expect(await one.json()).toEqual(voters[1]);
    expect((await t.request(`/${path}/${id}/voters/${t.ids.user("carol")}`, { as: "admin" })).status).toBe(404);
    await expectLikeRecording(await t.request(`/${path}/${id}/downvote`, { method: "POST", as: "admin" }), recording(downRec));
    expect((await t.request(`/${path}/${id}/downvote`, { method: "POST", as: "admin" })).status).toBe(200);
    const after = (await (await t.request(`/${path}/${id}/voters`, { as: "admin" })).json()) as { username: string }[];
    expect(after.map((v) => v.username)).toEqual(["bob"]);
  });

  it("refuses anonymous votes (401), hidden or missing items (404), and leaves the votes alone", async () => {
    const id = itemId();
    const before = t.snapshot();
    const anon = await t.request(`/${path}/${id}/upvote`, { method: "POST" });
    expect(anon.status).toBe(401);
    const missing = await t.request(`/${path}/999999/upvote`, { method: "POST", as: "bob" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ _error_message: "" });
    expect((await t.request(`/${path}/999999/upvote`, { method: "POST" })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
  });
});

describe("votes and the item bodies", () => {
  it("is_voter and total_voters follow the votes in lists and details (tasks/021)", async () => {
    const id = firstId("issues", scrum);
    await t.request(`/issues/${id}/upvote`, { method: "POST", as: "admin" });
    await t.request(`/issues/${id}/upvote`, { method: "POST", as: "carol" });
    const mine = (await (await t.request(`/issues/${id}`, { as: "admin" })).json()) as { is_voter: boolean; total_voters: number };
    expect(mine).toMatchObject({ is_voter: true, total_voters: 2 });
    const theirs = (await (await t.request(`/issues/${id}`, { as: "bob" })).json()) as { is_voter: boolean; total_voters: number };
    expect(theirs).toMatchObject({ is_voter: false, total_voters: 2 });
    const task = firstId("tasks", scrum);
    await t.request(`/tasks/${task}/upvote`, { method: "POST", as: "admin" });
    const body = (await expectLikeRecording(await t.request(`/tasks/${task}`, { as: "admin" }), recording("tasks/021"), { nullable: ["*"] })) as { is_voter: boolean; total_voters: number };
    expect(body).toMatchObject({ is_voter: true, total_voters: 1 });
  });

  it("a private project's items: outsiders get 404 on votes, 403 on voters; anonymous 401", async () => {
    const story = firstId("userstories", secret);
    expect((await t.request(`/userstories/${story}/upvote`, { method: "POST", as: "frank" })).status).toBe(404);
    expect((await t.request(`/userstories/${story}/voters`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/userstories/${story}/voters`)).status).toBe(401);
    expect((await t.request(`/userstories/${story}/upvote`, { method: "POST", as: "alice" })).status).toBe(200);
  });

  it("a blocked project answers 451 and an archived one 403", async () => {
    const id = firstId("issues", scrum);
    t.db.prepare("UPDATE projects SET blocked_code = 'blocked-by-staff' WHERE id = ?").run(scrum);
    const res = await t.request(`/issues/${id}/upvote`, { method: "POST", as: "admin" });
    expect(res.status).toBe(451);
    expect(await res.json()).toEqual({ _error_message: "Blocked element", _error_type: "taiga.base.exceptions.Blocked" });
    t.db.prepare("UPDATE projects SET blocked_code = NULL, archived_code = 'archived' WHERE id = ?").run(scrum);
    expect((await t.request(`/issues/${id}/downvote`, { method: "POST", as: "admin" })).status).toBe(403);
  });
});

/**
 * Comments on stories, tasks and issues against the recordings (history/*, errors/022): adding through
 * PATCH (a stale version is accepted), the history list, edit/delete/undelete/comment_versions with
 * Taiga's answers and permissions, and watch/unwatch/watchers reflected in the items.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Entry {
  id: string;
  comment: string;
  comment_html: string;
  delete_comment_date: string | null;
  delete_comment_user: { pk: number; name: string } | null;
  edit_comment_date: string | null;
  user: { pk: number };
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
/**
 * A story of the test's own, created through the API: the demo's stories carry a seeded past, and
 * these tests replay the recorded exchanges on a story that has none yet, as recorded.
 */
async function story(): Promise<{ id: number; version: number }> {
  const res = await t.request("/userstories", { method: "POST", as: "admin", body: { project: scrum, subject: "A story without a past" } });
  expect(res.status).toBe(201);
  return json<{ id: number; version: number }>(res);
}
const HISTORY_OPTS = { alsoShapes: [] as ReturnType<typeof recording>[], dynamicKeys: ["*.diff", "*.values", "*.values_diff"], nullable: ["*.delete_comment_user", "*.delete_comment_date", "*.edit_comment_date"] };

async function comment(path: string, text: string, version: number, as = "admin"): Promise<Response> {
  return t.request(path, { method: "PATCH", as, body: { comment: text, version } });
}

async function entries(type: string, id: number, query = ""): Promise<Entry[]> {
  return json<Entry[]>(await t.request(`/history/${type}/${id}${query}`, { as: "admin" }));
}

describe("comments through PATCH", () => {
  it("adds comments to a story, even with a stale version (history/002, history/003), newest first in the history (history/004, 005)", async () => {
    const s = await story();
    const first = await comment(`/userstories/${s.id}`, "A recorded comment", s.version);
    expect(first.status).toBe(200);
    const second = await comment(`/userstories/${s.id}`, "Second comment with stale version", s.version);
    const body = (await second.json()) as { version: number; total_comments: number; comment: string };
    expect(body.version).toBe(s.version + 2);
    expect(body.comment).toBe("");
    const list = await t.request(`/history/userstory/${s.id}?type=comment`, { as: "admin" });
    const got = (await expectLikeRecording(list, recording("history/005"), { ...HISTORY_OPTS, alsoShapes: [recording("history/004")] })) as Entry[];
    expect(got.map((e) => e.comment)).toEqual(["Second comment with stale version", "A recorded comment"]);
    expect(got[1]?.comment_html).toBe("<p>A recorded comment</p>");
    expect(body.total_comments).toBe(2);
    const activity = await t.request(`/history/userstory/${s.id}?type=activity`, { as: "admin" });
    await expectLikeRecording(activity, recording("history/006"));
  });

  it("refuses page together with x-disable-pagination on a history list (a real Taiga answers 500), and serves either alone", async () => {
    const s = await story();
    await comment(`/userstories/${s.id}`, "Paged or not", s.version);
    const both = await t.request(`/history/userstory/${s.id}?page=1`, { as: "admin", headers: { "x-disable-pagination": "True" } });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { _error_message: string })._error_message).toMatch(/page and x-disable-pagination/);
    const whole = await t.request(`/history/userstory/${s.id}`, { as: "admin", headers: { "x-disable-pagination": "True" } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("x-paginated")).toBeNull();
    const paged = await t.request(`/history/userstory/${s.id}?page=1`, { as: "admin" });
    expect(paged.status).toBe(200);
    expect(paged.headers.get("x-pagination-current")).toBe("1");
  });

  it("a Stakeholder may comment on a story (errors/022) but not change it", async () => {
    const s = await story();
    const res = await comment(`/userstories/${s.id}`, "Stakeholder comment", s.version, "erin");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { is_watcher: boolean }).is_watcher).toBe(true);
    const edit = await t.request(`/userstories/${s.id}`, { method: "PATCH", as: "erin", body: { comment: "and a subject", subject: "x", version: s.version + 1 } });
    expect(edit.status).toBe(403);
  });

  it("history of a private item answers 401 to anonymous callers (history/024) and 404 for an unknown item", async () => {
    const hidden = t.db.prepare("SELECT id FROM userstories WHERE project_id = ? LIMIT 1").get(secret) as { id: number };
    await expectLikeRecording(await t.request(`/history/userstory/${hidden.id}`), recording("history/024"), { exactBody: true });
    expect((await t.request(`/history/userstory/${hidden.id}`, { as: "frank" })).status).toBe(403);
    expect((await t.request("/history/task/99999", { as: "admin" })).status).toBe(404);
  });
});

describe("edit, delete and undelete comments", () => {
  async function setup(author = "alice"): Promise<{ id: number; entry: Entry; base: string }> {
    // A task of the test's own (the demo's tasks carry a seeded past).
    const created = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "A task without a past" } });
    expect(created.status).toBe(201);
    const task = await json<{ id: number; version: number }>(created);
    expect((await comment(`/tasks/${task.id}`, "Original text", task.version, author)).status).toBe(200);
    const [entry] = await entries("task", task.id, "?type=comment");
    return { id: task.id, entry: entry as Entry, base: `/history/task/${task.id}` };
  }

  it("the author edits (history/008); comment_versions keeps the old text (history/011)", async () => {
    const { id, entry, base } = await setup("alice");
    const noVersions = await t.request(`${base}/comment_versions?id=${entry.id}`, { as: "alice" });
    expect(await noVersions.json()).toBeNull();
    const res = await t.request(`${base}/edit_comment?id=${entry.id}`, { method: "POST", as: "alice", body: { comment: "Edited **text**" } });
    await expectLikeRecording(res, recording("history/008"));
    const [edited] = await entries("task", id, "?type=comment");
    expect(edited?.comment).toBe("Edited **text**");
    expect(edited?.comment_html).toBe("<p>Edited <strong>text</strong></p>");
    expect(edited?.edit_comment_date).not.toBeNull();
    const versions = await t.request(`${base}/comment_versions?id=${entry.id}`, { as: "alice" });
    const list = (await expectLikeRecording(versions, recording("history/011"))) as { comment: string; user: { id: number } }[];
    expect(list.map((v) => v.comment)).toEqual(["Original text"]);
    expect(list[0]?.user.id).toBe(t.ids.user("alice"));
  });

  it("refuses a missing comment (history/009), another user (history/010) and an unknown entry (history/017), changing nothing", async () => {
    const { entry, base } = await setup("alice");
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`${base}/edit_comment?id=${entry.id}`, { method: "POST", as: "alice", body: {} }), recording("history/009"), { exactBody: true });
    await expectLikeRecording(await t.request(`${base}/edit_comment?id=${entry.id}`, { method: "POST", as: "bob", body: { comment: "hijack" } }), recording("history/010"), { exactBody: true });
    expect((await t.request(`${base}/delete_comment?id=${entry.id}`, { method: "POST", as: "erin" })).status).toBe(403);
    expect((await t.request(`${base}/delete_comment?id=${entry.id}`, { method: "POST" })).status).toBe(401);
    const unknown = await t.request(`${base}/edit_comment?id=00000000-0000-0000-0000-000000000000`, { method: "POST", as: "admin", body: { comment: "x" } });
    await expectLikeRecording(unknown, recording("history/017"));
    expect(await unknown.text()).toBe("");
    expect((await t.request(`${base}/edit_comment?id=${entry.id}`, { method: "POST", as: "alice", rawBody: "{bad" })).status).toBe(400);
    expect(t.snapshot()).toBe(before);
  });

  it("delete (history/012), again (history/013), edit a deleted one (history/014), undelete (history/016)", async () => {
    const { id, entry, base } = await setup("bob");
    const del = await t.request(`${base}/delete_comment?id=${entry.id}`, { method: "POST", as: "bob" });
    await expectLikeRecording(del, recording("history/012"));
    const [deleted] = await entries("task", id, "?type=comment");
    const bob = t.db.prepare("SELECT full_name FROM users WHERE username = 'bob'").get() as { full_name: string };
    expect(deleted?.delete_comment_user).toEqual({ pk: t.ids.user("bob"), name: bob.full_name });
    expect(deleted?.delete_comment_date).not.toBeNull();
    expect(deleted?.comment).toBe("Original text");
    const task = (await json<{ total_comments: number }>(await t.request(`/tasks/${id}`, { as: "admin" })));
    expect(task.total_comments).toBe(0);
    await expectLikeRecording(await t.request(`${base}/delete_comment?id=${entry.id}`, { method: "POST", as: "bob" }), recording("history/013"), { exactBody: true });
    await expectLikeRecording(await t.request(`${base}/edit_comment?id=${entry.id}`, { method: "POST", as: "bob", body: { comment: "x" } }), recording("history/014"), { exactBody: true });
    expect((await t.request(`${base}/undelete_comment?id=${entry.id}`, { method: "POST", as: "carol" })).status).toBe(403);
    await expectLikeRecording(await t.request(`${base}/undelete_comment?id=${entry.id}`, { method: "POST", as: "admin" }), recording("history/016"));
    const [restored] = await entries("task", id, "?type=comment");
    expect(restored?.delete_comment_date).toBeNull();
    const again = await t.request(`${base}/undelete_comment?id=${entry.id}`, { method: "POST", as: "admin" });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: "Comment not deleted" });
  });

  it("a project admin may moderate anyone's comment on an issue", async () => {
    const issue = t.db.prepare("SELECT id, version FROM issues WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number; version: number };
    expect((await comment(`/issues/${issue.id}`, "Rude words", issue.version, "erin")).status).toBe(200);
    const [entry] = await entries("issue", issue.id, "?type=comment");
    expect((await t.request(`/history/issue/${issue.id}/delete_comment?id=${entry?.id}`, { method: "POST", as: "alice" })).status).toBe(200);
  });
});

describe("watch, unwatch, watchers", () => {
  it.each([
    ["tasks", "tasks/023", "tasks/024", "tasks/025", "tasks"],
    ["issues", "issues/030", "issues/031", "issues/032", "issues"],
    ["userstories", "tasks/023", "tasks/024", "tasks/025", "userstories"],
  ])("%s: watch (200 empty), listed in watchers and the item, unwatch", async (path, watchRec, watchersRec, unwatchRec, table) => {
    const item = t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY id LIMIT 1`).get(scrum) as { id: number };
    t.db.prepare("DELETE FROM watchers WHERE object_id = ?").run(item.id);
    const watch = await t.request(`/${path}/${item.id}/watch`, { method: "POST", as: "carol" });
    await expectLikeRecording(watch, recording(watchRec));
    expect(watch.headers.get("content-type")).toBeNull();
    expect((await t.request(`/${path}/${item.id}/watch`, { method: "POST", as: "carol" })).status).toBe(200);
    const watchers = await t.request(`/${path}/${item.id}/watchers`, { as: "admin" });
    const list = (await expectLikeRecording(watchers, recording(watchersRec))) as { id: number; username: string; full_name: string }[];
    expect(list.map((w) => w.username)).toEqual(["carol"]);
    const detail = await json<{ watchers: number[]; is_watcher: boolean; total_watchers: number }>(await t.request(`/${path}/${item.id}`, { as: "carol" }));
    expect(detail).toMatchObject({ watchers: [t.ids.user("carol")], is_watcher: true, total_watchers: 1 });
    await expectLikeRecording(await t.request(`/${path}/${item.id}/unwatch`, { method: "POST", as: "carol" }), recording(unwatchRec));
    const after = await json<{ is_watcher: boolean; total_watchers: number }>(await t.request(`/${path}/${item.id}`, { as: "carol" }));
    expect(after).toMatchObject({ is_watcher: false, total_watchers: 0 });
  });

  it("anonymous 401, hidden items 403/401, unknown 404 - nothing written", async () => {
    const task = t.db.prepare("SELECT id FROM tasks WHERE project_id = ? LIMIT 1").get(scrum) as { id: number };
    const hidden = t.db.prepare("SELECT id FROM userstories WHERE project_id = ? LIMIT 1").get(secret) as { id: number };
    const before = t.snapshot();
    expect((await t.request(`/tasks/${task.id}/watch`, { method: "POST" })).status).toBe(401);
    expect((await t.request(`/userstories/${hidden.id}/watch`, { method: "POST", as: "frank" })).status).toBe(403);
    expect((await t.request(`/userstories/${hidden.id}/watchers`)).status).toBe(401);
    expect((await t.request("/issues/99999/watch", { method: "POST", as: "admin" })).status).toBe(404);
    expect((await t.request(`/tasks/${task.id}/watch`, { method: "GET", as: "admin" })).status).toBe(405);
    expect(t.snapshot()).toBe(before);
  });
});

describe("GET /users?project= (assignment choices)", () => {
  it("lists the project's members with the public user shape (misc/001); private projects only for members", async () => {
    const res = await t.request(`/users?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } });
    const users = (await res.json()) as Record<string, unknown>[];
    const members = t.db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE project_id = ? AND user_id IS NOT NULL").get(scrum) as { n: number };
    expect(users).toHaveLength(members.n);
    const rec = recording("misc/001").response.body as Record<string, unknown>;
    for (const key of ["id", "username", "full_name", "full_name_display", "photo", "big_photo", "gravatar_id", "is_active"]) expect(users[0], key).toHaveProperty(key);
    expect(Object.keys(rec)).toEqual(expect.arrayContaining(Object.keys(users[0] ?? {})));
    expect((await t.request(`/users?project=${secret}`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/users?project=${secret}`)).status).toBe(401);
    expect(((await json<unknown[]>(await t.request(`/users?project=${secret}`, { as: "alice" })))).length).toBe(2);
  });
});

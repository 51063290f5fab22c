/**
 * Timelines against the recorded real Taiga answer (misc/003): the entries derived from the history the
 * server records, in Taiga's shape (data keys included), newest first, paginated, filtered by what the
 * caller may see.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Entry {
  id: number;
  event_type: string;
  namespace: string;
  object_id: number;
  content_type: number;
  data_content_type: number;
  project: number | null;
  created: string;
  data: Record<string, unknown> & { user: { id: number; username?: string }; comment?: string; userstory?: { id: number; subject: string } };
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const all = async (path: string, as: string | null = "admin"): Promise<Entry[]> => json<Entry[]>(await t.request(path, { as, headers: { "x-disable-pagination": "1" } }));
/** Taiga writes `data` from a jsonb column: keys shorter first, then alphabetical; `user` is rebuilt in place. */
const jsonbSorted = (keys: string[]): boolean => keys.every((k, i) => i === 0 || keys[i - 1]!.length < k.length || (keys[i - 1]!.length === k.length && keys[i - 1]! < k));

describe("GET /timeline/project/{id}", () => {
  it("is paginated, newest first, with Taiga's entry shape (misc/003)", async () => {
    const res = await t.request(`/timeline/project/${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("misc/003"), { ignore: ["$[].data"] })) as Entry[];
    expect(body).toHaveLength(30);
    for (let i = 1; i < body.length; i++) expect(body[i - 1]!.created >= body[i]!.created).toBe(true);
    const recorded = recording("misc/003").response.body as Entry[];
    const epicEntry = body.find((e) => e.event_type === "epics.epic.create") ?? (await all(`/timeline/project/${scrum}`)).find((e) => e.event_type === "epics.epic.create");
    expect(Object.keys(epicEntry!.data)).toEqual(Object.keys(recorded.find((e) => e.event_type === "epics.epic.create")!.data));
    expect(Object.keys(epicEntry!.data.user)).toEqual(Object.keys(recorded[0]!.data.user));
    expect(epicEntry).toMatchObject({ content_type: 15, object_id: scrum, namespace: `project:${scrum}`, data_content_type: 50, project: scrum });
  });

  it("shows a new story, a comment and a deletion as they happen", async () => {
    const story = await json<{ id: number; ref: number }>(await t.request("/userstories", { method: "POST", as: "alice", body: { project: scrum, subject: "Timeline story" } }));
    await t.request(`/userstories/${story.id}`, { method: "PATCH", as: "bob", body: { comment: "Nice work", version: 1 } });
    await t.request(`/userstories/${story.id}`, { method: "PATCH", as: "admin", body: { backlog_order: 1, version: 2 } }); // order only: not told
    await t.request(`/userstories/${story.id}`, { method: "DELETE", as: "admin" });
    const entries = (await all(`/timeline/project/${scrum}`)).filter((e) => e.data.userstory?.id === story.id);
    expect(entries.map((e) => [e.event_type, e.data.user.username, e.data.comment])).toEqual([
      ["userstories.userstory.delete", "admin", ""],
      ["userstories.userstory.change", "bob", "Nice work"],
      ["userstories.userstory.create", "alice", ""],
    ]);
    for (const e of entries) {
      expect(e.data.userstory).toEqual({ id: story.id, ref: story.ref, subject: "Timeline story" });
      expect(jsonbSorted(Object.keys(e.data))).toBe(true);
    }
    expect(entries[1]!.data.comment_html).toBe("<p>Nice work</p>");
    const relevant = (await json<Entry[]>(await t.request(`/timeline/project/${scrum}?only_relevant=1`, { as: "admin", headers: { "x-disable-pagination": "1" } }))).filter((e) => e.data.userstory?.id === story.id);
    expect(relevant.map((e) => e.event_type)).toEqual(["userstories.userstory.change", "userstories.userstory.create"]);
  });

  it("tells new members and the project's creation", async () => {
    const entries = await all(`/timeline/project/${scrum}`);
    const joins = entries.filter((e) => e.event_type === "projects.membership.create");
    const members = (t.db.prepare("SELECT COUNT(*) AS n FROM memberships m JOIN projects p ON p.id = m.project_id WHERE m.project_id = ? AND m.user_id <> p.owner_id").get(scrum) as { n: number }).n;
    expect(joins).toHaveLength(members);
    expect(Object.keys(joins[0]!.data)).toEqual(["role", "user", "project"]);
    expect(entries.filter((e) => e.event_type === "projects.project.create")).toHaveLength(1);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it("needs view_project: 401 anonymous, 403 outsider, 404 unknown", async () => {
    expect((await t.request(`/timeline/project/${secret}`)).status).toBe(401);
    expect((await t.request(`/timeline/project/${secret}`, { as: "bob" })).status).toBe(403);
    expect((await t.request("/timeline/project/99999", { as: "admin" })).status).toBe(404);
    expect((await t.request(`/timeline/project/${secret}`, { as: "alice" })).status).toBe(200);
  });
});

describe("GET /timeline/user/{id} and /timeline/profile/{id}", () => {
  it("a user's timeline is what they did; private projects stay hidden from outsiders", async () => {
    const bob = t.ids.user("bob");
    await t.request("/issues", { method: "POST", as: "bob", body: { project: scrum, subject: "Bob's issue" } });
    const entries = await all(`/timeline/user/${bob}`, "carol");
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.data.user.id === bob && e.namespace === `user:${bob}` && e.object_id === bob && e.content_type === 6)).toBe(true);
    expect(entries[0]!.event_type).toBe("issues.issue.create");
    expect(entries.some((e) => e.event_type === "users.user.create")).toBe(true);

    const alice = t.ids.user("alice");
    const aliceSeenByBob = await all(`/timeline/user/${alice}`, "bob");
    const aliceSeenByAdmin = await all(`/timeline/user/${alice}`, "admin");
    expect(aliceSeenByAdmin.some((e) => e.project === secret)).toBe(true);
    expect(aliceSeenByBob.some((e) => e.project === secret)).toBe(false);
    expect((await t.request("/timeline/user/99999")).status).toBe(404);
  });

  it("a profile timeline follows what the user owns, is assigned to or watches, whoever acted", async () => {
    const carol = t.ids.user("carol");
    const story = await json<{ id: number }>(await t.request("/userstories", { method: "POST", as: "admin", body: { project: scrum, subject: "For Carol", assigned_to: carol } }));
    await t.request(`/userstories/${story.id}`, { method: "PATCH", as: "bob", body: { comment: "Carol, have a look", version: 1 } });
    const entries = await all(`/timeline/profile/${carol}`);
    const about = entries.filter((e) => e.data.userstory?.id === story.id);
    expect(about.map((e) => e.data.user.username)).toEqual(["bob", "admin"]);
    expect(entries.every((e) => e.object_id === carol)).toBe(true);
  });
});

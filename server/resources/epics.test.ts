/**
 * /epics and /epics/{id}/related_userstories against the recorded real Taiga answers (epics/*,
 * ordering/075-080): status codes, headers that matter, JSON keys and value types, exact error bodies,
 * OCC, the `epics_order` renumbering, permissions, and bad input that must leave the database unchanged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Epic {
  id: number;
  ref: number;
  project: number;
  subject: string;
  color: string;
  status: number;
  version: number;
  epics_order: number;
  is_closed: boolean;
  watchers: number[];
  user_stories_counts: { total: number; progress: number | null };
  neighbors?: { previous: { id: number } | null; next: { id: number } | null };
}
interface Link {
  epic: number;
  user_story: number;
  order: number;
}

const NULLABLE = ["*.assigned_to", "*.assigned_to_extra_info", "*.neighbors.previous", "*.neighbors.next", "*.user_stories_counts.progress"];
const LIST_SHAPES = () => ["epics/001", "epics/002", "ordering/076"].map(recording);
const DETAIL_SHAPES = () => ["epics/004", "epics/005"].map(recording);
const WRITE_SHAPES = () => ["epics/006", "epics/008", "epics/010", "epics/011", "ordering/080"].map(recording);

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const epicRows = (): { id: number; epics_order: number; version: number; status_id: number }[] =>
  t.db.prepare("SELECT * FROM epics WHERE project_id = ? ORDER BY epics_order, ref").all(scrum) as never;
const storyIds = (): number[] => (t.db.prepare("SELECT id FROM userstories WHERE project_id = ? ORDER BY id").all(scrum) as { id: number }[]).map((r) => r.id);

async function createEpic(body: Record<string, unknown> = {}, as = "admin"): Promise<Epic> {
  const res = await t.request("/epics", { method: "POST", as, body: { project: scrum, subject: "Recorded epic", ...body } });
  expect(res.status).toBe(201);
  return json<Epic>(res);
}

describe("GET /epics", () => {
  it("is paginated with Taiga's headers and the list shape, in epics_order (epics/001)", async () => {
    const res = await t.request(`/epics?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("epics/001"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Epic[];
    expect(body.map((e) => e.id)).toEqual(epicRows().map((r) => r.id));
    expect(res.headers.get("x-pagination-count")).toBe(String(epicRows().length));
  });

  it("x-disable-pagination returns every epic without page headers (epics/002)", async () => {
    const res = await t.request(`/epics?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "True" } });
    const body = (await expectLikeRecording(res, recording("epics/002"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Epic[];
    expect(body).toHaveLength(epicRows().length);
  });

  it("counts the related stories and their progress (closed stories count 1, open ones their closed-task share)", async () => {
    const epics = await json<(Epic & { subject: string })[]>(await t.request(`/epics?project=${scrum}`, { as: "admin" }));
    const accounts = epics.find((e) => e.subject === "Accounts and sign-in") as Epic;
    expect(accounts.user_stories_counts.total).toBe(5);
    const closedStories = (t.db.prepare(
      "SELECT COUNT(*) AS n FROM epic_related_userstories l JOIN userstories us ON us.id = l.userstory_id WHERE l.epic_id = ? AND us.is_closed = 1",
    ).get(accounts.id) as { n: number }).n;
    expect(closedStories).toBeGreaterThan(0);
    expect(accounts.user_stories_counts.progress).toBeGreaterThanOrEqual(closedStories);
    const empty = epics.find((e) => e.user_stories_counts.total === 0) as Epic;
    expect(empty.user_stories_counts).toEqual({ total: 0, progress: null });
  });

  it("filters by status, assignee and closed status; an anonymous caller sees a private project's epics as []", async () => {
    const [first] = epicRows();
    const byStatus = await json<Epic[]>(await t.request(`/epics?project=${scrum}&status=${first?.status_id}`, { as: "admin" }));
    expect(byStatus.length).toBeGreaterThan(0);
    expect(byStatus.every((e) => e.status === first?.status_id)).toBe(true);
    const excluded = await json<Epic[]>(await t.request(`/epics?project=${scrum}&exclude_status=${first?.status_id}`, { as: "admin" }));
    expect(excluded.length + byStatus.length).toBe(epicRows().length);
    const found = await json<Epic[]>(await t.request(`/epics?project=${scrum}&q=sign`, { as: "admin" }));
    expect(found.map((e) => e.subject)).toEqual(["Accounts and sign-in"]);
    expect(await json(await t.request(`/epics?project=${scrum}&q=nothing-like-this`, { as: "admin" }))).toEqual([]);
    const open = await json<Epic[]>(await t.request(`/epics?project=${scrum}&status__is_closed=false`, { as: "admin" }));
    expect(open.every((e) => !e.is_closed)).toBe(true);
    t.db.prepare("INSERT INTO epics (project_id, ref, subject, epics_order, created_date, modified_date) VALUES (?, 999, 'Hidden', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(secret);
    expect(await json(await t.request(`/epics?project=${secret}`))).toEqual([]);
    expect(await json<Epic[]>(await t.request(`/epics?project=${secret}`, { as: "alice" }))).toHaveLength(1);
    const bad = await t.request(`/epics?project=abc`, { as: "admin" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ _error_message: "'project' must be an integer value.", _error_type: "taiga.base.exceptions.BadRequest" });
  });
});

describe("GET /epics/filters_data", () => {
  it("answers the status, assignee, owner and tag facets with counts (epics/003)", async () => {
    const res = await t.request(`/epics/filters_data?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("epics/003"), { nullable: ["$.assigned_to[].id"] })) as { statuses: { count: number }[] };
    expect(body.statuses.reduce((n, s) => n + s.count, 0)).toBe(epicRows().length);
  });

  it("needs an existing project the caller may see", async () => {
    const missing = await t.request("/epics/filters_data", { as: "admin" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ _error_message: "" });
    expect((await t.request(`/epics/filters_data?project=${secret}`)).status).toBe(401);
    expect((await t.request(`/epics/filters_data?project=${secret}`, { as: "bob" })).status).toBe(403);
  });
});

describe("GET /epics/{id} and /epics/by_ref", () => {
  it("answers the detail shape with neighbors (epics/004, 005)", async () => {
    const [first, second] = epicRows();
    const res = await t.request(`/epics/${first?.id}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("epics/004"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Epic;
    expect(body.neighbors?.previous).toBeNull();
    expect(body.neighbors?.next?.id).toBe(second?.id);
    const byRef = await t.request(`/epics/by_ref?ref=${body.ref}&project=${scrum}`, { as: "admin" });
    expect(((await expectLikeRecording(byRef, recording("epics/005"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Epic).id).toBe(first?.id);
  });

  it("404 for an unknown epic, 401/403 for a private project's epic", async () => {
    const res = await t.request("/epics/99999", { as: "admin" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ _error_message: "No Epic matches the given query." });
    const info = t.db.prepare("INSERT INTO epics (project_id, ref, subject, epics_order, created_date, modified_date) VALUES (?, 999, 'Hidden', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run(secret);
    expect((await t.request(`/epics/${info.lastInsertRowid}`)).status).toBe(401);
    expect((await t.request(`/epics/${info.lastInsertRowid}`, { as: "bob" })).status).toBe(403);
    expect((await t.request(`/epics/by_ref?ref=999&project=${secret}`, { as: "alice" })).status).toBe(200);
  });
});

describe("POST /epics", () => {
  it("creates with the project's default status, a Tango colour and a fresh order (epics/006)", async () => {
    const res = await t.request("/epics", { method: "POST", as: "admin", body: { project: scrum, subject: "Recorded epic" } });
    const body = (await expectLikeRecording(res, recording("epics/006"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Epic;
    expect(body.version).toBe(1);
    expect(body.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(body.epics_order).toBeGreaterThan(Math.max(...epicRows().filter((r) => r.id !== body.id).map((r) => r.epics_order)));
    const maxRef = (t.db.prepare("SELECT MAX(ref) AS m FROM userstories WHERE project_id = ?").get(scrum) as { m: number }).m;
    expect(body.ref).toBeGreaterThan(maxRef);
    const history = await json<unknown[]>(await t.request(`/history/epic/${body.id}`, { as: "admin" }));
    expect(history).toEqual([]); // the creation entry is not listed
  });

  it("refuses a missing subject before anything else, and leaves the database unchanged (epics/007)", async () => {
    const before = t.snapshot();
    const res = await t.request("/epics", { method: "POST", as: "admin", body: { project: scrum } });
    await expectLikeRecording(res, recording("epics/007"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("needs add_epic: a Stakeholder gets 403, anonymous 401; another project's status is refused", async () => {
    const before = t.snapshot();
    expect((await t.request("/epics", { method: "POST", as: "erin", body: { project: scrum, subject: "x" } })).status).toBe(403);
    expect((await t.request("/epics", { method: "POST", body: { project: scrum, subject: "x" } })).status).toBe(401);
    const foreign = t.db.prepare("SELECT id FROM epic_statuses WHERE project_id = ?").get(secret) as { id: number };
    const res = await t.request("/epics", { method: "POST", as: "admin", body: { project: scrum, subject: "x", status: foreign.id } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "You don't have permissions to set this status to this epic.", _error_type: "taiga.base.exceptions.WrongArguments" });
    const notMember = await t.request("/epics", { method: "POST", as: "admin", body: { project: secret, subject: "x", assigned_to: t.ids.user("bob") } });
    expect(await notMember.json()).toEqual({ assigned_to: ["The user must be a project member."] });
    expect(t.snapshot()).toBe(before);
  });

  it("answers 451 in a blocked project", async () => {
    t.db.prepare("UPDATE projects SET blocked_code = 'blocked-by-staff' WHERE id = ?").run(scrum);
    const before = t.snapshot();
    const res = await t.request("/epics", { method: "POST", as: "admin", body: { project: scrum, subject: "x" } });
    expect(res.status).toBe(451);
    expect(await res.json()).toEqual({ _error_message: "Blocked element", _error_type: "taiga.base.exceptions.Blocked" });
    expect(t.snapshot()).toBe(before);
  });
});

describe("PATCH / PUT /epics/{id}", () => {
  it("applies OCC like stories (epics/008-010)", async () => {
    const epic = await createEpic();
    const ok = await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "admin", body: { subject: "Epic edited (v1->v2)", version: 1 } });
    expect(ok.headers.get("taiga-info-order-updated")).toBe("{}");
    expect(((await expectLikeRecording(ok, recording("epics/008"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Epic).version).toBe(2);

    const before = t.snapshot();
    const stale = await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "admin", body: { subject: "Epic stale edit", version: 1 } });
    await expectLikeRecording(stale, recording("epics/009"), { exactBody: true });
    expect(t.snapshot()).toBe(before);

    const merged = await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "admin", body: { description: "Epic: stale edit of another field", version: 1 } });
    const body = (await expectLikeRecording(merged, recording("epics/010"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Epic & { description: string };
    expect(body.version).toBe(3);
    expect(body.subject).toBe("Epic edited (v1->v2)");

    for (const [sent, answer] of [
      [undefined, { version: "The version parameter is not valid" }],
      [99, { version: "The version parameter is not valid" }],
      ["abc", { version: ["Enter a whole number."] }],
    ] as const) {
      const res = await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "admin", body: { subject: "x", version: sent } });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(answer);
    }
  });

  it("PUT replaces the epic and answers the order header (epics/011)", async () => {
    const epic = await createEpic();
    const status = t.db.prepare("SELECT id FROM epic_statuses WHERE project_id = ? AND name = 'Ready'").get(scrum) as { id: number };
    const res = await t.request(`/epics/${epic.id}`, {
      method: "PUT",
      as: "admin",
      body: { project: scrum, subject: "Recorded epic (PUT)", description: "Replaced", color: "#A5694F", status: status.id, tags: [], client_requirement: false, team_requirement: false, is_blocked: false, blocked_note: "", version: 1 },
    });
    const body = (await expectLikeRecording(res, recording("epics/011"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Epic;
    expect(body).toMatchObject({ subject: "Recorded epic (PUT)", color: "#A5694F", status: status.id, version: 2 });
    expect(JSON.parse(res.headers.get("taiga-info-order-updated") ?? "")).toHaveProperty(String(epic.id));
  });

  it("a new epics_order shifts every epic from there on and lists them in the header (ordering/080)", async () => {
    const rows = epicRows();
    const second = rows[1] as { id: number; version: number };
    const res = await t.request(`/epics/${second.id}`, { method: "PATCH", as: "admin", body: { epics_order: 0, version: second.version } });
    await expectLikeRecording(res, recording("ordering/080"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE });
    const header = JSON.parse(res.headers.get("taiga-info-order-updated") ?? "{}") as Record<string, number>;
    expect(header[String(second.id)]).toBe(0);
    const after = epicRows();
    expect(after[0]?.id).toBe(second.id);
    for (const r of rows.filter((x) => x.id !== second.id)) expect(after.find((a) => a.id === r.id)?.epics_order).toBe(r.epics_order + 1);
    expect(after.find((a) => a.id === rows[0]?.id)?.version).toBe(rows[0]?.version); // neighbours keep their version
  });

  it("a Stakeholder may comment but not edit; a comment makes the commenter a watcher", async () => {
    const epic = await createEpic();
    const before = t.snapshot();
    expect((await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "erin", body: { subject: "x", version: 1 } })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
    const res = await t.request(`/epics/${epic.id}`, { method: "PATCH", as: "erin", body: { comment: "Looks right", version: 1 } });
    expect(res.status).toBe(200);
    expect((await json<Epic>(res)).watchers).toContain(t.ids.user("erin"));
    const comments = await json<{ comment: string }[]>(await t.request(`/history/epic/${epic.id}?type=comment`, { as: "admin" }));
    expect(comments.map((h) => h.comment)).toEqual(["Looks right"]);
  });

  it("DELETE removes the epic and its links, keeps the stories (epics/027)", async () => {
    const epic = await createEpic();
    const story = storyIds()[0] as number;
    await t.request(`/epics/${epic.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: epic.id, user_story: story } });
    expect((await t.request(`/epics/${epic.id}`, { method: "DELETE", as: "erin" })).status).toBe(403);
    const res = await t.request(`/epics/${epic.id}`, { method: "DELETE", as: "admin" });
    await expectLikeRecording(res, recording("epics/027"));
    expect((await t.request(`/epics/${epic.id}`, { as: "admin" })).status).toBe(404);
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM epic_related_userstories WHERE epic_id = ?").get(epic.id)).toEqual({ n: 0 });
    expect((await t.request(`/userstories/${story}`, { as: "admin" })).status).toBe(200);
  });
});

describe("POST /epics/bulk_create", () => {
  it("creates one epic per line, sharing one order, answering 200 (ordering/075)", async () => {
    const res = await t.request("/epics/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, bulk_epics: "Bulk epic A\nBulk epic B" } });
    const body = (await expectLikeRecording(res, recording("ordering/075"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Epic[];
    expect(body.map((e) => e.subject)).toEqual(["Bulk epic A", "Bulk epic B"]);
    expect(body[0]?.epics_order).toBe(body[1]?.epics_order);
  });

  it("validates the body, then permissions", async () => {
    const before = t.snapshot();
    const missing = await t.request("/epics/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum } });
    expect(await missing.json()).toEqual({ bulk_epics: ["This field is required."] });
    const unknown = await t.request("/epics/bulk_create", { method: "POST", as: "admin", body: { project_id: 99999, bulk_epics: "x" } });
    expect(await unknown.json()).toEqual({ project_id: ["There's no project with that id"] });
    expect((await t.request("/epics/bulk_create", { method: "POST", as: "erin", body: { project_id: scrum, bulk_epics: "x" } })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
  });
});

describe("/epics/{id}/related_userstories", () => {
  it("lists the links of an epic, paginated (epics/012)", async () => {
    const [first] = epicRows();
    const res = await t.request(`/epics/${first?.id}/related_userstories`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("epics/012"))) as Link[];
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((l) => l.epic === first?.id)).toBe(true);
  });

  it("links, reads, reorders, replaces and unlinks a story (epics/013-020)", async () => {
    const epic = await createEpic();
    const [story, other] = storyIds() as [number, number];
    const created = await t.request(`/epics/${epic.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: epic.id, user_story: story } });
    expect(((await expectLikeRecording(created, recording("epics/013"))) as Link).user_story).toBe(story);

    const before = t.snapshot();
    await expectLikeRecording(
      await t.request(`/epics/${epic.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: epic.id } }),
      recording("epics/014"),
      { exactBody: true },
    );
    await expectLikeRecording(
      await t.request(`/epics/${epic.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: epic.id, user_story: story } }),
      recording("epics/015"),
      { exactBody: true },
    );
    expect(t.snapshot()).toBe(before);

    await expectLikeRecording(await t.request(`/epics/${epic.id}/related_userstories/${story}`, { as: "admin" }), recording("epics/016"));
    const patched = await t.request(`/epics/${epic.id}/related_userstories/${story}`, { method: "PATCH", as: "admin", body: { order: 20 } });
    expect(await expectLikeRecording(patched, recording("epics/017"))).toEqual({ epic: epic.id, user_story: story, order: 20 });
    const linkId = (t.db.prepare("SELECT id FROM epic_related_userstories WHERE epic_id = ? AND userstory_id = ?").get(epic.id, story) as { id: number }).id;
    expect(patched.headers.get("taiga-info-order-updated")).toBe(`{"${linkId}": 20}`);
    const put = await t.request(`/epics/${epic.id}/related_userstories/${story}`, { method: "PUT", as: "admin", body: { epic: epic.id, user_story: story, order: 30 } });
    expect(await expectLikeRecording(put, recording("epics/018"))).toEqual({ epic: epic.id, user_story: story, order: 30 });

    const shown = await json<{ epics: { id: number; color: string }[] | null }>(await t.request(`/userstories/${story}`, { as: "admin" }));
    expect(shown.epics?.map((e) => e.id)).toContain(epic.id);
    const epicAfter = await json<Epic>(await t.request(`/epics/${epic.id}`, { as: "admin" }));
    expect(epicAfter.user_stories_counts.total).toBe(1);

    await t.request(`/epics/${epic.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: epic.id, user_story: other, order: 30 } });
    const moved = await t.request(`/epics/${epic.id}/related_userstories/${other}`, { method: "PATCH", as: "admin", body: { order: 30 } });
    expect(moved.headers.get("taiga-info-order-updated")).toBe("{}"); // nothing moved: same value

    const deleted = await t.request(`/epics/${epic.id}/related_userstories/${story}`, { method: "DELETE", as: "admin" });
    await expectLikeRecording(deleted, recording("epics/020"));
    const gone = await t.request(`/epics/${epic.id}/related_userstories/${story}`, { as: "admin" });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ _error_message: "No RelatedUserStory matches the given query." });
  });

  it("reordering one link shifts the links after it (legacy algorithm)", async () => {
    const [first] = epicRows();
    const links = await json<Link[]>(await t.request(`/epics/${first?.id}/related_userstories`, { as: "admin" }));
    const byOrder = [...links].sort((a, b) => a.order - b.order);
    const last = byOrder[byOrder.length - 1] as Link;
    const res = await t.request(`/epics/${first?.id}/related_userstories/${last.user_story}`, { method: "PATCH", as: "admin", body: { order: byOrder[0]?.order } });
    expect(res.status).toBe(200);
    const after = (await json<Link[]>(await t.request(`/epics/${first?.id}/related_userstories`, { as: "admin" }))).sort((a, b) => a.order - b.order);
    expect(after.map((l) => l.user_story)).toEqual([last.user_story, ...byOrder.slice(0, -1).map((l) => l.user_story)]);
  });

  it("needs modify_epic to link; an unknown epic is 404", async () => {
    const [first] = epicRows();
    const story = storyIds()[10] as number;
    const before = t.snapshot();
    expect((await t.request(`/epics/${first?.id}/related_userstories`, { method: "POST", as: "erin", body: { epic: first?.id, user_story: story } })).status).toBe(403);
    expect((await t.request(`/epics/${first?.id}/related_userstories`, { method: "POST", body: { epic: first?.id, user_story: story } })).status).toBe(401);
    const unknown = await t.request(`/epics/99999/related_userstories`, { method: "POST", as: "admin", body: { epic: 99999, user_story: story } });
    expect(unknown.status).toBe(404);
    expect(await (await t.request(`/epics/99999/related_userstories`, { as: "admin" })).json()).toEqual([]); // as taiga-back: the links of no epic
    const badStory = await t.request(`/epics/${first?.id}/related_userstories`, { method: "POST", as: "admin", body: { epic: first?.id, user_story: "x" } });
    expect(await badStory.json()).toEqual({ user_story: ["Incorrect type. Expected pk value, received str."] });
    expect(t.snapshot()).toBe(before);
  });

  it("bulk_create makes new stories linked to the epic and answers every link (ordering/077, 078)", async () => {
    const [first] = epicRows();
    const countBefore = storyIds().length;
    const res = await t.request(`/epics/${first?.id}/related_userstories/bulk_create`, { method: "POST", as: "admin", body: { project_id: scrum, bulk_userstories: "Story via epic A\nStory via epic B" } });
    const body = (await expectLikeRecording(res, recording("ordering/077"))) as Link[];
    expect(storyIds().length).toBe(countBefore + 2);
    const newIds = storyIds().slice(-2);
    expect(body.filter((l) => newIds.includes(l.user_story))).toHaveLength(2);
    const before = t.snapshot();
    await expectLikeRecording(
      await t.request(`/epics/${first?.id}/related_userstories/bulk_create`, { method: "POST", as: "admin", body: { project_id: scrum } }),
      recording("ordering/078"),
      { exactBody: true },
    );
    expect(t.snapshot()).toBe(before);
  });
});

describe("watching epics", () => {
  it("watch, watchers, unwatch (epics/024-026)", async () => {
    const epic = await createEpic();
    await expectLikeRecording(await t.request(`/epics/${epic.id}/watch`, { method: "POST", as: "admin" }), recording("epics/024"));
    const watchers = await t.request(`/epics/${epic.id}/watchers`, { as: "admin" });
    expect(await expectLikeRecording(watchers, recording("epics/025"))).toEqual([{ id: t.ids.user("admin"), username: "admin", full_name: "Administrator" }]);
    await expectLikeRecording(await t.request(`/epics/${epic.id}/unwatch`, { method: "POST", as: "admin" }), recording("epics/026"));
    expect(await json(await t.request(`/epics/${epic.id}/watchers`, { as: "admin" }))).toEqual([]);
    expect((await t.request(`/epics/${epic.id}/watch`, { method: "POST" })).status).toBe(401);
  });
});

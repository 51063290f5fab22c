/**
 * Behaviour of /userstories beyond the recorded shapes: board ordering end to end, OCC, the PATCH
 * ordering side effects, list filters, bad input (status + body + unchanged database), history.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";

let t: TestApp, kanban: number, scrum: number;
beforeEach(() => ({ t, kanban, scrum } = makeDemoApp()));

interface Row {
  id: number;
  ref: number;
  subject: string;
  status_id: number;
  swimlane_id: number | null;
  milestone_id: number | null;
  version: number;
  kanban_order: number;
  backlog_order: number;
  sprint_order: number;
  is_closed: number;
}

const row = (id: number): Row => t.db.prepare("SELECT * FROM userstories WHERE id = ?").get(id) as Row;
const rows = (projectId: number): Row[] => t.db.prepare("SELECT * FROM userstories WHERE project_id = ? ORDER BY backlog_order, ref").all(projectId) as Row[];
const statusId = (projectId: number, name: string): number =>
  (t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND name = ?").get(projectId, name) as { id: number }).id;
const swimlaneId = (projectId: number, name: string): number => (t.db.prepare("SELECT id FROM swimlanes WHERE project_id = ? AND name = ?").get(projectId, name) as { id: number }).id;
/** A kanban cell sorted the way a board shows it (kanban_order, id). */
const cell = (projectId: number, status: number, swimlane: number | null): Row[] =>
  rows(projectId)
    .filter((r) => r.status_id === status && r.swimlane_id === swimlane)
    .sort((a, b) => a.kanban_order - b.kanban_order || a.id - b.id);

const post = (path: string, body: unknown, as = "admin") => t.request(path, { as, method: "POST", body });
const patch = (id: number, body: unknown, as = "admin") => t.request(`/userstories/${id}`, { as, method: "PATCH", body });
const list = async (query: string, as = "admin"): Promise<{ id: number; status: number; swimlane: number | null; tags: [string, string | null][]; subject: string; ref: number }[]> =>
  (await (await t.request(`/userstories?${query}`, { as, headers: { "x-disable-pagination": "True" } })).json()) as never;

/** Asserts a request answered `status` with exactly `body` and left every table untouched. */
async function expectRejected(send: () => Promise<Response>, status: number, body: unknown): Promise<void> {
  const before = t.snapshot();
  const res = await send();
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual(body);
  expect(t.snapshot()).toBe(before);
}

describe("bulk_update_kanban_order", () => {
  it("drops a story between two cards of another column and renumbers only the cards after the anchor", async () => {
    const ready = statusId(kanban, "Ready");
    const platform = swimlaneId(kanban, "Platform");
    let target = cell(kanban, ready, platform);
    if (target.length < 2) throw new Error("demo data: the Ready/Platform cell needs two cards");
    const mover = rows(kanban).find((r) => r.status_id !== ready && r.swimlane_id === swimlaneId(kanban, "Web")) as Row;
    const anchor = target[0] as Row;

    const res = await post("/userstories/bulk_update_kanban_order", {
      project_id: kanban,
      status_id: ready,
      swimlane_id: platform,
      after_userstory_id: anchor.id,
      bulk_userstories: [mover.id],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; swimlane: number; status: number; kanban_order: number }[];
    const after = target.slice(1);
    expect(body).toEqual([
      { id: mover.id, swimlane: platform, status: ready, kanban_order: anchor.kanban_order + 1 },
      ...after.map((r, i) => ({ id: r.id, swimlane: platform, status: ready, kanban_order: anchor.kanban_order + 2 + i })),
    ]);
    target = cell(kanban, ready, platform);
    expect(target.map((r) => r.id)).toEqual([anchor.id, mover.id, ...after.map((r) => r.id)]);
    expect(row(anchor.id).kanban_order).toBe(anchor.kanban_order);
    // no version bump, but a history entry for the moved story
    expect(row(mover.id).version).toBe(mover.version);
    const history = (await (await t.request(`/history/userstory/${mover.id}`, { as: "admin" })).json()) as { diff: Record<string, unknown> }[];
    expect(Object.keys(history[0]?.diff ?? {})).toEqual(expect.arrayContaining(["status", "swimlane", "kanban_order"]));
  });

  it("before an anchor: the moved stories take the anchor's order and the anchor shifts behind them", async () => {
    const status = statusId(kanban, "New");
    const lane = swimlaneId(kanban, "Platform");
    const target = cell(kanban, status, lane);
    const anchor = target.at(-1) as Row;
    const movers = rows(kanban).filter((r) => r.swimlane_id !== lane).slice(0, 2);
    const body = (await (await post("/userstories/bulk_update_kanban_order", {
      project_id: kanban,
      status_id: status,
      swimlane_id: lane,
      before_userstory_id: anchor.id,
      bulk_userstories: movers.map((m) => m.id),
    })).json()) as { id: number; kanban_order: number }[];
    expect(body.map((b) => b.id)).toEqual([...movers.map((m) => m.id), anchor.id]);
    expect(body.map((b) => b.kanban_order)).toEqual([anchor.kanban_order, anchor.kanban_order + 1, anchor.kanban_order + 2]);
    expect(cell(kanban, status, lane).slice(-3).map((r) => r.id)).toEqual([...movers.map((m) => m.id), anchor.id]);
  });

  it("omitting swimlane_id moves the story to the no-swimlane row; an explicit null is a 400", async () => {
    const s = rows(kanban).find((r) => r.swimlane_id !== null) as Row;
    await expectRejected(
      () => post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: s.status_id, swimlane_id: null, bulk_userstories: [s.id] }),
      400,
      { swimlane_id: ["Invalid swimlane id. The swimlane must belong to the same project."] },
    );
    const res = await post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: s.status_id, bulk_userstories: [s.id] });
    expect(res.status).toBe(200);
    expect(row(s.id).swimlane_id).toBeNull();
    const listed = await t.request(`/userstories?project=${kanban}`, { as: "admin" });
    expect(listed.headers.get("taiga-info-userstories-without-swimlane")).toBe("true");
  });

  it("moving into a closed status closes the story", async () => {
    const s = rows(kanban).find((r) => r.is_closed === 0) as Row;
    await post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: statusId(kanban, "Done"), swimlane_id: s.swimlane_id, bulk_userstories: [s.id] });
    expect(row(s.id).is_closed).toBe(1);
  });

  it.each([
    ["a story of another project", (k: number, s: Row, other: Row) => ({ project_id: k, status_id: s.status_id, bulk_userstories: [other.id] }), "bulk_userstories", "Invalid user story ids. All stories must belong to the same project."],
    ["an unknown story", (k: number, s: Row) => ({ project_id: k, status_id: s.status_id, bulk_userstories: [s.id, 999999] }), "bulk_userstories", "Invalid user story ids. All stories must belong to the same project."],
    ["an empty list", (k: number, s: Row) => ({ project_id: k, status_id: s.status_id, bulk_userstories: [] }), "bulk_userstories", "This field is required."],
    ["a non-list", (k: number, s: Row) => ({ project_id: k, status_id: s.status_id, bulk_userstories: "12" }), "bulk_userstories", "'12' is not a list"],
    ["an unknown project", (_k: number, s: Row) => ({ project_id: 424242, status_id: s.status_id, bulk_userstories: [s.id] }), "project_id", "There's no project with that id"],
    ["a text status", (k: number, s: Row) => ({ project_id: k, status_id: "new", bulk_userstories: [s.id] }), "status_id", "Enter a whole number."],
    ["a swimlane of another project", (k: number, s: Row) => ({ project_id: k, status_id: s.status_id, swimlane_id: 999, bulk_userstories: [s.id] }), "swimlane_id", "Invalid swimlane id. The swimlane must belong to the same project."],
    ["an unknown anchor", (k: number, s: Row) => ({ project_id: k, status_id: s.status_id, before_userstory_id: 999999, bulk_userstories: [s.id] }), "before_userstory_id", "Invalid user story id to move before. The user story must belong to the same project, status and swimlane."],
  ])("rejects %s with a 400 on the right field and changes nothing", async (_label, make, field, message) => {
    const s = rows(kanban)[0] as Row;
    const other = rows(scrum)[0] as Row;
    await expectRejected(() => post("/userstories/bulk_update_kanban_order", make(kanban, s, other)), 400, { [field]: [message] });
  });

  it("answers 400 for malformed JSON and writes nothing", async () => {
    const before = t.snapshot();
    const res = await t.request("/userstories/bulk_update_kanban_order", { as: "admin", method: "POST", rawBody: '{"project_id": 2, ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { _error_type: string })._error_type).toBe("taiga.base.exceptions.ParseError");
    expect(t.snapshot()).toBe(before);
  });

  it("anonymous callers get 401 and nothing moves", async () => {
    const s = rows(kanban)[0] as Row;
    const before = t.snapshot();
    const res = await t.request("/userstories/bulk_update_kanban_order", { method: "POST", body: { project_id: kanban, status_id: s.status_id, bulk_userstories: [s.id] } });
    expect(res.status).toBe(401);
    expect(t.snapshot()).toBe(before);
  });
});

describe("bulk_update_backlog_order", () => {
  it("moves backlog stories into a sprint after an anchor, with their tasks", async () => {
    const sprint = t.db.prepare("SELECT id FROM milestones WHERE project_id = ? AND name = 'Sprint 3'").get(scrum) as { id: number };
    const inSprint = rows(scrum)
      .filter((r) => r.milestone_id === sprint.id)
      .sort((a, b) => a.sprint_order - b.sprint_order || a.id - b.id);
    const anchor = inSprint[0] as Row;
    const mover = rows(scrum).find((r) => r.milestone_id === null) as Row;
    const res = await post("/userstories/bulk_update_backlog_order", { project_id: scrum, milestone_id: sprint.id, after_userstory_id: anchor.id, bulk_userstories: [mover.id] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; milestone: number; sprint_order: number }[];
    expect(body[0]).toEqual({ id: mover.id, milestone: sprint.id, sprint_order: anchor.sprint_order + 1 });
    expect(body.slice(1).map((b) => b.id)).toEqual(inSprint.slice(1).map((r) => r.id));
    expect(row(mover.id).milestone_id).toBe(sprint.id);
    const tasks = t.db.prepare("SELECT milestone_id FROM tasks WHERE user_story_id = ?").all(mover.id) as { milestone_id: number }[];
    expect(tasks.every((task) => task.milestone_id === sprint.id)).toBe(true);
    expect(row(mover.id).version).toBe(mover.version);
  });
});

describe("PATCH ordering side effects", () => {
  it("a backlog_order PATCH shifts the neighbours and reports them in Taiga-Info-Order-Updated", async () => {
    // put three backlog stories at 1, 2, 3 and move the last one to 1
    const backlog = rows(scrum).filter((r) => r.milestone_id === null).slice(0, 3);
    const [a, b, c] = backlog as [Row, Row, Row];
    await post("/userstories/bulk_update_backlog_order", { project_id: scrum, bulk_userstories: [a.id, b.id, c.id] });
    expect([row(a.id).backlog_order, row(b.id).backlog_order, row(c.id).backlog_order]).toEqual([1, 2, 3]);
    const res = await patch(c.id, { backlog_order: 1, version: row(c.id).version });
    expect(res.status).toBe(200);
    // as in taiga, the saved value is part of the scope: every story at >= 1 moves up by one (ordering/025)
    const header = JSON.parse(res.headers.get("taiga-info-order-updated") ?? "") as Record<string, number>;
    expect(header).toMatchObject({ [a.id]: 2, [b.id]: 3 });
    expect(header[c.id]).toBeUndefined();
    const others = rows(scrum).filter((r) => ![a.id, b.id, c.id].includes(r.id));
    for (const o of others) expect(header[o.id]).toBe(row(o.id).backlog_order);
    expect([row(c.id).backlog_order, row(a.id).backlog_order, row(b.id).backlog_order]).toEqual([1, 2, 3]);
    expect(rows(scrum).slice(0, 3).map((r) => r.id)).toEqual([c.id, a.id, b.id]);
  });

  it("a swimlane PATCH puts the story at the end of the new cell without touching the others", async () => {
    const s = rows(kanban).find((r) => r.swimlane_id === swimlaneId(kanban, "Web")) as Row;
    const mobile = swimlaneId(kanban, "Mobile");
    const others = cell(kanban, s.status_id, mobile);
    const res = await patch(s.id, { swimlane: mobile, version: s.version });
    expect(res.headers.get("taiga-info-order-updated")).toBe("{}");
    const after = cell(kanban, s.status_id, mobile);
    expect(after.map((r) => r.id)).toEqual([...others.map((r) => r.id), s.id]);
    for (const o of others) expect(row(o.id).kanban_order).toBe(o.kanban_order);
  });
});

describe("OCC", () => {
  it("stale version on the same field -> 400 and nothing changes; on another field -> 200", async () => {
    const s = rows(kanban)[0] as Row;
    expect((await patch(s.id, { subject: "first", version: s.version })).status).toBe(200);
    await expectRejected(() => patch(s.id, { subject: "second", version: s.version }), 400, { version: "The version doesn't match with the current one" });
    const ok = await patch(s.id, { description: "other field", version: s.version });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { version: number }).version).toBe(s.version + 2);
    expect(row(s.id).subject).toBe("first");
  });

  it("a bulk move counts in the window: a stale status edit conflicts with the board move", async () => {
    const s = rows(kanban)[0] as Row;
    await patch(s.id, { subject: "bump", version: s.version });
    await post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: statusId(kanban, "Ready for test"), swimlane_id: s.swimlane_id, bulk_userstories: [s.id] });
    // version is s.version + 1; the newest entry (the board move) changed status
    await expectRejected(() => patch(s.id, { status: statusId(kanban, "New"), version: s.version }), 400, { version: "The version doesn't match with the current one" });
  });

  it("missing, future and non-integer versions", async () => {
    const s = rows(kanban)[0] as Row;
    await expectRejected(() => patch(s.id, { subject: "x" }), 400, { version: "The version parameter is not valid" });
    await expectRejected(() => patch(s.id, { subject: "x", version: s.version + 1 }), 400, { version: "The version parameter is not valid" });
    await expectRejected(() => patch(s.id, { subject: "x", version: "abc" }), 400, { version: ["Enter a whole number."] });
    await expectRejected(() => patch(s.id, { subject: "x", version: [1] }), 400, { version: ["Enter a whole number."] });
  });

  it("a comment with a stale version is accepted, bumps the version and shows in the history", async () => {
    const s = rows(kanban)[0] as Row;
    const commentsBefore = (t.db.prepare("SELECT COUNT(*) AS n FROM history_entries WHERE content_type = 'userstory' AND object_id = ? AND comment <> ''").get(s.id) as { n: number }).n;
    await patch(s.id, { subject: "edited", version: s.version });
    const res = await patch(s.id, { comment: "Looks **good**", version: s.version }, "bob");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; total_comments: number; comment: string; is_watcher: boolean };
    expect(body).toMatchObject({ version: s.version + 2, total_comments: commentsBefore + 1, comment: "", is_watcher: true });
    const history = (await (await t.request(`/history/userstory/${s.id}`, { as: "bob" })).json()) as { comment: string; comment_html: string; diff: object }[];
    expect(history[0]).toMatchObject({ comment: "Looks **good**", comment_html: "<p>Looks <strong>good</strong></p>", diff: {} });
    expect(history[1]?.diff).toEqual({ subject: [s.subject, "edited"] });
  });
});

describe("bad input on create and update", () => {
  it.each([
    ["a text status", { status: "abc" }, { status: ["Incorrect type. Expected pk value, received str."] }],
    ["an unknown status", { status: 999999 }, { status: ["Invalid pk '999999' - object does not exist."] }],
    ["an unknown milestone", { milestone: 999999 }, { milestone: ["Invalid pk '999999' - object does not exist."] }],
    ["an empty subject (spaces are kept, as Taiga does)", { subject: "" }, { subject: ["This field is required."] }],
    ["a non-member assignee", { assigned_to: 999999 }, { assigned_to: ["Invalid pk '999999' - object does not exist."] }],
    ["a bad tag", { tags: [["x", "#cccc"]] }, { tags: ["Invalid tag '['x', '#cccc']'. The color is not a valid HEX color or null."] }],
    ["a bad date", { due_date: "tomorrow" }, { due_date: ["Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]]."] }],
    ["an unknown role in points", { points: { "222222": 1 } }, { points: "Invalid role id '222222'" }],
  ])("PATCH with %s -> 400 and nothing written", async (_label, change, body) => {
    const s = rows(kanban)[0] as Row;
    await expectRejected(() => patch(s.id, { ...change, version: s.version }), 400, body);
  });

  it("a swimlane or sprint of another project is a 403 (cross-project reference)", async () => {
    const s = rows(kanban)[0] as Row;
    const sprint = t.db.prepare("SELECT id FROM milestones WHERE project_id = ?").get(scrum) as { id: number };
    await expectRejected(() => patch(s.id, { milestone: sprint.id, version: s.version }), 403, {
      _error_message: "You don't have permissions to set this sprint to this user story.",
      _error_type: "taiga.base.exceptions.PermissionDenied",
    });
    const created = await post("/userstories", { project: scrum, subject: "x", swimlane: swimlaneId(kanban, "Web") });
    expect(created.status).toBe(403);
  });

  it("an assignee who is not a member of the project is a 400", async () => {
    const outsider = t.db.prepare("INSERT INTO users (username, email, full_name, password, uuid, date_joined) VALUES ('zed', 'zed@example.com', 'Zed', 'x', 'u', '2026-01-01T00:00:00.000Z')").run();
    const s = rows(kanban)[0] as Row;
    await expectRejected(() => patch(s.id, { assigned_to: Number(outsider.lastInsertRowid), version: s.version }), 400, { assigned_to: ["The user must be a project member."] });
  });

  it("a JSON array body is a 400, not a crash", async () => {
    const before = t.snapshot();
    const res = await t.request("/userstories", { as: "admin", method: "POST", rawBody: "[1, 2]" });
    expect(res.status).toBe(400);
    expect(t.snapshot()).toBe(before);
  });

  it("PATCH of an unknown story: 404 for a superuser, 403 for others", async () => {
    expect((await patch(999999, { subject: "x", version: 1 })).status).toBe(404);
    expect((await patch(999999, { subject: "x", version: 1 }, "bob")).status).toBe(403);
  });
});

describe("list filters", () => {
  it("status comma lists, exclude_status and status__is_archived", async () => {
    const ne = statusId(kanban, "New");
    const ready = statusId(kanban, "Ready");
    const both = await list(`project=${kanban}&status=${ne},${ready}`);
    expect(both.length).toBe(rows(kanban).filter((r) => r.status_id === ne || r.status_id === ready).length);
    expect(both.every((s) => s.status === ne || s.status === ready)).toBe(true);
    const excluded = await list(`project=${kanban}&exclude_status=${ne}`);
    expect(excluded.some((s) => s.status === ne)).toBe(false);
    const archived = statusId(kanban, "Archived");
    const active = await list(`project=${kanban}&status__is_archived=false`);
    expect(active.some((s) => s.status === archived)).toBe(false);
    expect(active.length).toBe(rows(kanban).filter((r) => r.status_id !== archived).length);
  });

  it("tags are OR-ed, q matches subject words and refs", async () => {
    const all = await list(`project=${kanban}`);
    const tags = [...new Set(all.flatMap((s) => s.tags.map(([n]) => n)))].slice(0, 2);
    const tagged = await list(`project=${kanban}&tags=${tags.join(",")}`);
    expect(tagged.length).toBe(all.filter((s) => s.tags.some(([n]) => tags.includes(n))).length);
    const target = all[0] as { subject: string; ref: number; id: number };
    const word = (target.subject.split(" ").find((w) => w.length > 4) ?? target.subject).slice(0, 4);
    const byWord = await list(`project=${kanban}&q=${encodeURIComponent(word)}`);
    expect(byWord.map((s) => s.id)).toContain(target.id);
    expect(byWord.length).toBeLessThan(all.length);
    const byRef = await list(`project=${kanban}&q=${target.ref}`);
    expect(byRef.map((s) => s.id)).toContain(target.id);
  });

  it("assigned_users matches assigned_to too; unknown order_by is ignored; order_by sorts with -id ties", async () => {
    const alice = t.ids.user("alice");
    const mine = await list(`project=${kanban}&assigned_users=${alice}`);
    const expected = (t.db
      .prepare(
        "SELECT id FROM userstories us WHERE project_id = ? AND (assigned_to_id = ? OR EXISTS (SELECT 1 FROM userstory_assigned_users a WHERE a.userstory_id = us.id AND a.user_id = ?))",
      )
      .all(kanban, alice, alice) as { id: number }[]).map((r) => r.id);
    expect(mine.map((s) => s.id).sort()).toEqual(expected.sort());
    const unknown = await list(`project=${kanban}&order_by=nonsense`);
    expect(unknown.map((s) => s.id)).toEqual(rows(kanban).map((r) => r.id));
    const bySubject = await list(`project=${kanban}&order_by=-subject`);
    const subjects = bySubject.map((s) => s.subject);
    expect(subjects).toEqual([...subjects].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it("bad filter values are 400s", async () => {
    expect((await t.request(`/userstories?project=${kanban}&status=abc`, { as: "admin" })).status).toBe(400);
    expect((await t.request(`/userstories?project=${kanban}&milestone=abc`, { as: "admin" })).status).toBe(400);
  });
});

describe("create, bulk_create and delete", () => {
  it("refs come from the one project sequence and are never reused", async () => {
    const a = (await (await post("/userstories", { project: kanban, subject: "A" })).json()) as { id: number; ref: number };
    await t.request(`/userstories/${a.id}`, { as: "admin", method: "DELETE" });
    const bulk = (await (await post("/userstories/bulk_create", { project_id: kanban, bulk_stories: "B\n\n  C  \n" })).json()) as { ref: number; subject: string; backlog_order: number }[];
    expect(bulk.map((s) => [s.subject, s.ref])).toEqual([
      ["B", a.ref + 1],
      ["C", a.ref + 2],
    ]);
    expect(bulk[1]!.backlog_order).toBeGreaterThan(bulk[0]!.backlog_order);
  });

  it("bulk_create: an empty text is required, blank lines create nothing", async () => {
    await expectRejected(() => post("/userstories/bulk_create", { project_id: kanban, bulk_stories: "" }), 400, { bulk_stories: ["This field is required."] });
    const before = t.snapshot();
    const res = await post("/userstories/bulk_create", { project_id: kanban, bulk_stories: "\n  \n" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    expect(t.snapshot()).toBe(before);
  });

  it("DELETE removes the story's tasks and is refused to Stakeholders", async () => {
    const withTasks = t.db.prepare("SELECT user_story_id AS id FROM tasks WHERE user_story_id IS NOT NULL AND project_id = ? LIMIT 1").get(scrum) as { id: number };
    const before = t.snapshot();
    expect((await t.request(`/userstories/${withTasks.id}`, { as: "erin", method: "DELETE" })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
    expect((await t.request(`/userstories/${withTasks.id}`, { as: "admin", method: "DELETE" })).status).toBe(204);
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE user_story_id = ?").get(withTasks.id)).toEqual({ n: 0 });
  });
});

describe("blocked and archived projects", () => {
  it("a blocked project answers 451 to every story write and still reads (errors/025, 026, 027)", async () => {
    t.db.prepare("UPDATE projects SET blocked_code = 'blocked-by-staff' WHERE id = ?").run(kanban);
    const s = rows(kanban)[0] as Row;
    const blockedBody = { _error_message: "Blocked element", _error_type: "taiga.base.exceptions.Blocked" };
    await expectRejected(() => patch(s.id, { subject: "blocked", version: s.version }), 451, blockedBody);
    await expectRejected(() => post("/userstories", { project: kanban, subject: "blocked" }), 451, blockedBody);
    await expectRejected(() => post("/userstories/bulk_create", { project_id: kanban, bulk_stories: "x" }), 451, blockedBody);
    await expectRejected(() => post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: s.status_id, bulk_userstories: [s.id] }), 451, blockedBody);
    await expectRejected(() => t.request(`/userstories/${s.id}`, { as: "admin", method: "DELETE" }), 451, blockedBody);
    expect((await t.request(`/userstories/${s.id}`, { as: "admin" })).status).toBe(200);
  });

  it("an archived project refuses board moves with 'Archived project' and edits with 'Archived element'", async () => {
    t.db.prepare("UPDATE projects SET archived_code = 'archived' WHERE id = ?").run(kanban);
    const s = rows(kanban)[0] as Row;
    await expectRejected(() => post("/userstories/bulk_update_kanban_order", { project_id: kanban, status_id: s.status_id, bulk_userstories: [s.id] }), 403, {
      _error_message: "Archived project",
      _error_type: "taiga.base.exceptions.PermissionDenied",
    });
    await expectRejected(() => patch(s.id, { subject: "archived", version: s.version }), 403, {
      _error_message: "Archived element",
      _error_type: "taiga.base.exceptions.PermissionDenied",
    });
  });
});

describe("moving a story to another project", () => {
  it("maps the status by slug, takes a new ref from the target and needs the sprint/swimlane sent", async () => {
    const s = rows(kanban).find((r) => r.swimlane_id !== null && r.milestone_id === null) as Row;
    const status = t.db.prepare("SELECT slug FROM userstory_statuses WHERE id = ?").get(s.status_id) as { slug: string };
    // the old swimlane stays when not sent: a cross-project reference, refused
    await expectRejected(() => patch(s.id, { project: scrum, status: s.status_id, version: s.version }), 403, {
      _error_message: "You don't have permissions to set this swimlane to this user story.",
      _error_type: "taiga.base.exceptions.PermissionDenied",
    });
    const nextRef = (t.db.prepare("SELECT last_ref FROM ref_sequences WHERE project_id = ?").get(scrum) as { last_ref: number }).last_ref + 1;
    const res = await patch(s.id, { project: scrum, status: s.status_id, swimlane: s.swimlane_id, version: s.version });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { project: number; ref: number; status: number; swimlane: number | null; points: Record<string, number> };
    const mapped = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND slug = ?").get(scrum, status.slug) as { id: number };
    expect(body).toMatchObject({ project: scrum, ref: nextRef, status: mapped.id, swimlane: null });
    const roles = t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND computable = 1").all(scrum) as { id: number }[];
    expect(Object.keys(body.points).map(Number).sort()).toEqual(roles.map((r) => r.id).sort());
  });

  it("an unknown target project is a 400 with a bare message", async () => {
    const s = rows(kanban)[0] as Row;
    await expectRejected(() => patch(s.id, { project: 424242, version: s.version }), 400, "The project doesn't exist");
  });
});

describe("history", () => {
  it("hides order-only entries (a move inside a cell) and lists real changes newest first", async () => {
    const s = rows(kanban)[0] as Row;
    const sameCell = cell(kanban, s.status_id, s.swimlane_id);
    const moved = sameCell.at(-1) as Row;
    const history = async () => (await (await t.request(`/history/userstory/${moved.id}`, { as: "admin" })).json()) as { id: string; diff: Record<string, unknown> }[];
    const past = await history();
    expect(past.length).toBeGreaterThan(0);
    await post("/userstories/bulk_update_kanban_order", {
      project_id: kanban,
      status_id: s.status_id,
      ...(s.swimlane_id ? { swimlane_id: s.swimlane_id } : {}),
      bulk_userstories: [moved.id],
    });
    // the move left no entry: only the story's seeded past
    const entries = await history();
    expect(entries.map((e) => e.id)).toEqual(past.map((e) => e.id));
    await patch(moved.id, { subject: "renamed", version: moved.version });
    await patch(moved.id, { is_blocked: true, blocked_note: "waiting", version: moved.version + 1 });
    const after = await history();
    expect(after.slice(0, 2).map((e) => Object.keys(e.diff).sort())).toEqual([
      ["blocked_note", "blocked_note_html", "is_blocked"],
      ["subject"],
    ]);
    expect(after.length).toBe(entries.length + 2);
  });
});

/**
 * /issues against the recorded real Taiga answers (issues/*, ordering/*, errors/*, history/*):
 * list filters and order, filters_data, detail/by_ref, create defaults, OCC, 403 for values of another
 * project, bulk_create, delete, and bad input that leaves the database unchanged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, kanban: number;
beforeEach(() => ({ t, scrum, kanban } = makeDemoApp()));

interface Issue {
  id: number;
  ref: number;
  subject: string;
  status: number;
  type: number;
  priority: number;
  severity: number;
  assigned_to: number | null;
  owner: number;
  tags: [string, string | null][];
  version: number;
  is_closed: boolean;
  created_date: string;
}

const NULLABLE = ["*.due_date", "*.finished_date", "*.assigned_to", "*.assigned_to_extra_info", "*.milestone", "*.neighbors.previous", "*.neighbors.next", "*.generated_user_stories", "*.tags[]"];
const LIST_SHAPES = () => ["issues/001", "issues/004", "issues/010", "issues/015"].map(recording);
const DETAIL_SHAPES = () => ["issues/018", "issues/019"].map(recording);
const WRITE_SHAPES = () => ["issues/020", "issues/023", "issues/025", "issues/026", "errors/021"].map(recording);

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const all = async (query: string): Promise<Issue[]> => json<Issue[]>(await t.request(`/issues?project=${scrum}${query}`, { as: "admin", headers: { "x-disable-pagination": "1" } }));
const rows = (where = "1 = 1", ...params: unknown[]): { id: number }[] => t.db.prepare(`SELECT id FROM issues WHERE project_id = ? AND ${where} ORDER BY id DESC`).all(scrum, ...params) as { id: number }[];
const valueId = (table: string, offset = 0): number => (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY "order", id LIMIT 1 OFFSET ?`).get(scrum, offset) as { id: number }).id;

async function createIssue(body: Record<string, unknown> = {}, as = "admin"): Promise<Issue> {
  const res = await t.request("/issues", { method: "POST", as, body: { project: scrum, subject: "Recorded issue", ...body } });
  expect(res.status).toBe(201);
  return json<Issue>(res);
}

describe("GET /issues", () => {
  it("lists newest first, paginated (issues/001) or not (issues/002)", async () => {
    const res = await t.request(`/issues?project=${scrum}`, { as: "admin" });
    const page = (await expectLikeRecording(res, recording("issues/001"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Issue[];
    expect(res.headers.get("x-pagination-count")).toBe(String(rows().length));
    expect(page.map((i) => i.id)).toEqual(rows().slice(0, 30).map((r) => r.id));
    const everything = await t.request(`/issues?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } });
    await expectLikeRecording(everything, recording("issues/002"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE });
  });

  it("order_by=-created_date sorts newest first (issues/003)", async () => {
    const res = await t.request(`/issues?project=${scrum}&order_by=-created_date`, { as: "admin", headers: { "x-disable-pagination": "1" } });
    const body = (await expectLikeRecording(res, recording("issues/003"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Issue[];
    const dates = body.map((i) => i.created_date);
    expect(dates).toEqual([...dates].sort().reverse());
    const asc = await all("&order_by=subject");
    expect(asc.map((i) => i.subject)).toEqual([...asc.map((i) => i.subject)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("filters by status, type, severity, priority, assignee, tags, combined and excluded (issues/004-016)", async () => {
    const status = valueId("issue_statuses");
    const status2 = valueId("issue_statuses", 1);
    expect((await all(`&status=${status}`)).map((i) => i.id)).toEqual(rows("status_id = ?", status).map((r) => r.id));
    expect((await all(`&status=${status},${status2}`)).length).toBe(rows("status_id IN (?, ?)", status, status2).length);
    const type = valueId("issue_types");
    expect((await all(`&type=${type}`)).every((i) => i.type === type)).toBe(true);
    const severity = valueId("severities");
    expect((await all(`&severity=${severity}`)).map((i) => i.id)).toEqual(rows("severity_id = ?", severity).map((r) => r.id));
    const priority = valueId("priorities");
    expect((await all(`&priority=${priority}`)).map((i) => i.id)).toEqual(rows("priority_id = ?", priority).map((r) => r.id));
    const unassigned = await t.request(`/issues?project=${scrum}&assigned_to=null`, { as: "admin" });
    const none = (await expectLikeRecording(unassigned, recording("issues/010"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Issue[];
    expect(none.length).toBe(rows("assigned_to_id IS NULL").length);
    expect(none.every((i) => i.assigned_to === null)).toBe(true);
    const bob = t.ids.user("bob");
    expect((await all(`&assigned_to=${bob}`)).every((i) => i.assigned_to === bob)).toBe(true);
    const ux = await all("&tags=ux");
    expect(ux.length).toBe(rows("tags LIKE '%\"ux\"%'").length);
    expect((await all("&tags=ux,api")).length).toBe(rows().length);
    const combined = await all(`&status=${status},${status2}&type=${type}`);
    expect(combined.every((i) => [status, status2].includes(i.status) && i.type === type)).toBe(true);
    const excluded = await all(`&exclude_status=${status}&exclude_type=${type}`);
    expect(excluded.length).toBe(rows("status_id <> ? AND type_id <> ?", status, type).length);
    const open = await all("&status__is_closed=false");
    expect(open.every((i) => !i.is_closed)).toBe(true);
    const owner = t.ids.user("erin");
    expect((await all(`&owner=${owner}`)).every((i) => i.owner === owner)).toBe(true);
  });

  it("q finds issues by subject words (issues/015)", async () => {
    const made = await createIssue({ subject: "Crash when the e-mail has a plus sign" });
    const res = await t.request(`/issues?project=${scrum}&q=plus sign`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("issues/015"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Issue[];
    expect(body.map((i) => i.id)).toEqual([made.id]);
  });

  it("rejects bad filter values with Taiga's 400", async () => {
    const res = await t.request(`/issues?project=${scrum}&status=abc`, { as: "admin" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "Wrong arguments.", _error_type: "taiga.base.exceptions.BadRequest" });
    expect((await t.request(`/issues?project=${scrum}&status__is_closed=maybe`, { as: "admin" })).status).toBe(400);
  });
});

describe("GET /issues/filters_data", () => {
  it("answers every facet with counts; each facet ignores its own filter (issues/017)", async () => {
    const res = await t.request(`/issues/filters_data?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("issues/017"), { nullable: ["*.assigned_to[].id", "*.tags[].color", "*.roles[].color"] })) as Record<string, { id: number; count: number }[]>;
    const total = rows().length;
    for (const key of ["types", "statuses", "priorities", "severities", "assigned_to"]) expect(body[key]?.reduce((n, x) => n + x.count, 0), key).toBe(total);
    const status = valueId("issue_statuses");
    const filtered = (await json<Record<string, { id: number; count: number }[]>>(await t.request(`/issues/filters_data?project=${scrum}&status=${status}`, { as: "admin" })));
    expect(filtered.statuses?.reduce((n, x) => n + x.count, 0)).toBe(total);
    expect(filtered.types?.reduce((n, x) => n + x.count, 0)).toBe(rows("status_id = ?", status).length);
  });
});

describe("GET /issues/{id}, /issues/by_ref", () => {
  it("answers the detail with neighbors in list order (issues/018, issues/019)", async () => {
    const [newest, second] = rows() as [{ id: number }, { id: number }];
    const res = await t.request(`/issues/${second.id}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("issues/018"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Issue & { neighbors: { previous: { id: number } | null } };
    expect(body.neighbors.previous?.id).toBe(newest.id);
    const byRef = await t.request(`/issues/by_ref?ref=${body.ref}&project=${scrum}`, { as: "admin" });
    expect(((await expectLikeRecording(byRef, recording("issues/019"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Issue).id).toBe(second.id);
    const missing = await t.request("/issues/99999", { as: "admin" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ _error_message: "No Issue matches the given query." });
  });
});

describe("POST /issues", () => {
  it("creates with the project's default status, type, priority and severity (issues/020)", async () => {
    const res = await t.request("/issues", { method: "POST", as: "admin", body: { project: scrum, subject: "Recorded issue" } });
    const body = (await expectLikeRecording(res, recording("issues/020"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue;
    const p = t.db.prepare("SELECT default_issue_status_id s, default_issue_type_id t, default_priority_id p, default_severity_id v FROM projects WHERE id = ?").get(scrum) as Record<string, number>;
    expect([body.status, body.type, body.priority, body.severity]).toEqual([p.s, p.t, p.p, p.v]);
    expect(body.version).toBe(1);
  });

  it("a Stakeholder may report issues (errors/021)", async () => {
    const res = await t.request("/issues", { method: "POST", as: "erin", body: { project: scrum, subject: "stakeholder issue" } });
    const body = (await expectLikeRecording(res, recording("errors/021"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue;
    expect(body.owner).toBe(t.ids.user("erin"));
  });

  it("answers Taiga's errors and writes nothing (issues/021, issues/022, values of another project 403)", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/issues", { method: "POST", as: "admin", body: { project: scrum } }), recording("issues/021"), { exactBody: true });
    await expectLikeRecording(await t.request("/issues", { method: "POST", as: "admin", body: { project: scrum, subject: "x", status: 999 } }), recording("issues/022"), { exactBody: true });
    const foreignType = (t.db.prepare("SELECT id FROM issue_types WHERE project_id = ? LIMIT 1").get(kanban) as { id: number }).id;
    const res = await t.request("/issues", { method: "POST", as: "admin", body: { project: scrum, subject: "x", type: foreignType } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ _error_message: "You don't have permissions to set this type to this issue.", _error_type: "taiga.base.exceptions.PermissionDenied" });
    expect((await t.request("/issues", { method: "POST", body: { project: scrum, subject: "x" } })).status).toBe(401);
    expect((await t.request("/issues", { method: "POST", as: "admin", rawBody: "not json" })).status).toBe(400);
    expect(t.snapshot()).toBe(before);
  });
});

describe("PUT/PATCH /issues/{id}", () => {
  it("follows Taiga's OCC (issues/023-025) and answers without an order header", async () => {
    const issue = await createIssue();
    const ok = await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { subject: "Issue edited (v1->v2)", version: 1 } });
    expect(((await expectLikeRecording(ok, recording("issues/023"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue).version).toBe(2);
    expect(ok.headers.get("taiga-info-order-updated")).toBeNull();
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { subject: "Issue stale edit", version: 1 } }), recording("issues/024"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
    const other = await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { description: "Issue: stale edit of another field", version: 1 } });
    expect(((await expectLikeRecording(other, recording("issues/025"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue).version).toBe(3);
    const comment = await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { comment: "Issue comment", version: 1 } });
    await expectLikeRecording(comment, recording("history/023"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE });
    const history = (await json<{ comment: string; diff: Record<string, unknown> }[]>(await t.request(`/history/issue/${issue.id}`, { as: "admin" })));
    expect(history.map((h) => h.comment)).toEqual(["Issue comment", "", ""]);
    expect(Object.keys(history[1]?.diff ?? {}).sort()).toEqual(["description", "description_html"]);
  });

  it("PUT replaces the issue (issues/026); closing sets finished_date", async () => {
    const issue = await createIssue();
    const closed = (t.db.prepare("SELECT id FROM issue_statuses WHERE project_id = ? AND is_closed = 1 LIMIT 1").get(scrum) as { id: number }).id;
    const res = await t.request(`/issues/${issue.id}`, {
      method: "PUT",
      as: "admin",
      body: { project: scrum, subject: "Recorded issue (PUT)", description: "Replaced by PUT", status: closed, type: valueId("issue_types", 1), priority: valueId("priorities", 1), severity: valueId("severities", 2), assigned_to: null, milestone: null, tags: ["put"], is_blocked: false, blocked_note: "", version: 1 },
    });
    const body = (await expectLikeRecording(res, recording("issues/026"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue & { finished_date: string | null };
    expect(body.tags).toEqual([["put", null]]);
    expect(body.is_closed).toBe(true);
    expect(body.finished_date).not.toBeNull();
  });

  it("a value of another project answers 403 and changes nothing", async () => {
    const issue = await createIssue();
    const before = t.snapshot();
    const foreignStatus = (t.db.prepare("SELECT id FROM issue_statuses WHERE project_id = ? LIMIT 1").get(kanban) as { id: number }).id;
    const res = await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { status: foreignStatus, version: 1 } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ _error_message: "You don't have permissions to set this status to this issue.", _error_type: "taiga.base.exceptions.PermissionDenied" });
    expect(t.snapshot()).toBe(before);
  });
});

describe("bulk_create and DELETE", () => {
  it("bulk_create makes one issue per line (ordering/070) and requires bulk_issues (ordering/071)", async () => {
    const res = await t.request("/issues/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, bulk_issues: "Bulk issue A\nBulk issue B" } });
    const body = (await expectLikeRecording(res, recording("ordering/070"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Issue[];
    expect(body.map((i) => i.subject)).toEqual(["Bulk issue A", "Bulk issue B"]);
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/issues/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum } }), recording("ordering/071"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("DELETE answers 204 (issues/034); a Stakeholder may delete issues, a non-member of a private project may not see them", async () => {
    const issue = await createIssue();
    await expectLikeRecording(await t.request(`/issues/${issue.id}`, { method: "DELETE", as: "admin" }), recording("issues/034"));
    expect((await t.request(`/issues/${issue.id}`, { as: "admin" })).status).toBe(404);
    const mine = await createIssue({}, "erin");
    expect((await t.request(`/issues/${mine.id}`, { method: "DELETE", as: "erin" })).status).toBe(204);
  });
});

/**
 * /search and /resolver against the recorded real Taiga answers (search/*, resolver/*): groups by
 * permission, Taiga's prefix matching, refs and slugs resolved to ids, and the recorded errors.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Hit {
  id: number;
  ref?: number;
  subject?: string;
  slug?: string;
}
type Result = { epics?: Hit[]; userstories?: Hit[]; tasks?: Hit[]; issues?: Hit[]; wikipages?: Hit[]; count: number };

const NULLABLE = ["*.assigned_to", "*.milestone_name", "*.milestone_slug", "*.total_points"];
const SHAPES = () => ["search/001", "search/002", "search/003", "search/004", "search/007"].map(recording);
const refOf = (table: string, where: string, ...params: unknown[]): { id: number; ref: number } =>
  t.db.prepare(`SELECT id, ref FROM ${table} WHERE project_id = ? AND ${where} ORDER BY id LIMIT 1`).get(scrum, ...params) as { id: number; ref: number };

describe("GET /search", () => {
  it("finds stories, tasks, epics and issues by word prefix, counting every hit (search/001)", async () => {
    const res = await t.request(`/search?project=${scrum}&text=sprin`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("search/001"), { alsoShapes: SHAPES(), nullable: NULLABLE })) as Result;
    expect(body.epics?.map((e) => e.subject)).toEqual(["Sprint planning"]);
    expect(body.userstories?.map((s) => s.subject)).toContain("Plan a sprint from the backlog");
    expect(body.userstories?.every((s) => /sprin/i.test(s.subject ?? ""))).toBe(true);
    expect(body.tasks?.length).toBeGreaterThan(0);
    expect(body.count).toBe(["epics", "userstories", "tasks", "issues", "wikipages"].reduce((n, k) => n + ((body as unknown as Record<string, Hit[]>)[k]?.length ?? 0), 0));
  });

  it("ANDs the words and ranks subject matches first; a number matches ref prefixes (search/002, 003)", async () => {
    const both = (await (await t.request(`/search?project=${scrum}&text=plan%20backlog`, { as: "admin" })).json()) as Result;
    expect(both.userstories?.map((s) => s.subject)).toContain("Plan a sprint from the backlog");
    for (const hit of both.userstories ?? []) {
      const row = t.db.prepare("SELECT subject, description, tags FROM userstories WHERE id = ?").get(hit.id) as { subject: string; description: string; tags: string };
      const text = `${row.subject} ${row.description} ${row.tags}`.toLowerCase();
      expect(/\bplan/.test(text) && /\bbacklog/.test(text), row.subject).toBe(true);
    }
    const subjectHits = (both.userstories ?? []).map((s) => /\bplan/i.test(s.subject ?? "") && /\bbacklog/i.test(s.subject ?? ""));
    expect(subjectHits.indexOf(false) === -1 || subjectHits.lastIndexOf(true) < subjectHits.indexOf(false)).toBe(true); // subject matches rank first
    const story = refOf("userstories", "milestone_id IS NULL");
    const res = await t.request(`/search?project=${scrum}&text=${story.ref}`, { as: "admin" });
    const byRef = (await expectLikeRecording(res, recording("search/003"), { alsoShapes: SHAPES(), nullable: NULLABLE })) as Result;
    const all = [...(byRef.userstories ?? []), ...(byRef.tasks ?? []), ...(byRef.issues ?? []), ...(byRef.epics ?? [])];
    expect(all.map((h) => h.id)).toContain(story.id);
    expect(all.every((h) => String(h.ref).startsWith(String(story.ref)) || (h.subject ?? "").includes(String(story.ref)))).toBe(true);
  });

  it("an empty text lists every item, wiki pages included (search/004)", async () => {
    const res = await t.request(`/search?project=${scrum}&text=`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("search/004"), { alsoShapes: SHAPES(), nullable: NULLABLE })) as Result;
    const count = (table: string): number => (t.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE project_id = ?`).get(scrum) as { n: number }).n;
    expect(body.epics).toHaveLength(count("epics"));
    expect(body.wikipages).toHaveLength(count("wiki_pages"));
    expect(body.issues?.[0]?.id).toBe(Math.max(...(body.issues ?? []).map((i) => i.id))); // issues newest first
  });

  it("searches wiki pages by slug and content", async () => {
    const body = (await (await t.request(`/search?project=${scrum}&text=stand-up`, { as: "admin" })).json()) as Result;
    expect(body.wikipages?.map((w) => w.slug)).toEqual(["team-agreements"]);
  });

  it("needs a project: 404 with an empty message, 401 for anonymous callers (search/005)", async () => {
    await expectLikeRecording(await t.request("/search?text=bulk", { as: "admin" }), recording("search/005"), { exactBody: true });
    expect((await t.request("/search?project=abc&text=x", { as: "admin" })).status).toBe(404);
    expect((await t.request("/search?project=99999&text=x")).status).toBe(401);
  });

  it("answers only the groups the caller may see: a private project is {count: 0} to outsiders (search/006, 007)", async () => {
    await expectLikeRecording(await t.request(`/search?project=${secret}&text=enterprise`), recording("search/006"), { exactBody: true });
    expect(await (await t.request(`/search?project=${secret}&text=enterprise`, { as: "bob" })).json()).toEqual({ count: 0 });
    const member = (await (await t.request(`/search?project=${secret}&text=enterprise`, { as: "alice" })).json()) as Result;
    expect(member.userstories?.map((s) => s.subject)).toEqual(["Enter the enterprise market"]);
    const anonymous = await t.request(`/search?project=${scrum}&text=sprint`);
    expect(((await expectLikeRecording(anonymous, recording("search/007"), { alsoShapes: SHAPES(), nullable: NULLABLE })) as Result).count).toBeGreaterThan(0);
  });
});

describe("GET /resolver", () => {
  it("answers the project id alone and each kind by ref or slug (resolver/001-008)", async () => {
    await expectLikeRecording(await t.request("/resolver?project=demo-scrum", { as: "admin" }), recording("resolver/001"), { exactBody: false });
    expect(await (await t.request("/resolver?project=demo-scrum", { as: "admin" })).json()).toEqual({ project: scrum });
    const story = refOf("userstories", "1 = 1");
    const task = refOf("tasks", "1 = 1");
    const issue = refOf("issues", "1 = 1");
    const epic = refOf("epics", "1 = 1");
    const sprint = t.db.prepare("SELECT id, slug FROM milestones WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number; slug: string };
    const page = t.db.prepare("SELECT id FROM wiki_pages WHERE project_id = ? AND slug = 'home'").get(scrum) as { id: number };
    const cases: [string, string, Record<string, number>][] = [
      ["resolver/002", `us=${story.ref}`, { us: story.id }],
      ["resolver/003", `task=${task.ref}`, { task: task.id }],
      ["resolver/004", `issue=${issue.ref}`, { issue: issue.id }],
      ["resolver/005", `epic=${epic.ref}`, { epic: epic.id }],
      ["resolver/006", `milestone=${sprint.slug}`, { milestone: sprint.id }],
      ["resolver/007", "wikipage=home", { wikipage: page.id }],
      ["resolver/008", `us=${story.ref}&task=${task.ref}&issue=${issue.ref}`, { us: story.id, task: task.id, issue: issue.id }],
    ];
    for (const [rec, query, expected] of cases) {
      const res = await t.request(`/resolver?project=demo-scrum&${query}`, { as: "admin" });
      expect(await expectLikeRecording(res, recording(rec)), query).toEqual({ project: scrum, ...expected });
    }
  });

  it("resolves a bare ref as epic, story, task or issue, a non-number as a wiki slug, nothing as the project alone (resolver/009-014)", async () => {
    for (const [rec, table, key] of [
      ["resolver/009", "userstories", "us"],
      ["resolver/010", "tasks", "task"],
      ["resolver/011", "issues", "issue"],
      ["resolver/012", "epics", "epic"],
    ] as const) {
      const item = refOf(table, "1 = 1");
      const res = await t.request(`/resolver?project=demo-scrum&ref=${item.ref}`, { as: "admin" });
      expect(await expectLikeRecording(res, recording(rec))).toEqual({ project: scrum, [key]: item.id });
    }
    const page = t.db.prepare("SELECT id FROM wiki_pages WHERE project_id = ? AND slug = 'home'").get(scrum) as { id: number };
    expect(await expectLikeRecording(await t.request("/resolver?project=demo-scrum&ref=home", { as: "admin" }), recording("resolver/013"))).toEqual({ project: scrum, wikipage: page.id });
    await expectLikeRecording(await t.request("/resolver?project=demo-scrum&ref=9999", { as: "admin" }), recording("resolver/014"));
    expect(await (await t.request("/resolver?project=demo-scrum&ref=9999", { as: "admin" })).json()).toEqual({ project: scrum });
  });

  it("answers the recorded errors (resolver/015-018)", async () => {
    await expectLikeRecording(await t.request("/resolver?project=demo-scrum&us=9999", { as: "admin" }), recording("resolver/015"), { exactBody: true });
    await expectLikeRecording(await t.request("/resolver?project=nope", { as: "admin" }), recording("resolver/016"), { exactBody: true });
    await expectLikeRecording(await t.request("/resolver?us=5", { as: "admin" }), recording("resolver/017"), { exactBody: true });
    await expectLikeRecording(await t.request("/resolver?project=secret-roadmap&us=1"), recording("resolver/018"), { exactBody: true });
    expect((await t.request("/resolver?project=secret-roadmap&us=1", { as: "bob" })).status).toBe(403);
    const both = await t.request("/resolver?project=demo-scrum&ref=1&us=1", { as: "admin" });
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({ non_field_errors: ["'us' param is incompatible with 'ref' in the same request"] });
    expect(await (await t.request("/resolver?project=demo-scrum&us=abc", { as: "admin" })).json()).toEqual({ us: ["Enter a whole number."] });
  });

  it("a kind the caller may not view is left out, not an error", async () => {
    t.db.prepare("UPDATE projects SET anon_permissions = '[\"view_project\"]' WHERE id = ?").run(scrum);
    const story = refOf("userstories", "1 = 1");
    expect(await (await t.request(`/resolver?project=demo-scrum&us=${story.ref}`)).json()).toEqual({ project: scrum });
  });
});

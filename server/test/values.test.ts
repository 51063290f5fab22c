/** Fidelity of memberships, roles, statuses, points, priorities, severities, issue types, swimlanes, users. */
import { beforeAll, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
let kanban: number;
let scrum: number;
let secret: number;
beforeAll(() => {
  t = makeTestApp();
  kanban = t.ids.project("demo-kanban");
  scrum = t.ids.project("demo-scrum");
  secret = t.ids.project("secret-roadmap");
});

const firstId = (db: TestApp["db"], table: string, projectId: number): number =>
  (db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY "order", id LIMIT 1`).get(projectId) as { id: number }).id;

describe("memberships", () => {
  it("lists a project's memberships, paginated, with e-mails for admins (memberships/001, 002)", async () => {
    const body = (await expectLikeRecording(await t.request(`/memberships?project=${scrum}`, { as: "admin" }), recording("memberships/001"))) as { user_email: string }[];
    expect(body).toHaveLength(7);
    expect(body.map((m) => m.user_email)).toContain("alice@taiga.demo");
    await expectLikeRecording(await t.request(`/memberships?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } }), recording("memberships/002"));
  });

  it("hides e-mails from non-admin members (memberships/003)", async () => {
    const body = (await expectLikeRecording(
      await t.request(`/memberships?project=${scrum}`, { as: "bob", headers: { "x-disable-pagination": "True" } }),
      recording("memberships/003"),
    )) as Record<string, unknown>[];
    expect(body[0]).not.toHaveProperty("email");
  });

  it("answers one membership (memberships/004) and hides private ones", async () => {
    const id = (t.db.prepare("SELECT id FROM memberships WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    await expectLikeRecording(await t.request(`/memberships/${id}`, { as: "admin" }), recording("memberships/004"));
    const hidden = (t.db.prepare("SELECT id FROM memberships WHERE project_id = ? LIMIT 1").get(secret) as { id: number }).id;
    expect((await t.request(`/memberships/${hidden}`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/memberships/${hidden}`)).status).toBe(401);
    const anonList = (await (await t.request(`/memberships?project=${secret}`)).json()) as unknown[];
    expect(anonList).toEqual([]);
  });

  it("lists the users of a project (memberships/019) and one user (misc/001)", async () => {
    await expectLikeRecording(await t.request(`/users?project=${scrum}`, { as: "admin" }), recording("memberships/019"));
    await expectLikeRecording(await t.request(`/users/${t.ids.user("alice")}`, { as: "admin" }), recording("misc/001"));
  });
});

describe("roles", () => {
  it("lists and gets roles (roles/001-003)", async () => {
    const body = (await expectLikeRecording(await t.request(`/roles?project=${scrum}`, { as: "admin" }), recording("roles/001"))) as { name: string; computable: boolean; permissions: string[] }[];
    expect(body.map((r) => r.name)).toEqual(["UX", "Design", "Front", "Back", "Product Owner", "Stakeholder"]);
    expect(body.find((r) => r.name === "Product Owner")?.computable).toBe(false);
    expect(body.find((r) => r.name === "Stakeholder")?.permissions).not.toContain("modify_us");
    await expectLikeRecording(await t.request(`/roles?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "True" } }), recording("roles/002"));
    await expectLikeRecording(await t.request(`/roles/${firstId(t.db, "roles", scrum)}`, { as: "admin" }), recording("roles/003"));
  });
});

const VALUE_CASES = [
  { path: "userstory-statuses", table: "userstory_statuses", recs: ["statuses/001", "statuses/002", "statuses/003"], count: 6 },
  { path: "task-statuses", table: "task_statuses", recs: ["statuses/012", "statuses/013", "statuses/014"], count: 5 },
  { path: "issue-statuses", table: "issue_statuses", recs: ["statuses/021", "statuses/022", "statuses/023"], count: 7 },
  { path: "issue-types", table: "issue_types", recs: ["statuses/030", "statuses/031", "statuses/032"], count: 3 },
  { path: "priorities", table: "priorities", recs: ["statuses/039", "statuses/040", "statuses/041"], count: 3 },
  { path: "severities", table: "severities", recs: ["statuses/048", "statuses/049", "statuses/050"], count: 5 },
  { path: "points", table: "points", recs: ["statuses/057", "statuses/058", "statuses/059"], count: 12 },
  { path: "epic-statuses", table: "epic_statuses", recs: ["statuses/078", "statuses/079", "statuses/080"], count: 5 },
] as const;

describe.each(VALUE_CASES)("/$path", ({ path, table, recs, count }) => {
  it("lists paginated, lists all, and gets one like Taiga", async () => {
    const [paged, all, one] = recs;
    const res = await t.request(`/${path}?project=${kanban}`, { as: "admin" });
    expect(res.headers.get("x-pagination-count")).toBe(String(count));
    await expectLikeRecording(res, recording(paged), { nullable: ["*.wip_limit"] });
    const body = (await expectLikeRecording(await t.request(`/${path}?project=${kanban}`, { as: "admin", headers: { "x-disable-pagination": "True" } }), recording(all), {
      nullable: ["*.wip_limit"],
    })) as { project: number; order: number }[];
    expect(body).toHaveLength(count);
    expect(body.every((r) => r.project === kanban)).toBe(true);
    expect(body.map((r) => r.order)).toEqual([...body.map((r) => r.order)].sort((a, b) => a - b));
    await expectLikeRecording(await t.request(`/${path}/${firstId(t.db, table, kanban)}`, { as: "admin" }), recording(one), { nullable: ["*.wip_limit"] });
  });

  it("hides the private project's rows from outsiders", async () => {
    const rows = (await (await t.request(`/${path}?project=${secret}`, { as: "frank" })).json()) as unknown[];
    expect(rows).toEqual([]);
    expect((await t.request(`/${path}/${firstId(t.db, table, secret)}`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/${path}/${firstId(t.db, table, secret)}`)).status).toBe(401);
    expect((await t.request(`/${path}/999999`)).status).toBe(404);
  });
});

describe("swimlanes", () => {
  it("lists swimlanes with per-status WIP rows (statuses/066-068) and the WIP rows list (statuses/087)", async () => {
    const body = (await expectLikeRecording(await t.request(`/swimlanes?project=${kanban}`, { as: "admin" }), recording("statuses/066"))) as {
      name: string;
      statuses: { name: string; wip_limit: number }[];
    }[];
    expect(body.map((s) => s.name)).toEqual(["Platform", "Mobile", "Web"]);
    expect(body[0]?.statuses.find((s) => s.name === "In progress")?.wip_limit).toBe(4);
    await expectLikeRecording(await t.request(`/swimlanes?project=${kanban}`, { as: "admin", headers: { "x-disable-pagination": "True" } }), recording("statuses/067"));
    const lane = firstId(t.db, "swimlanes", kanban);
    await expectLikeRecording(await t.request(`/swimlanes/${lane}`, { as: "admin" }), recording("statuses/068"));
    const wip = await t.request(`/swimlane-userstory-statuses?swimlane=${lane}`, { as: "admin" });
    expect(wip.headers.get("x-pagination-count")).toBe("6");
    await expectLikeRecording(wip, { ...recording("statuses/087"), response: { ...recording("statuses/087").response, headers: withoutNext(recording("statuses/087").response.headers) } });
  });
});

function withoutNext(h: Record<string, string>): Record<string, string> {
  const out = { ...h };
  delete out["x-pagination-next"];
  return out;
}

/** Fidelity of the project endpoints (projects/001-009, errors/001, errors/028) on the demo data. */
import { beforeAll, describe, expect, it } from "vitest";
import { expectLikeRecording, type LikeOptions } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});

// blocked_code: null in the recordings, a string for the demo's blocked project (as for project-7 on a real Taiga)
const LIST: LikeOptions = { dynamicKeys: ["$[].tags_colors"], nullable: ["$[].total_story_points", "$[].total_milestones", "$[].default_swimlane", "$[].notify_level", "$[].blocked_code"] };
const DETAIL: LikeOptions = {
  dynamicKeys: ["$.tags_colors"],
  nullable: ["*.wip_limit", "*_custom_attributes", "$.default_swimlane", "$.total_story_points", "$.swimlanes", "$.total_milestones"],
};
const slugs = (body: unknown): string[] => (body as { slug: string }[]).map((p) => p.slug);

describe("GET /projects", () => {
  it("is paginated and shaped like Taiga's list (projects/001)", async () => {
    const body = await expectLikeRecording(await t.request("/projects", { as: "admin" }), recording("projects/001"), LIST);
    expect(slugs(body)).toEqual(["demo-kanban", "demo-scrum", "legacy-archive", "secret-roadmap"]);
  });

  it("returns everything without pagination headers with x-disable-pagination (projects/002)", async () => {
    await expectLikeRecording(await t.request("/projects", { as: "admin", headers: { "x-disable-pagination": "True" } }), recording("projects/002"), LIST);
  });

  it("shows anonymous callers only public projects (projects/003)", async () => {
    const body = await expectLikeRecording(await t.request("/projects"), recording("projects/003"), LIST);
    expect(slugs(body)).toEqual(["demo-kanban", "demo-scrum", "legacy-archive"]);
  });

  it("filters by member (projects/004) and keeps the private project from non-members", async () => {
    const frank = t.ids.user("frank");
    const body = await expectLikeRecording(await t.request(`/projects?member=${frank}`, { as: "admin" }), recording("projects/004"), LIST);
    expect(slugs(body)).toEqual(["demo-kanban", "demo-scrum"]);
    const asFrank = await (await t.request("/projects", { as: "frank" })).json();
    expect(slugs(asFrank)).not.toContain("secret-roadmap");
    const asAlice = await (await t.request(`/projects?member=${t.ids.user("alice")}`, { as: "alice" })).json();
    expect(slugs(asAlice)).toContain("secret-roadmap");
  });

  it("answers the slight shape with slight=true (projects/005)", async () => {
    await expectLikeRecording(await t.request("/projects?slight=true", { as: "admin" }), recording("projects/005"), LIST);
  });

  it("orders by the caller's membership order with order_by=user_order", async () => {
    const alice = t.ids.user("alice");
    t.db.prepare("UPDATE memberships SET user_order = ? WHERE user_id = ? AND project_id = ?").run(0, alice, t.ids.project("secret-roadmap"));
    const body = await (await t.request(`/projects?member=${alice}&order_by=user_order`, { as: "alice" })).json();
    expect(slugs(body)[0]).toBe("secret-roadmap");
  });

  it("rejects a non-integer member filter like Taiga", async () => {
    const res = await t.request("/projects?member=abc", { as: "admin" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "'member' must be an integer value.", _error_type: "taiga.base.exceptions.BadRequest" });
  });
});

describe("GET /projects/{id} and by_slug", () => {
  it("answers the full detail with embedded rows (projects/006)", async () => {
    const body = (await expectLikeRecording(await t.request(`/projects/${t.ids.project("demo-kanban")}`, { as: "admin" }), recording("projects/006"), DETAIL)) as Record<string, unknown>;
    expect(body["i_am_admin"]).toBe(true);
    expect(body["is_kanban_activated"]).toBe(true);
    expect(body["is_backlog_activated"]).toBe(false);
    const statuses = body["us_statuses"] as { name: string; wip_limit: number | null; is_archived: boolean; project_id: number }[];
    expect(statuses.find((s) => s.name === "In progress")?.wip_limit).toBe(4);
    expect(statuses.find((s) => s.name === "Archived")?.is_archived).toBe(true);
    expect((body["swimlanes"] as { name: string }[]).map((s) => s.name)).toEqual(["Platform", "Mobile", "Web"]);
  });

  it("answers the private project to a member (projects/007) and by slug (projects/008)", async () => {
    const id = t.ids.project("secret-roadmap");
    await expectLikeRecording(await t.request(`/projects/${id}`, { as: "admin" }), recording("projects/007"), { ...DETAIL, nullable: [...(DETAIL.nullable ?? []), "$.milestones"] });
    const body = (await expectLikeRecording(await t.request("/projects/by_slug?slug=secret-roadmap", { as: "alice" }), recording("projects/008"), {
      ...DETAIL,
      nullable: [...(DETAIL.nullable ?? []), "$.milestones"],
    })) as Record<string, unknown>;
    expect(body["i_am_owner"]).toBe(true);
  });

  it("shows the scrum project's sprints and no swimlanes (null, not [])", async () => {
    const body = (await (await t.request("/projects/by_slug?slug=demo-scrum", { as: "bob" })).json()) as Record<string, unknown>;
    expect(body["swimlanes"]).toBeNull();
    expect((body["milestones"] as { name: string; closed: boolean }[]).map((m) => [m.name, m.closed])).toEqual([
      ["Sprint 1", true],
      ["Sprint 2", false],
      ["Sprint 3", false],
    ]);
    expect(body["i_am_admin"]).toBe(false);
    expect(body["my_permissions"]).toContain("modify_us");
    expect(body).not.toHaveProperty("transfer_token");
  });

  it("answers 404 for an unknown slug (projects/009) or id (errors/028), 404 for a non-numeric id", async () => {
    await expectLikeRecording(await t.request("/projects/by_slug?slug=nope", { as: "admin" }), recording("projects/009"), { exactBody: true });
    await expectLikeRecording(await t.request("/projects/99999", { as: "admin" }), recording("errors/028"), { exactBody: true });
    await expectLikeRecording(await t.request("/projects/abc", { as: "admin" }), recording("errors/029"), { exactBody: true });
  });

  it("answers 403 by id to a logged-in non-member of a private project (errors/001), and 404 by slug as for no project", async () => {
    await expectLikeRecording(await t.request(`/projects/${t.ids.project("secret-roadmap")}`, { as: "frank" }), recording("errors/001"), { exactBody: true });
    // taiga-back's by_slug filters the lookup by what the caller may see: a real Taiga answers
    // `GET /projects/by_slug?slug=project-3` for a non-member with 404 {"_error_message": ""},
    // exactly as for an unknown slug (projects/009).
    await expectLikeRecording(await t.request("/projects/by_slug?slug=secret-roadmap", { as: "frank" }), recording("projects/009"), { exactBody: true });
  });
});

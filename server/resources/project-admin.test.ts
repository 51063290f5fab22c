/**
 * Project actions against the recorded real Taiga answers (projects/020-065, project-templates/*):
 * modules, issue and member stats, tag administration, logo, templates (CRUD and from a project),
 * duplicate and the ownership transfer.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording, type LikeOptions } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, kanban: number, secret: number;
beforeEach(() => ({ t, scrum, kanban, secret } = makeDemoApp()));

const DETAIL: LikeOptions = { dynamicKeys: ["$.tags_colors"], nullable: ["*.wip_limit", "*_custom_attributes", "$.creation_template", "$.swimlanes", "$.default_swimlane", "$.logo_small_url", "$.logo_big_url", "$.transfer_token"] };
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const PNG: Uint8Array<ArrayBuffer> = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));

/** Sends a multipart body built by the platform's FormData to an app on the same database. */
async function upload(path: string, field: string, name: string, data: Uint8Array<ArrayBuffer>, type: string, as = "admin"): Promise<Response> {
  const form = new FormData();
  form.append(field, new File([data], name, { type }));
  return createApp({ db: t.db, secret: "test-secret" }).request(`/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${await t.login(as)}` }, body: form });
}

describe("GET/PATCH /projects/{id}/modules", () => {
  it("generates the integrations once, keeps them, and PATCH replaces an entry (projects/020-022)", async () => {
    const first = await expectLikeRecording(await t.request(`/projects/${scrum}/modules`, { as: "admin" }), recording("projects/020"), { alsoShapes: [recording("projects/022")] });
    const again = await json<Record<string, { secret: string; webhooks_url: string; close_status?: number }>>(await t.request(`/projects/${scrum}/modules`, { as: "admin" }));
    const firstConfig = first as typeof again;
    expect(again.github?.secret).toBe(firstConfig.github?.secret);
    expect(again.gitlab?.webhooks_url).toBe(`http://localhost/api/v1/gitlab-hook?project=${scrum}&key=${firstConfig.gitlab?.secret}`);
    const closed = t.db.prepare(`SELECT id FROM issue_statuses WHERE project_id = ? AND is_closed = 1 ORDER BY "order" LIMIT 1`).get(scrum) as { id: number };
    expect(again.github?.close_status).toBe(closed.id);
    await expectLikeRecording(await t.request(`/projects/${scrum}/modules`, { method: "PATCH", as: "admin", body: { github: { secret: "recorded-secret" } } }), recording("projects/021"));
    const after = await t.request(`/projects/${scrum}/modules`, { as: "admin" });
    const body = (await expectLikeRecording(after, recording("projects/022"), { alsoShapes: [recording("projects/020")] })) as typeof again;
    expect(Object.keys(body)).toEqual(["gogs", "github", "gitlab", "bitbucket"]);
    expect(body.github).toMatchObject({ secret: "recorded-secret", close_status: closed.id });
  });

  it("is for project admins only", async () => {
    expect((await t.request(`/projects/${scrum}/modules`, { as: "bob" })).status).toBe(403);
    expect((await t.request(`/projects/${scrum}/modules`)).status).toBe(401);
    const before = t.snapshot();
    expect((await t.request(`/projects/${scrum}/modules`, { method: "PATCH", as: "bob", body: { github: {} } })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
  });
});

describe("stats", () => {
  it("issues_stats counts per type, status, priority, severity and person, with 28-day series (projects/025)", async () => {
    const res = await t.request(`/projects/${scrum}/issues_stats`, { as: "admin" });
    const dyn = ["issues_per_type", "issues_per_status", "issues_per_priority", "issues_per_severity", "issues_per_owner", "issues_per_assigned_to", "last_four_weeks_days.by_severity", "last_four_weeks_days.by_priority"].map((k) => `$.${k}`);
    const body = (await expectLikeRecording(res, recording("projects/025"), { dynamicKeys: dyn })) as {
      total_issues: number;
      opened_issues: number;
      closed_issues: number;
      issues_per_status: Record<string, { count: number }>;
      last_four_weeks_days: { by_open_closed: { open: number[] }; by_severity: Record<string, { data: number[] }> };
    };
    const total = (t.db.prepare("SELECT COUNT(*) AS n FROM issues WHERE project_id = ?").get(scrum) as { n: number }).n;
    expect(body.total_issues).toBe(total);
    expect(body.opened_issues + body.closed_issues).toBe(total);
    expect(Object.values(body.issues_per_status).reduce((n, s) => n + s.count, 0)).toBe(total);
    expect(body.last_four_weeks_days.by_open_closed.open).toHaveLength(28);
    for (const s of Object.values(body.last_four_weeks_days.by_severity)) expect(s.data).toHaveLength(28);
  });

  it("member_stats has a counter per member (projects/024)", async () => {
    const res = await t.request(`/projects/${scrum}/member_stats`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("projects/024"), { dynamicKeys: ["$.closed_bugs", "$.iocaine_tasks", "$.wiki_changes", "$.created_bugs", "$.closed_tasks"] })) as Record<string, Record<string, number>>;
    const members = (t.db.prepare("SELECT user_id FROM memberships WHERE project_id = ?").all(scrum) as { user_id: number }[]).map((m) => String(m.user_id)).sort();
    expect(Object.keys(body.created_bugs ?? {}).filter((k) => k !== "null").sort()).toEqual(members);
    const created = (t.db.prepare("SELECT COUNT(*) AS n FROM issues WHERE project_id = ? AND owner_id = ?").get(scrum, t.ids.user("erin")) as { n: number }).n;
    expect(body.created_bugs?.[String(t.ids.user("erin"))]).toBe(created);
    expect(body.wiki_changes?.[String(t.ids.user("admin"))]).toBeGreaterThan(0);
    expect((await t.request(`/projects/${secret}/member_stats`, { as: "bob" })).status).toBe(403);
  });
});

describe("tag administration", () => {
  it("creates, renames (inside the items too), mixes and deletes tags (projects/027-038)", async () => {
    await expectLikeRecording(await t.request(`/projects/${scrum}/create_tag`, { method: "POST", as: "admin", body: { tag: "recorded-tag", color: "#fc8eac" } }), recording("projects/027"));
    await expectLikeRecording(await t.request(`/projects/${scrum}/create_tag`, { method: "POST", as: "admin", body: { tag: "recorded-tag", color: "#fc8eac" } }), recording("projects/028"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/create_tag`, { method: "POST", as: "admin", body: { tag: "recorded-tag-2", color: "red" } }), recording("projects/029"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/create_tag`, { method: "POST", as: "admin", body: { tag: "recorded-tag-2" } }), recording("projects/030"));
    await expectLikeRecording(await t.request(`/projects/${scrum}/edit_tag`, { method: "POST", as: "admin", body: { from_tag: "recorded-tag", to_tag: "recorded-tag-renamed", color: "#aabbcc" } }), recording("projects/031"));
    await expectLikeRecording(await t.request(`/projects/${scrum}/edit_tag`, { method: "POST", as: "admin", body: { from_tag: "no-such-tag", to_tag: "x" } }), recording("projects/032"), { exactBody: true });

    // a tag used by items is renamed inside them (projects/033, 034)
    const issue = t.db.prepare("SELECT id FROM issues WHERE project_id = ? AND tags LIKE '%\"ux\"%' LIMIT 1").get(scrum) as { id: number };
    await expectLikeRecording(await t.request(`/projects/${scrum}/edit_tag`, { method: "POST", as: "admin", body: { from_tag: "ux", to_tag: "ux-renamed" } }), recording("projects/033"));
    const tags = (await json<{ tags: [string, string | null][] }>(await t.request(`/issues/${issue.id}`, { as: "admin" }))).tags;
    expect(tags).toContainEqual(["ux-renamed", "#40E4CE"]);
    expect(tags.map(([n]) => n)).not.toContain("ux");

    await expectLikeRecording(await t.request(`/projects/${scrum}/mix_tags`, { method: "POST", as: "admin", body: { from_tags: ["recorded-tag-2", "recorded-tag-renamed"], to_tag: "ux-renamed" } }), recording("projects/035"));
    const colors = await json<Record<string, string | null>>(await t.request(`/projects/${scrum}/tags_colors`, { as: "admin" }));
    expect(colors).toHaveProperty("ux-renamed", "#40E4CE");
    expect(colors).not.toHaveProperty("recorded-tag-2");
    expect(colors).not.toHaveProperty("recorded-tag-renamed");

    await expectLikeRecording(await t.request(`/projects/${scrum}/delete_tag`, { method: "POST", as: "admin", body: { tag: "ux-renamed" } }), recording("projects/037"));
    await expectLikeRecording(await t.request(`/projects/${scrum}/delete_tag`, { method: "POST", as: "admin", body: { tag: "no-such-tag" } }), recording("projects/038"), { exactBody: true });
    const everywhere = t.db.prepare("SELECT COUNT(*) AS n FROM issues WHERE project_id = ? AND tags LIKE '%ux-renamed%'").get(scrum) as { n: number };
    expect(everywhere.n).toBe(0);
  });

  it("is for project admins; a blocked project answers 451", async () => {
    const before = t.snapshot();
    expect((await t.request(`/projects/${scrum}/create_tag`, { method: "POST", as: "bob", body: { tag: "x" } })).status).toBe(403);
    t.db.prepare("UPDATE projects SET blocked_code = 'x' WHERE id = ?").run(kanban);
    expect((await t.request(`/projects/${kanban}/delete_tag`, { method: "POST", as: "admin", body: { tag: "api" } })).status).toBe(451);
    t.db.prepare("UPDATE projects SET blocked_code = NULL WHERE id = ?").run(kanban);
    expect(t.snapshot()).toBe(before);
  });
});

describe("logo", () => {
  it("change_logo stores an image and answers the detail; remove_logo drops it (projects/052-055)", async () => {
    const res = await upload(`/projects/${scrum}/change_logo`, "logo", "logo.png", PNG, "image/png");
    const body = (await expectLikeRecording(res, recording("projects/052"), DETAIL)) as { logo_small_url: string };
    expect(body.logo_small_url).toMatch(/^\/media\/project\/.+\/logo\.png$/);
    const served = await createApp({ db: t.db, secret: "test-secret" }).request(body.logo_small_url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    await expectLikeRecording(await upload(`/projects/${scrum}/change_logo`, "logo", "bad.png", new TextEncoder().encode("not an image"), "image/png"), recording("projects/053"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/change_logo`, { method: "POST", as: "admin", body: {} }), recording("projects/054"), { exactBody: true });
    const removed = await t.request(`/projects/${scrum}/remove_logo`, { method: "POST", as: "admin" });
    expect(((await expectLikeRecording(removed, recording("projects/055"), DETAIL)) as { logo_small_url: string | null }).logo_small_url).toBeNull();
    expect((await createApp({ db: t.db, secret: "test-secret" }).request(body.logo_small_url)).status).toBe(404); // the file went with it
    expect((await t.request(`/projects/${scrum}/remove_logo`, { method: "POST", as: "bob" })).status).toBe(403);
  });
});

describe("project templates", () => {
  it("lists and reads the Scrum and Kanban templates (project-templates/001, 002)", async () => {
    const list = (await expectLikeRecording(await t.request("/project-templates", { as: "admin" }), recording("project-templates/001"), { nullable: ["*.videoconferences_extra_data"] })) as { id: number; slug: string }[];
    expect(list.map((x) => x.slug)).toEqual(["scrum", "kanban"]);
    await expectLikeRecording(await t.request("/project-templates/1"), recording("project-templates/002"));
    expect((await t.request("/project-templates/99")).status).toBe(404);
  });

  it("superusers create, patch, replace and delete templates; the body is checked first (project-templates/003-010)", async () => {
    const created = await t.request("/project-templates", { method: "POST", as: "admin", body: { name: "Recorded API Template", description: "created via POST", default_owner_role: "product-owner" } });
    const tpl = (await expectLikeRecording(created, recording("project-templates/003"))) as { id: number; slug: string };
    expect(tpl.slug).toBe("recorded-api-template");
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/project-templates", { method: "POST", as: "admin", body: { name: "x", description: "x" } }), recording("project-templates/004"), { exactBody: true });
    await expectLikeRecording(await t.request("/project-templates", { method: "POST", as: "admin", body: { description: "x", default_owner_role: "product-owner" } }), recording("project-templates/005"), { exactBody: true });
    await expectLikeRecording(await t.request("/project-templates", { method: "POST", as: "alice", body: { name: "Nope", description: "x", default_owner_role: "product-owner" } }), recording("project-templates/006"), { exactBody: true });
    expect(t.snapshot()).toBe(before);

    const fromProject = await json<{ id: number }>(await t.request(`/projects/${scrum}/create_template`, { method: "POST", as: "admin", body: { template_name: "Recorded Template", template_description: "Template from project 1" } }));
    const patched = await t.request(`/project-templates/${fromProject.id}`, { method: "PATCH", as: "admin", body: { description: "patched" } });
    expect(((await expectLikeRecording(patched, recording("project-templates/007"), { nullable: ["$.videoconferences"] })) as { description: string }).description).toBe("patched");
    const put = await t.request(`/project-templates/${fromProject.id}`, {
      method: "PUT",
      as: "admin",
      body: { name: "Recorded Template (PUT)", description: "put", default_owner_role: "product-owner", is_backlog_activated: true, is_kanban_activated: true, is_wiki_activated: true, is_issues_activated: true, is_epics_activated: true },
    });
    const replaced = (await expectLikeRecording(put, recording("project-templates/008"), { nullable: ["$.videoconferences"] })) as { name: string; slug: string; us_statuses: unknown[] };
    expect(replaced).toMatchObject({ name: "Recorded Template (PUT)", slug: "recorded-template" });
    expect(replaced.us_statuses.length).toBe(6);
    await expectLikeRecording(await t.request(`/project-templates/${fromProject.id}`, { method: "DELETE", as: "admin" }), recording("project-templates/009"));
    await expectLikeRecording(await t.request(`/project-templates/${tpl.id}`, { method: "DELETE", as: "admin" }), recording("project-templates/010"));
    expect((await t.request(`/project-templates/${tpl.id}`, { method: "DELETE", as: "admin" })).status).toBe(404);
  });

  it("create_template copies a project's values; a new project from it gets them (projects/049-051)", async () => {
    t.db.prepare("UPDATE userstory_statuses SET name = 'Triage' WHERE project_id = ? AND name = 'Ready'").run(scrum);
    const res = await t.request(`/projects/${scrum}/create_template`, { method: "POST", as: "admin", body: { template_name: "Recorded Template", template_description: "Template from project 1" } });
    const tpl = (await expectLikeRecording(res, recording("projects/049"), { nullable: ["$.videoconferences"] })) as { id: number; default_owner_role: string; is_epics_activated: boolean };
    expect(tpl).toMatchObject({ default_owner_role: "product-owner", is_epics_activated: true });
    for (const body of [{ template_description: "x" }, { template_name: "x" }]) {
      const bad = await t.request(`/projects/${scrum}/create_template`, { method: "POST", as: "admin", body });
      expect(bad.status).toBe(400); // taiga-back's 500 (projects/050, 051) answered as it intends
    }
    expect((await t.request(`/projects/${scrum}/create_template`, { method: "POST", as: "alice", body: { template_name: "x", template_description: "y" } })).status).toBe(403);

    const project = await json<{ id: number; us_statuses: { name: string }[]; is_epics_activated: boolean; my_permissions: string[] }>(
      await t.request("/projects", { method: "POST", as: "bob", body: { name: "From template", description: "x", creation_template: tpl.id } }),
    );
    expect(project.us_statuses.map((s) => s.name)).toContain("Triage");
    expect(project.is_epics_activated).toBe(true);
    expect(project.my_permissions).toContain("modify_project");
  });
});

describe("POST /projects/{id}/duplicate", () => {
  it("copies the project's values and the chosen members for the caller (projects/046-048)", async () => {
    const bob = t.ids.user("bob");
    const carol = t.ids.user("carol");
    const before = t.snapshot();
    await expectLikeRecording(
      await t.request(`/projects/${scrum}/duplicate`, { method: "POST", as: "admin", body: { name: "Duplicated Project X", description: "Copy", is_private: false, users: [{ id: 99999 }] } }),
      recording("projects/046"),
      { exactBody: true },
    );
    await expectLikeRecording(await t.request(`/projects/${scrum}/duplicate`, { method: "POST", as: "admin", body: { name: "Dup 2", description: "x" } }), recording("projects/048"), { exactBody: true });
    expect(t.snapshot()).toBe(before);

    const res = await t.request(`/projects/${scrum}/duplicate`, { method: "POST", as: "admin", body: { name: "Duplicated Project 1", description: "Copy of project 1", is_private: false, users: [{ id: bob }, { id: carol }] } });
    const copy = (await expectLikeRecording(res, recording("projects/047"), DETAIL)) as { id: number; slug: string; members: { id: number; role_name: string }[]; us_statuses: unknown[]; i_am_owner: boolean };
    expect(copy.slug).toBe("admin-duplicated-project-1");
    expect(copy.i_am_owner).toBe(true);
    expect(copy.members.map((m) => m.id).sort((a, b) => a - b)).toEqual([t.ids.user("admin"), bob, carol].sort((a, b) => a - b));
    const bobInSource = t.db.prepare("SELECT r.name FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.project_id = ? AND m.user_id = ?").get(scrum, bob) as { name: string };
    expect(copy.members.find((m) => m.id === bob)?.role_name).toBe(bobInSource.name);
    expect(copy.us_statuses).toHaveLength(6);
    expect((t.db.prepare("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ?").get(copy.id) as { n: number }).n).toBe(0);
  });

  it("needs to see the source project", async () => {
    expect((await t.request(`/projects/${secret}/duplicate`, { method: "POST", as: "bob", body: { name: "x", description: "y", is_private: true, users: [] } })).status).toBe(403);
    expect((await t.request(`/projects/${scrum}/duplicate`, { method: "POST", body: { name: "x", description: "y", is_private: true, users: [] } })).status).toBe(401);
  });
});

describe("ownership transfer", () => {
  it("request, start, then the proposed member validates and accepts the token (projects/060-065)", async () => {
    const alice = t.ids.user("alice");
    await expectLikeRecording(await t.request(`/projects/${scrum}/transfer_validate_token`, { method: "POST", as: "admin", body: { token: "invalid" } }), recording("projects/060"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/transfer_request`, { method: "POST", as: "alice" }), recording("projects/061"));
    expect((await t.request(`/projects/${scrum}/transfer_start`, { method: "POST", as: "alice", body: { user: alice } })).status).toBe(403); // only the owner
    await expectLikeRecording(await t.request(`/projects/${scrum}/transfer_start`, { method: "POST", as: "admin", body: { user: alice, reason: "recording" } }), recording("projects/063"));
    const token = (await json<{ transfer_token: string }>(await t.request(`/projects/${scrum}`, { as: "alice" }))).transfer_token;
    expect(token).toMatch(/^\d+:/);
    await expectLikeRecording(await t.request(`/projects/${scrum}/transfer_accept`, { method: "POST", as: "alice", body: { token: "invalid", reason: "x" } }), recording("projects/064"), { exactBody: true });
    await expectLikeRecording(await t.request(`/projects/${scrum}/transfer_reject`, { method: "POST", as: "alice", body: { token: "invalid", reason: "x" } }), recording("projects/065"), { exactBody: true });
    expect((await t.request(`/projects/${scrum}/transfer_accept`, { method: "POST", as: "bob", body: { token } })).status).toBe(400); // someone else's token
    expect((await t.request(`/projects/${scrum}/transfer_validate_token`, { method: "POST", as: "alice", body: { token } })).status).toBe(200);
    expect((await t.request(`/projects/${scrum}/transfer_accept`, { method: "POST", as: "alice", body: { token } })).status).toBe(200);
    const after = await json<{ owner: { id: number }; i_am_owner: boolean; transfer_token: string | null }>(await t.request(`/projects/${scrum}`, { as: "alice" }));
    expect(after).toMatchObject({ owner: { id: alice }, i_am_owner: true, transfer_token: null });
  });

  it("start refuses unknown users and non-members; reject drops the token", async () => {
    const bad = await t.request(`/projects/${scrum}/transfer_start`, { method: "POST", as: "admin", body: { user: 99999 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toBe("The user doesn't exist");
    const none = await t.request(`/projects/${scrum}/transfer_start`, { method: "POST", as: "admin", body: {} });
    expect(await none.json()).toEqual({ _error_message: "Invalid user id", _error_type: "taiga.base.exceptions.WrongArguments" });
    const outsider = t.db.prepare("SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM memberships WHERE project_id = ? AND user_id IS NOT NULL)").get(secret) as { id: number };
    expect(await (await t.request(`/projects/${secret}/transfer_start`, { method: "POST", as: "admin", body: { user: outsider.id } })).json()).toBe("The user must already be a project member");
    await t.request(`/projects/${scrum}/transfer_start`, { method: "POST", as: "admin", body: { user: t.ids.user("bob") } });
    const token = (t.db.prepare("SELECT transfer_token FROM projects WHERE id = ?").get(scrum) as { transfer_token: string }).transfer_token;
    expect((await t.request(`/projects/${scrum}/transfer_reject`, { method: "POST", as: "bob", body: { token } })).status).toBe(200);
    expect((t.db.prepare("SELECT transfer_token FROM projects WHERE id = ?").get(scrum) as { transfer_token: string | null }).transfer_token).toBeNull();
  });
});

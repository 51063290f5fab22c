/**
 * Fidelity of /userstories against the recorded real Taiga answers (userstories/*, ordering/*,
 * errors/*, history/*): status codes, headers that matter, JSON keys and value types, exact error bodies.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, kanban: number, scrum: number, secret: number;
beforeEach(() => ({ t, kanban, scrum, secret } = makeDemoApp()));

interface Story {
  id: number;
  ref: number;
  project: number;
  status: number;
  swimlane: number | null;
  milestone: number | null;
  version: number;
  subject: string;
  kanban_order: number;
  backlog_order: number;
  sprint_order: number;
}

/** Keys whose value is null in one story and set in another: our demo data differs from Taiga's sample data. */
const NULLABLE = [
  "*.due_date",
  "*.finish_date",
  "*.assigned_to",
  "*.assigned_to_extra_info",
  "*.milestone",
  "*.milestone_slug",
  "*.milestone_name",
  "*.swimlane",
  "*.epics",
  "*.total_points",
  "*.origin_issue",
  "*.origin_task",
  "*.generated_from_issue",
  "*.generated_from_task",
  "*.neighbors.previous",
  "*.neighbors.next",
  "*.status_extra_info",
];
const DYNAMIC = ["*.points"];
const LIST_SHAPES = () => ["userstories/001", "userstories/002", "userstories/008", "userstories/014", "userstories/016"].map(recording);
const DETAIL_SHAPES = () => ["userstories/020", "userstories/021", "errors/016"].map(recording);
/** create/update answers: the detail shape without `neighbors` */
const WRITE_SHAPES = () => ["userstories/025", "userstories/028", "userstories/029", "userstories/035", "userstories/036"].map(recording);

const stories = (projectId: number): Story[] =>
  t.db.prepare("SELECT id FROM userstories WHERE project_id = ? ORDER BY backlog_order, ref").all(projectId).map((r) => storyById((r as { id: number }).id));

function storyById(id: number): Story {
  const r = t.db.prepare("SELECT * FROM userstories WHERE id = ?").get(id) as Record<string, number | null>;
  return {
    id: r.id as number,
    ref: r.ref as number,
    project: r.project_id as number,
    status: r.status_id as number,
    swimlane: r.swimlane_id ?? null,
    milestone: r.milestone_id ?? null,
    version: r.version as number,
    subject: String(r.subject),
    kanban_order: r.kanban_order as number,
    backlog_order: r.backlog_order as number,
    sprint_order: r.sprint_order as number,
  };
}

const firstStory = (projectId: number): Story => stories(projectId)[0] as Story;

async function registerOutsider(): Promise<string> {
  const res = await t.request("/auth/register", {
    method: "POST",
    body: { type: "public", username: "outsider", password: "123123", email: "outsider@example.com", full_name: "Out Sider", accepted_terms: true },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { auth_token: string }).auth_token;
}

describe("GET /userstories", () => {
  it("is paginated by 30 with Taiga's headers and the list shape (userstories/001)", async () => {
    const res = await t.request(`/userstories?project=${kanban}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("userstories/001"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Story[];
    expect(body).toHaveLength(30);
    expect(Number(res.headers.get("x-pagination-count"))).toBe(stories(kanban).length);
    expect(res.headers.get("x-pagination-next")).toContain("page=2");
    expect(res.headers.get("taiga-info-userstories-without-swimlane")).toBe("false");
  });

  it("x-disable-pagination returns everything without page headers (userstories/002)", async () => {
    const res = await t.request(`/userstories?project=${kanban}`, { as: "admin", headers: { "x-disable-pagination": "True" } });
    const body = (await expectLikeRecording(res, recording("userstories/002"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Story[];
    expect(body.map((s) => s.id)).toEqual(stories(kanban).map((s) => s.id));
  });

  it("answers a page past the end with Taiga's 404 (userstories/004)", async () => {
    await expectLikeRecording(await t.request(`/userstories?project=${kanban}&page=99`, { as: "admin" }), recording("userstories/004"), { exactBody: true });
  });

  it("adds Taiga-Info-Backlog-Total-Userstories only with project and milestone=null (userstories/007)", async () => {
    const res = await t.request(`/userstories?project=${scrum}&milestone=null`, { as: "admin", headers: { "x-disable-pagination": "1" } });
    await expectLikeRecording(res, recording("userstories/007"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC });
    const backlog = t.db.prepare("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND milestone_id IS NULL").get(scrum) as { n: number };
    expect(res.headers.get("taiga-info-backlog-total-userstories")).toBe(String(backlog.n));
    const sprint = await t.request(`/userstories?project=${scrum}&milestone__isnull=true`, { as: "admin" });
    expect(sprint.headers.get("taiga-info-backlog-total-userstories")).toBeNull();
  });

  it("ignores ?swimlane= and filters with the misspelled ?swimnlane= (userstories/011, 012, 013)", async () => {
    const s = stories(kanban).find((x) => x.swimlane !== null) as Story;
    const all = (await (await t.request(`/userstories?project=${kanban}&status=${s.status}&swimlane=${s.swimlane}`, { as: "admin", headers: { "x-disable-pagination": "1" } })).json()) as Story[];
    expect(new Set(all.map((x) => x.swimlane)).size).toBeGreaterThan(1);
    const filtered = (await (await t.request(`/userstories?project=${kanban}&status=${s.status}&swimnlane=${s.swimlane}`, { as: "admin", headers: { "x-disable-pagination": "1" } })).json()) as Story[];
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((x) => x.swimlane === s.swimlane && x.status === s.status)).toBe(true);
    expect(filtered.map((x) => x.id)).toEqual(all.filter((x) => x.swimlane === s.swimlane).map((x) => x.id));
    await expectLikeRecording(await t.request(`/userstories?project=${kanban}&swimnlane=null`, { as: "admin" }), recording("userstories/013"), { exactBody: true });
  });

  it("answers 400 for a non-integer project (errors/038)", async () => {
    await expectLikeRecording(await t.request("/userstories?project=abc", { as: "admin" }), recording("errors/038"), { exactBody: true });
  });

  it("hides a private project's stories from non-members and anonymous callers (errors/002, errors/013)", async () => {
    await expectLikeRecording(await t.request(`/userstories?project=${secret}`, { as: "frank" }), recording("errors/002"), { exactBody: true });
    await expectLikeRecording(await t.request(`/userstories?project=${secret}`), recording("errors/013"), { exactBody: true });
    const member = (await (await t.request(`/userstories?project=${secret}`, { as: "alice" })).json()) as Story[];
    expect(member.length).toBeGreaterThan(0);
  });
});

describe("GET /userstories/{id}, by_ref and filters_data", () => {
  it("answers the detail shape with neighbors (userstories/020)", async () => {
    const s = firstStory(kanban);
    const body = (await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin" }), recording("userstories/020"), {
      alsoShapes: DETAIL_SHAPES(),
      nullable: NULLABLE,
      dynamicKeys: DYNAMIC,
    })) as Record<string, unknown>;
    expect(body["neighbors"]).toEqual({ previous: null, next: expect.objectContaining({ id: (stories(kanban)[1] as Story).id }) });
  });

  it("finds a story by ref and project id or slug (userstories/021, 022)", async () => {
    const s = firstStory(kanban);
    const byId = (await expectLikeRecording(await t.request(`/userstories/by_ref?ref=${s.ref}&project=${kanban}`, { as: "admin" }), recording("userstories/021"), {
      alsoShapes: DETAIL_SHAPES(),
      nullable: NULLABLE,
      dynamicKeys: DYNAMIC,
    })) as Story;
    expect(byId.id).toBe(s.id);
    const bySlug = (await (await t.request(`/userstories/by_ref?ref=${s.ref}&project__slug=demo-kanban`, { as: "admin" })).json()) as Story;
    expect(bySlug.id).toBe(s.id);
  });

  it.each(["userstories/023", "userstories/024"])("answers %s's 404 exactly", async (id) => {
    const path = id.endsWith("023") ? `/userstories/by_ref?ref=9999&project=${kanban}` : "/userstories/99999";
    await expectLikeRecording(await t.request(path, { as: "admin" }), recording(id), { exactBody: true });
  });

  it("answers 404 for a non-numeric id (errors/029)", async () => {
    await expectLikeRecording(await t.request("/userstories/abc", { as: "admin" }), recording("errors/029"), { exactBody: true });
  });

  it("filters_data answers the facets with counts (userstories/017) and 404 without project (userstories/019)", async () => {
    const body = (await expectLikeRecording(await t.request(`/userstories/filters_data?project=${kanban}`, { as: "admin" }), recording("userstories/017"), {
      alsoShapes: [recording("userstories/018")],
      nullable: ["*.color"],
    })) as { statuses: { id: number; count: number }[] };
    const total = body.statuses.reduce((a, s) => a + s.count, 0);
    expect(total).toBe(stories(kanban).length);
    await expectLikeRecording(await t.request("/userstories/filters_data", { as: "admin" }), recording("userstories/019"), { exactBody: true });
  });

  it("private project: anonymous 401 with WWW-Authenticate, non-member 403 (errors/012, 003, 004)", async () => {
    const s = firstStory(secret);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`), recording("errors/012"), { exactBody: true });
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "frank" }), recording("errors/003"), { exactBody: true });
    await expectLikeRecording(await t.request(`/userstories/by_ref?ref=${s.ref}&project=${secret}`, { as: "frank" }), recording("errors/004"), { exactBody: true });
  });

  it("public project: a registered non-member reads (errors/009) but cannot write (errors/010, errors/011)", async () => {
    const token = await registerOutsider();
    const s = firstStory(kanban);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { token }), recording("errors/009"), {
      alsoShapes: DETAIL_SHAPES(),
      nullable: NULLABLE,
      dynamicKeys: DYNAMIC,
    });
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { token, method: "PATCH", body: { subject: "hacked", version: s.version } }), recording("errors/010"), {
      exactBody: true,
    });
    await expectLikeRecording(await t.request("/userstories", { token, method: "POST", body: { project: kanban, subject: "outsider" } }), recording("errors/011"), {
      exactBody: true,
    });
    expect(t.snapshot()).toBe(before);
  });
});

describe("POST /userstories", () => {
  it("creates with Taiga's defaults (userstories/025)", async () => {
    const before = Date.now() * 1000;
    const res = await t.request("/userstories", { as: "admin", method: "POST", body: { project: kanban, subject: "Recorded story" } });
    const body = (await expectLikeRecording(res, recording("userstories/025"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Story & {
      points: Record<string, number>;
      neighbors?: unknown;
    };
    const project = t.db.prepare("SELECT default_us_status_id, default_points_id FROM projects WHERE id = ?").get(kanban) as { default_us_status_id: number; default_points_id: number };
    const roles = t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND computable = 1").all(kanban) as { id: number }[];
    const sequence = t.db.prepare("SELECT last_ref FROM ref_sequences WHERE project_id = ?").get(kanban) as { last_ref: number };
    expect(body.ref).toBe(sequence.last_ref);
    const sameRef = t.db
      .prepare("SELECT COUNT(*) AS n FROM (SELECT ref FROM userstories WHERE project_id = @p UNION ALL SELECT ref FROM tasks WHERE project_id = @p UNION ALL SELECT ref FROM issues WHERE project_id = @p UNION ALL SELECT ref FROM epics WHERE project_id = @p) WHERE ref = @ref")
      .get({ p: kanban, ref: body.ref }) as { n: number };
    expect(sameRef.n).toBe(1);
    expect(body.status).toBe(project.default_us_status_id);
    expect(body.swimlane).toBeNull();
    expect(body.version).toBe(1);
    expect(body.neighbors).toBeUndefined();
    expect(Object.keys(body.points).map(Number).sort()).toEqual(roles.map((r) => r.id).sort());
    expect(Object.values(body.points).every((p) => p === project.default_points_id)).toBe(true);
    for (const order of [body.backlog_order, body.sprint_order, body.kanban_order]) expect(order).toBeGreaterThanOrEqual(before);
    // a new story sorts last in the backlog
    expect(stories(kanban).at(-1)?.id).toBe(body.id);
  });

  it("creates with every field (userstories/028), lower-casing tags and keeping known colours", async () => {
    const status = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND name = 'Ready'").get(kanban) as { id: number };
    const swimlane = t.db.prepare("SELECT id FROM swimlanes WHERE project_id = ? ORDER BY \"order\" DESC").get(kanban) as { id: number };
    const role = t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND computable = 1 ORDER BY id").get(kanban) as { id: number };
    const points = t.db.prepare("SELECT id FROM points WHERE project_id = ? AND value = 3").get(kanban) as { id: number };
    const res = await t.request("/userstories", {
      as: "admin",
      method: "POST",
      body: {
        project: kanban,
        subject: "Recorded story (full)",
        description: "Some *markdown*",
        status: status.id,
        swimlane: swimlane.id,
        tags: ["Recorded", ["colored-tag", "#ff8800"]],
        points: { [role.id]: points.id },
        assigned_to: t.ids.user("alice"),
      },
    });
    const body = (await expectLikeRecording(res, recording("userstories/028"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Record<string, unknown>;
    expect(body["tags"]).toEqual([["recorded", null], ["colored-tag", "#ff8800"]]);
    expect(body["description_html"]).toBe("<p>Some <em>markdown</em></p>");
    expect(body["status"]).toBe(status.id);
    expect(body["swimlane"]).toBe(swimlane.id);
    expect((body["points"] as Record<string, number>)[String(role.id)]).toBe(points.id);
    expect(body["total_points"]).toBe(3);
    expect(body["assigned_users"]).toEqual([t.ids.user("alice")]);
  });

  it.each(["userstories/026", "userstories/027", "errors/034", "errors/035"])("rejects %s exactly like Taiga and writes nothing", async (id) => {
    const rec = recording(id);
    const before = t.snapshot();
    const body = rec.request.body;
    const init =
      typeof body === "string"
        ? { as: "admin", method: "POST", rawBody: body }
        : { as: "admin", method: "POST", body: { ...(body as Record<string, unknown>), ...("project" in (body as object) && (body as { project: unknown }).project === 1 ? { project: kanban } : {}) } };
    await expectLikeRecording(await t.request("/userstories", init), rec, { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("rejects an unknown project (errors/036) and a foreign status with 403 (errors/037)", async () => {
    await expectLikeRecording(await t.request("/userstories", { as: "admin", method: "POST", body: { project: 99999, subject: "x" } }), recording("errors/036"), { exactBody: true });
    const foreign = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ?").get(scrum) as { id: number };
    const s = firstStory(kanban);
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { status: foreign.id, version: s.version } }), recording("errors/037"), {
      exactBody: true,
    });
    expect(t.snapshot()).toBe(before);
  });

  it("validation comes before permissions for non-members (errors/007), then 403 (errors/006)", async () => {
    await expectLikeRecording(await t.request("/userstories", { as: "frank", method: "POST", body: { project: secret } }), recording("errors/007"), { exactBody: true });
    await expectLikeRecording(await t.request("/userstories", { as: "frank", method: "POST", body: { project: secret, subject: "intruder" } }), recording("errors/006"), {
      exactBody: true,
    });
  });

  it("anonymous writes answer 401 (errors/014, errors/015)", async () => {
    const s = firstStory(kanban);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { method: "PATCH", body: { subject: "anon", version: 1 } }), recording("errors/014"), { exactBody: true });
    await expectLikeRecording(await t.request("/userstories", { method: "POST", body: { project: kanban, subject: "anon" } }), recording("errors/015"), { exactBody: true });
  });

  it("routes: 405 on unsupported methods (errors/030, errors/031)", async () => {
    await expectLikeRecording(await t.request("/userstories", { as: "admin", method: "DELETE" }), recording("errors/030"), { exactBody: true });
    await expectLikeRecording(await t.request("/userstories/bulk_create", { as: "admin" }), recording("errors/031"), { exactBody: true });
  });
});

describe("PUT/PATCH/DELETE /userstories/{id}", () => {
  it("PATCH with the current version bumps it and answers Taiga-Info-Order-Updated (userstories/029)", async () => {
    const s = firstStory(kanban);
    const res = await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "Story edited (v1->v2)", version: s.version } });
    const body = (await expectLikeRecording(res, recording("userstories/029"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Story;
    expect(res.headers.get("taiga-info-order-updated")).toBe("{}");
    expect(body.version).toBe(s.version + 1);
    expect(storyById(s.id).subject).toBe("Story edited (v1->v2)");
  });

  it("reproduces the recorded OCC answers (userstories/030-034)", async () => {
    const s = firstStory(kanban);
    await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "v2", version: s.version } });
    const stale = s.version;
    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "Story stale edit", version: stale } }), recording("userstories/030"), {
      exactBody: true,
    });
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "Story no version" } }), recording("userstories/032"), {
      exactBody: true,
    });
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "x", version: 999 } }), recording("userstories/033"), {
      exactBody: true,
    });
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { subject: "x", version: "abc" } }), recording("userstories/034"), {
      exactBody: true,
    });
    expect(t.snapshot()).toBe(before);
    const merged = (await expectLikeRecording(
      await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { description: "Story: stale edit of another field", version: stale } }),
      recording("userstories/031"),
      { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC },
    )) as Story & { description: string };
    expect(merged.version).toBe(stale + 2);
    expect(merged.subject).toBe("v2");
    expect(merged.description).toBe("Story: stale edit of another field");
  });

  it("PUT replaces the story; unsent plain fields return to their defaults (userstories/035)", async () => {
    const s = stories(kanban).find((x) => t.db.prepare("SELECT is_blocked FROM userstories WHERE id = ?").get(x.id) && (t.db.prepare("SELECT is_blocked FROM userstories WHERE id = ?").get(x.id) as { is_blocked: number }).is_blocked === 1) as Story;
    const res = await t.request(`/userstories/${s.id}`, {
      as: "admin",
      method: "PUT",
      body: { project: kanban, subject: "Recorded story (PUT)", description: "Replaced by PUT", status: s.status, version: s.version },
    });
    const body = (await expectLikeRecording(res, recording("userstories/035"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Record<string, unknown>;
    expect(body["is_blocked"]).toBe(false);
    expect(body["blocked_note"]).toBe("");
    expect(body["tags"]).toEqual([]);
    expect(body["backlog_order"]).toBeGreaterThan(s.backlog_order);
  });

  it("PATCH of status sends the story to the end of the new cell (userstories/036, ordering/048)", async () => {
    const s = firstStory(kanban);
    const target = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND id <> ? ORDER BY \"order\"").get(kanban, s.status) as { id: number };
    const res = await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { status: target.id, version: s.version } });
    await expectLikeRecording(res, recording("ordering/048"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC });
    expect(res.headers.get("taiga-info-order-updated")).toBe("{}");
    const cell = stories(kanban).filter((x) => x.status === target.id && x.swimlane === s.swimlane);
    const moved = storyById(s.id);
    expect(Math.max(...cell.map((x) => x.kanban_order))).toBe(moved.kanban_order);
    expect(moved.version).toBe(s.version + 1);
  });

  it("kanban_order is read-only on PATCH but the version still moves (ordering/096)", async () => {
    const s = firstStory(kanban);
    const res = await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { kanban_order: 5, version: s.version } });
    await expectLikeRecording(res, recording("ordering/096"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC });
    expect(storyById(s.id).kanban_order).toBe(s.kanban_order);
    expect(storyById(s.id).version).toBe(s.version + 1);
  });

  it("Stakeholders read and comment but cannot edit (errors/016, 017, 018, 022)", async () => {
    const s = firstStory(kanban);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "erin" }), recording("errors/016"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC });
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "erin", method: "PATCH", body: { subject: "stakeholder edit", version: s.version } }), recording("errors/017"), {
      exactBody: true,
    });
    await expectLikeRecording(await t.request("/userstories", { as: "erin", method: "POST", body: { project: kanban, subject: "stakeholder story" } }), recording("errors/018"), {
      exactBody: true,
    });
    const before = ((await (await t.request(`/userstories/${s.id}`, { as: "erin" })).json()) as { total_comments: number }).total_comments;
    const res = await t.request(`/userstories/${s.id}`, { as: "erin", method: "PATCH", body: { comment: "Stakeholder comment", version: s.version } });
    const body = (await expectLikeRecording(res, recording("errors/022"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Record<string, unknown>;
    expect(body["total_comments"]).toBe(before + 1);
    expect(body["is_watcher"]).toBe(true);
  });

  it("non-members get 403 on a private story PATCH (errors/005)", async () => {
    const s = firstStory(secret);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "frank", method: "PATCH", body: { subject: "hacked", version: 1 } }), recording("errors/005"), {
      exactBody: true,
    });
  });

  it("DELETE answers 204 and the story is gone (userstories/043, 044)", async () => {
    const s = firstStory(kanban);
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin", method: "DELETE" }), recording("userstories/043"));
    await expectLikeRecording(await t.request(`/userstories/${s.id}`, { as: "admin" }), recording("userstories/044"), { exactBody: true });
  });
});

describe("bulk endpoints", () => {
  it("bulk_create answers 200 with detail objects (ordering/002, 003) and its errors (ordering/004, 005)", async () => {
    const swimlane = t.db.prepare("SELECT id FROM swimlanes WHERE project_id = ?").get(kanban) as { id: number };
    const status = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? ORDER BY \"order\" DESC").get(kanban) as { id: number };
    const res = await t.request("/userstories/bulk_create", {
      as: "admin",
      method: "POST",
      body: { project_id: kanban, bulk_stories: "Bulk story A\nBulk story B\nBulk story C", status_id: status.id, swimlane_id: swimlane.id },
    });
    const body = (await expectLikeRecording(res, recording("ordering/002"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC })) as Story[];
    expect(body.map((s) => s.subject)).toEqual(["Bulk story A", "Bulk story B", "Bulk story C"]);
    expect(body.map((s) => s.ref)).toEqual([body[0]!.ref, body[0]!.ref + 1, body[0]!.ref + 2]);
    expect(body.every((s) => s.swimlane === swimlane.id && s.status === status.id)).toBe(true);
    const plain = (await expectLikeRecording(
      await t.request("/userstories/bulk_create", { as: "admin", method: "POST", body: { project_id: kanban, bulk_stories: "Bulk story D" } }),
      recording("ordering/003"),
      { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE, dynamicKeys: DYNAMIC },
    )) as Story[];
    expect(plain[0]?.swimlane).toBeNull();
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/userstories/bulk_create", { as: "admin", method: "POST", body: { bulk_stories: "x" } }), recording("ordering/004"), { exactBody: true });
    const foreign = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ?").get(scrum) as { id: number };
    await expectLikeRecording(
      await t.request("/userstories/bulk_create", { as: "admin", method: "POST", body: { project_id: kanban, bulk_stories: "x", status_id: foreign.id } }),
      recording("ordering/005"),
      { exactBody: true },
    );
    expect(t.snapshot()).toBe(before);
  });

  it("bulk_update_kanban_order answers [{id, swimlane, status, kanban_order}] (ordering/028) without bumping versions (ordering/039)", async () => {
    const s = stories(kanban).find((x) => x.swimlane !== null) as Story;
    const cell = stories(kanban).filter((x) => x.status === s.status && x.swimlane === s.swimlane);
    const res = await t.request("/userstories/bulk_update_kanban_order", {
      as: "admin",
      method: "POST",
      body: { project_id: kanban, status_id: s.status, swimlane_id: s.swimlane, bulk_userstories: [cell.at(-1)!.id] },
    });
    const body = (await expectLikeRecording(res, recording("ordering/028"))) as { id: number; kanban_order: number }[];
    expect(body.map((x) => x.id)[0]).toBe(cell.at(-1)!.id);
    expect(body.map((x) => x.kanban_order)).toEqual(body.map((_, i) => i + 1));
    for (const x of cell) expect(storyById(x.id).version).toBe(x.version);
  });

  it.each(["ordering/044", "ordering/045", "ordering/046", "ordering/047"])("bulk_update_kanban_order rejects %s exactly like Taiga", async (id) => {
    const rec = recording(id);
    const sw = t.db.prepare("SELECT id FROM swimlanes WHERE project_id = ? ORDER BY id").all(kanban) as { id: number }[];
    const inLane = (lane: number) => stories(kanban).filter((x) => x.swimlane === lane);
    const lane = sw[0]!.id;
    const anchorCell = inLane(lane);
    const status = anchorCell[0]!.status;
    const sameCell = anchorCell.filter((x) => x.status === status);
    const otherCell = stories(kanban).find((x) => x.swimlane !== lane) as Story;
    const foreignStatus = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ?").get(scrum) as { id: number };
    const mover = otherCell.id;
    const bodies: Record<string, unknown> = {
      "ordering/044": { project_id: kanban, status_id: status, swimlane_id: lane, after_userstory_id: sameCell[0]!.id, before_userstory_id: sameCell[0]!.id, bulk_userstories: [mover] },
      "ordering/045": { project_id: kanban, status_id: status, swimlane_id: lane, after_userstory_id: otherCell.id, bulk_userstories: [sameCell[0]!.id] },
      "ordering/046": { project_id: kanban, swimlane_id: lane, bulk_userstories: [mover] },
      "ordering/047": { project_id: kanban, status_id: foreignStatus.id, swimlane_id: lane, bulk_userstories: [mover] },
    };
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/userstories/bulk_update_kanban_order", { as: "admin", method: "POST", body: bodies[id] }), rec, { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("Stakeholders cannot reorder the board (errors/020)", async () => {
    const s = firstStory(kanban);
    await expectLikeRecording(
      await t.request("/userstories/bulk_update_kanban_order", { as: "erin", method: "POST", body: { project_id: kanban, status_id: s.status, bulk_userstories: [s.id] } }),
      recording("errors/020"),
      { exactBody: true },
    );
  });

  it("bulk_update_backlog_order answers [{id, milestone, backlog_order}] (ordering/011) and its errors (ordering/013-016)", async () => {
    const backlog = stories(scrum).filter((x) => x.milestone === null);
    const last = backlog.at(-1) as Story;
    const body = (await expectLikeRecording(
      await t.request("/userstories/bulk_update_backlog_order", { as: "admin", method: "POST", body: { project_id: scrum, bulk_userstories: [last.id] } }),
      recording("ordering/011"),
    )) as { id: number; milestone: null; backlog_order: number }[];
    expect(body[0]).toEqual({ id: last.id, milestone: null, backlog_order: 1 });
    expect(body).toHaveLength(backlog.length);

    const inSprint = stories(scrum).find((x) => x.milestone !== null) as Story;
    const foreign = firstStory(kanban);
    const cases: [string, unknown][] = [
      ["ordering/013", { project_id: scrum, after_userstory_id: backlog[0]!.id, before_userstory_id: backlog[1]!.id, bulk_userstories: [backlog[2]!.id] }],
      ["ordering/014", { project_id: scrum, after_userstory_id: inSprint.id, bulk_userstories: [backlog[2]!.id] }],
      ["ordering/015", { project_id: scrum, bulk_userstories: [foreign.id] }],
      ["ordering/016", { project_id: scrum }],
    ];
    const before = t.snapshot();
    for (const [id, req] of cases) {
      await expectLikeRecording(await t.request("/userstories/bulk_update_backlog_order", { as: "admin", method: "POST", body: req }), recording(id), { exactBody: true });
    }
    expect(t.snapshot()).toBe(before);
  });
});

describe("GET /history/userstory/{id}", () => {
  it("lists change entries newest first, paginated (history/001, 004, 007) and 401 for anonymous on a private project (history/024)", async () => {
    const s = firstStory(kanban);
    await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { comment: "A recorded comment", version: s.version } });
    await t.request(`/userstories/${s.id}`, { as: "admin", method: "PATCH", body: { comment: "Second comment with stale version", version: s.version } });
    const res = await t.request(`/history/userstory/${s.id}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("history/004"), { alsoShapes: [recording("history/001")], dynamicKeys: ["*.diff", "*.values", "*.values_diff"] })) as { comment: string }[];
    // newest first, above the story's seeded past
    expect(body.slice(0, 2).map((e) => e.comment)).toEqual(["Second comment with stale version", "A recorded comment"]);
    const paged = await t.request(`/history/userstory/${s.id}?page=1`, { as: "admin" });
    await expectLikeRecording(paged, recording("history/007"), { alsoShapes: [recording("history/001")], dynamicKeys: ["*.diff", "*.values", "*.values_diff"] });
    await expectLikeRecording(await t.request(`/history/userstory/${firstStory(secret).id}`), recording("history/024"), { exactBody: true });
  });
});

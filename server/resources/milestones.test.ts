/**
 * /milestones and the sprint side of story ordering against the recorded real Taiga answers
 * (milestones/*, ordering/*): list headers and shapes, validation bodies, no OCC, PUT semantics, the
 * stats burndown computed exactly as taiga-back does, and the recorded backlog/sprint moves replayed
 * through HTTP on a copy of the recorded project state (same orders, same response bodies).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, kanban: number, secret: number;
beforeEach(() => ({ t, scrum, kanban, secret } = makeDemoApp()));

interface Sprint {
  id: number;
  name: string;
  slug: string;
  owner: number | null;
  project: number;
  estimated_start: string;
  estimated_finish: string;
  closed: boolean;
  disponibility: number | null;
  order: number;
  total_points: number | null;
  closed_points: number | null;
  user_stories: { id: number; ref: number; milestone: number; sprint_order: number; backlog_order: number; total_points: number | null; points: Record<string, number> }[];
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const post = (path: string, body: unknown, as = "admin") => t.request(path, { method: "POST", as, body });
const sprintNamed = (name: string) => (t.db.prepare("SELECT * FROM milestones WHERE project_id = ? AND name = ?").get(scrum, name) as { id: number; slug: string; closed: number });

const NULLABLE = ["*.assigned_to", "*.assigned_to_extra_info", "*.epics", "*.finish_date", "*.due_date", "*.closed_points", "*.total_points", "*.owner"];
const DETAIL_NULLABLE = NULLABLE;
const DYNAMIC = ["*.points", "$.total_points"];

describe("GET /milestones", () => {
  it("lists the project's sprints, latest start first, with every story nested and the opened/closed headers (milestones/001, 002)", async () => {
    const res = await t.request(`/milestones?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("milestones/001"), { nullable: NULLABLE, dynamicKeys: DYNAMIC, alsoShapes: [recording("milestones/005")] })) as Sprint[];
    expect(body.map((s) => s.name)).toEqual(["Sprint 3", "Sprint 2", "Sprint 1"]);
    expect(res.headers.get("taiga-info-total-opened-milestones")).toBe("2");
    expect(res.headers.get("taiga-info-total-closed-milestones")).toBe("1");
    const nested = Object.keys(body[0]!.user_stories[0]!).sort();
    const recorded = Object.keys((recording("milestones/005").response.body as Sprint).user_stories[0]!).sort();
    expect(nested).toEqual(recorded);
    // nested stories in backlog_order, all of the sprint
    const sprint2 = body.find((s) => s.name === "Sprint 2")!;
    const rows = t.db.prepare("SELECT id FROM userstories WHERE milestone_id = ? ORDER BY backlog_order, ref").all(sprint2.id) as { id: number }[];
    expect(sprint2.user_stories.map((s) => s.id)).toEqual(rows.map((r) => r.id));
    // total_points = sum of the stories' point values
    const sum = sprint2.user_stories.reduce((a, s) => a + (s.total_points ?? 0), 0);
    expect(sprint2.total_points).toBeCloseTo(sum, 9);

    const all = await t.request(`/milestones?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } });
    await expectLikeRecording(all, recording("milestones/002"), { nullable: NULLABLE, dynamicKeys: DYNAMIC, alsoShapes: [recording("milestones/005")] });
  });

  it("filters closed=false / closed=true while the headers keep whole-project counts (milestones/003, 004)", async () => {
    const open = await t.request(`/milestones?project=${scrum}&closed=false`, { as: "admin" });
    const openBody = (await expectLikeRecording(open, recording("milestones/003"), { nullable: NULLABLE, dynamicKeys: DYNAMIC, alsoShapes: [recording("milestones/005")] })) as Sprint[];
    expect(openBody.map((s) => s.name)).toEqual(["Sprint 3", "Sprint 2"]);
    const closed = await t.request(`/milestones?project=${scrum}&closed=true`, { as: "admin" });
    const closedBody = await json<Sprint[]>(closed);
    expect(closedBody.map((s) => s.name)).toEqual(["Sprint 1"]);
    expect(closed.headers.get("taiga-info-total-opened-milestones")).toBe("2");
    expect(closed.headers.get("x-pagination-count")).toBe("1");
    // a project without sprints: empty list, zero counts (004's shape)
    await expectLikeRecording(await t.request(`/milestones?project=${kanban}&closed=true`, { as: "admin" }), recording("milestones/004"), { exactBody: true });
  });

  it("honours order_by, date filters and project__slug; refuses bad filter values with 400", async () => {
    const byName = await json<Sprint[]>(await t.request(`/milestones?project=${scrum}&order_by=name`, { as: "admin" }));
    expect(byName.map((s) => s.name)).toEqual(["Sprint 1", "Sprint 2", "Sprint 3"]);
    const s2 = sprintNamed("Sprint 2") as unknown as { estimated_start: string };
    const later = await json<Sprint[]>(await t.request(`/milestones?project__slug=demo-scrum&estimated_start__gte=${s2.estimated_start}`, { as: "admin" }));
    expect(later.map((s) => s.name)).toEqual(["Sprint 3", "Sprint 2"]);
    for (const q of ["closed=maybe", "estimated_start__gt=not-a-date", "project=abc"]) {
      const res = await t.request(`/milestones?${q}`, { as: "admin" });
      expect(res.status, q).toBe(400);
    }
  });

  it("shows only sprints of projects the caller may see", async () => {
    const anon = await json<Sprint[]>(await t.request(`/milestones`, { headers: { "x-disable-pagination": "1" } }));
    expect(anon.some((s) => s.project === secret)).toBe(false);
    expect(anon.some((s) => s.project === scrum)).toBe(true);
  });
});

describe("GET /milestones/{id}", () => {
  it("answers the list element's shape (milestones/005); by_slug is not a route (milestones/006)", async () => {
    const s = sprintNamed("Sprint 2");
    await expectLikeRecording(await t.request(`/milestones/${s.id}`, { as: "admin" }), recording("milestones/005"), { nullable: DETAIL_NULLABLE, dynamicKeys: DYNAMIC });
    await expectLikeRecording(await t.request(`/milestones/by_slug?slug=${s.slug}&project=${scrum}`, { as: "admin" }), recording("milestones/006"), { exactBody: true });
    const missing = await t.request(`/milestones/999999`, { as: "admin" });
    expect(missing.status).toBe(404);
  });
});

describe("POST /milestones", () => {
  const body = () => ({ project: scrum, name: "Recorded sprint", estimated_start: "2026-12-01", estimated_finish: "2026-12-14" });

  it("creates a sprint owned by the caller with a slug from the name (milestones/009)", async () => {
    const res = await post("/milestones", body());
    const created = (await expectLikeRecording(res, recording("milestones/009"), { exactBody: false })) as Sprint;
    expect(created).toMatchObject({ name: "Recorded sprint", slug: "recorded-sprint", owner: t.ids.user("admin"), closed: false, disponibility: 0, order: 1, user_stories: [], total_points: null, closed_points: null });
    // slugs are unique across every project: the same name elsewhere gets a suffix
    const other = await json<Sprint>(await post("/milestones", { ...body(), project: kanban }));
    expect(other.slug).toBe("recorded-sprint-1");
  });

  it("rejects a missing date, a duplicated name and backwards dates exactly like Taiga, changing nothing (milestones/010-012)", async () => {
    await post("/milestones", body());
    const before = t.snapshot();
    await expectLikeRecording(await post("/milestones", { project: scrum, name: "Bad sprint", estimated_start: "2026-12-01" }), recording("milestones/010"), { exactBody: true });
    await expectLikeRecording(await post("/milestones", body()), recording("milestones/011"), { exactBody: true });
    await expectLikeRecording(
      await post("/milestones", { project: scrum, name: "Backwards sprint", estimated_start: "2026-12-14", estimated_finish: "2026-12-01" }),
      recording("milestones/012"),
      { exactBody: true },
    );
    const bad = await post("/milestones", { project: scrum, name: "x".repeat(201), estimated_start: "2026-13-01", estimated_finish: "2026-12-01", disponibility: "lots" });
    expect(await json(bad)).toEqual({
      name: ["Ensure this value has at most 200 characters (it has 201)."],
      estimated_start: ["Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]]."],
      disponibility: ['"lots" value must be a float.'],
    });
    expect(t.snapshot()).toBe(before);
  });

  it("needs add_milestone: 401 anonymous, 403 for a Stakeholder, 451 in a blocked project", async () => {
    const before = t.snapshot();
    expect((await t.request("/milestones", { method: "POST", body: body() })).status).toBe(401);
    expect((await post("/milestones", body(), "erin")).status).toBe(403);
    t.db.prepare("UPDATE projects SET blocked_code = 'blocked-by-staff' WHERE id = ?").run(scrum);
    const blockedSnap = t.snapshot();
    expect((await post("/milestones", body())).status).toBe(451);
    expect(t.snapshot()).toBe(blockedSnap);
    t.db.prepare("UPDATE projects SET blocked_code = NULL WHERE id = ?").run(scrum);
    expect(t.snapshot()).toBe(before);
  });
});

describe("PATCH / PUT / DELETE /milestones/{id}", () => {
  it("PATCH ignores a stale version: sprints have no OCC (milestones/013-015)", async () => {
    const created = await json<Sprint>(await post("/milestones", { project: scrum, name: "Recorded sprint", estimated_start: "2026-12-01", estimated_finish: "2026-12-14" }));
    const a = await t.request(`/milestones/${created.id}`, { method: "PATCH", as: "admin", body: { name: "Recorded sprint (renamed)" } });
    expect((await expectLikeRecording(a, recording("milestones/013"))) as Sprint).toMatchObject({ name: "Recorded sprint (renamed)", slug: "recorded-sprint" });
    const b = await t.request(`/milestones/${created.id}`, { method: "PATCH", as: "admin", body: { name: "Recorded sprint (stale version)", version: 1 } });
    expect(((await expectLikeRecording(b, recording("milestones/014"))) as Sprint).name).toBe("Recorded sprint (stale version)");
    const c = await t.request(`/milestones/${created.id}`, { method: "PATCH", as: "admin", body: { estimated_finish: "2026-12-15", version: 1 } });
    expect(((await expectLikeRecording(c, recording("milestones/015"))) as Sprint).estimated_finish).toBe("2026-12-15");
    // start after finish through a PATCH of one date
    const bad = await t.request(`/milestones/${created.id}`, { method: "PATCH", as: "admin", body: { estimated_start: "2026-12-20" } });
    expect(await json(bad)).toEqual({ __all__: ["The estimated start must be previous to the estimated finish."] });
    // renaming onto another sprint's name
    const dup = await t.request(`/milestones/${created.id}`, { method: "PATCH", as: "admin", body: { name: "Sprint 1" } });
    expect(await json(dup)).toEqual({ name: ["Duplicated name"] });
  });

  it("PUT keeps the slug and clears the owner that was not sent (milestones/016)", async () => {
    const created = await json<Sprint>(await post("/milestones", { project: scrum, name: "Recorded sprint", estimated_start: "2026-12-01", estimated_finish: "2026-12-14", order: 7 }));
    const res = await t.request(`/milestones/${created.id}`, {
      method: "PUT",
      as: "admin",
      body: { project: scrum, name: "Recorded sprint (PUT)", estimated_start: "2026-12-02", estimated_finish: "2026-12-16", closed: false, disponibility: 0 },
    });
    const put = (await expectLikeRecording(res, recording("milestones/016"), { nullable: ["owner"] })) as Sprint;
    expect(put).toMatchObject({ name: "Recorded sprint (PUT)", slug: "recorded-sprint", owner: null, order: 1, estimated_start: "2026-12-02" });
  });

  it("a Stakeholder cannot edit or delete; DELETE sends the stories back to the backlog with their orders (milestones/021)", async () => {
    const s = sprintNamed("Sprint 3");
    const stories = t.db.prepare("SELECT id, backlog_order FROM userstories WHERE milestone_id = ?").all(s.id) as { id: number; backlog_order: number }[];
    expect(stories.length).toBeGreaterThan(0);
    const before = t.snapshot();
    expect((await t.request(`/milestones/${s.id}`, { method: "PATCH", as: "erin", body: { name: "x" } })).status).toBe(403);
    expect((await t.request(`/milestones/${s.id}`, { method: "DELETE", as: "erin" })).status).toBe(403);
    expect((await t.request(`/milestones/${s.id}`, { method: "DELETE" })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
    await expectLikeRecording(await t.request(`/milestones/${s.id}`, { method: "DELETE", as: "admin" }), recording("milestones/021"));
    for (const story of stories) {
      expect(t.db.prepare("SELECT milestone_id, backlog_order FROM userstories WHERE id = ?").get(story.id)).toEqual({ milestone_id: null, backlog_order: story.backlog_order });
    }
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE milestone_id = ?").get(s.id)).toEqual({ n: 0 });
    expect((await t.request(`/milestones/${s.id}`, { as: "admin" })).status).toBe(404);
  });
});

describe("watchers", () => {
  it("watch, list and unwatch (milestones/018-020)", async () => {
    const s = sprintNamed("Sprint 2");
    await expectLikeRecording(await post(`/milestones/${s.id}/watch`, undefined), recording("milestones/018"));
    const list = await expectLikeRecording(await t.request(`/milestones/${s.id}/watchers`, { as: "admin" }), recording("milestones/019"));
    expect(list).toEqual([{ id: t.ids.user("admin"), username: "admin", full_name: expect.any(String) }]);
    await expectLikeRecording(await post(`/milestones/${s.id}/unwatch`, undefined), recording("milestones/020"));
    expect(await json(await t.request(`/milestones/${s.id}/watchers`, { as: "admin" }))).toEqual([]);
    expect((await t.request(`/milestones/${s.id}/watch`, { method: "POST" })).status).toBe(401);
  });
});

/* ------------------------------------------------------------------ stats ------------------------------------------------------------------ */

describe("GET /milestones/{id}/stats", () => {
  it("rebuilds recorded sprint 1 of project 1 and answers exactly the recorded stats (milestones/008)", async () => {
    const rec = recording("milestones/008").response.body as { total_points: Record<string, number>; days: unknown[] };
    const sprintBody = recording("milestones/005").response.body as Sprint;
    const roles = (t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND computable = 1 ORDER BY \"order\"").all(scrum) as { id: number }[]).map((r) => r.id);
    const pointIds = (t.db.prepare('SELECT id FROM points WHERE project_id = ? ORDER BY "order", id').all(scrum) as { id: number }[]).map((p) => p.id);
    // recorded roles 1-4 and points 1-12 (?, 0, 1/2, 1, 2, 3, 5, 8, 10, 13, 20, 40) -> ours
    const created = await json<Sprint>(await post("/milestones", { project: scrum, name: "Sprint 2026-10-4", estimated_start: "2026-10-04", estimated_finish: "2026-10-19" }));
    const owner = t.ids.user("admin");
    const taskStatus = t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND is_closed = 0").get(scrum) as { id: number };
    const closedTaskStatus = t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND is_closed = 1").get(scrum) as { id: number };
    const status = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND is_closed = 0").get(scrum) as { id: number };
    // tasks per recorded story: 1 has tasks finished 10-15, 10-14, 10-16 plus one open; 2 has one of three
    // finished on 10-06; 3 has two open tasks; 116 has none (tasks/002, milestones/008)
    const plan: Record<number, (string | null)[]> = { 1: ["2026-10-15T02:26:18.316Z", "2026-10-14T00:46:18.316Z", "2026-10-16T04:51:27.316Z", null], 2: ["2026-10-06T10:00:00.000Z", null, null], 3: [null, null], 116: [] };
    let ref = 9000;
    sprintBody.user_stories.forEach((us, i) => {
      const id = Number(
        t.db
          .prepare(
            `INSERT INTO userstories (project_id, ref, subject, status_id, milestone_id, owner_id, backlog_order, sprint_order, kanban_order, created_date, modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')`,
          )
          .run(scrum, ref++, `Recorded ${us.id}`, status.id, created.id, owner, i + 1, i + 1, i + 1).lastInsertRowid,
      );
      for (const [role, point] of Object.entries(us.points)) {
        t.db.prepare("INSERT INTO role_points (userstory_id, role_id, points_id) VALUES (?, ?, ?)").run(id, roles[Number(role) - 1], pointIds[point - 1]);
      }
      for (const finished of plan[us.id] ?? []) {
        t.db
          .prepare(
            `INSERT INTO tasks (project_id, ref, subject, status_id, user_story_id, milestone_id, owner_id, us_order, taskboard_order, is_closed, created_date, modified_date, finished_date)
             VALUES (?, ?, 'task', ?, ?, ?, ?, 1, 1, ?, '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', ?)`,
          )
          .run(scrum, ref++, finished ? closedTaskStatus.id : taskStatus.id, id, created.id, owner, finished ? 1 : 0, finished);
      }
    });
    const res = await t.request(`/milestones/${created.id}/stats`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("milestones/008"), { dynamicKeys: DYNAMIC })) as typeof rec & Record<string, unknown>;
    expect(body.days).toEqual(rec.days);
    expect(Object.values(body.total_points)).toEqual(Object.values(rec.total_points));
    expect(Object.keys(body.total_points)).toEqual(Object.keys(rec.total_points).map((r) => String(roles[Number(r) - 1])));
    expect(body).toMatchObject({ completed_points: [], total_userstories: 4, completed_userstories: 0, total_tasks: 9, completed_tasks: 4, iocaine_doses: 0 });
  });

  it("an empty sprint burns nothing (milestones/017); stats of a project's sprint keep the recorded shape (007)", async () => {
    const created = await json<Sprint>(await post("/milestones", { project: scrum, name: "Recorded sprint (PUT)", estimated_start: "2026-12-02", estimated_finish: "2026-12-16" }));
    await expectLikeRecording(await t.request(`/milestones/${created.id}/stats`, { as: "admin" }), recording("milestones/017"), { exactBody: true });
    const s2 = sprintNamed("Sprint 2");
    const stats = (await expectLikeRecording(await t.request(`/milestones/${s2.id}/stats`, { as: "admin" }), recording("milestones/007"), {
      dynamicKeys: DYNAMIC,
    })) as { days: { open_points: number; optimal_points: number }[]; completed_points: number[] };
    expect(stats.days.length).toBe(14);
    expect(stats.days.at(-1)!.optimal_points).toBeCloseTo(0, 9);
    expect(stats.days.at(-1)!.open_points).toBeLessThan(stats.days[0]!.open_points);
    // a private project's sprint: 401 anonymous; a missing one 404
    const hidden = t.db.prepare("SELECT id FROM milestones WHERE project_id = ?").get(secret) as { id: number } | undefined;
    if (hidden) expect((await t.request(`/milestones/${hidden.id}/stats`)).status).toBe(401);
    expect((await t.request(`/milestones/999999/stats`, { as: "admin" })).status).toBe(404);
  });
});

/* ------------------------------------------------------------------ recorded moves ------------------------------------------------------------------ */

interface Derived {
  id: number;
  ref: number;
  milestone: number | null;
  backlog_order: number;
  sprint_order: number;
  kanban_order: number;
  status: number;
}

const OFFSET = 100_000;
const ord = (name: string) => recording(`ordering/${name.slice(0, 3)}`);
const derived = (name: string) => (ord(name) as unknown as { derived_from_full_body: Derived[] }).derived_from_full_body;

/** Project 1 of the recordings, copied into demo-scrum: story ids shifted by OFFSET, sprints 1 and 13 created. */
function recordedProject(lists: Derived[][]): { sprint: (recorded: number | null) => number | null; recordedSprint: (ours: number | null) => number | null } {
  const owner = t.ids.user("admin");
  const status = t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND is_archived = 0").get(scrum) as { id: number };
  // the demo backlog shares the project: leave only the recorded stories in it
  t.db.prepare("DELETE FROM userstories WHERE project_id = ? AND milestone_id IS NULL").run(scrum);
  const ids = new Map<number, number>();
  for (const [recorded, name] of [[1, "Sprint 2026-10-4"], [13, "Ordering sprint"]] as const) {
    const info = t.db
      .prepare(`INSERT INTO milestones (project_id, name, slug, owner_id, estimated_start, estimated_finish, created_date, modified_date) VALUES (?, ?, ?, ?, '2026-10-04', '2026-10-19', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')`)
      .run(scrum, name, `rec-${recorded}`, owner);
    ids.set(recorded, Number(info.lastInsertRowid));
  }
  const seen = new Set<number>();
  for (const list of lists) {
    for (const s of list) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      t.db
        .prepare(
          `INSERT INTO userstories (id, project_id, ref, subject, status_id, milestone_id, owner_id, backlog_order, sprint_order, kanban_order, created_date, modified_date)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-11-28T06:11:44.340Z', '2026-11-28T06:11:44.340Z')`,
        )
        .run(s.id + OFFSET, scrum, 5000 + s.ref, `Recorded ${s.id}`, status.id, s.milestone === null ? null : ids.get(s.milestone), owner, s.backlog_order, s.sprint_order, s.kanban_order);
    }
  }
  const back = new Map([...ids].map(([r, o]) => [o, r]));
  return { sprint: (r) => (r === null ? null : (ids.get(r) ?? null)), recordedSprint: (o) => (o === null ? null : (back.get(o) ?? null)) };
}

describe("recorded backlog and sprint moves replayed through HTTP (ordering/006-023, 049-053)", () => {
  it("bulk_update_backlog_order: after, before, top, into a sprint at the top, after a sprint story, back to the backlog", async () => {
    const map = recordedProject([derived("006-get-backlog"), derived("017-get-sprint1")]);
    const ours = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, id: (r.id as number) - OFFSET, milestone: map.recordedSprint(r.milestone as number | null) }));
    const shift = (body: Record<string, unknown>) => {
      const out: Record<string, unknown> = { ...body, project_id: scrum };
      if (typeof body.milestone_id === "number") out.milestone_id = map.sprint(body.milestone_id);
      for (const k of ["after_userstory_id", "before_userstory_id"]) if (typeof body[k] === "number") out[k] = (body[k] as number) + OFFSET;
      out.bulk_userstories = (body.bulk_userstories as number[]).map((id) => id + OFFSET);
      return out;
    };
    const list = async (milestone: number | null) => {
      const rows = await json<{ id: number; milestone: number | null; backlog_order: number; sprint_order: number }[]>(
        await t.request(`/userstories?project=${scrum}&milestone=${milestone === null ? "null" : map.sprint(milestone)}`, { as: "admin", headers: { "x-disable-pagination": "1" } }),
      );
      return rows.filter((r) => r.id > OFFSET).map((r) => ({ id: r.id - OFFSET, milestone: map.recordedSprint(r.milestone), backlog_order: r.backlog_order, sprint_order: r.sprint_order }));
    };
    const steps: [string, string, number | null][] = [
      ["007-us-backlog-after", "008-get-backlog", null],
      ["009-us-backlog-before", "010-get-backlog", null],
      ["011-us-backlog-top", "012-get-backlog", null],
      ["018-us-sprint-move-in-top", "019-get-sprint1", 1],
      ["020-us-sprint-after", "021-get-sprint1", 1],
      ["022-us-sprint-back-to-backlog", "023-get-backlog", null],
    ];
    for (const [move, after, milestone] of steps) {
      const rec = ord(move);
      const res = await post("/userstories/bulk_update_backlog_order", shift(rec.request.body as Record<string, unknown>));
      expect(res.status, move).toBe(200);
      expect(ours(await json(res)), move).toEqual(rec.response.body);
      const expected = derived(after).map((s) => ({ id: s.id, milestone: s.milestone, backlog_order: s.backlog_order, sprint_order: s.sprint_order }));
      expect(await list(milestone), after).toEqual(expected);
    }
    // moved stories keep their version (024): bulk ordering does not bump it
    expect((t.db.prepare("SELECT version FROM userstories WHERE id = ?").get(5 + OFFSET) as { version: number }).version).toBe(1);
  });

  it("bulk_update_milestone renumbers the sprint with the legacy algorithm (049/050) and refuses another project's sprint (051)", async () => {
    // sprint 1 as after 022 (021 minus story 5), stories 6 and 11 in the backlog
    const sprint1 = derived("021-get-sprint1").filter((s) => s.id !== 5);
    const backlog = derived("023-get-backlog");
    const map = recordedProject([sprint1, backlog]);
    const rec = recording("ordering/049");
    const body = rec.request.body as { bulk_stories: { us_id: number; order: number }[] };
    const res = await post("/userstories/bulk_update_milestone", {
      project_id: scrum,
      milestone_id: map.sprint(1),
      bulk_stories: body.bulk_stories.map((e) => ({ us_id: e.us_id + OFFSET, order: e.order })),
    });
    await expectLikeRecording(res, rec);
    const rows = t.db.prepare("SELECT id, milestone_id, sprint_order FROM userstories WHERE milestone_id = ?").all(map.sprint(1)) as { id: number; milestone_id: number; sprint_order: number }[];
    const got = new Map(rows.map((r) => [r.id - OFFSET, r.sprint_order]));
    for (const s of derived("050-get-sprint1")) expect(got.get(s.id), `story ${s.id}`).toBe(s.sprint_order);
    expect(rows).toHaveLength(derived("050-get-sprint1").length);

    const foreign = t.db.prepare("SELECT id FROM milestones WHERE project_id <> ?").get(scrum) as { id: number } | undefined;
    const other = foreign ?? { id: 999999 };
    const before = t.snapshot();
    await expectLikeRecording(
      await post("/userstories/bulk_update_milestone", { project_id: scrum, milestone_id: other.id, bulk_stories: [{ us_id: 6 + OFFSET, order: 1 }] }),
      recording("ordering/051"),
      { exactBody: true },
    );
    expect(t.snapshot()).toBe(before);
  });

  it("move_userstories_to_sprint moves a story and its tasks into another sprint (052/053) and recomputes the sprints' closed flags", async () => {
    const sprint1 = derived("050-get-sprint1");
    const map = recordedProject([sprint1]);
    const story = 11 + OFFSET;
    const owner = t.ids.user("admin");
    const taskStatus = t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND is_closed = 0").get(scrum) as { id: number };
    t.db
      .prepare(`INSERT INTO tasks (project_id, ref, subject, status_id, user_story_id, milestone_id, owner_id, us_order, taskboard_order, created_date, modified_date) VALUES (?, 7777, 't', ?, ?, ?, ?, 1, 1, '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')`)
      .run(scrum, taskStatus.id, story, map.sprint(1), owner);
    const rec = recording("ordering/052");
    const res = await post(`/milestones/${map.sprint(1)}/move_userstories_to_sprint`, { project_id: scrum, milestone_id: map.sprint(13), bulk_stories: [{ us_id: story, order: 1 }] });
    await expectLikeRecording(res, rec);
    const after = await json<{ id: number; milestone: number; sprint_order: number }[]>(
      await t.request(`/userstories?project=${scrum}&milestone=${map.sprint(13)}`, { as: "admin", headers: { "x-disable-pagination": "1" } }),
    );
    expect(after.map((s) => ({ id: s.id - OFFSET, milestone: map.recordedSprint(s.milestone), sprint_order: s.sprint_order }))).toEqual(
      derived("053-get-sprint2").map((s) => ({ id: s.id, milestone: s.milestone, sprint_order: s.sprint_order })),
    );
    expect(t.db.prepare("SELECT milestone_id FROM tasks WHERE user_story_id = ?").get(story)).toEqual({ milestone_id: map.sprint(13) });

    // closing: move every open story of a sprint away -> a sprint left with only closed stories closes
    const s2 = sprintNamed("Sprint 2");
    const open = t.db.prepare("SELECT id FROM userstories WHERE milestone_id = ? AND is_closed = 0").all(s2.id) as { id: number }[];
    const openIssues = t.db.prepare("SELECT id FROM issues WHERE milestone_id = ? AND is_closed = 0").all(s2.id) as { id: number }[];
    const s3 = sprintNamed("Sprint 3");
    expect((await post(`/milestones/${s2.id}/move_userstories_to_sprint`, { project_id: scrum, milestone_id: s3.id, bulk_stories: open.map((s, i) => ({ us_id: s.id, order: i + 1 })) })).status).toBe(204);
    expect((await post(`/milestones/${s2.id}/move_issues_to_sprint`, { project_id: scrum, milestone_id: s3.id, bulk_issues: openIssues.map((s) => ({ issue_id: s.id })) })).status).toBe(204);
    expect(sprintNamed("Sprint 2").closed).toBe(1);
    expect(sprintNamed("Sprint 3").closed).toBe(0);
  });

  it("move_tasks_to_sprint (068) and the move actions' validation and permissions", async () => {
    const s2 = sprintNamed("Sprint 2");
    const s3 = sprintNamed("Sprint 3");
    const task = t.db.prepare("SELECT id FROM tasks WHERE milestone_id = ? ORDER BY id").get(s2.id) as { id: number };
    await expectLikeRecording(await post(`/milestones/${s2.id}/move_tasks_to_sprint`, { project_id: scrum, milestone_id: s3.id, bulk_tasks: [{ task_id: task.id, order: 2 }] }), recording("ordering/068"));
    expect(t.db.prepare("SELECT milestone_id, taskboard_order FROM tasks WHERE id = ?").get(task.id)).toEqual({ milestone_id: s3.id, taskboard_order: 2 });

    const before = t.snapshot();
    const foreignStory = t.db.prepare("SELECT id FROM userstories WHERE project_id = ?").get(kanban) as { id: number };
    const cases: [unknown, number, unknown][] = [
      [{ project_id: scrum, milestone_id: 999999, bulk_stories: [] }, 400, { milestone_id: ["There's no milestone with that id"] }],
      [{ project_id: scrum, milestone_id: s3.id, bulk_stories: [{ us_id: foreignStory.id, order: 1 }] }, 400, { bulk_stories: ["All the user stories must be from the same project"] }],
      [{ project_id: scrum, milestone_id: s3.id, bulk_stories: [{ us_id: foreignStory.id }] }, 400, { bulk_stories: [{ order: ["This field is required."] }] }],
      [{ milestone_id: s3.id, bulk_stories: [] }, 400, { project_id: ["This field is required."] }],
    ];
    for (const [body, status, answer] of cases) {
      const res = await post(`/milestones/${s2.id}/move_userstories_to_sprint`, body);
      expect(res.status).toBe(status);
      expect(await json(res)).toEqual(answer);
    }
    expect((await post(`/milestones/${s2.id}/move_userstories_to_sprint`, { project_id: scrum, milestone_id: s3.id, bulk_stories: [] })).status).toBe(204);
    expect((await post(`/milestones/${s2.id}/move_userstories_to_sprint`, { project_id: scrum, milestone_id: s3.id, bulk_stories: [] }, "erin")).status).toBe(403);
    expect((await t.request(`/milestones/${s2.id}/move_userstories_to_sprint`, { method: "POST", body: {} })).status).toBe(401);
    expect((await post(`/milestones/999999/move_userstories_to_sprint`, {})).status).toBe(404);
    expect(t.snapshot()).toBe(before);
  });
});

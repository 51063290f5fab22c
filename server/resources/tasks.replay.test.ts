/**
 * The recorded taskboard moves of a real Taiga (ordering/054-069) replayed through HTTP on a copy of
 * the recorded sprint: the same tasks with the same ids (shifted), stories, statuses and orders, then
 * every recorded request in sequence. Each answer must carry exactly the recorded orders, and the
 * lists read afterwards the recorded state.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recordedHeaders, recording } from "../test/recordings";

let t: TestApp, scrum: number;
beforeEach(() => ({ t, scrum } = makeDemoApp()));

/** The fields the recorder kept of every task of a list ("derived_from_full_body"). */
interface Derived {
  id: number;
  ref: number;
  subject: string;
  status: number;
  user_story: number | null;
  milestone: number | null;
  taskboard_order: number;
  us_order: number;
  version: number;
}

const OFFSET = 200_000;
const ord = (name: string) => recording(`ordering/${name}`);
const derived = (name: string): Derived[] => (ord(name) as unknown as { derived_from_full_body: Derived[] }).derived_from_full_body;
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

interface Replay {
  milestone: (recorded: number) => number;
  status: (recorded: number) => number;
  story: (recorded: number) => number;
  /** A list answer of ours in the recorder's terms. */
  recordedRows: (rows: Derived[]) => Derived[];
  /** A `{id: value}` answer of ours with recorded ids. */
  recordedIds: (body: Record<string, number>) => Record<string, number>;
}

/**
 * Project 1 of the recordings copied into demo-scrum: its sprints 1 and 13, stories 1-3 in sprint 1,
 * the task statuses by position (both projects have New, In progress, Ready for test, Closed, Needs
 * Info), and `tasks` with their recorded ids + OFFSET. The demo's own tasks are removed so the
 * project-wide order scopes hold the recorded tasks only.
 */
function recordedSprint(tasks: Derived[]): Replay {
  const db = t.db;
  const owner = t.ids.user("admin");
  db.prepare("DELETE FROM tasks WHERE project_id = ?").run(scrum);
  const statuses = (db.prepare(`SELECT id FROM task_statuses WHERE project_id = ? ORDER BY "order", id`).all(scrum) as { id: number }[]).map((s) => s.id);
  const usStatus = (db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND is_closed = 0 ORDER BY \"order\"").get(scrum) as { id: number }).id;
  const milestones = new Map<number, number>();
  for (const [recorded, name] of [[1, "Sprint 2026-10-4"], [13, "Ordering sprint"]] as const) {
    const info = db
      .prepare(`INSERT INTO milestones (project_id, name, slug, owner_id, estimated_start, estimated_finish, created_date, modified_date) VALUES (?, ?, ?, ?, '2026-10-04', '2026-10-19', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')`)
      .run(scrum, name, `rec-${recorded}`, owner);
    milestones.set(recorded, Number(info.lastInsertRowid));
  }
  for (const story of [1, 2, 3]) {
    db.prepare(
      `INSERT INTO userstories (id, project_id, ref, subject, status_id, milestone_id, owner_id, backlog_order, sprint_order, kanban_order, created_date, modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 1, '2026-11-28T06:11:44.340Z', '2026-11-28T06:11:44.340Z')`,
    ).run(story + OFFSET, scrum, 7000 + story, `Recorded story ${story}`, usStatus, milestones.get(1), owner, story);
  }
  const closed = new Set((db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND is_closed = 1").all(scrum) as { id: number }[]).map((s) => s.id));
  for (const task of tasks) {
    const status = statuses[task.status - 1] as number;
    db.prepare(
      `INSERT INTO tasks (id, project_id, ref, subject, status_id, user_story_id, milestone_id, owner_id, us_order, taskboard_order, is_closed, version, created_date, modified_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-11-28T06:11:44.340Z')`,
    ).run(
      task.id + OFFSET,
      scrum,
      9000 + task.ref,
      task.subject,
      status,
      task.user_story === null ? null : task.user_story + OFFSET,
      task.milestone === null ? null : milestones.get(task.milestone),
      owner,
      task.us_order,
      task.taskboard_order,
      closed.has(status) ? 1 : 0,
      task.version,
      // the default list order is (project, created_date, ref): keep the recorded one (by id)
      new Date(Date.UTC(2026, 10, 28, 6, 0, 0) + task.id * 1000).toISOString(),
    );
  }
  const back = <K>(map: Map<number, K>) => new Map([...map].map(([r, o]) => [o, r]));
  const milestoneBack = back(milestones);
  const statusBack = new Map(statuses.map((id, i) => [id, i + 1]));
  return {
    milestone: (r) => milestones.get(r) as number,
    status: (r) => statuses[r - 1] as number,
    story: (r) => r + OFFSET,
    recordedRows: (rows) =>
      rows.map((r) => ({
        id: r.id - OFFSET,
        ref: r.ref - 9000,
        subject: r.subject,
        status: statusBack.get(r.status) as number,
        user_story: r.user_story === null ? null : r.user_story - OFFSET,
        milestone: r.milestone === null ? null : (milestoneBack.get(r.milestone) as number),
        taskboard_order: r.taskboard_order,
        us_order: r.us_order,
        version: r.version,
      })),
    recordedIds: (body) => Object.fromEntries(Object.entries(body).map(([id, v]) => [String(Number(id) - OFFSET), v])),
  };
}

/** Pre-state of ordering/059: sprint 1 (054) plus the three bulk-created tasks (055, 056) as answered. */
function stateBefore059(): Derived[] {
  const created = [...(ord("055").response.body as Derived[]), ...(ord("056").response.body as Derived[])];
  return [...derived("054"), ...created.map((c) => ({ id: c.id, ref: c.ref, subject: c.subject, status: c.status, user_story: c.user_story, milestone: c.milestone, taskboard_order: c.taskboard_order, us_order: c.us_order, version: c.version }))];
}


describe("recorded taskboard moves replayed through HTTP (ordering/054-069)", () => {
  it("bulk_update_taskboard_order, with and without status, then bulk_update_us_order: the recorded answers and lists", async () => {
    const r = recordedSprint(stateBefore059());
    const shift = (body: Record<string, unknown>) => {
      const out: Record<string, unknown> = { ...body, project_id: scrum };
      if (typeof body.milestone_id === "number") out.milestone_id = r.milestone(body.milestone_id);
      if (typeof body.status_id === "number") out.status_id = r.status(body.status_id);
      if (typeof body.us_id === "number") out.us_id = r.story(body.us_id);
      out.bulk_tasks = (body.bulk_tasks as { task_id: number; order: number }[]).map((e) => ({ task_id: e.task_id + OFFSET, order: e.order }));
      return out;
    };
    const sprintList = async (recorded: number) =>
      r.recordedRows(await json<Derived[]>(await t.request(`/tasks?project=${scrum}&milestone=${r.milestone(recorded)}`, { as: "admin", headers: { "x-disable-pagination": "True" } })));
    const storyList = async (recorded: number) =>
      r.recordedRows(await json<Derived[]>(await t.request(`/tasks?user_story=${r.story(recorded)}`, { as: "admin", headers: { "x-disable-pagination": "True" } })));

    const steps: [string, string, string, () => Promise<Derived[]>][] = [
      ["059", "/tasks/bulk_update_taskboard_order", "060", () => sprintList(1)],
      ["061", "/tasks/bulk_update_taskboard_order", "062", () => sprintList(1)],
      ["064", "/tasks/bulk_update_us_order", "065", () => storyList(1)],
    ];
    for (const [move, path, after, read] of steps) {
      const rec = ord(move);
      const res = await t.request(path, { method: "POST", as: "admin", body: shift(rec.request.body as Record<string, unknown>) });
      expect(res.status, move).toBe(200);
      expect(r.recordedIds(await json(res)), move).toEqual(rec.response.body);
      // the list in the recorded order (project, created_date, ref), every order as recorded
      expect(await read(), after).toEqual(derived(after));
    }

    // a task outside the given status is refused, nothing written (063)
    const before = t.snapshot();
    const bad = ord("063");
    const res = await t.request("/tasks/bulk_update_taskboard_order", { method: "POST", as: "admin", body: shift(bad.request.body as Record<string, unknown>) });
    await expectLikeRecording(res, bad, { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("bulk_update_milestone and move_tasks_to_sprint move tasks into sprint 13 at the requested orders (066-068)", async () => {
    // the state of 065 (after the orders above)
    const r = recordedSprint([...derived("062").filter((x) => x.user_story !== 1), ...derived("065")]);
    const rec = ord("066");
    const body = rec.request.body as { milestone_id: number; bulk_tasks: { task_id: number; order: number }[] };
    const res = await t.request("/tasks/bulk_update_milestone", {
      method: "POST",
      as: "admin",
      body: { project_id: scrum, milestone_id: r.milestone(body.milestone_id), bulk_tasks: body.bulk_tasks.map((e) => ({ task_id: e.task_id + OFFSET, order: e.order })) },
    });
    expect(res.status).toBe(200);
    const answer = await json<Record<string, number>>(res);
    expect(Object.fromEntries(Object.entries(r.recordedIds(answer)).map(([id, m]) => [id, m === r.milestone(13) ? 13 : m]))).toEqual(rec.response.body);
    const sprint13 = r.recordedRows(await json<Derived[]>(await t.request(`/tasks?project=${scrum}&milestone=${r.milestone(13)}`, { as: "admin", headers: { "x-disable-pagination": "True" } })));
    // the story stays (Taiga's raw write), version and us_order untouched
    expect(sprint13).toEqual(derived("067"));
    // the move is in the task's history
    const history = await json<{ diff: Record<string, unknown> }[]>(await t.request(`/history/task/${4 + OFFSET}`, { as: "admin" }));
    expect(Object.keys(history[0]?.diff ?? {})).toEqual(expect.arrayContaining(["milestone", "taskboard_order"]));

    const move = ord("068");
    const moveBody = move.request.body as { bulk_tasks: { task_id: number; order: number }[] };
    await expectLikeRecording(
      await t.request(`/milestones/${r.milestone(1)}/move_tasks_to_sprint`, {
        method: "POST",
        as: "admin",
        body: { project_id: scrum, milestone_id: r.milestone(13), bulk_tasks: moveBody.bulk_tasks.map((e) => ({ task_id: e.task_id + OFFSET, order: e.order })) },
      }),
      move,
    );
    const after = r.recordedRows(await json<Derived[]>(await t.request(`/tasks?project=${scrum}&milestone=${r.milestone(13)}`, { as: "admin", headers: { "x-disable-pagination": "True" } })));
    expect(after.map((x) => [x.id, x.taskboard_order])).toEqual([
      [4, 1],
      [5, 2],
    ]);
  });

  it("bulk_update_milestone refuses another project's sprint and foreign tasks, and checks permissions; nothing written", async () => {
    recordedSprint(derived("054"));
    const task = 6 + OFFSET;
    const own = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? ORDER BY id").get(scrum) as { id: number }).id;
    const foreignSprint = t.db.prepare("SELECT id FROM milestones WHERE project_id <> ?").get(scrum) as { id: number } | undefined;
    const foreignTask = t.db.prepare("SELECT id FROM tasks WHERE project_id <> ?").get(scrum) as { id: number } | undefined;
    const before = t.snapshot();
    const cases: [unknown, number, unknown][] = [
      [{ project_id: scrum, milestone_id: foreignSprint?.id ?? 999999, bulk_tasks: [{ task_id: task, order: 1 }] }, 400, { milestone_id: ["The milestone isn't valid for the project"] }],
      [{ project_id: scrum, milestone_id: own, bulk_tasks: [{ task_id: foreignTask?.id ?? 999999, order: 1 }] }, 400, { bulk_tasks: ["All the tasks must be from the same project"] }],
      [{ project_id: 999999, milestone_id: own, bulk_tasks: [] }, 400, { project_id: ["There's no project with that id"] }],
      [{ project_id: scrum, milestone_id: own, bulk_tasks: [{ task_id: task }] }, 400, { bulk_tasks: [{ order: ["This field is required."] }] }],
      [{ project_id: scrum, bulk_tasks: [] }, 400, { milestone_id: ["This field is required."] }],
    ];
    for (const [body, status, answer] of cases) {
      const res = await t.request("/tasks/bulk_update_milestone", { method: "POST", as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await json(res)).toEqual(answer);
    }
    const ok = { project_id: scrum, milestone_id: own, bulk_tasks: [{ task_id: task, order: 1 }] };
    expect((await t.request("/tasks/bulk_update_milestone", { method: "POST", as: "erin", body: ok })).status).toBe(403);
    expect((await t.request("/tasks/bulk_update_milestone", { method: "POST", body: ok })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
  });

  it("a PATCH of taskboard_order answers the renumbered cell in Taiga-Info-Order-Updated (069)", async () => {
    const r = recordedSprint(derived("062"));
    const rec = ord("069");
    const res = await t.request(`/tasks/${6 + OFFSET}`, { method: "PATCH", as: "admin", body: rec.request.body });
    const body = (await expectLikeRecording(res, rec, {
      nullable: ["$.assigned_to", "$.assigned_to_extra_info", "$.due_date", "$.finished_date", "$.user_story_extra_info.epics", "$.generated_user_stories"],
      ignore: ["$.tags", "$.attachments"],
    })) as Derived;
    const recorded = rec.response.body as Derived;
    expect(r.recordedRows([body])[0]).toMatchObject({ status: recorded.status, user_story: recorded.user_story, milestone: recorded.milestone, taskboard_order: 0, us_order: recorded.us_order, version: recorded.version });
    const header = JSON.parse(res.headers.get("taiga-info-order-updated") ?? "null") as Record<string, number>;
    expect(r.recordedIds(header)).toEqual(JSON.parse(recordedHeaders(rec)["taiga-info-order-updated"] as string));
  });
});

describe("a taskboard drop through PATCH with set-orders", () => {
  it("moves a task into another story and status at a position: neighbours shift, the set-orders positions hold, the header lists them", async () => {
    const r = recordedSprint(derived("054"));
    // story 1 "Closed" cell holds tasks 1, 2, 3 (orders ...495, ...637, ...746); drop task 4 (story 2, New) between 1 and 2
    const task = t.db.prepare("SELECT version FROM tasks WHERE id = ?").get(4 + OFFSET) as { version: number };
    const res = await t.request(`/tasks/${4 + OFFSET}`, {
      method: "PATCH",
      as: "admin",
      headers: { "set-orders": JSON.stringify({ [String(1 + OFFSET)]: 1795846304495 }) },
      body: { status: r.status(4), user_story: r.story(1), taskboard_order: 1795846304496, version: task.version },
    });
    expect(res.status).toBe(200);
    const header = r.recordedIds(JSON.parse(res.headers.get("taiga-info-order-updated") ?? "{}") as Record<string, number>);
    expect(header).toMatchObject({ "4": 1795846304496, "2": 1795846304638, "3": 1795846304747 });
    const cell = t.db.prepare("SELECT id, taskboard_order FROM tasks WHERE user_story_id = ? AND status_id = ? ORDER BY taskboard_order, id").all(r.story(1), r.status(4)) as { id: number; taskboard_order: number }[];
    expect(cell.map((c) => c.id - OFFSET)).toEqual([1, 4, 2, 3]);
    const moved = await json<Derived & { user_story_extra_info: { id: number } }>(res);
    expect(moved.user_story).toBe(r.story(1));
    expect(moved.milestone).toBe(r.milestone(1));
  });

  it("closing every task of a story closes it and, with the sprint's other stories closed, the sprint; reopening one reopens both", async () => {
    const r = recordedSprint(derived("054").filter((x) => x.user_story === 1));
    // only story 1 holds open work in sprint 1: close stories 2 and 3 (no tasks, closed status)
    const closedUs = (t.db.prepare("SELECT id FROM userstory_statuses WHERE project_id = ? AND is_closed = 1").get(scrum) as { id: number }).id;
    t.db.prepare("UPDATE userstories SET status_id = ?, is_closed = 1 WHERE id IN (?, ?)").run(closedUs, r.story(2), r.story(3));
    const tasks = t.db.prepare("SELECT id, version, status_id FROM tasks WHERE user_story_id = ?").all(r.story(1)) as { id: number; version: number; status_id: number }[];
    const closedTask = r.status(4);
    const story = () => t.db.prepare("SELECT is_closed, finish_date FROM userstories WHERE id = ?").get(r.story(1)) as { is_closed: number; finish_date: string | null };
    const sprint = () => (t.db.prepare("SELECT closed FROM milestones WHERE id = ?").get(r.milestone(1)) as { closed: number }).closed;
    for (const [i, task] of tasks.entries()) {
      if (task.status_id === closedTask) continue;
      expect(story().is_closed, `before closing task ${i}`).toBe(0);
      const res = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { status: closedTask, version: task.version } });
      expect(res.status).toBe(200);
    }
    expect(story().is_closed).toBe(1);
    expect(story().finish_date).not.toBeNull();
    expect(sprint()).toBe(1);
    const detail = await json<{ is_closed: boolean; status: number }>(await t.request(`/userstories/${r.story(1)}`, { as: "admin" }));
    expect(detail.is_closed).toBe(true);

    const one = t.db.prepare("SELECT id, version FROM tasks WHERE user_story_id = ? ORDER BY id").get(r.story(1)) as { id: number; version: number };
    expect((await t.request(`/tasks/${one.id}`, { method: "PATCH", as: "admin", body: { status: r.status(2), version: one.version } })).status).toBe(200);
    expect(story()).toEqual({ is_closed: 0, finish_date: null });
    expect(sprint()).toBe(0);
  });
});

/**
 * /tasks against the recorded real Taiga answers (tasks/*, ordering/*, errors/*, history/*): status
 * codes, headers that matter, JSON keys and value types, exact error bodies, OCC, ordering side effects
 * and bad input that must leave the database unchanged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Task {
  id: number;
  ref: number;
  project: number;
  user_story: number | null;
  milestone: number | null;
  status: number;
  subject: string;
  version: number;
  us_order: number;
  taskboard_order: number;
  is_closed: boolean;
  watchers: number[];
  total_comments: number;
  neighbors?: { previous: { id: number } | null; next: { id: number } | null };
}

const NULLABLE = [
  "*.due_date",
  "*.finished_date",
  "*.assigned_to",
  "*.assigned_to_extra_info",
  "*.milestone",
  "*.milestone_slug",
  "*.user_story",
  "*.user_story_extra_info",
  "*.user_story_extra_info.epics",
  "*.neighbors.previous",
  "*.neighbors.next",
  "*.generated_user_stories",
];
const LIST_SHAPES = () => ["tasks/001", "tasks/003", "tasks/005", "tasks/006"].map(recording);
const DETAIL_SHAPES = () => ["tasks/008", "tasks/009", "tasks/021"].map(recording);
const WRITE_SHAPES = () => ["tasks/011", "tasks/013", "tasks/015", "tasks/017", "tasks/018"].map(recording);

const taskRows = (where = "1 = 1", ...params: unknown[]): { id: number; user_story_id: number | null; milestone_id: number | null; status_id: number; taskboard_order: number; us_order: number; version: number }[] =>
  t.db.prepare(`SELECT * FROM tasks WHERE project_id = ? AND ${where} ORDER BY id`).all(scrum, ...params) as never;

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function createTask(body: Record<string, unknown>, as = "admin"): Promise<Task> {
  const res = await t.request("/tasks", { method: "POST", as, body: { project: scrum, ...body } });
  expect(res.status).toBe(201);
  return json<Task>(res);
}

describe("GET /tasks", () => {
  it("is paginated with Taiga's headers and the list shape (tasks/001)", async () => {
    const res = await t.request(`/tasks?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("tasks/001"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Task[];
    expect(Number(res.headers.get("x-pagination-count"))).toBe(taskRows().length);
    expect(body.length).toBe(Math.min(30, taskRows().length));
  });

  it("x-disable-pagination returns every task without page headers (tasks/002)", async () => {
    const res = await t.request(`/tasks?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "True" } });
    const body = (await expectLikeRecording(res, recording("tasks/002"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Task[];
    expect(body.map((x) => x.id).sort((a, b) => a - b)).toEqual(taskRows().map((r) => r.id));
  });

  it("filters by sprint, story, status, assignee and tags (tasks/003-006)", async () => {
    const row = taskRows("user_story_id IS NOT NULL")[0] as { milestone_id: number; user_story_id: number; status_id: number };
    const sprint = await json<Task[]>(await t.request(`/tasks?project=${scrum}&milestone=${row.milestone_id}`, { as: "admin", headers: { "x-disable-pagination": "1" } }));
    expect(sprint.length).toBe(taskRows("milestone_id = ?", row.milestone_id).length);
    expect(sprint.every((x) => x.milestone === row.milestone_id)).toBe(true);

    const res = await t.request(`/tasks?user_story=${row.user_story_id}`, { as: "admin" });
    const byStory = (await expectLikeRecording(res, recording("tasks/005"), { alsoShapes: LIST_SHAPES(), nullable: NULLABLE })) as Task[];
    expect(byStory.map((x) => x.id).sort((a, b) => a - b)).toEqual(taskRows("user_story_id = ?", row.user_story_id).map((r) => r.id));

    const byStatus = await json<Task[]>(await t.request(`/tasks?project=${scrum}&status=${row.status_id}`, { as: "admin", headers: { "x-disable-pagination": "1" } }));
    expect(byStatus.length).toBe(taskRows("status_id = ?", row.status_id).length);

    const alice = t.ids.user("alice");
    const assigned = await json<(Task & { assigned_to: number })[]>(await t.request(`/tasks?project=${scrum}&assigned_to=${alice}`, { as: "admin", headers: { "x-disable-pagination": "1" } }));
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((x) => x.assigned_to === alice)).toBe(true);

    const tagged = await createTask({ subject: "Tagged", tags: ["Perf"] });
    const byTag = await json<Task[]>(await t.request(`/tasks?project=${scrum}&tags=perf`, { as: "admin" }));
    expect(byTag.map((x) => x.id)).toEqual([tagged.id]);
    const storyless = await json<Task[]>(await t.request(`/tasks?project=${scrum}&user_story=null`, { as: "admin" }));
    expect(storyless.map((x) => x.id)).toEqual([tagged.id]);
  });

  it("q matches the subject, order_by sorts", async () => {
    const a = await createTask({ subject: "Zebra crossing copy" });
    const found = await json<Task[]>(await t.request(`/tasks?project=${scrum}&q=zebra`, { as: "admin" }));
    expect(found.map((x) => x.id)).toEqual([a.id]);
    const sorted = await json<Task[]>(await t.request(`/tasks?project=${scrum}&order_by=-subject`, { as: "admin", headers: { "x-disable-pagination": "1" } }));
    const subjects = sorted.map((x) => x.subject);
    expect(subjects[0]).toBe("Zebra crossing copy");
  });

  it("exclude_* filters keep NULLs as Taiga does; the storyless row of a sprint; q finds a ref", async () => {
    const sprint = (taskRows("milestone_id IS NOT NULL")[0] as { milestone_id: number }).milestone_id;
    const alice = t.ids.user("alice");
    const loose = await createTask({ subject: "Storyless in sprint", milestone: sprint, tags: ["ops"] });
    const all = (q: string) => t.request(`/tasks?project=${scrum}&${q}`, { as: "admin", headers: { "x-disable-pagination": "1" } }).then((r) => json<(Task & { assigned_to: number | null; tags: [string, string | null][] })[]>(r));

    const storyless = await all(`milestone=${sprint}&user_story=null`);
    expect(storyless.map((x) => x.id)).toEqual([loose.id]);

    const sprintTasks = await all(`milestone=${sprint}`);
    const notAlice = await all(`milestone=${sprint}&exclude_assigned_to=${alice}`);
    expect(notAlice.map((x) => x.id).sort()).toEqual(sprintTasks.filter((x) => x.assigned_to !== alice).map((x) => x.id).sort());
    expect(notAlice.some((x) => x.assigned_to === null)).toBe(true);

    const status = loose.status;
    const notNew = await all(`milestone=${sprint}&exclude_status=${status}`);
    expect(notNew.length).toBe(sprintTasks.filter((x) => x.status !== status).length);
    expect(notNew.every((x) => x.status !== status)).toBe(true);

    const untagged = await all(`milestone=${sprint}&exclude_tags=ops`);
    expect(untagged.map((x) => x.id)).not.toContain(loose.id);
    expect(untagged.length).toBe(sprintTasks.length - 1);

    const byRef = await all(`q=${loose.ref}`);
    expect(byRef.map((x) => x.id)).toContain(loose.id);
  });

  it("answers 400 for a non-integer project and hides a private project's tasks", async () => {
    const res = await t.request("/tasks?project=abc", { as: "admin" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "'project' must be an integer value.", _error_type: "taiga.base.exceptions.BadRequest" });
    const secretTask = await t.request("/tasks", { method: "POST", as: "alice", body: { project: secret, subject: "Hidden" } });
    expect(secretTask.status).toBe(201);
    expect(await json<Task[]>(await t.request(`/tasks?project=${secret}`, { as: "frank" }))).toEqual([]);
    expect(await json<Task[]>(await t.request(`/tasks?project=${secret}`))).toEqual([]);
    expect((await json<Task[]>(await t.request(`/tasks?project=${secret}`, { as: "alice" }))).length).toBe(1);
  });
});

describe("GET /tasks/filters_data", () => {
  it("answers the facets with counts (tasks/007)", async () => {
    const res = await t.request(`/tasks/filters_data?project=${scrum}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("tasks/007"), { nullable: ["*.assigned_to[].id", "*.tags[].color", "*.roles[].color"] })) as {
      statuses: { id: number; count: number }[];
      assigned_to: { id: number | null; count: number }[];
    };
    const total = taskRows().length;
    expect(body.statuses.reduce((n, s) => n + s.count, 0)).toBe(total);
    expect(body.assigned_to.reduce((n, s) => n + s.count, 0)).toBe(total);
    expect(body.assigned_to[0]?.id).toBeNull();
  });
});

describe("GET /tasks/{id} and /tasks/by_ref", () => {
  it("answers the detail shape with neighbors (tasks/008) and the same by ref (tasks/009)", async () => {
    const row = taskRows()[1] as { id: number };
    const res = await t.request(`/tasks/${row.id}`, { as: "admin" });
    const body = (await expectLikeRecording(res, recording("tasks/008"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Task;
    expect(body.id).toBe(row.id);
    expect(body.neighbors?.previous ?? body.neighbors?.next).not.toBeNull();
    const byRef = await t.request(`/tasks/by_ref?ref=${body.ref}&project=${scrum}`, { as: "admin" });
    const again = (await expectLikeRecording(byRef, recording("tasks/009"), { alsoShapes: DETAIL_SHAPES(), nullable: NULLABLE })) as Task;
    expect(again.id).toBe(row.id);
  });

  it("answers Taiga's 404 for an unknown task (tasks/010) and by ref", async () => {
    await expectLikeRecording(await t.request("/tasks/99999", { as: "admin" }), recording("tasks/010"), { exactBody: true });
    const res = await t.request(`/tasks/by_ref?ref=99999&project=${scrum}`, { as: "admin" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ _error_message: "No Task matches the given query." });
  });

  it("hides a private task: 401 anonymous, 403 for a non-member", async () => {
    const created = await json<Task>(await t.request("/tasks", { method: "POST", as: "alice", body: { project: secret, subject: "Hidden" } }));
    expect((await t.request(`/tasks/${created.id}`)).status).toBe(401);
    expect((await t.request(`/tasks/${created.id}`, { as: "frank" })).status).toBe(403);
  });
});

describe("POST /tasks", () => {
  it("creates a task with Taiga's defaults (tasks/011): status default, version 1, ref from the shared sequence", async () => {
    const before = (t.db.prepare("SELECT last_ref FROM ref_sequences WHERE project_id = ?").get(scrum) as { last_ref: number }).last_ref;
    const res = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "Recorded task" } });
    const body = (await expectLikeRecording(res, recording("tasks/011"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task;
    const project = t.db.prepare("SELECT default_task_status_id AS s FROM projects WHERE id = ?").get(scrum) as { s: number };
    expect(body.status).toBe(project.s);
    expect(body.version).toBe(1);
    expect(body.ref).toBe(before + 1);
    const story = await t.request("/userstories", { method: "POST", as: "admin", body: { project: scrum, subject: "Next" } });
    expect(((await story.json()) as { ref: number }).ref).toBe(before + 2);
  });

  it("a task in a story takes the story's sprint whatever was sent (tasks/013)", async () => {
    const story = t.db.prepare("SELECT id, milestone_id FROM userstories WHERE project_id = ? AND milestone_id IS NOT NULL LIMIT 1").get(scrum) as { id: number; milestone_id: number };
    const res = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "In story", user_story: story.id, milestone: null } });
    const body = (await expectLikeRecording(res, recording("tasks/013"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task;
    expect(body.user_story).toBe(story.id);
    expect(body.milestone).toBe(story.milestone_id);
  });

  it("adding an open task reopens a closed story", async () => {
    const story = t.db.prepare("SELECT id FROM userstories WHERE project_id = ? AND is_closed = 1 AND milestone_id IS NOT NULL LIMIT 1").get(scrum) as { id: number };
    await createTask({ subject: "Reopen", user_story: story.id });
    expect((t.db.prepare("SELECT is_closed FROM userstories WHERE id = ?").get(story.id) as { is_closed: number }).is_closed).toBe(0);
  });

  it("answers Taiga's errors without writing anything (tasks/012, errors/019, errors/034-036)", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum } }), recording("tasks/012"), { exactBody: true });
    // a story of another project (the demo data has sprints only in demo-scrum, so Taiga checks the story itself)
    const foreign = t.db.prepare("SELECT id FROM userstories WHERE project_id <> ? LIMIT 1").get(scrum) as { id: number };
    const res = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "Bad story", user_story: foreign.id } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ _error_message: "You don't have permissions to set this user story to this task.", _error_type: "taiga.base.exceptions.WrongArguments" });
    const otherStatus = t.db.prepare("SELECT id FROM task_statuses WHERE project_id <> ? LIMIT 1").get(scrum) as { id: number };
    const bad = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "x", status: otherStatus.id } });
    expect(await bad.json()).toEqual({ _error_message: "You don't have permissions to set this status to this task.", _error_type: "taiga.base.exceptions.WrongArguments" });
    await expectLikeRecording(await t.request("/tasks", { method: "POST", as: "erin", body: { project: scrum, subject: "stakeholder task" } }), recording("errors/019"), { exactBody: true });
    const parse = await t.request("/tasks", { method: "POST", as: "admin", rawBody: '{"project": 1, "subject": ' });
    expect(parse.status).toBe(400);
    expect(await parse.json()).toEqual({ _error_message: "JSON parse error - Expecting value: line 1 column 27 (char 26)", _error_type: "taiga.base.exceptions.ParseError" });
    const wrongType = await t.request("/tasks", { method: "POST", as: "admin", body: { project: "abc", subject: "x" } });
    expect(await wrongType.json()).toEqual({ project: ["Incorrect type. Expected pk value, received str."] });
    const missing = await t.request("/tasks", { method: "POST", as: "admin", body: { project: 99999, subject: "x" } });
    expect(await missing.json()).toEqual({ project: ["Invalid pk '99999' - object does not exist."] });
    const outsider = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "x", assigned_to: t.ids.user("frank") + 1000 } });
    expect(outsider.status).toBe(400);
    const anon = await t.request("/tasks", { method: "POST", body: { project: scrum, subject: "x" } });
    expect(anon.status).toBe(401);
    const nonObject = await t.request("/tasks", { method: "POST", as: "admin", body: [1, 2] });
    expect(await nonObject.json()).toEqual({ non_field_errors: ["Invalid data. Expected a dictionary, but got list."] });
    expect(t.snapshot()).toBe(before);
  });
});

describe("field errors of tasks and issues", () => {
  it("speak DRF 2's words, as stories and every other endpoint do, and write nothing", async () => {
    const before = t.snapshot();
    const milestone = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    const task = await t.request("/tasks", { method: "POST", as: "admin", body: { project: scrum, subject: "", us_order: "abc" } });
    expect(task.status).toBe(400);
    expect(await task.json()).toEqual({ subject: ["This field is required."], us_order: ["Enter a whole number."] });
    const bulkTasks = await t.request("/tasks/bulk_create", { method: "POST", as: "admin", body: { project_id: "abc", milestone_id: milestone, bulk_tasks: "A" } });
    expect(await bulkTasks.json()).toEqual({ project_id: ["Enter a whole number."] });
    const bulkIssues = await t.request("/issues/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, milestone_id: 1.5, bulk_issues: 7 } });
    expect(await bulkIssues.json()).toEqual({ milestone_id: ["Enter a whole number."], bulk_issues: ["Not a valid string."] });
    expect(t.snapshot()).toBe(before);
  });
});

describe("subjects as the real Taiga keeps them", () => {
  it("a subject of spaces or longer than 500 characters is stored as sent (Taiga's subject is a TextField)", async () => {
    for (const path of ["/tasks", "/issues", "/userstories"]) {
      for (const subject of ["   ", "x".repeat(501)]) {
        const res = await t.request(path, { method: "POST", as: "admin", body: { project: scrum, subject } });
        expect(res.status, `${path} ${subject.length}`).toBe(201);
        expect(((await res.json()) as { subject: string }).subject).toBe(subject);
      }
    }
  });
});

describe("PUT/PATCH /tasks/{id}", () => {
  it("follows Taiga's OCC: edit, stale same field 400, stale other field 200, comment with stale version 200 (tasks/015-017, history/022)", async () => {
    const task = await createTask({ subject: "Recorded task" });
    const ok = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { subject: "Task edited (v1->v2)", version: 1 } });
    const edited = (await expectLikeRecording(ok, recording("tasks/015"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task;
    expect(ok.headers.get("taiga-info-order-updated")).toBe("{}");
    expect(edited.version).toBe(2);

    const before = t.snapshot();
    await expectLikeRecording(await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { subject: "Task stale edit", version: 1 } }), recording("tasks/016"), { exactBody: true });
    expect(t.snapshot()).toBe(before);

    const other = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { description: "Task: stale edit of another field", version: 1 } });
    const third = (await expectLikeRecording(other, recording("tasks/017"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task & { description: string; subject: string };
    expect(third.version).toBe(3);
    expect(third.subject).toBe("Task edited (v1->v2)");

    const comment = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { comment: "Task comment", version: 1 } });
    const commented = (await expectLikeRecording(comment, recording("history/022"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task;
    expect(commented.version).toBe(4);
    expect(commented.total_comments).toBe(1);
    expect(commented.watchers).toContain(t.ids.user("admin"));

    for (const version of [undefined, 9]) {
      const res = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { subject: "x", version } });
      expect(await res.json()).toEqual({ version: "The version parameter is not valid" });
    }
    const notInt = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { subject: "x", version: "abc" } });
    expect(notInt.status).toBe(400);
  });

  it("writes a history entry with the diff and names (GET /history/task)", async () => {
    const task = await createTask({ subject: "History" });
    const closed = t.db.prepare("SELECT id, name FROM task_statuses WHERE project_id = ? AND is_closed = 1").get(scrum) as { id: number; name: string };
    const res = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { status: closed.id, version: 1 } });
    const body = (await res.json()) as { is_closed: boolean; finished_date: string | null };
    expect(body.is_closed).toBe(true);
    expect(body.finished_date).not.toBeNull();
    const history = await t.request(`/history/task/${task.id}`, { as: "admin" });
    const entries = (await expectLikeRecording(history, recording("history/018"), {
      alsoShapes: [recording("history/019"), recording("history/001")],
      dynamicKeys: ["*.values.status", "*.values.users"],
    })) as {
      diff: Record<string, unknown>;
      values_diff: Record<string, unknown>;
      key: string;
    }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.key).toBe(`tasks.task:${task.id}`);
    expect(entries[0]?.diff.status).toEqual([task.status, closed.id]);
    expect((entries[0]?.values_diff.status as string[])[1]).toBe(closed.name);
  });

  it("PUT replaces the task (tasks/018) and reports the renumbered orders", async () => {
    const task = await createTask({ subject: "Recorded task" });
    const status = t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? ORDER BY \"order\" LIMIT 1 OFFSET 2").get(scrum) as { id: number };
    const res = await t.request(`/tasks/${task.id}`, {
      method: "PUT",
      as: "admin",
      body: { project: scrum, subject: "Recorded task (PUT)", description: "Replaced by PUT", status: status.id, user_story: null, milestone: null, tags: [], is_blocked: false, blocked_note: "", is_iocaine: false, version: 1 },
    });
    const body = (await expectLikeRecording(res, recording("tasks/018"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task & { description: string };
    expect(body.subject).toBe("Recorded task (PUT)");
    expect(body.description).toBe("Replaced by PUT");
    expect(body.status).toBe(status.id);
    expect(JSON.parse(res.headers.get("taiga-info-order-updated") ?? "")).toHaveProperty(String(task.id));
  });

  it("a taskboard drop shifts the cell's neighbours and reports them in Taiga-Info-Order-Updated", async () => {
    const sprint = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
    const status = (t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? ORDER BY \"order\" LIMIT 1").get(scrum) as { id: number }).id;
    const story = t.db.prepare("SELECT id FROM userstories WHERE milestone_id = ? LIMIT 1").get(sprint) as { id: number };
    const a = await createTask({ subject: "A", user_story: story.id, status, taskboard_order: 1 });
    const b = await createTask({ subject: "B", user_story: story.id, status, taskboard_order: 2 });
    const c = await createTask({ subject: "C", user_story: story.id, status, taskboard_order: 3 });
    const res = await t.request(`/tasks/${c.id}`, { method: "PATCH", as: "admin", body: { taskboard_order: 1, version: 1 } });
    expect(res.status).toBe(200);
    const header = JSON.parse(res.headers.get("taiga-info-order-updated") ?? "{}") as Record<string, number>;
    expect(header[String(a.id)]).toBe(2);
    expect(header[String(b.id)]).toBe(3);
    const orders = (id: number): number => (t.db.prepare("SELECT taskboard_order FROM tasks WHERE id = ?").get(id) as { taskboard_order: number }).taskboard_order;
    expect([orders(c.id), orders(a.id), orders(b.id)]).toEqual([1, 2, 3]);
  });

  it("moving a task to a story takes the story's sprint; closing its last task closes the story", async () => {
    const story = t.db.prepare("SELECT id, milestone_id FROM userstories WHERE project_id = ? AND milestone_id IS NOT NULL AND is_closed = 0 LIMIT 1").get(scrum) as { id: number; milestone_id: number };
    const task = await createTask({ subject: "Loose" });
    const res = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body: { user_story: story.id, version: 1 } });
    expect(((await res.json()) as Task).milestone).toBe(story.milestone_id);
    const closed = (t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND is_closed = 1").get(scrum) as { id: number }).id;
    for (const row of t.db.prepare("SELECT id, version FROM tasks WHERE user_story_id = ?").all(story.id) as { id: number; version: number }[]) {
      expect((await t.request(`/tasks/${row.id}`, { method: "PATCH", as: "admin", body: { status: closed, version: row.version } })).status).toBe(200);
    }
    expect((t.db.prepare("SELECT is_closed FROM userstories WHERE id = ?").get(story.id) as { is_closed: number }).is_closed).toBe(1);
  });

  it("permissions: a Stakeholder may comment but not edit; a non-member gets 403, anonymous 401; nothing changes", async () => {
    const task = await createTask({ subject: "Perms" });
    const before = t.snapshot();
    const edit = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "erin", body: { subject: "no", version: 1 } });
    expect(edit.status).toBe(403);
    const anon = await t.request(`/tasks/${task.id}`, { method: "PATCH", body: { comment: "no", version: 1 } });
    expect(anon.status).toBe(401);
    expect(t.snapshot()).toBe(before);
    const comment = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "erin", body: { comment: "Stakeholder comment", version: 1 } });
    expect(comment.status).toBe(200);
  });

  it("bad input answers 400 and leaves the database unchanged", async () => {
    const task = await createTask({ subject: "Bad input" });
    const before = t.snapshot();
    const cases: [unknown, number][] = [
      [{ subject: "", version: 1 }, 400],
      [{ status: "x", version: 1 }, 400],
      [{ status: 99999, version: 1 }, 400],
      [{ tags: "nope", version: 1 }, 400],
      [{ due_date: "31-12-2026", version: 1 }, 400],
      [{ is_blocked: "maybe", version: 1 }, 400],
      [{ assigned_to: 99999, version: 1 }, 400],
      [{ watchers: ["a"], version: 1 }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/json");
    }
    const malformed = await t.request(`/tasks/${task.id}`, { method: "PATCH", as: "admin", rawBody: "{nope" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { _error_type: string })._error_type).toBe("taiga.base.exceptions.ParseError");
    expect((await t.request("/tasks/abc", { method: "PATCH", as: "admin", body: {} })).status).toBe(404);
    expect((await t.request("/tasks/99999", { method: "PATCH", as: "admin", body: { subject: "x", version: 1 } })).status).toBe(404);
    expect(t.snapshot()).toBe(before);
  });
});

describe("DELETE /tasks/{id}", () => {
  it("answers 204 (tasks/026) and the task is gone; a Stakeholder cannot delete", async () => {
    const task = await createTask({ subject: "Delete me" });
    expect((await t.request(`/tasks/${task.id}`, { method: "DELETE", as: "erin" })).status).toBe(403);
    const res = await t.request(`/tasks/${task.id}`, { method: "DELETE", as: "admin" });
    await expectLikeRecording(res, recording("tasks/026"));
    expect((await t.request(`/tasks/${task.id}`, { as: "admin" })).status).toBe(404);
  });
});

describe("bulk endpoints", () => {
  it("bulk_create makes tasks in a sprint and story (ordering/055) and requires milestone_id (ordering/057)", async () => {
    const story = t.db.prepare("SELECT id, milestone_id FROM userstories WHERE project_id = ? AND milestone_id IS NOT NULL LIMIT 1").get(scrum) as { id: number; milestone_id: number };
    const res = await t.request("/tasks/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, milestone_id: story.milestone_id, us_id: story.id, bulk_tasks: "Bulk task A\nBulk task B" } });
    const body = (await expectLikeRecording(res, recording("ordering/055"), { alsoShapes: WRITE_SHAPES(), nullable: NULLABLE })) as Task[];
    expect(body.map((x) => [x.subject, x.user_story, x.milestone])).toEqual([
      ["Bulk task A", story.id, story.milestone_id],
      ["Bulk task B", story.id, story.milestone_id],
    ]);
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/tasks/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, us_id: story.id, bulk_tasks: "x" } }), recording("ordering/057"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
  });

  it("bulk_update_taskboard_order applies Taiga's order maths and returns the changed tasks (ordering/059, ordering/063)", async () => {
    const sprint = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
    const cell = taskRows("milestone_id = ?", sprint);
    expect(cell.length).toBeGreaterThan(1);
    const first = cell[0] as { id: number };
    const second = cell[1] as { id: number };
    const res = await t.request("/tasks/bulk_update_taskboard_order", {
      method: "POST",
      as: "admin",
      body: { project_id: scrum, milestone_id: sprint, bulk_tasks: [{ task_id: second.id, order: 0 }] },
    });
    const body = (await expectLikeRecording(res, recording("ordering/059"), { dynamicKeys: ["$"] })) as Record<string, number>;
    expect(body[String(second.id)]).toBe(0);
    expect((t.db.prepare("SELECT taskboard_order FROM tasks WHERE id = ?").get(second.id) as { taskboard_order: number }).taskboard_order).toBe(0);
    expect(Object.keys(body)).toContain(String(first.id));

    const before = t.snapshot();
    const otherStatus = (t.db.prepare("SELECT id FROM task_statuses WHERE project_id = ? AND id <> (SELECT status_id FROM tasks WHERE id = ?) LIMIT 1").get(scrum, first.id) as { id: number }).id;
    await expectLikeRecording(
      await t.request("/tasks/bulk_update_taskboard_order", { method: "POST", as: "admin", body: { project_id: scrum, status_id: otherStatus, bulk_tasks: [{ task_id: first.id, order: 0 }] } }),
      recording("ordering/063"),
      { exactBody: true },
    );
    expect((await t.request("/tasks/bulk_update_taskboard_order", { method: "POST", as: "erin", body: { project_id: scrum, bulk_tasks: [{ task_id: first.id, order: 0 }] } })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
  });

  it("bulk_update_us_order renumbers inside the story (ordering/064)", async () => {
    const story = t.db.prepare("SELECT user_story_id AS id FROM tasks WHERE project_id = ? AND user_story_id IS NOT NULL GROUP BY user_story_id HAVING COUNT(*) >= 3 LIMIT 1").get(scrum) as { id: number };
    const tasks = taskRows("user_story_id = ?", story.id);
    const [, b, c] = tasks as [unknown, { id: number }, { id: number }];
    const res = await t.request("/tasks/bulk_update_us_order", { method: "POST", as: "admin", body: { project_id: scrum, us_id: story.id, bulk_tasks: [{ task_id: b.id, order: 1 }, { task_id: c.id, order: 2 }] } });
    const body = (await expectLikeRecording(res, recording("ordering/064"), { dynamicKeys: ["$"] })) as Record<string, number>;
    expect(body[String(b.id)]).toBe(1);
    expect(body[String(c.id)]).toBe(2);
  });
});

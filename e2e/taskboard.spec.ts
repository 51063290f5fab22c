/**
 * The sprint taskboard, driven in real Chromium on either backend (the embedded demo, or a real
 * Taiga's project-1): each spec reads the project and its sprint from the API, works on stories and
 * tasks of its own inside that sprint (created through the API, deleted afterwards), and checks every
 * move on screen and read back from `GET /tasks`.
 */
import type { Locator, Page, Response } from "@playwright/test";
import { createItem, deleteCreatedLater, memberWho, projectBySlug, runTag, type ProjectDetail, type WorkItem } from "./data";
import { backend, expect, login, test, type Api, type Cleanup } from "./fixtures";

interface Sprint {
  id: number;
  slug: string;
  name: string;
  estimated_start: string;
  estimated_finish: string;
  closed: boolean;
  user_stories: { id: number; ref: number; subject: string; is_closed: boolean }[];
}
interface TaskRow {
  id: number;
  ref: number;
  subject: string;
  status: number;
  user_story: number | null;
  milestone: number | null;
  taskboard_order: number;
  version: number;
  is_closed: boolean;
}
interface Story {
  id: number;
  ref: number;
  subject: string;
  is_closed: boolean;
  version: number;
}

// A board wants a desktop-sized window: a story column and five status columns.
test.use({ viewport: { width: 1600, height: 1000 } });
// Each spec drags in many small pointer steps and reloads the board: on a loaded machine that takes
// longer than the suite's default (what a user waits for is measured in bench/, not here).
test.describe.configure({ timeout: backend.kind === "real" ? 90_000 : 60_000 });

interface Board {
  project: ProjectDetail;
  sprint: Sprint;
  /** Task statuses by order. */
  statuses: ProjectDetail["task_statuses"];
  open: number;
  second: number;
  closed: number;
}

/** The main project and its sprint: the first open one (the shell's "current" sprint), else the first. */
async function board(api: Api): Promise<Board> {
  const project = await projectBySlug(api, backend.mainProject);
  const summary = project.milestones.find((m) => !m.closed) ?? project.milestones[0];
  if (!summary) throw new Error(`${project.slug} has no sprint`);
  const sprint = await api.get<Sprint>(`/milestones/${summary.id}`);
  const statuses = [...project.task_statuses].sort((a, b) => a.order - b.order);
  const openStatuses = statuses.filter((s) => !s.is_closed);
  const closed = statuses.find((s) => s.is_closed);
  if (openStatuses.length < 2 || !closed) throw new Error("the project needs two open task statuses and a closed one");
  return { project, sprint, statuses, open: openStatuses[0]!.id, second: openStatuses[1]!.id, closed: closed.id };
}

/** A story of this spec in the sprint, deleted after the spec. */
async function sprintStory(api: Api, cleanup: Cleanup, b: Board, name: string): Promise<WorkItem> {
  return createItem(api, cleanup, "userstory", b.project.id, { subject: `${runTag} ${name}`, milestone: b.sprint.id });
}

async function sprintTask(api: Api, cleanup: Cleanup, b: Board, name: string, story: number | null, status: number): Promise<WorkItem> {
  return createItem(api, cleanup, "task", b.project.id, { subject: `${runTag} ${name}`, user_story: story, status, milestone: b.sprint.id });
}

async function tasks(api: Api, b: Board): Promise<TaskRow[]> {
  return api.list<TaskRow>(`/tasks?project=${b.project.id}&milestone=${b.sprint.id}`);
}

/** Task ids of a cell in the server's board order (taskboard_order, then id). */
function serverCell(all: TaskRow[], story: number | null, status: number): number[] {
  return all
    .filter((t) => t.user_story === story && t.status === status)
    .sort((a, b) => a.taskboard_order - b.taskboard_order || a.id - b.id)
    .map((t) => t.id);
}

const cellId = (story: number | null, status: number) => `cell:${story ?? "none"}:${status}`;
const cell = (page: Page, story: number | null, status: number): Locator => page.locator(`[data-cell="${cellId(story, status)}"]`);
const card = (page: Page, id: number): Locator => page.locator(`[data-task-id="${id}"]`);

async function screenCell(page: Page, story: number | null, status: number): Promise<number[]> {
  return page
    .locator(`[data-cell-list="${cellId(story, status)}"] [data-task-id]`)
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.taskId)));
}

/** Signs in and opens the sprint's board, showing only this run's tasks (other stories fold away). */
async function openBoard(page: Page, b: Board, query = `?q=${runTag}`) {
  await login(page, "admin");
  await page.goto(`/project/${b.project.slug}/taskboard/${b.sprint.slug}${query}`);
  // (the first visit loads the view's chunk as well as the board's four requests)
  await expect(page.getByRole("columnheader", { name: b.statuses[0]!.name, exact: true })).toBeVisible({ timeout: 15_000 });
}

/** Scrolls the board (its story rows are virtualized) to the top or the bottom, where this spec's rows are. */
async function scrollBoard(page: Page, where: "top" | "bottom") {
  await page.getByTestId("taskboard").evaluate((el, to) => (el.scrollTop = to === "top" ? 0 : el.scrollHeight), where);
}

/**
 * Scrolls the board so that the source and the target sit around its middle: dnd-kit scrolls the
 * board by itself while the pointer is within a fifth of its height from an edge, which would move
 * the target away from under a pointer that stops there.
 */
async function centreBoard(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const board = page.getByTestId("taskboard");
  const [s, t, b] = await Promise.all([source.boundingBox(), target.boundingBox(), board.boundingBox()]);
  if (!s || !t || !b) throw new Error("drag source or target not visible");
  const middle = (s.y + s.height / 2 + t.y + t.height / 2) / 2;
  await board.evaluate((el, by) => el.scrollBy(0, by), middle - (b.y + b.height / 2));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** A mouse drag in small steps (dnd-kit needs real pointer moves). */
async function drag(page: Page, source: Locator, target: Locator, where: "top" | "bottom" | "middle") {
  await centreBoard(page, source, target);
  const from = await source.boundingBox();
  if (!from) throw new Error("drag source not visible");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  const to = await target.boundingBox();
  if (!to) throw new Error("drag target not visible");
  const y = where === "top" ? to.y + to.height * 0.2 : where === "bottom" ? to.y + to.height * 0.85 : to.y + to.height / 2;
  await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, y + 2, { steps: 3 });
  await page.mouse.up();
}

const isMove = (r: Response) => /\/tasks\/\d+$/.test(new URL(r.url()).pathname) && r.request().method() === "PATCH";
const isReorder = (r: Response) => r.url().includes("/tasks/bulk_update_taskboard_order");

/**
 * Space on the focused card, then wait until dnd-kit listens for arrows (its keyboard sensor adds the
 * listener in a zero-delay timer after the pick-up; a person never types that fast).
 */
async function pickUp(page: Page): Promise<void> {
  await page.keyboard.press("Space");
  await expect(page.getByText(/^Picked up #\d+ /)).toBeAttached();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

test("shows the sprint: a region per story and the storyless row, a column header per status, cards named #ref subject, in 4 requests", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const story = await sprintStory(api, cleanup, b, "Shown story");
  const blocked = await createItem(api, cleanup, "task", b.project.id, { subject: `${runTag} Blocked task`, user_story: story.id, status: b.open, is_blocked: true, blocked_note: "waiting" });
  const done = await sprintTask(api, cleanup, b, "Done task", story.id, b.closed);
  const loose = await sprintTask(api, cleanup, b, "Loose task", null, b.second);
  const all = await tasks(api, b);

  await login(page, "admin");
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(backend.apiBase)) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`/project/${b.project.slug}/taskboard/${b.sprint.slug}`);
  await expect(page.getByRole("columnheader", { name: b.statuses[0]!.name, exact: true })).toBeVisible();
  // The session, the project, the sprint (its stories nested) and its tasks.
  await page.waitForLoadState("networkidle");
  expect(requests.length, requests.join("\n")).toBeLessThanOrEqual(4);

  for (const s of b.statuses) await expect(page.getByRole("columnheader", { name: s.name, exact: true })).toBeVisible();
  for (const s of b.sprint.user_stories.slice(0, 2)) await expect(page.getByRole("region", { name: `#${s.ref} ${s.subject}`, exact: true })).toBeAttached();
  // This spec's story comes last in sprint order, then the storyless row.
  await scrollBoard(page, "bottom");
  await expect(page.getByRole("region", { name: `#${story.ref} ${story.subject}`, exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tasks without a story", exact: true })).toBeVisible();

  const row = page.getByRole("region", { name: `#${story.ref} ${story.subject}`, exact: true });
  await expect(row.getByRole("link", { name: new RegExp(`^#${blocked.ref} ${blocked.subject}, blocked`) })).toBeVisible();
  await expect(row.getByRole("link", { name: new RegExp(`^#${done.ref} ${done.subject}, closed`) })).toBeVisible();
  await expect(page.getByRole("region", { name: "Tasks without a story", exact: true }).getByRole("link", { name: new RegExp(`^#${loose.ref} ${loose.subject}`) })).toBeVisible();
  // Cells hold the server's tasks in the server's order.
  expect(await screenCell(page, story.id, b.open)).toEqual(serverCell(all, story.id, b.open));
  expect(await screenCell(page, null, b.second)).toEqual(serverCell(all, null, b.second));

  // Progress: open and closed tasks of the sprint, as the server counts them.
  await expect(page.getByTestId("open-tasks")).toHaveText(String(all.filter((t) => !t.is_closed).length));
  await expect(page.getByTestId("closed-tasks")).toHaveText(String(all.filter((t) => t.is_closed).length));

  // A card opens its task in the side panel; Escape comes back to the board.
  await row.getByRole("link", { name: new RegExp(`^#${blocked.ref} `) }).click();
  await expect(page).toHaveURL(new RegExp(`/task/${blocked.ref}$`));
  await expect(page.getByTestId("item-panel")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("item-panel")).toHaveCount(0);
  await expect(card(page, blocked.id)).toBeVisible();
});

test("mouse: a task moves to another status, then to another story, each as one PATCH with version and set-orders; the reload agrees with GET /tasks", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Story A");
  const s2 = await sprintStory(api, cleanup, b, "Story B");
  const t1 = await sprintTask(api, cleanup, b, "Move me", a.id, b.open);
  const t2 = await sprintTask(api, cleanup, b, "Stay A1", a.id, b.second);
  const t3 = await sprintTask(api, cleanup, b, "Stay A2", a.id, b.second);
  // (a task of its own keeps story B's row open while the board shows this run's tasks only)
  await sprintTask(api, cleanup, b, "B keeper", s2.id, b.second);
  await openBoard(page, b);
  await expect(card(page, t1.id)).toBeVisible();

  // Between t2 and t3 of the next status.
  let move = page.waitForResponse(isMove);
  await drag(page, card(page, t1.id), card(page, t3.id), "top");
  let answer = await move;
  expect(answer.status()).toBe(200);
  expect(answer.request().postDataJSON()).toMatchObject({ status: b.second, user_story: a.id, version: t1.version });
  expect(answer.request().headers()["set-orders"]).toBeDefined();
  await expect.poll(() => screenCell(page, a.id, b.second)).toEqual([t2.id, t1.id, t3.id]);
  await expect.poll(async () => serverCell(await tasks(api, b), a.id, b.second)).toEqual([t2.id, t1.id, t3.id]);

  // Into story B's empty cell of the first status.
  move = page.waitForResponse(isMove);
  await drag(page, card(page, t1.id), cell(page, s2.id, b.open), "middle");
  answer = await move;
  expect(answer.status()).toBe(200);
  expect(answer.request().postDataJSON()).toMatchObject({ status: b.open, user_story: s2.id });
  await expect.poll(() => screenCell(page, s2.id, b.open)).toEqual([t1.id]);

  await page.reload();
  await expect(card(page, t1.id)).toBeVisible();
  const all = await tasks(api, b);
  const moved = all.find((t) => t.id === t1.id)!;
  expect([moved.status, moved.user_story, moved.milestone]).toEqual([b.open, s2.id, b.sprint.id]);
  for (const [story, status] of [[a.id, b.second], [s2.id, b.open], [a.id, b.open]] as const) {
    expect(await screenCell(page, story, status)).toEqual(serverCell(all, story, status));
  }
});

test("keyboard only: Space lifts, Left/Right change status, Up/Down move within the cell and into the story below, Space drops, Escape cancels", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Keys A");
  const s2 = await sprintStory(api, cleanup, b, "Keys B");
  const t1 = await sprintTask(api, cleanup, b, "Keyed", a.id, b.open);
  const other = await sprintTask(api, cleanup, b, "Keyed neighbour", a.id, b.second);
  const below = await sprintTask(api, cleanup, b, "Below", s2.id, b.second);
  await openBoard(page, b);
  const secondName = b.statuses.find((s) => s.id === b.second)!.name;

  // Right: the next status, same story, same position (before the card there).
  await card(page, t1.id).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(new RegExp(`moved to position 1 of 2 in ${secondName}, #${a.ref} `))).toBeAttached();
  let move = page.waitForResponse(isMove);
  await page.keyboard.press("Space");
  expect((await move).status()).toBe(200);
  await expect.poll(() => screenCell(page, a.id, b.second)).toEqual([t1.id, other.id]);
  await expect(card(page, t1.id)).toBeFocused();

  // Down within the cell: a reorder (one bulk_update_taskboard_order).
  await pickUp(page);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(/moved to position 2 of 2/)).toBeAttached();
  const reorder = page.waitForResponse(isReorder);
  await page.keyboard.press("Space");
  expect((await reorder).status()).toBe(200);
  await expect.poll(() => screenCell(page, a.id, b.second)).toEqual([other.id, t1.id]);

  // Escape cancels: nothing is sent, the card stays.
  let sent = false;
  const watch = (r: { url: () => string; method: () => string }) => {
    if (r.method() !== "GET" && r.url().includes("/tasks")) sent = true;
  };
  page.on("request", watch);
  await card(page, t1.id).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByText(/moved to position/)).toBeAttached();
  await page.keyboard.press("Escape");
  await expect(page.getByText(/Move cancelled/)).toBeAttached();
  await expect.poll(() => screenCell(page, a.id, b.second)).toEqual([other.id, t1.id]);
  expect(sent).toBe(false);
  page.off("request", watch);

  // Down past the cell's last card: into story B's row below, at its top.
  await card(page, t1.id).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(new RegExp(`in ${secondName}, #${s2.ref} `)).first()).toBeAttached();
  move = page.waitForResponse(isMove);
  await page.keyboard.press("Space");
  const intoB = await move;
  expect(intoB.status()).toBe(200);
  expect(intoB.request().postDataJSON()).toMatchObject({ status: b.second, user_story: s2.id });
  await expect.poll(() => screenCell(page, s2.id, b.second)).toEqual([t1.id, below.id]);

  await page.reload();
  await expect(card(page, t1.id)).toBeVisible();
  const all = await tasks(api, b);
  expect(serverCell(all, s2.id, b.second)).toEqual([t1.id, below.id]);
  expect(await screenCell(page, s2.id, b.second)).toEqual(serverCell(all, s2.id, b.second));
  expect(serverCell(all, a.id, b.second)).toEqual([other.id]);
});

test("reorder inside a cell is one bulk_update_taskboard_order; the reload agrees with GET /tasks", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Order");
  const ids: number[] = [];
  for (const n of [1, 2, 3]) ids.push((await sprintTask(api, cleanup, b, `Ordered ${n}`, a.id, b.open)).id);
  await openBoard(page, b);
  await expect.poll(() => screenCell(page, a.id, b.open)).toEqual(ids);

  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().startsWith(backend.apiBase)) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const reorder = page.waitForResponse(isReorder);
  await drag(page, card(page, ids[2]!), card(page, ids[0]!), "top");
  const answer = await reorder;
  expect(answer.status()).toBe(200);
  expect(answer.request().postDataJSON()).toMatchObject({ project_id: b.project.id, milestone_id: b.sprint.id, status_id: b.open, us_id: a.id });
  const wanted = [ids[2]!, ids[0]!, ids[1]!];
  await expect.poll(() => screenCell(page, a.id, b.open)).toEqual(wanted);
  expect(requests).toEqual(["POST /api/v1/tasks/bulk_update_taskboard_order"]);

  await page.reload();
  await expect(card(page, ids[0]!)).toBeVisible();
  const all = await tasks(api, b);
  expect(serverCell(all, a.id, b.open)).toEqual(wanted);
  expect(await screenCell(page, a.id, b.open)).toEqual(wanted);
});

test("quick add (Enter) in a cell and bulk add per story create tasks where asked", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Adding");
  deleteCreatedLater(api, cleanup, "task", b.project.id, (subject) => subject.startsWith(`${runTag} `));
  await openBoard(page, b, "");
  const row = `#${a.ref} ${a.subject}`;
  const second = b.statuses.find((s) => s.id === b.second)!.name;
  await scrollBoard(page, "bottom");
  const region = page.getByRole("region", { name: row, exact: true });

  await region.getByRole("button", { name: `Add a task to ${second}, ${row}`, exact: true }).click();
  const input = page.getByRole("textbox", { name: `New task title for ${second}, ${row}` });
  await input.fill(`${runTag} Quick task`);
  await input.press("Enter");
  await expect(cell(page, a.id, b.second).getByRole("link", { name: new RegExp(`^#\\d+ ${runTag} Quick task`) })).toBeVisible();
  await expect(input).toHaveValue("");

  // A quick add into the storyless row too.
  await scrollBoard(page, "bottom");
  const storyless = page.getByRole("region", { name: "Tasks without a story", exact: true });
  await storyless.getByRole("button", { name: `Add a task to ${b.statuses[0]!.name}, Tasks without a story`, exact: true }).click();
  const loose = page.getByRole("textbox", { name: `New task title for ${b.statuses[0]!.name}, Tasks without a story` });
  await loose.fill(`${runTag} Loose quick task`);
  await loose.press("Enter");
  await expect(cell(page, null, b.statuses[0]!.id).getByRole("link", { name: new RegExp(`^#\\d+ ${runTag} Loose quick task`) })).toBeVisible();

  await region.getByRole("button", { name: `Add several tasks to ${row}` }).click();
  const dialog = page.getByRole("dialog", { name: `Add tasks to ${row}` });
  await dialog.getByLabel("Task titles").fill(`${runTag} Bulk one\n\n  ${runTag} Bulk two  \n`);
  await dialog.getByLabel("Status").selectOption({ label: second });
  const bulk = page.waitForResponse((r) => r.url().includes("/tasks/bulk_create"));
  await dialog.getByRole("button", { name: "Add 2 tasks" }).click();
  expect((await bulk).request().postDataJSON()).toMatchObject({ project_id: b.project.id, milestone_id: b.sprint.id, us_id: a.id, status_id: b.second });
  await expect(dialog).toBeHidden();
  await expect(cell(page, a.id, b.second).getByRole("link", { name: new RegExp(`^#\\d+ ${runTag} Bulk two`) })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("columnheader", { name: second, exact: true })).toBeVisible();
  await scrollBoard(page, "bottom");
  await expect(cell(page, a.id, b.second).getByRole("link", { name: new RegExp(`^#\\d+ ${runTag} Bulk one`) })).toBeVisible();
  const all = await tasks(api, b);
  const bySubject = (s: string) => all.find((t) => t.subject === `${runTag} ${s}`);
  for (const s of ["Quick task", "Bulk one", "Bulk two"]) expect([bySubject(s)?.user_story, bySubject(s)?.status]).toEqual([a.id, b.second]);
  expect([bySubject("Loose quick task")?.user_story, bySubject("Loose quick task")?.milestone]).toEqual([null, b.sprint.id]);
  expect(await screenCell(page, a.id, b.second)).toEqual(serverCell(all, a.id, b.second));
});

test("closing every task of a story shows the story closed; reopening one reopens it", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const s = await sprintStory(api, cleanup, b, "Closing");
  const t1 = await sprintTask(api, cleanup, b, "Close one", s.id, b.open);
  const t2 = await sprintTask(api, cleanup, b, "Close two", s.id, b.second);
  await openBoard(page, b);
  const region = page.getByRole("region", { name: `#${s.ref} ${s.subject}`, exact: true });
  await expect(region.getByTestId("story-closed")).toHaveCount(0);

  for (const t of [t1, t2]) {
    const move = page.waitForResponse(isMove);
    await drag(page, card(page, t.id), cell(page, s.id, b.closed), "middle");
    expect((await move).status()).toBe(200);
  }
  await expect(region.getByTestId("story-closed")).toBeVisible();
  expect((await api.get<Story>(`/userstories/${s.id}`)).is_closed).toBe(true);
  await expect(region.getByRole("link", { name: new RegExp(`^#${t1.ref} .*, closed`) })).toBeVisible();

  const move = page.waitForResponse(isMove);
  await drag(page, card(page, t1.id), cell(page, s.id, b.open), "middle");
  expect((await move).status()).toBe(200);
  await expect(region.getByTestId("story-closed")).toHaveCount(0);
  expect((await api.get<Story>(`/userstories/${s.id}`)).is_closed).toBe(false);
  await page.reload();
  await expect(page.getByRole("region", { name: `#${s.ref} ${s.subject}`, exact: true }).getByTestId("story-closed")).toHaveCount(0);
});

test("a drop the server refuses rolls back and says why", async ({ page, api, cleanup, guard }) => {
  guard.allow(400, /^PATCH \/.*tasks\/\d+$/, /user_story/);
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Refuse A");
  const gone = await sprintStory(api, cleanup, b, "Refuse B");
  const t1 = await sprintTask(api, cleanup, b, "Refused", a.id, b.open);
  await sprintTask(api, cleanup, b, "Refused neighbour", a.id, b.open);
  await sprintTask(api, cleanup, b, "Goes with B", gone.id, b.open);
  await openBoard(page, b);
  const before = await screenCell(page, a.id, b.open);
  await expect(cell(page, gone.id, b.second)).toBeVisible();

  // Someone deletes story B meanwhile; this board has not heard of it.
  await api.send("DELETE", `/userstories/${gone.id}`);

  const move = page.waitForResponse(isMove);
  await drag(page, card(page, t1.id), cell(page, gone.id, b.second), "middle");
  expect((await move).status()).toBe(400);
  await expect(page.getByText(new RegExp(`Could not move #${t1.ref} ${runTag} Refused: .*does not exist.* The task is back where it was\\.`))).toBeVisible();
  await expect.poll(() => screenCell(page, a.id, b.open)).toEqual(before);
  const server = (await tasks(api, b)).find((t) => t.id === t1.id)!;
  expect([server.user_story, server.status]).toEqual([a.id, b.open]);
  // The board reads the sprint again: the deleted story's row is gone.
  await expect(page.getByRole("region", { name: `#${gone.ref} ${gone.subject}`, exact: true })).toHaveCount(0);
});

test("a version conflict is retried once when only the order changed; a task someone else moved is shown where it is", async ({ page, api, cleanup, guard }) => {
  guard.allowConflicts();
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Conflict A");
  const s2 = await sprintStory(api, cleanup, b, "Conflict B");
  const t1 = await sprintTask(api, cleanup, b, "Reordered elsewhere", a.id, b.open);
  const t2 = await sprintTask(api, cleanup, b, "Moved elsewhere", a.id, b.open);
  await sprintTask(api, cleanup, b, "B keeper", s2.id, b.second);
  await openBoard(page, b);
  await expect(card(page, t2.id)).toBeVisible();

  // Someone else changes t1's order (its version moves on; status and story stay).
  await api.send("PATCH", `/tasks/${t1.id}`, { taskboard_order: t1.version + 100000, version: t1.version });
  const patches: number[] = [];
  page.on("response", (r) => {
    if (isMove(r)) patches.push(r.status());
  });
  const done = page.waitForResponse((r) => isMove(r) && r.status() === 200);
  await drag(page, card(page, t1.id), cell(page, a.id, b.second), "middle");
  await done;
  expect(patches).toEqual([400, 200]);
  await expect.poll(() => screenCell(page, a.id, b.second)).toEqual([t1.id]);
  const t1Now = (await tasks(api, b)).find((t) => t.id === t1.id)!;
  expect([t1Now.status, t1Now.user_story]).toEqual([b.second, a.id]);

  // Someone else moves t2 to the closed status; this board drags it into story B.
  const t2Now = (await tasks(api, b)).find((t) => t.id === t2.id)!;
  await api.send("PATCH", `/tasks/${t2.id}`, { status: b.closed, version: t2Now.version });
  const refused = page.waitForResponse((r) => isMove(r) && r.status() === 400);
  await drag(page, card(page, t2.id), cell(page, s2.id, b.open), "middle");
  await refused;
  await expect(page.getByText(new RegExp(`#${t2.ref} ${runTag} Moved elsewhere was moved by someone else meanwhile`))).toBeVisible();
  // The board shows where it is now: story A, closed status.
  await expect.poll(() => screenCell(page, a.id, b.closed)).toEqual([t2.id]);
  const server = (await tasks(api, b)).find((t) => t.id === t2.id)!;
  expect([server.user_story, server.status]).toEqual([a.id, b.closed]);
});

test("the burndown shows one point per sprint day, ideal and remaining, with the figures as a table", async ({ page, api }) => {
  const b = await board(api);
  const stats = await api.get<{ days: { day: string; optimal_points: number; open_points: number }[] }>(`/milestones/${b.sprint.id}/stats`);
  const days = Math.round((Date.parse(b.sprint.estimated_finish) - Date.parse(b.sprint.estimated_start)) / 86_400_000) + 1;
  expect(stats.days).toHaveLength(days);
  await openBoard(page, b, "");
  const requested = page.waitForResponse((r) => r.url().endsWith(`/milestones/${b.sprint.id}/stats`));
  await page.getByRole("button", { name: "Show burndown" }).click();
  await requested;
  const figure = page.getByRole("figure", { name: `Burndown of ${b.sprint.name}` });
  await expect(figure.getByRole("img")).toBeVisible();
  await figure.getByText("Show the figures").click();
  const table = figure.getByRole("table", { name: `Burndown of ${b.sprint.name}` });
  await expect(table.locator("tbody tr")).toHaveCount(days);
  const first = stats.days[0]!;
  const format = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  await expect(table.locator("tbody tr").first().locator("td").first()).toHaveText(format(first.optimal_points));
  await expect(table.locator("tbody tr").last().locator("td").first()).toHaveText(format(stats.days.at(-1)!.optimal_points));
  await page.getByRole("button", { name: "Hide burndown" }).click();
  await expect(figure).toHaveCount(0);
});

test("filters live in the URL: assignee, text and #ref, tags; stories without a matching task fold away", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const me = await memberWho(api, b.project.slug);
  const a = await sprintStory(api, cleanup, b, "Filter A");
  const s2 = await sprintStory(api, cleanup, b, "Filter B");
  const mine = await createItem(api, cleanup, "task", b.project.id, { subject: `${runTag} Assigned task`, user_story: a.id, status: b.open, assigned_to: me.id });
  const tagged = await createItem(api, cleanup, "task", b.project.id, { subject: `${runTag} Tagged task`, user_story: s2.id, status: b.open, tags: [runTag] });
  const plain = await sprintTask(api, cleanup, b, "Plain task", s2.id, b.second);
  if (!backend.resettable) {
    cleanup.add(`forget tag ${runTag}`, async () => {
      const colors = await api.get<Record<string, unknown>>(`/projects/${b.project.id}/tags_colors`);
      if (Object.prototype.hasOwnProperty.call(colors, runTag)) await api.send("POST", `/projects/${b.project.id}/delete_tag`, { tag: runTag });
    });
  }
  await openBoard(page, b, "");
  const rowA = page.getByRole("region", { name: `#${a.ref} ${a.subject}`, exact: true });
  const rowB = page.getByRole("region", { name: `#${s2.ref} ${s2.subject}`, exact: true });

  await page.getByRole("combobox", { name: "Filter by assignee" }).selectOption({ value: String(me.id) });
  await expect(page).toHaveURL(new RegExp(`assignee=${me.id}`));
  await expect(card(page, mine.id)).toBeVisible();
  await expect(card(page, tagged.id)).toHaveCount(0);
  // Story B holds no matching task: it folds away.
  await expect(rowB.getByRole("button", { name: `Unfold #${s2.ref} ${s2.subject}` })).toBeDisabled();
  await expect(rowB.getByText("No task matches the filters")).toBeVisible();
  await expect(rowA.getByRole("button", { name: `Fold #${a.ref} ${a.subject}` })).toBeVisible();

  await page.getByRole("button", { name: /Remove filter Assignee/ }).click();
  await page.getByRole("combobox", { name: "Filter by tag" }).selectOption({ label: runTag });
  await expect(page).toHaveURL(new RegExp(`tags=${runTag}`));
  await expect(card(page, tagged.id)).toBeVisible();
  await expect(card(page, plain.id)).toHaveCount(0);
  await expect(rowA.getByText("No task matches the filters")).toBeVisible();

  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByRole("searchbox", { name: "Search tasks by subject or ref" }).fill(`#${plain.ref}`);
  await expect(page).toHaveURL(new RegExp(`q=%23${plain.ref}`));
  await expect(card(page, plain.id)).toBeVisible();
  await expect(card(page, tagged.id)).toHaveCount(0);

  // The URL holds the filters: a reload shows the same board.
  await page.reload();
  await expect(card(page, plain.id)).toBeVisible();
  await expect(card(page, mine.id)).toHaveCount(0);
  await expect(page.getByRole("searchbox", { name: "Search tasks by subject or ref" })).toHaveValue(`#${plain.ref}`);
});

test("folding rows and columns is remembered; the sprint selector lists open sprints first", async ({ page, api, cleanup }) => {
  const b = await board(api);
  const a = await sprintStory(api, cleanup, b, "Fold");
  const t = await sprintTask(api, cleanup, b, "Folded task", a.id, b.second);
  await openBoard(page, b);
  const secondName = b.statuses.find((s) => s.id === b.second)!.name;
  const row = `#${a.ref} ${a.subject}`;

  await page.getByRole("button", { name: `Fold ${secondName}`, exact: true }).click();
  await expect(card(page, t.id)).toHaveCount(0);
  await page.getByRole("button", { name: `Fold ${row}`, exact: true }).click();
  await expect(page.getByRole("region", { name: row, exact: true }).getByText("1 task (folded)")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("button", { name: `Unfold ${secondName}`, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Unfold ${row}`, exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Unfold ${row}`, exact: true }).click();
  await page.getByRole("button", { name: `Unfold ${secondName}`, exact: true }).click();
  await expect(card(page, t.id)).toBeVisible();

  const select = page.getByRole("combobox", { name: "Sprint" });
  await expect(select).toHaveValue(b.sprint.slug);
  const labels = await select.locator("optgroup").evaluateAll((groups) => groups.map((g) => (g as HTMLOptGroupElement).label));
  const open = b.project.milestones.filter((m) => !m.closed);
  const closed = b.project.milestones.filter((m) => m.closed);
  expect(labels).toEqual([...(open.length ? ["Open sprints"] : []), ...(closed.length ? ["Closed sprints"] : [])]);
  const other = b.project.milestones.find((m) => m.id !== b.sprint.id);
  if (other) {
    await select.selectOption(other.slug);
    await expect(page).toHaveURL(new RegExp(`/taskboard/${other.slug}$`));
    await expect(select).toHaveValue(other.slug);
  }
});

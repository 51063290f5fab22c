/**
 * The backlog and sprint planning page, driven in real Chromium: reordering, moving one story and a
 * selection into sprints, between them and back, an empty sprint, a new sprint filled, the keyboard
 * only, a refused drop, and the totals. After every move the screen is compared with what
 * `GET /userstories` and `GET /milestones` say (after a reload too).
 *
 * The same spec runs on the embedded server (fresh demo data before every test) and on a real Taiga
 * (`npm run test:real`, project-1 with one open sprint): the state is read from the API first, the
 * extra sprints a test needs are created through the API with dates no real sprint has (they sort
 * first) and deleted afterwards, and the stories moved are put back where they were.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { backend, expect, login, test, type Api } from "./fixtures";

interface Project {
  id: number;
  slug: string;
  my_permissions: string[];
}
interface Story {
  id: number;
  ref: number;
  subject: string;
  milestone: number | null;
  backlog_order: number;
  sprint_order: number;
  total_points: number | null;
  is_closed: boolean;
  version: number;
}
interface Sprint {
  id: number;
  name: string;
  slug: string;
  closed: boolean;
  estimated_start: string;
  total_points: number | null;
  closed_points: number | null;
  user_stories: Story[];
}

const SLUG = backend.mainProject;

// Room for the backlog list and the sprints panel side by side.
test.use({ viewport: { width: 1600, height: 1200 } });
// Each spec drags, reloads and reads the server back several times: more than the default budget
// on a shared, busy machine.
test.describe.configure({ timeout: backend.kind === "real" ? 180_000 : 120_000 });

async function projectOf(api: Api): Promise<Project> {
  return api.get<Project>(`/projects/by_slug?slug=${SLUG}`);
}

/** The backlog as the server orders it (backlog_order, then id). */
async function serverBacklog(api: Api, projectId: number): Promise<Story[]> {
  const list = await api.get<Story[]>(`/userstories?project=${projectId}&milestone=null`, "admin", { "x-disable-pagination": "True" });
  return list.sort((a, b) => a.backlog_order - b.backlog_order || a.id - b.id);
}

async function serverSprints(api: Api, projectId: number): Promise<Sprint[]> {
  return api.get<Sprint[]>(`/milestones?project=${projectId}&closed=false`, "admin", { "x-disable-pagination": "True" });
}

/** A sprint's story ids in sprint order (sprint_order, then id), from `GET /milestones`. */
async function serverSprint(api: Api, projectId: number, sprintId: number): Promise<number[]> {
  const sprint = (await serverSprints(api, projectId)).find((s) => s.id === sprintId);
  if (!sprint) throw new Error(`no open sprint ${sprintId}`);
  return [...sprint.user_stories].sort((a, b) => a.sprint_order - b.sprint_order || a.id - b.id).map((s) => s.id);
}

const backlogRows = (page: Page) => page.locator('[data-container="backlog"] [data-story-id]');
const row = (page: Page, id: number) => page.locator(`[data-story-id="${id}"]`).first();
const sprintRegion = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function screenIds(list: Locator): Promise<number[]> {
  return list.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.storyId)));
}

/** The backlog rows on screen (a virtual list: the first rows, as many as are rendered). */
const screenBacklog = (page: Page) => screenIds(backlogRows(page));
const screenSprint = (page: Page, name: string) => screenIds(sprintRegion(page, name).locator("[data-story-id]"));

async function openBacklog(page: Page, user = "admin") {
  await login(page, user);
  await page.goto(`/project/${SLUG}/backlog`);
  await expect(page.getByRole("region", { name: "Backlog", exact: true })).toBeVisible();
  await expect(backlogRows(page).first()).toBeVisible();
  // the whole backlog is in (not only its first page)
  await expect(page.getByTestId("backlog-totals")).not.toContainText("more…");
}

/** The screen agrees with the server: the backlog's first rows and every open sprint shown, in order. */
async function expectScreenMatchesServer(page: Page, api: Api, projectId: number, sprintNames: string[]) {
  const backlog = (await serverBacklog(api, projectId)).map((s) => s.id);
  await expect
    .poll(async () => {
      const shown = await screenBacklog(page);
      return shown.length > 0 && shown.every((id, i) => id === backlog[i]);
    })
    .toBe(true);
  const sprints = await serverSprints(api, projectId);
  for (const name of sprintNames) {
    const sprint = sprints.find((s) => s.name === name);
    expect(sprint, `sprint ${name} on the server`).toBeDefined();
    const ids = [...sprint!.user_stories].sort((a, b) => a.sprint_order - b.sprint_order || a.id - b.id).map((s) => s.id);
    await expect.poll(() => screenSprint(page, name)).toEqual(ids);
  }
}

/** A mouse drag in small steps (dnd-kit needs real pointer moves). */
async function drag(page: Page, source: Locator, target: Locator, where: "top" | "below" | "middle") {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error("drag source not visible");
  await page.mouse.move(from.x + from.width / 3, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 3 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  const to = await target.boundingBox();
  if (!to) throw new Error("drag target not visible");
  if (where === "below") {
    // over the lower half of the target row first: the dragged row enters the list after it; then
    // onto the place it took there (just under the row of a short sprint is the next sprint until then)
    await page.mouse.move(to.x + to.width / 3, to.y + to.height * 0.8, { steps: 10 });
    await page.mouse.move(to.x + to.width / 3, to.y + to.height * 1.5, { steps: 3 });
    await page.mouse.up();
    return;
  }
  const y = where === "top" ? to.y + to.height * 0.2 : to.y + to.height / 2;
  await page.mouse.move(to.x + to.width / 3, y, { steps: 10 });
  await page.mouse.move(to.x + to.width / 3, y + 2, { steps: 2 });
  await page.mouse.up();
}

const waitForMove = (page: Page) => page.waitForResponse((r) => r.url().includes("/userstories/bulk_update_backlog_order"));

/** Space on the focused row, then wait until dnd-kit listens for arrows (it adds that in a zero-delay timer). */
async function pickUp(page: Page): Promise<void> {
  await page.keyboard.press("Space");
  await expect(page.getByText(/^Picked up #\d+ /)).toBeAttached();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/* ------------------------------------------------------------------ API helpers (set-up and restore) ------------------------------------------------------------------ */

async function authed(api: Api) {
  return { Authorization: `Bearer ${await api.token("admin")}` };
}

/** A sprint for this test only, starting far in the future so it is shown first; deleted by `cleanup`. */
async function tempSprint(request: APIRequestContext, api: Api, projectId: number, label: string, offsetDays: number): Promise<Sprint> {
  const start = new Date(Date.UTC(2090, 0, 1 + offsetDays));
  const finish = new Date(start);
  finish.setUTCDate(finish.getUTCDate() + 13);
  const name = `${label} ${Date.now().toString(36)}`;
  const res = await request.post(`${backend.apiBase}/milestones`, {
    headers: await authed(api),
    data: { project: projectId, name, estimated_start: start.toISOString().slice(0, 10), estimated_finish: finish.toISOString().slice(0, 10) },
  });
  expect(res.status(), `create ${name}`).toBe(201);
  return (await res.json()) as Sprint;
}

async function deleteSprint(request: APIRequestContext, api: Api, id: number) {
  const res = await request.delete(`${backend.apiBase}/milestones/${id}`, { headers: await authed(api) });
  expect([204, 404]).toContain(res.status());
}

/** Puts stories back into the container they came from (after the stories that were before them there). */
async function putBack(request: APIRequestContext, api: Api, projectId: number, stories: Story[]) {
  for (const s of stories) {
    const res = await request.post(`${backend.apiBase}/userstories/bulk_update_backlog_order`, {
      headers: await authed(api),
      data: { project_id: projectId, bulk_userstories: [s.id], ...(s.milestone !== null ? { milestone_id: s.milestone } : {}) },
    });
    expect(res.status()).toBe(200);
  }
}

const points = (s: Story) => s.total_points ?? 0;
const closedPoints = (list: Story[]) => list.filter((s) => s.is_closed).reduce((sum, s) => sum + points(s), 0);
const sprintPoints = (list: Story[]) => `${fmt(closedPoints(list))} of ${fmt(list.reduce((sum, s) => sum + points(s), 0))} points closed`;
const sprintStories = (list: Story[]) => `${list.filter((s) => s.is_closed).length}/${list.length} ${list.length === 1 ? "story" : "stories"}`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/* ------------------------------------------------------------------ specs ------------------------------------------------------------------ */

test("shows the backlog and the open sprints as the server has them, in at most 4 requests, with the accessibility contract", async ({ page, api }) => {
  const project = await projectOf(api);
  const backlog = await serverBacklog(api, project.id);
  const sprints = await serverSprints(api, project.id);
  expect(backlog.length).toBeGreaterThan(3);
  expect(sprints.length).toBeGreaterThan(0);

  await login(page, "admin");
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(backend.apiBase)) requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
  });
  await page.goto(`/project/${SLUG}/backlog`);
  await expect(backlogRows(page).first()).toBeVisible();
  // what it took to show the page: the project, the open sprints, the backlog (first page)
  // (the project figures come after the rows: they are not needed to show them)
  const shownWith = requests.filter((r) => /\/(projects|milestones|userstories)/.test(r) && !/\/stats/.test(r));
  expect(shownWith.length, shownWith.join("\n")).toBeLessThanOrEqual(4);
  await expect(page.getByTestId("backlog-totals")).not.toContainText("more…");

  // the accessibility contract: a "Backlog" region, a region per sprint named after it, rows named "#ref subject"
  const region = page.getByRole("region", { name: "Backlog", exact: true });
  await expect(region).toBeVisible();
  const first = backlog[0]!;
  await expect(region.getByRole("listitem", { name: new RegExp(`^#${first.ref} ${first.subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) })).toBeVisible();
  for (const s of sprints) {
    const r = sprintRegion(page, s.name);
    await expect(r).toBeVisible();
    const total = s.total_points ?? 0;
    await expect(r.getByTestId("sprint-points")).toHaveText(`${fmt(s.closed_points ?? 0)} of ${fmt(total)} points closed`);
    await expect(r.getByRole("link", { name: `Taskboard of ${s.name}` })).toHaveAttribute("href", `/project/${SLUG}/taskboard/${s.slug}`);
  }
  await expectScreenMatchesServer(page, api, project.id, sprints.map((s) => s.name));

  // the story opens in the side panel over the backlog
  await region.getByRole("link", { name: new RegExp(`#${first.ref}`) }).first().click();
  await expect(page.getByTestId("item-panel")).toBeVisible();
  await expect(page.getByTestId("item-panel")).toContainText(`User story #${first.ref}`);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("item-panel")).toHaveCount(0);
  await expect(region).toBeVisible();
});

test("reorder the backlog with the mouse, and reload: the server has the same order", async ({ page, api, request }) => {
  const project = await projectOf(api);
  const before = await serverBacklog(api, project.id);
  const [a, b, c] = before as [Story, Story, Story];
  await openBacklog(page);
  try {
    // the third story goes above the first
    const move = waitForMove(page);
    await drag(page, row(page, c.id), row(page, a.id), "top");
    const answer = await move;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, bulk_userstories: [c.id], before_userstory_id: a.id });
    await expect.poll(async () => (await screenBacklog(page)).slice(0, 3)).toEqual([c.id, a.id, b.id]);
    await page.reload();
    await expect(backlogRows(page).first()).toBeVisible();
    await expectScreenMatchesServer(page, api, project.id, []);
    expect((await serverBacklog(api, project.id)).slice(0, 3).map((s) => s.id)).toEqual([c.id, a.id, b.id]);
  } finally {
    // back where it was: after the second story
    await request.post(`${backend.apiBase}/userstories/bulk_update_backlog_order`, {
      headers: await authed(api),
      data: { project_id: project.id, bulk_userstories: [c.id], after_userstory_id: b.id },
    });
  }
});

test("move one story and a three-story selection into a sprint, between sprints, into an empty sprint and back; totals and progress follow", async ({ page, api, request }) => {
  const project = await projectOf(api);
  const one = await tempSprint(request, api, project.id, "E2E one", 20);
  const two = await tempSprint(request, api, project.id, "E2E two", 10);
  const backlog = await serverBacklog(api, project.id);
  const [s1, s2, s3, s4] = backlog as [Story, Story, Story, Story];
  try {
    await openBacklog(page);
    await expect(sprintRegion(page, one.name)).toContainText("Drag stories here");

    // one story into the empty sprint "one": no anchor
    let move = waitForMove(page);
    await drag(page, row(page, s1.id), sprintRegion(page, one.name), "middle");
    let answer = await move;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: one.id, bulk_userstories: [s1.id] });
    await expect.poll(() => screenSprint(page, one.name)).toEqual([s1.id]);
    await expect(sprintRegion(page, one.name).getByTestId("sprint-points")).toHaveText(sprintPoints([s1]));
    await expect(sprintRegion(page, one.name).getByTestId("sprint-stories")).toHaveText(sprintStories([s1]));
    expect(await serverSprint(api, project.id, one.id)).toEqual([s1.id]);

    // a three-story selection (checkbox, then Shift-click for the range) below it: one request
    await row(page, s2.id).getByRole("checkbox").click();
    await row(page, s4.id).getByRole("checkbox").click({ modifiers: ["Shift"] });
    await expect(page.getByRole("toolbar", { name: "Selected stories" })).toContainText("3 selected");
    let requests = 0;
    const count = (r: { url: () => string }) => {
      if (r.url().includes("bulk_update_backlog_order")) requests += 1;
    };
    page.on("request", count);
    move = waitForMove(page);
    await drag(page, row(page, s3.id), row(page, s1.id), "below");
    answer = await move;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: one.id, bulk_userstories: [s2.id, s3.id, s4.id], after_userstory_id: s1.id });
    await expect.poll(() => screenSprint(page, one.name)).toEqual([s1.id, s2.id, s3.id, s4.id]);
    expect(requests).toBe(1);
    page.off("request", count);
    await expect(sprintRegion(page, one.name).getByTestId("sprint-points")).toHaveText(sprintPoints([s1, s2, s3, s4]));
    await expect(sprintRegion(page, one.name).getByTestId("sprint-stories")).toHaveText(sprintStories([s1, s2, s3, s4]));

    // between sprints: s3 from "one" into the empty sprint "two"
    move = waitForMove(page);
    await drag(page, row(page, s3.id), sprintRegion(page, two.name), "middle");
    answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: two.id, bulk_userstories: [s3.id] });
    await expect.poll(() => screenSprint(page, two.name)).toEqual([s3.id]);
    await expect.poll(() => screenSprint(page, one.name)).toEqual([s1.id, s2.id, s4.id]);
    await expect(sprintRegion(page, one.name).getByTestId("sprint-points")).toHaveText(sprintPoints([s1, s2, s4]));
    await expect(sprintRegion(page, two.name).getByTestId("sprint-points")).toHaveText(sprintPoints([s3]));

    // within a sprint: s4 above s1
    move = waitForMove(page);
    await drag(page, row(page, s4.id), row(page, s1.id), "top");
    answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: one.id, bulk_userstories: [s4.id], before_userstory_id: s1.id });
    await expect.poll(() => screenSprint(page, one.name)).toEqual([s4.id, s1.id, s2.id]);

    // reload: both lists agree with the server
    await page.reload();
    await expect(backlogRows(page).first()).toBeVisible();
    await expectScreenMatchesServer(page, api, project.id, [one.name, two.name]);

    // back to the backlog: s2 to the top
    const top = (await serverBacklog(api, project.id))[0]!;
    move = waitForMove(page);
    await drag(page, row(page, s2.id), row(page, top.id), "top");
    answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, bulk_userstories: [s2.id], before_userstory_id: top.id });
    await expect.poll(async () => (await screenBacklog(page))[0]).toBe(s2.id);
    await expect.poll(() => screenSprint(page, one.name)).toEqual([s4.id, s1.id]);
    await expectScreenMatchesServer(page, api, project.id, [one.name, two.name]);
  } finally {
    await deleteSprint(request, api, one.id);
    await deleteSprint(request, api, two.id);
  }
});

test("create a sprint (its field errors included), fill it, then delete it: its stories return to the backlog", async ({ page, api, guard }) => {
  guard.allow(400, "POST /milestones", /Duplicated name/);
  const project = await projectOf(api);
  const existing = (await serverSprints(api, project.id))[0]!;
  const backlog = await serverBacklog(api, project.id);
  const [x, y] = backlog as [Story, Story];
  await openBacklog(page);

  await page.getByRole("button", { name: "New sprint" }).click();
  const dialog = page.getByRole("dialog", { name: "New sprint" });
  await expect(dialog).toBeVisible();
  // a name already used in the project: Taiga's message next to the field, the dialog stays
  await dialog.getByLabel("Name").fill(existing.name);
  await dialog.getByLabel("Starts on").fill("2091-03-01");
  await dialog.getByLabel("Ends on").fill("2091-03-14");
  await dialog.getByRole("button", { name: "Create sprint" }).click();
  await expect(dialog.getByText("Duplicated name")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Name")).toBeFocused();
  // dates the wrong way round: checked before anything is sent
  const name = `E2E planned ${Date.now().toString(36)}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Ends on").fill("");
  await dialog.getByRole("button", { name: "Create sprint" }).click();
  await expect(dialog.getByText("Choose the last day.")).toBeVisible();
  await dialog.getByLabel("Ends on").fill("2091-03-14");
  const created = page.waitForResponse((r) => r.url().endsWith("/milestones") && r.request().method() === "POST" && r.status() === 201);
  await dialog.getByRole("button", { name: "Create sprint" }).click();
  const sprint = (await (await created).json()) as Sprint;
  await expect(dialog).toHaveCount(0);
  const region = sprintRegion(page, name);
  await expect(region).toBeVisible();
  try {
    const move = waitForMove(page);
    await drag(page, row(page, x.id), region, "middle");
    expect((await move).status()).toBe(200);
    const move2 = waitForMove(page);
    await drag(page, row(page, y.id), row(page, x.id), "below");
    expect((await move2).request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: sprint.id, bulk_userstories: [y.id], after_userstory_id: x.id });
    await expect.poll(() => screenSprint(page, name)).toEqual([x.id, y.id]);
    await page.reload();
    await expect(backlogRows(page).first()).toBeVisible();
    await expectScreenMatchesServer(page, api, project.id, [name]);

    // delete it from the edit dialog: the stories are back in the backlog
    await region.getByRole("button", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${name}` });
    await edit.getByRole("button", { name: "Delete sprint" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    await expect(confirm).toContainText("2 stories go back to the backlog");
    await confirm.getByRole("button", { name: "Delete sprint" }).click();
    await expect(sprintRegion(page, name)).toHaveCount(0);
    const after = (await serverBacklog(api, project.id)).map((s) => s.id);
    expect(after).toContain(x.id);
    expect(after).toContain(y.id);
    expect((await serverSprints(api, project.id)).some((s) => s.id === sprint.id)).toBe(false);
    await expectScreenMatchesServer(page, api, project.id, []);
  } finally {
    await page.request.delete(`${backend.apiBase}/milestones/${sprint.id}`, { headers: await authed(api) }).catch(() => undefined);
    // a drop that went astray must not leave a story in another sprint
    for (const s of [x, y]) {
      const now = await api.get<Story>(`/userstories/${s.id}`);
      if (now.milestone !== s.milestone) {
        await page.request.patch(`${backend.apiBase}/userstories/${s.id}`, { headers: await authed(api), data: { milestone: s.milestone, version: now.version } });
      }
    }
  }
});

test("the same with the keyboard only: Space lifts, arrows move, Right into the sprints, Up/Down through them, Space drops, Escape cancels", async ({ page, api, request }) => {
  const project = await projectOf(api);
  const one = await tempSprint(request, api, project.id, "E2E keys one", 20);
  const two = await tempSprint(request, api, project.id, "E2E keys two", 10);
  const backlog = await serverBacklog(api, project.id);
  const [a, b, c] = backlog as [Story, Story, Story];
  try {
    await openBacklog(page);

    // Down one place in the backlog
    await row(page, a.id).focus();
    await pickUp(page);
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(/moved to position 2 of \d+ in the backlog/)).toBeAttached();
    let move = waitForMove(page);
    await page.keyboard.press("Space");
    let answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, bulk_userstories: [a.id], after_userstory_id: b.id });
    await expect.poll(async () => (await screenBacklog(page)).slice(0, 3)).toEqual([b.id, a.id, c.id]);
    await expect(row(page, a.id)).toBeFocused();

    // Right into the sprints panel (the first sprint shown: "one"), Down into the next ("two"), Space
    await pickUp(page);
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(new RegExp(`in ${one.name}`)).first()).toBeAttached();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(new RegExp(`in ${two.name}`)).first()).toBeAttached();
    move = waitForMove(page);
    await page.keyboard.press("Space");
    answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: two.id, bulk_userstories: [a.id] });
    await expect.poll(() => screenSprint(page, two.name)).toEqual([a.id]);
    await expect(row(page, a.id)).toBeFocused();

    // a selection from the keyboard: X selects the focused row; Space lifts both
    await row(page, b.id).focus();
    await page.keyboard.press("x");
    await row(page, c.id).focus();
    await page.keyboard.press("x");
    await expect(page.getByRole("toolbar", { name: "Selected stories" })).toContainText("2 selected");
    await pickUp(page);
    await expect(page.getByText(/and 1 more selected story/).first()).toBeAttached();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(new RegExp(`and 1 more selected story moved to .* in ${one.name}`)).first()).toBeAttached();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(new RegExp(`and 1 more selected story moved to .* in ${two.name}`)).first()).toBeAttached();
    move = waitForMove(page);
    await page.keyboard.press("Space");
    answer = await move;
    expect(answer.request().postDataJSON()).toMatchObject({ project_id: project.id, milestone_id: two.id, bulk_userstories: [b.id, c.id] });
    await expect.poll(async () => (await screenSprint(page, two.name)).sort()).toEqual([a.id, b.id, c.id].sort());

    // Escape cancels: nothing sent
    let sent = false;
    page.on("request", (r) => {
      if (r.url().includes("bulk_update_backlog_order")) sent = true;
    });
    const inTwo = await screenSprint(page, two.name);
    await row(page, inTwo[0]!).focus();
    await pickUp(page);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByText(/in the backlog/).first()).toBeAttached();
    await page.keyboard.press("Escape");
    await expect(page.getByText(/Move cancelled/)).toBeAttached();
    await expect.poll(() => screenSprint(page, two.name)).toEqual(inTwo);
    expect(sent).toBe(false);

    // Left takes a sprint story back to the backlog
    await row(page, a.id).focus();
    await pickUp(page);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByText(new RegExp(`^#${a.ref} .* moved to position \\d+ of \\d+ in the backlog`)).first()).toBeAttached();
    move = waitForMove(page);
    await page.keyboard.press("Space");
    answer = await move;
    expect(answer.request().postDataJSON()).toMatchObject({ project_id: project.id, bulk_userstories: [a.id] });
    expect(answer.request().postDataJSON()).not.toHaveProperty("milestone_id");

    await page.reload();
    await expect(backlogRows(page).first()).toBeVisible();
    await expectScreenMatchesServer(page, api, project.id, [one.name, two.name]);
  } finally {
    await deleteSprint(request, api, one.id);
    await deleteSprint(request, api, two.id);
  }
});

test("selection buttons: move to the current sprint, to a chosen sprint, and to the top", async ({ page, api, request }) => {
  const project = await projectOf(api);
  const target = await tempSprint(request, api, project.id, "E2E chosen", 30);
  const backlog = await serverBacklog(api, project.id);
  const [, , c, d, e] = backlog as [Story, Story, Story, Story, Story];
  const sprintsBefore = await serverSprints(api, project.id);
  try {
    await openBacklog(page);
    await row(page, d.id).getByRole("checkbox").click();
    await row(page, e.id).getByRole("checkbox").click();
    // to a chosen sprint
    let move = waitForMove(page);
    await page.getByRole("toolbar", { name: "Selected stories" }).getByLabel("Move to sprint…").selectOption(String(target.id));
    let answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, milestone_id: target.id, bulk_userstories: [d.id, e.id] });
    await expect.poll(() => screenSprint(page, target.name)).toEqual([d.id, e.id]);

    // to the top of the backlog (Ctrl-click selects without a checkbox)
    await row(page, c.id).click({ modifiers: ["Control"], position: { x: 6, y: 20 } });
    const top = (await serverBacklog(api, project.id))[0]!;
    move = waitForMove(page);
    await page.getByRole("button", { name: "Move to top" }).click();
    answer = await move;
    expect(answer.request().postDataJSON()).toEqual({ project_id: project.id, bulk_userstories: [c.id], before_userstory_id: top.id });
    await expect.poll(async () => (await screenBacklog(page))[0]).toBe(c.id);

    // to the current sprint (the open sprint holding today, or the next one)
    await row(page, c.id).getByRole("checkbox").click();
    const current = await page.getByRole("button", { name: "Move to current sprint" }).count();
    if (current > 0) {
      move = waitForMove(page);
      await page.getByRole("button", { name: "Move to current sprint" }).click();
      answer = await move;
      const body = answer.request().postDataJSON() as { milestone_id: number };
      expect(sprintsBefore.map((s) => s.id).concat(target.id)).toContain(body.milestone_id);
      expect(answer.status()).toBe(200);
      await putBack(request, api, project.id, [{ ...c, milestone: null }]);
    }
    await page.reload();
    await expect(backlogRows(page).first()).toBeVisible();
    await expectScreenMatchesServer(page, api, project.id, [target.name]);
  } finally {
    await deleteSprint(request, api, target.id);
  }
});

test("a drop the server refuses rolls back and shows its message", async ({ page, api, request, guard }) => {
  guard.allow(400, "POST /userstories/bulk_update_backlog_order", /Invalid user story id to move after/);
  const project = await projectOf(api);
  const holder = await tempSprint(request, api, project.id, "E2E holder", 40);
  const backlog = await serverBacklog(api, project.id);
  const [a, b, c, d] = backlog as [Story, Story, Story, Story];
  try {
    await openBacklog(page);
    const shown = await screenBacklog(page);
    // someone else moves b into a sprint meanwhile; this page has not heard of it
    const moved = await request.post(`${backend.apiBase}/userstories/bulk_update_backlog_order`, {
      headers: await authed(api),
      data: { project_id: project.id, milestone_id: holder.id, bulk_userstories: [b.id] },
    });
    expect(moved.status()).toBe(200);
    // drop d between b and c (in c's place): anchored after b, which is no longer in the backlog
    const move = waitForMove(page);
    await drag(page, row(page, d.id), row(page, c.id), "top");
    const answer = await move;
    expect(answer.status()).toBe(400);
    expect(answer.request().postDataJSON()).toMatchObject({ after_userstory_id: b.id, bulk_userstories: [d.id] });
    await expect(page.getByText(/Could not move #\d+ .* to the backlog: .*Invalid user story id to move after/)).toBeVisible();
    await expect.poll(() => screenBacklog(page)).toEqual(shown);
    expect((await serverBacklog(api, project.id)).map((s) => s.id)).not.toContain(b.id);
    expect((await serverBacklog(api, project.id)).findIndex((s) => s.id === d.id)).toBe(backlog.findIndex((s) => s.id === d.id) - 1);
    expect(shown.slice(0, 4)).toEqual([a.id, b.id, c.id, d.id]);
  } finally {
    await deleteSprint(request, api, holder.id);
  }
});

test("quick add and bulk add put stories at the end of the backlog; filters live in the URL", async ({ page, api, request }) => {
  const project = await projectOf(api);
  await openBacklog(page);
  const subject = `E2E quick ${Date.now().toString(36)}`;
  const created: number[] = [];
  try {
    const input = page.getByLabel("New story title");
    const one = page.waitForResponse((r) => r.url().endsWith("/userstories") && r.request().method() === "POST");
    await input.fill(subject);
    await input.press("Enter");
    const story = (await (await one).json()) as Story;
    created.push(story.id);
    await expect(page.getByText(`Added #${story.ref} ${subject} at the end of the backlog`)).toBeVisible();
    await expect(input).toHaveValue("");
    const server = await serverBacklog(api, project.id);
    expect(server.at(-1)?.id).toBe(story.id);

    await page.getByRole("button", { name: "Add several…" }).click();
    await page.getByLabel("Story titles, one per line").fill(`${subject} A\n\n${subject} B\n`);
    const bulk = page.waitForResponse((r) => r.url().endsWith("/userstories/bulk_create"));
    await page.getByRole("button", { name: "Add 2 stories" }).click();
    const many = (await (await bulk).json()) as Story[];
    created.push(...many.map((s) => s.id));
    expect(many.map((s) => s.subject)).toEqual([`${subject} A`, `${subject} B`]);

    // the filter narrows the list and is kept in the URL
    await page.getByLabel("Search the backlog by subject or ref").fill(subject);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(subject).replace(/%20/g, "(\\+|%20)")}`));
    await expect.poll(() => screenBacklog(page)).toEqual([story.id, ...many.map((s) => s.id)]);
    await page.reload();
    await expect(page.getByLabel("Search the backlog by subject or ref")).toHaveValue(subject);
    await expect.poll(() => screenBacklog(page)).toEqual([story.id, ...many.map((s) => s.id)]);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(async () => (await screenBacklog(page)).length).toBeGreaterThan(3);
  } finally {
    for (const id of created) await request.delete(`${backend.apiBase}/userstories/${id}`, { headers: await authed(api) });
  }
});

test("points per role: the role selector shows that role's points and totals, and a story's points change inline", async ({ page, api, request }) => {
  const project = await api.get<Project & { roles: { id: number; name: string; computable: boolean }[]; points: { id: number; name: string; value: number | null }[] }>(
    `/projects/by_slug?slug=${SLUG}`,
  );
  const role = project.roles.find((r) => r.computable)!;
  const backlog = await serverBacklog(api, project.id);
  const story = backlog[0]!;
  const full = await api.get<Story & { points: Record<string, number> }>(`/userstories/${story.id}`);
  const original = full.points[String(role.id)]!;
  const other = project.points.find((p) => p.id !== original && p.value !== null)!;
  await openBacklog(page);
  await page.getByLabel("Points per role", { exact: true }).selectOption(String(role.id));
  await expect(page).toHaveURL(new RegExp(`role=${role.id}`));
  await expect(page.getByTestId("backlog-totals")).toContainText(`(${role.name})`);
  const select = row(page, story.id).getByLabel(new RegExp(`^Points of #${story.ref} .* for ${role.name}$`));
  await expect(select).toHaveValue(String(original));
  try {
    const patch = page.waitForResponse((r) => r.url().endsWith(`/userstories/${story.id}`) && r.request().method() === "PATCH");
    await select.selectOption(String(other.id));
    const answer = await patch;
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toMatchObject({ points: { [String(role.id)]: other.id }, version: full.version });
    const after = await api.get<{ points: Record<string, number> }>(`/userstories/${story.id}`);
    expect(after.points[String(role.id)]).toBe(other.id);
    await expect(select).toHaveValue(String(other.id));
  } finally {
    const now = await api.get<{ version: number }>(`/userstories/${story.id}`);
    await request.patch(`${backend.apiBase}/userstories/${story.id}`, { headers: await authed(api), data: { points: { [String(role.id)]: original }, version: now.version } });
  }
});

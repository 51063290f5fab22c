/**
 * The Kanban board of demo-kanban, driven in real Chromium against the embedded server: every
 * move is checked on screen and read back from `GET /userstories`.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, login, test, type Api } from "./fixtures";

interface Status {
  id: number;
  name: string;
  is_archived: boolean;
  wip_limit: number | null;
}
interface Project {
  id: number;
  slug: string;
  us_statuses: Status[];
  swimlanes: { id: number; name: string }[] | null;
}
interface Story {
  id: number;
  ref: number;
  subject: string;
  status: number;
  swimlane: number | null;
  kanban_order: number;
  version: number;
}

const SLUG = "demo-kanban";

// A board wants a desktop-sized window: five columns, three swimlanes.
test.use({ viewport: { width: 1600, height: 1000 } });

async function board(api: Api) {
  const project = await api.get<Project>(`/projects/by_slug?slug=${SLUG}`);
  const status = (name: string) => {
    const s = project.us_statuses.find((x) => x.name === name);
    if (!s) throw new Error(`no status ${name}`);
    return s.id;
  };
  const lane = (name: string) => {
    const l = (project.swimlanes ?? []).find((x) => x.name === name);
    if (!l) throw new Error(`no swimlane ${name}`);
    return l.id;
  };
  return { project, status, lane };
}

async function stories(api: Api, projectId: number): Promise<Story[]> {
  return api.get<Story[]>(`/userstories?project=${projectId}`, "admin", { "x-disable-pagination": "True" });
}

/** Story ids of a cell in the server's board order (kanban_order, then id). */
function serverCell(all: Story[], statusId: number, laneId: number | null): number[] {
  return all
    .filter((s) => s.status === statusId && s.swimlane === laneId)
    .sort((a, b) => a.kanban_order - b.kanban_order || a.id - b.id)
    .map((s) => s.id);
}

function cellList(page: Page, statusId: number, laneId: number | null): Locator {
  return page.locator(`[data-cell-list="cell:${statusId}:${laneId ?? "none"}"]`);
}

async function screenCell(page: Page, statusId: number, laneId: number | null): Promise<number[]> {
  return cellList(page, statusId, laneId)
    .locator("[data-story-id]")
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.storyId)));
}

function card(page: Page, id: number): Locator {
  return page.locator(`[data-story-id="${id}"]`);
}

async function openBoard(page: Page, user = "admin") {
  await login(page, user);
  await page.goto(`/project/${SLUG}/kanban`);
  await expect(page.getByRole("region", { name: "New", exact: true })).toBeVisible();
  await expect(page.locator("[data-story-id]").first()).toBeVisible();
}

/** A mouse drag in small steps (dnd-kit needs real pointer moves). */
async function drag(page: Page, source: Locator, target: Locator, where: "top" | "bottom" | "middle" | "below") {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error("drag source not visible");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  const to = await target.boundingBox();
  if (!to) throw new Error("drag target not visible");
  const y =
    where === "top"
      ? to.y + to.height * 0.2
      : where === "bottom"
        ? to.y + to.height * 0.85
        : where === "below"
          ? to.y + to.height + 24
          : to.y + to.height / 2;
  await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, y + 2, { steps: 3 });
  await page.mouse.up();
}

function waitForMove(page: Page) {
  return page.waitForResponse((r) => r.url().includes("/userstories/bulk_update_kanban_order"));
}

async function authed(api: Api) {
  return { Authorization: `Bearer ${await api.token("admin")}` };
}

test("shows a column per status with swimlane rows, WIP excess, and cards with ref, subject, tags and assignees", async ({ page, api }) => {
  const { project, status, lane } = await board(api);
  const all = await stories(api, project.id);
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/")) requests.push(new URL(r.url()).pathname);
  });
  await login(page, "admin");
  requests.length = 0;
  await page.goto(`/project/${SLUG}/kanban`);
  await expect(page.locator("[data-story-id]").first()).toBeVisible();

  for (const s of project.us_statuses) await expect(page.getByRole("region", { name: s.name, exact: true })).toBeVisible();
  for (const l of project.swimlanes ?? []) {
    await expect(page.getByRole("group", { name: `In progress — ${l.name}` })).toBeVisible();
  }

  // WIP: "In progress" holds more stories than its limit.
  const inProgress = all.filter((s) => s.status === status("In progress")).length;
  const limit = project.us_statuses.find((s) => s.name === "In progress")?.wip_limit ?? 0;
  expect(inProgress).toBeGreaterThan(limit);
  const column = page.getByRole("region", { name: "In progress", exact: true });
  await expect(column.getByText(`WIP ${inProgress} / ${limit}`)).toBeVisible();
  await expect(column.getByText("over WIP limit")).toBeVisible();

  // Each cell shows exactly the server's stories in the server's order.
  for (const st of project.us_statuses.filter((s) => !s.is_archived)) {
    for (const l of project.swimlanes ?? []) {
      expect(await screenCell(page, st.id, l.id)).toEqual(serverCell(all, st.id, l.id));
    }
  }

  // A card's accessible name starts with "#ref subject"; it links to the story.
  const first = all.find((s) => s.status === status("New") && s.swimlane === lane("Platform"))!;
  const link = page.getByRole("link", { name: new RegExp(`^#${first.ref} ${first.subject.replace(/[/]/g, ".")}`) });
  await expect(link).toHaveAttribute("href", `/project/${SLUG}/us/${first.ref}`);

  // project (+ the shell's own look-ups), stories, swimlanes: a handful of requests, no request per card.
  // (Checked before navigating away below.)
  const countedRequests = [...requests];
  const boardRequests = countedRequests.filter((p) => /\/(projects|userstories|swimlanes)/.test(p));
  expect(boardRequests.length).toBeLessThanOrEqual(4);
  expect(countedRequests.filter((p) => p === "/api/v1/userstories")).toHaveLength(1);

  // Enter on a focused card opens the story; so does a click.
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/project/${SLUG}/us/${first.ref}$`));
  await page.goBack();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/project/${SLUG}/us/${first.ref}$`));
});

test("drag within a column, to another column and to another swimlane with the mouse", async ({ page, api }) => {
  const { project, status, lane } = await board(api);
  await openBoard(page);
  const NEW = status("New");
  const READY = status("Ready");
  const PLATFORM = lane("Platform");
  const MOBILE = lane("Mobile");

  // Within a column: the last card of New/Platform to the top.
  const before = await screenCell(page, NEW, PLATFORM);
  expect(before.length).toBeGreaterThanOrEqual(2);
  const last = before[before.length - 1]!;
  let move = waitForMove(page);
  await drag(page, card(page, last), card(page, before[0]!), "top");
  const within = await move;
  expect(within.status()).toBe(200);
  expect(within.request().postDataJSON()).toEqual({ project_id: project.id, status_id: NEW, swimlane_id: PLATFORM, before_userstory_id: before[0], bulk_userstories: [last] });
  await expect.poll(() => screenCell(page, NEW, PLATFORM)).toEqual([last, ...before.slice(0, -1)]);

  // To another column: the top card of New/Platform into the free space below the last card of Ready/Platform.
  const ready = await screenCell(page, READY, PLATFORM);
  expect(ready.length).toBeGreaterThanOrEqual(1);
  move = waitForMove(page);
  await drag(page, card(page, last), card(page, ready[ready.length - 1]!), "below");
  const sent = await move;
  expect(sent.status()).toBe(200);
  expect(sent.request().postDataJSON()).toMatchObject({ status_id: READY, swimlane_id: PLATFORM, after_userstory_id: ready[ready.length - 1] });
  await expect.poll(() => screenCell(page, READY, PLATFORM)).toEqual([...ready, last]);

  // To another swimlane of the same status: into Ready/Mobile, above its first card.
  const mobile = await screenCell(page, READY, MOBILE);
  expect(mobile.length).toBeGreaterThanOrEqual(1);
  move = waitForMove(page);
  await drag(page, card(page, last), card(page, mobile[0]!), "top");
  const toLane = await move;
  expect(toLane.status()).toBe(200);
  expect(toLane.request().postDataJSON()).toMatchObject({ status_id: READY, swimlane_id: MOBILE, before_userstory_id: mobile[0] });
  await expect.poll(() => screenCell(page, READY, MOBILE)).toEqual([last, ...mobile]);

  // After a reload the board and the server agree on order, status and swimlane.
  await page.reload();
  await expect(card(page, last)).toBeVisible();
  const all = await stories(api, project.id);
  const moved = all.find((s) => s.id === last)!;
  expect([moved.status, moved.swimlane]).toEqual([READY, MOBILE]);
  for (const [st, l] of [[NEW, PLATFORM], [READY, PLATFORM], [READY, MOBILE]] as const) {
    expect(await screenCell(page, st, l)).toEqual(serverCell(all, st, l));
  }
  expect(serverCell(all, READY, MOBILE)).toEqual([last, ...mobile]);
});

/**
 * Space on the focused card, then wait until the card is lifted and dnd-kit listens for arrows:
 * its keyboard sensor adds that listener in a zero-delay timer after the pick-up, so a page timer
 * queued after the announcement runs after it (a person never types that fast).
 */
async function pickUp(page: Page): Promise<void> {
  await page.keyboard.press("Space");
  await expect(page.getByText(/^Picked up #\d+ /)).toBeAttached();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

test("keyboard: Space lifts, arrows move within and across columns and swimlanes, Space drops, Escape cancels", async ({ page, api }) => {
  const { project, status, lane } = await board(api);
  await openBoard(page);
  const NEW = status("New");
  const READY = status("Ready");
  const PLATFORM = lane("Platform");
  const before = await screenCell(page, NEW, PLATFORM);
  const first = before[0]!;

  // Down one place within the column.
  await card(page, first).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(/moved to position 2 of/)).toBeAttached();
  let move = waitForMove(page);
  await page.keyboard.press("Space");
  expect((await move).status()).toBe(200);
  await expect.poll(() => screenCell(page, NEW, PLATFORM)).toEqual([before[1]!, first, ...before.slice(2)]);

  // Right into the next column ("Ready"), at the same position.
  const ready = await screenCell(page, READY, PLATFORM);
  await card(page, first).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/in Ready, swimlane Platform/).first()).toBeAttached();
  move = waitForMove(page);
  await page.keyboard.press("Space");
  expect((await move).status()).toBe(200);
  const expected = [...ready.slice(0, 1), first, ...ready.slice(1)];
  await expect.poll(() => screenCell(page, READY, PLATFORM)).toEqual(expected);
  // The keyboard user's focus follows the card into its new column.
  await expect(card(page, first)).toBeFocused();

  // Escape cancels: nothing is sent and the card stays.
  let sent = false;
  page.on("request", (r) => {
    if (r.url().includes("bulk_update_kanban_order")) sent = true;
  });
  await card(page, first).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByText(/in New, swimlane Platform/).first()).toBeAttached();
  await page.keyboard.press("Escape");
  await expect(page.getByText(/Move cancelled/)).toBeAttached();
  await expect.poll(() => screenCell(page, READY, PLATFORM)).toEqual(expected);
  expect(sent).toBe(false);

  // Down past the cell's last card: into the swimlane below ("Mobile"), at its top.
  const MOBILE = lane("Mobile");
  const mobileReady = await screenCell(page, READY, MOBILE);
  await card(page, first).focus();
  await pickUp(page);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(new RegExp(`position ${expected.length} of ${expected.length} in Ready, swimlane Platform`))).toBeAttached();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByText(/in Ready, swimlane Mobile/).first()).toBeAttached();
  move = waitForMove(page);
  await page.keyboard.press("Space");
  const toMobile = await move;
  expect(toMobile.status()).toBe(200);
  expect(toMobile.request().postDataJSON()).toMatchObject({ status_id: READY, swimlane_id: MOBILE, bulk_userstories: [first] });
  const platformAfter = expected.filter((id) => id !== first);
  const mobileAfter = [first, ...mobileReady];
  await expect.poll(() => screenCell(page, READY, MOBILE)).toEqual(mobileAfter);

  await page.reload();
  await expect(card(page, first)).toBeVisible();
  const all = await stories(api, project.id);
  expect(serverCell(all, READY, PLATFORM)).toEqual(platformAfter);
  expect(serverCell(all, READY, MOBILE)).toEqual(mobileAfter);
  expect(await screenCell(page, READY, PLATFORM)).toEqual(platformAfter);
  expect(await screenCell(page, READY, MOBILE)).toEqual(mobileAfter);
  expect(await screenCell(page, NEW, PLATFORM)).toEqual(serverCell(all, NEW, PLATFORM));
});

test("a drop the server refuses rolls back and says why", async ({ page, api, request, guard }) => {
  guard.allow(400, "POST /userstories/bulk_update_kanban_order");
  const { project, status, lane } = await board(api);
  await openBoard(page);
  const NEW = status("New");
  const READY = status("Ready");
  const PLATFORM = lane("Platform");
  const newCards = await screenCell(page, NEW, PLATFORM);
  const readyCards = await screenCell(page, READY, PLATFORM);
  const anchor = readyCards[readyCards.length - 1]!;

  // Someone else moves the anchor card away meanwhile; this board has not heard of it.
  const current = (await stories(api, project.id)).find((s) => s.id === anchor)!;
  const patched = await request.patch(`/api/v1/userstories/${anchor}`, {
    headers: await authed(api),
    data: { status: status("Done"), version: current.version },
  });
  expect(patched.status()).toBe(200);

  const moved = newCards[0]!;
  const move = waitForMove(page);
  await drag(page, card(page, moved), card(page, anchor), "below");
  expect((await move).status()).toBe(400);
  await expect(page.getByText(/Could not move #\d+ .*Invalid user story id to move after/)).toBeVisible();
  await expect.poll(() => screenCell(page, NEW, PLATFORM)).toEqual(newCards);
  const all = await stories(api, project.id);
  expect(all.find((s) => s.id === moved)?.status).toBe(NEW);
});

test("quick add and bulk add create stories in the right column and swimlane", async ({ page, api }) => {
  const { project, status, lane } = await board(api);
  await openBoard(page);
  const READY = status("Ready");
  const MOBILE = lane("Mobile");

  await page.getByRole("button", { name: "Add story to New — Web" }).click();
  const input = page.getByRole("textbox", { name: "New story title for New — Web" });
  await input.fill("Quick story from the board");
  await input.press("Enter");
  const quick = cellList(page, status("New"), lane("Web")).getByRole("link", { name: /^#\d+ Quick story from the board/ });
  await expect(quick).toBeVisible();
  await expect(input).toHaveValue("");

  await page.getByRole("button", { name: "Bulk add stories to Ready", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add stories to Ready" });
  await dialog.getByLabel("Story titles").fill("Bulk one\n\n  Bulk two  \n");
  await dialog.getByLabel("Swimlane").selectOption({ label: "Mobile" });
  await dialog.getByRole("button", { name: "Add 2 stories" }).click();
  await expect(dialog).toBeHidden();
  const cell = cellList(page, READY, MOBILE);
  await expect(cell.getByRole("link", { name: /^#\d+ Bulk one/ })).toBeVisible();
  await expect(cell.getByRole("link", { name: /^#\d+ Bulk two/ })).toBeVisible();

  await page.reload();
  await expect(cellList(page, READY, MOBILE).getByRole("link", { name: /^#\d+ Bulk two/ })).toBeVisible();
  const all = await stories(api, project.id);
  const bySubject = (subject: string) => all.find((s) => s.subject === subject);
  expect(bySubject("Quick story from the board")).toMatchObject({ status: status("New"), swimlane: lane("Web") });
  expect(bySubject("Bulk one")).toMatchObject({ status: READY, swimlane: MOBILE });
  expect(bySubject("Bulk two")).toMatchObject({ status: READY, swimlane: MOBILE });
});

test("folding, archived stories on demand, and filters kept in the URL", async ({ page, api }) => {
  const { project, status } = await board(api);
  const all = await stories(api, project.id);
  const archivedId = status("Archived");
  const archivedStories = all.filter((s) => s.status === archivedId);
  expect(archivedStories.length).toBeGreaterThan(0);

  const listRequests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/v1/userstories") listRequests.push(r.url());
  });
  await openBoard(page);

  // Archived: folded at first, its stories not loaded; unfolding loads and shows them.
  const archived = page.getByRole("region", { name: "Archived", exact: true });
  await expect(archived.getByRole("button", { name: "Unfold Archived" })).toHaveAttribute("aria-expanded", "false");
  expect(listRequests.some((u) => u.includes(`status=${archivedId}`))).toBe(false);
  await expect(card(page, archivedStories[0]!.id)).toHaveCount(0);
  await archived.getByRole("button", { name: "Unfold Archived" }).click();
  for (const s of archivedStories) await expect(card(page, s.id)).toBeVisible();
  expect(listRequests.some((u) => u.includes(`status=${archivedId}`))).toBe(true);

  // Folding a column hides its cards and survives a reload.
  const ready = page.getByRole("region", { name: "Ready", exact: true });
  const readyStory = all.find((s) => s.status === status("Ready"))!;
  await expect(card(page, readyStory.id)).toBeVisible();
  await ready.getByRole("button", { name: "Fold Ready" }).click();
  await expect(card(page, readyStory.id)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("region", { name: "Ready", exact: true }).getByRole("button", { name: "Unfold Ready" })).toBeVisible();
  await page.getByRole("button", { name: "Unfold Ready" }).click();
  await expect(card(page, readyStory.id)).toBeVisible();

  // Text/ref filter, in the URL, kept after a reload.
  const target = all.find((s) => s.status === status("In progress"))!;
  await page.getByRole("searchbox", { name: "Search stories by subject or ref" }).fill(`#${target.ref}`);
  await expect(page).toHaveURL(new RegExp(`[?&]q=%23${target.ref}`));
  await expect(page.locator("[data-story-id]")).toHaveCount(1);
  await page.reload();
  await expect(card(page, target.id)).toBeVisible();
  await expect(page.locator("[data-story-id]")).toHaveCount(1);

  // Tag filter: only stories carrying the tag stay.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("combobox", { name: "Filter by tag" }).selectOption("mobile");
  await expect(page).toHaveURL(/[?&]tags=mobile/);
  const tagged = all.filter((s) => (s as unknown as { tags: [string, string][] }).tags.some(([t]) => t === "mobile"));
  const shown = await page.locator("[data-story-id]").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.storyId)));
  expect(shown.length).toBeGreaterThan(0);
  for (const id of shown) expect(tagged.map((s) => s.id)).toContain(id);

  // Assignee filter narrows further and reads from the URL too.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("combobox", { name: "Filter by assignee" }).selectOption({ label: "Unassigned" });
  await expect(page).toHaveURL(/[?&]assignee=none/);
  const unassigned = all.filter((s) => {
    const x = s as unknown as { assigned_to: number | null; assigned_users: number[] };
    return x.assigned_to === null && x.assigned_users.length === 0;
  });
  const shownUnassigned = await page.locator("[data-story-id]").evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.storyId)));
  expect(shownUnassigned.length).toBeGreaterThan(0);
  for (const id of shownUnassigned) expect(unassigned.map((s) => s.id)).toContain(id);
});

test("a Stakeholder sees the board read-only: links to stories, nothing to drag or add", async ({ page, api }) => {
  const { project } = await board(api);
  const all = await stories(api, project.id);
  const mine = await api.get<{ my_permissions: string[] }>(`/projects/by_slug?slug=${SLUG}`, "erin");
  expect(mine.my_permissions).not.toContain("modify_us");
  expect(mine.my_permissions).not.toContain("add_us");

  await openBoard(page, "erin");
  const some = all.find((s) => !project.us_statuses.find((st) => st.id === s.status)?.is_archived)!;
  const link = card(page, some.id);
  await expect(link).toHaveAttribute("href", `/project/${SLUG}/us/${some.ref}`);
  await expect(link).not.toHaveAttribute("aria-roledescription", "sortable");
  await expect(page.getByRole("button", { name: /^Add story to / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Bulk add stories to / })).toHaveCount(0);

  // Space on a card does not start a move.
  await link.focus();
  await page.keyboard.press("Space");
  await expect(page.getByText(/^Picked up/)).toHaveCount(0);
});

test("stories without a swimlane get a 'No swimlane' row; dropping there omits swimlane_id", async ({ page, api, request }) => {
  const { project, status, lane } = await board(api);
  // A story created without a swimlane (bulk_create leaves it unclassified, as in Taiga).
  const created = await request.post("/api/v1/userstories/bulk_create", {
    headers: await authed(api),
    data: { project_id: project.id, bulk_stories: "Unclassified story", status_id: status("New") },
  });
  expect(created.status()).toBe(200);
  const [unclassified] = (await created.json()) as Story[];
  expect(unclassified?.swimlane).toBeNull();

  await openBoard(page);
  await expect(page.getByRole("group", { name: "New — No swimlane" })).toBeVisible();
  expect(await screenCell(page, status("New"), null)).toEqual([unclassified!.id]);

  // Drag a Platform card into the "No swimlane" row of Ready (an empty cell).
  const READY = status("Ready");
  const moved = (await screenCell(page, READY, lane("Platform")))[0]!;
  const move = waitForMove(page);
  await drag(page, card(page, moved), cellList(page, READY, null), "middle");
  const sent = await move;
  expect(sent.status()).toBe(200);
  expect(sent.request().postDataJSON()).toEqual({ project_id: project.id, status_id: READY, bulk_userstories: [moved] });
  await expect.poll(() => screenCell(page, READY, null)).toEqual([moved]);

  const all = await stories(api, project.id);
  expect(all.find((s) => s.id === moved)).toMatchObject({ status: READY, swimlane: null });
});

/**
 * The epics view, end to end, on the embedded server and on a real Taiga: an epic lists its
 * related stories in the epic's order with its progress; dragging a story (mouse, in small steps
 * as dnd-kit needs) and moving one with the keyboard are saved through the related-stories
 * endpoint and survive a reload, as `GET /epics/<id>/related_userstories` confirms; a story is
 * linked by `#ref` and unlinked; the epic's detail page shows the same stories. Every spec makes
 * its own epic and stories and deletes them afterwards.
 */
import type { Locator, Page } from "@playwright/test";
import { backend, expect, login, test, type Api, type Cleanup } from "./fixtures";
import { createItem, memberWho, projectBySlug, runTag, type WorkItem } from "./data";

interface Epic {
  id: number;
  ref: number;
  subject: string;
  version: number;
}
interface Link {
  epic: number;
  user_story: number;
  order: number;
}

const links = async (api: Api, epic: Epic) =>
  (await api.get<Link[]>(`/epics/${epic.id}/related_userstories`, backend.admin, { "x-disable-pagination": "True" })).sort((a, b) => a.order - b.order || a.user_story - b.user_story);

/** An epic of the spec's own with `count` new stories linked in order; all deleted afterwards. */
async function epicWithStories(api: Api, cleanup: Cleanup, projectId: number, count: number) {
  const epic = await api.send<Epic>("POST", "/epics", { project: projectId, subject: `Epic ${runTag} ${Math.random().toString(36).slice(2, 7)}`, color: "#2196f3" });
  cleanup.add(`delete epic #${epic.ref}`, async () => {
    const response = await api.fetch("DELETE", `/epics/${epic.id}`);
    if (response.status() !== 204 && response.status() !== 404) throw new Error(`DELETE /epics/${epic.id} -> ${response.status()}`);
  });
  const stories: WorkItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const story = await createItem(api, cleanup, "userstory", projectId, { subject: `Epic story ${runTag} ${String.fromCharCode(65 + i)}` });
    await api.send("POST", `/epics/${epic.id}/related_userstories`, { epic: epic.id, user_story: story.id, order: i + 1 });
    stories.push(story);
  }
  return { epic, stories };
}

const storyList = (page: Page, epic: Epic) => page.getByRole("list", { name: `Stories of ${epic.subject}` });
const shownRefs = (page: Page, epic: Epic) => storyList(page, epic).locator("li[data-epic-story]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-epic-story"))));
const handle = (page: Page, story: WorkItem) => page.getByRole("button", { name: `Move #${story.ref} ${story.subject}`, exact: true });

async function openEpic(page: Page, slug: string, epic: Epic) {
  await page.goto(`/project/${slug}/epics`);
  await page.getByRole("button", { name: `Show the stories of ${epic.subject}` }).click();
  await expect(storyList(page, epic)).toBeVisible();
}

/** A mouse drag in small steps (dnd-kit needs real pointer moves), dropped on the upper part of `target`. */
async function drag(page: Page, source: Locator, target: Locator) {
  const from = await source.boundingBox();
  if (!from) throw new Error("drag source not visible");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 6, { steps: 4 });
  const to = await target.boundingBox();
  if (!to) throw new Error("drag target not visible");
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * 0.3, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height * 0.3 - 2, { steps: 3 });
  await page.mouse.up();
}

const linkSaved = (page: Page, epic: Epic) =>
  page.waitForResponse((r) => r.request().method() === "PATCH" && new URL(r.url()).pathname.includes(`/epics/${epic.id}/related_userstories/`));

test("an epic shows its stories, and reordering them by drag and by keyboard persists", async ({ page, api, cleanup }) => {
  const project = await projectBySlug(api);
  const editor = await memberWho(api, project.slug, { can: ["modify_epic", "view_us"] });
  const { epic, stories } = await epicWithStories(api, cleanup, project.id, 3);
  const [a, b, c] = stories as [WorkItem, WorkItem, WorkItem];

  await login(page, editor.username);
  await openEpic(page, project.slug, epic);
  const row = page.locator(`li[data-epic="${epic.ref}"]`);
  await expect(row.getByTestId("epic-progress")).toHaveText("0/3 closed");
  await expect.poll(() => shownRefs(page, epic)).toEqual([a.ref, b.ref, c.ref]);
  for (const s of stories) await expect(storyList(page, epic).getByRole("link", { name: `#${s.ref} ${s.subject}` })).toBeVisible();

  // Mouse: C to the top.
  const saved = linkSaved(page, epic);
  await drag(page, handle(page, c), storyList(page, epic).locator(`li[data-epic-story="${a.ref}"]`));
  expect((await saved).status()).toBe(200);
  await expect.poll(() => shownRefs(page, epic)).toEqual([c.ref, a.ref, b.ref]);
  await expect.poll(async () => (await links(api, epic)).map((l) => l.user_story)).toEqual([c.id, a.id, b.id]);

  // Keyboard: B up one place.
  const savedAgain = linkSaved(page, epic);
  await handle(page, b).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Space");
  expect((await savedAgain).status()).toBe(200);
  await expect.poll(() => shownRefs(page, epic)).toEqual([c.ref, b.ref, a.ref]);

  // After a reload the order is the server's.
  await page.reload();
  await page.getByRole("button", { name: `Show the stories of ${epic.subject}` }).click();
  await expect.poll(() => shownRefs(page, epic)).toEqual([c.ref, b.ref, a.ref]);
  expect((await links(api, epic)).map((l) => l.user_story)).toEqual([c.id, b.id, a.id]);
});

test("a story is linked by #ref and unlinked; the epic's page shows its stories", async ({ page, api, cleanup }) => {
  const project = await projectBySlug(api);
  const editor = await memberWho(api, project.slug, { can: ["modify_epic", "view_us"] });
  const { epic, stories } = await epicWithStories(api, cleanup, project.id, 2);
  const [a, b] = stories as [WorkItem, WorkItem];
  const loose = await createItem(api, cleanup, "userstory", project.id, { subject: `Loose story ${runTag}` });

  await login(page, editor.username);
  await openEpic(page, project.slug, epic);
  const add = page.getByRole("combobox", { name: `Add a story to ${epic.subject}` });
  await add.fill(`#${loose.ref}`);
  await expect(page.getByRole("option", { name: `#${loose.ref} ${loose.subject}` })).toBeVisible();
  await add.press("Enter");
  await expect.poll(() => shownRefs(page, epic)).toEqual([a.ref, b.ref, loose.ref]);
  expect((await links(api, epic)).map((l) => l.user_story)).toEqual([a.id, b.id, loose.id]);

  await storyList(page, epic).getByRole("button", { name: `Remove #${a.ref} ${a.subject} from the epic` }).click();
  await expect.poll(() => shownRefs(page, epic)).toEqual([b.ref, loose.ref]);
  expect((await links(api, epic)).map((l) => l.user_story)).toEqual([b.id, loose.id]);
  // The story itself stays.
  expect((await api.get<WorkItem>(`/userstories/${a.id}`)).id).toBe(a.id);

  // The epic's page: the shared detail layout with the same stories.
  await page.goto(`/project/${project.slug}/epic/${epic.ref}`);
  await expect(page.getByRole("heading", { name: `Epic #${epic.ref}` })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(epic.subject);
  await expect.poll(() => shownRefs(page, epic)).toEqual([b.ref, loose.ref]);
});

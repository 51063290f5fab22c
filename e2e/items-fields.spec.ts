/**
 * The detail page's editors, each checked on screen after a reload and in the server's state:
 * comments, assignees, tags, blocked, points per role, due date, watching, attachments, a
 * story's tasks; the not-found state; and the side panel over the Kanban board.
 */
import type { Page } from "@playwright/test";
import { expect, login, test } from "./fixtures";
import { openItem, pickItem, project, readItem, type Item } from "./items-helpers";

async function reloaded(page: Page) {
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toBeVisible({ timeout: 15_000 });
}

test("comments: add, edit and delete, each still there after a reload", async ({ page, api }) => {
  const story = await pickItem(api, "userstory");
  await login(page, "alice");
  await openItem(page, "userstory", story.ref);
  const comments = page.getByRole("list", { name: "Comments" });

  await page.getByRole("textbox", { name: "New comment" }).fill("First **bold** remark");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(comments.locator("strong", { hasText: "bold" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "New comment" })).toHaveValue("");
  await reloaded(page);
  const mine = comments.getByRole("listitem").filter({ hasText: "First bold remark" });
  await expect(mine).toBeVisible();

  await mine.getByRole("button", { name: "Edit comment" }).click();
  await page.getByRole("textbox", { name: "Edit comment" }).fill("Edited remark");
  await page.getByRole("button", { name: "Save comment" }).click();
  await expect(comments.getByText("Edited remark")).toBeVisible();
  await reloaded(page);
  const edited = comments.getByRole("listitem").filter({ hasText: "Edited remark" });
  await expect(edited).toContainText("(edited)");

  await edited.getByRole("button", { name: "Delete comment" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this comment?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(comments.getByText("Comment deleted")).toBeVisible();
  await reloaded(page);
  await expect(comments.getByText("Edited remark")).toBeHidden();
  await expect(comments.getByText("Comment deleted")).toBeVisible();

  const history = await api.get<{ comment: string; delete_comment_date: string | null }[]>(`/history/userstory/${story.id}?type=comment`);
  const entry = history.find((h) => h.comment === "Edited remark");
  expect(entry?.delete_comment_date).toBeTruthy();
});

test("story: assign users, points per role, tags with colours, blocked, due date, watch", async ({ page, api }) => {
  const story = await pickItem(api, "userstory");
  const p = await project(api);
  const bob = await api.me("bob");
  await login(page, "alice");
  await openItem(page, "userstory", story.ref);

  // Assign
  await page.getByRole("combobox", { name: "Assign a user" }).selectOption({ label: bob.full_name_display });
  await expect(page.getByRole("list", { name: "Assigned users" }).getByText(bob.full_name_display)).toBeVisible();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).assigned_users).toContain(bob.id);

  // Points for one role
  const role = p.roles.find((r) => r.computable)!;
  const current = story.points?.[String(role.id)];
  const point = p.points.find((pt) => pt.id !== current && pt.value !== null)!;
  await page.getByRole("combobox", { name: `${role.name} points` }).selectOption({ label: point.name });
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).points?.[String(role.id)]).toBe(point.id);

  // A new tag with its colour
  await page.getByRole("combobox", { name: "New tag" }).fill("e2e-urgent");
  await page.getByLabel("Colour of a new tag").fill("#ff0000");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).tags).toContainEqual(["e2e-urgent", "#ff0000"]);

  // Blocked with a reason
  await page.getByRole("checkbox", { name: "Blocked" }).check();
  await page.getByRole("textbox", { name: "Blocked reason" }).fill("Waiting for the design review");
  await page.getByRole("button", { name: "Save block" }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).blocked_note).toBe("Waiting for the design review");

  // Due date
  await page.getByLabel("Due date", { exact: true }).fill("2026-12-24");
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).due_date).toBe("2026-12-24");

  // Watch
  const watch = page.getByRole("button", { name: /^(Watch|Unwatch)$/ });
  const wasWatching = (await watch.getAttribute("aria-pressed")) === "true";
  await watch.click();
  await expect(watch).toHaveAttribute("aria-pressed", String(!wasWatching));

  await reloaded(page);
  await expect(page.getByRole("list", { name: "Assigned users" }).getByText(bob.full_name_display)).toBeVisible();
  await expect(page.getByRole("combobox", { name: `${role.name} points` })).toHaveValue(String(point.id));
  const tag = page.getByRole("list", { name: "Tags" }).locator('[data-tag="e2e-urgent"]');
  await expect(tag).toBeVisible();
  await expect(tag).toHaveCSS("background-color", "rgb(255, 0, 0)");
  await expect(page.getByRole("checkbox", { name: "Blocked" })).toBeChecked();
  await expect(page.getByTestId("blocked-note")).toContainText("Waiting for the design review");
  await expect(page.getByLabel("Due date", { exact: true })).toHaveValue("2026-12-24");
  await expect(page.getByRole("button", { name: /^(Watch|Unwatch)$/ })).toHaveAttribute("aria-pressed", String(!wasWatching));
  const alice = await api.me("alice");
  expect((await readItem(api, "userstory", story.id)).watchers.includes(alice.id)).toBe(!wasWatching);

  // Remove the tag and unblock
  await page.getByRole("button", { name: "Remove tag e2e-urgent" }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).tags.map((t) => t[0])).not.toContain("e2e-urgent");
  await page.getByRole("checkbox", { name: "Blocked" }).uncheck();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).is_blocked).toBe(false);
  await reloaded(page);
  await expect(page.getByRole("list", { name: "Tags" }).locator('[data-tag="e2e-urgent"]')).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Blocked" })).not.toBeChecked();
});

test("task and issue: assign one person", async ({ page, api }) => {
  const carol = await api.me("carol");
  await login(page, "alice");
  for (const kind of ["task", "issue"] as const) {
    const item: Item = await pickItem(api, kind);
    await openItem(page, kind, item.ref);
    await page.getByRole("combobox", { name: "Assigned to" }).selectOption({ label: carol.full_name_display });
    await expect.poll(async () => (await readItem(api, kind, item.id)).assigned_to).toBe(carol.id);
    await reloaded(page);
    await expect(page.getByRole("combobox", { name: "Assigned to" }).locator("option:checked")).toHaveText(carol.full_name_display);
  }
});

test("attachments: upload, see after reload, delete", async ({ page, api }) => {
  const issue = await pickItem(api, "issue");
  await login(page, "alice");
  await openItem(page, "issue", issue.ref);
  await page.getByLabel("Add attachments").setInputFiles({ name: "notes-e2e.txt", mimeType: "text/plain", buffer: Buffer.from("release notes\n") });
  const list = page.getByRole("list", { name: "Attachments" });
  await expect(list.getByRole("link", { name: "notes-e2e.txt" })).toBeVisible();
  await reloaded(page);
  await expect(list.getByRole("link", { name: "notes-e2e.txt" })).toBeVisible();
  const stored = await api.get<{ id: number; name: string; size: number }[]>(`/issues/attachments?project=${issue.project}&object_id=${issue.id}`);
  expect(stored.find((a) => a.name === "notes-e2e.txt")?.size).toBe(14);

  await page.getByRole("button", { name: "Delete attachment notes-e2e.txt" }).click();
  await expect(page.getByRole("link", { name: "notes-e2e.txt" })).toBeHidden();
  await reloaded(page);
  await expect(page.getByRole("link", { name: "notes-e2e.txt" })).toBeHidden();
});

test("a story's tasks: add one and move it up, order kept after a reload", async ({ page, api }) => {
  const story = await pickItem(api, "userstory");
  await login(page, "alice");
  await openItem(page, "userstory", story.ref);
  const tasks = page.getByRole("list", { name: "Tasks" });
  await page.getByRole("textbox", { name: "New task subject" }).fill("Write the e2e checklist");
  await page.getByRole("button", { name: "Add task" }).click();
  const added = tasks.getByRole("listitem").filter({ hasText: "Write the e2e checklist" });
  await expect(added).toBeVisible();
  const ref = await added.getAttribute("data-task-ref");
  const count = await tasks.getByRole("listitem").count();
  expect(count).toBeGreaterThan(1);
  await expect(tasks.getByRole("listitem").last()).toContainText("Write the e2e checklist");

  await page.getByRole("button", { name: `Move task #${ref} up` }).click();
  await expect(tasks.getByRole("listitem").nth(count - 2)).toContainText("Write the e2e checklist");
  await reloaded(page);
  await expect(tasks.getByRole("listitem").nth(count - 2)).toContainText("Write the e2e checklist");
  const server = await api.get<{ ref: number; us_order: number }[]>(`/tasks?project=${story.project}&user_story=${story.id}`, "admin", { "x-disable-pagination": "True" });
  const sorted = [...server].sort((a, b) => a.us_order - b.us_order).map((t) => t.ref);
  expect(sorted.indexOf(Number(ref))).toBe(count - 2);
});

test("an unknown reference shows a not-found message", async ({ page, guard }) => {
  guard.allow(404, "/by_ref");
  await login(page, "alice");
  await page.goto("/project/demo-scrum/us/987654");
  await expect(page.getByRole("alert")).toContainText("User story #987654 not found");
});

test("opened from the board: a side panel that keeps the board's scroll and filters; Escape closes; the URL opens the full page", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await login(page, "alice");
  await page.goto("/project/demo-kanban/kanban?q=a");
  const board = page.getByTestId("kanban-board");
  await expect(board).toBeVisible();
  const card = board.locator("a[data-ref]").first();
  await expect(card).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search stories by subject or ref" });
  await expect(search).toHaveValue("a");
  // Scroll the board to its right end and open a card of the last column (already in view).
  await board.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const ref = await board.locator("a[data-ref]").filter({ visible: true }).last().getAttribute("data-ref");
  await board.locator(`a[data-ref="${ref}"]`).click();

  const panel = page.getByTestId("item-panel");
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/project/demo-kanban/us/${ref}$`));
  await expect(panel.getByRole("heading", { name: `User story #${ref}` })).toBeVisible();
  // The board is still there behind the panel, scrolled where it was, with its filter.
  await expect(board).toBeVisible();
  await expect(search).toHaveValue("a");
  const scrolled = await board.evaluate((el) => el.scrollLeft);
  expect(scrolled).toBeGreaterThan(0);

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(/\/project\/demo-kanban\/kanban\?q=a$/);
  await expect(search).toHaveValue("a");
  expect(await board.evaluate((el) => el.scrollLeft)).toBe(scrolled);

  // Shared link: the same URL loaded directly is the full page, no board behind it.
  await page.goto(`/project/demo-kanban/us/${ref}`);
  await expect(page.getByRole("heading", { name: `User story #${ref}` })).toBeVisible();
  await expect(page.getByTestId("item-panel")).toHaveCount(0);
  await expect(page.getByTestId("kanban-board")).toHaveCount(0);
});

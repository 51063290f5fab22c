/**
 * The detail page's editors, each checked on screen after a reload and in the server's state:
 * comments, assignees, tags, blocked, points per role, due date, watching, status, an issue's
 * type/severity/priority, attachments, a story's tasks; the not-found state; and the side panel
 * over the Kanban board. Each spec signs in as a member who may edit (not the admin) and works on
 * items of its own, created through the API and deleted afterwards.
 */
import type { Page } from "@playwright/test";
import { backend, expect, login, test } from "./fixtures";
import { createItem, deleteCreatedLater, forgetTag, membersOf, projectBySlug, runTag } from "./data";
import { editor, newItem, openItem, project, readItem, SLUG, type Item } from "./items-helpers";

async function reloaded(page: Page) {
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toBeVisible({ timeout: 15_000 });
}

test("comments: add, edit and delete, each still there after a reload", async ({ page, api, cleanup }) => {
  const story = await newItem(api, cleanup, "userstory");
  await login(page, (await editor(api)).username);
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
  await expect(page.getByRole("textbox", { name: "Edit comment" })).toBeHidden();
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

test("story: assign users, points per role, tags with colours, blocked, due date, watch", async ({ page, api, cleanup }) => {
  const story = await newItem(api, cleanup, "userstory");
  const p = await project(api);
  const me = await editor(api);
  const other = (await membersOf(api, SLUG)).find((m) => m.username !== me.username)!;
  const tagName = `${runTag}-urgent`;
  forgetTag(api, cleanup, p.id, tagName);
  await login(page, me.username);
  await openItem(page, "userstory", story.ref);

  // Assign
  await page.getByRole("combobox", { name: "Assign a user" }).selectOption({ label: other.full_name_display });
  await expect(page.getByRole("list", { name: "Assigned users" }).getByText(other.full_name_display)).toBeVisible();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).assigned_users).toContain(other.id);

  // Points for one role
  const role = p.roles.find((r) => r.computable)!;
  const current = story.points?.[String(role.id)];
  const point = p.points.find((pt) => pt.id !== current && pt.value !== null)!;
  await page.getByRole("combobox", { name: `${role.name} points` }).selectOption({ label: point.name });
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).points?.[String(role.id)]).toBe(point.id);

  // A new tag with its colour
  await page.getByRole("combobox", { name: "New tag" }).fill(tagName);
  await page.getByLabel("Colour of a new tag").fill("#ff0000");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).tags).toContainEqual([tagName, "#ff0000"]);

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
  await expect(page.getByRole("list", { name: "Assigned users" }).getByText(other.full_name_display)).toBeVisible();
  await expect(page.getByRole("combobox", { name: `${role.name} points` })).toHaveValue(String(point.id));
  const tag = page.getByRole("list", { name: "Tags" }).locator(`[data-tag="${tagName}"]`);
  await expect(tag).toBeVisible();
  await expect(tag).toHaveCSS("background-color", "rgb(255, 0, 0)");
  await expect(page.getByRole("checkbox", { name: "Blocked" })).toBeChecked();
  await expect(page.getByTestId("blocked-note")).toContainText("Waiting for the design review");
  await expect(page.getByLabel("Due date", { exact: true })).toHaveValue("2026-12-24");
  await expect(page.getByRole("button", { name: /^(Watch|Unwatch)$/ })).toHaveAttribute("aria-pressed", String(!wasWatching));
  expect((await readItem(api, "userstory", story.id)).watchers.includes(me.id)).toBe(!wasWatching);
  await expect(page.getByRole("list", { name: "Watchers" })).toContainText(me.full_name_display);

  // Remove the tag, unblock, unassign
  await page.getByRole("button", { name: `Remove tag ${tagName}` }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).tags.map((t) => t[0])).not.toContain(tagName);
  await page.getByRole("checkbox", { name: "Blocked" }).uncheck();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).is_blocked).toBe(false);
  await page.getByRole("button", { name: `Unassign ${other.full_name_display}` }).click();
  await expect.poll(async () => (await readItem(api, "userstory", story.id)).assigned_users).not.toContain(other.id);
  await reloaded(page);
  await expect(page.getByRole("list", { name: "Tags" }).locator(`[data-tag="${tagName}"]`)).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Blocked" })).not.toBeChecked();
  await expect(page.getByRole("list", { name: "Assigned users" })).toContainText("Nobody yet");
});

test("task and issue: status, one assignee, and an issue's type, severity and priority", async ({ page, api, cleanup }) => {
  const p = await project(api);
  const me = await editor(api);
  const other = (await membersOf(api, SLUG)).find((m) => m.username !== me.username)!;
  await login(page, me.username);
  for (const kind of ["task", "issue"] as const) {
    const item: Item = await newItem(api, cleanup, kind);
    await openItem(page, kind, item.ref);
    await page.getByRole("combobox", { name: "Assigned to" }).selectOption({ label: other.full_name_display });
    await expect.poll(async () => (await readItem(api, kind, item.id)).assigned_to).toBe(other.id);

    const statuses = kind === "task" ? p.task_statuses : p.issue_statuses;
    const status = statuses.find((s) => s.id !== item.status)!;
    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: status.name });
    await expect.poll(async () => (await readItem(api, kind, item.id)).status).toBe(status.id);

    const picked: Record<string, number> = {};
    if (kind === "issue") {
      for (const [label, field, values] of [["Type", "type", p.issue_types], ["Severity", "severity", p.severities], ["Priority", "priority", p.priorities]] as const) {
        const value = values.find((v) => v.id !== item[field])!;
        picked[field] = value.id;
        await page.getByRole("combobox", { name: label, exact: true }).selectOption({ label: value.name });
        await expect.poll(async () => (await readItem(api, kind, item.id))[field]).toBe(value.id);
      }
    }

    await reloaded(page);
    await expect(page.getByRole("combobox", { name: "Assigned to" }).locator("option:checked")).toHaveText(other.full_name_display);
    await expect(page.getByRole("combobox", { name: "Status" }).locator("option:checked")).toHaveText(status.name);
    if (kind === "issue") {
      await expect(page.getByRole("combobox", { name: "Type", exact: true })).toHaveValue(String(picked["type"]));
      await expect(page.getByRole("combobox", { name: "Severity", exact: true })).toHaveValue(String(picked["severity"]));
      await expect(page.getByRole("combobox", { name: "Priority", exact: true })).toHaveValue(String(picked["priority"]));
    }
  }
});

test("attachments: upload, see after reload, delete", async ({ page, api, cleanup }) => {
  const issue = await newItem(api, cleanup, "issue");
  await login(page, (await editor(api)).username);
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
  expect(await api.get<unknown[]>(`/issues/attachments?project=${issue.project}&object_id=${issue.id}`)).toEqual([]);
});

test("a story's tasks: add one and move it up, order kept after a reload", async ({ page, api, cleanup }) => {
  const story = await newItem(api, cleanup, "userstory");
  await createItem(api, cleanup, "task", story.project, { subject: "An earlier task (e2e)", user_story: story.id });
  const subject = `Write the e2e checklist ${runTag}`;
  deleteCreatedLater(api, cleanup, "task", story.project, (s) => s === subject);
  await login(page, (await editor(api)).username);
  await openItem(page, "userstory", story.ref);
  const tasks = page.getByRole("list", { name: "Tasks" });
  await expect(tasks.getByRole("listitem")).toHaveCount(1);
  await page.getByRole("textbox", { name: "New task subject" }).fill(subject);
  await page.getByRole("button", { name: "Add task" }).click();
  const added = tasks.getByRole("listitem").filter({ hasText: subject });
  await expect(added).toBeVisible();
  const ref = await added.getAttribute("data-task-ref");
  await expect(tasks.getByRole("listitem")).toHaveCount(2);
  await expect(tasks.getByRole("listitem").last()).toContainText(subject);

  await page.getByRole("button", { name: `Move task #${ref} up` }).click();
  await expect(tasks.getByRole("listitem").first()).toContainText(subject);
  await reloaded(page);
  await expect(tasks.getByRole("listitem").first()).toContainText(subject);
  const server = await api.list<{ ref: number; us_order: number }>(`/tasks?project=${story.project}&user_story=${story.id}`);
  const sorted = [...server].sort((a, b) => a.us_order - b.us_order).map((t) => t.ref);
  expect(sorted).toEqual([Number(ref), expect.any(Number)]);
});

test("an unknown reference shows a not-found message", async ({ page, api, guard }) => {
  guard.allow(404, "/by_ref");
  await login(page, (await editor(api)).username);
  await page.goto(`/project/${SLUG}/us/987654`);
  await expect(page.getByRole("alert")).toContainText("User story #987654 not found");
});

test("opened from the board: a side panel that keeps the board's scroll and filters; Escape closes; the URL opens the full page", async ({ page, api, cleanup }) => {
  const kanban = await projectBySlug(api, backend.kanbanProject);
  const open = kanban.us_statuses.filter((s) => !s.is_archived).sort((a, b) => a.order - b.order);
  const lane = kanban.swimlanes?.[0]?.id;
  // Two stories of this spec's own, in the first and the last open column, found by a filter.
  for (const status of [open[0]!, open[open.length - 1]!]) {
    await createItem(api, cleanup, "userstory", kanban.id, { subject: `Panel check ${runTag} ${status.name}`, status: status.id, ...(lane ? { swimlane: lane } : {}) });
  }
  const slug = backend.kanbanProject;
  await page.setViewportSize({ width: 1000, height: 800 });
  await login(page, (await editor(api)).username);
  await page.goto(`/project/${slug}/kanban?q=${runTag}`);
  const board = page.getByTestId("kanban-board");
  await expect(board).toBeVisible();
  const card = board.locator("a[data-ref]").first();
  await expect(card).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search stories by subject or ref" });
  await expect(search).toHaveValue(runTag);
  // Scroll the board to its right end and open a card of the last column (already in view).
  await board.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const last = board.locator("a[data-ref]").filter({ visible: true }).last();
  await expect(last).toContainText(open[open.length - 1]!.name);
  const ref = await last.getAttribute("data-ref");
  await board.locator(`a[data-ref="${ref}"]`).click();

  const panel = page.getByTestId("item-panel");
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/project/${slug}/us/${ref}$`));
  await expect(panel.getByRole("heading", { name: `User story #${ref}` })).toBeVisible();
  // The board is still there behind the panel, scrolled where it was, with its filter.
  await expect(board).toBeVisible();
  await expect(search).toHaveValue(runTag);
  const scrolled = await board.evaluate((el) => el.scrollLeft);
  expect(scrolled).toBeGreaterThan(0);

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/project/${slug}/kanban\\?q=${runTag}$`));
  await expect(search).toHaveValue(runTag);
  expect(await board.evaluate((el) => el.scrollLeft)).toBe(scrolled);

  // Shared link: the same URL loaded directly is the full page, no board behind it.
  await page.goto(`/project/${slug}/us/${ref}`);
  await expect(page.getByRole("heading", { name: `User story #${ref}` })).toBeVisible();
  await expect(page.getByTestId("item-panel")).toHaveCount(0);
  await expect(page.getByTestId("kanban-board")).toHaveCount(0);
});

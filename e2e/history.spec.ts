/**
 * Comments and activity of items the backend already has (a real Taiga's sample data, the embedded
 * demo's seeded history): they load on the detail page exactly as `GET /history/{type}/{id}`
 * gives them, and a comment written in the dashboard is in the server's history afterwards.
 */
import { backend, expect, login, test, type Api } from "./fixtures";
import { EDIT, itemsOf, memberWho, projectBySlug, runTag, type Kind, type WorkItem } from "./data";
import { newItem, openItem } from "./items-helpers";

interface HistoryEntry {
  id: string;
  comment: string;
  delete_comment_date: string | null;
  values_diff: Record<string, unknown>;
  user: { pk: number | null; username: string; name: string };
}

const history = (api: Api, kind: Kind, id: number, type: "comment" | "activity") => api.list<HistoryEntry>(`/history/${kind}/${id}?type=${type}`);

/**
 * The item of the main project with the most comments (a real Taiga's sample items carry one
 * comment each, some with a status change in the same entry; the embedded demo's carry several).
 */
async function commentedItem(api: Api, kind: Kind): Promise<{ item: WorkItem; comments: HistoryEntry[]; activity: HistoryEntry[] }> {
  const project = await projectBySlug(api, backend.mainProject);
  const items = (await itemsOf(api, kind, project.id)).sort((a, b) => (b.total_comments ?? 0) - (a.total_comments ?? 0) || a.id - b.id);
  for (const item of items.slice(0, 25)) {
    const comments = await history(api, kind, item.id, "comment");
    if (comments.some((c) => !c.delete_comment_date)) return { item, comments, activity: await history(api, kind, item.id, "activity") };
  }
  throw new Error(`no ${kind} of ${backend.mainProject} has comments`);
}

for (const kind of ["userstory", "task", "issue"] as const) {
  test(`a ${kind}'s comments and activity load as the server has them`, async ({ page, api }) => {
    const { item, comments, activity } = await commentedItem(api, kind);
    await login(page, (await memberWho(api, backend.mainProject, { can: EDIT, not: [backend.admin] })).username);
    await openItem(page, kind, item.ref);

    const list = page.getByRole("list", { name: "Comments" });
    await expect(list.getByRole("listitem")).toHaveCount(comments.length);
    for (const comment of comments) {
      const shown = list.locator(`[data-comment-id="${comment.id}"]`);
      await expect(shown).toContainText(comment.user.name || comment.user.username);
      if (comment.delete_comment_date) await expect(shown).toContainText("Comment deleted");
      else await expect(shown).toContainText(comment.comment.replace(/[*_`#>[\]()!]/g, "").trim().split(/\s+/).slice(0, 4).join(" "));
    }
    await expect(page.getByText(/could not be loaded/)).toHaveCount(0);

    const changes = page.getByRole("region", { name: "Activity" });
    if (activity.length === 0) {
      await expect(changes).toContainText("No changes yet.");
    } else {
      await expect(changes.getByRole("listitem")).toHaveCount(activity.length);
      await expect(changes.getByRole("listitem").first()).toContainText(activity[0]!.user.name || activity[0]!.user.username);
    }
  });
}

test("a change made in the dashboard is in the item's activity, on screen and on the server", async ({ page, api, cleanup }) => {
  const project = await projectBySlug(api, backend.mainProject);
  const member = await memberWho(api, backend.mainProject, { can: EDIT, not: [backend.admin] });
  const story = await newItem(api, cleanup, "userstory");
  const from = project.us_statuses.find((s) => s.id === story.status)!;
  const to = project.us_statuses.find((s) => s.id !== story.status && !s.is_archived)!;
  await login(page, member.username);
  await openItem(page, "userstory", story.ref);
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("No changes yet.");

  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: to.name });
  const entry = page.getByRole("list", { name: "Activity" }).getByRole("listitem").first();
  await expect(entry).toContainText(`${member.full_name_display} changed status from ${from.name} to ${to.name}`);

  const activity = await history(api, "userstory", story.id, "activity");
  expect(activity).toHaveLength(1);
  expect(activity[0]!.user.username).toBe(member.username);
  expect(activity[0]!.values_diff["status"]).toEqual([from.name, to.name]);
  await page.reload();
  await expect(page.getByRole("list", { name: "Activity" }).getByRole("listitem")).toHaveCount(1);
});

test("a comment added in the dashboard is in the server's history of the story", async ({ page, api, cleanup }) => {
  const { item } = await commentedItem(api, "userstory");
  const member = await memberWho(api, backend.mainProject, { can: EDIT, not: [backend.admin] });
  const text = `Checked against the server's history ${runTag}`;
  await login(page, member.username);
  await openItem(page, "userstory", item.ref);
  await page.getByRole("textbox", { name: "New comment" }).fill(text);
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" }).getByText(text)).toBeVisible();

  await expect.poll(async () => (await history(api, "userstory", item.id, "comment")).find((c) => c.comment === text)?.user.username).toBe(member.username);
  const entry = (await history(api, "userstory", item.id, "comment")).find((c) => c.comment === text)!;
  // The sample story gets its history back as it was, but for this comment's "deleted" entry.
  cleanup.add("delete the spec's comment", () => api.send("POST", `/history/userstory/${item.id}/delete_comment?id=${entry.id}`));

  // And reading it afresh (a reload) shows it from the server, under its author.
  await page.reload();
  const shown = page.getByRole("list", { name: "Comments" }).locator(`[data-comment-id="${entry.id}"]`);
  await expect(shown).toContainText(text);
  await expect(shown).toContainText(member.full_name_display);
});

/**
 * The issues triage table, on the embedded server and on a real Taiga: facets (include and exclude),
 * server sort on every column, paging through 100+ issues, create with a validation error then
 * success, inline edits that persist and meet OCC, votes, promote to a story, the side panel, the
 * keyboard, remembered columns and a URL that restores the view. The verdict always comes from the
 * server's own answers (read through the API), never from the page's state.
 */
import type { Locator, Page } from "@playwright/test";
import { backend, expect, login, test, type Api, type Cleanup } from "./fixtures";
import { createItem, deleteCreatedLater, deleteIfThere, projectBySlug, runTag, type ProjectDetail, type WorkItem } from "./data";

const SLUG = backend.mainProject;
const URL_BASE = `/project/${SLUG}/issues`;

interface IssueRow {
  id: number;
  ref: number;
  subject: string;
  total_voters: number;
  is_voter: boolean;
  status: number;
  generated_user_stories?: { id: number; ref: number }[] | null;
}

interface Facets {
  types: { id: number; name: string; count: number }[];
  severities: { id: number; name: string; count: number }[];
  priorities: { id: number; name: string; count: number }[];
  statuses: { id: number; name: string; count: number }[];
  assigned_to: { id: number | null; full_name: string; count: number }[];
  owners: { id: number; full_name: string; count: number }[];
  roles: { id: number; name: string; count: number }[];
  tags: { name: string; count: number }[];
}

/** The ids of the rows on screen, top to bottom. */
const shownIds = (page: Page) => page.locator("tbody tr[data-issue-id]").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-issue-id"))));

/** The first page (30) of the server's list for a query string, as ids. */
async function serverPage(api: Api, projectId: number, query: string, page = 1): Promise<number[]> {
  const all = await api.list<IssueRow>(`/issues?project=${projectId}${query}`);
  return all.slice((page - 1) * 30, page * 30).map((i) => i.id);
}

async function serverCount(api: Api, projectId: number, query: string): Promise<number> {
  return (await api.list<IssueRow>(`/issues?project=${projectId}${query}`)).length;
}

const table = (page: Page) => page.getByRole("table", { name: /^Issues of / });

/** Waits until the table shows what the server has for the query (ids of page `n`). */
async function expectRows(page: Page, api: Api, projectId: number, query: string, n = 1): Promise<void> {
  const expected = await serverPage(api, projectId, query, n);
  await expect.poll(() => shownIds(page), { message: `rows for ${query || "(no filter)"} page ${n}` }).toEqual(expected);
}

async function openIssues(page: Page, query = ""): Promise<void> {
  await page.goto(`${URL_BASE}${query}`);
  await expect(page.getByRole("heading", { name: "Issues", exact: true })).toBeVisible({ timeout: 15_000 });
}

/** Searches for a text and waits until the URL carries it. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search issues" }).fill(text);
  await page.getByRole("searchbox", { name: "Search issues" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(escapeRe(new URLSearchParams({ q: text }).toString())));
}

/** A throwaway issue of this run, shown alone in the table through a search for its subject. */
async function ownIssue(api: Api, cleanup: Cleanup, project: ProjectDetail, label: string, fields: Record<string, unknown> = {}): Promise<WorkItem> {
  return createItem(api, cleanup, "issue", project.id, { subject: `${runTag} ${label}`, ...fields });
}

async function showOnly(page: Page, issue: WorkItem): Promise<Locator> {
  await openIssues(page);
  await search(page, issue.subject);
  const row = page.locator(`tbody tr[data-issue-id="${issue.id}"]`);
  await expect(row).toBeVisible();
  await expect.poll(() => shownIds(page)).toEqual([issue.id]);
  return row;
}

test.describe("issues table", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1500, height: 950 });
    await login(page);
  });

  test("accessibility contract: a table with sortable column headers, row links named #ref subject, facet checkboxes named with counts", async ({ page, api }) => {
    const project = await projectBySlug(api, SLUG);
    await openIssues(page);
    const grid = table(page);
    await expect(grid).toBeVisible();
    for (const name of ["Type", "Severity", "Priority", "Issue", "Status", "Assigned to", "Created", "Modified", "Votes"]) {
      const header = grid.getByRole("columnheader", { name });
      await expect(header).toHaveAttribute("aria-sort", "none");
      await expect(header.getByRole("button", { name })).toBeVisible();
    }
    const first = (await api.get<IssueRow[]>(`/issues?project=${project.id}`))[0] as IssueRow;
    await expect(grid.getByRole("row").nth(1).getByRole("link").first()).toHaveAccessibleName(`#${first.ref} ${first.subject}`);
    const facets = await api.get<Facets>(`/issues/filters_data?project=${project.id}`);
    const type = facets.types[0] as Facets["types"][number];
    await expect(page.getByRole("group", { name: "Type" }).getByRole("checkbox", { name: `${type.name} (${type.count})`, exact: true })).toBeVisible();
  });

  test("each facet filters, and its exclude works, as the server counts them", async ({ page, api }) => {
    // Every facet, included and excluded, each checked against the server: many steps, so more time.
    test.slow();
    const project = await projectBySlug(api, SLUG);
    const facets = await api.get<Facets>(`/issues/filters_data?project=${project.id}`);
    const groups: { label: string; param: string; value: string; name: string }[] = [];
    const pick = <T extends { count: number }>(list: T[]) => list.find((v) => v.count > 0);
    const pushValue = (label: string, param: string, v: { id: number | null; name?: string; full_name?: string; count: number } | undefined) => {
      if (v) groups.push({ label, param, value: v.id === null ? "null" : String(v.id), name: v.id === null ? "Unassigned" : (v.name ?? v.full_name ?? "") });
    };
    pushValue("Type", "type", pick(facets.types));
    pushValue("Severity", "severity", pick(facets.severities));
    pushValue("Priority", "priority", pick(facets.priorities));
    pushValue("Status", "status", pick(facets.statuses));
    pushValue("Assigned to", "assigned_to", pick(facets.assigned_to));
    pushValue("Reporter", "owner", pick(facets.owners));
    pushValue("Role", "role", pick(facets.roles));
    const tag = [...facets.tags].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))[0];
    if (tag && tag.count > 0) groups.push({ label: "Tags", param: "tags", value: tag.name, name: tag.name });
    expect(groups.map((g) => g.label)).toEqual(["Type", "Severity", "Priority", "Status", "Assigned to", "Reporter", "Role", "Tags"]);

    await openIssues(page);
    await expectRows(page, api, project.id, "");
    for (const g of groups) {
      const group = page.getByRole("group", { name: g.label });
      const query = `&${g.param}=${encodeURIComponent(g.value)}`;
      const count = await serverCount(api, project.id, query);
      const box = group.getByRole("checkbox", { name: new RegExp(`^${escapeRe(g.name)} \\(\\d+\\)$`) });
      await box.click();
      await expect(box).toBeChecked();
      // the rows stay on screen while the filtered page loads: never a full-page spinner
      await expect(table(page).or(page.getByText("No issues match these filters"))).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`[?&]${g.param}=${escapeRe(encodeURIComponent(g.value))}`));
      await expectRows(page, api, project.id, query);
      await expect(page.getByTestId("issues-range")).toContainText(`of ${count.toLocaleString("en-US")} `);
      // every other facet now counts within this filter, as filters_data does
      const within = await api.get<Facets>(`/issues/filters_data?project=${project.id}${query}`);
      const status = within.statuses.find((s) => s.count > 0);
      if (status && g.param !== "status") {
        await expect(page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: `${status.name} (${status.count})`, exact: true })).toBeVisible();
      }
      // exclude the same value instead
      await group.getByRole("button", { name: `Exclude ${g.name}`, exact: true }).click();
      const excluded = `&exclude_${g.param}=${encodeURIComponent(g.value)}`;
      await expect(page).toHaveURL(new RegExp(`exclude_${g.param}=`));
      await expectRows(page, api, project.id, excluded);
      await expect(group.getByRole("button", { name: `Exclude ${g.name}`, exact: true })).toHaveAttribute("aria-pressed", "true");
      await group.getByRole("button", { name: `Exclude ${g.name}`, exact: true }).click();
      await expect(page).not.toHaveURL(/exclude_/);
      await expectRows(page, api, project.id, "");
    }
  });

  test("sorting by each column is the server's order, shown in aria-sort and announced", async ({ page, api }) => {
    // Every column, both directions, each checked against the server: many steps, so more time.
    test.slow();
    const project = await projectBySlug(api, SLUG);
    await openIssues(page);
    await expectRows(page, api, project.id, "");
    const columns: [string, string][] = [
      ["Type", "type"],
      ["Severity", "severity"],
      ["Priority", "priority"],
      ["Issue", "subject"],
      ["Status", "status"],
      ["Assigned to", "assigned_to"],
      ["Created", "created_date"],
      ["Modified", "modified_date"],
      ["Votes", "total_voters"],
    ];
    for (const [name, field] of columns) {
      const header = table(page).getByRole("columnheader", { name });
      await header.getByRole("button").click();
      await expect(header).toHaveAttribute("aria-sort", "ascending");
      await expect(page).toHaveURL(new RegExp(`order_by=${field}(&|$)`));
      await expectRows(page, api, project.id, `&order_by=${field}`);
      await expect(page.getByRole("status").filter({ hasText: `Sorted by ${name}, ascending` })).toBeAttached();
      await header.getByRole("button").click();
      await expect(header).toHaveAttribute("aria-sort", "descending");
      await expectRows(page, api, project.id, `&order_by=-${field}`);
    }
  });

  test("pages through 100+ issues, keeping the rows on screen while the next page loads", async ({ page, api, cleanup }) => {
    const project = await projectBySlug(api, SLUG);
    const tag = `${runTag}p`;
    deleteCreatedLater(api, cleanup, "issue", project.id, (s) => s.startsWith(`${tag} `));
    const lines = Array.from({ length: 105 }, (_, i) => `${tag} paged ${String(i + 1).padStart(3, "0")}`).join("\n");
    await api.send("POST", "/issues/bulk_create", { project_id: project.id, bulk_issues: lines });
    await openIssues(page);
    await search(page, tag);
    await expect(page.getByTestId("issues-range")).toHaveText("1–30 of 105 issues");
    const query = `&q=${tag}`;
    await expectRows(page, api, project.id, query, 1);
    for (let n = 2; n <= 4; n++) {
      await page.getByRole("button", { name: "Next" }).click();
      // the previous page's rows stay until the next one is there
      expect((await shownIds(page)).length).toBeGreaterThan(0);
      await expectRows(page, api, project.id, query, n);
      await expect(page).toHaveURL(new RegExp(`page=${n}`));
    }
    await expect(page.getByTestId("issues-range")).toHaveText("91–105 of 105 issues");
    await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
    await page.getByRole("button", { name: "First page" }).click();
    await expectRows(page, api, project.id, query, 1);
    await page.goBack();
    await expectRows(page, api, project.id, query, 4);
  });

  test("create: a validation error shows next to the field, then the issue is created", async ({ page, api, cleanup, guard }) => {
    guard.allow(400, "POST /issues", /subject/);
    const project = await projectBySlug(api, SLUG);
    const subject = `${runTag} created from the table`;
    deleteCreatedLater(api, cleanup, "issue", project.id, (s) => s === subject);
    await openIssues(page);
    await page.getByRole("button", { name: "New issue" }).click();
    const dialog = page.getByRole("dialog", { name: "New issue" });
    const box = dialog.getByRole("textbox", { name: "Subject" });
    // Taiga's own validation, shown next to the field
    await box.fill("   ");
    await dialog.getByRole("button", { name: "Create issue" }).click();
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(box).toHaveAccessibleDescription("This field is required.");
    await expect(box).toHaveValue("   ");
    await expect(box).toBeFocused();
    await box.fill(subject);
    await dialog.getByRole("combobox", { name: "Priority" }).selectOption({ index: 0 });
    await dialog.getByRole("button", { name: "Create issue" }).click();
    await expect(dialog).toBeHidden();
    const created = (await api.list<IssueRow>(`/issues?project=${project.id}&q=${runTag}`)).find((i) => i.subject === subject);
    expect(created, "the issue is on the server").toBeTruthy();
    await expect(page.getByText(`Issue #${created?.ref} created.`)).toBeVisible();
  });

  test("bulk add: one issue per line", async ({ page, api, cleanup }) => {
    const project = await projectBySlug(api, SLUG);
    const tag = `${runTag}b`;
    deleteCreatedLater(api, cleanup, "issue", project.id, (s) => s.startsWith(`${tag} `));
    await openIssues(page);
    await page.getByRole("button", { name: "Add several" }).click();
    const dialog = page.getByRole("dialog", { name: "Add several issues" });
    await dialog.getByRole("textbox", { name: "Issue subjects" }).fill(`${tag} one\n\n${tag} two\n`);
    await dialog.getByRole("button", { name: "Add 2 issues" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("2 issues added.")).toBeVisible();
    const made = (await api.list<IssueRow>(`/issues?project=${project.id}&q=${tag}`)).map((i) => i.subject).sort();
    expect(made).toEqual([`${tag} one`, `${tag} two`]);
  });

  test("an inline status change shows at once and persists after a reload", async ({ page, api, cleanup }) => {
    const project = await projectBySlug(api, SLUG);
    const issue = await ownIssue(api, cleanup, project, "inline status");
    const target = project.issue_statuses.find((s) => s.id !== issue.status) as ProjectDetail["issue_statuses"][number];
    const row = await showOnly(page, issue);
    const select = row.getByRole("combobox", { name: `Status of #${issue.ref}` });
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().endsWith(`/issues/${issue.id}`));
    await select.selectOption({ label: target.name });
    await expect(select).toHaveValue(String(target.id));
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect(page.locator(`tbody tr[data-issue-id="${issue.id}"]`).getByRole("combobox", { name: `Status of #${issue.ref}` })).toHaveValue(String(target.id));
    const server = await api.get<IssueRow>(`/issues/${issue.id}`);
    expect(server.status).toBe(target.id);
    // the other inline fields save too
    const assignee = project.members.find((m) => m.is_active) as ProjectDetail["members"][number];
    await page.locator(`tbody tr[data-issue-id="${issue.id}"]`).getByRole("combobox", { name: `Assignee of #${issue.ref}` }).selectOption({ value: String(assignee.id) });
    await expect.poll(async () => (await api.get<WorkItem>(`/issues/${issue.id}`)).assigned_to).toBe(assignee.id);
  });

  test("an inline change against a stale version opens the conflict prompt, and keep mine wins", async ({ page, api, cleanup, guard }) => {
    guard.allowConflicts();
    const project = await projectBySlug(api, SLUG);
    const issue = await ownIssue(api, cleanup, project, "stale inline");
    const [theirs, mine] = project.issue_statuses.filter((s) => s.id !== issue.status) as [ProjectDetail["issue_statuses"][number], ProjectDetail["issue_statuses"][number]];
    const row = await showOnly(page, issue);
    // someone else changes the status after the table was loaded
    await api.send("PATCH", `/issues/${issue.id}`, { status: theirs.id, version: issue.version });
    await row.getByRole("combobox", { name: `Status of #${issue.ref}` }).selectOption({ label: mine.name });
    const prompt = page.getByRole("dialog", { name: "Someone else changed this issue" });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByText(theirs.name, { exact: true })).toBeVisible();
    await expect(prompt.getByText(mine.name, { exact: true })).toBeVisible();
    await prompt.getByRole("button", { name: "Keep mine" }).click();
    await expect(prompt).toBeHidden();
    await expect.poll(async () => (await api.get<IssueRow>(`/issues/${issue.id}`)).status).toBe(mine.id);
    await expect(page.locator(`tbody tr[data-issue-id="${issue.id}"]`).getByRole("combobox", { name: `Status of #${issue.ref}` })).toHaveValue(String(mine.id));
  });

  test("a vote changes the count, and taking it back too", async ({ page, api, cleanup }) => {
    const project = await projectBySlug(api, SLUG);
    const issue = await ownIssue(api, cleanup, project, "votes");
    const row = await showOnly(page, issue);
    const vote = row.getByRole("button", { name: `Vote for #${issue.ref}` });
    await expect(vote).toHaveAttribute("aria-pressed", "false");
    await expect(vote).toHaveText(/0/);
    await vote.click();
    await expect(vote).toHaveAttribute("aria-pressed", "true");
    await expect(vote).toHaveText(/1/);
    await expect.poll(async () => (await api.get<IssueRow>(`/issues/${issue.id}`)).total_voters).toBe(1);
    await vote.click();
    await expect(vote).toHaveAttribute("aria-pressed", "false");
    await expect.poll(async () => (await api.get<IssueRow>(`/issues/${issue.id}`)).total_voters).toBe(0);
  });

  test("promote to a user story: confirm, then a link to the new story", async ({ page, api, cleanup }) => {
    const project = await projectBySlug(api, SLUG);
    const issue = await ownIssue(api, cleanup, project, "promote me");
    cleanup.add("delete the promoted story", async () => {
      const generated = (await api.get<IssueRow>(`/issues/${issue.id}`).catch(() => null))?.generated_user_stories ?? [];
      for (const story of generated) await deleteIfThere(api, "userstory", story.id);
    });
    const row = await showOnly(page, issue);
    await row.getByRole("button", { name: `Actions for #${issue.ref}` }).click();
    await page.getByRole("menuitem", { name: "Promote to user story…" }).click();
    const dialog = page.getByRole("dialog", { name: `Promote #${issue.ref} to a user story?` });
    await dialog.getByRole("button", { name: "Promote" }).click();
    const done = page.getByRole("dialog", { name: "User story created" });
    const link = done.getByRole("link", { name: /Open user story #\d+/ });
    await expect(link).toBeVisible();
    const ref = Number((await link.textContent())?.match(/#(\d+)/)?.[1]);
    const story = await api.get<{ id: number; subject: string; generated_from_issue: number }>(`/userstories/by_ref?ref=${ref}&project=${project.id}`);
    expect(story).toMatchObject({ subject: issue.subject, generated_from_issue: issue.id });
    await link.click();
    await expect(page.getByTestId("item-panel").getByRole("heading", { name: `User story #${ref}` })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("item-panel")).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/issues\\?q=`));
  });

  test("the side panel opens from a row and Escape closes it; the list keeps its filters, page and scroll", async ({ page, api }) => {
    const project = await projectBySlug(api, SLUG);
    const facets = await api.get<Facets>(`/issues/filters_data?project=${project.id}`);
    const status = facets.statuses.find((s) => s.count > 0) as Facets["statuses"][number];
    await openIssues(page, `?status=${status.id}`);
    await expectRows(page, api, project.id, `&status=${status.id}`);
    const scroller = page.locator("div:has(> table)");
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const scrolled = await scroller.evaluate((el) => el.scrollTop);
    const link = table(page).locator("a[data-row-link]").last();
    const name = (await link.textContent()) ?? "";
    await link.click();
    const panel = page.getByTestId("item-panel");
    await expect(panel.getByRole("heading", { name: new RegExp(`^Issue ${escapeRe(name.split(" ")[0] ?? "")}$`) })).toBeVisible();
    await expect(table(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/issues\\?status=${status.id}$`));
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
    await expect(page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: new RegExp(`^${escapeRe(status.name)} \\(`) })).toBeChecked();
  });

  test("keyboard: j/k and the arrows move between rows, Enter opens, / searches", async ({ page, api }) => {
    const project = await projectBySlug(api, SLUG);
    await openIssues(page);
    await expectRows(page, api, project.id, "");
    const links = table(page).locator("a[data-row-link]");
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("j");
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press("j");
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(links.nth(2)).toBeFocused();
    await page.keyboard.press("k");
    await page.keyboard.press("ArrowUp");
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("item-panel")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("item-panel")).toBeHidden();
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search issues" })).toBeFocused();
  });

  test("the URL restores the same view after a reload and Back", async ({ page, api }) => {
    const project = await projectBySlug(api, SLUG);
    const facets = await api.get<Facets>(`/issues/filters_data?project=${project.id}`);
    const type = facets.types.find((t) => t.count > 0) as Facets["types"][number];
    await openIssues(page);
    const box = page.getByRole("group", { name: "Type" }).getByRole("checkbox", { name: new RegExp(`^${escapeRe(type.name)} \\(`) });
    await box.click();
    await expect(box).toBeChecked();
    await table(page).getByRole("columnheader", { name: "Priority" }).getByRole("button").click();
    await table(page).getByRole("columnheader", { name: "Priority" }).getByRole("button").click();
    const query = `&type=${type.id}&order_by=-priority`;
    await expectRows(page, api, project.id, query);
    await page.reload();
    await expectRows(page, api, project.id, query);
    await expect(table(page).getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByRole("group", { name: "Type" }).getByRole("checkbox", { name: new RegExp(`^${escapeRe(type.name)} \\(`) })).toBeChecked();
    await page.goBack();
    await expect(table(page).getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "ascending");
    await expectRows(page, api, project.id, `&type=${type.id}&order_by=priority`);
  });

  test("columns can be hidden and reordered, and the choice is remembered", async ({ page }) => {
    await openIssues(page);
    await page.getByRole("button", { name: "Columns" }).click();
    const chooser = page.getByRole("group", { name: "Visible columns" });
    await chooser.getByRole("checkbox", { name: "Severity" }).uncheck();
    await chooser.getByRole("checkbox", { name: "Reporter" }).check();
    await chooser.getByRole("button", { name: "Move Votes left" }).click();
    await page.keyboard.press("Escape");
    const headers = () => table(page).getByRole("columnheader").allTextContents();
    await expect.poll(headers).not.toContain("Severity");
    await page.reload();
    await expect(table(page)).toBeVisible();
    const names = (await headers()).map((h) => h.replace(/[▲▼]/g, "").trim()).filter(Boolean);
    expect(names).not.toContain("Severity");
    expect(names).toContain("Reporter");
    expect(names.indexOf("Votes")).toBeLessThan(names.indexOf("Modified"));
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The project list and the project shell, on whichever backend runs: projects, members and
 * outsiders are read from the API first (backend.ts names the main, Kanban, private and blocked
 * projects).
 */
import { backend, expect, login, test } from "./fixtures";
import { EDIT, memberWho, outsiderOf, projectBySlug, type ProjectDetail } from "./data";

interface ListedProject {
  id: number;
  name: string;
  slug: string;
  description: string;
  is_private: boolean;
  i_am_owner: boolean;
  i_am_admin: boolean;
  i_am_member: boolean;
}

const roleOf = (p: ListedProject) => (p.i_am_owner ? "Owner" : p.i_am_admin ? "Admin" : p.i_am_member ? "Member" : "Viewer");

test("the project list shows each project's name, description, my role and privacy", async ({ page, api }) => {
  // Someone who belongs to the private project, so the list holds a private one too.
  const member = await memberWho(api, backend.privateProject, { not: [backend.admin] });
  const me = await api.me(member.username);
  const projects = await api.list<ListedProject>(`/projects?member=${me.id}&order_by=user_order`, member.username);
  expect(projects.map((p) => p.slug)).toContain(backend.privateProject);

  await login(page, member.username);
  const cards = page.getByTestId("project-card");
  await expect(cards).toHaveCount(projects.length);
  for (const [index, project] of projects.entries()) {
    const card = cards.nth(index);
    await expect(card.getByRole("heading")).toHaveText(project.name);
    if (project.description) await expect(card).toContainText(project.description.trim().split("\n")[0]!.slice(0, 40));
    await expect(card.getByLabel(`Your role: ${roleOf(project)}`)).toBeVisible();
    await expect(card.getByText("Private", { exact: true })).toHaveCount(project.is_private ? 1 : 0);
    await expect(card).toHaveAttribute("href", `/project/${project.slug}`);
  }
});

test("a project opens on its first module, with navigation to the modules it turns on", async ({ page, api }) => {
  const slug = backend.mainProject;
  const main = await projectBySlug(api, slug);
  await login(page, backend.admin);
  await page.getByRole("link", { name: new RegExp(main.name) }).first().click();

  const first = ["backlog", "kanban", "issues", "wiki"].find((m) => main[`is_${m}_activated` as keyof ProjectDetail]);
  await expect(page).toHaveURL(new RegExp(`/project/${slug}/${first}$`));
  await expect(page.getByRole("heading", { level: 1, name: main.name })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Project" });
  for (const [module, label] of [["backlog", "Backlog"], ["kanban", "Kanban"], ["issues", "Issues"], ["wiki", "Wiki"]] as const) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(main[`is_${module}_activated`] ? 1 : 0);
  }
  const current = main.milestones.find((m) => !m.closed);
  if (main.is_backlog_activated && current) {
    await nav.getByRole("link", { name: new RegExp(`Taskboard · ${current.name}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/project/${slug}/taskboard/${current.slug}$`));
  }
  if (main.is_issues_activated) {
    await nav.getByRole("link", { name: "Issues", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/project/${slug}/issues$`));
    await expect(nav.getByRole("link", { name: "Issues", exact: true })).toHaveAttribute("aria-current", "page");
  }
});

test("the Kanban project opens on its first module and links the backlog only when it is on", async ({ page, api }) => {
  const slug = backend.kanbanProject;
  const kanban = await projectBySlug(api, slug);
  await login(page, backend.admin);
  await page.goto(`/project/${slug}`);
  const first = ["backlog", "kanban", "issues", "wiki"].find((m) => kanban[`is_${m}_activated` as keyof ProjectDetail]);
  await expect(page).toHaveURL(new RegExp(`/project/${slug}/${first}$`));
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Backlog", exact: true })).toHaveCount(
    kanban.is_backlog_activated ? 1 : 0,
  );
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Kanban", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/project/${slug}/kanban$`));
  await expect(page.getByTestId("kanban-board")).toBeVisible();
});

test("a private project is not listed for a non-member, and its address says so", async ({ page, api, guard }) => {
  const slug = backend.privateProject;
  // Taiga answers a signed-in non-member's by_slug with 404 (as if there were no such project)
  // and a read by id with 403.
  guard.allow(404, "GET /projects/by_slug");
  const secret = await projectBySlug(api, slug);
  expect(secret.is_private).toBe(true);
  const outsider = await outsiderOf(api, slug);
  expect(await api.status(`/projects/by_slug?slug=${slug}`, outsider)).toBe(404);
  expect(await api.status(`/projects/${secret.id}`, outsider)).toBe(403);

  await login(page, outsider);
  await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
  await expect(page.getByTestId("project-card").first()).toBeVisible();
  await expect(page.locator(`a[href="/project/${slug}"]`)).toHaveCount(0);

  for (const path of [`/project/${slug}`, `/project/${slug}/kanban`, `/project/${slug}/us/1`]) {
    await page.goto(path);
    await expect(page.getByRole("alert")).toContainText("Project not found");
    await expect(page.getByRole("alert")).toContainText("private and you are not a member");
  }
  // Signed out, the same address asks to sign in first (Taiga answers an anonymous read 401).
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await page.goto(`/project/${slug}/kanban`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fproject%2F${slug}%2Fkanban$`));
});

test("a member sees the private project with its badge", async ({ page, api }) => {
  const slug = backend.privateProject;
  const member = await memberWho(api, slug, { not: [backend.admin] });
  await login(page, member.username);
  await expect(page.locator(`a[href="/project/${slug}"]`)).toBeVisible();
  await expect(page.locator(`a[href="/project/${slug}"]`).getByText("Private", { exact: true })).toBeVisible();
  await page.locator(`a[href="/project/${slug}"]`).click();
  await expect(page.getByRole("heading", { level: 1, name: (await projectBySlug(api, slug)).name })).toBeVisible();
});

test("a blocked project can be read but not changed: the shell says so and the board offers no edits", async ({ page, api }) => {
  const slug = backend.blockedProject;
  test.skip(slug === null, "this backend has no blocked project");
  const blocked = await projectBySlug(api, slug!);
  expect(blocked.blocked_code).toBeTruthy();
  const member = await memberWho(api, slug!, { can: EDIT });

  // Taiga refuses every write into it with 451, whatever the member's role allows.
  const story = (await api.list<{ id: number; ref: number; version: number; subject: string }>(`/userstories?project=${blocked.id}`))[0];
  expect(story, `${slug} has stories`).toBeTruthy();
  const refused = await api.fetch("PATCH", `/userstories/${story!.id}`, { subject: "never saved", version: story!.version }, member.username);
  expect(refused.status()).toBe(451);
  expect(await refused.json()).toMatchObject({ _error_message: "Blocked element" });

  await login(page, member.username);
  await page.goto(`/project/${slug}/kanban`);
  await expect(page.getByRole("status").filter({ hasText: "This project is blocked" })).toBeVisible();
  await expect(page.locator(`[data-story-id="${story!.id}"]`)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Add story to / })).toHaveCount(0);
  await expect(page.locator(`[data-story-id="${story!.id}"]`)).not.toHaveAttribute("aria-roledescription", "sortable");

  // A story's page: shown, with its editors read-only.
  await page.goto(`/project/${slug}/us/${story!.ref}`);
  await expect(page.getByRole("status").filter({ hasText: "This project is blocked" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(story!.subject);
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).not.toBeEditable();
  expect((await api.get<{ subject: string }>(`/userstories/${story!.id}`)).subject).toBe(story!.subject);
});

test("an unknown project and an unknown page say so", async ({ page, guard }) => {
  guard.allow(404, "GET /projects/by_slug");
  await login(page, backend.admin);
  await page.goto("/project/no-such-project");
  await expect(page.getByRole("alert")).toContainText("Project not found");
  await page.goto("/this/does/not/exist");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

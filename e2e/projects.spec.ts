import { expect, login, test } from "./fixtures";

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

interface ProjectDetail extends ListedProject {
  is_backlog_activated: boolean;
  is_kanban_activated: boolean;
  is_issues_activated: boolean;
  is_wiki_activated: boolean;
  milestones: { slug: string; name: string; closed: boolean }[];
}

const roleOf = (p: ListedProject) => (p.i_am_owner ? "Owner" : p.i_am_admin ? "Admin" : p.i_am_member ? "Member" : "Viewer");

test("the project list shows each project's name, description, my role and privacy", async ({ page, api }) => {
  const me = await api.me("alice");
  const projects = await api.get<ListedProject[]>(`/projects?member=${me.id}&order_by=user_order`, "alice", { "x-disable-pagination": "True" });
  expect(projects.map((p) => p.slug)).toEqual(expect.arrayContaining(["demo-scrum", "demo-kanban", "secret-roadmap"]));

  await login(page, "alice");
  const cards = page.getByTestId("project-card");
  await expect(cards).toHaveCount(projects.length);
  for (const [index, project] of projects.entries()) {
    const card = cards.nth(index);
    await expect(card.getByRole("heading")).toHaveText(project.name);
    if (project.description) await expect(card).toContainText(project.description);
    await expect(card.getByLabel(`Your role: ${roleOf(project)}`)).toBeVisible();
    await expect(card.getByText("Private", { exact: true })).toHaveCount(project.is_private ? 1 : 0);
    await expect(card).toHaveAttribute("href", `/project/${project.slug}`);
  }
});

test("a project opens on its first module, with navigation to the modules it turns on", async ({ page, api }) => {
  const scrum = await api.get<ProjectDetail>("/projects/by_slug?slug=demo-scrum");
  await login(page, "admin");
  await page.getByRole("link", { name: new RegExp(scrum.name) }).first().click();

  const first = ["backlog", "kanban", "issues", "wiki"].find((m) => scrum[`is_${m}_activated` as keyof ProjectDetail]);
  await expect(page).toHaveURL(new RegExp(`/project/demo-scrum/${first}$`));
  await expect(page.getByRole("heading", { level: 1, name: scrum.name })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Project" });
  for (const [module, label] of [["backlog", "Backlog"], ["kanban", "Kanban"], ["issues", "Issues"], ["wiki", "Wiki"]] as const) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(scrum[`is_${module}_activated`] ? 1 : 0);
  }
  const current = scrum.milestones.find((m) => !m.closed);
  if (scrum.is_backlog_activated && current) {
    await nav.getByRole("link", { name: new RegExp(`Taskboard · ${current.name}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/project/demo-scrum/taskboard/${current.slug}$`));
    await expect(page.getByText("This view is coming soon")).toBeVisible();
  }
  if (scrum.is_issues_activated) {
    await nav.getByRole("link", { name: "Issues", exact: true }).click();
    await expect(page).toHaveURL(/\/project\/demo-scrum\/issues$/);
    await expect(nav.getByRole("link", { name: "Issues", exact: true })).toHaveAttribute("aria-current", "page");
  }
});

test("the Kanban project opens on its board and has no backlog link", async ({ page, api }) => {
  const kanban = await api.get<ProjectDetail>("/projects/by_slug?slug=demo-kanban");
  await login(page, "admin");
  await page.goto("/project/demo-kanban");
  const first = ["backlog", "kanban", "issues", "wiki"].find((m) => kanban[`is_${m}_activated` as keyof ProjectDetail]);
  await expect(page).toHaveURL(new RegExp(`/project/demo-kanban/${first}$`));
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Backlog", exact: true })).toHaveCount(
    kanban.is_backlog_activated ? 1 : 0,
  );
});

test("a private project is not listed for a non-member, and its address says so", async ({ page, api, guard }) => {
  guard.allow(403, "GET /projects/by_slug");
  guard.allow(404, "GET /projects/by_slug");
  const secret = await api.get<ProjectDetail>("/projects/by_slug?slug=secret-roadmap");
  const status = await api.status("/projects/by_slug?slug=secret-roadmap", "frank");
  expect([403, 404]).toContain(status);

  await login(page, "frank");
  await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
  await expect(page.getByTestId("project-card").first()).toBeVisible();
  await expect(page.getByText(secret.name)).toHaveCount(0);

  await page.goto("/project/secret-roadmap");
  await expect(page.getByRole("alert")).toContainText(status === 403 ? "You don't have access to this project" : "Project not found");
  await page.goto("/project/secret-roadmap/kanban");
  await expect(page.getByRole("alert")).toContainText(status === 403 ? "You don't have access to this project" : "Project not found");
});

test("a member sees the private project with its badge", async ({ page }) => {
  await login(page, "alice");
  await expect(page.locator('a[href="/project/secret-roadmap"]')).toBeVisible();
  await expect(page.locator('a[href="/project/secret-roadmap"]').getByText("Private", { exact: true })).toBeVisible();
});

test("an unknown project and an unknown page say so", async ({ page, guard }) => {
  guard.allow(404, "GET /projects/by_slug");
  await login(page, "admin");
  await page.goto("/project/no-such-project");
  await expect(page.getByRole("alert")).toContainText("Project not found");
  await page.goto("/this/does/not/exist");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

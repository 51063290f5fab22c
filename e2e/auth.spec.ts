import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, login, test } from "./fixtures";

test.describe("signing in", () => {
  test("admin signs in and sees the demo projects", async ({ page, api }) => {
    await login(page, "admin");
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
    const me = await api.me("admin");
    const projects = await api.get<{ name: string }[]>(`/projects?member=${me.id}&order_by=user_order`, "admin", { "x-disable-pagination": "True" });
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      await expect(page.getByRole("link", { name: new RegExp(project.name) })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Account menu" })).toContainText(me.full_name_display);
  });

  test("a wrong password is refused with the server's message", async ({ page, guard }) => {
    guard.allow(401, "POST /auth");
    await page.goto("/login");
    await page.getByLabel("Username or email").fill("admin");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("No active account found with the given credentials");
    await expect(page).toHaveURL(/\/login/);
    expect(await page.evaluate(() => localStorage.getItem("taiga.session"))).toBeNull();
  });

  test("an unreachable server is reported as such", async ({ page }) => {
    await page.goto("/login");
    await page.route("**/api/v1/auth", (route) => route.abort("connectionrefused"));
    await page.getByLabel("Username or email").fill("admin");
    await page.getByLabel("Password").fill("123123");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toContainText("Cannot reach the server");
  });

  test("signing in by e-mail works too", async ({ page, api }) => {
    const me = await api.get<{ email: string }>("/users/me", "alice");
    await login(page, me.email);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
  });

  test("a signed-out visit to a project page returns there after signing in", async ({ page }) => {
    await page.goto("/project/demo-kanban/kanban");
    await expect(page).toHaveURL(/\/login\?next=%2Fproject%2Fdemo-kanban%2Fkanban$/);
    await page.getByLabel("Username or email").fill("admin");
    await page.getByLabel("Password").fill("123123");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/project\/demo-kanban\/kanban$/);
  });

  test("signing out forgets the session and protects the app again", async ({ page }) => {
    await login(page, "admin");
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect(await page.evaluate(() => localStorage.getItem("taiga.session"))).toBeNull();
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login\?next=%2Fprojects$/);
    await expect(page.getByLabel("Username or email")).toBeVisible();
  });

  test("the account menu works from the keyboard", async ({ page }) => {
    await login(page, "admin");
    const button = page.getByRole("button", { name: "Account menu" });
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await expect(page.getByRole("menuitem").first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu")).toBeHidden();
    await expect(button).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByRole("menuitem", { name: "Log out" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/login$/);
  });
});

test.describe("registration", () => {
  test("a new user registers from the sign-in page and lands on an empty project list", async ({ page, api }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Full name").fill("Grace Hopper");
    await page.getByLabel("Username").fill("grace");
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByLabel("Password").fill("cobol-1959");
    await page.getByLabel(/I accept the terms/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByText("You are not a member of any project yet")).toBeVisible();
    const me = await api.me("grace", "cobol-1959");
    expect(me.full_name_display).toBe("Grace Hopper");
  });

  test("the server's field errors are shown next to the fields", async ({ page, guard }) => {
    guard.allow(400, "POST /auth/register");
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Someone");
    await page.getByLabel("Username").fill("bad name!");
    await page.getByLabel("Email").fill("someone@example.com");
    await page.getByLabel("Password").fill("123");
    await page.getByLabel(/I accept the terms/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
  });

  test("a taken username is refused with the server's message", async ({ page, guard }) => {
    guard.allow(400, "POST /auth/register");
    await page.goto("/register");
    await page.getByLabel("Full name").fill("Another Admin");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Email").fill("another-admin@example.com");
    await page.getByLabel("Password").fill("123123");
    await page.getByLabel(/I accept the terms/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert")).toHaveText("Username is already in use.");
  });
});

test.describe("expired access token", () => {
  let server: ChildProcess | null = null;
  let dir = "";
  const port = Number(process.env.E2E_PORT ?? 4599) + 50;
  const origin = `http://127.0.0.1:${port}`;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "taiga-e2e-refresh-"));
    server = spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["server/main.ts"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TAIGA_DB: join(dir, "db.sqlite"), TAIGA_ACCESS_TOKEN_LIFETIME: "2", TAIGA_E2E: "1" },
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${origin}/api/v1/projects`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error("the short-token server did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  test.afterAll(() => {
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("is refreshed without the user noticing", async ({ page, api }) => {
    test.setTimeout(60_000);
    const kanban = await api.get<{ name: string }>("/projects/by_slug?slug=demo-kanban");
    const refreshes: { authorization: string | undefined; body: string | null; status?: number }[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/v1/auth/refresh")) refreshes.push({ authorization: request.headers()["authorization"], body: request.postData() });
    });
    page.on("response", (response) => {
      if (response.url().endsWith("/api/v1/auth/refresh")) refreshes[refreshes.length - 1]!.status = response.status();
    });

    await login(page, "admin", "123123", `${origin}/login`);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
    const tokenBefore = await page.evaluate(() => JSON.parse(localStorage.getItem("taiga.session") ?? "{}").token as string);

    await page.waitForTimeout(2_500);
    await page.getByRole("link", { name: new RegExp(kanban.name) }).first().click();
    await expect(page).toHaveURL(/\/project\/demo-kanban\//);
    await expect(page.getByRole("navigation", { name: "Project" })).toBeVisible();
    await expect(page.getByLabel("Username or email")).toHaveCount(0);

    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes[0]!.authorization).toBeUndefined();
    expect(JSON.parse(refreshes[0]!.body ?? "{}")).toHaveProperty("refresh");
    expect(refreshes[0]!.status).toBe(200);
    const tokenAfter = await page.evaluate(() => JSON.parse(localStorage.getItem("taiga.session") ?? "{}").token as string);
    expect(tokenAfter).not.toBe(tokenBefore);
  });
});

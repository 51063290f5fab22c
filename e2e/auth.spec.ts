import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backend, expect, isReal, login, test } from "./fixtures";
import { runTag } from "./data";

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
    const me = await api.get<{ email: string }>("/users/me", backend.users[0]);
    await login(page, me.email);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
  });

  test("a signed-out visit to a project page returns there after signing in", async ({ page }) => {
    const slug = backend.kanbanProject;
    await page.goto(`/project/${slug}/kanban`);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fproject%2F${slug}%2Fkanban$`));
    await page.getByLabel("Username or email").fill(backend.admin);
    await page.getByLabel("Password").fill("123123");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(new RegExp(`/project/${slug}/kanban$`));
    await expect(page.getByTestId("kanban-board")).toBeVisible();
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

/**
 * The real Taiga built by the recipe (../shared/real-taiga) cannot render its welcome e-mail:
 * django-sr registers its `sr` template function through an import that Debian's django-jinja 2.10
 * no longer has, so every `POST /auth/register` answers 500 ("'sr' is undefined") and creates no
 * account. docs/real-taiga.md gives the one-line settings fix. Only that exact failure skips the
 * spec; on a Taiga that registers people it runs.
 */
async function registrationIsBrokenByTheRecipe(api: import("./fixtures").Api): Promise<boolean> {
  if (!isReal) return false;
  const probe = await api.fetch("POST", "/auth/register", { type: "public", accepted_terms: true, username: `probe${runTag}`, full_name: "Probe", email: `probe${runTag}@example.com`, password: "probe-123123" }, null);
  if (probe.status() < 300) {
    const probeUser = await api.me(`probe${runTag}`, "probe-123123");
    await api.send("DELETE", `/users/${probeUser.id}`, undefined, probeUser.username);
    return false;
  }
  return probe.status() === 500 && /(&#x27;|&#39;|')sr(&#x27;|&#39;|') is undefined/.test(await probe.text());
}

test.describe("registration", () => {
  test("a new user registers from the sign-in page and lands on an empty project list", async ({ page, api, cleanup }) => {
    test.skip(await registrationIsBrokenByTheRecipe(api), "the recipe's real Taiga answers every registration with 500 ('sr' is undefined); see docs/real-taiga.md");
    // A name of its own on every run: a real Taiga keeps its accounts between runs.
    const username = `grace${runTag}`;
    await page.goto("/login");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Full name").fill("Grace Hopper");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Email").fill(`${username}@example.com`);
    await page.getByLabel("Password").fill("cobol-1959");
    await page.getByLabel(/I accept the terms/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByText("You are not a member of any project yet")).toBeVisible();
    const me = await api.me(username, "cobol-1959");
    expect(me.full_name_display).toBe("Grace Hopper");
    expect(me.username).toBe(username);
    // Taiga cancels an account at its owner's request (DELETE /users/{id}); the embedded
    // server's data is reset before the next spec anyway.
    if (isReal) cleanup.add(`cancel the account ${username}`, () => api.send("DELETE", `/users/${me.id}`, undefined, username));
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

test.describe("a refused access token", () => {
  // The equivalent of an expired access token on any backend: the stored one no longer passes the
  // server's check (its signature is spoilt), so the first request answers 401.
  async function spoil(page: import("@playwright/test").Page, which: "token" | "refresh" | "both") {
    await page.evaluate((which) => {
      const session = JSON.parse(localStorage.getItem("taiga.session") ?? "{}") as Record<string, string>;
      const spoilt = (t: string) => `${t.slice(0, -6)}AAAAAA`;
      if (which !== "refresh") session["token"] = spoilt(session["token"]!);
      if (which !== "token") session["refresh"] = spoilt(session["refresh"]!);
      localStorage.setItem("taiga.session", JSON.stringify(session));
    }, which);
  }

  test("is refreshed without the user noticing", async ({ page, guard }) => {
    guard.allow(401, /^GET /);
    const refreshes: { authorization: string | undefined; status?: number }[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/auth/refresh")) refreshes.push({ authorization: request.headers()["authorization"] });
    });
    page.on("response", (response) => {
      if (response.url().endsWith("/auth/refresh")) refreshes[refreshes.length - 1]!.status = response.status();
    });
    await login(page, backend.admin);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
    await spoil(page, "token");
    const spoilt = await page.evaluate(() => JSON.parse(localStorage.getItem("taiga.session") ?? "{}").token as string);

    await page.goto(`/project/${backend.kanbanProject}/kanban`);
    await expect(page.getByTestId("kanban-board")).toBeVisible();
    await expect(page.getByLabel("Username or email")).toHaveCount(0);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toEqual({ authorization: undefined, status: 200 });
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("taiga.session") ?? "{}").token as string);
    expect(token).not.toBe(spoilt);
  });

  test("with a refused refresh token too, signs out and comes back after signing in", async ({ page, guard }) => {
    guard.allow(401);
    await login(page, backend.admin);
    await expect(page.getByRole("heading", { name: "Your projects" })).toBeVisible();
    await spoil(page, "both");
    const slug = backend.kanbanProject;
    await page.goto(`/project/${slug}/kanban`);
    await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fproject%2F${slug}%2Fkanban$`));
    expect(await page.evaluate(() => localStorage.getItem("taiga.session"))).toBeNull();
    await page.getByLabel("Username or email").fill(backend.admin);
    await page.getByLabel("Password").fill("123123");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(new RegExp(`/project/${slug}/kanban$`));
  });
});

// @embedded: this one lets the access token really expire, which needs a server started with a
// two-second token lifetime; a real Taiga's lifetime is a day. "a refused access token" above is
// the same path on both backends.
test.describe("expired access token @embedded", () => {
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
    const kanban = await api.get<{ name: string }>(`/projects/by_slug?slug=${backend.kanbanProject}`);
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
    await expect(page).toHaveURL(new RegExp(`/project/${backend.kanbanProject}/`));
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

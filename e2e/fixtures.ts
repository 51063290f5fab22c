/**
 * Shared Playwright fixtures: fresh demo data before every test (embedded backend), the network
 * guard on every spec, signing in through the real sign-in page, and an `api` helper that reads
 * state back from the server (embedded or a real Taiga, see backend.ts).
 */
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { backend } from "./backend";
import { NetworkGuard } from "./guard";

export { backend, isReal } from "./backend";

export const PASSWORD = "123123";
export type DemoUser = "admin" | "alice" | "bob" | "carol" | "dave" | "erin" | "frank";

/** Talks to the embedded server directly (its own tokens, never the page's). */
export class Api {
  private tokens = new Map<string, string>();
  constructor(private readonly request: APIRequestContext) {}

  async token(user: DemoUser | string, password = PASSWORD): Promise<string> {
    const cached = this.tokens.get(user);
    if (cached) return cached;
    const response = await this.request.post(`${backend.apiBase}/auth`, { data: { type: "normal", username: user, password } });
    expect(response.status(), `sign-in of ${user} for the api helper`).toBe(200);
    const body = (await response.json()) as { auth_token: string };
    this.tokens.set(user, body.auth_token);
    return body.auth_token;
  }

  async get<T>(path: string, as: DemoUser | string | null = "admin", headers: Record<string, string> = {}): Promise<T> {
    const auth: Record<string, string> = as ? { Authorization: `Bearer ${await this.token(as)}` } : {};
    const response = await this.request.get(`${backend.apiBase}${path}`, { headers: { ...auth, ...headers } });
    expect(response.ok(), `GET ${path} as ${as ?? "anonymous"} -> ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  }

  async status(path: string, as: DemoUser | string | null = "admin"): Promise<number> {
    const auth: Record<string, string> = as ? { Authorization: `Bearer ${await this.token(as)}` } : {};
    return (await this.request.get(`${backend.apiBase}${path}`, { headers: auth })).status();
  }

  async me(as: DemoUser | string = "admin", password = PASSWORD): Promise<{ id: number; username: string; full_name_display: string }> {
    await this.token(as, password);
    return this.get("/users/me", as);
  }
}

/** Signs in through the sign-in page and waits until the app has left it. */
export async function login(page: Page, user: DemoUser | string = "admin", password = PASSWORD, path = "/login"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Username or email").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The running spec's guard (one spec at a time per worker), for contexts a spec opens itself. */
let currentGuard: NetworkGuard | null = null;

/**
 * Opens another browser context (a second user, say) watched by the spec's network guard, as the
 * default one is.
 */
export async function newGuardedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: backend.appBase, ...options });
  currentGuard?.watch(context);
  return context;
}

export const test = base.extend<{ resetData: void; api: Api; guard: NetworkGuard }>({
  resetData: [
    async ({ request }, run) => {
      if (backend.resettable) {
        const response = await request.post(`${backend.apiBase}/__e2e__/reset`);
        expect(response.status(), "POST /api/v1/__e2e__/reset (server started with TAIGA_E2E=1?)").toBeLessThan(300);
      }
      await run();
    },
    { auto: true },
  ],
  api: async ({ request }, run) => {
    await run(new Api(request));
  },
  // Any 5xx, and any 4xx the spec did not announce with guard.allow(), fails the spec.
  guard: [
    async ({ context }, run) => {
      const guard = new NetworkGuard(backend.apiBase);
      guard.watch(context);
      currentGuard = guard;
      await run(guard);
      currentGuard = null;
      const unexpected = await guard.unexpected();
      expect(unexpected, `unexpected API answers during the spec:\n${NetworkGuard.format(unexpected)}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

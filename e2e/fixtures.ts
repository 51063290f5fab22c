/**
 * Shared Playwright fixtures: fresh demo data before every test (embedded backend), the network
 * guard on every spec, signing in through the real sign-in page, an `api` helper that reads and
 * writes through the server's API with its own tokens (embedded or a real Taiga, see backend.ts),
 * and `cleanup`, the undo list a spec fills as it changes data (run after the spec, pass or fail,
 * so a real Taiga is left as the spec found it). What to read first lives in data.ts.
 */
import { test as base, expect, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { backend } from "./backend";
import { NetworkGuard } from "./guard";

export { backend, isReal } from "./backend";

export const PASSWORD = "123123";
export type DemoUser = "admin" | "alice" | "bob" | "carol" | "dave" | "erin" | "frank";
export type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/** Talks to the backend's API directly (its own tokens, never the page's). */
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

  /** A whole list (`x-disable-pagination: True`). */
  async list<T>(path: string, as: DemoUser | string | null = "admin"): Promise<T[]> {
    return this.get<T[]>(path, as, { "x-disable-pagination": "True" });
  }

  /** Any request, answer unchecked (for the errors a spec provokes on purpose). */
  async fetch(method: "GET" | WriteMethod, path: string, body?: unknown, as: DemoUser | string | null = "admin"): Promise<APIResponse> {
    const auth: Record<string, string> = as ? { Authorization: `Bearer ${await this.token(as)}` } : {};
    return this.request.fetch(`${backend.apiBase}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A write that must succeed; answers the parsed body (null for 204). */
  async send<T = unknown>(method: WriteMethod, path: string, body?: unknown, as: DemoUser | string = "admin"): Promise<T> {
    const response = await this.fetch(method, path, body, as);
    const text = await response.text();
    expect(response.status(), `${method} ${path} as ${as} -> ${response.status()}: ${text.slice(0, 400)}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : null) as T;
  }

  async me(as: DemoUser | string = "admin", password = PASSWORD): Promise<{ id: number; username: string; full_name_display: string }> {
    await this.token(as, password);
    return this.get("/users/me", as);
  }
}

/**
 * What a spec changed and how to undo it. Steps run after the spec, newest first, whether it passed
 * or not; a step that fails fails the spec (the data was left changed), after every step has run.
 */
export class Cleanup {
  private readonly steps: { label: string; run: () => Promise<unknown> }[] = [];

  /** Registers an undo step, e.g. `cleanup.add("delete story #12", () => api.send("DELETE", "/userstories/12"))`. */
  add(label: string, run: () => Promise<unknown>): void {
    this.steps.push({ label, run });
  }

  /** Runs every step, newest first; answers the failures. */
  async runAll(): Promise<string[]> {
    const failures: string[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.label}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
    return failures;
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

export const test = base.extend<{ resetData: void; api: Api; guard: NetworkGuard; cleanup: Cleanup }>({
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
  cleanup: async ({ api }, run) => {
    void api; // torn down before the api helper it uses
    const cleanup = new Cleanup();
    await run(cleanup);
    const failures = await cleanup.runAll();
    expect(failures, `clean-up after the spec left data changed:\n${failures.join("\n")}`).toEqual([]);
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

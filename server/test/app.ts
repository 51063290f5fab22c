/** A fresh app on an in-memory database seeded with the demo data, plus request helpers for tests. */
import { createApp, type CreateAppOptions } from "../app";
import { type Db, openDatabase } from "../db";
import { seedDemo } from "../seed";

export interface TestApp {
  db: Db;
  request: (path: string, init?: RequestOptions) => Promise<Response>;
  /** logs in (password 123123) and returns the access token */
  login: (username: string) => Promise<string>;
  /** ids of demo objects by name */
  ids: { project: (slug: string) => number; user: (username: string) => number };
  /** a fingerprint of every table's rows, to prove a request changed nothing */
  snapshot: () => string;
}

export interface RequestOptions {
  method?: string;
  as?: string | null;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

export function makeTestApp(options: Partial<CreateAppOptions> = {}): TestApp {
  const db = openDatabase(":memory:");
  seedDemo(db, new Date("2026-11-28T10:00:00.000Z"));
  const app = createApp({ secret: "test-secret", reseed: () => undefined, ...options, db });
  const tokens = new Map<string, string>();

  const login = async (username: string): Promise<string> => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await app.request("/api/v1/auth", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "normal", username, password: "123123" }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const token = ((await res.json()) as { auth_token: string }).auth_token;
    tokens.set(username, token);
    return token;
  };

  const request = async (path: string, init: RequestOptions = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const token = init.token ?? (init.as ? await login(init.as) : undefined);
    if (token) headers["authorization"] = `Bearer ${token}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers["content-type"] ??= "application/json";
    return app.request(`/api/v1${path}`, { method: init.method ?? "GET", headers, body });
  };

  const idOf = (sql: string, key: string): number => {
    const row = db.prepare(sql).get(key) as { id: number } | undefined;
    if (!row) throw new Error(`no demo object ${key}`);
    return row.id;
  };

  return {
    db,
    request,
    login,
    ids: {
      project: (slug) => idOf("SELECT id FROM projects WHERE slug = ?", slug),
      user: (username) => idOf("SELECT id FROM users WHERE username = ?", username),
    },
    snapshot: () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('settings', 'refresh_token_denylist') ORDER BY name").all() as { name: string }[])
        .map(({ name }) => `${name}:${JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())}`)
        .join("\n"),
  };
}

/** A fresh demo app and the ids of its three projects: where most endpoint tests start. */
export interface DemoApp {
  t: TestApp;
  scrum: number;
  kanban: number;
  secret: number;
}

export function makeDemoApp(options: Partial<CreateAppOptions> = {}): DemoApp {
  const t = makeTestApp(options);
  return { t, scrum: t.ids.project("demo-scrum"), kanban: t.ids.project("demo-kanban"), secret: t.ids.project("secret-roadmap") };
}

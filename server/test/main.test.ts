/** The real entry point: environment variables, first-start seeding, API + app on one port, e2e reset. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type StartedServer } from "../main";

let server: StartedServer | undefined;
const saved = { ...process.env };
afterEach(async () => {
  await server?.close();
  server = undefined;
  process.env = { ...saved };
});

async function start(env: Record<string, string>): Promise<StartedServer> {
  Object.assign(process.env, { PORT: "0", HOST: "127.0.0.1", TAIGA_DB: join(mkdtempSync(join(tmpdir(), "taiga-main-")), "nested", "db.sqlite"), ...env });
  server = await startServer();
  return server;
}

const login = (url: string, username: string) =>
  fetch(`${url}/api/v1/auth`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "normal", username, password: "123123" }) });

describe("server/main.ts", () => {
  it("creates the database folder, seeds the demo data and serves the API", async () => {
    const { url } = await start({});
    expect((await login(url, "alice")).status).toBe(200);
    const projects = (await (await fetch(`${url}/api/v1/projects`)).json()) as { slug: string }[];
    expect(projects.map((p) => p.slug)).toEqual(["demo-kanban", "demo-scrum", "legacy-archive"]);
    expect((await fetch(`${url}/api/v1/__e2e__/reset`, { method: "POST" })).status).toBe(404);
  });

  it("honours TAIGA_PUBLIC_REGISTER=0 and the token lifetime", async () => {
    const { url } = await start({ TAIGA_PUBLIC_REGISTER: "0", TAIGA_ACCESS_TOKEN_LIFETIME: "3600" });
    const res = await fetch(`${url}/api/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "public", username: "x", full_name: "X", email: "x@example.com", password: "123456", accepted_terms: true }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { _error_message: string })._error_message).toBe("Public registration is disabled.");
    const token = ((await (await login(url, "bob")).json()) as { auth_token: string }).auth_token;
    const payload = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()) as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it("with TAIGA_E2E=1 resets the database to the demo data", async () => {
    const { url } = await start({ TAIGA_E2E: "1" });
    const token = ((await (await login(url, "admin")).json()) as { auth_token: string }).auth_token;
    const created = await fetch(`${url}/api/v1/projects`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "Temporary", description: "gone after reset" }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${url}/api/v1/__e2e__/reset`, { method: "POST" })).status).toBe(204);
    const slugs = ((await (await fetch(`${url}/api/v1/projects`, { headers: { authorization: `Bearer ${((await (await login(url, "admin")).json()) as { auth_token: string }).auth_token}` } })).json()) as { slug: string }[]).map((p) => p.slug);
    expect(slugs).toEqual(["demo-kanban", "demo-scrum", "legacy-archive", "secret-roadmap"]);
  });

  it("rejects invalid numeric settings with a clear message", async () => {
    await expect(start({ TAIGA_ACCESS_TOKEN_LIFETIME: "soon" })).rejects.toThrow(/TAIGA_ACCESS_TOKEN_LIFETIME/);
  });
});


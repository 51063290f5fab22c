/**
 * What the benchmark and the screenshot script share: build the app when it is stale, seed a
 * throw-away database, run the embedded server in its own process, sign in, open Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "@playwright/test";

export const ROOT = resolve(import.meta.dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds `dist/` when it is missing or older than the sources. */
export function ensureBuilt(): void {
  const index = join(ROOT, "dist", "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, "src"))) return;
  console.log("building the app (vite build)…");
  const result = spawnSync(join(ROOT, "node_modules", ".bin", "vite"), ["build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("vite build failed");
}

export function tempDb(label: string): string {
  return join(mkdtempSync(join(tmpdir(), `taiga-${label}-`)), "taiga.sqlite");
}

/** Adds the benchmark project (`big-board`) with `stories` stories, using the server's own seed generator. */
export function seedBigBoard(db: string, stories: number): void {
  const result = spawnSync(TSX, ["server/seed-cli.ts", "--stories", String(stories), "--db", db], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`seeding ${stories} stories failed: ${result.stderr || result.stdout}`);
}

/** Adds the backlog benchmark project (`big-backlog`): `stories` in the backlog, three open sprints of 20. */
export function seedBigBacklog(db: string, stories: number): void {
  const result = spawnSync(TSX, ["server/seed-cli.ts", "--scrum", "--stories", String(stories), "--db", db], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`seeding a backlog of ${stories} stories failed: ${result.stderr || result.stdout}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts `server/main.ts` on a free port and the given database; resolves once it answers. */
export async function startServer(db: string): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(TSX, ["server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TAIGA_DB: db },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/projects`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error("the server did not start within 30 s");
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

export interface Session {
  token: string;
  refresh: string;
}

export async function signIn(url: string, username = "admin", password = "123123"): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "normal", username, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const body = (await response.json()) as { auth_token: string; refresh: string };
  return { token: body.auth_token, refresh: body.refresh };
}

/** The app keeps its session in localStorage under this key (src/api/session.ts). */
export const SESSION_KEY = "taiga.session";

export function launchChromium(): Promise<Browser> {
  const system = "/usr/bin/chromium";
  return chromium.launch({
    executablePath: existsSync(system) ? system : undefined,
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

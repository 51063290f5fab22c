/**
 * `npm run test:real`: the end-to-end specs against a real Taiga (TAIGA_REAL_API, e.g.
 * http://127.0.0.1:8000/api/v1 from ../shared/real-taiga or docs/real-taiga.md). Builds the app,
 * serves it alone with config.json pointing there, and runs Playwright with E2E_BACKEND=real.
 * Without TAIGA_REAL_API it says so in one line and does nothing (npm test and CI never need it).
 * Extra arguments go to Playwright: `npm run test:real -- e2e/kanban.spec.ts`.
 */
import { spawnSync } from "node:child_process";

const api = process.env.TAIGA_REAL_API;
if (!api) {
  console.log("test:real skipped: set TAIGA_REAL_API to a real Taiga's API (e.g. TAIGA_REAL_API=http://127.0.0.1:8000/api/v1); see docs/real-taiga.md");
  process.exit(0);
}

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number =>
  spawnSync(command, args, { stdio: "inherit", env, shell: false }).status ?? 1;

const probe = await fetch(`${api.replace(/\/+$/, "")}/projects`, { headers: { "x-disable-pagination": "True" } }).catch(() => null);
if (!probe || probe.status >= 500) {
  console.error(`test:real: ${api} does not answer (${probe ? `HTTP ${probe.status}` : "no connection"}); start it first (sh real-taiga/start.sh)`);
  process.exit(1);
}
if (!process.argv.includes("--no-build") && run("npx", ["vite", "build", "--logLevel", "warn"]) !== 0) process.exit(1);
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
process.exit(run("npx", ["playwright", "test", ...args], { ...process.env, E2E_BACKEND: "real" }));

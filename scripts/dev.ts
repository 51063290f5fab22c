/**
 * `npm run dev`: the API server (server/main.ts, port 8787 unless API_PORT) and the Vite dev server
 * (which proxies /api to it, see vite.config.ts) together. Ctrl-C stops both; if one exits, so does the other.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const apiPort = process.env.API_PORT ?? "8787";
const bin = (name: string): string => resolve(ROOT, "node_modules", ".bin", name);

const children: ChildProcess[] = [];
let stopping = false;

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.log(`[dev] ${label} exited (${signal ?? code}); stopping the other process`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
  Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once("exit", done))))).then(() => process.exit(code));
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

run("api", bin("tsx"), ["server/main.ts"], { PORT: apiPort });
run("vite", bin("vite"), process.argv.slice(2), { API_PORT: apiPort });

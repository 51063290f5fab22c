/**
 * `npm start`: builds the app when `dist/` is missing or older than its sources, then serves the app
 * and the API on one port (server/main.ts, same process).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const SOURCES = ["src", "public", "index.html", "vite.config.ts", "tsconfig.json", "package.json"];

/** Newest modification time (ms) of a file or of every file below a folder. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/** True when dist/index.html is missing or older than any source file. */
export function needsBuild(root = ROOT): boolean {
  const index = join(root, "dist", "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newest(join(root, s)) > built);
}

async function main(): Promise<void> {
  if (needsBuild()) {
    console.log("Building the app (dist/ is missing or out of date)...");
    const started = performance.now();
    const { build } = await import("vite");
    await build({ root: ROOT, logLevel: "warn" });
    console.log(`Build finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const { startServer } = await import("../server/main");
  const server = await startServer();
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  });
}

/**
 * Entry point of the embedded server: `/api/v1/*` (Taiga-compatible API) and the built app from `dist/`
 * on one port. Environment: PORT, HOST, TAIGA_DB, TAIGA_ACCESS_TOKEN_LIFETIME,
 * TAIGA_REFRESH_TOKEN_LIFETIME, TAIGA_PUBLIC_REGISTER, TAIGA_SECRET_KEY, TAIGA_E2E (see server/README.md).
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app";
import { isEmpty, openDatabase, wipeDatabase } from "./db";
import { DEMO_PASSWORD, seedDemo } from "./seed";
import { staticFiles } from "./static";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

const envFlag = (name: string, fallback: boolean): boolean => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  return !["0", "false", "no", "off"].includes(raw.trim().toLowerCase());
};

export interface StartedServer {
  url: string;
  close: () => Promise<void>;
}

/** Opens the database, seeds it if empty and starts listening. */
export function startServer(): Promise<StartedServer> {
  const started = performance.now();
  const port = envInt("PORT", 8787, 0); // 0 = any free port
  const host = process.env.HOST || "127.0.0.1";
  const dbPath = process.env.TAIGA_DB || resolve(ROOT, ".data/taiga.sqlite");
  const e2e = envFlag("TAIGA_E2E", false);
  const accessTokenLifetime = envInt("TAIGA_ACCESS_TOKEN_LIFETIME", 86_400);
  const refreshTokenLifetime = envInt("TAIGA_REFRESH_TOKEN_LIFETIME", 8 * 86_400);

  const db = openDatabase(dbPath);
  const seeded = isEmpty(db);
  if (seeded) seedDemo(db);

  const api = createApp({
    db,
    accessTokenLifetime,
    refreshTokenLifetime,
    publicRegister: envFlag("TAIGA_PUBLIC_REGISTER", true),
    e2e,
    reseed: () => {
      wipeDatabase(db);
      seedDemo(db);
    },
  });

  const files = staticFiles(resolve(ROOT, "dist"));
  const app = new Hono();
  app.all("/api/*", (c) => api.fetch(c.req.raw));
  app.get("/media/*", (c) => api.fetch(c.req.raw));
  app.get("*", (c) => {
    const res = files(c.req.path, c.req.header("accept-encoding") ?? "");
    if (res) return res;
    return c.text("Not found. Build the app first (npm run build) or use npm run dev.", 404);
  });

  return new Promise((resolvePromise) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      const url = `http://${host}:${info.port}`;
      const ms = Math.round(performance.now() - started);
      console.log(`Taiga dashboard on ${url}  (API ${url}/api/v1, database ${dbPath}${seeded ? ", demo data seeded" : ""}, ready in ${ms} ms)`);
      console.log(`Demo users: admin, alice, bob, carol, dave, erin, frank - password ${DEMO_PASSWORD}`);
      if (e2e) console.log("TAIGA_E2E=1: POST /api/v1/__e2e__/reset wipes and reseeds the database");
      resolvePromise(handle(url));
    });
    const handle = (url: string): StartedServer => ({
      url,
      close: () =>
        new Promise<void>((done) => {
          server.close(() => {
            db.close();
            done();
          });
        }),
    });
  });
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  startServer()
    .then((s) => {
      const stop = () => {
        void s.close().then(() => process.exit(0));
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}

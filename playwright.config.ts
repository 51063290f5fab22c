import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { backend } from "./e2e/backend";

// Two backends, one set of specs (see e2e/backend.ts): the embedded server on a database of its
// own (`npm test`), or a real taiga-back behind TAIGA_REAL_API (`npm run test:real`), with the
// built app served alone and its config.json pointing there.
const chromium = "/usr/bin/chromium";
const port = new URL(backend.appBase).port;

const embeddedServer: PlaywrightTestConfig["webServer"] = {
  command: "tsx server/main.ts",
  url: `${backend.apiBase}/projects`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: {
    PORT: port,
    HOST: "127.0.0.1",
    TAIGA_DB: join(mkdtempSync(join(tmpdir(), "taiga-e2e-")), "e2e.sqlite"),
    TAIGA_E2E: "1",
  },
};

const distServer: PlaywrightTestConfig["webServer"] = {
  command: "tsx scripts/serve-dist.ts",
  url: `${backend.appBase}/config.json`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { PORT: port, HOST: "127.0.0.1", API: backend.apiBase },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A real Taiga answers in tens of milliseconds, not single ones: give its specs more room.
  timeout: backend.kind === "real" ? 60_000 : 30_000,
  expect: { timeout: backend.kind === "real" ? 10_000 : 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: backend.appBase,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's Chromium where it exists (CI, this machine); Playwright's own browser elsewhere.
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  // Specs that only make sense on the embedded server (they restart it, or need its demo data) say
  // so with the @embedded tag; the real run leaves them out.
  grepInvert: backend.kind === "real" ? /@embedded/ : undefined,
  webServer: backend.kind === "real" ? distServer : embeddedServer,
});

import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The suite runs against the real embedded server on a database of its own.
const port = Number(process.env.E2E_PORT ?? 4599);
const dbFile = join(mkdtempSync(join(tmpdir(), "taiga-e2e-")), "e2e.sqlite");
const chromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's Chromium where it exists (CI, this machine); Playwright's own browser elsewhere.
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "tsx server/main.ts",
    url: `http://127.0.0.1:${port}/api/v1/projects`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      TAIGA_DB: dbFile,
      TAIGA_E2E: "1",
    },
  },
});

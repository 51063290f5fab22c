/**
 * `npm run screenshot`: starts the embedded server on a fresh temporary database (demo data),
 * signs in as admin, opens the demo-kanban board and saves `docs/kanban.png`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, launchChromium, ROOT, SESSION_KEY, signIn, startServer, tempDb } from "../bench/harness";

async function main() {
  ensureBuilt();
  const server = await startServer(tempDb("screenshot"));
  const browser = await launchChromium();
  try {
    const session = await signIn(server.url);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await page.addInitScript(({ key, value }) => localStorage.setItem(key, value), { key: SESSION_KEY, value: JSON.stringify(session) });
    await page.goto(`${server.url}/project/demo-kanban/kanban`);
    await page.locator("[data-story-id]").first().waitFor();
    await page.waitForLoadState("networkidle");
    const out = join(ROOT, "docs", "kanban.png");
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`saved ${out}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

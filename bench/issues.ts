/**
 * The issues benchmark (part of `npm run bench`): a project with 5,000 issues (`npm run seed --
 * --issues 5000`, types, priorities, severities, statuses, assignees, tags and votes spread over
 * them), the built app and the embedded server, in Chromium. Per run, in a fresh browser context:
 *
 * - navigation -> first page painted: from navigation start to the first frame showing issue rows;
 * - filter change -> rendered: from the click on a facet checkbox to the first frame showing the
 *   filtered rows and their total (the table is never replaced by a spinner meanwhile);
 * - sort change -> rendered: from the click on a column header to the first frame showing the
 *   rows in the new order;
 * - API requests to show the view, JS+CSS (gzip) loaded to show it, the longest task meanwhile.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page, Response } from "@playwright/test";
import { ROOT, SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";

const SLUG = "big-issues";
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

export interface IssuesSample {
  paintMs: number;
  filterMs: number;
  sortMs: number;
  apiRequests: number;
  assetGzipBytes: number;
  longestTaskMs: number;
  rows: number;
}

/** Adds `big-issues` with `issues` issues through the server's own generator. */
function seedBigIssues(db: string, issues: number): void {
  const result = spawnSync(TSX, ["server/seed-cli.ts", "--issues", String(issues), "--db", db], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`seeding ${issues} issues failed: ${result.stderr || result.stdout}`);
}

/** Page-side probes, installed before the app runs: long tasks and the first frame with rows. */
function probes({ sessionKey, session }: { sessionKey: string; session: Session }) {
  localStorage.setItem(sessionKey, JSON.stringify(session));
  const w = window as unknown as Record<string, unknown>;
  w.__longTasks = [] as { start: number; duration: number }[];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (w.__longTasks as { start: number; duration: number }[]).push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // longtask entries not supported: reported as 0
  }
  const watch = new MutationObserver(() => {
    if (w.__rowsPaintedAt === undefined && document.querySelector("tbody tr[data-issue-id]")) {
      w.__rowsPaintedAt = null;
      requestAnimationFrame(() => setTimeout(() => (w.__rowsPaintedAt = performance.now()), 0));
      watch.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true }));
}

/**
 * Arms a probe: from the next click, every animation frame checks `done()` (evaluated in the page)
 * and stamps the first frame where it holds. Returns the milliseconds from the click to that frame.
 */
async function timeClick(page: Page, click: () => Promise<void>, done: string): Promise<number> {
  await page.evaluate((condition) => {
    const w = window as unknown as { __clickAt?: number; __doneAt?: number };
    w.__clickAt = undefined;
    w.__doneAt = undefined;
    const test = new Function(`return (${condition})`) as () => boolean;
    addEventListener("click", () => (w.__clickAt ??= performance.now()), { capture: true, once: true });
    const check = () => {
      if (w.__clickAt !== undefined && test()) w.__doneAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, done);
  await click();
  await page.waitForFunction(() => typeof (window as unknown as { __doneAt?: number }).__doneAt === "number", null, { timeout: 60_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __clickAt: number; __doneAt: number };
    return w.__doneAt - w.__clickAt;
  });
}

async function measureOnce(browser: Browser, url: string, session: Session): Promise<IssuesSample> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  await page.addInitScript(probes, { sessionKey: SESSION_KEY, session });
  let apiRequests = 0;
  let counting = true;
  page.on("request", (r) => {
    if (counting && r.url().includes("/api/v1/")) apiRequests += 1;
  });
  const assets: Response[] = [];
  page.on("response", (r) => {
    const type = r.request().resourceType();
    if (counting && (type === "script" || type === "stylesheet")) assets.push(r);
  });

  await page.goto(`${url}/project/${SLUG}/issues`);
  await page.waitForFunction(() => typeof (window as unknown as { __rowsPaintedAt?: number }).__rowsPaintedAt === "number", null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  counting = false;
  let assetGzipBytes = 0;
  for (const asset of assets) assetGzipBytes += gzipSync(await asset.body(), { level: 9 }).length;
  const paintMs = await page.evaluate(() => (window as unknown as { __rowsPaintedAt: number }).__rowsPaintedAt);
  const rows = await page.locator("tbody tr[data-issue-id]").count();
  const from = await page.evaluate(() => performance.now());

  // filter: the first value of the Type facet; done when the total shown is no longer the whole project's
  const range = (await page.getByTestId("issues-range").textContent()) ?? "";
  const filterMs = await timeClick(
    page,
    () => page.getByRole("group", { name: "Type" }).getByRole("checkbox").first().click(),
    `!document.querySelector("table[aria-busy]") && document.querySelector('[data-testid="issues-range"]')?.textContent !== ${JSON.stringify(range)} && !!document.querySelector("tbody tr[data-issue-id]")`,
  );
  await page.waitForLoadState("networkidle");

  // sort: by priority; done when the header says so and the first row is another one
  const firstRow = await page.locator("tbody tr[data-issue-id]").first().getAttribute("data-issue-id");
  const sortMs = await timeClick(
    page,
    () => page.getByRole("columnheader", { name: "Priority" }).getByRole("button").click(),
    `!document.querySelector("table[aria-busy]") && document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes("Priority") && document.querySelector("tbody tr[data-issue-id]")?.getAttribute("data-issue-id") !== ${JSON.stringify(firstRow)}`,
  );
  await page.waitForLoadState("networkidle");
  const longestTaskMs = await page.evaluate(
    (since) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= since).reduce((m, t) => Math.max(m, t.duration), 0),
    from,
  );
  await context.close();
  return { paintMs, filterMs, sortMs, apiRequests, assetGzipBytes, longestTaskMs, rows };
}

/** Seeds, serves and measures `runs` times (after one warm-up run). */
export async function benchIssues(browser: Browser, runs: number, size: number, log: (line: string) => void): Promise<IssuesSample[]> {
  const db = tempDb(`bench-issues-${size}`);
  seedBigIssues(db, size);
  const server = await startServer(db);
  try {
    const session = await signIn(server.url);
    await measureOnce(browser, server.url, session);
    const samples: IssuesSample[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await measureOnce(browser, server.url, session);
      samples.push(s);
      log(
        `  ${size} issues, run ${i + 1}/${runs}: paint ${s.paintMs.toFixed(0)} ms, filter ${s.filterMs.toFixed(0)} ms, sort ${s.sortMs.toFixed(0)} ms, ` +
          `${s.apiRequests} requests, ${(s.assetGzipBytes / 1024).toFixed(1)} KB gzip JS+CSS, longest task ${s.longestTaskMs.toFixed(0)} ms, ${s.rows} rows`,
      );
    }
    return samples;
  } finally {
    await server.stop();
  }
}

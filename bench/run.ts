/**
 * `npm run bench`: the Kanban board with 200 and 5,000 stories, the issues list with 5,000 issues
 * (bench/issues.ts), the wiki (bench/wiki.ts) and the sprint taskboard with 60 stories and 600 tasks
 * (bench/taskboard.ts) and the backlog with 200 and 2,000 stories (bench/backlog.ts), in Chromium
 * against the embedded server on the built app. Prints medians over several runs (see
 * bench/README.md). `--views bytes` (not part of the default) only sums the JS+CSS each view's first
 * screen loads (bench/bytes.ts).
 *
 *   npm run bench -- --runs 7 --sizes 200,5000 --views kanban,issues,wiki,taskboard,backlog --backlog-sizes 200,2000
 *   npm run bench -- --views bytes
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page, Response } from "@playwright/test";
import { ensureBuilt, launchChromium, seedBigBoard, SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";
import { benchIssues, type IssuesSample } from "./issues";
import { benchWiki, type WikiSample } from "./wiki";
import { runBacklogBench } from "./backlog";
import { benchTaskboard, TASKBOARD_STORIES, type TaskboardSample } from "./taskboard";
import { benchBytes, type ViewBytes } from "./bytes";

interface Sample {
  paintMs: number;
  dropMs: number;
  /** Animation frames from the drop key to the first frame with the card in place (1 = the next frame). */
  dropFrames: number;
  domNodes: number;
  cards: number;
  longestTaskMs: number;
  apiRequests: number;
  /** JS + CSS the browser loaded to show the board, each file gzipped (level 9). */
  assetGzipBytes: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const RUNS = Number(option("runs", "5"));
const SIZES = option("sizes", "200,5000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const SLUG = "big-board";
const VIEWS = option("views", "kanban,issues,wiki,taskboard,backlog").split(",");
const BACKLOG_SIZES = option("backlog-sizes", "200,2000")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const ISSUES = Number(option("issues", "5000"));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Page-side probes, installed before the app runs. */
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
  // Time from navigation start to the first frame that shows story cards.
  const watch = new MutationObserver(() => {
    if (w.__cardsPaintedAt === undefined && document.querySelector("[data-story-id]")) {
      w.__cardsPaintedAt = null;
      requestAnimationFrame(() => setTimeout(() => (w.__cardsPaintedAt = performance.now()), 0));
      watch.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true }));
}

/**
 * Records the scripts and stylesheets a page loads while `counting()` holds; `gzipBytes()` is
 * their total size, each file gzipped at level 9.
 */
function watchAssets(page: Page, counting: () => boolean): { gzipBytes: () => Promise<number> } {
  const assets: Response[] = [];
  page.on("response", (r) => {
    const type = r.request().resourceType();
    if (counting() && (type === "script" || type === "stylesheet")) assets.push(r);
  });
  return {
    gzipBytes: async () => {
      let total = 0;
      for (const asset of assets) total += gzipSync(await asset.body(), { level: 9 }).length;
      return total;
    },
  };
}

/** JS+CSS (gzip) a signed-out visitor loads to see the sign-in page. */
async function measureSignIn(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const assets = watchAssets(page, () => true);
  await page.goto(`${url}/login`);
  await page.getByRole("button", { name: "Log in" }).waitFor();
  await page.waitForLoadState("networkidle");
  const bytes = await assets.gzipBytes();
  await context.close();
  return bytes;
}

async function measureOnce(browser: Browser, url: string, session: Session): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  // tsx compiles this file keeping function names (`__name(...)`); page-side code needs the helper too.
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  await page.addInitScript(probes, { sessionKey: SESSION_KEY, session });
  let apiRequests = 0;
  let counting = true;
  page.on("request", (r) => {
    if (counting && r.url().includes("/api/v1/")) apiRequests += 1;
  });
  const assets = watchAssets(page, () => counting);

  await page.goto(`${url}/project/${SLUG}/kanban`);
  await page.waitForFunction(() => typeof (window as unknown as { __cardsPaintedAt?: number }).__cardsPaintedAt === "number", null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  counting = false;
  const assetGzipBytes = await assets.gzipBytes();
  const paintMs = await page.evaluate(() => (window as unknown as { __cardsPaintedAt: number }).__cardsPaintedAt);
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const cards = await page.locator("[data-story-id]").count();

  const longestTaskMs = await scrollLongestTask(page);
  const { dropMs, dropFrames } = await keyboardDrop(page);
  await context.close();
  return { paintMs, dropMs, dropFrames, domNodes, cards, longestTaskMs, apiRequests, assetGzipBytes };
}

/** Scrolls the fullest card list top to bottom, one step per frame; returns the longest task seen. */
async function scrollLongestTask(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const lists = [...document.querySelectorAll<HTMLElement>("[data-cell-list]")];
    const list = lists.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
    if (!list) return 0;
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    const from = performance.now();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let y = 0; y <= list.scrollHeight; y += 240) {
      list.scrollTop = y;
      await frame();
    }
    await frame();
    await new Promise((r) => setTimeout(r, 100));
    return w.__longTasks.filter((t) => t.start >= from).reduce((max, t) => Math.max(max, t.duration), 0);
  });
}

/**
 * Lifts the first card of the first cell with Space, moves it down one place, drops it. Returns the
 * time from the drop key's `keydown` to the start of the first animation frame whose DOM shows the
 * card in place (checked and stamped in the same frame callback), and how many frames that took.
 */
async function keyboardDrop(page: Page): Promise<{ dropMs: number; dropFrames: number }> {
  const list = page.locator("[data-cell-list]").first();
  await list.evaluate((el) => (el.scrollTop = 0));
  // The virtual list re-renders after the scroll event: wait for its first two rows.
  await list.locator('[data-index="1"] [data-story-id]').waitFor();
  const first = await list.locator('[data-index="0"] [data-story-id]').getAttribute("data-story-id");
  if (!first) return { dropMs: NaN, dropFrames: NaN };
  await page.locator(`[data-story-id="${first}"]`).focus();
  await page.keyboard.press("Space");
  // dnd-kit listens for the arrow keys from the task after the pick-up.
  await page.waitForFunction(() => /^Picked up/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => /moved to position 2/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  await page.evaluate((id) => {
    const w = window as unknown as { __dropAt?: number; __placedAt?: number; __dropFrames?: number };
    w.__dropAt = undefined;
    w.__placedAt = undefined;
    w.__dropFrames = undefined;
    addEventListener("keydown", (e) => (e.code === "Space" ? (w.__dropAt ??= performance.now()) : undefined), { capture: true, once: true });
    let frames = 0;
    // Runs at the start of every frame, before that frame paints: the first frame whose DOM has the
    // card at index 1 and no card in the dragging state is the one that shows the drop.
    const check = () => {
      if (w.__dropAt === undefined) {
        requestAnimationFrame(check);
        return;
      }
      frames += 1;
      const card = document.querySelector<HTMLElement>(`[data-story-id="${id}"]`);
      const index = card?.parentElement?.dataset.index;
      if (index === "1" && !document.querySelector("[data-story-id].opacity-40")) {
        w.__placedAt = performance.now();
        w.__dropFrames = frames;
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, first);
  const response = page.waitForResponse((r) => r.url().includes("bulk_update_kanban_order"));
  await page.keyboard.press("Space");
  await page.waitForFunction(() => typeof (window as unknown as { __placedAt?: number }).__placedAt === "number");
  await response;
  return page.evaluate(() => {
    const w = window as unknown as { __dropAt: number; __placedAt: number; __dropFrames: number };
    return { dropMs: w.__placedAt - w.__dropAt, dropFrames: w.__dropFrames };
  });
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

async function main() {
  ensureBuilt();
  const browser = await launchChromium();
  const rows: string[] = [];
  let signInBytes = NaN;
  let issues: IssuesSample[] = [];
  let wiki: WikiSample[] = [];
  let taskboard: { samples: TaskboardSample[]; tasks: number } | null = null;
  let bytes: ViewBytes[] = [];
  try {
    for (const size of VIEWS.includes("kanban") ? SIZES : []) {
      const db = tempDb(`bench-${size}`);
      seedBigBoard(db, size);
      const server = await startServer(db);
      try {
        if (Number.isNaN(signInBytes)) signInBytes = await measureSignIn(browser, server.url);
        const session = await signIn(server.url);
        // One warm-up run (server caches, Chromium code cache), not counted.
        await measureOnce(browser, server.url, session);
        const samples: Sample[] = [];
        for (let i = 0; i < RUNS; i++) {
          const s = await measureOnce(browser, server.url, session);
          samples.push(s);
          console.log(
            `  ${size} stories, run ${i + 1}/${RUNS}: paint ${fmt(s.paintMs)} ms, drop ${fmt(s.dropMs, 1)} ms / ${fmt(s.dropFrames)} frame(s), ` +
              `${s.domNodes} nodes, ${s.cards} cards, longest task ${fmt(s.longestTaskMs)} ms, ${s.apiRequests} requests, ` +
              `${fmt(s.assetGzipBytes / 1024, 1)} KB gzip JS+CSS`,
          );
        }
        const m = (key: keyof Sample) => median(samples.map((s) => s[key]));
        rows.push(
          `| ${size} | ${fmt(m("paintMs"))} | ${fmt(m("dropMs"), 1)} | ${fmt(m("dropFrames"))} | ${fmt(m("domNodes"))} | ${fmt(m("cards"))} | ${fmt(m("longestTaskMs"))} | ${fmt(m("apiRequests"))} | ${fmt(m("assetGzipBytes") / 1024, 1)} |`,
        );
      } finally {
        await server.stop();
      }
    }
    if (VIEWS.includes("issues")) issues = await benchIssues(browser, RUNS, ISSUES, (line) => console.log(line));
    if (VIEWS.includes("wiki")) wiki = await benchWiki(browser, RUNS, (line) => console.log(line));
    if (VIEWS.includes("taskboard")) taskboard = await benchTaskboard(browser, RUNS, (line) => console.log(line));
    if (VIEWS.includes("backlog")) await runBacklogBench({ runs: RUNS, sizes: BACKLOG_SIZES, browser });
    if (VIEWS.includes("bytes")) bytes = await benchBytes(browser, (line) => console.log(line));
  } finally {
    await browser.close();
  }
  if (rows.length) {
    console.log(`\nKanban board, medians of ${RUNS} runs (Chromium, viewport 1600x1000):\n`);
    console.log("| stories | navigation -> cards painted (ms) | drop -> card in place (ms) | drop -> card in place (frames) | DOM nodes | cards in DOM | longest task while scrolling (ms) | API requests | JS+CSS to the board (KB gzip) |");
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) console.log(row);
  }
  if (!Number.isNaN(signInBytes)) console.log(`\nSign-in page: ${fmt(signInBytes / 1024, 1)} KB gzip of JS+CSS.`);
  if (issues.length) {
    const m = (key: keyof IssuesSample) => median(issues.map((s) => s[key]));
    console.log(`\nIssues list (${ISSUES} issues), medians of ${RUNS} runs:\n`);
    console.log("| navigation -> first page painted (ms) | filter change -> rendered (ms) | sort change -> rendered (ms) | API requests | JS+CSS to the list (KB gzip) | longest task during filter and sort (ms) | rows |");
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(`| ${fmt(m("paintMs"))} | ${fmt(m("filterMs"))} | ${fmt(m("sortMs"))} | ${fmt(m("apiRequests"))} | ${fmt(m("assetGzipBytes") / 1024, 1)} | ${fmt(m("longestTaskMs"))} | ${fmt(m("rows"))} |`);
  }
  if (wiki.length) {
    const w = (key: keyof WikiSample) => median(wiki.map((s) => s[key]));
    console.log(`\nWiki (30 pages, a 2,000-line page), medians of ${RUNS} runs:\n`);
    console.log("| navigation -> page painted (ms) | keystroke -> preview, median (ms) | keystroke -> preview, p95 (ms) | API requests before paint / in all | JS+CSS to the read view, before paint / in all (KB gzip) | JS+CSS to the editor (KB gzip) |");
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(
      `| ${fmt(w("paintMs"))} | ${fmt(w("keyMedianMs"), 1)} | ${fmt(w("keyP95Ms"), 1)} | ${fmt(w("paintRequests"))} / ${fmt(w("apiRequests"))} | ` +
        `${fmt(w("readPaintGzipBytes") / 1024, 1)} / ${fmt(w("readGzipBytes") / 1024, 1)} | ${fmt(w("editorGzipBytes") / 1024, 1)} |`,
    );
  }
  if (taskboard) {
    const t = (key: keyof TaskboardSample) => median(taskboard!.samples.map((s) => s[key]));
    console.log(`\nSprint taskboard (${TASKBOARD_STORIES} stories, ${taskboard.tasks} tasks), medians of ${RUNS} runs (viewport 1600x1000):\n`);
    console.log("| navigation -> cards painted (ms) | drop -> rendered (ms) | drop -> rendered (frames) | DOM nodes | cards in DOM | longest task while scrolling (ms) | API requests | JS+CSS to the board (KB gzip) |");
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(
      `| ${fmt(t("paintMs"))} | ${fmt(t("dropMs"), 1)} | ${fmt(t("dropFrames"))} | ${fmt(t("domNodes"))} | ${fmt(t("cards"))} | ${fmt(t("longestTaskMs"))} | ${fmt(t("apiRequests"))} | ${fmt(t("assetGzipBytes") / 1024, 1)} |`,
    );
  }
  if (bytes.length) {
    console.log("\nFirst screen of each view (demo data, one fresh context each):\n");
    console.log("| view | route | JS+CSS (KB gzip) | API requests |");
    console.log("| --- | --- | ---: | ---: |");
    for (const b of bytes) console.log(`| ${b.view} | \`${b.path}\` | ${fmt(b.gzipBytes / 1024, 1)} | ${b.apiRequests} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

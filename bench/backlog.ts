/**
 * The backlog page (`/project/:slug/backlog`) with 200 and 2,000 stories in the backlog beside three
 * open sprints of 20, in Chromium against the embedded server on the built app (see bench/README.md).
 * Run by `npm run bench` (bench/run.ts); `--views backlog --backlog-sizes 200,2000` runs it alone.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page, Response } from "@playwright/test";
import { launchChromium, seedBigBacklog, SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";

interface Sample {
  /** Navigation start -> the first frame showing backlog rows. */
  paintMs: number;
  /** Navigation start -> the whole backlog in (the rest streamed after the first page). */
  settledMs: number;
  /** Drop key -> the first frame with the story in its new place, backlog reorder (ms / frames). */
  dropMs: number;
  dropFrames: number;
  /** Same, a keyboard move into a sprint. */
  sprintDropMs: number;
  sprintDropFrames: number;
  domNodes: number;
  rows: number;
  longestTaskMs: number;
  /** API requests until the first rows are painted, and until the network is idle. */
  requestsToPaint: number;
  apiRequests: number;
  assetGzipBytes: number;
}

const SLUG = "big-backlog";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** Page-side probes, installed before the app runs. */
const PROBES = `
(() => {
  const w = window;
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  } catch {}
  const watch = new MutationObserver(() => {
    if (w.__rowsPaintedAt === undefined && document.querySelector('[data-container="backlog"] [data-story-id]')) {
      w.__rowsPaintedAt = null;
      w.__requestsAtPaint = w.__apiRequests;
      requestAnimationFrame(() => setTimeout(() => (w.__rowsPaintedAt = performance.now()), 0));
    }
    const totals = document.querySelector('[data-testid="backlog-totals"]');
    if (w.__settledAt === undefined && totals && /stor(y|ies)/.test(totals.textContent || "") && !/more/.test(totals.textContent || "")) {
      w.__settledAt = performance.now();
      watch.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true, characterData: true }));
})();
`;

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

/** Scrolls the backlog list top to bottom, 240 px per frame; the longest task seen meanwhile. */
async function scrollLongestTask(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const list = document.querySelector('[data-testid="backlog-scroll"]');
    if (!list) return 0;
    const from = performance.now();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let y = 0; y <= list.scrollHeight; y += 240) { list.scrollTop = y; await frame(); }
    await frame();
    await new Promise((r) => setTimeout(r, 100));
    list.scrollTop = 0;
    await frame();
    return window.__longTasks.filter((t) => t.start >= from).reduce((max, t) => Math.max(max, t.duration), 0);
  })()`);
}

/**
 * A keyboard move: focus the backlog's first row, Space, then `keys`, then Space. Returns the time from
 * the drop key's keydown to the start of the first animation frame whose DOM shows the story where
 * `placed` says (checked and stamped in the same frame callback), and how many frames that took.
 */
async function keyboardDrop(page: Page, keys: string[], placed: string): Promise<{ ms: number; frames: number }> {
  const list = page.locator('[data-testid="backlog-scroll"]');
  await list.evaluate((el) => (el.scrollTop = 0));
  const first = await page.locator('[data-container="backlog"] [data-story-id][aria-posinset="1"]').getAttribute("data-story-id");
  if (!first) return { ms: NaN, frames: NaN };
  await page.locator(`[data-container="backlog"] [data-story-id="${first}"]`).focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => /^Picked up/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.waitForFunction(() => /moved to position/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  }
  await page.evaluate(`(() => {
    const id = ${JSON.stringify(first)};
    const w = window;
    w.__dropAt = undefined; w.__placedAt = undefined; w.__dropFrames = undefined;
    addEventListener("keydown", (e) => (e.code === "Space" ? (w.__dropAt ??= performance.now()) : undefined), { capture: true, once: true });
    let frames = 0;
    const placed = () => { ${placed} };
    const check = () => {
      if (w.__dropAt === undefined) { requestAnimationFrame(check); return; }
      frames += 1;
      if (placed() && !document.querySelector("[data-story-id].opacity-40")) { w.__placedAt = performance.now(); w.__dropFrames = frames; }
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
  const response = page.waitForResponse((r) => r.url().includes("bulk_update_backlog_order"));
  await page.keyboard.press("Space");
  await page.waitForFunction(() => typeof (window as unknown as { __placedAt?: number }).__placedAt === "number");
  await response;
  return page.evaluate(() => {
    const w = window as unknown as { __dropAt: number; __placedAt: number; __dropFrames: number };
    return { ms: w.__placedAt - w.__dropAt, frames: w.__dropFrames };
  });
}

async function measureOnce(browser: Browser, url: string, session: Session): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript({ content: `localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(JSON.stringify(session))}); window.__apiRequests = 0;` });
  await page.addInitScript({ content: PROBES });
  let apiRequests = 0;
  let counting = true;
  page.on("request", (r) => {
    if (counting && r.url().includes("/api/v1/")) {
      apiRequests += 1;
      void page.evaluate(`window.__apiRequests = ${apiRequests}`).catch(() => undefined);
    }
  });
  const assets = watchAssets(page, () => counting);
  await page.goto(`${url}/project/${SLUG}/backlog`);
  await page.waitForFunction(() => typeof (window as unknown as { __rowsPaintedAt?: number }).__rowsPaintedAt === "number", null, { timeout: 60_000 });
  await page.waitForFunction(() => typeof (window as unknown as { __settledAt?: number }).__settledAt === "number", null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  counting = false;
  const assetGzipBytes = await assets.gzipBytes();
  const { paintMs, settledMs, requestsToPaint } = await page.evaluate(() => {
    const w = window as unknown as { __rowsPaintedAt: number; __settledAt: number; __requestsAtPaint: number };
    return { paintMs: w.__rowsPaintedAt, settledMs: w.__settledAt, requestsToPaint: w.__requestsAtPaint };
  });
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const rows = await page.locator("[data-story-id]").count();
  const longestTaskMs = await scrollLongestTask(page);
  // reorder: the first backlog story one place down
  const reorder = await keyboardDrop(page, ["ArrowDown"], `const el = document.querySelector('[data-container="backlog"] [data-story-id="' + id + '"]'); return el && el.getAttribute("aria-posinset") === "2";`);
  // into the first sprint shown: Right, then Space
  const sprint = await keyboardDrop(page, ["ArrowRight"], `return !!document.querySelector('[data-container^="sprint:"] [data-story-id="' + id + '"]') && !document.querySelector('[data-container="backlog"] [data-story-id="' + id + '"]');`);
  await context.close();
  return {
    paintMs,
    settledMs,
    dropMs: reorder.ms,
    dropFrames: reorder.frames,
    sprintDropMs: sprint.ms,
    sprintDropFrames: sprint.frames,
    domNodes,
    rows,
    longestTaskMs,
    requestsToPaint,
    apiRequests,
    assetGzipBytes,
  };
}

export async function runBacklogBench(options: { runs: number; sizes: number[]; browser?: Browser }): Promise<string[]> {
  const browser = options.browser ?? (await launchChromium());
  const rows: string[] = [];
  try {
    for (const size of options.sizes) {
      const db = tempDb(`bench-backlog-${size}`);
      seedBigBacklog(db, size);
      const server = await startServer(db);
      try {
        const session = await signIn(server.url);
        await measureOnce(browser, server.url, session); // warm-up, not counted
        const samples: Sample[] = [];
        for (let i = 0; i < options.runs; i++) {
          const s = await measureOnce(browser, server.url, session);
          samples.push(s);
          console.log(
            `  backlog ${size}, run ${i + 1}/${options.runs}: rows ${fmt(s.paintMs)} ms (${s.requestsToPaint} requests), settled ${fmt(s.settledMs)} ms, ` +
              `drop ${fmt(s.dropMs, 1)} ms / ${fmt(s.dropFrames)} frame(s), to sprint ${fmt(s.sprintDropMs, 1)} ms / ${fmt(s.sprintDropFrames)} frame(s), ` +
              `${s.domNodes} nodes, ${s.rows} rows, longest task ${fmt(s.longestTaskMs)} ms, ${s.apiRequests} requests, ${fmt(s.assetGzipBytes / 1024, 1)} KB gzip`,
          );
        }
        const m = (key: keyof Sample) => median(samples.map((s) => s[key]));
        rows.push(
          `| ${size} | ${fmt(m("paintMs"))} | ${fmt(m("requestsToPaint"))} | ${fmt(m("settledMs"))} | ${fmt(m("dropMs"), 1)} (${fmt(m("dropFrames"))}) | ${fmt(m("sprintDropMs"), 1)} (${fmt(m("sprintDropFrames"))}) | ${fmt(m("domNodes"))} | ${fmt(m("rows"))} | ${fmt(m("longestTaskMs"))} | ${fmt(m("apiRequests"))} | ${fmt(m("assetGzipBytes") / 1024, 1)} |`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  console.log(`\nBacklog, medians of ${options.runs} runs (Chromium, viewport 1600x1000; 3 open sprints of 20 beside the backlog):\n`);
  console.log(
    "| backlog stories | navigation -> rows painted (ms) | API requests to paint | navigation -> whole backlog in (ms) | drop -> rendered, reorder (ms (frames)) | drop -> rendered, into a sprint (ms (frames)) | DOM nodes | rows in DOM | longest task while scrolling (ms) | API requests until idle | JS+CSS (KB gzip) |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
  return rows;
}

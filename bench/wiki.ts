/**
 * The wiki benchmark (part of `npm run bench`): a 30-page wiki in demo-scrum whose `big` page has
 * 2,000 lines (headings, paragraphs with [[links]] and #refs, lists, code), on the built app and
 * the embedded server, in Chromium. Measures
 * - navigation -> page painted: from navigation start to the first frame showing the rendered page;
 * - keystroke -> preview updated: from a key's `keydown` in the editor to the first frame whose
 *   preview shows the typed character (20 keystrokes per run: median and p95);
 * - JS+CSS (gzip) the browser loads to show the read view, and to open the editor directly;
 * - API requests to show the read view.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page, Response } from "@playwright/test";
import { SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";

const SLUG = "demo-scrum";
const PAGES = 30;
const BIG_LINES = 2000;
const KEYSTROKES = 20;

export interface WikiSample {
  paintMs: number;
  keyMedianMs: number;
  keyP95Ms: number;
  /** JS+CSS requested before the page painted, and all of it by the time the network is idle */
  readPaintGzipBytes: number;
  readGzipBytes: number;
  editorGzipBytes: number;
  /** API requests sent before the page painted, and all of them by network idle */
  paintRequests: number;
  apiRequests: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The 2,000-line page: a long runbook with every construct the renderer handles. */
export function bigPage(refs: number[]): string {
  const lines: string[] = [];
  for (let section = 0; lines.length < BIG_LINES; section += 1) {
    lines.push(`## Section ${section + 1}`, "");
    for (let i = 0; i < 6 && lines.length < BIG_LINES; i += 1) {
      const ref = refs.length ? refs[(section + i) % refs.length] : 1;
      lines.push(`Step ${i + 1} of section ${section + 1}: see [[page-${(section + i) % PAGES}]] and #${ref}, **bold** and _italic_ words, \`code\`.`);
    }
    lines.push("", "- first item", "- second item with a [link](https://example.com)", "- third item", "");
    lines.push("```", `echo "section ${section + 1}"`, "```", "");
  }
  return lines.slice(0, BIG_LINES).join("\n");
}

async function api<T>(url: string, session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Fills demo-scrum's wiki up to 30 pages, one of them the 2,000-line `big` page. */
async function seedWiki(url: string, session: Session): Promise<void> {
  const project = await api<{ id: number }>(url, session, "GET", `/projects/by_slug?slug=${SLUG}`);
  const existing = await api<{ slug: string }[]>(url, session, "GET", `/wiki?project=${project.id}`);
  const stories = await api<{ ref: number }[]>(url, session, "GET", `/userstories?project=${project.id}`);
  await api(url, session, "POST", "/wiki", { project: project.id, slug: "big", content: bigPage(stories.map((s) => s.ref)) });
  for (let i = 0; existing.length + 1 + i < PAGES; i += 1) {
    await api(url, session, "POST", "/wiki", { project: project.id, slug: `page-${i}`, content: `# Page ${i}\n\nBack to [[home]] or the [[big]] runbook.` });
  }
}

function probes({ sessionKey, session }: { sessionKey: string; session: Session }) {
  localStorage.setItem(sessionKey, JSON.stringify(session));
  const w = window as unknown as Record<string, unknown>;
  const watch = new MutationObserver(() => {
    if (w.__pagePaintedAt === undefined && document.querySelector("[data-testid='wiki-content'] [data-markdown] h2")) {
      w.__pagePaintedAt = null;
      requestAnimationFrame(() => setTimeout(() => (w.__pagePaintedAt = performance.now()), 0));
      watch.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true }));
}

/** JS and CSS the page loads: `gzipBytes(urls?)` sums them (or those of `urls`), each gzipped (level 9). */
function watchAssets(page: Page, counting: () => boolean): (urls?: ReadonlySet<string>) => Promise<number> {
  const assets: Response[] = [];
  page.on("response", (r) => {
    const type = r.request().resourceType();
    if (counting() && (type === "script" || type === "stylesheet")) assets.push(r);
  });
  return async (urls) => {
    let total = 0;
    for (const asset of assets) if (!urls || urls.has(asset.url())) total += gzipSync(await asset.body(), { level: 9 }).length;
    return total;
  };
}

/** URLs the page started fetching before a time (Resource Timing). */
function startedBefore(page: Page, time: number): Promise<string[]> {
  return page.evaluate((t) => performance.getEntriesByType("resource").filter((e) => e.startTime <= t).map((e) => e.name), time);
}

async function newPage(browser: Browser, session: Session): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript({ content: "window.__name = (f) => f;" });
  await page.addInitScript(probes, { sessionKey: SESSION_KEY, session });
  return page;
}

/** Appends a paragraph to the big page in the editor and times each keystroke until the preview shows it. */
async function keystrokes(page: Page): Promise<number[]> {
  const box = page.getByRole("textbox", { name: "Content" });
  await box.evaluate((el: HTMLTextAreaElement) => {
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  });
  await page.keyboard.type("\n\nT");
  const last = () => page.waitForFunction(() => document.querySelector("[aria-label='Preview'] [data-markdown]")?.lastElementChild?.textContent?.startsWith("T") === true);
  await last();
  const times: number[] = [];
  let typed = "T";
  for (let i = 0; i < KEYSTROKES; i += 1) {
    const key = String.fromCharCode(97 + (i % 26));
    typed += key;
    await page.evaluate((expected) => {
      const w = window as unknown as { __keyAt?: number; __shownAt?: number };
      w.__keyAt = undefined;
      w.__shownAt = undefined;
      addEventListener("keydown", () => (w.__keyAt ??= performance.now()), { capture: true, once: true });
      const check = () => {
        const text = document.querySelector("[aria-label='Preview'] [data-markdown]")?.lastElementChild?.textContent;
        if (w.__keyAt !== undefined && text === expected) w.__shownAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, typed);
    await page.keyboard.press(key);
    await page.waitForFunction(() => typeof (window as unknown as { __shownAt?: number }).__shownAt === "number", null, { timeout: 30_000 });
    times.push(await page.evaluate(() => (window as unknown as { __shownAt: number; __keyAt: number }).__shownAt - (window as unknown as { __keyAt: number }).__keyAt));
  }
  return times;
}

async function measureOnce(browser: Browser, url: string, session: Session): Promise<WikiSample> {
  const read = await newPage(browser, session);
  let counting = true;
  let apiRequests = 0;
  read.on("request", (r) => {
    if (counting && r.url().includes("/api/v1/")) apiRequests += 1;
  });
  const readBytes = watchAssets(read, () => counting);
  await read.goto(`${url}/project/${SLUG}/wiki/big`);
  await read.waitForFunction(() => typeof (window as unknown as { __pagePaintedAt?: number }).__pagePaintedAt === "number", null, { timeout: 60_000 });
  await read.waitForLoadState("networkidle");
  counting = false;
  const paintMs = await read.evaluate(() => (window as unknown as { __pagePaintedAt: number }).__pagePaintedAt);
  const early = await startedBefore(read, paintMs);
  const readPaintGzipBytes = await readBytes(new Set(early));
  const paintRequests = early.filter((u) => u.includes("/api/v1/")).length;
  const readGzipBytes = await readBytes();
  await read.context().close();

  const edit = await newPage(browser, session);
  const editBytes = watchAssets(edit, () => true);
  await edit.goto(`${url}/project/${SLUG}/wiki/big?view=edit`);
  await edit.getByRole("textbox", { name: "Content" }).waitFor({ timeout: 60_000 });
  await edit.waitForLoadState("networkidle");
  const editorGzipBytes = await editBytes();
  const times = await keystrokes(edit);
  // leave no draft behind for the next run
  await edit.evaluate(() => localStorage.clear());
  await edit.context().close();
  return { paintMs, keyMedianMs: percentile(times, 50), keyP95Ms: percentile(times, 95), readPaintGzipBytes, readGzipBytes, editorGzipBytes, paintRequests, apiRequests };
}

/** Runs the wiki benchmark on its own server and database; returns the per-run samples. */
export async function benchWiki(browser: Browser, runs: number, log: (line: string) => void): Promise<WikiSample[]> {
  const server = await startServer(tempDb("bench-wiki"));
  try {
    const session = await signIn(server.url);
    await seedWiki(server.url, session);
    await measureOnce(browser, server.url, session); // warm-up, not counted
    const samples: WikiSample[] = [];
    for (let i = 0; i < runs; i += 1) {
      const s = await measureOnce(browser, server.url, session);
      samples.push(s);
      log(
        `  wiki run ${i + 1}/${runs}: page painted ${s.paintMs.toFixed(0)} ms, keystroke -> preview median ${s.keyMedianMs.toFixed(1)} ms / p95 ${s.keyP95Ms.toFixed(1)} ms, ` +
          `${s.paintRequests} requests before paint (${s.apiRequests} in all), read view ${(s.readPaintGzipBytes / 1024).toFixed(1)} KB before paint ` +
          `(${(s.readGzipBytes / 1024).toFixed(1)} KB in all), editor ${(s.editorGzipBytes / 1024).toFixed(1)} KB gzip JS+CSS`,
      );
    }
    return samples;
  } finally {
    await server.stop();
  }
}

/**
 * The taskboard benchmark (part of `npm run bench`): a sprint of 60 stories and 600 tasks (ten per
 * story, two per status), created through the embedded server's API in a fresh database, the built
 * app, Chromium. Per run, in a fresh browser context:
 *
 * - navigation -> cards painted: from navigation start to the first frame showing task cards;
 * - drop -> rendered: a keyboard move of the first card to the next status (Space, ArrowRight,
 *   Space), from the drop key's `keydown` to the first frame whose DOM shows the card in its new
 *   cell and no card in the dragging state (the optimistic update; the PATCH is awaited after);
 * - DOM nodes and cards in the DOM once painted (story rows are virtualized);
 * - the longest task while the board is scrolled top to bottom;
 * - API requests to show the board, JS+CSS (gzip) loaded to show it.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page, Response } from "@playwright/test";
import { SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";

export interface TaskboardSample {
  paintMs: number;
  dropMs: number;
  dropFrames: number;
  domNodes: number;
  cards: number;
  longestTaskMs: number;
  apiRequests: number;
  assetGzipBytes: number;
}

export const TASKBOARD_STORIES = 60;
export const TASKBOARD_TASKS_PER_STATUS = 2;

interface Board {
  slug: string;
  sprintSlug: string;
  tasks: number;
}

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "content-type": "application/json", "x-disable-pagination": "True" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A Scrum project with one sprint of 60 stories and 600 tasks, created through the API. */
async function seedBigSprint(url: string, session: Session): Promise<Board> {
  const api = <T>(method: string, path: string, body?: unknown) => call<T>(url, session.token, method, path, body);
  const project = await api<{ id: number; slug: string }>("POST", "/projects", { name: "Big sprint", description: "Taskboard benchmark", creation_template: 1 });
  const detail = await api<{ task_statuses: { id: number; order: number }[] }>("GET", `/projects/${project.id}`);
  const statuses = [...detail.task_statuses].sort((a, b) => a.order - b.order);
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const sprint = await api<{ id: number; slug: string }>("POST", "/milestones", { project: project.id, name: "Big sprint 1", estimated_start: day(-7), estimated_finish: day(7) });
  const lines = Array.from({ length: TASKBOARD_STORIES }, (_, i) => `Story ${i + 1}: a piece of the product the sprint delivers`).join("\n");
  const stories = await api<{ id: number }[]>("POST", "/userstories/bulk_create", { project_id: project.id, bulk_stories: lines });
  await api("POST", "/userstories/bulk_update_milestone", { project_id: project.id, milestone_id: sprint.id, bulk_stories: stories.map((s, i) => ({ us_id: s.id, order: i + 1 })) });
  let tasks = 0;
  for (const [i, story] of stories.entries()) {
    for (const status of statuses) {
      const text = Array.from({ length: TASKBOARD_TASKS_PER_STATUS }, (_, k) => `Task ${k + 1} of story ${i + 1}: write, test and review the part`).join("\n");
      tasks += (await api<unknown[]>("POST", "/tasks/bulk_create", { project_id: project.id, milestone_id: sprint.id, us_id: story.id, status_id: status.id, bulk_tasks: text })).length;
    }
  }
  return { slug: project.slug, sprintSlug: sprint.slug, tasks };
}

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
    if (w.__cardsPaintedAt === undefined && document.querySelector("[data-task-id]")) {
      w.__cardsPaintedAt = null;
      requestAnimationFrame(() => setTimeout(() => (w.__cardsPaintedAt = performance.now()), 0));
      watch.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => watch.observe(document.body, { childList: true, subtree: true }));
}

/** Scrolls the board top to bottom, 300 px per animation frame; the longest task seen meanwhile. */
async function scrollLongestTask(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const board = document.querySelector<HTMLElement>('[data-testid="taskboard"]');
    if (!board) return 0;
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    const from = performance.now();
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let y = 0; y <= board.scrollHeight; y += 300) {
      board.scrollTop = y;
      await frame();
    }
    board.scrollTop = 0;
    await frame();
    await new Promise((r) => setTimeout(r, 150));
    return w.__longTasks.filter((t) => t.start >= from).reduce((max, t) => Math.max(max, t.duration), 0);
  });
}

/** The first card of the first row moves right one status with the keyboard; the drop's render time. */
async function keyboardDrop(page: Page): Promise<{ dropMs: number; dropFrames: number }> {
  const first = page.locator("[data-cell-list] [data-task-id]").first();
  const id = await first.getAttribute("data-task-id");
  const from = await first.evaluate((el) => el.closest<HTMLElement>("[data-cell-list]")?.dataset.cellList ?? "");
  const [, story] = /^cell:([^:]+):/.exec(from) ?? [];
  if (!id || !story) return { dropMs: NaN, dropFrames: NaN };
  await first.focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => /^Picked up/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => /moved to position/.test(document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? ""));
  await page.evaluate(
    ({ taskId, source }) => {
      const w = window as unknown as { __dropAt?: number; __placedAt?: number; __dropFrames?: number };
      w.__dropAt = undefined;
      w.__placedAt = undefined;
      w.__dropFrames = undefined;
      addEventListener("keydown", (e) => (e.code === "Space" ? (w.__dropAt ??= performance.now()) : undefined), { capture: true, once: true });
      let frames = 0;
      const check = () => {
        if (w.__dropAt === undefined) {
          requestAnimationFrame(check);
          return;
        }
        frames += 1;
        const card = document.querySelector<HTMLElement>(`[data-cell-list] [data-task-id="${taskId}"]`);
        const cell = card?.closest<HTMLElement>("[data-cell-list]")?.dataset.cellList;
        if (cell && cell !== source && !document.querySelector("[data-task-id].opacity-40")) {
          w.__placedAt = performance.now();
          w.__dropFrames = frames;
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    { taskId: id, source: from },
  );
  const response = page.waitForResponse((r) => /\/tasks\/\d+$/.test(r.url()) && r.request().method() === "PATCH");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => typeof (window as unknown as { __placedAt?: number }).__placedAt === "number");
  const answer = await response;
  if (answer.status() !== 200) throw new Error(`the drop's PATCH answered ${answer.status()}`);
  return page.evaluate(() => {
    const w = window as unknown as { __dropAt: number; __placedAt: number; __dropFrames: number };
    return { dropMs: w.__placedAt - w.__dropAt, dropFrames: w.__dropFrames };
  });
}

async function measureOnce(browser: Browser, url: string, session: Session, board: Board): Promise<TaskboardSample> {
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

  await page.goto(`${url}/project/${board.slug}/taskboard/${board.sprintSlug}`);
  await page.waitForFunction(() => typeof (window as unknown as { __cardsPaintedAt?: number }).__cardsPaintedAt === "number", null, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  counting = false;
  let assetGzipBytes = 0;
  for (const asset of assets) assetGzipBytes += gzipSync(await asset.body(), { level: 9 }).length;
  const paintMs = await page.evaluate(() => (window as unknown as { __cardsPaintedAt: number }).__cardsPaintedAt);
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const cards = await page.locator("[data-task-id]").count();
  const longestTaskMs = await scrollLongestTask(page);
  const { dropMs, dropFrames } = await keyboardDrop(page);
  await context.close();
  return { paintMs, dropMs, dropFrames, domNodes, cards, longestTaskMs, apiRequests, assetGzipBytes };
}

/** Seeds the big sprint, one warm-up run, then `runs` measured runs. */
export async function benchTaskboard(browser: Browser, runs: number, log: (line: string) => void): Promise<{ samples: TaskboardSample[]; tasks: number }> {
  const server = await startServer(tempDb("bench-taskboard"));
  try {
    const session = await signIn(server.url);
    const board = await seedBigSprint(server.url, session);
    log(`  taskboard: ${TASKBOARD_STORIES} stories, ${board.tasks} tasks in ${board.sprintSlug}`);
    await measureOnce(browser, server.url, session, board);
    const samples: TaskboardSample[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await measureOnce(browser, server.url, session, board);
      samples.push(s);
      log(
        `  taskboard, run ${i + 1}/${runs}: paint ${s.paintMs.toFixed(0)} ms, drop ${s.dropMs.toFixed(1)} ms / ${s.dropFrames} frame(s), ${s.domNodes} nodes, ` +
          `${s.cards} cards, longest task ${s.longestTaskMs.toFixed(0)} ms, ${s.apiRequests} requests, ${(s.assetGzipBytes / 1024).toFixed(1)} KB gzip JS+CSS`,
      );
    }
    return { samples, tasks: board.tasks };
  } finally {
    await server.stop();
  }
}

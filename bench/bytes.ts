/**
 * Bytes per view (`npm run bench -- --views bytes`): opens the first screen of each view once, in a
 * fresh browser context (empty cache), on the demo data of the embedded server and the built app,
 * and sums the JS+CSS it loaded, as the other benchmarks do: every script and stylesheet from
 * navigation until the view shows its content and the network is idle, each gzipped at level 9.
 * Also counts the API requests meanwhile. The product budget is 150 KB and 4 requests per view.
 *
 * The sizes do not depend on the amount of data, so one run per view is enough; the per-file
 * breakdown says which chunks a view pulls in.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Response } from "@playwright/test";
import { SESSION_KEY, signIn, startServer, tempDb, type Session } from "./harness";

export interface ViewBytes {
  view: string;
  path: string;
  gzipBytes: number;
  apiRequests: number;
  /** the API requests, as "METHOD /path?query" */
  requests: string[];
  /** file name (without the hash) -> gzip bytes */
  files: [name: string, gzipBytes: number][];
}

interface ViewSpec {
  view: string;
  path: string;
  /** what the view shows once its first screen is there */
  ready: string;
}

async function api<T>(url: string, session: Session, path: string): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The views, on the demo data: demo-kanban's board, demo-scrum for the rest. */
async function viewSpecs(url: string, session: Session): Promise<ViewSpec[]> {
  const scrum = await api<{ id: number }>(url, session, "/projects/by_slug?slug=demo-scrum");
  const sprints = await api<{ slug: string; estimated_start: string; estimated_finish: string }[]>(url, session, `/milestones?project=${scrum.id}&closed=false`);
  const stories = await api<{ ref: number; id: number }[]>(url, session, `/userstories?project=${scrum.id}`);
  const today = new Date().toISOString().slice(0, 10);
  // the current sprint (the one a team opens), else the first open one
  const sprint = sprints.find((s) => s.estimated_start <= today && today <= s.estimated_finish) ?? sprints[0];
  const story = stories[0];
  if (!sprint || !story) throw new Error("demo-scrum has no open sprint or no story");
  return [
    { view: "Kanban", path: "/project/demo-kanban/kanban", ready: "[data-story-id]" },
    { view: "Issues list", path: "/project/demo-scrum/issues", ready: "tbody tr[data-issue-id]" },
    { view: "Backlog", path: "/project/demo-scrum/backlog", ready: '[data-container="backlog"] [data-story-id]' },
    { view: "Sprint taskboard", path: `/project/demo-scrum/taskboard/${sprint.slug}`, ready: "[data-task-id]" },
    { view: "Wiki (read view)", path: "/project/demo-scrum/wiki/home", ready: "[data-testid='wiki-content'] [data-markdown]" },
    { view: "Story detail", path: `/project/demo-scrum/us/${story.ref}`, ready: `#item-title-${story.id}` },
  ];
}

function fileName(url: string): string {
  return new URL(url).pathname.replace(/^\/assets\//, "").replace(/-[\w-]{8}\.(js|css)$/, ".$1");
}

async function measureView(browser: Browser, url: string, session: Session, spec: ViewSpec): Promise<ViewBytes> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(({ key, value }) => localStorage.setItem(key, value), { key: SESSION_KEY, value: JSON.stringify(session) });
  let counting = true;
  const requests: string[] = [];
  const assets: Response[] = [];
  page.on("request", (r) => {
    if (counting && r.url().includes("/api/v1/")) requests.push(`${r.method()} ${r.url().replace(/^.*\/api\/v1/, "")}`);
  });
  page.on("response", (r) => {
    const type = r.request().resourceType();
    if (counting && (type === "script" || type === "stylesheet")) assets.push(r);
  });
  await page.goto(`${url}${spec.path}`);
  await page.locator(spec.ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  counting = false;
  const files: [string, number][] = [];
  for (const asset of assets) files.push([fileName(asset.url()), gzipSync(await asset.body(), { level: 9 }).length]);
  await context.close();
  files.sort((a, b) => b[1] - a[1]);
  return { view: spec.view, path: spec.path, gzipBytes: files.reduce((sum, [, n]) => sum + n, 0), apiRequests: requests.length, requests, files };
}

/** Opens each view once on a fresh demo database. */
export async function benchBytes(browser: Browser, log: (line: string) => void): Promise<ViewBytes[]> {
  const server = await startServer(tempDb("bench-bytes"));
  try {
    const session = await signIn(server.url);
    const results: ViewBytes[] = [];
    for (const spec of await viewSpecs(server.url, session)) {
      const result = await measureView(browser, server.url, session, spec);
      results.push(result);
      log(`  ${result.view} (${result.path}): ${(result.gzipBytes / 1024).toFixed(1)} KB gzip JS+CSS, ${result.apiRequests} API requests`);
      log(`    API: ${result.requests.join(", ")}`);
      log(`    ${result.files.map(([name, n]) => `${name} ${(n / 1024).toFixed(1)}`).join(", ")}`);
    }
    return results;
  } finally {
    await server.stop();
  }
}

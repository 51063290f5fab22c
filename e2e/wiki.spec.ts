/**
 * The wiki, end to end, on the embedded server and on a real Taiga: a page created from a missing
 * link, edited beside its live preview, saved and reloaded; [[links]] and #refs navigating in the
 * app; the links sidebar reordered by mouse and by keyboard (persisted); two people saving the same
 * page (each conflict choice ends in the server state chosen); a draft surviving a reload; and
 * script-injection payloads in page content, link titles and link names rendering inert in the
 * page and in the editor's preview. Every spec reads the state it needs from the API first and
 * removes the pages and links it made, and restores link orders it changed (a real Taiga is shared).
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { backend, expect, login, newGuardedContext, test, type Api } from "./fixtures";
import { XSS_FLAG, xssPayloads } from "./xss-payloads";

interface Project {
  id: number;
  slug: string;
}
interface WikiPage {
  id: number;
  slug: string;
  content: string;
  version: number;
  last_modifier: number;
}
interface WikiLink {
  id: number;
  title: string;
  href: string;
  order: number;
}
interface Story {
  id: number;
  ref: number;
  subject: string;
}

/** Writes through the API with the admin's own token (never the page's). */
async function call<T>(request: APIRequestContext, api: Api, method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await request.fetch(`${backend.apiBase}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await api.token(backend.admin)}`, "Content-Type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status(), `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text ? JSON.parse(text) : null) as T;
}

const project = (api: Api) => api.get<Project>(`/projects/by_slug?slug=${backend.mainProject}`);
const pages = (api: Api, p: Project) => api.get<WikiPage[]>(`/wiki?project=${p.id}`, backend.admin, { "x-disable-pagination": "True" });
const links = async (api: Api, p: Project) =>
  (await api.get<WikiLink[]>(`/wiki-links?project=${p.id}`, backend.admin, { "x-disable-pagination": "True" })).sort((a, b) => a.order - b.order || a.id - b.id);
const pageBySlug = async (api: Api, p: Project, slug: string) => (await pages(api, p)).find((w) => w.slug === slug);
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
const wikiUrl = (p: Project, slug: string, view?: string) => `/project/${p.slug}/wiki/${slug}${view ? `?view=${view}` : ""}`;

/** Pages and links a spec made: removed at the end whatever happened. */
class Cleanup {
  private pageSlugs: string[] = [];
  private linkIds: number[] = [];
  private orders: WikiLink[] | null = null;
  constructor(
    private request: APIRequestContext,
    private api: Api,
    private p: Project,
  ) {}
  page(slug: string) {
    this.pageSlugs.push(slug);
  }
  link(id: number) {
    this.linkIds.push(id);
  }
  keepOrders(list: WikiLink[]) {
    this.orders = list;
  }
  async run() {
    for (const id of this.linkIds) await this.request.fetch(`${backend.apiBase}/wiki-links/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${await this.api.token(backend.admin)}` } });
    const now = await pages(this.api, this.p);
    for (const slug of this.pageSlugs) {
      const page = now.find((w) => w.slug === slug);
      if (page) await call(this.request, this.api, "DELETE", `/wiki/${page.id}`);
    }
    if (this.orders) {
      const current = await links(this.api, this.p);
      for (const l of this.orders) {
        const c = current.find((x) => x.id === l.id);
        if (c && c.order !== l.order) await call(this.request, this.api, "PATCH", `/wiki-links/${l.id}`, { order: l.order });
      }
    }
  }
}

async function createPage(request: APIRequestContext, api: Api, p: Project, slug: string, content: string, cleanup: Cleanup): Promise<WikiPage> {
  cleanup.page(slug);
  return call<WikiPage>(request, api, "POST", "/wiki", { project: p.id, slug, content });
}

const content = (page: Page) => page.getByTestId("wiki-content");
const editorBox = (page: Page) => page.getByRole("textbox", { name: "Content" });
const preview = (page: Page) => page.getByRole("region", { name: "Preview" });

async function openPage(page: Page, p: Project, slug: string, view?: string) {
  await page.goto(wikiUrl(p, slug, view));
  if (view === "edit") await expect(editorBox(page)).toBeVisible({ timeout: 15_000 });
  else await expect(page.getByRole("complementary", { name: "Wiki" })).toBeVisible({ timeout: 15_000 });
}

test.describe("wiki pages", () => {
  test("a missing link is marked, creates its page, edited beside a live preview, saved and still there after a reload", async ({ page, api, request, guard }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const source = unique("e2e-source");
    const missing = unique("e2e-missing");
    const stories = await api.get<Story[]>(`/userstories?project=${p.id}`, backend.admin, { "x-disable-pagination": "True" });
    const story = stories[0] as Story;
    // the missing page is looked up by slug and answers 404 (a real Taiga too)
    guard.allow(404, "GET /wiki/by_slug", /No WikiPage matches/);
    try {
      await createPage(request, api, p, source, `Start here: [[${missing}|the missing page]]`, cleanup);
      cleanup.page(missing);
      await login(page, backend.admin);
      await openPage(page, p, source);
      const link = content(page).getByRole("link", { name: "the missing page" });
      await expect(link).toHaveClass(/missing/);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/wiki/${missing}$`));
      await expect(page.getByText("This page doesn't exist yet.")).toBeVisible();
      await page.getByRole("button", { name: "Create this page" }).click();

      const text = `# Runbook\n\nHello **bold** world, see [[${source}]] and #${story.ref}.`;
      await editorBox(page).fill(text);
      await expect(preview(page).getByRole("heading", { name: "Runbook" })).toBeVisible();
      await expect(preview(page).locator("strong")).toHaveText("bold");
      await expect(preview(page).getByRole("link", { name: source })).toHaveAttribute("href", wikiUrl(p, source));
      // the #ref resolves as the server does: a link to the story, its subject as title
      await expect(preview(page).getByRole("link", { name: `#${story.ref}` })).toHaveAttribute("title", `#${story.ref} ${story.subject}`);
      await editorBox(page).press("ControlOrMeta+s");
      await expect(editorBox(page)).toBeHidden();
      await expect(content(page).locator("strong")).toHaveText("bold");

      await page.reload();
      await expect(content(page).getByRole("heading", { name: "Runbook" })).toBeVisible();
      await expect(content(page).getByRole("link", { name: `#${story.ref}` })).toHaveAttribute("href", `/project/${p.slug}/us/${story.ref}`);
      expect((await pageBySlug(api, p, missing))?.content).toBe(text);
      await expect(page.getByTestId("wiki-meta")).toContainText("1 edition");
    } finally {
      await cleanup.run();
    }
  });

  test("[[links]] and #refs navigate inside the app without a reload", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const target = unique("e2e-target");
    const source = unique("e2e-nav");
    const stories = await api.get<Story[]>(`/userstories?project=${p.id}`, backend.admin, { "x-disable-pagination": "True" });
    const story = stories[0] as Story;
    try {
      await createPage(request, api, p, target, "You arrived.", cleanup);
      await createPage(request, api, p, source, `Go to [[${target}|the target]] or open #${story.ref}.`, cleanup);
      await login(page, backend.admin);
      await openPage(page, p, source);
      await page.evaluate(() => ((window as unknown as Record<string, unknown>).__stay = true));
      await content(page).getByRole("link", { name: "the target" }).click();
      await expect(page).toHaveURL(new RegExp(`/wiki/${target}$`));
      await expect(content(page)).toContainText("You arrived.");
      await page.goBack();
      await content(page).getByRole("link", { name: `#${story.ref}` }).click();
      await expect(page).toHaveURL(new RegExp(`/us/${story.ref}$`));
      await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(story.subject, { timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__stay)).toBe(true);
    } finally {
      await cleanup.run();
    }
  });

  test("the pages index searches, creates and deletes a page after confirmation", async ({ page, api, request, guard }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const slug = unique("e2e-index");
    guard.allow(404, "GET /wiki/by_slug", /No WikiPage matches/);
    try {
      await createPage(request, api, p, slug, "Indexed page", cleanup);
      await login(page, backend.admin);
      await openPage(page, p, "home", "pages");
      await page.getByRole("searchbox", { name: "Search pages" }).fill(slug);
      const list = page.getByRole("list", { name: "Pages" });
      await expect(list.getByRole("listitem")).toHaveCount(1);
      await page.getByRole("button", { name: `Delete page ${slug}` }).click();
      const dialog = page.getByRole("dialog", { name: "Delete this page?" });
      await dialog.getByRole("button", { name: "Delete page" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText("No page matches your search.")).toBeVisible();
      expect(await pageBySlug(api, p, slug)).toBeUndefined();

      const created = unique("e2e-new");
      cleanup.page(created);
      await page.getByRole("textbox", { name: "New page name" }).fill(created);
      await page.getByRole("button", { name: "Create page" }).click();
      await editorBox(page).fill("Made from the index");
      await page.getByRole("button", { name: "Create page" }).click();
      await expect(content(page)).toContainText("Made from the index");
      expect((await pageBySlug(api, p, created))?.content).toBe("Made from the index");
    } finally {
      await cleanup.run();
    }
  });

  test("an image pasted into the editor is attached to the page and its link inserted; toolbar and shortcuts format", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const slug = unique("e2e-paste");
    try {
      const created = await createPage(request, api, p, slug, "word", cleanup);
      await login(page, backend.admin);
      await openPage(page, p, slug, "edit");
      const box = editorBox(page);
      await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 4));
      await page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Bold" }).click();
      await expect(box).toHaveValue("**word**");
      await box.press("End");
      await box.press("ControlOrMeta+i");
      await expect(box).toHaveValue("**word**_italic text_");
      await expect(preview(page).locator("em")).toHaveText("italic text");
      await box.press("End");
      await box.press("Enter");
      // a 1x1 PNG pasted from the clipboard
      await box.evaluate((el: HTMLTextAreaElement) => {
        const bytes = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], "pixel.png", { type: "image/png" }));
        el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      });
      await expect(box).toHaveValue(/!\[pixel\.png\]\(http[^)]+pixel\.png[^)]*\)/);
      await expect(preview(page).locator("img[alt='pixel.png']")).toBeVisible();
      const attachments = await api.get<{ name: string }[]>(`/wiki/attachments?project=${p.id}&object_id=${created.id}`);
      expect(attachments.map((a) => a.name)).toEqual(["pixel.png"]);
      await box.press("ControlOrMeta+s");
      await expect(content(page).locator("img[alt='pixel.png']")).toBeVisible();
      expect((await pageBySlug(api, p, slug))?.content).toMatch(/^\*\*word\*\*_italic text_\n!\[pixel\.png\]/);
    } finally {
      await cleanup.run();
    }
  });

  test("page history shows who changed what, with the diff", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const slug = unique("e2e-history");
    try {
      const created = await createPage(request, api, p, slug, "Alpha beta", cleanup);
      await call(request, api, "PATCH", `/wiki/${created.id}`, { content: "Alpha gamma beta", version: created.version });
      await login(page, backend.admin);
      await openPage(page, p, slug);
      await expect(page.getByTestId("wiki-meta")).toContainText("2 editions");
      await page.getByRole("button", { name: "History" }).click();
      const entry = page.getByTestId("history-entry").first();
      await expect(entry.getByTestId("content-diff").locator("ins")).toHaveText(/gamma/);
    } finally {
      await cleanup.run();
    }
  });
});

test.describe("the links sidebar", () => {
  async function sidebarOrder(page: Page): Promise<string[]> {
    return page.getByRole("list", { name: "Links" }).locator("li[data-wiki-link]").evaluateAll((els) => els.map((e) => e.getAttribute("data-wiki-link") ?? ""));
  }

  async function mouseDrag(page: Page, from: Locator, to: Locator) {
    await from.scrollIntoViewIfNeeded();
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error("no box");
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 8, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 4, { steps: 15 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 6, { steps: 3 });
    await page.mouse.up();
  }

  async function setup(api: Api, request: APIRequestContext, cleanup: Cleanup, p: Project): Promise<WikiLink[]> {
    let list = await links(api, p);
    // three links of our own at the end, so the drag works on any data
    for (const title of ["E2E link one", "E2E link two", "E2E link three"]) {
      const l = await call<WikiLink>(request, api, "POST", "/wiki-links", { project: p.id, title: `${title} ${unique("x")}` });
      cleanup.link(l.id);
      cleanup.page(l.href);
    }
    cleanup.keepOrders(list);
    list = await links(api, p);
    return list;
  }

  test("reordering by mouse saves the new order", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    try {
      const list = await setup(api, request, cleanup, p);
      // every link on screen, however many the project has
      await page.setViewportSize({ width: 1280, height: 1400 });
      await login(page, backend.admin);
      await openPage(page, p, "home");
      const ours = list.slice(-3);
      await expect.poll(() => sidebarOrder(page)).toEqual(list.map((l) => l.href));
      const sidebar = page.getByRole("navigation", { name: "Wiki links" });
      await mouseDrag(page, sidebar.getByRole("button", { name: `Move ${ours[2]!.title}` }), sidebar.getByRole("button", { name: `Move ${ours[0]!.title}` }));
      const expected = [...list.slice(0, -3).map((l) => l.href), ours[2]!.href, ours[0]!.href, ours[1]!.href];
      await expect.poll(() => sidebarOrder(page)).toEqual(expected);
      await expect.poll(async () => (await links(api, p)).map((l) => l.href)).toEqual(expected);
      await page.reload();
      await expect.poll(() => sidebarOrder(page)).toEqual(expected);
    } finally {
      await cleanup.run();
    }
  });

  test("reordering by keyboard saves the new order", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    try {
      const list = await setup(api, request, cleanup, p);
      await login(page, backend.admin);
      await openPage(page, p, "home");
      const ours = list.slice(-3);
      await expect.poll(() => sidebarOrder(page)).toEqual(list.map((l) => l.href));
      const handle = page.getByRole("button", { name: `Move ${ours[0]!.title}` });
      await handle.focus();
      await page.keyboard.press("Space");
      const live = page.locator('[id^="DndLiveRegion"]');
      await expect(live).toHaveText(/Picked up/);
      await page.keyboard.press("ArrowDown");
      await expect(live).toHaveText(/moved to position \d+ of/);
      await page.keyboard.press("ArrowDown");
      await expect(live).toHaveText(new RegExp(`moved to position ${list.length} of`));
      await page.keyboard.press("Space");
      const expected = [...list.slice(0, -3).map((l) => l.href), ours[1]!.href, ours[2]!.href, ours[0]!.href];
      await expect.poll(() => sidebarOrder(page)).toEqual(expected);
      await expect.poll(async () => (await links(api, p)).map((l) => l.href)).toEqual(expected);
      await page.reload();
      await expect.poll(() => sidebarOrder(page)).toEqual(expected);
    } finally {
      await cleanup.run();
    }
  });

  test("a link is added (its page created), renamed and deleted", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const title = `E2E added ${unique("t")}`;
    try {
      await login(page, backend.admin);
      await openPage(page, p, "home");
      await page.getByRole("textbox", { name: "New link title" }).fill(title);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      const sidebar = page.getByRole("navigation", { name: "Wiki links" });
      await expect(sidebar.getByRole("link", { name: title })).toBeVisible();
      const made = (await links(api, p)).find((l) => l.title === title) as WikiLink;
      cleanup.link(made.id);
      cleanup.page(made.href);
      expect(await pageBySlug(api, p, made.href)).toBeDefined();
      await sidebar.getByRole("link", { name: title }).hover();
      await sidebar.getByRole("button", { name: `Rename ${title}` }).click();
      await page.getByRole("dialog", { name: "Rename link" }).getByRole("textbox", { name: "Title" }).fill(`${title} renamed`);
      await page.getByRole("dialog", { name: "Rename link" }).getByRole("button", { name: "Rename" }).click();
      await expect(sidebar.getByRole("link", { name: `${title} renamed` })).toBeVisible();
      await expect.poll(async () => (await links(api, p)).find((l) => l.id === made.id)?.title).toBe(`${title} renamed`);
      await sidebar.getByRole("link", { name: `${title} renamed` }).hover();
      await sidebar.getByRole("button", { name: `Delete link ${title} renamed` }).click();
      await page.getByRole("dialog", { name: "Delete link?" }).getByRole("button", { name: "Delete link" }).click();
      await expect(sidebar.getByRole("link", { name: `${title} renamed` })).toBeHidden();
      await expect.poll(async () => (await links(api, p)).some((l) => l.id === made.id)).toBe(false);
      expect(await pageBySlug(api, p, made.href)).toBeDefined();
    } finally {
      await cleanup.run();
    }
  });
});

test.describe("two people edit one page", () => {
  test.beforeEach(({ guard }) => guard.allowConflicts());
  // two browser contexts, each signing in: more than one page's worth of time on a loaded machine
  test.describe.configure({ timeout: backend.kind === "real" ? 120_000 : 90_000 });

  async function twoEditors(browser: Parameters<Parameters<typeof test>[2]>[0]["browser"], p: Project, slug: string) {
    const open = async () => {
      const context = await newGuardedContext(browser, { viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await login(page, backend.admin);
      await openPage(page, p, slug, "edit");
      return { context, page };
    };
    const a = await open();
    const b = await open();
    return { a: a.page, b: b.page, close: () => Promise.all([a.context.close(), b.context.close()]) };
  }

  async function saveThenConflict(a: Page, b: Page) {
    await editorBox(a).fill("Text from A");
    await editorBox(a).press("ControlOrMeta+s");
    await expect(content(a)).toContainText("Text from A");
    await editorBox(b).fill("Text from B");
    await editorBox(b).press("ControlOrMeta+s");
    const dialog = b.getByRole("dialog", { name: "Someone else changed this page" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText("Text from A")).toBeVisible();
    await expect(dialog.getByText("Text from B")).toBeVisible();
    return dialog;
  }

  for (const choice of ["Keep mine", "Take theirs", "Edit"] as const) {
    test(`${choice}: the prompt shows both texts and the server ends with the one chosen`, async ({ browser, api, request }) => {
      const p = await project(api);
      const cleanup = new Cleanup(request, api, p);
      const slug = unique("e2e-occ");
      try {
        await createPage(request, api, p, slug, "Base text", cleanup);
        const { a, b, close } = await twoEditors(browser, p, slug);
        const dialog = await saveThenConflict(a, b);
        await dialog.getByRole("button", { name: choice }).click();
        await expect(dialog).toBeHidden();
        if (choice === "Keep mine") {
          await expect(content(b)).toContainText("Text from B");
          await expect.poll(async () => (await pageBySlug(api, p, slug))?.content).toBe("Text from B");
        } else if (choice === "Take theirs") {
          await expect(content(b)).toContainText("Text from A");
          await expect.poll(async () => (await pageBySlug(api, p, slug))?.content).toBe("Text from A");
        } else {
          // back in the editor with B's text intact; merging by hand and saving wins
          await expect(editorBox(b)).toHaveValue("Text from B");
          await editorBox(b).fill("Text from A and B");
          await editorBox(b).press("ControlOrMeta+s");
          await expect(content(b)).toContainText("Text from A and B");
          await expect.poll(async () => (await pageBySlug(api, p, slug))?.content).toBe("Text from A and B");
        }
        await close();
      } finally {
        await cleanup.run();
      }
    });
  }

  test("a draft survives a reload and navigation, and is saved on the version it started from", async ({ page, api, request }) => {
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const slug = unique("e2e-draft");
    try {
      const created = await createPage(request, api, p, slug, "Saved text", cleanup);
      await login(page, backend.admin);
      await openPage(page, p, slug, "edit");
      await editorBox(page).fill("Unsaved words");
      await page.reload();
      await expect(editorBox(page)).toHaveValue("Unsaved words");
      await expect(page.getByText(`Restored your unsaved draft (started from version ${created.version})`)).toBeVisible();
      await page.getByRole("link", { name: "Wiki home" }).click();
      await expect(page).toHaveURL(/\/wiki\/home$/);
      await page.goBack();
      await openPage(page, p, slug, "edit");
      await expect(editorBox(page)).toHaveValue("Unsaved words");
      await page.getByRole("button", { name: "Save page" }).click();
      await expect(content(page)).toContainText("Unsaved words");
      expect((await pageBySlug(api, p, slug))?.content).toBe("Unsaved words");
    } finally {
      await cleanup.run();
    }
  });
});

test.describe("injected markup renders inert", () => {
  async function inspect(page: Page, root: string) {
    return page.evaluate(
      ({ flag, root }) => {
        const found: string[] = [];
        const host = document.querySelector(root);
        if (!host) return { flag: (window as unknown as Record<string, unknown>)[flag], found: [`no ${root}`] };
        for (const el of Array.from(host.querySelectorAll("[data-markdown] *"))) {
          const tag = el.tagName.toLowerCase();
          if (["form", "input", "button", "textarea", "select", "style", "meta", "link", "base", "svg", "math", "template"].includes(tag)) found.push(`<${tag}> in rendered content`);
        }
        for (const el of Array.from(host.querySelectorAll("*"))) {
          const tag = el.tagName.toLowerCase();
          if (["script", "iframe", "frame", "object", "embed"].includes(tag)) found.push(`<${tag}>`);
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
            if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(attr.name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) found.push(`${tag}[${attr.name}="${attr.value}"]`);
          }
        }
        return { flag: (window as unknown as Record<string, unknown>)[flag], found };
      },
      { flag: XSS_FLAG, root },
    );
  }

  test(`${xssPayloads.length} payloads in page content, link titles and link names stay inert in the page and the preview`, async ({ page, api, request }) => {
    test.setTimeout(backend.kind === "real" ? 180_000 : 90_000);
    expect(xssPayloads.length).toBeGreaterThanOrEqual(30);
    const p = await project(api);
    const cleanup = new Cleanup(request, api, p);
    const slug = unique("e2e-xss");
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      const body = xssPayloads.map((x, i) => `${x}\n\n[[${slug}|${x.replace(/[\]|\n]/g, " ")}]] and [[home|name ${i} ${x.replace(/[\]|\n]/g, " ")}]]`).join("\n\n");
      await createPage(request, api, p, slug, body, cleanup);
      const titles = xssPayloads.map((x) => x.slice(0, 480));
      for (const title of titles) {
        const l = await call<WikiLink>(request, api, "POST", "/wiki-links", { project: p.id, title });
        cleanup.link(l.id);
        cleanup.page(l.href);
      }
      await login(page, backend.admin);
      await openPage(page, p, slug);
      await expect(content(page).locator("[data-markdown][data-complete]")).toBeVisible();
      const sidebar = page.getByRole("navigation", { name: "Wiki links" });
      await expect(sidebar.locator("li[data-wiki-link]")).toHaveCount((await links(api, p)).length);
      for (const title of titles.slice(0, 3)) await expect(sidebar.getByText(title, { exact: true }).first()).toBeAttached();
      const view = await inspect(page, "main");
      expect(view.found).toEqual([]);
      const side = await inspect(page, "aside");
      expect(side.found).toEqual([]);
      await page.getByRole("button", { name: "Edit" }).click();
      await expect(preview(page).locator("[data-markdown][data-complete]")).toBeVisible();
      await editorBox(page).press("End");
      await editorBox(page).type(" ");
      const inPreview = await inspect(page, "[aria-label='Preview']");
      expect(inPreview.found).toEqual([]);
      await page.waitForTimeout(300);
      expect(inPreview.flag ?? (await inspect(page, "main")).flag).toBeUndefined();
      expect(dialogs).toEqual([]);
      await page.getByRole("button", { name: "Cancel" }).click();
    } finally {
      await cleanup.run();
    }
  });
});

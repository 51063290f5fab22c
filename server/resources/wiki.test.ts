/**
 * /wiki, /wiki-links, /wiki/render, wiki watchers, attachments and history against the recorded
 * real Taiga answers (wiki/*, history/020): shapes, status codes, error bodies, OCC, the rendered
 * `html` (Taiga's markup for [[links]], #refs and @mentions, sanitised), href generation, and bad
 * input that leaves the database unchanged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Page {
  id: number;
  slug: string;
  content: string;
  html: string;
  version: number;
  editions: number;
  owner: number;
  last_modifier: number;
  is_watcher: boolean;
  total_watchers: number;
}
interface Link {
  id: number;
  title: string;
  href: string;
  order: number;
}

const NULLABLE = ["*.owner", "*.last_modifier"];
const PAGE_SHAPES = () => ["wiki/003", "wiki/004", "wiki/006", "wiki/007", "wiki/010", "wiki/025"].map(recording);
const body = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const pageBySlug = async (slug: string, as = "admin"): Promise<Page> => body<Page>(await t.request(`/wiki/by_slug?slug=${slug}&project=${scrum}`, { as }));
const story = () => t.db.prepare("SELECT ref, subject FROM userstories WHERE project_id = ? ORDER BY ref LIMIT 1").get(scrum) as { ref: number; subject: string };

async function createPage(slug: string, content = "", as = "admin"): Promise<Page> {
  const res = await t.request("/wiki", { method: "POST", as, body: { project: scrum, slug, content } });
  expect(res.status).toBe(201);
  return body<Page>(res);
}

describe("wiki pages: read", () => {
  it("lists a project's pages by slug, paginated (wiki/001) or not (wiki/002), with the slug filter", async () => {
    const res = await t.request(`/wiki?project=${scrum}`, { as: "admin" });
    const pages = (await expectLikeRecording(res, recording("wiki/001"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })) as Page[];
    expect(pages.map((p) => p.slug)).toEqual(["definition-of-done", "home", "release-process", "team-agreements"]);
    await expectLikeRecording(await t.request(`/wiki?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } }), recording("wiki/002"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE });
    const filtered = await body<Page[]>(await t.request(`/wiki?project=${scrum}&slug=home`, { as: "admin" }));
    expect(filtered.map((p) => p.slug)).toEqual(["home"]);
    expect(await body<Page[]>(await t.request(`/wiki?project=${scrum}&slug=nope`, { as: "admin" }))).toEqual([]);
  });

  it("gets a page by id (wiki/003) and by slug (wiki/004); an unknown slug is 404 for anyone (wiki/005)", async () => {
    const home = await pageBySlug("home");
    await expectLikeRecording(await t.request(`/wiki/${home.id}`, { as: "admin" }), recording("wiki/003"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE });
    await expectLikeRecording(await t.request(`/wiki/by_slug?slug=home&project=${scrum}`, { as: "admin" }), recording("wiki/004"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE });
    await expectLikeRecording(await t.request(`/wiki/by_slug?slug=no-such-page&project=${scrum}`, { as: "admin" }), recording("wiki/005"), { exactBody: true });
    const anon = await t.request(`/wiki/by_slug?slug=no-such-page&project=${secret}`);
    expect(anon.status).toBe(404);
  });

  it("hides the pages of a private project from outsiders (401 anonymous, 403 logged in; absent from lists)", async () => {
    const page = await body<Page>(await t.request("/wiki", { method: "POST", as: "admin", body: { project: secret, slug: "plans" } }));
    expect((await t.request(`/wiki/${page.id}`)).status).toBe(401);
    expect((await t.request(`/wiki/${page.id}`, { as: "frank" })).status).toBe(403);
    expect(await body<Page[]>(await t.request(`/wiki?project=${secret}`, { as: "frank" }))).toEqual([]);
  });
});

describe("wiki pages: write", () => {
  it("creates a page with the client's slug (wiki/006, wiki/007) rendering Taiga's markup for [[links]], #refs and @mentions", async () => {
    const s = story();
    const res = await t.request("/wiki", { method: "POST", as: "admin", body: { project: scrum, slug: "recorded-page", content: `Hello **wiki** [[home]] #${s.ref} @alice` } });
    const page = (await expectLikeRecording(res, recording("wiki/006"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })) as Page;
    const alice = t.db.prepare("SELECT full_name FROM users WHERE username = 'alice'").get() as { full_name: string };
    expect(page.html).toBe(
      `<p>Hello <strong>wiki</strong> <a class="reference wiki" href="http://localhost/project/demo-scrum/wiki/home" title="home">home</a> ` +
        `<a class="reference user-story" href="http://localhost/project/demo-scrum/us/${s.ref}" title="#${s.ref} ${s.subject}">&num;${s.ref}</a> ` +
        `<a class="mention" href="http://localhost/profile/alice" title="${alice.full_name}">@alice</a></p>`,
    );
    expect(page).toMatchObject({ version: 1, editions: 1, owner: t.ids.user("admin"), last_modifier: t.ids.user("admin") });
    const bare = await t.request("/wiki", { method: "POST", as: "admin", body: { project: scrum, slug: "recorded-page-no-content" } });
    expect(await expectLikeRecording(bare, recording("wiki/007"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })).toMatchObject({ content: "", html: "" });
  });

  it("refuses a missing slug (wiki/008), a taken one (wiki/009) and an invalid one, changing nothing", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/wiki", { method: "POST", as: "admin", body: { project: scrum, content: "x" } }), recording("wiki/008"), { exactBody: true });
    await expectLikeRecording(await t.request("/wiki", { method: "POST", as: "admin", body: { project: scrum, slug: "home", content: "x" } }), recording("wiki/009"), { exactBody: true });
    const bad = await t.request("/wiki", { method: "POST", as: "admin", body: { project: scrum, slug: "has spaces/and slash" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ slug: ["Enter a valid 'slug' consisting of Unicode letters, numbers, underscores, or hyphens."] });
    expect((await t.request("/wiki", { method: "POST", as: "frank", body: { project: secret, slug: "outsider" } })).status).toBe(403);
    expect(t.snapshot()).toBe(before);
  });

  it("PATCH needs the current version (wiki/010, wiki/011); another field with a stale version passes (wiki/012); PUT (wiki/013)", async () => {
    const page = await createPage("recorded-page", "Hello");
    const ok = await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "admin", body: { content: "Wiki page edited (v1->v2)", version: 1 } });
    expect(await expectLikeRecording(ok, recording("wiki/010"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })).toMatchObject({ version: 2, editions: 2, html: "<p>Wiki page edited (v1-&gt;v2)</p>" });
    const before = t.snapshot();
    const stale = await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "admin", body: { content: "Wiki page stale edit", version: 1 } });
    await expectLikeRecording(stale, recording("wiki/011"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
    const missing = await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "admin", body: { content: "no version" } });
    expect(await missing.json()).toEqual({ version: "The version parameter is not valid" });
    const other = await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "admin", body: { slug: "recorded-page-renamed", version: 1 } });
    expect(await expectLikeRecording(other, recording("wiki/012"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })).toMatchObject({ slug: "recorded-page-renamed", version: 3, editions: 3 });
    const put = await t.request(`/wiki/${page.id}`, { method: "PUT", as: "admin", body: { project: scrum, slug: "recorded-page-put", content: "Replaced by PUT", version: 3 } });
    expect(await expectLikeRecording(put, recording("wiki/013"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })).toMatchObject({ version: 4, editions: 4, content: "Replaced by PUT" });
  });

  it("records who changed the page; a stakeholder may edit (modify_wiki_page) and last_modifier follows", async () => {
    const page = await pageBySlug("home");
    const res = await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "alice", body: { content: "Alice was here", version: page.version } });
    expect(res.status).toBe(200);
    expect(await body<Page>(res)).toMatchObject({ last_modifier: t.ids.user("alice"), owner: t.ids.user("admin") });
  });

  it("deletes a page (wiki/018), keeping the links that point at it", async () => {
    const page = await pageBySlug("release-process");
    await expectLikeRecording(await t.request(`/wiki/${page.id}`, { method: "DELETE", as: "admin" }), recording("wiki/018"));
    expect((await t.request(`/wiki/${page.id}`, { as: "admin" })).status).toBe(404);
    const links = await body<Link[]>(await t.request(`/wiki-links?project=${scrum}`, { as: "admin" }));
    expect(links.map((l) => l.href)).toContain("release-process");
  });

  it("watch (wiki/014), watchers (wiki/015), unwatch (wiki/016)", async () => {
    const page = await pageBySlug("home");
    await expectLikeRecording(await t.request(`/wiki/${page.id}/watch`, { method: "POST", as: "admin" }), recording("wiki/014"));
    await expectLikeRecording(await t.request(`/wiki/${page.id}/watchers`, { as: "admin" }), recording("wiki/015"), { exactBody: false });
    expect(await pageBySlug("home")).toMatchObject({ is_watcher: true, total_watchers: 1 });
    await expectLikeRecording(await t.request(`/wiki/${page.id}/unwatch`, { method: "POST", as: "admin" }), recording("wiki/016"));
    expect(await pageBySlug("home")).toMatchObject({ is_watcher: false, total_watchers: 0 });
  });
});

describe("POST /wiki/render", () => {
  it("renders in the project's context (wiki/017) and answers Taiga's errors", async () => {
    const s = story();
    const res = await t.request("/wiki/render", { method: "POST", as: "admin", body: { content: `# Title\n\nLink to [[home]], story #${s.ref}, @admin`, project_id: scrum } });
    const out = (await expectLikeRecording(res, recording("wiki/017"))) as { data: string };
    expect(out.data).toBe(
      `<h1 id="title">Title</h1>\n<p>Link to <a class="reference wiki" href="http://localhost/project/demo-scrum/wiki/home" title="home">home</a>, story ` +
        `<a class="reference user-story" href="http://localhost/project/demo-scrum/us/${s.ref}" title="#${s.ref} ${s.subject}">&num;${s.ref}</a>, ` +
        `<a class="mention" href="http://localhost/profile/admin" title="Administrator">@admin</a></p>`,
    );
    expect(await (await t.request("/wiki/render", { method: "POST", body: { project_id: scrum } })).json()).toEqual({ content: "'content' parameter is mandatory" });
    expect(await (await t.request("/wiki/render", { method: "POST", body: { content: "x" } })).json()).toEqual({ project_id: "'project_id' parameter is mandatory" });
    expect((await t.request("/wiki/render", { method: "POST", body: { content: "x", project_id: 99999 } })).status).toBe(404);
  });

  it("sanitises: raw HTML is escaped, script URLs are dropped, unknown refs and users stay text", async () => {
    const res = await t.request("/wiki/render", {
      method: "POST",
      as: "admin",
      body: { content: `<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[x](javascript:alert%281%29) ![i](data:text/html,x) [y](JaVaScRiPt:alert%281%29) #99999 @nobody [[a"b]]`, project_id: scrum },
    });
    const html = ((await res.json()) as { data: string }).data;
    expect(html).not.toMatch(/<script|<img src=x|href="javascript|src="data/i);
    expect(html).toContain("<a>x</a>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("#99999");
    expect(html).toContain("@nobody");
  });
});

describe("wiki links", () => {
  it("lists by order (wiki/019, wiki/020), creates with href = slugify(title) made unique, ignoring a sent href (wiki/022, wiki/023)", async () => {
    const list = (await expectLikeRecording(await t.request(`/wiki-links?project=${scrum}`, { as: "admin" }), recording("wiki/019"))) as Link[];
    expect(list.map((l) => l.href)).toEqual(["home", "definition-of-done", "release-process", "team-agreements"]);
    await expectLikeRecording(await t.request(`/wiki-links?project=${scrum}`, { as: "admin", headers: { "x-disable-pagination": "1" } }), recording("wiki/020"));
    const a = (await expectLikeRecording(await t.request("/wiki-links", { method: "POST", as: "admin", body: { project: scrum, title: "Recorded Link" } }), recording("wiki/022"))) as Link;
    expect(a.href).toBe("recorded-link");
    expect(a.order).toBeGreaterThan(list[3]!.order);
    const b = (await expectLikeRecording(await t.request("/wiki-links", { method: "POST", as: "admin", body: { project: scrum, title: "Recorded link", href: "custom-href" } }), recording("wiki/023"))) as Link;
    expect(b.href).toBe("recorded-link-1");
  });

  it("creating a link creates its missing page for those who may add pages (wiki/025), not for others", async () => {
    await t.request("/wiki-links", { method: "POST", as: "admin", body: { project: scrum, title: "Recorded Link" } });
    const page = await t.request(`/wiki/by_slug?slug=recorded-link&project=${scrum}`, { as: "admin" });
    expect(await expectLikeRecording(page, recording("wiki/025"), { alsoShapes: PAGE_SHAPES(), nullable: NULLABLE })).toMatchObject({ content: "", version: 1 });
    // a stakeholder has add_wiki_link but not add_wiki_page
    const erinProject = t.db.prepare("SELECT m.project_id FROM memberships m JOIN users u ON u.id = m.user_id JOIN roles r ON r.id = m.role_id WHERE u.username = 'erin' AND r.name = 'Stakeholder'").get() as { project_id: number } | undefined;
    if (erinProject) {
      const res = await t.request("/wiki-links", { method: "POST", as: "erin", body: { project: erinProject.project_id, title: "Stakeholder link" } });
      expect(res.status).toBe(201);
      expect((await t.request(`/wiki/by_slug?slug=stakeholder-link&project=${erinProject.project_id}`, { as: "admin" })).status).toBe(404);
    }
  });

  it("refuses a link without title (wiki/024); PATCH ignores version (wiki/026, wiki/027), PUT (wiki/028), DELETE keeps the page (wiki/029)", async () => {
    const before = t.snapshot();
    await expectLikeRecording(await t.request("/wiki-links", { method: "POST", as: "admin", body: { project: scrum } }), recording("wiki/024"), { exactBody: true });
    expect(t.snapshot()).toBe(before);
    const link = await body<Link>(await t.request("/wiki-links", { method: "POST", as: "admin", body: { project: scrum, title: "Recorded Link" } }));
    const patched = await t.request(`/wiki-links/${link.id}`, { method: "PATCH", as: "admin", body: { title: "Recorded Link (renamed)", order: 5 } });
    expect(await expectLikeRecording(patched, recording("wiki/026"))).toMatchObject({ title: "Recorded Link (renamed)", href: "recorded-link", order: 5 });
    await expectLikeRecording(await t.request(`/wiki-links/${link.id}`, { method: "PATCH", as: "admin", body: { title: "again", version: 1 } }), recording("wiki/027"));
    const put = await t.request(`/wiki-links/${link.id}`, { method: "PUT", as: "admin", body: { project: scrum, title: "Recorded Link (PUT)", order: 7 } });
    expect(await expectLikeRecording(put, recording("wiki/028"))).toMatchObject({ order: 7, href: "recorded-link" });
    await expectLikeRecording(await t.request(`/wiki-links/${link.id}`, { method: "DELETE", as: "admin" }), recording("wiki/029"));
    expect((await t.request(`/wiki/by_slug?slug=recorded-link&project=${scrum}`, { as: "admin" })).status).toBe(200);
  });

  it("has no bulk order endpoint, as Taiga (405)", async () => {
    const res = await t.request("/wiki-links/bulk_update_order", { method: "POST", as: "admin", body: { project: scrum, bulk_wiki_links: [] } });
    expect(res.status).toBe(405);
  });
});

describe("wiki attachments and history", () => {
  it("lists, uploads and deletes page attachments (wiki/030, wiki/031, wiki/036), each a history entry of the page", async () => {
    const page = await pageBySlug("home");
    const form = new FormData();
    form.append("project", String(scrum));
    form.append("object_id", String(page.id));
    form.append("attached_file", new Blob([Buffer.from("89504e470d0a1a0a", "hex")], { type: "image/png" }), "pixel.png");
    const res = await createApp({ db: t.db, secret: "test-secret" }).request("/api/v1/wiki/attachments", {
      method: "POST",
      headers: { authorization: `Bearer ${await t.login("admin")}` },
      body: form,
    });
    const created = (await expectLikeRecording(res, recording("wiki/031"), { nullable: ["*.thumbnail_card_url"] })) as { id: number; url: string };
    expect(created.url).toContain(`#_taiga-refresh=wikipage:${created.id}`);
    const list = await t.request(`/wiki/attachments?project=${scrum}&object_id=${page.id}`, { as: "admin" });
    expect(((await expectLikeRecording(list, recording("wiki/030"), { nullable: ["*.thumbnail_card_url"] })) as { id: number }[]).map((a) => a.id)).toEqual([created.id]);
    await expectLikeRecording(await t.request(`/wiki/attachments/${created.id}`, { method: "DELETE", as: "admin" }), recording("wiki/036"));
    const history = await body<{ diff: Record<string, unknown> }[]>(await t.request(`/history/wiki/${page.id}`, { as: "admin" }));
    expect(history.map((e) => Object.keys(e.diff))).toEqual([["attachments"], ["attachments"]]);
  });

  it("GET /history/wiki/<id> lists the changes newest first with the content diff (history/020)", async () => {
    const page = await createPage("history-page", "Hello world");
    await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "admin", body: { content: "Hello brave world", version: 1 } });
    await t.request(`/wiki/${page.id}`, { method: "PATCH", as: "alice", body: { comment: "Looks good", version: 2 } });
    const res = await t.request(`/history/wiki/${page.id}`, { as: "admin" });
    const entries = (await expectLikeRecording(res, recording("history/020"), { ignore: ["*.diff", "*.values_diff"] })) as {
      user: { username: string };
      diff: Record<string, [unknown, unknown]>;
      values_diff: Record<string, unknown>;
      comment: string;
    }[];
    expect(entries.map((e) => e.user.username)).toEqual(["alice", "admin"]);
    expect(entries[0]!.comment).toBe("Looks good");
    expect(entries[1]!.diff.content).toEqual(["Hello world", "Hello brave world"]);
    expect(entries[1]!.values_diff.content_diff).toEqual([null, '<span>Hello </span><ins style="background:#e6ffe6;">brave </ins><span>world</span>']);
    expect((await pageBySlug("history-page")).editions).toBe(3);
  });
});


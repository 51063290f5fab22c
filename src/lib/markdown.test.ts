import { afterEach, describe, expect, it } from "vitest";
import { renderMarkdown, renderMarkdownBlocks, sanitizeHtml } from "./markdown";
import { XSS_FLAG, xssPayloads } from "../../e2e/xss-payloads";

function mount(html: string): HTMLElement {
  const host = document.createElement("div");
  host.innerHTML = html;
  document.body.appendChild(host);
  return host;
}

function dangerousIn(host: HTMLElement): string[] {
  const found: string[] = [];
  for (const el of Array.from(host.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    if (["script", "iframe", "object", "embed", "form", "style", "svg", "math", "meta", "link", "base", "input", "textarea", "select"].includes(tag)) {
      found.push(`<${tag}>`);
    }
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
      if (attr.name === "style") found.push(`${tag}[style]`);
      if (/^\s*(javascript|vbscript|data):/i.test(attr.value) && ["href", "src", "action", "xlink:href", "formaction"].includes(attr.name)) {
        found.push(`${tag}[${attr.name}=${attr.value}]`);
      }
    }
  }
  return found;
}

afterEach(() => {
  document.body.innerHTML = "";
  delete (window as unknown as Record<string, unknown>)[XSS_FLAG];
});

describe("renderMarkdown", () => {
  it("renders ordinary Markdown: emphasis, lists, code, tables and line breaks", () => {
    const host = mount(renderMarkdown("**bold** and _it_\nnext line\n\n- one\n- two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |"));
    expect(host.querySelector("strong")?.textContent).toBe("bold");
    expect(host.querySelector("em")?.textContent).toBe("it");
    expect(host.querySelector("br")).not.toBeNull();
    expect(host.querySelectorAll("li")).toHaveLength(2);
    expect(host.querySelector("code")?.textContent).toBe("code");
    expect(host.querySelector("table td")?.textContent).toBe("1");
  });

  it("returns nothing for blank text", () => {
    expect(renderMarkdown("   \n ")).toBe("");
  });

  it("opens external links in a new tab without an opener and keeps internal ones in place", () => {
    const host = mount(renderMarkdown(`[out](https://example.org/x) and [in](/project/p/us/3)`));
    const [external, internal] = Array.from(host.querySelectorAll("a"));
    expect(external).toHaveAttribute("target", "_blank");
    expect(external).toHaveAttribute("rel", "noopener noreferrer");
    expect(internal).not.toHaveAttribute("target");
    expect(internal).toHaveAttribute("rel", "noopener noreferrer");
    expect(internal).toHaveAttribute("href", "/project/p/us/3");
  });

  it("keeps the visible text of harmless HTML while removing the harmful parts", () => {
    const host = mount(renderMarkdown(`Hello <b onclick="x()">world</b>`));
    expect(host.textContent).toContain("Hello world");
    expect(host.querySelector("b")).not.toHaveAttribute("onclick");
  });

  it.each(xssPayloads.map((p, i) => [i + 1, p] as const))("payload %i leaves nothing that can run: %s", (_n, payload) => {
    for (const html of [renderMarkdown(payload), renderMarkdown(`Some text\n\n${payload}\n\nafter`), sanitizeHtml(payload)]) {
      const host = mount(html);
      expect(dangerousIn(host)).toEqual([]);
      host.remove();
    }
    expect((window as unknown as Record<string, unknown>)[XSS_FLAG]).toBeUndefined();
  });
});

describe("renderMarkdown in a project's context (wiki page and its preview)", () => {
  const context = {
    projectSlug: "demo",
    resolveRef: (ref: number) => (ref === 7 ? { kind: "task" as const, subject: "Fix <b>login</b>" } : null),
    resolveMention: (username: string) => (username === "alice" ? "Alice Doe" : null),
    pageExists: (slug: string) => slug === "home",
  };

  it("turns [[links]], #refs and @mentions into in-app links; missing pages are marked", () => {
    const host = mount(renderMarkdown("See [[home]], [[Release Notes|the notes]], #7, #8 and @alice @bob", context));
    const links = Array.from(host.querySelectorAll("a")).map((a) => [a.getAttribute("href"), a.className, a.textContent, a.getAttribute("title")]);
    expect(links).toEqual([
      ["/project/demo/wiki/home", "reference wiki", "home", "home"],
      ["/project/demo/wiki/release-notes", "reference wiki missing", "the notes", "the notes"],
      ["/project/demo/task/7", "reference task", "#7", "#7 Fix <b>login</b>"],
      ["/profile/alice", "mention", "@alice", "Alice Doe"],
    ]);
    expect(host.textContent).toContain("#8 and @alice @bob");
    expect(host.querySelectorAll("a[target]")).toHaveLength(0);
  });

  it("keeps every XSS payload inert with the project context too", () => {
    for (const payload of xssPayloads) {
      const host = mount(renderMarkdown(`${payload}\n\n[[${payload}]] #7 @alice`, context));
      expect(dangerousIn(host), payload).toEqual([]);
      host.remove();
    }
    expect((window as unknown as Record<string, unknown>)[XSS_FLAG]).toBeUndefined();
  });
});

describe("renderMarkdownBlocks", () => {
  const context = { projectSlug: "demo", pageExists: () => true };
  const doc = "# Title\n\nOne [[home]] and [ref link][r]\n\n# Title\n\n- a\n- b\n\n```\ncode\n```\n\n[r]: https://example.com";

  it("renders the same HTML as the whole document, block by block", () => {
    const whole = mount(renderMarkdown(doc, context)).innerHTML.replace(/\s+/g, "");
    const blocks = mount(renderMarkdownBlocks(doc, context).join("")).innerHTML.replace(/\s+/g, "");
    expect(blocks).toBe(whole);
    expect(blocks).toContain('id="title_1"');
    expect(blocks).toContain('href="https://example.com"');
  });

  it("renders a changed block again and reuses the others", () => {
    const first = renderMarkdownBlocks("alpha\n\nbeta", context);
    const second = renderMarkdownBlocks("alpha\n\nbeta gamma", context);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toContain("beta gamma");
  });
});

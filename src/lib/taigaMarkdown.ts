/**
 * Taiga's Markdown dialect (taiga/mdrender), written for `marked`: the one grammar the embedded
 * server (`html`, `POST /wiki/render`, `*_html`, comments) and the browser (wiki page and editor
 * preview) both use, so a preview renders as the saved page will.
 *
 * Beyond GitHub-flavoured Markdown with single newlines as `<br>`, it knows Taiga's reader-facing
 * extensions, with taiga-back's markup (attributes alphabetical, as bleach serialises them):
 * - `[[Page name]]`, `[[slug|text]]` -> `<a class="reference wiki" href="<front>/project/<p>/wiki/<slugify(target)>" title="<text>">text</a>`
 * - `[text](some-slug)` (a bare slug as the URL) -> a wiki link too; `[text](/path)` -> `<front>/path`
 * - `#12` (a ref of an epic/story/task/issue of the project) -> `<a class="reference user-story" href="<front>/project/<p>/us/12" title="#12 <subject>">&num;12</a>`
 * - `@username` (a project member) -> `<a class="mention" href="<front>/profile/<username>" title="<full name>">@username</a>`
 * - links leaving the front get `target="_blank"`; headings get toc-style ids.
 *
 * This module is pure (no DOM): the caller sanitises the result (the server escapes raw HTML here and
 * keeps only http(s)/ftp/mailto/relative URLs; the browser runs DOMPurify on top).
 */
import { Marked, type Tokens, type TokenizerAndRendererExtension } from "marked";

export type RefKind = "epic" | "userstory" | "task" | "issue";

export interface RefTarget {
  kind: RefKind;
  subject: string;
}

export interface TaigaMarkdownContext {
  /** the project's slug; without it wiki links stay plain text, as in Taiga */
  projectSlug: string | null;
  /** where front-end links point: Taiga's front URL (server), or "" for in-app paths (browser) */
  frontBase: string;
  /** the item a `#ref` names in this project, or null (stays plain text) */
  resolveRef?: (ref: number) => RefTarget | null | undefined;
  /** the full name of a project member by username, or null (stays plain text) */
  resolveMention?: (username: string) => string | null | undefined;
  /** whether a wiki page with this slug exists; when given, links to missing pages get the class `missing` */
  pageExists?: (slug: string) => boolean;
  /** `escape`: raw HTML in the source is shown as text (server); `keep`: left for the caller's sanitiser */
  rawHtml: "escape" | "keep";
}

export const REF_CLASSES: Record<RefKind, string> = {
  epic: "reference epic",
  userstory: "reference user-story",
  task: "reference task",
  issue: "reference issue",
};

export const REF_PATHS: Record<RefKind, string> = { epic: "epic", userstory: "us", task: "task", issue: "issue" };

/** Django's slugify after unidecode: ASCII letters/digits/underscores, spaces and dashes to one dash. */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // eslint-disable-next-line no-control-regex -- keeping ASCII only, as unidecode + Django do
    .replace(/[^\x00-\x7f]/g, "")
    .toLowerCase()
    .replace(/[^\w\s-]/g, "")
    .replace(/[-\s]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Only these URL schemes survive (bleach's protocols); relative URLs and fragments too. */
export function safeUrl(href: string): string | null {
  const trimmed = href.trim();
  // control characters and whitespace inside a scheme are how `java\tscript:` sneaks through
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const compact = trimmed.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return trimmed;
  return ["http", "https", "ftp", "mailto"].includes((scheme[1] as string).toLowerCase()) ? trimmed : null;
}

const SLUG_RE = /^[-a-zA-Z0-9_]+$/;
const WIKILINK_RE = /^\[\[([\p{L}\p{N}_ -]+)(\|[^\]]+)?\]\]/u;
const REF_RE = /^#(\d+)/;
const MENTION_RE = /^@([\p{L}\p{N}_.-]*[\p{L}\p{N}_])/u;

interface WikiLinkToken extends Tokens.Generic {
  type: "taigaWikiLink";
  target: string;
  label: string;
}
interface RefToken extends Tokens.Generic {
  type: "taigaRef";
  ref: number;
}
interface MentionToken extends Tokens.Generic {
  type: "taigaMention";
  username: string;
}

/** The last character before the current inline position (from the tokens lexed so far). */
function previousChar(tokens: Tokens.Generic[] | undefined): string {
  const last = tokens && tokens.length ? tokens[tokens.length - 1] : undefined;
  const raw = typeof last?.raw === "string" ? last.raw : "";
  return raw.slice(-1);
}

/** The same heading id twice becomes `id`, `id_1`, `id_2`... (Python-Markdown's toc). */
export function dedupeHeadingIds(html: string): string {
  const seen = new Map<string, number>();
  return html.replace(/<h([1-6]) id="([^"]*)"/g, (whole, level: string, id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? whole : `<h${level} id="${id}_${n}"`;
  });
}

export function createTaigaMarked(ctx: TaigaMarkdownContext): Marked {
  const front = ctx.frontBase.replace(/\/$/, "");
  const wikiHref = (slug: string): string => `${front}/project/${ctx.projectSlug ?? ""}/wiki/${slug}`;
  const wikiClass = (slug: string): string => (ctx.pageExists && !ctx.pageExists(slug) ? "reference wiki missing" : "reference wiki");
  /** Where a URL goes, and whether it leaves the front (target="_blank"). */
  const linkTarget = (href: string): { href: string; cls: string | null; external: boolean } => {
    if (ctx.projectSlug && SLUG_RE.test(href)) return { href: wikiHref(href), cls: wikiClass(href), external: false };
    if (href.startsWith("/") && !href.startsWith("//")) return { href: `${front}${href}`, cls: null, external: false };
    if (href.startsWith("#")) return { href, cls: null, external: false };
    const internal = front !== "" && (href === front || href.startsWith(`${front}/`));
    return { href, cls: null, external: !internal };
  };

  const wikiLink: TokenizerAndRendererExtension = {
    name: "taigaWikiLink",
    level: "inline",
    start: (src) => {
      const i = src.indexOf("[[");
      return i < 0 ? undefined : i;
    },
    tokenizer(src) {
      if (!ctx.projectSlug) return undefined;
      const m = WIKILINK_RE.exec(src);
      if (!m) return undefined;
      const target = (m[1] as string).trim();
      const label = m[2] ? m[2].trim().slice(1) : target;
      return { type: "taigaWikiLink", raw: m[0], target, label } satisfies WikiLinkToken;
    },
    renderer(token) {
      const t = token as WikiLinkToken;
      const slug = slugify(t.target);
      return `<a class="${wikiClass(slug)}" href="${escapeHtml(wikiHref(slug))}" title="${escapeHtml(t.label)}">${escapeHtml(t.label)}</a>`;
    },
  };

  const reference: TokenizerAndRendererExtension = {
    name: "taigaRef",
    level: "inline",
    start: (src) => {
      const m = /(^|[^a-zA-Z0-9\-[])#\d/.exec(src);
      return m ? m.index + (m[1] as string).length : undefined;
    },
    tokenizer(src, tokens) {
      const m = REF_RE.exec(src);
      if (!m || !ctx.resolveRef || !ctx.projectSlug) return undefined;
      if (/[a-zA-Z0-9\-[]/.test(previousChar(tokens as Tokens.Generic[]))) return undefined;
      return { type: "taigaRef", raw: m[0], ref: Number(m[1]) } satisfies RefToken;
    },
    renderer(token) {
      const t = token as RefToken;
      const target = ctx.resolveRef?.(t.ref);
      if (!target) return `#${t.ref}`;
      const href = `${front}/project/${ctx.projectSlug ?? ""}/${REF_PATHS[target.kind]}/${t.ref}`;
      return `<a class="${REF_CLASSES[target.kind]}" href="${escapeHtml(href)}" title="${escapeHtml(`#${t.ref} ${target.subject}`)}">&num;${t.ref}</a>`;
    },
  };

  const mention: TokenizerAndRendererExtension = {
    name: "taigaMention",
    level: "inline",
    start: (src) => {
      const m = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.-]/u.exec(src);
      return m ? m.index + (m[1] as string).length : undefined;
    },
    tokenizer(src, tokens) {
      const m = MENTION_RE.exec(src);
      if (!m || !ctx.resolveMention) return undefined;
      if (/[\p{L}\p{N}_]/u.test(previousChar(tokens as Tokens.Generic[]))) return undefined;
      return { type: "taigaMention", raw: m[0], username: m[1] as string } satisfies MentionToken;
    },
    renderer(token) {
      const t = token as MentionToken;
      const name = ctx.resolveMention?.(t.username);
      if (name === null || name === undefined) return escapeHtml(`@${t.username}`);
      return `<a class="mention" href="${escapeHtml(`${front}/profile/${t.username}`)}" title="${escapeHtml(name)}">@${escapeHtml(t.username)}</a>`;
    },
  };

  const md = new Marked({ gfm: true, breaks: true, async: false });
  md.use({
    extensions: [wikiLink, reference, mention],
    hooks: {
      postprocess: dedupeHeadingIds,
    },
    renderer: {
      html(token) {
        return ctx.rawHtml === "escape" ? escapeHtml(token.text) : token.text;
      },
      heading(token) {
        const text = this.parser.parseInline(token.tokens);
        const plain = text.replace(/<[^>]*>/g, "").replace(/&[a-z#0-9]+;/gi, "");
        return `<h${token.depth} id="${slugify(plain) || "_"}">${text}</h${token.depth}>\n`;
      },
      link(token) {
        const text = this.parser.parseInline(token.tokens);
        const safe = safeUrl(token.href);
        if (safe === null) return `<a>${text}</a>`;
        const { href, cls, external } = linkTarget(safe);
        const attrs = [
          cls ? `class="${cls}"` : "",
          `href="${escapeHtml(href)}"`,
          external ? `target="_blank"` : "",
          token.title ? `title="${escapeHtml(token.title)}"` : "",
        ].filter(Boolean);
        return `<a ${attrs.join(" ")}>${text}</a>`;
      },
      image(token) {
        const safe = safeUrl(token.href);
        const alt = escapeHtml(token.text);
        if (safe === null) return `<img alt="${alt}">`;
        return `<img alt="${alt}" src="${escapeHtml(safe)}">`;
      },
    },
  });
  return md;
}

/** Markdown -> HTML in a project's context (no trailing newline; "" for blank text). */
export function renderTaigaMarkdown(text: string, ctx: TaigaMarkdownContext): string {
  if (text.trim() === "") return "";
  return (createTaigaMarked(ctx).parse(text, { async: false }) as string).trim();
}

/** The `#refs` a text mentions (outside code), in order of first appearance. */
export function refsIn(text: string): number[] {
  const out = new Set<number>();
  const stripped = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  for (const m of stripped.matchAll(/(?:^|[^a-zA-Z0-9\-[])#(\d+)/g)) out.add(Number(m[1]));
  return [...out];
}

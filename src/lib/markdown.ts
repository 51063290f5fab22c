/**
 * Markdown to safe HTML: Taiga's Markdown dialect (src/lib/taigaMarkdown.ts, the grammar the
 * embedded server renders with too) turns the text into HTML, DOMPurify removes everything that
 * could run (scripts, event handlers, `javascript:`/`data:` URLs, frames, forms, styles).
 * Links get `rel="noopener noreferrer"`; links leaving the app open in a new tab.
 *
 * With a project context, `[[wiki links]]`, `#refs` and `@mentions` become in-app links exactly as
 * the wiki page shows them: the wiki's read view and its editor preview both render through here.
 *
 * This module pulls in both libraries, so only lazily loaded views import it.
 */
import DOMPurify, { type Config } from "dompurify";
import type { Marked, TokensList } from "marked";
import { createTaigaMarked, type TaigaMarkdownContext } from "./taigaMarkdown";

/** The context of a project's text in the app: links are app paths (no front host). */
export type MarkdownContext = Omit<TaigaMarkdownContext, "frontBase" | "rawHtml">;

const PLAIN: MarkdownContext = { projectSlug: null };
const plainMarked = createTaigaMarked({ ...PLAIN, frontBase: "", rawHtml: "keep" });

/** Tags that never belong in rendered user content. */
const FORBID_TAGS = [
  "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
  "textarea", "select", "option", "link", "meta", "base", "svg", "math", "template", "noscript", "dialog",
];

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR: ["style", "srcset", "action", "formaction", "xlink:href", "background", "ping"],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // http(s), mailto, tel, and relative/fragment URLs only.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

let purifier: ReturnType<typeof DOMPurify> | null = null;

function isExternal(href: string, origin: string): boolean {
  try {
    const url = new URL(href, origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin !== origin;
  } catch {
    return false;
  }
}

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "A") {
      const href = node.getAttribute("href");
      node.setAttribute("rel", "noopener noreferrer");
      if (href && isExternal(href, window.location.origin)) node.setAttribute("target", "_blank");
      else node.removeAttribute("target");
    } else if (node.hasAttribute("target")) {
      node.removeAttribute("target");
    }
  });
  purifier = instance;
  return instance;
}

/** Cleans an HTML string (for HTML that did not come from our own renderer, too). */
export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

/** Markdown source -> sanitized HTML, ready for `dangerouslySetInnerHTML` (with a project's links when given its context). */
export function renderMarkdown(source: string, context?: MarkdownContext): string {
  if (!source.trim()) return "";
  const md: Marked = context ? createTaigaMarked({ ...context, frontBase: "", rawHtml: "keep" }) : plainMarked;
  const html = md.parse(source, { async: false }) as string;
  return sanitizeHtml(html);
}

/** Per context (and one for plain text): its Marked instance and the HTML of blocks already rendered. */
const blockCaches = new WeakMap<object, { md: Marked; blocks: Map<string, string> }>();
const PLAIN_KEY = {};
const MAX_CACHED_BLOCKS = 20_000;

/**
 * Markdown source -> sanitized HTML, one string per top-level block (paragraph, heading, list,
 * code block...). A block already rendered in this context is not rendered again, so editing one
 * paragraph of a long page re-renders that paragraph only. The document is lexed whole (reference
 * links and heading ids work across blocks) and the result is the same HTML as `renderMarkdown`.
 */
export function renderMarkdownBlocks(source: string, context?: MarkdownContext): string[] {
  if (!source.trim()) return [];
  const cacheKey = context ?? PLAIN_KEY;
  let entry = blockCaches.get(cacheKey);
  if (!entry) {
    entry = { md: context ? createTaigaMarked({ ...context, frontBase: "", rawHtml: "keep" }) : plainMarked, blocks: new Map() };
    blockCaches.set(cacheKey, entry);
  }
  if (entry.blocks.size > MAX_CACHED_BLOCKS) entry.blocks.clear();
  const tokens = entry.md.lexer(source);
  const headingIds = new Map<string, number>();
  const out: string[] = [];
  const parse = (token: (typeof tokens)[number]): string => {
    const one = [token] as unknown as TokensList;
    one.links = tokens.links;
    return entry.md.parser(one);
  };
  for (const token of tokens) {
    if (token.type === "space") continue;
    if (token.type === "heading") {
      // small, and their ids depend on the headings before them: the same text twice gets
      // `_1`, `_2`... as in a whole-document render (before sanitising, which may drop an id)
      const html = parse(token).replace(/^<h([1-6]) id="([^"]*)"/, (whole, level: string, id: string) => {
        const n = headingIds.get(id) ?? 0;
        headingIds.set(id, n + 1);
        return n === 0 ? whole : `<h${level} id="${id}_${n}"`;
      });
      out.push(sanitizeHtml(html));
      continue;
    }
    // reference definitions are part of the key: a block's links depend on them
    const key = `${token.raw}\u0000${Object.keys(tokens.links).length ? JSON.stringify(tokens.links) : ""}`;
    let html = entry.blocks.get(key);
    if (html === undefined) {
      html = sanitizeHtml(parse(token));
      entry.blocks.set(key, html);
    }
    out.push(html);
  }
  return out;
}

/**
 * How the wiki resolves a page's links in the browser, the way the server does: `[[links]]` to
 * the project's pages (missing ones marked), `#refs` to the items the server named in the page's
 * own `html` (and, in the editor, in its answer to `POST /wiki/render` for refs it had not seen),
 * `@mentions` to the project's members.
 */
import { useMemo } from "react";
import type { Project, WikiPage } from "../../api/types";
import type { MarkdownContext } from "../../lib/markdown";
import type { RefKind, RefTarget } from "../../lib/taigaMarkdown";

const KIND_BY_CLASS: Record<string, RefKind> = { "user-story": "userstory", task: "task", issue: "issue", epic: "epic" };

/** The `#ref` targets in server-rendered HTML: `<a class="reference task" title="#7 subject">`. */
export function refsFromHtml(html: string): Map<number, RefTarget> {
  const out = new Map<number, RefTarget>();
  if (!html.includes("reference")) return out;
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const a of Array.from(doc.querySelectorAll("a.reference"))) {
    const kind = Array.from(a.classList).map((c) => KIND_BY_CLASS[c]).find(Boolean);
    const m = /^#(\d+) ([\s\S]*)$/.exec(a.getAttribute("title") ?? "");
    if (kind && m) out.set(Number(m[1]), { kind, subject: m[2] as string });
  }
  return out;
}

export function useWikiContext(project: Project, pages: readonly WikiPage[] | undefined, refs: ReadonlyMap<number, RefTarget>): MarkdownContext {
  return useMemo(() => {
    const slugs = pages ? new Set(pages.map((p) => p.slug)) : null;
    const members = new Map(project.members.map((m) => [m.username, m.full_name || m.username]));
    return {
      projectSlug: project.slug,
      resolveRef: (ref: number) => refs.get(ref) ?? null,
      resolveMention: (username: string) => members.get(username) ?? null,
      // Until the list arrives nothing is marked missing (no flash of red links).
      pageExists: (slug: string) => slugs === null || slugs.has(slug),
    };
  }, [project, pages, refs]);
}

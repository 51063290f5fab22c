/**
 * Rendered, sanitized Markdown. Imports the Markdown and sanitizer libraries, so only lazily
 * loaded views (the item detail) use it.
 */
import { useEffect, useMemo, useState } from "react";
import { renderMarkdownBlocks, type MarkdownContext } from "../lib/markdown";

/** Typography for rendered content (the base styles reset lists, headings and code). */
const PROSE = [
  "break-words leading-relaxed",
  "[&_p]:my-2 [&_h1]:mb-2 [&_h1]:mt-3 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:mt-3 [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:font-semibold",
  "[&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_a]:text-indigo-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.9em] [&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_table]:my-2 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_img]:max-w-full [&_hr]:my-3",
].join(" ");

const FIRST_BLOCKS = 60;
const MORE_BLOCKS = 300;

/** Missing wiki pages read as such (Taiga's links to pages not written yet). */
const WIKI_LINKS = "[&_a.missing]:text-rose-700 [&_a.missing]:decoration-dashed";

/**
 * `context`: a project's text (its `[[wiki links]]`, `#refs`, `@mentions` become in-app links).
 * `onNavigate`: clicks on links inside the app go there without a reload (modifier clicks and
 * links leaving the app keep the browser's behaviour).
 */
export function Markdown({
  source,
  className = "",
  empty,
  context,
  onNavigate,
}: {
  source: string;
  className?: string;
  empty?: React.ReactNode;
  context?: MarkdownContext;
  onNavigate?: (path: string, link: HTMLAnchorElement) => void;
}) {
  const blocks = useMemo(() => renderMarkdownBlocks(source, context), [source, context]);
  // A long text paints its first blocks at once and the rest in the next tasks.
  const [shown, setShown] = useState(FIRST_BLOCKS);
  useEffect(() => {
    if (shown >= blocks.length) return;
    const timer = window.setTimeout(() => setShown((n) => n + MORE_BLOCKS), 0);
    return () => window.clearTimeout(timer);
  }, [shown, blocks.length]);
  if (blocks.length === 0) return empty ? <>{empty}</> : null;
  const onClick = onNavigate
    ? (event: React.MouseEvent<HTMLDivElement>) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        const link = (event.target as Element).closest("a");
        const href = link?.getAttribute("href");
        if (!link || !href || !href.startsWith("/") || href.startsWith("//")) return;
        event.preventDefault();
        onNavigate(href, link);
      }
    : undefined;
  const complete = shown >= blocks.length;
  return (
    <div className={`markdown ${PROSE} ${WIKI_LINKS} ${className}`} data-markdown="" data-complete={complete ? "" : undefined} onClick={onClick}>
      {(complete ? blocks : blocks.slice(0, shown)).map((html, i) => (
        // one element per block: React touches only the blocks whose HTML changed
        <div key={i} className="contents" dangerouslySetInnerHTML={{ __html: html }} />
      ))}
    </div>
  );
}

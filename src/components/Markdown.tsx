/**
 * Rendered, sanitized Markdown. Imports the Markdown and sanitizer libraries, so only lazily
 * loaded views (the item detail) use it.
 */
import { useMemo } from "react";
import { renderMarkdown } from "../lib/markdown";

export function Markdown({ source, className = "", empty }: { source: string; className?: string; empty?: React.ReactNode }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  if (!html) return empty ? <>{empty}</> : null;
  return <div className={`markdown ${className}`} data-markdown="" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The editor's formatting commands as pure text transformations: given the text and the selection,
 * the new text and the new selection. Toolbar buttons and keyboard shortcuts both use them.
 */

export interface TextState {
  text: string;
  start: number;
  end: number;
}

export type FormatCommand = "bold" | "italic" | "link" | "list" | "code";

/** Wraps the selection in `before`/`after`, or unwraps it when it is already wrapped. */
function wrap(s: TextState, before: string, after: string, placeholder: string): TextState {
  const selected = s.text.slice(s.start, s.end);
  const outer = s.text.slice(s.start - before.length, s.end + after.length);
  if (selected && outer === `${before}${selected}${after}`) {
    const text = s.text.slice(0, s.start - before.length) + selected + s.text.slice(s.end + after.length);
    return { text, start: s.start - before.length, end: s.end - before.length };
  }
  const inner = selected || placeholder;
  const text = s.text.slice(0, s.start) + before + inner + after + s.text.slice(s.end);
  return { text, start: s.start + before.length, end: s.start + before.length + inner.length };
}

/** Prefixes every line of the selection with `- ` (or removes it when all have it). */
function list(s: TextState): TextState {
  const lineStart = s.text.lastIndexOf("\n", s.start - 1) + 1;
  const nextBreak = s.text.indexOf("\n", s.end);
  const lineEnd = nextBreak < 0 ? s.text.length : nextBreak;
  const lines = s.text.slice(lineStart, lineEnd).split("\n");
  const all = lines.every((l) => l.startsWith("- "));
  const changed = lines.map((l) => (all ? l.slice(2) : `- ${l}`)).join("\n");
  const text = s.text.slice(0, lineStart) + changed + s.text.slice(lineEnd);
  return { text, start: lineStart, end: lineStart + changed.length };
}

function code(s: TextState): TextState {
  const selected = s.text.slice(s.start, s.end);
  if (selected.includes("\n")) {
    const block = `\`\`\`\n${selected}\n\`\`\``;
    const text = s.text.slice(0, s.start) + block + s.text.slice(s.end);
    return { text, start: s.start + 4, end: s.start + 4 + selected.length };
  }
  return wrap(s, "`", "`", "code");
}

function link(s: TextState): TextState {
  const selected = s.text.slice(s.start, s.end) || "text";
  const inserted = `[${selected}](url)`;
  const text = s.text.slice(0, s.start) + inserted + s.text.slice(s.end);
  const urlAt = s.start + selected.length + 3;
  return { text, start: urlAt, end: urlAt + 3 };
}

export function applyFormat(command: FormatCommand, s: TextState): TextState {
  switch (command) {
    case "bold":
      return wrap(s, "**", "**", "bold text");
    case "italic":
      return wrap(s, "_", "_", "italic text");
    case "link":
      return link(s);
    case "list":
      return list(s);
    case "code":
      return code(s);
  }
}

/** Ctrl/Cmd + key -> command. */
export const SHORTCUTS: Record<string, FormatCommand> = { b: "bold", i: "italic", k: "link", l: "list", e: "code" };

/** Inserts `insert` at the selection (replacing it); the caret goes after it. */
export function insertAt(s: TextState, insert: string): TextState {
  const text = s.text.slice(0, s.start) + insert + s.text.slice(s.end);
  return { text, start: s.start + insert.length, end: s.start + insert.length };
}

/** The Markdown that shows an uploaded file: an image for images, a link otherwise. */
export function attachmentMarkdown(name: string, url: string, isImage: boolean): string {
  const label = name.replace(/[[\]]/g, "");
  return `${isImage ? "!" : ""}[${label}](${url.replace(/\s/g, "%20").replace(/\)/g, "%29")})`;
}

/**
 * The page editor (its own chunk, loaded when someone edits): a Markdown text box ("Content")
 * beside a live preview ("Preview") rendered by the same pipeline, sanitizer and link resolution
 * as the page itself. Toolbar and shortcuts (Ctrl/Cmd + B, I, K, L, E) format; Ctrl/Cmd+S saves;
 * pasting or dropping a file attaches it to the page and inserts its link. Every keystroke is kept
 * as a draft with the version it started from, so a reload, leaving the page or a conflict never
 * loses the text; a conflict opens the shared prompt (Keep mine / Take theirs / Edit).
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from "react";
import { uploadAttachment } from "../../api/attachments";
import { invalidateAll, keys } from "../../api/keys";
import type { Project, WikiPage } from "../../api/types";
import { createWikiPage, storeWikiPage, useRenderedWikis } from "../../api/wiki";
import { useQueryClient } from "@tanstack/react-query";
import { ConflictPrompt } from "../../components/ConflictPrompt";
import { errorText } from "../../components/ErrorMessage";
import { Markdown } from "../../components/Markdown";
import { useToast } from "../../components/toast";
import { clearDraft, initialText, writeDraft } from "../../lib/drafts";
import { wikiDraftKey } from "./draftKey";
import { refsIn, type RefTarget } from "../../lib/taigaMarkdown";
import { applyFormat, attachmentMarkdown, insertAt, SHORTCUTS, type FormatCommand, type TextState } from "./editing";
import { useWikiSave } from "./useWikiSave";
import { refsFromHtml, useWikiContext } from "./wikiContext";

export interface WikiEditorProps {
  project: Project;
  /** the page being edited; null to write a page that does not exist yet */
  page: WikiPage | null;
  slug: string;
  pages: readonly WikiPage[] | undefined;
  /** `#ref` targets already known (from the page's server html) */
  knownRefs: ReadonlyMap<number, RefTarget>;
  onDone: (page: WikiPage) => void;
  onCancel: () => void;
}

const TOOLS: { command: FormatCommand; label: string; key: string; glyph: string }[] = [
  { command: "bold", label: "Bold", key: "B", glyph: "B" },
  { command: "italic", label: "Italic", key: "I", glyph: "I" },
  { command: "link", label: "Link", key: "K", glyph: "🔗" },
  { command: "list", label: "List", key: "L", glyph: "•" },
  { command: "code", label: "Code", key: "E", glyph: "</>" },
];

const button =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50";

export default function WikiEditor({ project, page, slug, pages, knownRefs, onDone, onCancel }: WikiEditorProps) {
  const key = wikiDraftKey(project.id, page, slug);
  const client = useQueryClient();
  const toast = useToast();
  const occ = useWikiSave();
  const [start] = useState(() => {
    const serverText = page?.content ?? "";
    const init = initialText(key, serverText);
    const base = page && init.base.baseVersion !== undefined ? { ...page, version: init.base.baseVersion, content: init.base.baseText ?? page.content } : page;
    return { text: init.text, restored: init.restored, base };
  });
  const [text, setText] = useState(start.text);
  const [base, setBase] = useState<WikiPage | null>(start.base);
  const [restored, setRestored] = useState(start.restored);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const selection = useRef<{ start: number; end: number } | null>(null);

  const update = (next: string, nextBase: WikiPage | null = base) => {
    setText(next);
    writeDraft(key, next, nextBase ? { baseVersion: nextBase.version, baseText: nextBase.content } : {});
  };

  // Put the caret where a command left it, once React has written the new text.
  useEffect(() => {
    const el = area.current;
    const sel = selection.current;
    if (el && sel) {
      el.setSelectionRange(sel.start, sel.end);
      selection.current = null;
    }
  }, [text]);

  const apply = (next: TextState) => {
    selection.current = { start: next.start, end: next.end };
    update(next.text);
    area.current?.focus();
  };
  const current = (): TextState => ({ text, start: area.current?.selectionStart ?? text.length, end: area.current?.selectionEnd ?? text.length });
  const format = (command: FormatCommand) => apply(applyFormat(command, current()));

  // #refs the page's html did not name: ask the server once the typing pauses.
  const deferred = useDeferredValue(text);
  const [refQueries, setRefQueries] = useState<string[]>([]);
  const asked = useRef(new Set<number>());
  useEffect(() => {
    const unknown = refsIn(deferred).filter((r) => !knownRefs.has(r) && !asked.current.has(r));
    if (unknown.length === 0) return;
    const timer = window.setTimeout(() => {
      for (const r of unknown) asked.current.add(r);
      // not at the start of a line: Python-Markdown reads a leading "#1" as a heading
      const query = `refs ${unknown.map((r) => `#${r}`).join(" ")}`;
      setRefQueries((old) => [...old, query]);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [deferred, knownRefs]);
  const rendered = useRenderedWikis(project.id, refQueries);
  const renderedHtml = rendered.map((r) => r.data ?? "").join("\n");
  const refs = useMemo(() => new Map([...knownRefs, ...refsFromHtml(renderedHtml)]), [knownRefs, renderedHtml]);
  const context = useWikiContext(project, pages, refs);

  const finish = (saved: WikiPage) => {
    clearDraft(key);
    onDone(saved);
  };

  const submit = async () => {
    if (saving) return;
    setSaving(true);
    try {
      if (!page || !base) {
        try {
          const created = await createWikiPage({ project: project.id, slug, content: text });
          storeWikiPage(client, created);
          void invalidateAll(client, [keys.wiki.projectLists(project.id)]);
          finish(created);
        } catch (error) {
          toast.error(`Could not create the page: ${errorText(error)}`);
        }
        return;
      }
      if (text === base.content && base.version === page.version) {
        finish(page);
        return;
      }
      const outcome = await occ.save({ content: text }, base);
      if (outcome.status === "saved" || outcome.status === "dropped") finish(outcome.page);
      else if (outcome.status === "editing") {
        setBase(outcome.current);
        setRestored(false);
        writeDraft(key, text, { baseVersion: outcome.current.version, baseText: outcome.current.content });
        area.current?.focus();
      }
    } finally {
      setSaving(false);
    }
  };

  const attach = async (files: File[]) => {
    if (files.length === 0) return;
    if (!page) {
      toast.error("Save the page first, then attach files to it.");
      return;
    }
    setUploading((n) => n + files.length);
    for (const file of files) {
      try {
        const attachment = await uploadAttachment("wiki", project.id, page.id, file);
        const isImage = file.type.startsWith("image/");
        const el = area.current;
        const state: TextState = el ? { text: el.value, start: el.selectionStart, end: el.selectionEnd } : { text, start: text.length, end: text.length };
        apply(insertAt(state, attachmentMarkdown(attachment.name, attachment.url, isImage)));
        void invalidateAll(client, [keys.attachments.list("wiki", page.id), keys.history.entries("wiki", page.id)]);
      } catch (error) {
        toast.error(`Could not attach ${file.name}: ${errorText(error)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const k = event.key.toLowerCase();
    if (k === "s") {
      event.preventDefault();
      void submit();
    } else if (SHORTCUTS[k] && !event.shiftKey) {
      event.preventDefault();
      format(SHORTCUTS[k]);
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length > 0) {
      event.preventDefault();
      void attach(files);
    }
  };
  const onDrop = (event: DragEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) {
      event.preventDefault();
      void attach(files);
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3" data-testid="wiki-editor">
      {restored && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Restored your unsaved draft{base ? ` (started from version ${base.version})` : ""}.
        </p>
      )}
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap items-center gap-1">
        {TOOLS.map((t) => (
          <button
            key={t.command}
            type="button"
            aria-label={t.label}
            title={`${t.label} (Ctrl+${t.key})`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => format(t.command)}
            className="min-w-8 rounded border border-slate-200 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <span aria-hidden="true" className={t.command === "bold" ? "font-bold" : t.command === "italic" ? "italic" : ""}>
              {t.glyph}
            </span>
          </button>
        ))}
        <span className="ml-2 text-xs text-slate-500">{uploading > 0 ? `Attaching ${uploading} file${uploading > 1 ? "s" : ""}…` : "Paste or drop an image to attach it."}</span>
      </div>
      <div className="grid min-h-0 flex-1 gap-3 lg:grid-cols-2">
        <textarea
          ref={area}
          aria-label="Content"
          value={text}
          onChange={(e) => update(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onDrop={onDrop}
          autoFocus={!restored}
          spellCheck
          className="min-h-[24rem] w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm leading-relaxed text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
        />
        <section role="region" aria-label="Preview" className="min-h-[24rem] overflow-auto rounded-md border border-slate-200 bg-slate-50/50 px-4 py-3">
          <Markdown source={deferred} context={context} className="text-sm text-slate-800" empty={<p className="text-sm italic text-slate-400">Nothing to preview.</p>} />
        </section>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`} disabled={saving} onClick={() => void submit()}>
          {saving ? "Saving…" : page ? "Save page" : "Create page"}
        </button>
        <button
          type="button"
          className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}
          disabled={saving}
          onClick={() => {
            clearDraft(key);
            onCancel();
          }}
        >
          {restored ? "Discard draft" : "Cancel"}
        </button>
        <span className="text-xs text-slate-500">Ctrl+S saves. Your text is kept as a draft until it is saved.</span>
      </div>
      <ConflictPrompt
        open={occ.pending !== null}
        noun="page"
        conflicts={occ.pending?.conflicts ?? []}
        fieldLabel={(field) => (field === "content" ? "Content" : field)}
        formatValue={(_field, value) => <span className="font-mono text-xs">{typeof value === "string" && value !== "" ? value : "(empty)"}</span>}
        busy={occ.busy}
        onKeepMine={() => void occ.keepMine()}
        onTakeTheirs={() => void occ.takeTheirs()}
        onEdit={occ.backToEditor}
        onClose={occ.backToEditor}
      />
    </div>
  );
}

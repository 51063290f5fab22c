/**
 * A Markdown text area with Write / Preview tabs (WAI-ARIA tabs: arrow keys switch).
 * Ctrl/Cmd+Enter submits, Escape cancels — both only when the caller passes the handlers.
 */
import { useId, useRef, useState } from "react";
import { Markdown } from "./Markdown";

export function MarkdownEditor({
  label,
  value,
  onChange,
  onSubmit,
  onCancel,
  rows = 8,
  placeholder,
  autoFocus,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  onSubmit?: () => void;
  onCancel?: () => void;
  rows?: number;
  placeholder?: string;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  const id = useId();
  const writeRef = useRef<HTMLButtonElement>(null);
  const previewRef = useRef<HTMLButtonElement>(null);

  const onTabKey = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowRight" || event.key === "ArrowLeft" || event.key === "Home" || event.key === "End") {
      event.preventDefault();
      const next = tab === "write" ? "preview" : "write";
      setTab(next);
      (next === "write" ? writeRef : previewRef).current?.focus();
    }
  };
  const tabClass = (active: boolean) =>
    `rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
      active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"
    }`;

  return (
    <div className="rounded-md border border-slate-300 bg-white">
      <div role="tablist" aria-label={`${label} editor`} className="flex gap-1 border-b border-slate-200 px-2">
        <button
          ref={writeRef}
          type="button"
          role="tab"
          id={`${id}-write`}
          aria-selected={tab === "write"}
          aria-controls={`${id}-write-panel`}
          tabIndex={tab === "write" ? 0 : -1}
          onClick={() => setTab("write")}
          onKeyDown={onTabKey}
          className={tabClass(tab === "write")}
        >
          Write
        </button>
        <button
          ref={previewRef}
          type="button"
          role="tab"
          id={`${id}-preview`}
          aria-selected={tab === "preview"}
          aria-controls={`${id}-preview-panel`}
          tabIndex={tab === "preview" ? 0 : -1}
          onClick={() => setTab("preview")}
          onKeyDown={onTabKey}
          className={tabClass(tab === "preview")}
        >
          Preview
        </button>
      </div>
      {tab === "write" ? (
        <div role="tabpanel" id={`${id}-write-panel`} aria-labelledby={`${id}-write`}>
          <textarea
            aria-label={label}
            value={value}
            rows={rows}
            placeholder={placeholder}
            autoFocus={autoFocus}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && onSubmit) {
                e.preventDefault();
                onSubmit();
              } else if (e.key === "Escape" && onCancel) {
                e.preventDefault();
                e.stopPropagation();
                onCancel();
              }
            }}
            className="block w-full resize-y rounded-b-md border-0 px-3 py-2 font-mono text-sm text-slate-900 outline-none focus:ring-2 focus:ring-inset focus:ring-indigo-500"
          />
        </div>
      ) : (
        <div role="tabpanel" id={`${id}-preview-panel`} aria-labelledby={`${id}-preview`} tabIndex={0} className="min-h-24 px-3 py-2">
          <Markdown source={value} className="prose-sm" empty={<p className="text-sm italic text-slate-400">Nothing to preview.</p>} />
        </div>
      )}
    </div>
  );
}

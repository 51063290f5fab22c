import { useId, useState } from "react";
import { Dialog } from "./Dialog";
import { errorText } from "./ErrorMessage";

/** A select the dialog offers beside the titles (a swimlane, a status …). */
export interface BulkAddChoice {
  label: string;
  options: readonly { value: string; label: string }[];
  initial: string;
}

/**
 * Several items at once, one title per line (a bulk_create), with an optional choice of where they
 * go. The text stays when the server refuses, with its message; Ctrl/Cmd+Enter submits.
 */
export function BulkAddDialog({
  title,
  noun,
  textLabel,
  choice,
  onClose,
  onSubmit,
}: {
  title: string;
  /** e.g. `{ one: "story", many: "stories" }` */
  noun: { one: string; many: string };
  /** The textarea's label, e.g. "Story titles". */
  textLabel: string;
  choice?: BulkAddChoice;
  onClose: () => void;
  /** Gets the text and the chosen option's value (null without a choice); throws to keep the dialog open. */
  onSubmit: (text: string, chosen: string | null) => Promise<unknown>;
}) {
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState(choice?.initial ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const choiceId = useId();
  const lines = text.split("\n").filter((l) => l.trim()).length;

  const submit = async () => {
    if (!lines || busy || (choice && !chosen)) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text, choice ? chosen : null);
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={`One ${noun.one} per line; empty lines are skipped.`}
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
          <button
            type="button"
            onClick={() => void submit()}
            disabled={!lines || busy}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
          >
            {busy ? "Adding…" : lines > 0 ? `Add ${lines} ${lines === 1 ? noun.one : noun.many}` : `Add ${noun.many}`}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="flex flex-col gap-3"
      >
        <label htmlFor={textId} className="text-sm font-medium text-slate-700">
          {textLabel}
        </label>
        <textarea
          id={textId}
          autoFocus
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void submit();
            }
          }}
          className="w-full rounded-md border border-slate-300 p-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${textId}-error` : undefined}
        />
        {choice && (
          <>
            <label htmlFor={choiceId} className="text-sm font-medium text-slate-700">
              {choice.label}
            </label>
            <select id={choiceId} value={chosen} onChange={(e) => setChosen(e.target.value)} className="h-8 rounded-md border border-slate-300 px-2 text-sm">
              {choice.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </>
        )}
        {error && (
          <p id={`${textId}-error`} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

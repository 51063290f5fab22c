/**
 * Adding stories at the top of the backlog: one title and Enter (quick add), or several at once,
 * one per line (bulk add). New stories go to the end of the backlog, as Taiga places them.
 */
import { useId, useState, type KeyboardEvent } from "react";
import { errorText } from "../../components/ErrorMessage";

export interface AddStoriesProps {
  onAdd: (subject: string) => Promise<void>;
  onBulkAdd: (text: string) => Promise<number>;
}

export function AddStories({ onAdd, onBulkAdd }: AddStoriesProps) {
  const [value, setValue] = useState("");
  const [bulk, setBulk] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const lines = text.split("\n").filter((l) => l.trim()).length;

  const add = async () => {
    const subject = value.trim();
    if (!subject || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAdd(subject);
      setValue("");
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const addMany = async () => {
    if (!lines || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onBulkAdd(text);
      setText("");
      setBulk(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void add();
    } else if (event.key === "Escape") {
      setValue("");
      setError(null);
    }
  };

  return (
    <div className="border-b border-slate-200 bg-slate-50/60 px-3 py-2">
      {!bulk ? (
        <div className="flex items-center gap-2">
          <input
            value={value}
            disabled={busy}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder="Add a story: type its title and press Enter"
            aria-label="New story title"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            maxLength={500}
            className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          />
          <button
            type="button"
            onClick={() => void add()}
            disabled={busy || !value.trim()}
            className="h-8 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
          >
            Add
          </button>
          <button type="button" onClick={() => setBulk(true)} className="h-8 rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
            Add several…
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void addMany();
          }}
          className="flex flex-col gap-2"
        >
          <label htmlFor={`${id}-bulk`} className="text-sm font-medium text-slate-700">
            Story titles, one per line
          </label>
          <textarea
            id={`${id}-bulk`}
            autoFocus
            rows={5}
            value={text}
            disabled={busy}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void addMany();
              } else if (e.key === "Escape") {
                setBulk(false);
              }
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          />
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => setBulk(false)} className="h-8 rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Cancel
            </button>
            <button type="submit" disabled={!lines || busy} className="h-8 rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
              {busy ? "Adding…" : lines > 0 ? `Add ${lines} ${lines === 1 ? "story" : "stories"}` : "Add stories"}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

import { useId, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";
import type { Id } from "../../api/types";
import type { BoardRow } from "./boardModel";

/** Several stories at once, one per line, into a column (and swimlane) via bulk_create. */
export function BulkAddDialog({
  statusName,
  rows,
  hasSwimlanes,
  onClose,
  onSubmit,
}: {
  statusName: string;
  rows: readonly BoardRow[];
  hasSwimlanes: boolean;
  onClose: () => void;
  onSubmit: (text: string, swimlaneId: Id | null) => Promise<number>;
}) {
  const [text, setText] = useState("");
  const [lane, setLane] = useState<string>(rows[0]?.id === null || rows[0] === undefined ? "none" : String(rows[0].id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const laneId = useId();
  const lines = text.split("\n").filter((l) => l.trim()).length;

  const submit = async () => {
    if (!lines || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text, lane === "none" ? null : Number(lane));
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
      title={`Add stories to ${statusName}`}
      description="One story per line; empty lines are skipped."
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
            {busy ? "Adding…" : lines > 0 ? `Add ${lines} ${lines === 1 ? "story" : "stories"}` : "Add stories"}
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
          Story titles
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
        {hasSwimlanes && (
          <>
            <label htmlFor={laneId} className="text-sm font-medium text-slate-700">
              Swimlane
            </label>
            <select
              id={laneId}
              value={lane}
              onChange={(e) => setLane(e.target.value)}
              className="h-8 rounded-md border border-slate-300 px-2 text-sm"
            >
              {rows.map((r) => (
                <option key={r.id ?? "none"} value={r.id === null ? "none" : String(r.id)}>
                  {r.name}
                </option>
              ))}
              {!rows.some((r) => r.id === null) && <option value="none">No swimlane</option>}
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

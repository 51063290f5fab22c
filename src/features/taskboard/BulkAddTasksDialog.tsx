import { useId, useState } from "react";
import type { Id, TaskStatus } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";

/** Several tasks at once, one per line, into a story row (or the storyless row) via bulk_create. */
export function BulkAddTasksDialog({
  rowLabel,
  statuses,
  defaultStatus,
  onClose,
  onSubmit,
}: {
  rowLabel: string;
  statuses: readonly TaskStatus[];
  defaultStatus: Id | null;
  onClose: () => void;
  onSubmit: (text: string, statusId: Id) => Promise<number>;
}) {
  const [text, setText] = useState("");
  const [status, setStatus] = useState<string>(String(defaultStatus ?? statuses[0]?.id ?? ""));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const statusId = useId();
  const lines = text.split("\n").filter((l) => l.trim()).length;

  const submit = async () => {
    if (!lines || busy || !status) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text, Number(status));
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
      title={`Add tasks to ${rowLabel}`}
      description="One task per line; empty lines are skipped."
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
            {busy ? "Adding…" : lines > 0 ? `Add ${lines} ${lines === 1 ? "task" : "tasks"}` : "Add tasks"}
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
          Task titles
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
        <label htmlFor={statusId} className="text-sm font-medium text-slate-700">
          Status
        </label>
        <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value)} className="h-8 rounded-md border border-slate-300 px-2 text-sm">
          {statuses.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {error && (
          <p id={`${textId}-error`} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

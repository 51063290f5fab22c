/**
 * The OCC conflict prompt: someone else saved this item since the user opened it. For each
 * field the user changed it shows the server's value ("Theirs") beside the user's ("Yours"),
 * and offers: keep mine (resubmit on the new version), take theirs (drop my change), edit (back
 * to the editor with my text). Closing it keeps the user's text in the editor too.
 */
import type { ReactNode } from "react";
import type { FieldConflict } from "../lib/conflict";
import { Dialog } from "./Dialog";

export interface ConflictPromptProps {
  open: boolean;
  /** "story", "task", "issue". */
  noun: string;
  conflicts: readonly FieldConflict[];
  /** Human label of a field ("Subject"). */
  fieldLabel: (field: string) => string;
  /** How a value of a field reads (names instead of ids). */
  formatValue: (field: string, value: unknown) => ReactNode;
  busy?: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onEdit: () => void;
  onClose: () => void;
}

function ValueBox({ label, children, tone }: { label: string; children: ReactNode; tone: "theirs" | "yours" }) {
  return (
    <figure className={`min-w-0 flex-1 rounded-md border p-2 ${tone === "theirs" ? "border-amber-200 bg-amber-50" : "border-indigo-200 bg-indigo-50"}`}>
      <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</figcaption>
      <div className="max-h-64 overflow-auto whitespace-pre-wrap break-words text-sm text-slate-900">{children}</div>
    </figure>
  );
}

export function ConflictPrompt(props: ConflictPromptProps) {
  const { open, noun, conflicts, fieldLabel, formatValue, busy, onKeepMine, onTakeTheirs, onEdit, onClose } = props;
  const shown = conflicts.filter((c) => c.changedByThem && !c.alreadySame);
  const button = "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={`Someone else changed this ${noun}`}
      description={`It was saved by someone else after you opened it. Choose what to keep — your text is safe until you decide.`}
      footer={
        <>
          <button type="button" className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`} onClick={onEdit} disabled={busy}>
            Edit
          </button>
          <button type="button" className={`${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`} onClick={onTakeTheirs} disabled={busy}>
            Take theirs
          </button>
          <button type="button" className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`} onClick={onKeepMine} disabled={busy}>
            Keep mine
          </button>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {shown.map((c) => (
          <section key={c.field} aria-label={fieldLabel(c.field)} data-conflict-field={c.field}>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{fieldLabel(c.field)}</h3>
            <div className="flex flex-col gap-2 sm:flex-row">
              <ValueBox label="Theirs" tone="theirs">
                {formatValue(c.field, c.theirs)}
              </ValueBox>
              <ValueBox label="Yours" tone="yours">
                {formatValue(c.field, c.mine)}
              </ValueBox>
            </div>
          </section>
        ))}
      </div>
    </Dialog>
  );
}

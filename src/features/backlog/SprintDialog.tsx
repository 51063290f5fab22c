/**
 * Create or edit a sprint: name, start and end dates, with Taiga's validation messages next to the
 * field they are about ("Duplicated name", the dates the wrong way round). Editing also offers to
 * delete the sprint (its stories go back to the backlog). Loaded on first use.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { isApiError } from "../../api/http";
import type { Milestone } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";

export interface SprintForm {
  name: string;
  estimated_start: string;
  estimated_finish: string;
}

export interface SprintDialogProps {
  /** The sprint being edited, or null to create one. */
  sprint: Milestone | null;
  initial: SprintForm;
  onClose: () => void;
  onSave: (form: SprintForm) => Promise<void>;
  onDelete?: () => Promise<void>;
}

const input =
  "h-9 w-full rounded-md border px-2 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 border-slate-300 focus:border-indigo-500";

function Field({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export default function SprintDialog({ sprint, initial, onClose, onSave, onDelete }: SprintDialogProps) {
  const [form, setForm] = useState<SprintForm>(initial);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const nameId = useId();
  const startId = useId();
  const finishId = useId();
  const stories = sprint?.user_stories.length ?? 0;
  const formRef = useRef<HTMLFormElement>(null);
  // after a refused save, take the user to the first field the server (or the form) complained about
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!form.name.trim()) out.name = "Give the sprint a name.";
    if (!form.estimated_start) out.estimated_start = "Choose the first day.";
    if (!form.estimated_finish) out.estimated_finish = "Choose the last day.";
    return out;
  };

  const submit = async () => {
    if (busy) return;
    const local = check();
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await onSave({ ...form, name: form.name.trim() });
      onClose();
    } catch (error) {
      setBusy(false);
      if (isApiError(error) && Object.keys(error.fieldErrors).length + error.nonFieldErrors.length > 0) {
        const next: Record<string, string> = {};
        for (const field of ["name", "estimated_start", "estimated_finish"]) {
          const message = error.fieldError(field);
          if (message) next[field] = message;
        }
        // "The estimated start must be previous to the estimated finish." belongs to the dates
        if (error.nonFieldErrors.length) next.estimated_finish = error.nonFieldErrors.join(" ");
        const other = Object.keys(error.fieldErrors).filter((f) => !["name", "estimated_start", "estimated_finish"].includes(f));
        if (other.length) setGeneral(error.message);
        setErrors(next);
      } else {
        setGeneral(errorText(error));
      }
    }
  };

  const remove = async () => {
    if (!onDelete || busy) return;
    setBusy(true);
    try {
      await onDelete();
      onClose();
    } catch (error) {
      setBusy(false);
      setGeneral(errorText(error));
    }
  };

  const described = (field: string) => (errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field === "name" ? nameId : field === "estimated_start" ? startId : finishId}-error` } : {});

  if (confirmDelete && sprint) {
    return (
      <Dialog
        open
        onClose={() => setConfirmDelete(false)}
        title={`Delete ${sprint.name}?`}
        description={
          stories > 0
            ? `Its ${stories} ${stories === 1 ? "story goes" : "stories go"} back to the backlog, where they were before. Tasks and issues stay, without a sprint.`
            : "It has no stories."
        }
        size="sm"
        footer={
          <>
            <button type="button" onClick={() => setConfirmDelete(false)} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Keep it
            </button>
            <button
              type="button"
              onClick={() => void remove()}
              disabled={busy}
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-50"
            >
              {busy ? "Deleting…" : "Delete sprint"}
            </button>
          </>
        }
      >
        {general && (
          <p role="alert" className="text-sm text-red-700">
            {general}
          </p>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={sprint ? `Edit ${sprint.name}` : "New sprint"}
      footer={
        <>
          {sprint && onDelete && (
            <button
              type="button"
              onClick={() => setConfirmDelete(true)}
              className="mr-auto rounded-md px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
            >
              Delete sprint
            </button>
          )}
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
          <button
            type="submit"
            form={`${nameId}-form`}
            disabled={busy}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
          >
            {busy ? "Saving…" : sprint ? "Save sprint" : "Create sprint"}
          </button>
        </>
      }
    >
      <form
        ref={formRef}
        id={`${nameId}-form`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="flex flex-col gap-3"
      >
        <Field id={nameId} label="Name" error={errors.name ?? null}>
          <input
            id={nameId}
            autoFocus
            value={form.name}
            maxLength={200}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            className={input}
            {...described("name")}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id={startId} label="Starts on" error={errors.estimated_start ?? null}>
            <input
              id={startId}
              type="date"
              value={form.estimated_start}
              onChange={(e) => setForm({ ...form, estimated_start: e.target.value })}
              className={input}
              {...described("estimated_start")}
            />
          </Field>
          <Field id={finishId} label="Ends on" error={errors.estimated_finish ?? null}>
            <input
              id={finishId}
              type="date"
              value={form.estimated_finish}
              onChange={(e) => setForm({ ...form, estimated_finish: e.target.value })}
              className={input}
              {...described("estimated_finish")}
            />
          </Field>
        </div>
        {general && (
          <p role="alert" className="text-sm text-red-700">
            {general}
          </p>
        )}
      </form>
    </Dialog>
  );
}

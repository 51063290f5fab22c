/**
 * New issue: subject (required), description, type, severity, priority, status, assignee and tags,
 * the project's defaults preselected. Taiga validates: its errors show next to their field (an empty
 * subject: "This field is required.") and the typed text stays; anything else shows above the buttons.
 */
import { useId, useState, type ReactNode } from "react";
import type { CreateIssueBody } from "../../api/issues";
import { isApiError } from "../../api/http";
import type { IssueDetail, Project } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";
import { lookupsOf } from "./IssuesTable";

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 aria-[invalid=true]:border-red-500";

function Field({ id, label, error, children }: { id: string; label: string; error?: string | null; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function CreateIssueDialog({ project, onClose, onCreate }: { project: Project; onClose: () => void; onCreate: (body: CreateIssueBody) => Promise<IssueDetail> }) {
  const lookups = lookupsOf(project);
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState(project.default_issue_type ?? lookups.types[0]?.id ?? null);
  const [severity, setSeverity] = useState(project.default_severity ?? lookups.severities[0]?.id ?? null);
  const [priority, setPriority] = useState(project.default_priority ?? lookups.priorities[0]?.id ?? null);
  const [status, setStatus] = useState(project.default_issue_status ?? lookups.statuses[0]?.id ?? null);
  const [assignee, setAssignee] = useState<number | null>(null);
  const [tags, setTags] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const formId = `${id}-form`;

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const body: CreateIssueBody = {
      project: project.id,
      // a subject of spaces is none: Taiga answers that it is required, next to the field
      subject: subject.trim(),
      description,
      ...(type !== null ? { type } : {}),
      ...(severity !== null ? { severity } : {}),
      ...(priority !== null ? { priority } : {}),
      ...(status !== null ? { status } : {}),
      assigned_to: assignee,
      tags: tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    };
    try {
      await onCreate(body);
      onClose();
    } catch (error) {
      setBusy(false);
      if (isApiError(error) && Object.keys(error.fieldErrors).length) {
        const next: Record<string, string> = {};
        const known = ["subject", "description", "type", "severity", "priority", "status", "assigned_to", "tags"];
        const other: string[] = [];
        for (const [field, messages] of Object.entries(error.fieldErrors)) {
          if (known.includes(field)) next[field] = messages.join(" ");
          else other.push(messages.join(" "));
        }
        setErrors(next);
        setGeneral(other.length ? other.join(" ") : null);
        const first = known.find((f) => next[f]);
        if (first) document.getElementById(`${id}-${first}`)?.focus();
      } else {
        setGeneral(`The issue could not be created: ${errorText(error)}`);
      }
    }
  };

  const described = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const select = (field: string, label: string, value: number | null, set: (v: number | null) => void, options: { id: number; name: string }[], none?: string) => (
    <Field id={`${id}-${field}`} label={label} error={errors[field]}>
      <select id={`${id}-${field}`} className={input} value={value ?? ""} onChange={(e) => set(e.target.value === "" ? null : Number(e.target.value))} {...described(field)}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title="New issue"
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
          <button type="submit" form={formId} disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
            {busy ? "Creating…" : "Create issue"}
          </button>
        </>
      }
    >
      <form
        id={formId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="grid gap-3 sm:grid-cols-2"
      >
        <div className="sm:col-span-2">
          <Field id={`${id}-subject`} label="Subject" error={errors.subject}>
            <input id={`${id}-subject`} autoFocus className={input} value={subject} onChange={(e) => setSubject(e.target.value)} required {...described("subject")} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id={`${id}-description`} label="Description" error={errors.description}>
            <textarea id={`${id}-description`} rows={4} className={input} value={description} onChange={(e) => setDescription(e.target.value)} {...described("description")} />
          </Field>
        </div>
        {select("type", "Type", type, setType, lookups.types)}
        {select("severity", "Severity", severity, setSeverity, lookups.severities)}
        {select("priority", "Priority", priority, setPriority, lookups.priorities)}
        {select("status", "Status", status, setStatus, lookups.statuses)}
        {select("assigned_to", "Assigned to", assignee, setAssignee, lookups.members, "Unassigned")}
        <Field id={`${id}-tags`} label="Tags (comma separated)" error={errors.tags}>
          <input id={`${id}-tags`} className={input} value={tags} onChange={(e) => setTags(e.target.value)} {...described("tags")} />
        </Field>
        {general && (
          <p role="alert" className="text-sm text-red-700 sm:col-span-2">
            {general}
          </p>
        )}
        {Object.keys(errors).length > 0 && (
          <p role="alert" className="sr-only">
            The issue was not created: {Object.values(errors).join(" ")}
          </p>
        )}
      </form>
    </Dialog>
  );
}

export function BulkAddIssuesDialog({ onClose, onSubmit }: { onClose: () => void; onSubmit: (text: string) => Promise<number> }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const lines = text.split("\n").filter((l) => l.trim()).length;
  const submit = async () => {
    if (!lines || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text);
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
      title="Add several issues"
      description="One issue per line; empty lines are skipped. Each gets the project's default type, severity, priority and status."
      footer={
        <>
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
          <button type="button" onClick={() => void submit()} disabled={!lines || busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
            {busy ? "Adding…" : lines > 0 ? `Add ${lines} ${lines === 1 ? "issue" : "issues"}` : "Add issues"}
          </button>
        </>
      }
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Issue subjects
      </label>
      <textarea
        id={id}
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
        className={`${input} mt-1`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </Dialog>
  );
}

import { useState } from "react";
import type { AnyItem, ItemChanges } from "../../lib/itemKinds";
import type { SaveOutcome } from "../../components/useItemSave";
import { buttonClass } from "./ui";

/** The subject: always a textbox; editing starts with the first keystroke and remembers the version seen then. */
export function SubjectField({ item, save }: { item: AnyItem; save: (changes: ItemChanges, base: AnyItem) => Promise<SaveOutcome> }) {
  const [edit, setEdit] = useState<{ text: string; base: AnyItem } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const value = edit ? edit.text : item.subject;
  const dirty = !!edit && edit.text !== edit.base.subject;

  const submit = async () => {
    if (!edit || !dirty) return;
    if (!edit.text.trim()) {
      setError("The subject cannot be empty.");
      return;
    }
    setSaving(true);
    const outcome = await save({ subject: edit.text }, edit.base);
    setSaving(false);
    if (outcome.status === "saved" || outcome.status === "dropped") setEdit(null);
    else if (outcome.status === "editing") setEdit((e) => (e ? { ...e, base: outcome.current } : e));
  };

  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="sr-only" htmlFor={`subject-${item.id}`}>
        Subject
      </label>
      <input
        id={`subject-${item.id}`}
        value={value}
        aria-invalid={!!error}
        aria-describedby={error ? `subject-error-${item.id}` : undefined}
        onChange={(e) => {
          setError(null);
          const text = e.target.value;
          setEdit((current) => (current ? { ...current, text } : { text, base: item }));
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && edit) {
            e.preventDefault();
            e.stopPropagation();
            setEdit(null);
            setError(null);
          }
        }}
        className="w-full rounded-md border border-transparent px-2 py-1 text-xl font-semibold text-slate-900 hover:border-slate-200 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
      {error && (
        <p id={`subject-error-${item.id}`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {dirty && (
        <div className="flex gap-2">
          <button type="submit" className={buttonClass.primary} disabled={saving}>
            {saving ? "Saving…" : "Save subject"}
          </button>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              setEdit(null);
              setError(null);
            }}
          >
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

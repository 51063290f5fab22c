import { useState } from "react";
import { Markdown } from "../../components/Markdown";
import { MarkdownEditor } from "../../components/MarkdownEditor";
import { clearDraft, draftKey, initialText, writeDraft } from "../../lib/drafts";
import type { AnyItem, ItemChanges, ItemKind } from "../../lib/itemKinds";
import type { SaveOutcome } from "../../components/useItemSave";
import { buttonClass, Section } from "./ui";

interface Editing {
  text: string;
  /** The object as the user saw it when they started (version and text). */
  base: AnyItem;
  restored: boolean;
}

function startFromDraft(kind: ItemKind, item: AnyItem): Editing | null {
  const { text, restored, base } = initialText(draftKey(kind, item.id, "description"), item.description);
  if (!restored) return null;
  const baseItem = base.baseVersion !== undefined ? ({ ...item, version: base.baseVersion, description: base.baseText ?? item.description } as AnyItem) : item;
  return { text, base: baseItem, restored: true };
}

/**
 * The description: rendered (sanitized) Markdown, edited with Write/Preview tabs. Every
 * keystroke is kept as a draft (with the version it started from) until the text is saved,
 * so a failed save, leaving the page or a reload never loses it.
 */
export function DescriptionField({ kind, item, save }: { kind: ItemKind; item: AnyItem; save: (changes: ItemChanges, base: AnyItem) => Promise<SaveOutcome> }) {
  const key = draftKey(kind, item.id, "description");
  const [editing, setEditing] = useState<Editing | null>(() => startFromDraft(kind, item));
  const [saving, setSaving] = useState(false);

  const update = (next: Editing) => {
    setEditing(next);
    writeDraft(key, next.text, { baseVersion: next.base.version, baseText: next.base.description });
  };

  const stop = () => {
    clearDraft(key);
    setEditing(null);
  };

  const submit = async () => {
    if (!editing) return;
    if (editing.text === editing.base.description && editing.base.version === item.version) {
      stop();
      return;
    }
    setSaving(true);
    const outcome = await save({ description: editing.text }, editing.base);
    setSaving(false);
    if (outcome.status === "saved" || outcome.status === "dropped") stop();
    else if (outcome.status === "editing") update({ ...editing, base: outcome.current, restored: false });
  };

  return (
    <Section
      title="Description"
      actions={
        !editing && (
          <button type="button" className={buttonClass.quiet} onClick={() => update({ text: item.description, base: item, restored: false })}>
            Edit description
          </button>
        )
      }
    >
      {editing ? (
        <div className="flex flex-col gap-2">
          {editing.restored && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Restored your unsaved draft of the description.
            </p>
          )}
          <MarkdownEditor
            label="Description"
            value={editing.text}
            onChange={(text) => update({ ...editing, text })}
            onSubmit={() => void submit()}
            autoFocus={!editing.restored}
            rows={10}
          />
          <div className="flex gap-2">
            <button type="button" className={buttonClass.primary} disabled={saving} onClick={() => void submit()}>
              {saving ? "Saving…" : "Save description"}
            </button>
            <button type="button" className={buttonClass.secondary} disabled={saving} onClick={stop}>
              {editing.restored ? "Discard draft" : "Cancel"}
            </button>
          </div>
        </div>
      ) : (
        <div data-testid="description">
          <Markdown source={item.description} className="text-sm text-slate-800" empty={<p className="text-sm italic text-slate-400">No description yet.</p>} />
        </div>
      )}
    </Section>
  );
}

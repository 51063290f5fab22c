/**
 * Unsaved text kept in localStorage, one entry per object and field
 * (`draft:userstory:42:description`), so it survives a failed save, navigating away and a
 * reload. Cleared once the text is saved (or knowingly discarded).
 */

export type DraftObjectType = "userstory" | "task" | "issue" | "epic" | "wiki";

/** What the user started from: lets a restored draft still be saved with the version they saw. */
export interface DraftBase {
  baseVersion?: number;
  baseText?: string;
}

export interface Draft extends DraftBase {
  text: string;
  /** When it was last written (ms since epoch). */
  savedAt: number;
}

export function draftKey(type: DraftObjectType, id: number, field: string): string {
  return `draft:${type}:${id}:${field}`;
}

function storage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function readDraft(key: string): Draft | null {
  const raw = storage()?.getItem(key);
  if (raw == null) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === "object" && typeof (parsed as Draft).text === "string") {
      const { text, savedAt, baseVersion, baseText } = parsed as Draft;
      const draft: Draft = { text, savedAt: typeof savedAt === "number" ? savedAt : 0 };
      if (typeof baseVersion === "number") draft.baseVersion = baseVersion;
      if (typeof baseText === "string") draft.baseText = baseText;
      return draft;
    }
  } catch {
    // A plain string written by something else: still the user's text.
    return { text: raw, savedAt: 0 };
  }
  return null;
}

/** Stores the text; returns false when the browser refused (storage full or disabled). */
export function writeDraft(key: string, text: string, base: DraftBase = {}, now: number = Date.now()): boolean {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify({ text, savedAt: now, ...base } satisfies Draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/**
 * The text an editor should start with: the draft when one exists and differs from what the
 * server has, otherwise the server's text (and a stale identical draft is removed).
 */
export function initialText(key: string, serverText: string): { text: string; restored: boolean; base: DraftBase } {
  const draft = readDraft(key);
  if (!draft) return { text: serverText, restored: false, base: {} };
  if (draft.text === serverText) {
    clearDraft(key);
    return { text: serverText, restored: false, base: {} };
  }
  const { baseVersion, baseText } = draft;
  return { text: draft.text, restored: true, base: { baseVersion, baseText } };
}

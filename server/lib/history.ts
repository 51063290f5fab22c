/**
 * History entries (`history_entries`): one row per create / change / delete of an item, with the
 * diff `{field: [old, new]}`, an optional comment, and the author's small user object.
 * Read by `GET /history/<type>/<id>` (change entries only, newest first).
 */
import { randomUUID } from "node:crypto";
import DiffMatchPatch from "diff-match-patch";
import { type Db, prepared } from "../db";
import { nowIso } from "./dates";
import { fullNameDisplay, gravatarId, type UserRow } from "./users";

export const HISTORY_TYPE = { change: 1, create: 2, delete: 3 } as const;

/** Taiga's content-type keys: 'userstory' -> 'userstories.userstory'. */
export const HISTORY_KEY_PREFIX: Record<string, string> = {
  userstory: "userstories.userstory",
  task: "tasks.task",
  issue: "issues.issue",
  epic: "epics.epic",
  wikipage: "wiki.wikipage",
  milestone: "milestones.milestone",
  /** a story linked to an epic (server/resources/epic-related-userstories.ts) */
  relateduserstory: "epics.relateduserstory",
};

export interface HistoryInput {
  projectId: number;
  contentType: keyof typeof HISTORY_KEY_PREFIX;
  objectId: number;
  type: (typeof HISTORY_TYPE)[keyof typeof HISTORY_TYPE];
  user: UserRow;
  diff?: Record<string, [unknown, unknown]>;
  values?: Record<string, unknown>;
  valuesDiff?: Record<string, unknown>;
  snapshot?: unknown;
  comment?: string;
  commentHtml?: string;
  createdAt?: string;
}

/** The `user` object stored with an entry. */
export function historyUser(u: UserRow): Record<string, unknown> {
  return { pk: u.id, username: u.username, name: fullNameDisplay(u), photo: u.photo, is_active: u.is_active === 1, gravatar_id: gravatarId(u.email) };
}

/** Inserts one entry and returns its id. Call inside the transaction of the change. */
export function recordHistory(db: Db, h: HistoryInput): string {
  const id = randomUUID();
  const seqRow = prepared(db, "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM history_entries").get() as { n: number };
  prepared(db, 
    `INSERT INTO history_entries (id, seq, project_id, content_type, object_id, key, type, user, created_at, diff, snapshot,
       "values", values_diff, comment, comment_html, is_snapshot)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    seqRow.n,
    h.projectId,
    h.contentType,
    h.objectId,
    `${HISTORY_KEY_PREFIX[h.contentType]}:${h.objectId}`,
    h.type,
    JSON.stringify(historyUser(h.user)),
    h.createdAt ?? nowIso(),
    JSON.stringify(h.diff ?? {}),
    h.snapshot === undefined ? null : JSON.stringify(h.snapshot),
    JSON.stringify(h.values ?? {}),
    JSON.stringify(h.valuesDiff ?? {}),
    h.comment ?? "",
    h.commentHtml ?? "",
    h.snapshot === undefined ? 0 : 1,
  );
  return id;
}

/* ------------------------------------------------------------------ text diffs ------------------------------------------------------------------ */

const escapeDiffText = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br />");

/** An unchanged stretch of more than 25 words keeps 10 words each side of "(...)" (only the far side at the ends). */
function shortenEqual(text: string, index: number, size: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 25) return text;
  const first = index === 0 ? "" : words.slice(0, 10).join(" ");
  const last = index !== 0 && index === size - 1 ? "" : words.slice(-10).join(" ");
  return `${first}(...)${last}`;
}

/**
 * The `<field>_diff` of a text field as taiga-back builds it (mdrender.get_diff_of_htmls): a
 * semantic diff-match-patch of the two texts as HTML, insertions in `<ins>`, deletions in `<del>`,
 * unchanged text in `<span>` (long stretches shortened). "" when nothing changed.
 */
export function textDiffHtml(before: string, after: string): string {
  const dmp = new DiffMatchPatch();
  const diffs = dmp.diff_main(before, after);
  dmp.diff_cleanupSemantic(diffs);
  return diffs
    .map(([op, data], i) => {
      if (op === DiffMatchPatch.DIFF_INSERT) return `<ins style="background:#e6ffe6;">${escapeDiffText(data)}</ins>`;
      if (op === DiffMatchPatch.DIFF_DELETE) return `<del style="background:#ffe6e6;">${escapeDiffText(data)}</del>`;
      return `<span>${shortenEqual(escapeDiffText(data), i, diffs.length)}</span>`;
    })
    .join("");
}

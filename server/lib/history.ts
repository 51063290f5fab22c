/**
 * History entries (`history_entries`): one row per create / change / delete of an item, with the
 * diff `{field: [old, new]}`, an optional comment, and the author's small user object.
 * Read by `GET /history/<type>/<id>` (change entries only, newest first).
 */
import { randomUUID } from "node:crypto";
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

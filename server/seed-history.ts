/**
 * A believable past for the demo's stories, tasks and issues: after its creation entry, each item
 * gets the history a team leaves behind over a few weeks — who took it (assignment), how it moved
 * (status changes, in the workflow's order, by whoever worked on it) and a few comments from
 * different members — so Activity and Comments are never empty the first time someone opens one.
 *
 * The entries are written the way the server writes real changes (the same `diff`, `values` and
 * `values_diff`, comments rendered to `comment_html`), dated between the item's creation and now,
 * and the item's `version` counts them, as Taiga's does. Deterministic: texts and people come from
 * the item's position, never from a clock or a random source; only the dates follow today.
 */
import type { Db } from "./db";
import { HISTORY_TYPE, recordHistory } from "./lib/history";
import { describeDiff, renderMarkdown } from "./lib/userstories";
import { describeItemDiff, ISSUE_SPEC, TASK_SPEC } from "./lib/workitems";
import type { UserRow } from "./lib/users";

export type HistoryKind = "userstory" | "task" | "issue";

export interface ItemPast {
  kind: HistoryKind;
  projectId: number;
  objectId: number;
  /** When the item was created (its creation entry's date). */
  createdAt: string;
  /** Status ids from the first to the current one; one id when it never moved. */
  statusPath: number[];
  /** The user the item ended up assigned to (assigned some time after its creation), if any. */
  assignee: UserRow | null;
  /** Who set it up (assigns it, moves it when nobody is assigned). */
  lead: UserRow;
  /** Members who may comment, in a fixed order. */
  people: UserRow[];
  /** The item's position in its list: picks its comments and commenters. */
  index: number;
  /** Its tags and description now (one of them was last touched after its creation). */
  tags: string[];
  description: string;
}

const STORY_COMMENTS = [
  "I can take this one after the sprint review.",
  "The acceptance criteria look right to me. Should we cover the **empty state** too?",
  "A first version is on staging; feedback welcome.",
  "The design is in the wiki; the spacing follows the new grid.",
  "Checked with the customer: the keyboard flow matters more to them than the colours.",
  "Waited a day for the API change; unblocked now.",
  "I split the last criterion into a story of its own so this one can close.",
  "Reviewed: two small remarks in the pull request, otherwise ready.",
  "Tested in Firefox and Safari, works as described.",
  "Can we keep the old behaviour behind a setting for one release?",
  "Estimate looks high to me; most of it already exists in the settings page.",
  "Added a short demo video to the story, see the attachments.",
] as const;

const TASK_COMMENTS = [
  "Started on this; the tricky part is the error handling.",
  "Done locally, waiting for CI.",
  "Needs a second pair of eyes on the edge cases.",
  "Moved the shared code into a helper so the next task can reuse it.",
  "Paired on this one this morning, almost there.",
] as const;

const ISSUE_COMMENTS = [
  "Reproduced on the latest build.",
  "Could not reproduce with a fresh account. Which browser are you on?",
  "Thanks for the report, adding it to the next sprint.",
  "Workaround for now: reload the page after saving.",
  "Confirmed by two more users; raising the priority.",
  "A fix is in review.",
] as const;

const COMMENTS: Record<HistoryKind, readonly string[]> = { userstory: STORY_COMMENTS, task: TASK_COMMENTS, issue: ISSUE_COMMENTS };

/**
 * The status ids walked from the workflow's first status to `current`, at most `steps` moves (the
 * last ones kept); a status off the main line (Needs Info, Rejected...) is reached from the first.
 */
export function statusWalk(order: readonly number[], current: number, steps = 3): number[] {
  const at = order.indexOf(current);
  if (at === 0 || order.length === 0) return [current];
  if (at < 0) return [order[0]!, current];
  const walked = order.slice(0, at + 1);
  return walked.length > steps + 1 ? [walked[0]!, ...walked.slice(-steps)] : walked;
}

type Diff = Record<string, [unknown, unknown]>;

interface Planned {
  at: number;
  user: UserRow;
  diff: Diff;
  comment: string;
}

/**
 * Writes an item's past (entries after its creation, in date order) and sets its `version` and
 * `modified_date` to match. Answers the number of entries written.
 */
export function writeItemPast(db: Db, past: ItemPast, now: Date): number {
  const created = Date.parse(past.createdAt);
  const end = now.getTime() - 2 * 3_600_000;
  if (!(created < end)) return 0;
  const span = end - created;
  const at = (fraction: number, minutes: number) => Math.round(created + span * fraction + minutes * 60_000);
  const planned: Planned[] = [];

  if (past.assignee) {
    const diff: Diff = { assigned_to: [null, past.assignee.id] };
    if (past.kind === "userstory") diff["assigned_users"] = [[], [past.assignee.id]];
    planned.push({ at: at(0.08, 5), user: past.lead, diff, comment: "" });
  }
  const moves = past.statusPath.length - 1;
  for (let step = 1; step <= moves; step += 1) {
    const mover = past.assignee ?? past.lead;
    planned.push({ at: at(0.15 + (0.7 * step) / (moves + 1), 11 * step), user: mover, diff: { status: [past.statusPath[step - 1], past.statusPath[step]] }, comment: "" });
  }
  if (planned.length === 0) {
    // Nobody took it and it never moved: someone still tidied it up (its last tag, or its text).
    const diff: Diff = past.tags.length ? { tags: [past.tags.slice(0, -1), past.tags] } : { description: ["", past.description] };
    planned.push({ at: at(0.1, 3), user: past.lead, diff, comment: "" });
  }

  const pool = COMMENTS[past.kind];
  const count = 1 + (past.index % 3);
  for (let k = 0; k < count; k += 1) {
    const author = past.people[(past.index + 2 * k) % past.people.length]!;
    const text = pool[(past.index * 5 + k * 7) % pool.length]!;
    planned.push({ at: at(0.25 + (0.7 * k) / count, 17 + k), user: author, diff: {}, comment: text });
  }

  planned.sort((a, b) => a.at - b.at);
  for (const entry of planned) {
    const { values, valuesDiff } =
      past.kind === "userstory" ? describeDiff(db, entry.diff) : describeItemDiff(db, past.kind === "task" ? TASK_SPEC : ISSUE_SPEC, entry.diff);
    recordHistory(db, {
      projectId: past.projectId,
      contentType: past.kind,
      objectId: past.objectId,
      type: HISTORY_TYPE.change,
      user: entry.user,
      diff: entry.diff,
      values,
      valuesDiff,
      comment: entry.comment,
      commentHtml: entry.comment ? renderMarkdown(entry.comment) : "",
      createdAt: new Date(entry.at).toISOString(),
    });
  }
  const table = past.kind === "userstory" ? "userstories" : past.kind === "task" ? "tasks" : "issues";
  const last = new Date(planned[planned.length - 1]!.at).toISOString();
  db.prepare(`UPDATE ${table} SET version = ?, modified_date = ? WHERE id = ?`).run(1 + planned.length, last, past.objectId);
  return planned.length;
}

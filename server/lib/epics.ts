/**
 * Epics: row type, the JSON shapes of taiga-back's epic serializers (list / detail), the progress of an
 * epic's related stories (`user_stories_counts`), the history snapshot used for diffs and OCC, and the
 * default colour. The routes live in `server/resources/epics.ts` and `epic-related-userstories.ts`.
 */
import { randomInt } from "node:crypto";
import type { Db } from "../db";
import { formatDateTime } from "./dates";
import { stringList, tagsColorsObject } from "./projects";
import { diffDescriber, groupBy, parseJson, placeholders, renderMarkdown } from "./userstories";
import { userExtraInfo, type UserRow } from "./users";

export type Json = Record<string, unknown>;

export interface EpicRow {
  id: number;
  project_id: number;
  ref: number;
  subject: string;
  description: string;
  status_id: number | null;
  owner_id: number | null;
  assigned_to_id: number | null;
  color: string;
  tags: string;
  epics_order: number;
  client_requirement: number;
  team_requirement: number;
  is_blocked: number;
  blocked_note: string;
  external_reference: string | null;
  version: number;
  created_date: string;
  modified_date: string;
}

export interface LinkRow {
  id: number;
  epic_id: number;
  userstory_id: number;
  order: number;
}

export const EPIC_NOT_FOUND = "No Epic matches the given query.";

export function getEpic(db: Db, id: number): EpicRow | undefined {
  return db.prepare("SELECT * FROM epics WHERE id = ?").get(id) as EpicRow | undefined;
}

/** The Tango palette taiga-back picks a new epic's colour from (`taiga/base/utils/colors.py`). */
export const EPIC_COLORS = [
  "#fce94f", "#edd400", "#c4a000", "#8ae234", "#73d216", "#4e9a06", "#d3d7cf", "#fcaf3e", "#f57900", "#ce5c00",
  "#729fcf", "#3465a4", "#204a87", "#888a85", "#ad7fa8", "#75507b", "#5c3566", "#ef2929", "#cc0000", "#a40000",
] as const;

export const randomEpicColor = (): string => EPIC_COLORS[randomInt(EPIC_COLORS.length)] as string;

/**
 * `user_stories_counts` per epic: `total` linked stories and `progress` = the sum over them of 1 for a
 * closed story, else closed tasks ÷ tasks (0 without tasks); `progress` is null without stories.
 */
export function userStoriesCounts(db: Db, epicIds: number[]): Map<number, { total: number; progress: number | null }> {
  const out = new Map<number, { total: number; progress: number | null }>();
  if (epicIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT l.epic_id, us.id, us.is_closed,
              (SELECT COUNT(*) FROM tasks t WHERE t.user_story_id = us.id) AS tasks,
              (SELECT COUNT(*) FROM tasks t JOIN task_statuses s ON s.id = t.status_id WHERE t.user_story_id = us.id AND s.is_closed = 1) AS closed_tasks
         FROM epic_related_userstories l JOIN userstories us ON us.id = l.userstory_id
        WHERE l.epic_id IN (${placeholders(epicIds.length)})`,
    )
    .all(...epicIds) as { epic_id: number; id: number; is_closed: number; tasks: number; closed_tasks: number }[];
  for (const id of epicIds) out.set(id, { total: 0, progress: null });
  for (const r of rows) {
    const entry = out.get(r.epic_id) as { total: number; progress: number | null };
    const done = r.is_closed === 1 ? 1 : r.tasks > 0 ? r.closed_tasks / r.tasks : 0;
    entry.total += 1;
    entry.progress = (entry.progress ?? 0) + done;
  }
  return out;
}

export interface EpicSerializeOptions {
  /** detail shape: adds comment, blocked_note_html, description, description_html */
  detail?: boolean;
  includeAttachments?: boolean;
}

/** Serializes epics (list shape, or detail shape), batching every lookup. */
export function serializeEpics(db: Db, rows: EpicRow[], viewer: UserRow | null, opts: EpicSerializeOptions = {}): Json[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const idIn = placeholders(ids.length);
  const byId = <T extends { id: number }>(sql: (inList: string) => string, keys: (number | null)[]): Map<number, T> => {
    const list = [...new Set(keys.filter((k): k is number => k !== null))];
    if (list.length === 0) return new Map();
    return new Map((db.prepare(sql(placeholders(list.length))).all(...list) as T[]).map((r) => [r.id, r]));
  };
  const projects = byId<{ id: number; name: string; slug: string; logo: string | null; tags_colors: string }>(
    (i) => `SELECT id, name, slug, logo, tags_colors FROM projects WHERE id IN (${i})`,
    rows.map((r) => r.project_id),
  );
  const colors = new Map([...projects.values()].map((p) => [p.id, tagsColorsObject(p.tags_colors)]));
  const statuses = byId<{ id: number; name: string; color: string; is_closed: number }>(
    (i) => `SELECT id, name, color, is_closed FROM epic_statuses WHERE id IN (${i})`,
    rows.map((r) => r.status_id),
  );
  const users = byId<UserRow>((i) => `SELECT * FROM users WHERE id IN (${i})`, rows.flatMap((r) => [r.owner_id, r.assigned_to_id]));
  const watchers = groupBy(
    db.prepare(`SELECT object_id, user_id FROM watchers WHERE content_type = 'epic' AND object_id IN (${idIn}) ORDER BY created_date, user_id`).all(...ids) as {
      object_id: number;
      user_id: number;
    }[],
    (r) => r.object_id,
  );
  const votes = groupBy(
    db.prepare(`SELECT object_id, user_id FROM votes WHERE content_type = 'epic' AND object_id IN (${idIn})`).all(...ids) as { object_id: number; user_id: number }[],
    (r) => r.object_id,
  );
  const attachments = opts.includeAttachments
    ? groupBy(
        db
          .prepare(`SELECT id, object_id, attached_file FROM attachments WHERE content_type = 'epic' AND object_id IN (${idIn}) AND is_deprecated = 0 ORDER BY "order", id`)
          .all(...ids) as { id: number; object_id: number; attached_file: string }[],
        (r) => r.object_id,
      )
    : new Map<number, { id: number; attached_file: string }[]>();
  const counts = userStoriesCounts(db, ids);

  return rows.map((r) => {
    const project = projects.get(r.project_id);
    const tagColors = colors.get(r.project_id) ?? {};
    const status = r.status_id !== null ? statuses.get(r.status_id) : undefined;
    const epicWatchers = (watchers.get(r.id) ?? []).map((w) => w.user_id);
    const voters = (votes.get(r.id) ?? []).map((v) => v.user_id);
    const out: Json = {
      tags: stringList(r.tags).map((t) => [t, tagColors[t] ?? null]),
      attachments: (attachments.get(r.id) ?? []).map((a) => ({ id: a.id, attached_file: a.attached_file, thumbnail_card_url: null })),
      project: r.project_id,
      project_extra_info: project ? { name: project.name, slug: project.slug, logo_small_url: project.logo, id: project.id } : null,
      status: r.status_id,
      status_extra_info: status ? { name: status.name, color: status.color, is_closed: status.is_closed === 1 } : null,
      assigned_to: r.assigned_to_id,
      assigned_to_extra_info: r.assigned_to_id !== null ? userExtraInfo(users.get(r.assigned_to_id)) : null,
      owner: r.owner_id,
      owner_extra_info: r.owner_id !== null ? userExtraInfo(users.get(r.owner_id)) : null,
      is_watcher: viewer !== null && epicWatchers.includes(viewer.id),
      total_watchers: epicWatchers.length,
      is_voter: viewer !== null && voters.includes(viewer.id),
      total_voters: voters.length,
      id: r.id,
      ref: r.ref,
      created_date: formatDateTime(r.created_date),
      modified_date: formatDateTime(r.modified_date),
      subject: r.subject,
      color: r.color,
      epics_order: r.epics_order,
      client_requirement: r.client_requirement === 1,
      team_requirement: r.team_requirement === 1,
      version: r.version,
      watchers: epicWatchers,
      is_blocked: r.is_blocked === 1,
      blocked_note: r.blocked_note,
      is_closed: status?.is_closed === 1,
      user_stories_counts: counts.get(r.id) ?? { total: 0, progress: null },
    };
    if (opts.detail) {
      Object.assign(out, {
        comment: "",
        blocked_note_html: renderMarkdown(r.blocked_note),
        description: r.description,
        description_html: renderMarkdown(r.description),
      });
    }
    return out;
  });
}

/* ------------------------------------------------------------------ history ------------------------------------------------------------------ */

export type Snapshot = Record<string, unknown>;

/** The frozen epic (taiga's `epic_freezer`) whose keys are the diff keys of history and OCC. */
export function snapshotEpic(db: Db, id: number): Snapshot | undefined {
  const r = getEpic(db, id);
  if (!r) return undefined;
  return {
    ref: r.ref,
    color: r.color,
    owner: r.owner_id,
    status: r.status_id,
    epics_order: r.epics_order,
    subject: r.subject,
    description: r.description,
    description_html: renderMarkdown(r.description),
    assigned_to: r.assigned_to_id,
    client_requirement: r.client_requirement === 1,
    team_requirement: r.team_requirement === 1,
    tags: stringList(r.tags),
    is_blocked: r.is_blocked === 1,
    blocked_note: r.blocked_note,
    blocked_note_html: renderMarkdown(r.blocked_note),
    external_reference: parseJson(r.external_reference),
  };
}

export function diffEpicSnapshots(before: Snapshot, after: Snapshot): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = [before[key] ?? null, after[key] ?? null];
  }
  return diff;
}

/** `values` and `values_diff` of an epic history entry (status and user ids resolved to names). */
export function describeEpicDiff(db: Db, diff: Record<string, [unknown, unknown]>): { values: Json; valuesDiff: Json } {
  const { values, valuesDiff, userName, describeNamed, describePlain } = diffDescriber(db);
  for (const [key, [oldValue, newValue]] of Object.entries(diff)) {
    if (key === "status") describeNamed(key, "epic_statuses", oldValue, newValue);
    else if (key === "owner" || key === "assigned_to") valuesDiff[key] = [userName(oldValue), userName(newValue)];
    else describePlain(key, oldValue, newValue);
  }
  return { values, valuesDiff };
}

/** The link shape of `/epics/{id}/related_userstories`. */
export const serializeLink = (l: LinkRow): Json => ({ epic: l.epic_id, user_story: l.userstory_id, order: l.order });

/** Every link of an epic in Taiga's model order (user story, order, id). */
export function linksOfEpic(db: Db, epicId: number): LinkRow[] {
  return db.prepare(`SELECT * FROM epic_related_userstories WHERE epic_id = ? ORDER BY userstory_id, "order", id`).all(epicId) as LinkRow[];
}

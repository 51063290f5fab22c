/**
 * Votes on epics, stories, tasks and issues (taiga/projects/votes): `POST /<res>/<id>/upvote` and
 * `/downvote` (200, empty body; repeating one changes nothing), `GET /<res>/<id>/voters` (paginated
 * `[{id, username, full_name}]`, by username) and `GET /<res>/<id>/voters/<user id>`. The items'
 * `is_voter` and `total_voters` read the same `votes` rows; `voteSummary` gives them to a serializer.
 *
 * Taiga's checks, in its order: the item is looked up among the ones the caller may see (404 with an
 * empty `_error_message`, or 401 for an anonymous caller), voting needs a signed-in user with the view permission, and the project
 * must be writable (archived 403, blocked 451).
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound } from "../http/errors";
import { paginateArray } from "../http/pagination";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";
import { fullNameDisplay } from "../lib/users";
import { assertWritable } from "../lib/workitem-handlers";
import { placeholders } from "../lib/workitems";

export type VotedContentType = "epic" | "userstory" | "task" | "issue";

export interface VotedKind {
  /** URL segment: `/issues` */
  path: string;
  /** `content_type` of the `votes` rows */
  contentType: VotedContentType;
  table: string;
  /** permission to see (and so to vote on) an item of this kind */
  view: string;
}

export const VOTED_KINDS: readonly VotedKind[] = [
  { path: "epics", contentType: "epic", table: "epics", view: "view_epics" },
  { path: "userstories", contentType: "userstory", table: "userstories", view: "view_us" },
  { path: "tasks", contentType: "task", table: "tasks", view: "view_tasks" },
  { path: "issues", contentType: "issue", table: "issues", view: "view_issues" },
];

/** `total_voters` and `is_voter` of many items at once (one query). */
export function voteSummary(db: Db, contentType: VotedContentType, ids: number[], viewerId: number | null): Map<number, { total: number; isVoter: boolean }> {
  const out = new Map<number, { total: number; isVoter: boolean }>();
  for (const id of ids) out.set(id, { total: 0, isVoter: false });
  if (ids.length === 0) return out;
  const rows = db
    .prepare(`SELECT object_id, COUNT(*) AS n, MAX(user_id = ?) AS mine FROM votes WHERE content_type = ? AND object_id IN (${placeholders(ids.length)}) GROUP BY object_id`)
    .all(viewerId ?? -1, contentType, ...ids) as { object_id: number; n: number; mine: number }[];
  for (const r of rows) out.set(r.object_id, { total: r.n, isVoter: r.mine === 1 });
  return out;
}

/**
 * The item as `get_object()` finds it: only among the items the caller may see, so a missing or
 * hidden one is 404 for a signed-in caller and 401 for an anonymous one.
 */
function loadVotable(c: Ctx, kind: VotedKind): { id: number; project: ProjectRow } {
  const db = c.var.deps.db;
  const id = idParam(c);
  const item = db.prepare(`SELECT id, project_id FROM ${kind.table} WHERE id = ?`).get(id) as { id: number; project_id: number } | undefined;
  const project = item ? getProject(db, item.project_id) : undefined;
  const visible = !!project && projectAccess(db, c.var.user, project).permissions.has(kind.view);
  if (!item || !project || !visible) {
    if (!c.var.user) throw notAuthenticated();
    throw notFound();
  }
  return { id: item.id, project };
}

function vote(c: Ctx, kind: VotedKind, up: boolean): Response {
  const { id, project } = loadVotable(c, kind);
  const user = requireUser(c);
  assertWritable(project);
  const db = c.var.deps.db;
  if (up) {
    db.prepare("INSERT OR IGNORE INTO votes (content_type, object_id, user_id, created_date) VALUES (?, ?, ?, ?)").run(kind.contentType, id, user.id, nowIso());
  } else {
    db.prepare("DELETE FROM votes WHERE content_type = ? AND object_id = ? AND user_id = ?").run(kind.contentType, id, user.id);
  }
  return empty(200);
}

interface Voter {
  id: number;
  username: string;
  full_name: string;
}

/**
 * The voters of an item (VotersViewSetMixin): the item is looked up without the visibility filter
 * (missing: 404, or 401 for an anonymous caller), then the view permission is checked (401/403).
 */
function voters(c: Ctx, kind: VotedKind): Voter[] {
  const db = c.var.deps.db;
  const raw = c.req.param("id") ?? "";
  const item = /^\d{1,15}$/.test(raw) ? (db.prepare(`SELECT id, project_id FROM ${kind.table} WHERE id = ?`).get(Number(raw)) as { id: number; project_id: number } | undefined) : undefined;
  const project = item ? getProject(db, item.project_id) : undefined;
  if (!item || !project) {
    if (!c.var.user) throw notAuthenticated();
    throw notFound();
  }
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(kind.view)) throw denied(access);
  const rows = db
    .prepare("SELECT u.id, u.username, u.full_name FROM votes v JOIN users u ON u.id = v.user_id WHERE v.content_type = ? AND v.object_id = ? ORDER BY u.username, u.id")
    .all(kind.contentType, item.id) as Voter[];
  return rows.map((u) => ({ id: u.id, username: u.username, full_name: fullNameDisplay(u) }));
}

/** Adds the vote routes of `kinds` (all four voted kinds by default). */
export function registerVotes(routes: Routes, kinds: readonly VotedKind[] = VOTED_KINDS): void {
  for (const kind of kinds) {
    routes.add(`/${kind.path}/:id/upvote`, { POST: (c) => vote(c, kind, true) });
    routes.add(`/${kind.path}/:id/downvote`, { POST: (c) => vote(c, kind, false) });
    routes.add(`/${kind.path}/:id/voters`, { GET: (c) => paginateArray(c, voters(c, kind)) });
    routes.add(`/${kind.path}/:id/voters/:userId`, {
      GET: (c) => {
        const list = voters(c, kind);
        const userId = c.req.param("userId");
        const voter = list.find((v) => String(v.id) === userId);
        // Taiga answers a user who did not vote with a bare 404 (response.NotFound(), no body)
        return voter ? json(c, voter) : empty(404);
      },
    });
  }
}

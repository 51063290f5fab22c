/**
 * Timelines (taiga/timeline/api.py), newest first and paginated like every list:
 * - `GET /timeline/project/{id}`: what happened in a project (needs `view_project`);
 * - `GET /timeline/user/{id}`: what a user did;
 * - `GET /timeline/profile/{id}`: what happened to the things a user is involved in (owns, is assigned
 *   to or watches), their memberships and projects.
 * Entries are derived from the history the server records (server/lib/timeline.ts), so a new story or
 * comment shows up at once. Every entry is filtered by what the caller may see; `?only_relevant` drops
 * deletions, as taiga-back does.
 */
import type { Ctx, Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { loadVisibleProject } from "../lib/projects";
import { loadEvents, relatedObjects, serializeTimeline, type TimelineEvent, type TimelineOwner, visibleTo } from "../lib/timeline";

/** `?only_relevant`: leave out deletions and project edits. */
function relevant(c: Ctx, events: TimelineEvent[]): TimelineEvent[] {
  if (c.req.query("only_relevant") === undefined) return events;
  return events.filter((e) => e.type !== "delete" && !(e.kind === "project" && e.type === "change"));
}

function answer(c: Ctx, events: TimelineEvent[], owner: TimelineOwner): Response {
  const visible = visibleTo(c.var.deps.db, c.var.user);
  const list = relevant(c, events).filter(visible);
  return paginate(c, list.length, (limit, offset) => serializeTimeline(c.var.deps.db, limit < 0 ? list : list.slice(offset, offset + limit), owner));
}

function timelineUser(c: Ctx): number {
  const id = idParam(c);
  if (!c.var.deps.db.prepare("SELECT 1 FROM users WHERE id = ?").get(id)) throw notFound();
  return id;
}

export function registerTimeline(routes: Routes): void {
  routes.add("/timeline/project/:id", {
    GET: (c) => {
      const { project } = loadVisibleProject(c, idParam(c));
      return answer(c, loadEvents(c.var.deps.db, { projectId: project.id }), { kind: "project", id: project.id });
    },
  });
  routes.add("/timeline/user/:id", {
    GET: (c) => {
      const id = timelineUser(c);
      return answer(c, loadEvents(c.var.deps.db, { actorId: id, memberId: id, ownerId: id, userId: id }), { kind: "user", id });
    },
  });
  routes.add("/timeline/profile/:id", {
    GET: (c) => {
      const id = timelineUser(c);
      const related = relatedObjects(c.var.deps.db, id);
      const events = loadEvents(c.var.deps.db, { memberId: id, ownerId: id, userId: id }).filter(
        (e) => e.kind === "membership" || e.kind === "project" || e.kind === "user" || related.has(`${e.kind}:${e.objectId}`),
      );
      return answer(c, events, { kind: "user", id });
    },
  });
}

/**
 * The stories of an epic (taiga/projects/epics/api.py, `EpicRelatedUserStoryViewSet`):
 * `/epics/{epic}/related_userstories[/{user story id}]` — list (model order: story id, order, id), link
 * a story (201 `{epic, user_story, order}`), read / PUT / PATCH / DELETE a link addressed by the **story
 * id**, and `bulk_create` (new stories, one per line, linked to the epic; 200 with every link of the
 * epic). A PATCH of `order` renumbers the epic's links with the legacy algorithm (`set-orders` keys are
 * story ids, the `Taiga-Info-Order-Updated` keys link ids).
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { type JsonObject, readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound, validationError } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam } from "../http/params";
import { empty, json } from "../http/respond";
import { EPIC_NOT_FOUND, type EpicRow, getEpic, type LinkRow, linksOfEpic, serializeLink } from "../lib/epics";
import { HISTORY_TYPE, recordHistory } from "../lib/history";
import { applyOrderUpdates, formatOrderUpdatedHeader } from "../lib/ordering";
import { type Access, denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";
import type { UserRow } from "../lib/users";
import { assertWritable, nowMillis, readSetOrders } from "../lib/workitem-handlers";
import { insertStory } from "./userstories";

const LINK_NOT_FOUND = "No RelatedUserStory matches the given query.";
const DUPLICATE = "Related user story with this User story and Epic already exists.";

interface EpicAccess {
  epic: EpicRow;
  project: ProjectRow;
  access: Access;
}

/** The epic of the URL: 404 when missing (401 for anonymous callers), 401/403 without `view_epics`. */
function loadEpic(c: Ctx): EpicAccess {
  const db = c.var.deps.db;
  const epic = getEpic(db, idParam(c, "epic"));
  const project = epic ? getProject(db, epic.project_id) : undefined;
  if (!epic || !project) throw c.var.user ? notFound(EPIC_NOT_FOUND) : notAuthenticated();
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_epics")) throw denied(access);
  return { epic, project, access };
}

/** Writes need `modify_epic` in the epic's project, which must not be blocked (451) or archived (403). */
function assertCanModify(e: EpicAccess): void {
  if (!e.access.permissions.has("modify_epic")) throw denied(e.access);
  assertWritable(e.project);
}

function getLink(db: Db, epicId: number, storyId: number): LinkRow | undefined {
  return db.prepare("SELECT * FROM epic_related_userstories WHERE epic_id = ? AND userstory_id = ?").get(epicId, storyId) as LinkRow | undefined;
}

/** A story the caller may link: it exists and its project lets the caller see stories. */
function storyVisible(c: Ctx, storyId: number): boolean {
  const db = c.var.deps.db;
  const story = db.prepare("SELECT project_id FROM userstories WHERE id = ?").get(storyId) as { project_id: number } | undefined;
  const project = story ? getProject(db, story.project_id) : undefined;
  return !!project && projectAccess(db, c.var.user, project).permissions.has("view_us");
}

/** `{epic, user_story, order}` of a create / update body (DRF's ModelValidator wording). */
function validateLinkBody(c: Ctx, body: JsonObject, mode: "create" | "put" | "patch"): { epic?: number; user_story?: number; order?: number } {
  const db = c.var.deps.db;
  const v = new Validator(body);
  const required = mode !== "patch";
  const epic = v.pk("epic", { required });
  const story = v.pk("user_story", { required });
  const order = v.integer("order");
  if (typeof epic === "number" && !getEpic(db, epic)) v.fail("epic", `Invalid pk '${epic}' - object does not exist.`);
  if (typeof story === "number" && !storyVisible(c, story)) v.fail("user_story", `Invalid pk '${story}' - object does not exist.`);
  v.check();
  return {
    epic: typeof epic === "number" ? epic : undefined,
    user_story: typeof story === "number" ? story : undefined,
    order: typeof order === "number" ? order : undefined,
  };
}

/** History of a link (for the timeline): the epic and the story travel in the snapshot so a deleted link still reads. */
function recordLinkEvent(db: Db, link: LinkRow, projectId: number, user: UserRow, type: number): void {
  recordHistory(db, {
    projectId,
    contentType: "relateduserstory",
    objectId: link.id,
    type: type as 1 | 2 | 3,
    user,
    snapshot: { epic: link.epic_id, user_story: link.userstory_id, order: link.order },
  });
}

async function createLink(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const e = loadEpic(c);
  const data = validateLinkBody(c, body, "create");
  if (getLink(db, e.epic.id, data.user_story as number)) throw validationError({ __all__: [DUPLICATE] });
  assertCanModify(e);
  const user = requireUser(c);
  const link = db.transaction(() => {
    const info = db
      .prepare(`INSERT INTO epic_related_userstories (epic_id, userstory_id, "order") VALUES (?, ?, ?)`)
      .run(e.epic.id, data.user_story, data.order ?? nowMillis());
    const row = db.prepare("SELECT * FROM epic_related_userstories WHERE id = ?").get(Number(info.lastInsertRowid)) as LinkRow;
    recordLinkEvent(db, row, e.project.id, user, HISTORY_TYPE.create);
    return row;
  })();
  return json(c, serializeLink(link), 201);
}

function loadLink(c: Ctx, e: EpicAccess): LinkRow {
  const link = getLink(c.var.deps.db, e.epic.id, idParam(c, "story"));
  if (!link) throw notFound(LINK_NOT_FOUND);
  return link;
}

async function updateLink(c: Ctx, mode: "put" | "patch"): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const e = loadEpic(c);
  const link = loadLink(c, e);
  const data = validateLinkBody(c, body, mode);
  assertCanModify(e);
  requireUser(c);
  const target = { epic: data.epic ?? link.epic_id, story: data.user_story ?? link.userstory_id, order: data.order ?? link.order };
  if (target.epic !== link.epic_id) {
    // moving the link to another epic needs the same right over that one
    const epic = getEpic(db, target.epic) as EpicRow;
    const project = getProject(db, epic.project_id) as ProjectRow;
    assertCanModify({ epic, project, access: projectAccess(db, c.var.user, project) });
  }
  if ((target.epic !== link.epic_id || target.story !== link.userstory_id) && getLink(db, target.epic, target.story)) throw validationError({ __all__: [DUPLICATE] });
  const setOrders = readSetOrders(c);
  let header = "{}";
  db.transaction(() => {
    db.prepare(`UPDATE epic_related_userstories SET epic_id = ?, userstory_id = ?, "order" = ? WHERE id = ?`).run(target.epic, target.story, target.order, link.id);
    if (target.order !== link.order || target.story !== link.userstory_id || target.epic !== link.epic_id) {
      const links = linksOfEpic(db, target.epic);
      const byStory = new Map(links.map((l) => [l.userstory_id, l.id]));
      const wanted = new Map<number, number>();
      for (const [storyId, order] of setOrders) {
        const linkId = byStory.get(storyId);
        if (linkId !== undefined) wanted.set(linkId, order);
      }
      wanted.set(link.id, target.order);
      // as in Taiga, the base holds the saved (new) value: every link from the new position on moves down one
      const changed = applyOrderUpdates(links.map((l) => ({ id: l.id, order: l.order })), wanted);
      const update = db.prepare(`UPDATE epic_related_userstories SET "order" = ? WHERE id = ?`);
      for (const a of changed) update.run(a.order, a.id);
      header = formatOrderUpdatedHeader(changed);
    }
  })();
  const saved = db.prepare("SELECT * FROM epic_related_userstories WHERE id = ?").get(link.id) as LinkRow;
  return json(c, serializeLink(saved), 200, { "Taiga-Info-Order-Updated": header });
}

function deleteLink(c: Ctx): Response {
  const db = c.var.deps.db;
  const e = loadEpic(c);
  const link = loadLink(c, e);
  assertCanModify(e);
  const user = requireUser(c);
  db.transaction(() => {
    db.prepare("DELETE FROM epic_related_userstories WHERE id = ?").run(link.id);
    recordLinkEvent(db, link, e.project.id, user, HISTORY_TYPE.delete);
  })();
  return empty(204);
}

/** `{project_id, bulk_userstories: "A\nB"}`: new stories in that project (default swimlane on a Kanban project), each linked to the epic. */
async function bulkCreate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const v = new Validator(body);
  const projectId = v.integer("project_id", { required: true });
  const text = v.string("bulk_userstories", { required: true });
  if (typeof projectId === "number" && !getProject(db, projectId)) v.fail("project_id", "There's no project with that id");
  v.check();
  const e = loadEpic(c);
  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("modify_epic")) throw denied(access);
  const user = requireUser(c);
  assertWritable(project);
  assertWritable(e.project);
  const subjects = (text as string).split("\n").map((s) => s.trim()).filter((s) => s !== "");
  db.transaction(() => {
    const order = nowMillis();
    for (const subject of subjects) {
      const storyId = insertStory(db, {
        project,
        subject: subject.slice(0, 500),
        owner: user,
        statusId: project.default_us_status_id,
        swimlaneId: project.is_kanban_activated === 1 ? project.default_swimlane_id : null,
      });
      const info = db.prepare(`INSERT INTO epic_related_userstories (epic_id, userstory_id, "order") VALUES (?, ?, ?)`).run(e.epic.id, storyId, order);
      recordLinkEvent(db, { id: Number(info.lastInsertRowid), epic_id: e.epic.id, userstory_id: storyId, order }, project.id, user, HISTORY_TYPE.create);
    }
  })();
  return json(c, linksOfEpic(db, e.epic.id).map(serializeLink));
}

export function registerEpicRelatedUserstories(routes: Routes): void {
  routes.add("/epics/:epic/related_userstories", {
    GET: (c) => {
      // taiga-back filters the links by the URL's epic: an unknown epic lists nothing
      if (!getEpic(c.var.deps.db, idParam(c, "epic"))) return paginate(c, 0, () => []);
      const { epic } = loadEpic(c);
      const links = linksOfEpic(c.var.deps.db, epic.id);
      return paginate(c, links.length, (limit, offset) => (limit < 0 ? links : links.slice(offset, offset + limit)).map(serializeLink));
    },
    POST: createLink,
  });
  routes.add("/epics/:epic/related_userstories/bulk_create", { POST: bulkCreate });
  routes.add("/epics/:epic/related_userstories/:story", {
    GET: (c) => json(c, serializeLink(loadLink(c, loadEpic(c)))),
    PUT: (c) => updateLink(c, "put"),
    PATCH: (c) => updateLink(c, "patch"),
    DELETE: deleteLink,
  });
}

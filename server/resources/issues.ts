/**
 * Issues (taiga/projects/issues/api.py): list (newest first by default) with Taiga's filters, detail,
 * by_ref, filters_data, create with the project's default status/type/priority/severity, bulk_create,
 * bulk_update_milestone, promote_to_user_story, PUT/PATCH with OCC, DELETE. Values of another project
 * answer 403 as Taiga does. Votes and watchers: resources/votes.ts, resources/watchers.ts.
 */
import { randomUUID } from "node:crypto";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound, validationError } from "../http/errors";
import { idParam } from "../http/params";
import { json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { HISTORY_KEY_PREFIX } from "../lib/history";
import { denied, projectAccess } from "../lib/permissions";
import { pyType } from "../lib/item-fields";
import { getProject, stringList } from "../lib/projects";
import { getUser } from "../lib/users";
import { addWatcher, getItem, ISSUE_SPEC, type ItemRow, placeholders, serializeItems } from "../lib/workitems";
import { assertWritable, byRef, createItem, deleteItem, detailResponse, filtersData, insertItem, listItems, loadReadable, updateItem } from "../lib/workitem-handlers";
import { copyAttachments, removeAttachmentsOf } from "./attachments";
import { insertStory } from "./userstories";

const spec = ISSUE_SPEC;

/** `POST /issues/bulk_create` `{project_id, bulk_issues: "A\nB", milestone_id?}` -> 200 array of details. */
async function bulkCreate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const errors = fields.errors;
  const projectId = fields.integer("project_id", { required: true });
  const milestoneId = fields.integer("milestone_id", { allowNull: true });
  const text = body.bulk_issues;
  if (text === undefined || text === null) errors.bulk_issues = ["This field is required."];
  else if (typeof text !== "string") errors.bulk_issues = ["Not a valid string."];
  if (typeof projectId === "number" && !getProject(db, projectId)) errors.project_id = ["The project doesn't exist"];
  if (typeof milestoneId === "number" && !db.prepare("SELECT 1 FROM milestones WHERE id = ?").get(milestoneId)) errors.milestone_id = ["Invalid milestone id."];
  if (Object.keys(errors).length) throw validationError(errors);
  const project = getProject(db, projectId as number);
  if (!project) throw validationError({ project_id: ["The project doesn't exist"] });
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.add)) throw denied(access);
  const user = requireUser(c);
  assertWritable(project);
  const subjects = (text as string).split("\n").map((s) => s.trim()).filter((s) => s !== "");
  const ids: number[] = [];
  db.transaction(() => {
    const now = nowIso();
    for (const subject of subjects) ids.push(insertItem(db, spec, { project, owner: user.id, now, changes: { subject, milestone: milestoneId ?? null } }, user));
  })();
  const rows = ids.length ? (db.prepare(`SELECT * FROM issues WHERE id IN (${placeholders(ids.length)}) ORDER BY id`).all(...ids) as ItemRow[]) : [];
  return json(c, serializeItems(db, spec, rows, c.var.user, { detail: true }));
}

/** IntegerField of Taiga's bulk validators (required): "This field is required." / "Enter a whole number.". */
function requiredInt(fields: Validator, name: string): number | undefined {
  const v = fields.integer(name, { required: true });
  return typeof v === "number" ? v : undefined;
}

/**
 * `POST /issues/bulk_update_milestone` `{project_id, milestone_id, bulk_issues: [{issue_id}]}` -> 200
 * `{"<issue id>": <milestone id>}`. A raw write, as in Taiga: no history, no version or modified_date
 * change, no sprint recomputation; needs `modify_issue`. Deliberate deviation: Taiga never runs its
 * "same project" check for the issue ids (its validator method is misnamed), so it would move issues
 * of other projects into this sprint; here they are refused with the message Taiga meant to send.
 */
async function bulkUpdateMilestone(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const errors = fields.errors;
  const projectId = requiredInt(fields, "project_id");
  const milestoneId = requiredInt(fields, "milestone_id");
  const list = body.bulk_issues;
  const issueIds: number[] = [];
  if (list === undefined || list === null) errors.bulk_issues = ["This field is required."];
  else if (!Array.isArray(list)) errors.bulk_issues = [`Expected a list of items but got type "${pyType(list)}".`];
  else {
    const entryErrors = list.map((entry: unknown) => {
      const id = entry && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>).issue_id : undefined;
      if (id === undefined || id === null) return { issue_id: ["This field is required."] };
      const n = typeof id === "number" ? id : typeof id === "string" && /^-?\d+$/.test(id.trim()) ? Number(id) : NaN;
      if (!Number.isSafeInteger(n)) return { issue_id: ["Enter a whole number."] };
      issueIds.push(n);
      return {};
    });
    if (entryErrors.some((e) => Object.keys(e).length > 0)) (errors as Record<string, unknown>).bulk_issues = entryErrors;
  }
  if (projectId !== undefined && !getProject(db, projectId)) errors.project_id = ["There's no project with that id"];
  else if (projectId !== undefined && milestoneId !== undefined && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, projectId)) {
    errors.milestone_id = ["The milestone isn't valid for the project"];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const project = getProject(db, projectId as number);
  if (!project) throw validationError({ project_id: ["There's no project with that id"] });
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.modify)) throw denied(access);
  const unique = [...new Set(issueIds)];
  const found = unique.length ? (db.prepare(`SELECT COUNT(*) AS n FROM issues WHERE project_id = ? AND id IN (${placeholders(unique.length)})`).get(project.id, ...unique) as { n: number }).n : 0;
  if (found !== unique.length) throw validationError({ bulk_issues: ["All the issues must be from the same project"] });
  db.transaction(() => {
    const update = db.prepare("UPDATE issues SET milestone_id = ? WHERE id = ?");
    for (const id of unique) update.run(milestoneId, id);
  })();
  return json(c, Object.fromEntries(issueIds.map((id) => [String(id), milestoneId])));
}

/**
 * `POST /issues/<id>/promote_to_user_story` `{project_id}` -> 200 `[<story ref>]` (PromoteToUserStoryMixin).
 * The caller needs `add_us` in the project sent; the story is made in the issue's own project with the
 * issue's subject, description, tags, sprint, owner and assignee (as an assigned user), its comments,
 * attachments and watchers, linked back by `generated_from_issue`. The issue stays. As in Taiga the
 * story gets no creation history entry.
 */
async function promoteToUserStory(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const projectId = requiredInt(fields, "project_id");
  if (projectId !== undefined && !getProject(db, projectId)) fields.fail("project_id", "There's no project with that id");
  fields.check();
  const target = getProject(db, projectId as number);
  if (!target) throw notFound();
  const targetAccess = projectAccess(db, c.var.user, target);
  if (!c.var.user) throw notAuthenticated();
  if (!targetAccess.permissions.has("add_us")) throw denied(targetAccess);
  const user = requireUser(c);

  // get_object(): only among the issues the caller may see
  const issue = getItem(db, spec, idParam(c));
  const project = issue ? getProject(db, issue.project_id) : undefined;
  if (!issue || !project || !projectAccess(db, user, project).permissions.has(spec.perms.view)) throw notFound();

  const refs: number[] = [];
  db.transaction(() => {
    const now = nowIso();
    const owner = (issue.owner_id !== null ? getUser(db, issue.owner_id) : undefined) ?? user;
    const tags = stringList(issue.tags).map((name) => ({ name, color: null }));
    const storyId = insertStory(db, {
      project,
      subject: issue.subject,
      owner,
      statusId: project.default_us_status_id,
      swimlaneId: null,
      history: false,
      changes: {
        description: issue.description,
        tags,
        milestone: issue.milestone_id,
        generated_from_issue: issue.id,
        assigned_users: issue.assigned_to_id !== null ? [issue.assigned_to_id] : undefined,
      },
    });
    if (issue.owner_id === null) db.prepare("UPDATE userstories SET owner_id = NULL WHERE id = ?").run(storyId);
    // comments (deleted ones too) keep their authors and dates
    const comments = db
      .prepare("SELECT * FROM history_entries WHERE content_type = 'issue' AND object_id = ? AND comment <> '' ORDER BY seq")
      .all(issue.id) as Record<string, unknown>[];
    for (const entry of comments) {
      const seq = (db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM history_entries").get() as { n: number }).n;
      db.prepare(
        `INSERT INTO history_entries (id, seq, project_id, content_type, object_id, key, type, user, created_at, diff, snapshot, "values", values_diff,
           comment, comment_html, comment_versions, delete_comment_date, delete_comment_user, edit_comment_date, is_hidden, is_snapshot)
         VALUES (?, ?, ?, 'userstory', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
      ).run(
        randomUUID(), seq, entry.project_id, storyId, `${HISTORY_KEY_PREFIX.userstory}:${storyId}`, entry.type, entry.user, entry.created_at, entry.diff,
        entry.values, entry.values_diff, entry.comment, entry.comment_html, entry.comment_versions, entry.delete_comment_date, entry.delete_comment_user, entry.edit_comment_date,
      );
    }
    copyAttachments(db, { contentType: "issue", objectId: issue.id }, { contentType: "userstory", objectId: storyId });
    const watchers = db.prepare("SELECT user_id FROM watchers WHERE content_type = 'issue' AND object_id = ? ORDER BY created_date, user_id").all(issue.id) as { user_id: number }[];
    for (const w of watchers) addWatcher(db, "userstory", storyId, w.user_id, now);
    refs.push((db.prepare("SELECT ref FROM userstories WHERE id = ?").get(storyId) as { ref: number }).ref);
  })();
  return json(c, refs);
}

export function registerIssues(routes: Routes): void {
  routes.add("/issues", {
    GET: (c) => listItems(c, spec),
    POST: (c) => createItem(c, spec),
  });
  routes.add("/issues/by_ref", { GET: (c) => byRef(c, spec) });
  routes.add("/issues/filters_data", { GET: (c) => filtersData(c, spec) });
  routes.add("/issues/bulk_create", { POST: (c) => bulkCreate(c) });
  routes.add("/issues/bulk_update_milestone", { POST: (c) => bulkUpdateMilestone(c) });
  routes.add("/issues/:id/promote_to_user_story", { POST: (c) => promoteToUserStory(c) });
  routes.add("/issues/:id", {
    GET: (c) => {
      const { item } = loadReadable(c, spec, idParam(c));
      return detailResponse(c, spec, item);
    },
    PUT: (c) => updateItem(c, spec, "put"),
    PATCH: (c) => updateItem(c, spec, "patch"),
    DELETE: (c) => deleteItem(c, spec, removeAttachmentsOf),
  });
}

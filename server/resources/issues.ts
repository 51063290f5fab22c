/**
 * Issues (taiga/projects/issues/api.py): list (newest first by default) with Taiga's filters, detail,
 * by_ref, filters_data, create with the project's default status/type/priority/severity, bulk_create,
 * PUT/PATCH with OCC, DELETE. Values of another project answer 403 as Taiga does.
 */
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { validationError } from "../http/errors";
import { idParam } from "../http/params";
import { json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { denied, projectAccess } from "../lib/permissions";
import { getProject } from "../lib/projects";
import { ISSUE_SPEC, type ItemRow, placeholders, serializeItems } from "../lib/workitems";
import { assertWritable, byRef, createItem, deleteItem, detailResponse, filtersData, insertItem, listItems, loadReadable, updateItem } from "../lib/workitem-handlers";
import { removeAttachmentsOf } from "./attachments";

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

export function registerIssues(routes: Routes): void {
  routes.add("/issues", {
    GET: (c) => listItems(c, spec),
    POST: (c) => createItem(c, spec),
  });
  routes.add("/issues/by_ref", { GET: (c) => byRef(c, spec) });
  routes.add("/issues/filters_data", { GET: (c) => filtersData(c, spec) });
  routes.add("/issues/bulk_create", { POST: (c) => bulkCreate(c) });
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

/**
 * Tasks (taiga/projects/tasks/api.py): list with Taiga's filters, detail, by_ref, filters_data, create
 * (a task in a story takes the story's sprint), bulk_create, PUT/PATCH with OCC and the us/taskboard
 * renumbering side effects (`set-orders` request header, `Taiga-Info-Order-Updated` answer), DELETE,
 * the `{task_id, order}` bulk ordering endpoints (legacy `apply_order_updates` maths) and
 * `bulk_update_milestone`. Votes live in `votes.ts`, watchers in `watchers.ts`.
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { validationError } from "../http/errors";
import { idParam } from "../http/params";
import { json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { applyOrderUpdates, formatOrderUpdatedHeader, type OrderAssignment } from "../lib/ordering";
import { denied, projectAccess } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";
import { readBulkEntries } from "../lib/milestones";
import { diffItemSnapshots, recordItemChange, snapshotItem, TASK_SPEC, type ItemRow, placeholders, serializeItems } from "../lib/workitems";
import {
  assertWritable,
  byRef,
  createItem,
  deleteItem,
  detailResponse,
  filtersData,
  insertItem,
  itemsOfProject,
  listItems,
  loadReadable,
  updateItem,
} from "../lib/workitem-handlers";
import { removeAttachmentsOf } from "./attachments";

const spec = TASK_SPEC;

/* ================================================================== PATCH ordering side effects ================================================================== */

const storyKey = (t: ItemRow): string => `${t.project_id}-${t.user_story_id}-${t.us_order}`;
const boardKey = (t: ItemRow): string => `${t.project_id}-${t.user_story_id}-${t.status_id}-${t.taskboard_order}`;

/** Renumbers one order field around the saved task (plus the `set-orders` positions) and writes it. */
function renumber(db: Db, saved: ItemRow, field: "us_order" | "taskboard_order", setOrders: Map<number, number>): OrderAssignment[] {
  const where = ["project_id = ?"];
  const params: unknown[] = [saved.project_id];
  if (field === "us_order") {
    if (saved.user_story_id) {
      where.push("user_story_id = ?");
      params.push(saved.user_story_id);
    }
  } else {
    for (const [column, value] of [
      ["user_story_id", saved.user_story_id],
      ["status_id", saved.status_id],
      ["milestone_id", saved.milestone_id],
    ] as const) {
      if (value !== null && value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
  }
  const base = (db.prepare(`SELECT id, ${field} AS "order" FROM tasks WHERE ${where.join(" AND ")} ORDER BY ${field}, id`).all(...params) as { id: number; order: number }[]).map((r) =>
    r.id === saved.id ? { id: r.id, order: saved[field] ?? 0 } : r,
  );
  const wanted = new Map<number, number>(setOrders);
  wanted.set(saved.id, saved[field] ?? 0);
  const changed = applyOrderUpdates(base, wanted);
  const update = db.prepare(`UPDATE tasks SET ${field} = ? WHERE id = ?`);
  for (const a of changed) update.run(a.order, a.id);
  return changed;
}

function afterTaskUpdate(db: Db, before: ItemRow, after: ItemRow, setOrders: Map<number, number>): string {
  const changed: OrderAssignment[] = [];
  if (storyKey(after) !== storyKey(before)) changed.push(...renumber(db, after, "us_order", setOrders));
  if (boardKey(after) !== boardKey(before)) changed.push(...renumber(db, after, "taskboard_order", setOrders));
  return formatOrderUpdatedHeader(changed);
}

/* ================================================================== bulk endpoints ================================================================== */

interface BulkProject {
  project: ProjectRow;
}

/** Integer field of a bulk body (null counts as absent), in DRF 2's words. */
function bulkInt(fields: Validator, name: string, required: boolean): number | undefined {
  return fields.integer(name, { required }) ?? undefined;
}

/** Loads the project of a bulk request (`project_id`), with Taiga's errors. */
function bulkProject(c: Ctx, projectId: number, permission: string): BulkProject {
  const project = getProject(c.var.deps.db, projectId);
  if (!project) throw validationError({ project_id: ["There's no project with that id"] });
  const access = projectAccess(c.var.deps.db, c.var.user, project);
  if (!access.permissions.has(permission)) throw denied(access);
  assertWritable(project);
  return { project };
}

async function bulkCreate(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const errors = fields.errors;
  const projectId = bulkInt(fields, "project_id", true);
  const milestoneId = bulkInt(fields, "milestone_id", true);
  const statusId = bulkInt(fields, "status_id", false);
  const storyId = bulkInt(fields, "us_id", false);
  const text = body.bulk_tasks;
  if (text === undefined || text === null) errors.bulk_tasks = ["This field is required."];
  else if (typeof text !== "string") errors.bulk_tasks = ["Not a valid string."];
  if (projectId !== undefined && !getProject(db, projectId)) errors.project_id = ["There's no project with that id"];
  if (projectId !== undefined && milestoneId !== undefined && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, projectId)) {
    errors.milestone_id = ["Invalid milestone id."];
  }
  if (projectId !== undefined && statusId !== undefined && !db.prepare("SELECT 1 FROM task_statuses WHERE id = ? AND project_id = ?").get(statusId, projectId)) {
    errors.status_id = ["Invalid task status id."];
  }
  if (projectId !== undefined && storyId !== undefined) {
    const ok = db.prepare("SELECT 1 FROM userstories WHERE id = ? AND project_id = ? AND (? IS NULL OR milestone_id = ?)").get(storyId, projectId, milestoneId ?? null, milestoneId ?? null);
    if (!ok) errors.us_id = ["Invalid user story id."];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const { project } = bulkProject(c, projectId as number, spec.perms.add);
  const user = requireUser(c);
  const subjects = (text as string).split("\n").map((s) => s.trim()).filter((s) => s !== "");
  const ids: number[] = [];
  db.transaction(() => {
    const now = nowIso();
    for (const subject of subjects) {
      ids.push(
        insertItem(
          db,
          spec,
          { project, owner: user.id, now, changes: { subject, milestone: milestoneId ?? null, status: statusId ?? null, user_story: storyId ?? null } },
          user,
        ),
      );
    }
  })();
  const rows = ids.length ? (db.prepare(`SELECT * FROM tasks WHERE id IN (${placeholders(ids.length)}) ORDER BY id`).all(...ids) as ItemRow[]) : [];
  return json(c, serializeItems(db, spec, rows, c.var.user, { detail: true }));
}

/** `bulk_update_taskboard_order` / `bulk_update_us_order`: `{project_id, milestone_id?, status_id?, us_id?, bulk_tasks: [{task_id, order}]}`. */
async function bulkUpdateOrder(c: Ctx, field: "taskboard_order" | "us_order"): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const errors = fields.errors;
  const projectId = bulkInt(fields, "project_id", true);
  const milestoneId = bulkInt(fields, "milestone_id", false);
  const statusId = bulkInt(fields, "status_id", false);
  const storyId = bulkInt(fields, "us_id", false);
  const wanted = new Map<number, number>();
  const list = body.bulk_tasks;
  if (list === undefined || list === null) errors.bulk_tasks = ["This field is required."];
  else if (!Array.isArray(list)) errors.bulk_tasks = [`Expected a list of items but got type "${typeof list === "string" ? "str" : typeof list}".`];
  else {
    for (const entry of list as unknown[]) {
      const e = entry as Record<string, unknown> | null;
      const taskId = e && typeof e === "object" ? e.task_id : undefined;
      const order = e && typeof e === "object" ? e.order : undefined;
      if (typeof taskId !== "number" || !Number.isSafeInteger(taskId) || typeof order !== "number" || !Number.isSafeInteger(order)) {
        errors.bulk_tasks = [`Invalid data: every entry needs an integer "task_id" and "order".`];
        break;
      }
      wanted.set(taskId, order);
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
  const project = getProject(db, projectId as number);
  if (!project) throw validationError({ project_id: ["There's no project with that id"] });
  if (statusId !== undefined && !db.prepare("SELECT 1 FROM task_statuses WHERE id = ? AND project_id = ?").get(statusId, project.id)) {
    errors.status_id = ["Invalid task status id. The status must belong to the same project."];
  }
  if (storyId !== undefined && !db.prepare("SELECT 1 FROM userstories WHERE id = ? AND project_id = ? AND (? IS NULL OR milestone_id = ?)").get(storyId, project.id, milestoneId ?? null, milestoneId ?? null)) {
    errors.us_id = ["Invalid user story id. The user story must belong to the same project."];
  }
  if (milestoneId !== undefined && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, project.id)) {
    errors.milestone_id = ["Invalid milestone id. The milestone must belong to the same project."];
  }
  const tasks = itemsOfProject(db, spec, project.id, [...wanted.keys()]);
  const matches = (t: ItemRow): boolean =>
    (statusId === undefined || t.status_id === statusId) && (storyId === undefined || t.user_story_id === storyId) && (milestoneId === undefined || t.milestone_id === milestoneId);
  if (tasks.length !== wanted.size || !tasks.every(matches)) {
    errors.bulk_tasks = ["Invalid task ids. All tasks must belong to the same project and, if it exists, to the same status, user story and/or milestone."];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  bulkProject(c, project.id, spec.perms.modify);

  // Taiga's base: the project's tasks filtered by status and milestone (never by story)
  const where = ["project_id = ?"];
  const params: unknown[] = [project.id];
  if (statusId !== undefined) {
    where.push("status_id = ?");
    params.push(statusId);
  }
  if (milestoneId !== undefined) {
    where.push("milestone_id = ?");
    params.push(milestoneId);
  }
  const base = db.prepare(`SELECT id, ${field} AS "order" FROM tasks WHERE ${where.join(" AND ")} ORDER BY id`).all(...params) as { id: number; order: number }[];
  const changed = applyOrderUpdates(base, wanted);
  db.transaction(() => {
    const update = db.prepare(`UPDATE tasks SET ${field} = ? WHERE id = ?`);
    for (const a of changed) update.run(a.order, a.id);
  })();
  return json(c, Object.fromEntries(changed.map((a) => [String(a.id), a.order])));
}

/**
 * `bulk_update_milestone` `{project_id, milestone_id, bulk_tasks: [{task_id, order}]}`
 * (`update_tasks_milestone_in_bulk`): the target sprint's `taskboard_order`s plus the moved tasks at
 * their requested orders, legacy renumbering; the tasks get the sprint by a raw write (their story is
 * left alone, `version` and `modified_date` untouched, no sprint `closed` recomputation) and a history
 * snapshot each. Answers `{task id: milestone id}`. Like taiga-back it has no blocked-project check.
 */
async function bulkUpdateMilestone(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const body = await readObject(c);
  const fields = new Validator(body);
  const errors = fields.errors as Record<string, unknown>;
  const projectId = bulkInt(fields, "project_id", true);
  const milestoneId = bulkInt(fields, "milestone_id", true);
  const entries = readBulkEntries(body, "bulk_tasks", "task_id", true, errors);
  if (projectId !== undefined && !getProject(db, projectId)) errors.project_id = ["There's no project with that id"];
  else if (projectId !== undefined) {
    if (milestoneId !== undefined && !db.prepare("SELECT 1 FROM milestones WHERE id = ? AND project_id = ?").get(milestoneId, projectId)) {
      errors.milestone_id = ["The milestone isn't valid for the project"];
    }
    if (entries) {
      const ids = entries.map((e) => e.id);
      const found = ids.length ? itemsOfProject(db, spec, projectId, [...new Set(ids)]).length : 0;
      if (found !== ids.length) errors.bulk_tasks = ["All the tasks must be from the same project"];
    }
  }
  if (Object.keys(errors).length) throw validationError(errors as Record<string, string[]>);
  const project = getProject(db, projectId as number) as ProjectRow;
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has(spec.perms.modify)) throw denied(access);
  const user = requireUser(c);
  const list = entries ?? [];

  const current = db.prepare("SELECT id, taskboard_order AS o FROM tasks WHERE milestone_id = ?").all(milestoneId) as { id: number; o: number }[];
  const base = new Map<number, number>(current.map((r) => [r.id, r.o]));
  const wanted = new Map<number, number>();
  for (const e of list) {
    base.set(e.id, e.order);
    wanted.set(e.id, e.order);
  }
  const changed = applyOrderUpdates([...base].map(([id, order]) => ({ id, order })), wanted);
  db.transaction(() => {
    const snapshots = new Map([...wanted.keys()].map((id) => [id, snapshotItem(db, spec, id) ?? {}]));
    const setMilestone = db.prepare("UPDATE tasks SET milestone_id = ? WHERE id = ?");
    for (const id of wanted.keys()) setMilestone.run(milestoneId, id);
    const setOrder = db.prepare("UPDATE tasks SET taskboard_order = ? WHERE id = ?");
    for (const a of changed) setOrder.run(a.order, a.id);
    for (const [id, before] of snapshots) {
      const task = db.prepare("SELECT * FROM tasks WHERE id = ?").get(id) as ItemRow;
      recordItemChange(db, spec, task, user, diffItemSnapshots(before, snapshotItem(db, spec, id) ?? {}));
    }
  })();
  return json(c, Object.fromEntries([...wanted.keys()].map((id) => [String(id), milestoneId])));
}

/* ================================================================== routes ================================================================== */

export function registerTasks(routes: Routes): void {
  routes.add("/tasks", {
    GET: (c) => listItems(c, spec),
    POST: (c) => createItem(c, spec),
  });
  routes.add("/tasks/by_ref", { GET: (c) => byRef(c, spec) });
  routes.add("/tasks/filters_data", { GET: (c) => filtersData(c, spec) });
  routes.add("/tasks/bulk_create", { POST: (c) => bulkCreate(c) });
  routes.add("/tasks/bulk_update_taskboard_order", { POST: (c) => bulkUpdateOrder(c, "taskboard_order") });
  routes.add("/tasks/bulk_update_us_order", { POST: (c) => bulkUpdateOrder(c, "us_order") });
  routes.add("/tasks/bulk_update_milestone", { POST: (c) => bulkUpdateMilestone(c) });
  routes.add("/tasks/:id", {
    GET: (c) => {
      const { item } = loadReadable(c, spec, idParam(c));
      return detailResponse(c, spec, item);
    },
    PUT: (c) => updateItem(c, spec, "put", afterTaskUpdate),
    PATCH: (c) => updateItem(c, spec, "patch", afterTaskUpdate),
    DELETE: (c) => deleteItem(c, spec, removeAttachmentsOf),
  });
}


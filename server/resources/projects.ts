/**
 * Projects: `GET /projects` (filters `member`, `order_by=user_order`, `slight`; anonymous
 * callers see public projects only; paginated), `GET /projects/{id}`, `GET /projects/by_slug?slug=`.
 * Detail embeds the project's value rows (with `project_id`), members and the caller's permissions.
 * Also `/projects/{id}/stats`, `/issues_stats`, `/member_stats`, `/tags_colors` (tag admin: project-tags.ts), `POST /projects/bulk_update_order`; writes live in
 * projects-write.ts.
 */
import type { Db } from "../db";
import type { Ctx, Routes } from "../http/context";
import { paginate } from "../http/pagination";
import { boolQuery, idParam, intQuery, switchQuery } from "../http/params";
import { readJson, Validator } from "../http/body";
import { notFound, validationError } from "../http/errors";
import { empty, json } from "../http/respond";
import { applyOrderUpdates } from "../lib/ordering";
import { formatDateTime } from "../lib/dates";
import { projectIssuesStats, projectMemberStats, projectStats } from "../lib/project-stats";
import { registerProjectTags } from "./project-tags";
import { registerProjectSocial } from "./project-social";
import { createProjectHandler, deleteProjectHandler, updateProjectHandler } from "./projects-write";
import { type Access, visibleProjectsSql } from "../lib/permissions";
import { accessTo, getProject, loadVisibleProject, type ProjectRow, stringList, tagsColorsObject } from "../lib/projects";
import { embedValue, VALUE_KINDS, valueRows } from "../lib/values";
import { fullNameDisplay, getUser, gravatarId, userExtraInfo, type UserRow } from "../lib/users";

type Json = Record<string, unknown>;

const count = (db: Db, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

interface MemberRow extends UserRow {
  role_id: number;
  role_name: string;
}

function memberRows(db: Db, projectId: number): MemberRow[] {
  return db
    .prepare(
      `SELECT u.*, m.role_id, r.name AS role_name FROM memberships m JOIN users u ON u.id = m.user_id JOIN roles r ON r.id = m.role_id
       WHERE m.project_id = ? ORDER BY COALESCE(NULLIF(u.full_name, ''), u.username), u.id`,
    )
    .all(projectId) as MemberRow[];
}

/** Tags in use in the project (stories, tasks, issues, epics), first-seen order. */
function projectTags(db: Db, projectId: number): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT j.value AS tag FROM (
         SELECT tags FROM userstories WHERE project_id = ? UNION ALL SELECT tags FROM tasks WHERE project_id = ?
         UNION ALL SELECT tags FROM issues WHERE project_id = ? UNION ALL SELECT tags FROM epics WHERE project_id = ?
       ) t, json_each(t.tags) j`,
    )
    .all(projectId, projectId, projectId, projectId) as { tag: unknown }[];
  return rows.map((r) => r.tag).filter((t): t is string => typeof t === "string");
}

/** Fields shared by the list, slight list and detail shapes. */
function baseProject(db: Db, p: ProjectRow, access: Access, user: UserRow | null, members: Json[] | number[], slight: boolean): Json {
  const fans = count(db, "SELECT COUNT(*) AS n FROM votes WHERE content_type = 'project' AND object_id = ?", p.id);
  const activity = count(db, "SELECT COUNT(*) AS n FROM history_entries WHERE project_id = ?", p.id);
  const watchers = count(db, "SELECT COUNT(*) AS n FROM watchers WHERE content_type = 'project' AND object_id = ?", p.id);
  const isWatcher = user ? count(db, "SELECT COUNT(*) AS n FROM watchers WHERE content_type = 'project' AND object_id = ? AND user_id = ?", p.id, user.id) > 0 : false;
  const isFan = user ? count(db, "SELECT COUNT(*) AS n FROM votes WHERE content_type = 'project' AND object_id = ? AND user_id = ?", p.id, user.id) > 0 : false;
  const out: Json = {
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    created_date: formatDateTime(p.created_date),
    modified_date: formatDateTime(p.modified_date),
    owner: userExtraInfo(p.owner_id !== null ? getUser(db, p.owner_id) : undefined),
    members,
    total_milestones: p.total_milestones,
    total_story_points: p.total_story_points,
    is_contact_activated: p.is_contact_activated === 1,
    is_epics_activated: p.is_epics_activated === 1,
    is_backlog_activated: p.is_backlog_activated === 1,
    is_kanban_activated: p.is_kanban_activated === 1,
    is_wiki_activated: p.is_wiki_activated === 1,
    is_issues_activated: p.is_issues_activated === 1,
    videoconferences: p.videoconferences,
    videoconferences_extra_data: p.videoconferences_extra_data,
    creation_template: p.creation_template,
    is_private: p.is_private === 1,
    anon_permissions: stringList(p.anon_permissions),
    public_permissions: stringList(p.public_permissions),
    is_featured: p.is_featured === 1,
    is_looking_for_people: p.is_looking_for_people === 1,
    looking_for_people_note: p.looking_for_people_note,
    blocked_code: p.blocked_code,
    archived_code: p.archived_code,
    totals_updated_datetime: formatDateTime(p.totals_updated_datetime ?? p.modified_date),
    total_fans: fans,
    total_fans_last_week: fans,
    total_fans_last_month: fans,
    total_fans_last_year: fans,
    total_activity: activity,
    total_activity_last_week: activity,
    total_activity_last_month: activity,
    total_activity_last_year: activity,
    tags: projectTags(db, p.id),
    tags_colors: tagsColorsObject(p.tags_colors),
    default_epic_status: p.default_epic_status_id,
    default_points: p.default_points_id,
    default_us_status: p.default_us_status_id,
    default_task_status: p.default_task_status_id,
    default_priority: p.default_priority_id,
    default_severity: p.default_severity_id,
    default_issue_status: p.default_issue_status_id,
    default_issue_type: p.default_issue_type_id,
    default_swimlane: p.default_swimlane_id,
    my_permissions: [...access.permissions],
    i_am_owner: access.isOwner,
    i_am_admin: access.isAdmin,
    i_am_member: access.isMember,
  };
  if (!slight) {
    out["notify_level"] = access.isMember ? 1 : null;
    out["total_closed_milestones"] = count(db, "SELECT COUNT(*) AS n FROM milestones WHERE project_id = ? AND closed = 1", p.id);
  }
  out["is_watcher"] = isWatcher;
  out["total_watchers"] = watchers;
  out["logo_small_url"] = p.logo ? `/media/${p.logo}` : null;
  if (!slight) out["logo_big_url"] = p.logo ? `/media/${p.logo}` : null;
  out["is_fan"] = isFan;
  out["my_homepage"] = user ? false : "{}";
  return out;
}

function customAttributes(db: Db, projectId: number, kind: string): Json[] | null {
  const rows = db.prepare(`SELECT * FROM custom_attributes WHERE project_id = ? AND kind = ? ORDER BY "order", id`).all(projectId, kind) as Json[];
  if (rows.length === 0) return null;
  const pgDate = (s: unknown): unknown => (typeof s === "string" ? s.replace(/Z$/, "+00:00") : s);
  return rows.map((r) => ({
    id: r["id"],
    name: r["name"],
    description: r["description"],
    type: r["type"],
    order: r["order"],
    created_date: pgDate(r["created_date"]),
    modified_date: pgDate(r["modified_date"]),
    project_id: r["project_id"],
    extra: typeof r["extra"] === "string" ? (JSON.parse(r["extra"]) as unknown) : null,
  }));
}

const orNull = <T>(rows: T[]): T[] | null => (rows.length === 0 ? null : rows);

/** The full detail shape (`/projects/{id}`, `/projects/by_slug`). */
export function serializeProjectDetail(db: Db, p: ProjectRow, access: Access, user: UserRow | null): Json {
  const members = memberRows(db, p.id).map((m) => ({
    role: m.role_id,
    role_name: m.role_name,
    full_name: m.full_name,
    full_name_display: fullNameDisplay(m),
    is_active: m.is_active === 1,
    id: m.id,
    color: m.color,
    username: m.username,
    photo: m.photo,
    gravatar_id: gravatarId(m.email),
  }));
  const out = baseProject(db, p, access, user, members, false);
  const kind = (key: string) => VALUE_KINDS.find((k) => k.projectKey === key);
  const embed = (key: string): Json[] | null => {
    const k = kind(key);
    return k ? orNull(valueRows(db, k, p.id).map((r) => embedValue(k, r))) : null;
  };
  const duedates = (k: string): Json[] | null =>
    orNull(
      (db.prepare(`SELECT * FROM duedates WHERE project_id = ? AND kind = ? ORDER BY "order", id`).all(p.id, k) as Json[]).map((d) => ({
        id: d["id"],
        name: d["name"],
        order: d["order"],
        by_default: d["by_default"] === 1,
        color: d["color"],
        days_to_due: d["days_to_due"],
        project_id: d["project_id"],
      })),
    );
  out["epic_statuses"] = embed("epic_statuses");
  out["swimlanes"] = orNull(db.prepare(`SELECT id, name, "order", project_id FROM swimlanes WHERE project_id = ? ORDER BY "order", id`).all(p.id) as Json[]);
  out["us_statuses"] = embed("us_statuses");
  out["us_duedates"] = duedates("us");
  out["points"] = embed("points");
  out["task_statuses"] = embed("task_statuses");
  out["task_duedates"] = duedates("task");
  out["issue_statuses"] = embed("issue_statuses");
  out["issue_types"] = embed("issue_types");
  out["issue_duedates"] = duedates("issue");
  out["priorities"] = embed("priorities");
  out["severities"] = embed("severities");
  out["epic_custom_attributes"] = customAttributes(db, p.id, "epic");
  out["userstory_custom_attributes"] = customAttributes(db, p.id, "userstory");
  out["task_custom_attributes"] = customAttributes(db, p.id, "task");
  out["issue_custom_attributes"] = customAttributes(db, p.id, "issue");
  out["roles"] = orNull(
    (db.prepare(`SELECT * FROM roles WHERE project_id = ? ORDER BY "order", id`).all(p.id) as Json[]).map((r) => ({
      id: r["id"],
      name: r["name"],
      slug: r["slug"],
      permissions: stringList(r["permissions"] as string),
      order: r["order"],
      computable: r["computable"] === 1,
      project_id: r["project_id"],
    })),
  );
  out["total_memberships"] = count(db, "SELECT COUNT(*) AS n FROM memberships WHERE project_id = ?", p.id);
  out["is_out_of_owner_limits"] = false;
  if (access.isAdmin) {
    // ProjectDetailAdminSerializer: these keys only exist for project admins
    out["is_private_extra_info"] = { can_be_updated: true, reason: null };
    out["max_memberships"] = null;
    out["epics_csv_uuid"] = null;
    out["userstories_csv_uuid"] = null;
    out["tasks_csv_uuid"] = null;
    out["issues_csv_uuid"] = null;
    out["transfer_token"] = p.transfer_token;
  }
  out["milestones"] = (
    db.prepare("SELECT id, slug, name, closed FROM milestones WHERE project_id = ? ORDER BY estimated_start, id").all(p.id) as {
      id: number;
      slug: string;
      name: string;
      closed: number;
    }[]
  ).map((m) => ({ id: m.id, slug: m.slug, name: m.name, closed: m.closed === 1 }));
  return out;
}

function listProjects(c: Ctx): Response {
  const db = c.var.deps.db;
  const user = c.var.user;
  const visible = visibleProjectsSql(user, "p");
  const where = [visible.sql];
  const params: unknown[] = [...visible.params];
  const member = intQuery(c, "member");
  if (member !== undefined) {
    where.push("EXISTS (SELECT 1 FROM memberships fm WHERE fm.project_id = p.id AND fm.user_id = ?)");
    params.push(member);
  }
  for (const flag of ["is_looking_for_people", "is_featured", "is_backlog_activated", "is_kanban_activated"] as const) {
    const v = boolQuery(c, flag);
    if (v !== undefined) {
      where.push(`p.${flag} = ?`);
      params.push(v ? 1 : 0);
    }
  }
  const slight = switchQuery(c, "slight");
  const byUserOrder = c.req.query("order_by") === "user_order" && user !== null;
  const order = byUserOrder
    ? "COALESCE((SELECT um.user_order FROM memberships um WHERE um.project_id = p.id AND um.user_id = ?), 9007199254740991), p.name, p.id"
    : "p.name, p.id";
  const orderParams = byUserOrder && user ? [user.id] : [];
  const whereSql = where.join(" AND ");
  const total = count(db, `SELECT COUNT(*) AS n FROM projects p WHERE ${whereSql}`, ...params);
  return paginate(c, total, (limit, offset) => {
    const rows = db.prepare(`SELECT p.* FROM projects p WHERE ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, ...orderParams, limit, offset) as ProjectRow[];
    return rows.map((p) => {
      const memberIds = memberRows(db, p.id).map((m) => m.id);
      return baseProject(db, p, accessTo(c, p), user, memberIds, slight);
    });
  });
}

function detail(c: Ctx, id: number): Response {
  const { project, access } = loadVisibleProject(c, id);
  return json(c, serializeProjectDetail(c.var.deps.db, project, access, c.var.user));
}

/**
 * `POST /projects/bulk_update_order [{project_id, order}]`: the caller's own project order (membership
 * `user_order`), renumbered like Taiga's apply_order_updates; 204. Anonymous: 401 with an empty body.
 */
async function bulkUpdateUserOrder(c: Ctx): Promise<Response> {
  const user = c.var.user;
  if (!user) return empty(401);
  const db = c.var.deps.db;
  const body = await readJson(c);
  if (!Array.isArray(body)) throw validationError({ non_field_errors: ["Expected a list of items."] });
  const errors: Record<string, string[]>[] = [];
  const wanted = new Map<number, number>();
  const memberships = db.prepare("SELECT id, project_id, user_order FROM memberships WHERE user_id = ? ORDER BY id").all(user.id) as {
    id: number;
    project_id: number;
    user_order: number;
  }[];
  for (const item of body) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      errors.push({ non_field_errors: ["Invalid data. Expected a dictionary, but got " + (Array.isArray(item) ? "list" : typeof item) + "."] });
      continue;
    }
    const v = new Validator(item as Record<string, unknown>);
    const projectId = v.integer("project_id", { required: true });
    const order = v.integer("order", { required: true });
    if (projectId !== undefined && projectId !== null && !getProject(db, projectId)) v.fail("project_id", "There's no project with that id");
    errors.push(v.errors);
    const membership = memberships.find((m) => m.project_id === projectId);
    if (membership && typeof order === "number") wanted.set(membership.id, order);
  }
  if (errors.some((e) => Object.keys(e).length > 0)) throw validationError(errors as unknown as Record<string, unknown>);
  const changes = applyOrderUpdates(memberships.map((m) => ({ id: m.id, order: m.user_order })), wanted);
  const update = db.prepare("UPDATE memberships SET user_order = ? WHERE id = ?");
  db.transaction(() => {
    for (const { id, order } of changes) update.run(order, id);
  })();
  return empty(204);
}

export function registerProjects(routes: Routes): void {
  routes.add("/projects", { GET: listProjects, POST: createProjectHandler });
  routes.add("/projects/bulk_update_order", { POST: bulkUpdateUserOrder });
  routes.add("/projects/by_slug", {
    GET: (c) => {
      const slug = c.req.query("slug") ?? "";
      const row = c.var.deps.db.prepare("SELECT id FROM projects WHERE slug = ?").get(slug) as { id: number } | undefined;
      if (!row) throw notFound();
      // Taiga looks the slug up among the projects the caller may see: a signed-in caller who
      // may not see it gets the same 404 as for no project at all (by id it is a 403); an
      // anonymous one gets 401.
      const project = getProject(c.var.deps.db, row.id);
      if (c.var.user && project && !accessTo(c, project).permissions.has("view_project")) throw notFound();
      return detail(c, row.id);
    },
  });
  routes.add("/projects/:id", {
    GET: (c) => detail(c, idParam(c)),
    PATCH: (c) => updateProjectHandler(c, false),
    PUT: (c) => updateProjectHandler(c, true),
    DELETE: deleteProjectHandler,
  });
  routes.add("/projects/:id/stats", {
    GET: (c) => {
      const { project } = loadVisibleProject(c, idParam(c));
      return json(c, projectStats(c.var.deps.db, project));
    },
  });
  routes.add("/projects/:id/issues_stats", {
    GET: (c) => {
      const { project } = loadVisibleProject(c, idParam(c));
      return json(c, projectIssuesStats(c.var.deps.db, project.id));
    },
  });
  routes.add("/projects/:id/member_stats", {
    GET: (c) => {
      const { project } = loadVisibleProject(c, idParam(c));
      return json(c, projectMemberStats(c.var.deps.db, project.id));
    },
  });
  registerProjectSocial(routes);
  registerProjectTags(routes);
  routes.add("/projects/:id/tags_colors", {
    GET: (c) => {
      const { project } = loadVisibleProject(c, idParam(c));
      return json(c, tagsColorsObject(project.tags_colors));
    },
  });
}

/** Project rows, access checks by project, and the small embedded-row shapes. */
import type { Db } from "../db";
import type { Ctx } from "../http/context";
import { blocked, notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { type Access, denied, projectAccess, type ProjectAccessRow, requireAdmin, visibleProjectsSql } from "./permissions";

export interface ProjectRow extends ProjectAccessRow {
  name: string;
  slug: string;
  description: string;
  created_date: string;
  modified_date: string;
  is_backlog_activated: number;
  is_kanban_activated: number;
  is_issues_activated: number;
  is_wiki_activated: number;
  is_epics_activated: number;
  is_contact_activated: number;
  videoconferences: string | null;
  videoconferences_extra_data: string | null;
  creation_template: number | null;
  is_featured: number;
  is_looking_for_people: number;
  looking_for_people_note: string;
  archived_code: string | null;
  tags_colors: string;
  default_epic_status_id: number | null;
  default_points_id: number | null;
  default_us_status_id: number | null;
  default_task_status_id: number | null;
  default_priority_id: number | null;
  default_severity_id: number | null;
  default_issue_status_id: number | null;
  default_issue_type_id: number | null;
  default_swimlane_id: number | null;
  total_milestones: number | null;
  total_story_points: number | null;
  logo: string | null;
  transfer_token: string | null;
  totals_updated_datetime: string | null;
}

export function getProject(db: Db, id: number): ProjectRow | undefined {
  return db.prepare("SELECT * FROM projects WHERE id = ?").get(id) as ProjectRow | undefined;
}

/**
 * Loads a project the caller must be able to see (`view_project`), or throws: 404 when it does not
 * exist, 401 (anonymous) / 403 (logged in) when it is hidden.
 */
export function loadVisibleProject(c: Ctx, id: number): { project: ProjectRow; access: Access } {
  const project = getProject(c.var.deps.db, id);
  if (!project) throw notFound();
  const access = projectAccess(c.var.deps.db, c.var.user, project);
  if (!access.permissions.has("view_project")) throw denied(access);
  return { project, access };
}

/** One project-scoped list query: `from` joins the project as `p`; `filter` narrows it when its value was given. */
export interface VisibleListQuery {
  select: string;
  from: string;
  orderBy: string;
  filter?: { column: string; value: number | undefined };
}

/**
 * Answers a project-scoped list: only rows of projects the caller may see (narrowed by the optional
 * filter), counted and paged the Taiga way, each row turned into its JSON by `serialize`.
 */
export function paginateVisible<R, T>(c: Ctx, q: VisibleListQuery, serialize: (row: R) => T): Response {
  const db = c.var.deps.db;
  const visible = visibleProjectsSql(c.var.user, "p");
  const where = [visible.sql];
  const params: unknown[] = [...visible.params];
  if (q.filter && q.filter.value !== undefined) {
    where.push(`${q.filter.column} = ?`);
    params.push(q.filter.value);
  }
  const from = `${q.from} WHERE ${where.join(" AND ")}`;
  const count = (db.prepare(`SELECT COUNT(*) AS n FROM ${from}`).get(...params) as { n: number }).n;
  return paginate(c, count, (limit, offset) =>
    (db.prepare(`SELECT ${q.select} FROM ${from} ORDER BY ${q.orderBy} LIMIT ? OFFSET ?`).all(...params, limit, offset) as R[]).map(serialize),
  );
}

/** A project the caller administers and may write to (404 unknown, 403 not an admin, 451 blocked). */
export function adminProject(c: Ctx, projectId: number): ProjectRow {
  const project = getProject(c.var.deps.db, projectId);
  if (!project) throw notFound();
  requireAdmin(accessTo(c, project));
  assertNotBlocked(project);
  return project;
}

/** The caller's access to a project row. */
export function accessTo(c: Ctx, project: ProjectAccessRow): Access {
  return projectAccess(c.var.deps.db, c.var.user, project);
}

/** Writes into a blocked project answer 451. Call before any write. */
export function assertNotBlocked(project: Pick<ProjectRow, "blocked_code">): void {
  if (project.blocked_code) throw blocked();
}

/**
 * Lower-cases and de-duplicates tags; records unknown tags in the project's `tags_colors`. Tasks and
 * issues also trim names and drop blank ones (`trim`, the default); stories keep names as sent.
 */
export function storeTags(db: Db, projectId: number, tags: { name: string; color: string | null }[], opts: { trim?: boolean } = {}): string[] {
  const trim = opts.trim ?? true;
  const names: string[] = [];
  const project = db.prepare("SELECT tags_colors FROM projects WHERE id = ?").get(projectId) as { tags_colors: string } | undefined;
  let colors: [string, string | null][] = [];
  try {
    const parsed = JSON.parse(project?.tags_colors ?? "[]") as unknown;
    if (Array.isArray(parsed)) colors = parsed.filter((e): e is [string, string | null] => Array.isArray(e) && typeof e[0] === "string");
  } catch {
    colors = [];
  }
  let changed = false;
  for (const tag of tags) {
    const name = trim ? tag.name.trim().toLowerCase() : tag.name.toLowerCase();
    if ((trim && name === "") || names.includes(name)) continue;
    names.push(name);
    if (!colors.some(([known]) => known === name)) {
      colors.push([name, tag.color]);
      changed = true;
    }
  }
  if (changed) db.prepare("UPDATE projects SET tags_colors = ? WHERE id = ?").run(JSON.stringify(colors), projectId);
  return names;
}

/** `tags_colors` column ([[tag, color]]) as Taiga's `{tag: color}` object. */
export function tagsColorsObject(json: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  try {
    const list = JSON.parse(json) as unknown;
    if (Array.isArray(list)) {
      for (const entry of list) {
        if (Array.isArray(entry) && typeof entry[0] === "string") {
          out[entry[0]] = typeof entry[1] === "string" ? entry[1] : null;
        }
      }
    }
  } catch {
    // a corrupt column reads as no colours
  }
  return out;
}

/** Parses a JSON column expected to hold an array of strings. */
export function stringList(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

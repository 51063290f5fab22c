/**
 * Project templates (taiga/projects/models.py `ProjectTemplate`): the values a new project starts
 * with (module switches, statuses, points, priorities, severities, issue types, due dates, roles,
 * custom attributes, defaults by name). The two templates every Taiga ships (1 Scrum, 2 Kanban) come
 * from the values below, which the demo seed uses too. `templateFromProject` is taiga's
 * `load_data_from_project` (create_template, duplicate) and `applyTemplate` its `apply_to_project`.
 */
import type { Db } from "../db";
import { formatDateTime } from "./dates";
import { STAKEHOLDER_PERMISSIONS, WORKER_PERMISSIONS } from "./permissions";
import { slugify } from "./slug";

/* ------------------------------------------------------------------ default values ------------------------------------------------------------------ */

export const US_STATUSES = [
  { name: "New", color: "#70728F", closed: false, archived: false },
  { name: "Ready", color: "#E44057", closed: false, archived: false },
  { name: "In progress", color: "#E47C40", closed: false, archived: false },
  { name: "Ready for test", color: "#E4CE40", closed: false, archived: false },
  { name: "Done", color: "#A8E440", closed: true, archived: false },
  { name: "Archived", color: "#A9AABC", closed: true, archived: true },
] as const;
export const TASK_STATUSES = [
  { name: "New", color: "#70728F", closed: false },
  { name: "In progress", color: "#E47C40", closed: false },
  { name: "Ready for test", color: "#E4CE40", closed: false },
  { name: "Closed", color: "#A8E440", closed: true },
  { name: "Needs Info", color: "#5178D3", closed: false },
] as const;
export const ISSUE_STATUSES = [
  { name: "New", color: "#70728F", closed: false },
  { name: "In progress", color: "#40A8E4", closed: false },
  { name: "Ready for test", color: "#E4CE40", closed: false },
  { name: "Closed", color: "#A8E440", closed: true },
  { name: "Needs Info", color: "#E44057", closed: false },
  { name: "Rejected", color: "#A9AABC", closed: true },
  { name: "Postponed", color: "#5178D3", closed: false },
] as const;
export const EPIC_STATUSES = [
  { name: "New", color: "#70728F", closed: false },
  { name: "Ready", color: "#E44057", closed: false },
  { name: "In progress", color: "#E47C40", closed: false },
  { name: "Ready for test", color: "#E4CE40", closed: false },
  { name: "Done", color: "#A8E440", closed: true },
] as const;
export const POINTS = [
  ["?", null],
  ["0", 0],
  ["1/2", 0.5],
  ["1", 1],
  ["2", 2],
  ["3", 3],
  ["5", 5],
  ["8", 8],
  ["10", 10],
  ["13", 13],
  ["20", 20],
  ["40", 40],
] as const;
export const PRIORITIES = [
  ["Low", "#A8E440", 1],
  ["Normal", "#E4CE40", 3],
  ["High", "#E47C40", 5],
] as const;
export const SEVERITIES = [
  ["Wishlist", "#70728F"],
  ["Minor", "#40A8E4"],
  ["Normal", "#40E47C"],
  ["Important", "#E4A240"],
  ["Critical", "#D35450"],
] as const;
export const ISSUE_TYPES = [
  ["Bug", "#E44057"],
  ["Question", "#5178D3"],
  ["Enhancement", "#40E4CE"],
] as const;
export const ROLES = [
  { name: "UX", computable: true, permissions: WORKER_PERMISSIONS },
  { name: "Design", computable: true, permissions: WORKER_PERMISSIONS },
  { name: "Front", computable: true, permissions: WORKER_PERMISSIONS },
  { name: "Back", computable: true, permissions: WORKER_PERMISSIONS },
  { name: "Product Owner", computable: false, permissions: WORKER_PERMISSIONS },
  { name: "Stakeholder", computable: false, permissions: STAKEHOLDER_PERMISSIONS },
] as const;
/** Due-date colours of stories, tasks and issues: [name, by default, colour, days to due]. */
export const DUE_DATES = [
  ["Default", true, "#9dce0a", null],
  ["Due soon", false, "#ff9900", 14],
  ["Past due", false, "#E44057", 0],
] as const;

/* ------------------------------------------------------------------ model ------------------------------------------------------------------ */

type Json = Record<string, unknown>;

/** The JSON parts of a template (each may be null). */
export const TEMPLATE_JSON_FIELDS = [
  "default_options",
  "epic_statuses",
  "us_statuses",
  "us_duedates",
  "points",
  "task_statuses",
  "task_duedates",
  "issue_statuses",
  "issue_types",
  "issue_duedates",
  "priorities",
  "severities",
  "roles",
  "epic_custom_attributes",
  "us_custom_attributes",
  "task_custom_attributes",
  "issue_custom_attributes",
  "tags_colors",
] as const;

export const TEMPLATE_FLAGS = ["is_contact_activated", "is_epics_activated", "is_backlog_activated", "is_kanban_activated", "is_wiki_activated", "is_issues_activated"] as const;

export interface TemplateRow {
  id: number;
  name: string;
  slug: string;
  description: string;
  order: number;
  created_date: string;
  modified_date: string;
  default_owner_role: string;
  is_contact_activated: number;
  is_epics_activated: number;
  is_backlog_activated: number;
  is_kanban_activated: number;
  is_wiki_activated: number;
  is_issues_activated: number;
  is_looking_for_people: number;
  looking_for_people_note: string;
  videoconferences: string | null;
  videoconferences_extra_data: string | null;
  /** JSON object holding TEMPLATE_JSON_FIELDS */
  data: string;
}

export function templateData(t: TemplateRow): Json {
  try {
    const v = JSON.parse(t.data) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

export function getTemplate(db: Db, id: number): TemplateRow | undefined {
  return db.prepare("SELECT * FROM project_templates WHERE id = ?").get(id) as TemplateRow | undefined;
}

/** The `ProjectTemplateSerializer` shape. */
export function serializeTemplate(t: TemplateRow): Json {
  const data = templateData(t);
  const jsonField = (k: string): unknown => data[k] ?? null;
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    description: t.description,
    order: t.order,
    created_date: formatDateTime(t.created_date),
    modified_date: formatDateTime(t.modified_date),
    default_owner_role: t.default_owner_role,
    is_contact_activated: t.is_contact_activated === 1,
    is_epics_activated: t.is_epics_activated === 1,
    is_backlog_activated: t.is_backlog_activated === 1,
    is_kanban_activated: t.is_kanban_activated === 1,
    is_wiki_activated: t.is_wiki_activated === 1,
    is_issues_activated: t.is_issues_activated === 1,
    videoconferences: t.videoconferences,
    videoconferences_extra_data: t.videoconferences_extra_data,
    default_options: jsonField("default_options"),
    epic_statuses: jsonField("epic_statuses"),
    us_statuses: jsonField("us_statuses"),
    points: jsonField("points"),
    task_statuses: jsonField("task_statuses"),
    issue_statuses: jsonField("issue_statuses"),
    issue_types: jsonField("issue_types"),
    priorities: jsonField("priorities"),
    severities: jsonField("severities"),
    roles: jsonField("roles"),
  };
}

/** A unique template slug from a name (`-1`, `-2`... on collisions with other templates). */
export function uniqueTemplateSlug(db: Db, name: string, exceptId?: number): string {
  const root = slugify(name) || "template";
  const taken = (slug: string): boolean => {
    const row = db.prepare("SELECT id FROM project_templates WHERE slug = ?").get(slug) as { id: number } | undefined;
    return row !== undefined && row.id !== exceptId;
  };
  let slug = root;
  for (let i = 1; taken(slug); i++) slug = `${root}-${i}`;
  return slug;
}

/** The values of the default Scrum / Kanban templates (taiga's initial_project_templates fixture). */
function defaultTemplateData(): Json {
  const dueDates = DUE_DATES.map(([name, byDefault, color, days], i) => ({ name, by_default: byDefault, color, days_to_due: days, order: i + 1 }));
  return {
    default_options: { points: "?", priority: "Normal", severity: "Normal", us_status: "New", issue_type: "Bug", epic_status: "New", task_status: "New", issue_status: "New" },
    epic_statuses: EPIC_STATUSES.map((s, i) => ({ name: s.name, slug: slugify(s.name), color: s.color, order: i + 1, is_closed: s.closed })),
    us_statuses: US_STATUSES.map((s, i) => ({ name: s.name, slug: slugify(s.name), color: s.color, order: i + 1, is_closed: s.closed, wip_limit: null, is_archived: s.archived })),
    us_duedates: dueDates,
    points: POINTS.map(([name, value], i) => ({ name, order: i + 1, value })),
    task_statuses: TASK_STATUSES.map((s, i) => ({ name: s.name, slug: slugify(s.name), color: s.color, order: i + 1, is_closed: s.closed })),
    task_duedates: dueDates,
    issue_statuses: ISSUE_STATUSES.map((s, i) => ({ name: s.name, slug: s.name === "Postponed" ? "posponed" : slugify(s.name), color: s.color, order: i + 1, is_closed: s.closed })),
    issue_types: ISSUE_TYPES.map(([name, color], i) => ({ name, color, order: i + 1 })),
    issue_duedates: dueDates,
    priorities: PRIORITIES.map(([name, color, order]) => ({ name, color, order })),
    severities: SEVERITIES.map(([name, color], i) => ({ name, color, order: i + 1 })),
    roles: ROLES.map((r, i) => ({ name: r.name, slug: slugify(r.name), order: (i + 1) * 10, computable: r.computable, permissions: [...r.permissions] })),
    epic_custom_attributes: [],
    us_custom_attributes: [],
    task_custom_attributes: [],
    issue_custom_attributes: [],
    tags_colors: [],
  };
}

const DEFAULT_TEMPLATES = [
  {
    id: 1,
    name: "Scrum",
    slug: "scrum",
    description:
      "The agile product backlog in Scrum is a prioritized features list, containing short descriptions of all functionality desired in the product. When applying Scrum, it's not necessary to start a project with a lengthy, upfront effort to document all requirements. The Scrum product backlog is then allowed to grow and change as more is learned about the product and its customers",
    order: 1,
    created: "2014-04-22T14:48:43.596Z",
    modified: "2016-08-24T16:26:40.845Z",
    flags: { is_backlog_activated: 1, is_kanban_activated: 0, is_wiki_activated: 1, is_issues_activated: 1 },
  },
  {
    id: 2,
    name: "Kanban",
    slug: "kanban",
    description:
      "Kanban is a method for managing knowledge work with an emphasis on just-in-time delivery while not overloading the team members. In this approach, the process, from definition of a task to its delivery to the customer, is displayed for participants to see and team members pull work from a queue.",
    order: 2,
    created: "2014-04-22T14:50:19.738Z",
    modified: "2016-08-24T16:26:45.365Z",
    flags: { is_backlog_activated: 0, is_kanban_activated: 1, is_wiki_activated: 0, is_issues_activated: 0 },
  },
] as const;

/** Puts the Scrum (1) and Kanban (2) templates in place when the table has none (a fresh or wiped database). */
export function ensureDefaultTemplates(db: Db): void {
  const count = (db.prepare("SELECT COUNT(*) AS n FROM project_templates").get() as { n: number }).n;
  if (count > 0) return;
  const data = JSON.stringify(defaultTemplateData());
  const insert = db.prepare(
    `INSERT INTO project_templates (id, name, slug, description, "order", created_date, modified_date, default_owner_role, is_contact_activated,
       is_epics_activated, is_backlog_activated, is_kanban_activated, is_wiki_activated, is_issues_activated, videoconferences, videoconferences_extra_data, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'product-owner', 1, 0, ?, ?, ?, ?, NULL, '', ?)`,
  );
  for (const t of DEFAULT_TEMPLATES) {
    insert.run(t.id, t.name, t.slug, t.description, t.order, t.created, t.modified, t.flags.is_backlog_activated, t.flags.is_kanban_activated, t.flags.is_wiki_activated, t.flags.is_issues_activated, data);
  }
}

/* ------------------------------------------------------------------ from / to a project ------------------------------------------------------------------ */

/** `load_data_from_project`: the template values of an existing project (its owner's role becomes `default_owner_role`). */
export function templateFromProject(db: Db, projectId: number): { fields: Json; data: Json } {
  const p = db.prepare("SELECT * FROM projects WHERE id = ?").get(projectId) as Json;
  const rows = (sql: string): Json[] => db.prepare(sql).all(projectId) as Json[];
  const nameOf = (table: string, column: string): string | null =>
    (db.prepare(`SELECT t.name FROM ${table} t JOIN projects p ON p.${column} = t.id WHERE p.id = ?`).get(projectId) as { name: string } | undefined)?.name ?? null;
  const bool = (v: unknown): boolean => v === 1;
  const dueDates = (kind: string): Json[] =>
    (db.prepare(`SELECT * FROM duedates WHERE project_id = ? AND kind = ? ORDER BY "order", id`).all(projectId, kind) as Json[]).map((d) => ({
      name: d.name,
      by_default: bool(d.by_default),
      color: d.color,
      days_to_due: d.days_to_due,
      order: d.order,
    }));
  const customAttributes = (kind: string): Json[] =>
    (db.prepare(`SELECT * FROM custom_attributes WHERE project_id = ? AND kind = ? ORDER BY "order", id`).all(projectId, kind) as Json[]).map((a) => ({
      name: a.name,
      description: a.description,
      type: a.type,
      order: a.order,
    }));
  const roles = rows(`SELECT * FROM roles WHERE project_id = ? ORDER BY "order", id`);
  const ownerRole = db.prepare("SELECT r.slug FROM memberships m JOIN roles r ON r.id = m.role_id JOIN projects p ON p.id = m.project_id WHERE p.id = ? AND m.user_id = p.owner_id").get(projectId) as
    | { slug: string }
    | undefined;
  const tagsColors = ((): unknown => {
    try {
      return JSON.parse(String(p.tags_colors)) as unknown;
    } catch {
      return [];
    }
  })();
  const data: Json = {
    default_options: {
      points: nameOf("points", "default_points_id"),
      epic_status: nameOf("epic_statuses", "default_epic_status_id"),
      us_status: nameOf("userstory_statuses", "default_us_status_id"),
      task_status: nameOf("task_statuses", "default_task_status_id"),
      issue_status: nameOf("issue_statuses", "default_issue_status_id"),
      issue_type: nameOf("issue_types", "default_issue_type_id"),
      priority: nameOf("priorities", "default_priority_id"),
      severity: nameOf("severities", "default_severity_id"),
    },
    epic_statuses: rows(`SELECT * FROM epic_statuses WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, slug: s.slug, is_closed: bool(s.is_closed), color: s.color, order: s.order })),
    us_statuses: rows(`SELECT * FROM userstory_statuses WHERE project_id = ? ORDER BY "order", id`).map((s) => ({
      name: s.name,
      slug: s.slug,
      is_closed: bool(s.is_closed),
      is_archived: bool(s.is_archived),
      color: s.color,
      wip_limit: s.wip_limit,
      order: s.order,
    })),
    us_duedates: dueDates("us"),
    points: rows(`SELECT * FROM points WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, value: s.value, order: s.order })),
    task_statuses: rows(`SELECT * FROM task_statuses WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, slug: s.slug, is_closed: bool(s.is_closed), color: s.color, order: s.order })),
    task_duedates: dueDates("task"),
    issue_statuses: rows(`SELECT * FROM issue_statuses WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, slug: s.slug, is_closed: bool(s.is_closed), color: s.color, order: s.order })),
    issue_types: rows(`SELECT * FROM issue_types WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, color: s.color, order: s.order })),
    issue_duedates: dueDates("issue"),
    priorities: rows(`SELECT * FROM priorities WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, color: s.color, order: s.order })),
    severities: rows(`SELECT * FROM severities WHERE project_id = ? ORDER BY "order", id`).map((s) => ({ name: s.name, color: s.color, order: s.order })),
    roles: roles.map((r) => ({ name: r.name, slug: r.slug, permissions: JSON.parse(String(r.permissions)) as unknown, order: r.order, computable: bool(r.computable) })),
    epic_custom_attributes: customAttributes("epic"),
    us_custom_attributes: customAttributes("userstory"),
    task_custom_attributes: customAttributes("task"),
    issue_custom_attributes: customAttributes("issue"),
    tags_colors: Array.isArray(tagsColors) ? tagsColors : [],
  };
  const fields: Json = {
    default_owner_role: ownerRole?.slug ?? (roles[0]?.slug as string | undefined) ?? "",
    videoconferences: p.videoconferences,
    videoconferences_extra_data: p.videoconferences_extra_data,
    is_looking_for_people: p.is_looking_for_people,
    looking_for_people_note: p.looking_for_people_note,
  };
  for (const flag of TEMPLATE_FLAGS) fields[flag] = p[flag];
  return { fields, data };
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === "object" && !Array.isArray(x)) : []);
const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : v === null || v === undefined ? fallback : String(v));
const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const flag = (v: unknown): number => (v === true || v === 1 ? 1 : 0);

/**
 * `apply_to_project`: creates the template's values in a new (empty) project, sets its defaults by
 * name, module switches, tags and the template id. Returns the new roles' ids by slug.
 */
export function applyTemplate(db: Db, t: TemplateRow, projectId: number): Map<string, number> {
  const data = templateData(t);
  const insert = (sql: string, ...params: unknown[]): number => Number(db.prepare(sql).run(...params).lastInsertRowid);
  const roles = new Map<string, number>();
  const byName = new Map<string, Map<string, number>>();
  const remember = (table: string, name: string, id: number): void => {
    const m = byName.get(table) ?? new Map<string, number>();
    if (!m.has(name)) m.set(name, id);
    byName.set(table, m);
  };
  list(data.epic_statuses).forEach((s, i) =>
    remember("epic_statuses", str(s.name), insert(`INSERT INTO epic_statuses (project_id, name, slug, "order", is_closed, color) VALUES (?, ?, ?, ?, ?, ?)`, projectId, str(s.name), str(s.slug, slugify(str(s.name))), num(s.order, i + 1), flag(s.is_closed), str(s.color, "#999999"))),
  );
  list(data.us_statuses).forEach((s, i) =>
    remember(
      "userstory_statuses",
      str(s.name),
      insert(
        `INSERT INTO userstory_statuses (project_id, name, slug, "order", is_closed, is_archived, color, wip_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        projectId, str(s.name), str(s.slug, slugify(str(s.name))), num(s.order, i + 1), flag(s.is_closed), flag(s.is_archived), str(s.color, "#999999"), typeof s.wip_limit === "number" ? s.wip_limit : null,
      ),
    ),
  );
  list(data.points).forEach((s, i) => remember("points", str(s.name), insert(`INSERT INTO points (project_id, name, "order", value) VALUES (?, ?, ?, ?)`, projectId, str(s.name), num(s.order, i + 1), typeof s.value === "number" ? s.value : null)));
  for (const [key, table] of [
    ["task_statuses", "task_statuses"],
    ["issue_statuses", "issue_statuses"],
  ] as const) {
    list(data[key]).forEach((s, i) =>
      remember(table, str(s.name), insert(`INSERT INTO ${table} (project_id, name, slug, "order", is_closed, color) VALUES (?, ?, ?, ?, ?, ?)`, projectId, str(s.name), str(s.slug, slugify(str(s.name))), num(s.order, i + 1), flag(s.is_closed), str(s.color, "#999999"))),
    );
  }
  for (const table of ["issue_types", "priorities", "severities"] as const) {
    list(data[table]).forEach((s, i) => remember(table, str(s.name), insert(`INSERT INTO ${table} (project_id, name, "order", color) VALUES (?, ?, ?, ?)`, projectId, str(s.name), num(s.order, i + 1), str(s.color, "#999999"))));
  }
  for (const [key, kind] of [
    ["us_duedates", "us"],
    ["task_duedates", "task"],
    ["issue_duedates", "issue"],
  ] as const) {
    list(data[key]).forEach((d, i) =>
      insert(
        `INSERT INTO duedates (project_id, kind, name, "order", by_default, color, days_to_due) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        projectId, kind, str(d.name), num(d.order, i + 1), flag(d.by_default), str(d.color, "#999999"), typeof d.days_to_due === "number" ? d.days_to_due : null,
      ),
    );
  }
  list(data.roles).forEach((r, i) => {
    const slug = str(r.slug, slugify(str(r.name)));
    roles.set(slug, insert(`INSERT INTO roles (project_id, name, slug, "order", computable, permissions) VALUES (?, ?, ?, ?, ?, ?)`, projectId, str(r.name), slug, num(r.order, (i + 1) * 10), r.computable === false ? 0 : 1, JSON.stringify(Array.isArray(r.permissions) ? r.permissions : [])));
  });
  const now = new Date().toISOString();
  for (const [key, kind] of [
    ["epic_custom_attributes", "epic"],
    ["us_custom_attributes", "userstory"],
    ["task_custom_attributes", "task"],
    ["issue_custom_attributes", "issue"],
  ] as const) {
    list(data[key]).forEach((a, i) =>
      insert(`INSERT INTO custom_attributes (project_id, kind, name, description, type, "order", created_date, modified_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, projectId, kind, str(a.name), str(a.description), str(a.type, "text"), num(a.order, i + 1), now, now),
    );
  }
  const options = (data.default_options ?? {}) as Json;
  const pick = (table: string, option: string): number | null => byName.get(table)?.get(str(options[option])) ?? null;
  db.prepare(
    `UPDATE projects SET default_epic_status_id = ?, default_us_status_id = ?, default_points_id = ?, default_task_status_id = ?, default_issue_status_id = ?,
       default_issue_type_id = ?, default_priority_id = ?, default_severity_id = ?, is_contact_activated = ?, is_epics_activated = ?, is_backlog_activated = ?,
       is_kanban_activated = ?, is_wiki_activated = ?, is_issues_activated = ?, videoconferences = ?, videoconferences_extra_data = ?, tags_colors = ?,
       is_looking_for_people = ?, looking_for_people_note = ?, creation_template = ?
     WHERE id = ?`,
  ).run(
    pick("epic_statuses", "epic_status"),
    pick("userstory_statuses", "us_status"),
    pick("points", "points"),
    pick("task_statuses", "task_status"),
    pick("issue_statuses", "issue_status"),
    pick("issue_types", "issue_type"),
    pick("priorities", "priority"),
    pick("severities", "severity"),
    t.is_contact_activated,
    t.is_epics_activated,
    t.is_backlog_activated,
    t.is_kanban_activated,
    t.is_wiki_activated,
    t.is_issues_activated,
    t.videoconferences,
    t.videoconferences_extra_data || null, // a new project answers null where the template has ""
    JSON.stringify(Array.isArray(data.tags_colors) ? data.tags_colors : []),
    t.is_looking_for_people,
    t.looking_for_people_note,
    t.id > 0 ? t.id : null,
    projectId,
  );
  return roles;
}

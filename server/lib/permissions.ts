/**
 * Who may do what in a project (taiga-api/permissions.md): anonymous -> anon_permissions; registered
 * non-member -> anon ∪ public; member -> role ∪ public ∪ anon; project admin -> + admin permissions;
 * superuser -> everything. Private projects are invisible to non-members: 401 anonymous, 403 logged-in.
 */
import type { Db } from "../db";
import { notAuthenticated, permissionDenied, type HttpError } from "../http/errors";
import type { UserRow } from "./users";

export const ANON_PERMISSIONS = [
  "view_project", "view_milestones", "view_epics", "view_us", "view_tasks", "view_issues", "view_wiki_pages", "view_wiki_links",
] as const;

export const MEMBER_PERMISSIONS = [
  "view_project",
  "view_milestones", "add_milestone", "modify_milestone", "delete_milestone",
  "view_epics", "add_epic", "modify_epic", "comment_epic", "delete_epic",
  "view_us", "add_us", "modify_us", "comment_us", "delete_us",
  "view_tasks", "add_task", "modify_task", "comment_task", "delete_task",
  "view_issues", "add_issue", "modify_issue", "comment_issue", "delete_issue",
  "view_wiki_pages", "add_wiki_page", "modify_wiki_page", "comment_wiki_page", "delete_wiki_page",
  "view_wiki_links", "add_wiki_link", "modify_wiki_link", "delete_wiki_link",
] as const;

export const ADMIN_PERMISSIONS = [
  "modify_project", "delete_project", "add_member", "remove_member", "admin_project_values", "admin_roles",
] as const;

/** The permissions of the default Stakeholder role. */
export const STAKEHOLDER_PERMISSIONS = [
  ...ANON_PERMISSIONS,
  "comment_epic", "comment_us", "comment_task", "comment_issue", "comment_wiki_page",
  "add_issue", "modify_issue", "delete_issue", "modify_wiki_page", "add_wiki_link", "delete_wiki_link",
];

/** The permissions of the default working roles (UX, Design, Front, Back, Product Owner). */
export const WORKER_PERMISSIONS = MEMBER_PERMISSIONS.filter((p) => p !== "modify_wiki_link");

export interface ProjectAccessRow {
  id: number;
  owner_id: number | null;
  is_private: number;
  anon_permissions: string;
  public_permissions: string;
  blocked_code: string | null;
}

export interface Access {
  permissions: Set<string>;
  isMember: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  isSuperuser: boolean;
  anonymous: boolean;
}

const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** Computes the caller's access to one project. */
export function projectAccess(db: Db, user: UserRow | null, project: ProjectAccessRow): Access {
  const perms = new Set<string>(parseList(project.anon_permissions));
  const base = { isMember: false, isAdmin: false, isOwner: false, isSuperuser: false, anonymous: user === null };
  if (!user) return { permissions: perms, ...base };
  for (const p of parseList(project.public_permissions)) perms.add(p);
  const membership = db
    .prepare("SELECT m.is_admin, r.permissions FROM memberships m JOIN roles r ON r.id = m.role_id WHERE m.project_id = ? AND m.user_id = ?")
    .get(project.id, user.id) as { is_admin: number; permissions: string } | undefined;
  const isSuperuser = user.is_superuser === 1;
  const isOwner = project.owner_id === user.id;
  if (membership) for (const p of parseList(membership.permissions)) perms.add(p);
  const isAdmin = isSuperuser || membership?.is_admin === 1;
  if (isAdmin) for (const p of [...MEMBER_PERMISSIONS, ...ADMIN_PERMISSIONS]) perms.add(p);
  return { permissions: perms, isMember: membership !== undefined, isAdmin, isOwner, isSuperuser, anonymous: false };
}

/** The error for a missing permission: 401 for anonymous callers, 403 otherwise. */
export function denied(access: Pick<Access, "anonymous">): HttpError {
  return access.anonymous ? notAuthenticated() : permissionDenied();
}

/** Throws 401/403 unless the caller has `permission` in the project. */
export function requirePermission(access: Access, permission: string): void {
  if (!access.permissions.has(permission)) throw denied(access);
}

/** Throws 401/403 unless the caller administers the project. */
export function requireAdmin(access: Access): void {
  if (!access.isAdmin) throw denied(access);
}

/**
 * SQL condition (with its parameters) selecting projects the caller can see (`view_project`),
 * for list endpoints. `alias` is the projects table alias.
 */
export function visibleProjectsSql(user: UserRow | null, alias = "p"): { sql: string; params: unknown[] } {
  if (user?.is_superuser === 1) return { sql: "1 = 1", params: [] };
  const anon = `EXISTS (SELECT 1 FROM json_each(${alias}.anon_permissions) WHERE value = 'view_project')`;
  if (!user) return { sql: anon, params: [] };
  const pub = `EXISTS (SELECT 1 FROM json_each(${alias}.public_permissions) WHERE value = 'view_project')`;
  const member = `EXISTS (SELECT 1 FROM memberships vm WHERE vm.project_id = ${alias}.id AND vm.user_id = ?)`;
  return { sql: `(${anon} OR ${pub} OR ${member})`, params: [user.id] };
}

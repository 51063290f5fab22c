/**
 * What the signed-in user may do in a project, as every view should ask it. Taiga's
 * `my_permissions` lists the role's permissions even when the project is blocked
 * (`blocked_code`), yet the server refuses every write into a blocked project with 451, so a
 * blocked project is read-only whatever the role says.
 */
import type { Permission, Project } from "../api/types";

type ProjectAccess = Pick<Project, "my_permissions" | "blocked_code">;

/** True when the user may do `permission` in the project (never in a blocked one). */
export function canDo(project: ProjectAccess, permission: Permission): boolean {
  if (project.blocked_code) return false;
  return (project.my_permissions ?? []).includes(permission);
}

const BLOCKED_REASONS: Record<string, string> = {
  "blocked-by-nonpayment": "its subscription has not been paid",
  "blocked-by-staff": "the site's staff blocked it",
  "blocked-by-owner-leaving": "its owner left and nobody has taken it over",
  "blocked-by-deleting": "it is being deleted",
};

/** The sentence the project's pages show while it is blocked, or null when it is not. */
export function blockedNotice(project: Pick<Project, "blocked_code">): string | null {
  const code = project.blocked_code;
  if (!code) return null;
  const reason = BLOCKED_REASONS[code];
  return `This project is blocked${reason ? ` (${reason})` : ""}: you can read everything in it, but no change can be saved until it is unblocked.`;
}

/**
 * Memberships, read side: `GET /memberships?project=` and `GET /memberships/{id}`.
 * E-mail addresses are only shown to project admins.
 */
import type { Db } from "../db";
import type { Routes } from "../http/context";
import { notFound } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { json } from "../http/respond";
import { formatDateTime } from "../lib/dates";
import { projectAccess, visibleProjectsSql } from "../lib/permissions";
import { getProject, loadVisibleProject } from "../lib/projects";
import { fullNameDisplay, getUser, gravatarId, userExtraInfo, type UserRow } from "../lib/users";

interface MembershipRow {
  id: number;
  project_id: number;
  user_id: number | null;
  role_id: number;
  is_admin: number;
  email: string | null;
  created_at: string;
  invited_by_id: number | null;
  invitation_extra_text: string | null;
  user_order: number;
}

export function serializeMembership(db: Db, m: MembershipRow, showEmails: boolean): Record<string, unknown> {
  const user = m.user_id !== null ? getUser(db, m.user_id) : undefined;
  const role = db.prepare("SELECT name FROM roles WHERE id = ?").get(m.role_id) as { name: string } | undefined;
  const project = getProject(db, m.project_id);
  const invitedBy = m.invited_by_id !== null ? getUser(db, m.invited_by_id) : undefined;
  const out: Record<string, unknown> = {
    id: m.id,
    user: m.user_id,
    project: m.project_id,
    role: m.role_id,
    is_admin: m.is_admin === 1,
    created_at: formatDateTime(m.created_at),
    invited_by: userExtraInfo(invitedBy),
    invitation_extra_text: m.invitation_extra_text,
    user_order: m.user_order,
    role_name: role?.name ?? null,
    full_name: user ? fullNameDisplay(user) : null,
    is_user_active: user ? user.is_active === 1 : false,
    color: user ? user.color : null,
    photo: user ? user.photo : null,
    gravatar_id: user ? gravatarId(user.email) : null,
    project_name: project?.name ?? null,
    project_slug: project?.slug ?? null,
    is_owner: user ? project?.owner_id === user.id : null,
  };
  if (showEmails) {
    out["email"] = m.email ?? user?.email ?? null;
    out["user_email"] = user?.email ?? null;
  }
  return out;
}

function canSeeEmails(db: Db, viewer: UserRow | null, projectId: number): boolean {
  const project = getProject(db, projectId);
  return project !== undefined && projectAccess(db, viewer, project).isAdmin;
}

export function registerMemberships(routes: Routes): void {
  routes.add("/memberships", {
    GET: (c) => {
      const db = c.var.deps.db;
      const projectId = intQuery(c, "project");
      const visible = visibleProjectsSql(c.var.user, "p");
      const where = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (projectId !== undefined) {
        where.push("m.project_id = ?");
        params.push(projectId);
      }
      const from = `FROM memberships m JOIN projects p ON p.id = m.project_id LEFT JOIN users u ON u.id = m.user_id WHERE ${where.join(" AND ")}`;
      const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
      const adminOf = new Map<number, boolean>();
      return paginate(c, count, (limit, offset) =>
        (
          db
            .prepare(`SELECT m.* ${from} ORDER BY m.project_id, COALESCE(NULLIF(u.full_name, ''), u.username, m.email), m.id LIMIT ? OFFSET ?`)
            .all(...params, limit, offset) as MembershipRow[]
        ).map((m) => {
          if (!adminOf.has(m.project_id)) adminOf.set(m.project_id, canSeeEmails(db, c.var.user, m.project_id));
          return serializeMembership(db, m, adminOf.get(m.project_id) ?? false);
        }),
      );
    },
  });
  routes.add("/memberships/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const m = db.prepare("SELECT * FROM memberships WHERE id = ?").get(idParam(c)) as MembershipRow | undefined;
      if (!m) throw notFound();
      const { access } = loadVisibleProject(c, m.project_id);
      return json(c, serializeMembership(db, m, access.isAdmin));
    },
  });
}

/**
 * Memberships: `GET /memberships?project=` and `GET /memberships/{id}` (e-mail addresses only for
 * project admins); for admins `POST /memberships` {project, role, username} (an existing user by
 * username or e-mail, else an invitation to that e-mail; 201), `POST /memberships/bulk_create`,
 * `PATCH`/`PUT /memberships/{id}` (role, is_admin; no version), `DELETE /memberships/{id}` (204) and
 * `POST /memberships/{id}/resend_invitation` (204; no mail is sent by this server).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, notFound, validationError } from "../http/errors";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";
import { projectAccess } from "../lib/permissions";
import { adminProject, getProject, loadVisibleProject, paginateVisible } from "../lib/projects";
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The user behind a username or e-mail, or the e-mail to invite; field errors otherwise. */
function resolveInvitee(db: Db, projectId: number, username: string, exceptId: number | null): { user: UserRow | undefined; email: string } {
  const user = db.prepare("SELECT * FROM users WHERE username = ? OR email = ? COLLATE NOCASE ORDER BY id LIMIT 1").get(username, username) as UserRow | undefined;
  const email = user ? user.email : username;
  if (!user && !EMAIL.test(username)) throw validationError({ username: ["Enter an existing username or a valid email address."] });
  const duplicate = db
    .prepare("SELECT 1 FROM memberships m LEFT JOIN users u ON u.id = m.user_id WHERE m.project_id = ? AND (u.email = ? COLLATE NOCASE OR m.email = ? COLLATE NOCASE) AND m.id IS NOT ?")
    .get(projectId, email, email, exceptId);
  if (duplicate) throw validationError({ username: ["The user yet exists in the project"] });
  return { user, email };
}

function insertMembership(db: Db, projectId: number, roleId: number, invitee: { user: UserRow | undefined; email: string }, isAdmin: boolean, invitedBy: number, extra: string | null): MembershipRow {
  const info = db
    .prepare(
      `INSERT INTO memberships (project_id, user_id, role_id, is_admin, email, token, created_at, invited_by_id, invitation_extra_text, user_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(projectId, invitee.user?.id ?? null, roleId, isAdmin ? 1 : 0, invitee.email, invitee.user ? null : randomUUID(), nowIso(), invitedBy, extra, Date.now());
  return db.prepare("SELECT * FROM memberships WHERE id = ?").get(info.lastInsertRowid) as MembershipRow;
}

const roleOfProject = (db: Db, roleId: number, projectId: number): boolean =>
  db.prepare("SELECT 1 FROM roles WHERE id = ? AND project_id = ?").get(roleId, projectId) !== undefined;

async function createMembership(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const inviter = requireUser(c);
  const v = new Validator(await readObject(c));
  const projectId = v.pk("project", { required: true });
  const roleId = v.pk("role", { required: true });
  const username = v.string("username", { required: true });
  const isAdmin = v.boolean("is_admin") ?? false;
  v.check();
  if (!getProject(db, projectId as number)) throw validationError({ project: [`Invalid pk '${String(projectId)}' - object does not exist.`] });
  adminProject(c, projectId as number);
  if (!roleOfProject(db, roleId as number, projectId as number)) throw validationError({ role: ["Invalid role for the project"] });
  const invitee = resolveInvitee(db, projectId as number, username as string, null);
  const row = db.transaction(() => insertMembership(db, projectId as number, roleId as number, invitee, isAdmin, inviter.id, null))();
  return json(c, serializeMembership(db, row, true), 201);
}

async function bulkCreateMemberships(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const inviter = requireUser(c);
  const body = await readObject(c);
  const v = new Validator(body);
  const projectId = v.pk("project_id", { required: true });
  const extra = v.string("invitation_extra_text", { allowBlank: true, allowNull: true }) ?? null;
  const list = body["bulk_memberships"];
  if (!Array.isArray(list)) v.fail("bulk_memberships", list === undefined ? "This field is required." : "Expected a list of items.");
  v.check();
  if (!getProject(db, projectId as number)) throw validationError({ project_id: ["There's no project with that id"] });
  adminProject(c, projectId as number);
  const items = (list as unknown[]).map((item) => {
    const iv = new Validator(typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {});
    const roleId = iv.pk("role_id", { required: true });
    const username = iv.string("username", { required: true });
    if (Object.keys(iv.errors).length > 0) throw validationError({ bulk_memberships: [iv.errors] });
    return { roleId: roleId as number, username: username as string };
  });
  if (!items.every((i) => roleOfProject(db, i.roleId, projectId as number))) {
    throw validationError({ bulk_memberships: ["Invalid role ids. All roles must belong to the same project."] });
  }
  const rows = db.transaction(() =>
    items.map((i) => insertMembership(db, projectId as number, i.roleId, resolveInvitee(db, projectId as number, i.username, null), false, inviter.id, extra)),
  )();
  return json(c, rows.map((r) => serializeMembership(db, r, true)));
}

async function updateMembership(c: Ctx, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const id = idParam(c);
  const m = db.prepare("SELECT * FROM memberships WHERE id = ?").get(id) as MembershipRow | undefined;
  if (!m) throw notFound();
  const project = adminProject(c, m.project_id);
  const v = new Validator(await readObject(c));
  const roleId = v.pk("role", { required: full });
  const isAdmin = v.boolean("is_admin");
  const projectId = v.pk("project");
  v.check();
  if (projectId !== undefined && projectId !== null && projectId !== m.project_id) throw validationError({ project: ["Invalid operation"] });
  if (typeof roleId === "number" && !roleOfProject(db, roleId, m.project_id)) throw validationError({ role: ["Invalid role for the project"] });
  if (isAdmin === false && m.user_id !== null) {
    if (m.user_id === project.owner_id) throw validationError({ is_admin: ["The project owner must be admin."] });
    const others = db.prepare("SELECT COUNT(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? AND m.is_admin = 1 AND u.is_active = 1 AND m.id <> ?").get(m.project_id, id) as { n: number };
    if (others.n === 0) throw validationError({ is_admin: ["At least one user must be an active admin for this project."] });
  }
  db.transaction(() => {
    if (typeof roleId === "number") db.prepare("UPDATE memberships SET role_id = ? WHERE id = ?").run(roleId, id);
    if (typeof isAdmin === "boolean") db.prepare("UPDATE memberships SET is_admin = ? WHERE id = ?").run(isAdmin ? 1 : 0, id);
  })();
  // as taiga-back: create answers carry the e-mails, update answers do not
  return json(c, serializeMembership(db, db.prepare("SELECT * FROM memberships WHERE id = ?").get(id) as MembershipRow, false));
}

function deleteMembership(c: Ctx): Response {
  const db = c.var.deps.db;
  const id = idParam(c);
  const m = db.prepare("SELECT * FROM memberships WHERE id = ?").get(id) as MembershipRow | undefined;
  if (!m) throw notFound();
  const project = adminProject(c, m.project_id);
  if (m.user_id !== null) {
    const otherAdmins = db.prepare("SELECT COUNT(*) AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? AND m.is_admin = 1 AND u.is_active = 1 AND m.id <> ?").get(m.project_id, id) as { n: number };
    if (m.user_id === project.owner_id || otherAdmins.n === 0) {
      throw badRequest("The project must have an owner and at least one of the users must be an active admin");
    }
  }
  db.prepare("DELETE FROM memberships WHERE id = ?").run(id);
  return empty(204);
}

function resendInvitation(c: Ctx): Response {
  const m = c.var.deps.db.prepare("SELECT * FROM memberships WHERE id = ?").get(idParam(c)) as MembershipRow | undefined;
  if (!m) throw notFound();
  adminProject(c, m.project_id);
  return empty(204);
}

export function registerMemberships(routes: Routes): void {
  routes.add("/memberships/bulk_create", { POST: bulkCreateMemberships });
  routes.add("/memberships/:id/resend_invitation", { POST: resendInvitation });
  routes.add("/memberships", {
    GET: (c) => {
      const db = c.var.deps.db;
      const adminOf = new Map<number, boolean>();
      return paginateVisible<MembershipRow, unknown>(
        c,
        {
          select: "m.*",
          from: "memberships m JOIN projects p ON p.id = m.project_id LEFT JOIN users u ON u.id = m.user_id",
          orderBy: "m.project_id, COALESCE(NULLIF(u.full_name, ''), u.username, m.email), m.id",
          filter: { column: "m.project_id", value: intQuery(c, "project") },
        },
        (m) => {
          if (!adminOf.has(m.project_id)) adminOf.set(m.project_id, canSeeEmails(db, c.var.user, m.project_id));
          return serializeMembership(db, m, adminOf.get(m.project_id) ?? false);
        },
      );
    },
    POST: createMembership,
  });
  routes.add("/memberships/:id", {
    GET: (c) => {
      const db = c.var.deps.db;
      const m = db.prepare("SELECT * FROM memberships WHERE id = ?").get(idParam(c)) as MembershipRow | undefined;
      if (!m) throw notFound();
      const { access } = loadVisibleProject(c, m.project_id);
      return json(c, serializeMembership(db, m, access.isAdmin));
    },
    PATCH: (c) => updateMembership(c, false),
    PUT: (c) => updateMembership(c, true),
    DELETE: deleteMembership,
  });
}

/**
 * Handing a project to another owner (taiga/projects/services/transfer.py):
 * - `POST /projects/{id}/transfer_request` (an admin asks the owner; 200 empty);
 * - `POST /projects/{id}/transfer_start` `{user, reason?}` (the owner proposes a member: a signed token
 *   valid 7 days is stored on the project; 200 empty);
 * - `transfer_validate_token`, `transfer_accept`, `transfer_reject` `{token, reason?}` (the proposed user:
 *   accept makes them owner and admin; reject drops the token).
 * taiga-back mails the token to the proposed user; this server sends no mail, so the token reaches the
 * user the other way Taiga offers: project admins read it as `transfer_token` in the project detail.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { requireUser } from "../http/auth";
import { readObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { bareBadRequest, notAuthenticated, notFound, wrongArguments } from "../http/errors";
import { idParam } from "../http/params";
import { empty } from "../http/respond";
import { type Access, denied, projectAccess, requireAdmin } from "../lib/permissions";
import { getProject, type ProjectRow } from "../lib/projects";

const MAX_AGE_MS = 7 * 86_400_000;

function projectOf(c: Ctx): { project: ProjectRow; access: Access } {
  const project = getProject(c.var.deps.db, idParam(c));
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  return { project, access: projectAccess(c.var.deps.db, c.var.user, project) };
}

const sign = (secret: string, value: string): string => createHmac("sha256", `transfer:${secret}`).update(value).digest("base64url");

/** `<user id>:<timestamp, base 36>:<signature>`, like Django's TimestampSigner. */
function makeToken(c: Ctx, userId: number): string {
  const value = `${userId}:${Date.now().toString(36)}`;
  return `${value}:${sign(c.var.deps.secret, value)}`;
}

/** `validate_project_transfer_token`: the project's token, a good signature, at most 7 days old, for this user. */
function validateToken(c: Ctx, project: ProjectRow, userId: number, token: unknown): void {
  if (typeof token !== "string" || project.transfer_token !== token) throw wrongArguments("Token is invalid");
  const [uid, stamp, signature] = token.split(":");
  const expected = sign(c.var.deps.secret, `${uid}:${stamp}`);
  if (!signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) throw wrongArguments("Token is invalid");
  if (Date.now() - parseInt(stamp ?? "", 36) > MAX_AGE_MS) throw wrongArguments("Token has expired");
  if (uid !== String(userId)) throw wrongArguments("Token is invalid");
}

/** `IsAuthenticated & HasProjectPerm('view_project')`. */
function viewer(c: Ctx): { project: ProjectRow; userId: number } {
  const { project, access } = projectOf(c);
  const user = requireUser(c);
  if (!access.permissions.has("view_project")) throw denied(access);
  return { project, userId: user.id };
}

export function registerProjectTransfer(routes: Routes): void {
  routes.add("/projects/:id/transfer_request", {
    POST: (c) => {
      const { access } = projectOf(c);
      requireAdmin(access);
      return empty(200);
    },
  });
  routes.add("/projects/:id/transfer_start", {
    POST: async (c) => {
      const db = c.var.deps.db;
      const { project, access } = projectOf(c);
      if (!access.isOwner && !access.isSuperuser) throw denied(access);
      const body = await readObject(c);
      const target = body.user;
      if (target === undefined || target === null) throw wrongArguments("Invalid user id");
      const id = typeof target === "number" ? target : typeof target === "string" && /^\d{1,15}$/.test(target) ? Number(target) : NaN;
      // taiga-back answers these two with a bare JSON string
      if (!Number.isSafeInteger(id) || !db.prepare("SELECT 1 FROM users WHERE id = ?").get(id)) throw bareBadRequest("The user doesn't exist");
      if (!db.prepare("SELECT 1 FROM memberships WHERE project_id = ? AND user_id = ?").get(project.id, id)) throw bareBadRequest("The user must already be a project member");
      db.prepare("UPDATE projects SET transfer_token = ? WHERE id = ?").run(makeToken(c, id), project.id);
      return empty(200);
    },
  });
  routes.add("/projects/:id/transfer_validate_token", {
    POST: async (c) => {
      const body = await readObject(c);
      const { project, userId } = viewer(c);
      validateToken(c, project, userId, body.token ?? null);
      return empty(200);
    },
  });
  routes.add("/projects/:id/transfer_accept", {
    POST: async (c) => {
      const db = c.var.deps.db;
      const body = await readObject(c);
      if (body.token === undefined || body.token === null) throw wrongArguments("Invalid token");
      const { project, userId } = viewer(c);
      validateToken(c, project, userId, body.token);
      const membership = db.prepare("SELECT id FROM memberships WHERE project_id = ? AND user_id = ?").get(project.id, userId) as { id: number } | undefined;
      if (!membership) throw notFound("No Membership matches the given query.");
      db.transaction(() => {
        db.prepare("UPDATE memberships SET is_admin = 1 WHERE id = ?").run(membership.id);
        db.prepare("UPDATE projects SET owner_id = ?, transfer_token = NULL WHERE id = ?").run(userId, project.id);
      })();
      return empty(200);
    },
  });
  routes.add("/projects/:id/transfer_reject", {
    POST: async (c) => {
      const body = await readObject(c);
      if (body.token === undefined || body.token === null) throw wrongArguments("Invalid token");
      const { project, userId } = viewer(c);
      validateToken(c, project, userId, body.token);
      c.var.deps.db.prepare("UPDATE projects SET transfer_token = NULL WHERE id = ?").run(project.id);
      return empty(200);
    },
  });
}


/**
 * Users: `GET /users/me`, `GET /users/{id}`, `GET /users/by_username`, `GET /users[?project=]`,
 * `PATCH`/`PUT /users/{id}` (only yourself: username, full_name, color, bio, lang, theme, timezone) and
 * `POST /users/change_password`. Other users get the public shape; yourself (and superusers) the
 * admin shape with e-mail.
 */
import type { Db } from "../db";
import { requireUser } from "../http/auth";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, HttpError, notFound, permissionDenied, wrongArguments } from "../http/errors";
import { paginate } from "../http/pagination";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { hashPassword, verifyPassword } from "../lib/passwords";
import { visibleProjectsSql } from "../lib/permissions";
import { loadVisibleProject } from "../lib/projects";
import { getUser, serializeMe, serializeUser, type UserRow } from "../lib/users";

/** The admin shape for yourself and for superusers, the public shape otherwise. */
function shapeFor(db: Db, viewer: UserRow | null, u: UserRow): Record<string, unknown> {
  return viewer && (viewer.id === u.id || viewer.is_superuser === 1) ? serializeMe(db, u) : serializeUser(db, u);
}

const ORDER = "ORDER BY COALESCE(NULLIF(u.full_name, ''), u.username), u.id";

function listUsers(c: Ctx): Response {
  const db = c.var.deps.db;
  const projectId = intQuery(c, "project");
  let from: string;
  let params: unknown[];
  if (projectId !== undefined) {
    loadVisibleProject(c, projectId);
    from = "FROM users u WHERE u.is_active = 1 AND u.id IN (SELECT user_id FROM memberships WHERE project_id = ?)";
    params = [projectId];
  } else {
    // yourself plus the active members of every project you can see
    const visible = visibleProjectsSql(c.var.user, "p");
    from = `FROM users u WHERE u.is_active = 1 AND (u.id = ? OR u.id IN (SELECT m.user_id FROM memberships m JOIN projects p ON p.id = m.project_id WHERE ${visible.sql}))`;
    params = [c.var.user?.id ?? -1, ...visible.params];
  }
  const count = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
  return paginate(c, count, (limit, offset) =>
    (db.prepare(`SELECT u.* ${from} ${ORDER} LIMIT ? OFFSET ?`).all(...params, limit, offset) as UserRow[]).map((u) => serializeUser(db, u)),
  );
}

async function updateUser(c: Ctx, full: boolean): Promise<Response> {
  const db = c.var.deps.db;
  const me = requireUser(c);
  const id = idParam(c);
  const target = getUser(db, id);
  if (!target) throw notFound();
  if (target.id !== me.id) throw permissionDenied();
  const v = new Validator(await readObject(c));
  const fields: Record<string, unknown> = {};
  const username = v.string("username", { required: full, maxLength: 255 });
  if (typeof username === "string") {
    if (!/^[\w.-]+$/.test(username)) v.fail("username", "Required. 255 characters or fewer. Letters, numbers and /./-/_ characters'");
    else if (username.toLowerCase() !== me.username.toLowerCase() && db.prepare("SELECT 1 FROM users WHERE username = ?").get(username)) {
      v.fail("username", "Invalid username. Try with a different one.");
    } else fields["username"] = username;
  }
  const fullName = v.string("full_name", { required: full, maxLength: 36 });
  if (typeof fullName === "string") fields["full_name"] = fullName;
  for (const key of ["color", "bio", "lang", "theme", "timezone"] as const) {
    const value = v.string(key, { allowBlank: true, maxLength: key === "bio" ? 210 : 50 });
    if (typeof value === "string") fields[key] = value;
  }
  v.check();
  const cols = Object.keys(fields);
  if (cols.length > 0) db.prepare(`UPDATE users SET ${cols.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...Object.values(fields), me.id);
  return json(c, serializeMe(db, getUser(db, me.id) as UserRow));
}

async function changePassword(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const me = requireUser(c);
  const body = await readObject(c);
  const current = body["current_password"];
  const password = body["password"];
  if (!current || typeof current !== "string") throw wrongArguments("Current password parameter needed");
  if (!password || typeof password !== "string") throw wrongArguments("New password parameter needed");
  if (password.length < 6) throw wrongArguments("Invalid password length at least 6 characters needed");
  if (!verifyPassword(current, me.password)) throw wrongArguments("Invalid current password");
  db.prepare("UPDATE users SET password = ? WHERE id = ?").run(hashPassword(password), me.id);
  return empty(204);
}

export function registerUsers(routes: Routes): void {
  routes.add("/users/me", {
    GET: (c) => json(c, serializeMe(c.var.deps.db, requireUser(c))),
  });
  routes.add("/users/by_username", {
    GET: (c) => {
      const username = c.req.query("username");
      if (!username) throw badRequest("Invalid username");
      const u = c.var.deps.db.prepare("SELECT * FROM users WHERE username = ? AND is_active = 1").get(username) as UserRow | undefined;
      if (!u) throw notFound();
      return json(c, shapeFor(c.var.deps.db, c.var.user, u));
    },
  });
  routes.add("/users/change_password", { POST: changePassword });
  routes.add("/users", {
    GET: listUsers,
    POST: () => {
      throw new HttpError(405, { _error_message: "Method not supported for this endpoint.", _error_type: "taiga.base.exceptions.NotSupported" });
    },
  });
  routes.add("/users/:id", {
    GET: (c) => {
      const u = getUser(c.var.deps.db, idParam(c));
      if (!u || u.is_active !== 1) throw notFound();
      return json(c, shapeFor(c.var.deps.db, c.var.user, u));
    },
    PATCH: (c) => updateUser(c, false),
    PUT: (c) => updateUser(c, true),
  });
}


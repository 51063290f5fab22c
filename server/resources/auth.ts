/**
 * `POST /auth` (login by username or e-mail, case-insensitive), `POST /auth/refresh` (rotating refresh
 * tokens), `POST /auth/register` (public registration). Error shapes as taiga-back: login/refresh
 * failures use SimpleJWT's `{"detail", "code"}` with 401.
 */
import { randomUUID } from "node:crypto";
import type { Ctx, Routes } from "../http/context";
import { readObject, Validator } from "../http/body";
import { badRequest, invalidCredentials, invalidRefreshToken, wrongArguments } from "../http/errors";
import { json } from "../http/respond";
import { nowIso } from "../lib/dates";
import { hashPassword, verifyPassword } from "../lib/passwords";
import { denylist, isDenylisted, signToken, verifyToken } from "../lib/tokens";
import { findUserForLogin, getUser, serializeMe, type UserRow } from "../lib/users";

const USER_COLORS = ["#43e9af", "#761CEC", "#2099DB", "#C0FF33", "#E47C40", "#5178D3", "#A8E440", "#E44057"];

function tokensFor(c: Ctx, user: UserRow): { refresh: string; auth_token: string } {
  const { secret, accessTokenLifetime, refreshTokenLifetime } = c.var.deps;
  return {
    refresh: signToken(secret, "refresh", user.id, refreshTokenLifetime),
    auth_token: signToken(secret, "access", user.id, accessTokenLifetime),
  };
}

async function login(c: Ctx): Promise<Response> {
  const body = await readObject(c);
  if (body["type"] !== "normal") throw badRequest("invalid login type");
  const v = new Validator(body);
  const username = v.string("username", { required: true });
  const password = v.string("password", { required: true, allowBlank: true });
  v.check();
  const user = findUserForLogin(c.var.deps.db, username ?? "");
  if (!user || !verifyPassword(password ?? "", user.password)) throw invalidCredentials();
  return json(c, { ...serializeMe(c.var.deps.db, user), ...tokensFor(c, user) });
}

async function refresh(c: Ctx): Promise<Response> {
  const body = await readObject(c);
  const v = new Validator(body);
  const token = v.string("refresh", { required: true });
  v.check();
  const { db, secret } = c.var.deps;
  const payload = verifyToken(secret, token ?? "", "refresh");
  if (!payload || isDenylisted(db, payload.jti)) throw invalidRefreshToken();
  const user = getUser(db, payload.user_id);
  if (!user || user.is_active !== 1) throw invalidRefreshToken();
  const fresh = db.transaction(() => {
    denylist(db, payload);
    return tokensFor(c, user);
  })();
  return json(c, { auth_token: fresh.auth_token, refresh: fresh.refresh });
}

async function register(c: Ctx): Promise<Response> {
  const body = await readObject(c);
  const accepted = body["accepted_terms"];
  if (accepted === undefined || accepted === null || accepted === false) {
    throw badRequest("You must accept our terms of service and privacy policy");
  }
  if (body["type"] !== "public") throw badRequest("invalid registration type");
  const { db, publicRegister } = c.var.deps;
  if (!publicRegister) throw badRequest("Public registration is disabled.");

  const v = new Validator(body);
  const fullName = v.string("full_name", { required: true, maxLength: 36 });
  const email = v.string("email", { required: true, maxLength: 255 });
  const username = v.string("username", { required: true, maxLength: 255 });
  const password = v.string("password", { required: true, minLength: 6 });
  if (email !== undefined && email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) v.fail("email", "Enter a valid email address.");
  if (username && !/^[\w.-]+$/.test(username)) v.fail("username", "Required. 255 characters or fewer. Letters, numbers and /./-/_ characters'");
  if (fullName && (/[<>]/.test(fullName) || /https?:/.test(fullName))) v.fail("full_name", "Invalid full name");
  v.check();

  const user = db.transaction(() => {
    if (db.prepare("SELECT 1 FROM users WHERE username = ? COLLATE NOCASE").get(username)) throw wrongArguments("Username is already in use.");
    if (db.prepare("SELECT 1 FROM users WHERE email = ? COLLATE NOCASE").get(email)) throw wrongArguments("Email is already in use.");
    const count = (db.prepare("SELECT COUNT(*) AS n FROM users").get() as { n: number }).n;
    const info = db
      .prepare(
        `INSERT INTO users (username, email, full_name, password, color, uuid, verified_email, read_new_terms, accepted_terms, date_joined)
         VALUES (?, ?, ?, ?, ?, ?, 0, 1, 1, ?)`,
      )
      .run(username, email, fullName, hashPassword(password ?? ""), USER_COLORS[count % USER_COLORS.length], randomUUID().replace(/-/g, ""), nowIso());
    return getUser(db, Number(info.lastInsertRowid)) as UserRow;
  })();
  return json(c, { ...serializeMe(db, user), ...tokensFor(c, user) }, 201);
}

export function registerAuth(routes: Routes): void {
  routes.add("/auth", { POST: login });
  routes.add("/auth/refresh", { POST: refresh });
  routes.add("/auth/register", { POST: register });
}

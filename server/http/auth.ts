/**
 * Authentication middleware: `Authorization: Bearer <access token>` -> `c.var.user`.
 * A Bearer token that is invalid or expired answers 401 on every endpoint (even public ones);
 * any other scheme is treated as anonymous, as Taiga does.
 */
import type { MiddlewareHandler } from "hono";
import { verifyToken } from "../lib/tokens";
import { getUser, type UserRow } from "../lib/users";
import type { AppEnv, Ctx } from "./context";
import { invalidAccessToken, notAuthenticated } from "./errors";

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization");
  let user: UserRow | null = null;
  if (header !== undefined && header.startsWith("Bearer ")) {
    const token = header.slice("Bearer ".length).trim();
    const payload = verifyToken(c.var.deps.secret, token, "access");
    const found = payload ? getUser(c.var.deps.db, payload.user_id) : undefined;
    if (!found || found.is_active !== 1) throw invalidAccessToken();
    user = found;
  }
  c.set("user", user);
  await next();
};

/** The logged-in user, or 401 NotAuthenticated. */
export function requireUser(c: Ctx): UserRow {
  const user = c.var.user;
  if (!user) throw notAuthenticated();
  return user;
}

/**
 * Taiga's error bodies and the single place that turns any thrown value into a response.
 *
 * Families (see taiga-api/auth-and-errors.md):
 * - `{"_error_message", "_error_type"}` for most errors (400/401/403/404/405/451);
 * - `{"field": ["msg"]}` for validation errors (400);
 * - `{"detail", "code"}` (SimpleJWT) for login/refresh failures and bad tokens (401).
 */
import type { Context } from "hono";
import { json } from "./respond";

export type ErrorBody = Record<string, unknown>;

/** An HTTP error carrying Taiga's exact body. Throw it from any handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body["_error_message"] === "string" ? (body["_error_message"] as string) : `HTTP ${status}`);
  }
}

const WWW_AUTHENTICATE = { "WWW-Authenticate": 'Bearer realm="api"' };

function taiga(status: number, message: string, type: string, headers?: Record<string, string>): HttpError {
  return new HttpError(status, { _error_message: message, _error_type: `taiga.base.exceptions.${type}` }, headers);
}

/** 400 `{"_error_message": msg, "_error_type": "...BadRequest"}` */
export const badRequest = (message: string): HttpError => taiga(400, message, "BadRequest");

/** 400 `{"_error_message": msg, "_error_type": "...WrongArguments"}` */
export const wrongArguments = (message: string): HttpError => taiga(400, message, "WrongArguments");

/** 400 whose body is a bare JSON string, as taiga-back's `response.BadRequest("message")` answers. */
export const bareBadRequest = (message: string): HttpError => new HttpError(400, message as unknown as ErrorBody);

/** 400 with field errors: `{"field": ["message"]}` (or any other validation-shaped body). */
export const validationError = (fields: ErrorBody): HttpError => new HttpError(400, fields);

/** 400 for a body that is not JSON. */
export const parseError = (detail: string): HttpError => taiga(400, `JSON parse error - ${detail}`, "ParseError");

/** 401 when no (usable) credentials were sent. */
export const notAuthenticated = (): HttpError =>
  taiga(401, "Authentication credentials were not provided.", "NotAuthenticated", WWW_AUTHENTICATE);

/** 401 for an invalid or expired access token, whatever the endpoint (SimpleJWT body). */
export const invalidAccessToken = (): HttpError =>
  new HttpError(
    401,
    {
      detail: "Given token not valid for any token type",
      code: "token_not_valid",
      messages: [{ token_class: "AccessToken", token_type: "access", message: "Token is invalid or expired" }],
    },
    WWW_AUTHENTICATE,
  );

/** 401 for a refresh token that is invalid, expired, already used or an access token. */
export const invalidRefreshToken = (): HttpError =>
  new HttpError(401, { detail: "Token is invalid or expired", code: "token_not_valid" }, WWW_AUTHENTICATE);

/** 401 for a failed login. */
export const invalidCredentials = (): HttpError =>
  new HttpError(
    401,
    { detail: "No active account found with the given credentials", code: "invalid_credentials" },
    WWW_AUTHENTICATE,
  );

/** 403 for a logged-in user without the needed permission. */
export const permissionDenied = (message = "You do not have permission to perform this action."): HttpError =>
  taiga(403, message, "PermissionDenied");

/** 404 with Taiga's body; the message is empty for most lookups by id. */
export const notFound = (message = ""): HttpError => new HttpError(404, { _error_message: message });

/** 405 for a known URL with a method it does not support. */
export const methodNotAllowed = (method: string): HttpError =>
  taiga(405, `Method '${method.toUpperCase()}' not allowed.`, "MethodNotAllowed");

/** 413 for bodies over the size limit. */
export const payloadTooLarge = (limit: number): HttpError =>
  taiga(413, `Request body exceeds the limit of ${limit} bytes.`, "RequestEntityTooLarge");

/** 451 for writes into a blocked project. */
export const blocked = (): HttpError => taiga(451, "Blocked element", "Blocked");

/** Turns anything thrown by a handler into a JSON response. Never rethrows. */
export function errorToResponse(err: unknown, c: Context): Response {
  if (err instanceof HttpError) {
    return json(c, err.body, err.status, err.headers);
  }
  // Anything else is a bug or a database constraint we did not anticipate. Answer with a Taiga-shaped
  // 400 so a client never sees a crash, and log it for the developer.
  const message = err instanceof Error ? err.message : String(err);
  if (process.env.NODE_ENV !== "test" && !process.env.VITEST) console.error("[api] unexpected error:", err);
  return json(c, { _error_message: `Unexpected error: ${message}`, _error_type: "taiga.base.exceptions.BadRequest" }, 400);
}

/**
 * Access and refresh tokens: HS256 JWTs signed with node:crypto. The signing secret is
 * `TAIGA_SECRET_KEY` or a random secret generated once per database (settings table).
 * Refresh tokens rotate: a used refresh token's `jti` goes to `refresh_token_denylist`.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { getSetting, setSetting, type Db } from "../db";

export type TokenType = "access" | "refresh";

export interface TokenPayload {
  token_type: TokenType;
  user_id: number;
  jti: string;
  iat: number;
  exp: number;
}

const b64url = (input: Buffer | string): string => Buffer.from(input).toString("base64url");

/** The database's signing secret (created on first use) unless one is given. */
export function resolveSecret(db: Db, explicit?: string): string {
  if (explicit) return explicit;
  const existing = getSetting(db, "secret_key");
  if (existing) return existing;
  const secret = randomBytes(32).toString("hex");
  setSetting(db, "secret_key", secret);
  return secret;
}

export function signToken(secret: string, type: TokenType, userId: number, lifetimeSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload: TokenPayload = { token_type: type, user_id: userId, jti: randomUUID().replace(/-/g, ""), iat, exp: iat + lifetimeSeconds };
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

/** Returns the payload of a valid, unexpired token of the given type, else null. */
export function verifyToken(secret: string, token: string, type: TokenType, now = Date.now()): TokenPayload | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [head, body, sig] = parts as [string, string, string];
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isPayload(payload) || payload.token_type !== type) return null;
  if (payload.exp <= Math.floor(now / 1000)) return null;
  return payload;
}

function isPayload(value: unknown): value is TokenPayload {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v["token_type"] === "access" || v["token_type"] === "refresh") &&
    Number.isInteger(v["user_id"]) &&
    typeof v["jti"] === "string" &&
    Number.isInteger(v["exp"]) &&
    Number.isInteger(v["iat"])
  );
}

export function isDenylisted(db: Db, jti: string): boolean {
  return db.prepare("SELECT 1 FROM refresh_token_denylist WHERE jti = ?").get(jti) !== undefined;
}

export function denylist(db: Db, payload: TokenPayload): void {
  db.prepare("INSERT OR IGNORE INTO refresh_token_denylist (jti, expires_at) VALUES (?, ?)").run(payload.jti, payload.exp);
  db.prepare("DELETE FROM refresh_token_denylist WHERE expires_at < ?").run(Math.floor(Date.now() / 1000));
}

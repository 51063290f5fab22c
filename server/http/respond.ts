/** JSON responses the way Taiga writes them: `application/json` (no charset), non-ASCII escaped. */
import type { Context } from "hono";

/** JSON.stringify with every non-ASCII character escaped as `\uXXXX` (Python's ensure_ascii). */
export function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A JSON response; extra headers are merged with those already set on the context. */
export function json(c: Context, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const h = new Headers();
  c.res.headers.forEach((v, k) => {
    if (k !== "content-type" && k !== "content-length") h.set(k, v);
  });
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  h.set("Content-Type", "application/json");
  return new Response(toAsciiJson(body), { status, headers: h });
}

/** An empty response (204 after DELETE, 200 after watch/vote) without Content-Type. */
export function empty(status = 204, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

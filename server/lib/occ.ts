/**
 * Taiga's optimistic concurrency rule (taiga/projects/occ/mixins.py), as a pure function.
 *
 * A PUT/PATCH must carry the `version` the client saw. It is accepted when it equals the stored
 * version, or when it is older but none of the body's keys were changed by the last
 * `current - sent` history entries of the object ("different attributes are both accepted").
 */

export const VERSION_NOT_VALID = "The version parameter is not valid";
export const VERSION_MISMATCH = "The version doesn't match with the current one";
export const ENTER_WHOLE_NUMBER = "Enter a whole number.";

export type OccError =
  /** Validator error (list form), e.g. `{"version": ["Enter a whole number."]}`. */
  | { readonly version: readonly string[] }
  /** OCC error (string form), e.g. `{"version": "The version parameter is not valid"}`. */
  | { readonly version: string };

export type OccOutcome = { readonly ok: true } | { readonly ok: false; readonly body: OccError };

/**
 * Parse a `version` value the way Taiga's IntegerField does: integers and integer strings pass;
 * anything else present and non-null is "Enter a whole number.". `undefined` means "not sent".
 */
export function parseVersion(raw: unknown): { kind: "missing" } | { kind: "invalid" } | { kind: "ok"; value: number } {
  if (raw === undefined || raw === null) return { kind: "missing" };
  if (typeof raw === "number") {
    return Number.isSafeInteger(raw) ? { kind: "ok", value: raw } : { kind: "invalid" };
  }
  if (typeof raw === "string") {
    const trimmed = raw.trim();
    if (trimmed === "") return { kind: "missing" };
    if (/^[+-]?\d+$/.test(trimmed)) {
      const value = Number(trimmed);
      return Number.isSafeInteger(value) ? { kind: "ok", value } : { kind: "invalid" };
    }
    return { kind: "invalid" };
  }
  return { kind: "invalid" };
}

/**
 * Decide whether an update may proceed.
 *
 * @param body the request body (its top-level keys count, whatever they are, except `version`)
 * @param current the stored version
 * @param recentChangedKeys the diff keys of the object's history entries, newest first (one array
 *   per entry; creation and comment-only entries have an empty array). Only the first
 *   `current - sent` entries are looked at.
 */
export function checkOcc(
  body: Readonly<Record<string, unknown>>,
  current: number,
  recentChangedKeys: readonly (readonly string[])[],
): OccOutcome {
  const parsed = parseVersion(body.version);
  if (parsed.kind === "invalid") return { ok: false, body: { version: [ENTER_WHOLE_NUMBER] } };
  if (parsed.kind === "missing") return { ok: false, body: { version: VERSION_NOT_VALID } };
  const sent = parsed.value;
  if (sent < 0 || sent > current) return { ok: false, body: { version: VERSION_NOT_VALID } };
  if (sent === current) return { ok: true };

  const window = recentChangedKeys.slice(0, current - sent);
  const changed = new Set<string>();
  for (const keys of window) for (const key of keys) changed.add(key);
  const conflict = Object.keys(body).some((key) => key !== "version" && changed.has(key));
  return conflict ? { ok: false, body: { version: VERSION_MISMATCH } } : { ok: true };
}

/**
 * Per-user preferences (folded columns, remembered filters, visible columns...): the pure part.
 *
 * A preference lives in two places: this browser's localStorage (read synchronously, so a view
 * paints with it at once) and the user's storage on the server (`/user-storage/<key>`, so it
 * follows the user to another browser). The local copy remembers whether the server has it yet:
 *
 * - a local change the server has not acknowledged (`synced: false`) wins over the server copy and
 *   is sent again — nothing the user did is lost to a reload or a failed request;
 * - otherwise the server copy wins when it arrives (another browser may have changed it), and a
 *   key the server no longer has falls back to the default.
 *
 * The hook that ties this to React and to the server is `usePreference` (src/api/preferences.ts).
 */

/** The local copy of one preference. */
export interface LocalPreference<V> {
  value: V;
  /** The server has acknowledged this value. */
  synced: boolean;
}

/** What the server holds for a key: `undefined` while unknown, `null` when it has no such key. */
export type ServerPreference<V> = { value: V } | null | undefined;

export interface Resolved<V> {
  value: V;
  /** The value must be written to the server (a local change it has not seen). */
  push: boolean;
  /** What the local copy should become (`null`: remove it). */
  local: LocalPreference<V> | null;
}

/**
 * Decides what a preference is from the local copy, the server's copy and the default (see the
 * module comment). `parse` turns a stored value into a valid one, or `undefined` when it is not.
 */
export function resolvePreference<V>(
  local: LocalPreference<unknown> | null,
  server: ServerPreference<unknown>,
  fallback: V,
  parse: (raw: unknown) => V | undefined,
): Resolved<V> {
  const localValue = local ? parse(local.value) : undefined;
  const localEntry = local && localValue !== undefined ? { value: localValue, synced: local.synced } : null;
  if (server === undefined) return { value: localEntry ? localEntry.value : fallback, push: false, local: localEntry };
  const serverValue = server ? parse(server.value) : undefined;
  if (localEntry && !localEntry.synced) {
    // The server already has what this browser meant to send (another tab sent it, or the answer was lost).
    if (serverValue !== undefined && sameValue(serverValue, localEntry.value)) return { value: serverValue, push: false, local: { value: serverValue, synced: true } };
    return { value: localEntry.value, push: true, local: localEntry };
  }
  if (serverValue === undefined) return { value: fallback, push: false, local: null };
  return { value: serverValue, push: false, local: { value: serverValue, synced: true } };
}

/** Equality of JSON values as stored (a differing key order only costs a redundant write). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A preference's user-storage key, e.g. `dashboard-kanban-folded-12`. Such keys may not hold `/`
 * or `.` (Taiga's router): pass `[a-z0-9-]` names and ids.
 */
export const preferenceKey = (...parts: (string | number)[]): string => ["dashboard", ...parts].join("-");

const localKey = (userId: number, key: string) => `taiga.prefs.${userId}.${key}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readLocalPreference(userId: number, key: string): LocalPreference<unknown> | null {
  try {
    const raw = storage()?.getItem(localKey(userId, key));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalPreference<unknown>> | null;
    return parsed && typeof parsed === "object" && "value" in parsed ? { value: parsed.value, synced: parsed.synced === true } : null;
  } catch {
    return null;
  }
}

export function writeLocalPreference(userId: number, key: string, entry: LocalPreference<unknown> | null): void {
  try {
    if (entry) storage()?.setItem(localKey(userId, key), JSON.stringify(entry));
    else storage()?.removeItem(localKey(userId, key));
  } catch {
    // storage full or unavailable: the preference still holds for this visit and on the server
  }
}

/** The signed-in user's id, from the access token (a JWT carrying `user_id`), without a request. */
export function userIdOfToken(token: string | undefined): number | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { user_id?: unknown };
    return typeof json.user_id === "number" ? json.user_id : null;
  } catch {
    return null;
  }
}

/** A `parse` for maps of ids to booleans (`{"12": true}`), such as folded columns. */
export function parseFlags(raw: unknown): Record<string, boolean> | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const flags: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "boolean") flags[k] = v;
  return flags;
}

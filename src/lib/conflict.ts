/**
 * The pure part of the OCC conflict prompt. A save carries the fields the user changed and the
 * version they saw; when Taiga rejects it, the client fetches the current object and compares,
 * field by field, what the user started from (base), what they want (mine) and what the server
 * has now (theirs).
 */

/** Keys that ride along with a save but are never the user's edit of the object. */
const NOT_FIELDS = new Set(["version", "comment"]);

export interface FieldConflict {
  field: string;
  /** The value the user started from. */
  base: unknown;
  /** The value the user wants to save. */
  mine: unknown;
  /** The value on the server now. */
  theirs: unknown;
  /** Someone else changed this field since the user's version. */
  changedByThem: boolean;
  /** Theirs already equals mine: nothing to decide. */
  alreadySame: boolean;
}

/** Structural equality for JSON values (key order of objects does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => sameValue(ra[k], rb[k]));
}

/** The user's edited fields (the save body minus `version` and `comment`). */
export function editedFields(changes: Record<string, unknown>): string[] {
  return Object.keys(changes).filter((k) => !NOT_FIELDS.has(k));
}

/**
 * Fields whose value is a map that Taiga updates key by key (a story's points per role): a save
 * sends only the keys the user changed, so only those keys are compared, and another person's
 * change to a different key is neither a conflict nor overwritten by "Keep mine".
 */
const PARTIAL_MAP_FIELDS = new Set(["points"]);

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value of a partial-map field restricted to the keys the user sent. */
function project(field: string, mine: unknown, value: unknown): unknown {
  if (!PARTIAL_MAP_FIELDS.has(field) || !isMap(mine) || !isMap(value)) return value;
  return Object.fromEntries(Object.keys(mine).map((k) => [k, value[k]]));
}

/** One entry per field the user changed. */
export function describeConflict(
  changes: Record<string, unknown>,
  base: Record<string, unknown>,
  theirs: Record<string, unknown>,
): FieldConflict[] {
  return editedFields(changes).map((field) => {
    const mine = changes[field];
    const b = project(field, mine, base[field]);
    const t = project(field, mine, theirs[field]);
    return { field, base: b, mine, theirs: t, changedByThem: !sameValue(b, t), alreadySame: sameValue(mine, t) };
  });
}

/** The fields where the user has to choose: someone else changed them, and not to the user's value. */
export function realConflicts(conflicts: readonly FieldConflict[]): FieldConflict[] {
  return conflicts.filter((c) => c.changedByThem && !c.alreadySame);
}

/**
 * "Keep mine": every change of the user, resubmitted on the current version (a comment that
 * was part of the save goes along).
 */
export function keepMineChanges(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) if (key !== "version") out[key] = value;
  return out;
}

/**
 * "Take theirs": the user's changes to the contested fields are dropped; changes to fields
 * nobody else touched still go through. Returns null when nothing is left to send.
 */
export function takeTheirsChanges(changes: Record<string, unknown>, conflicts: readonly FieldConflict[]): Record<string, unknown> | null {
  const contested = new Set(conflicts.filter((c) => c.changedByThem).map((c) => c.field));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (key === "version" || contested.has(key)) continue;
    out[key] = value;
  }
  return editedFields(out).length || "comment" in out ? out : null;
}

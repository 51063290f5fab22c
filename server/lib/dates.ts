/** Date formatting as Taiga's JSON encoder writes it (conventions.md §6). */

/** A stored ISO timestamp (or Date) as `2024-04-03T10:15:30.123Z`, or `...:30Z` when the fraction is zero. */
export function formatDateTime(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const iso = typeof value === "string" ? value : value.toISOString();
  return iso.replace(/\.000Z$/, "Z");
}

/** Current time as a stored ISO timestamp. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Current time in microseconds since the epoch (fresh backlog/sprint/kanban orders). */
export function nowMicros(): number {
  return Date.now() * 1000;
}

/** A Date as `YYYY-MM-DD` (UTC). */
export function formatDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** True for a valid `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && formatDate(d) === value;
}

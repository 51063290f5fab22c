/**
 * The columns of the issues table, which of them the user shows and in what order (remembered in
 * this browser). The issue column (`#ref subject`) cannot be hidden: it holds each row's link.
 */

export const COLUMNS = {
  type: { label: "Type", sort: "type" },
  severity: { label: "Severity", sort: "severity" },
  priority: { label: "Priority", sort: "priority" },
  issue: { label: "Issue", sort: "subject" },
  status: { label: "Status", sort: "status" },
  assigned_to: { label: "Assigned to", sort: "assigned_to" },
  owner: { label: "Reporter", sort: "owner" },
  created_date: { label: "Created", sort: "created_date" },
  modified_date: { label: "Modified", sort: "modified_date" },
  votes: { label: "Votes", sort: "total_voters" },
} as const;

export type ColumnId = keyof typeof COLUMNS;

export const ALL_COLUMNS = Object.keys(COLUMNS) as ColumnId[];
export const DEFAULT_COLUMNS: ColumnId[] = ["type", "severity", "priority", "issue", "status", "assigned_to", "created_date", "modified_date", "votes"];
export const REQUIRED_COLUMN: ColumnId = "issue";

const STORAGE_KEY = "taiga.issues.columns";

const isColumn = (value: unknown): value is ColumnId => typeof value === "string" && value in COLUMNS;

/** A valid visible-column list: known ids, no repeats, the issue column always there. */
export function normaliseColumns(value: unknown): ColumnId[] {
  if (!Array.isArray(value)) return [...DEFAULT_COLUMNS];
  const out: ColumnId[] = [];
  for (const id of value) if (isColumn(id) && !out.includes(id)) out.push(id);
  if (!out.includes(REQUIRED_COLUMN)) out.unshift(REQUIRED_COLUMN);
  return out;
}

export function loadColumns(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): ColumnId[] {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    return raw ? normaliseColumns(JSON.parse(raw)) : [...DEFAULT_COLUMNS];
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function saveColumns(columns: readonly ColumnId[], storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // storage unavailable: the choice holds for this visit
  }
}

/** Shows or hides a column; a shown column comes back where the default order puts it. */
export function toggleColumn(visible: readonly ColumnId[], id: ColumnId): ColumnId[] {
  if (visible.includes(id)) return id === REQUIRED_COLUMN ? [...visible] : visible.filter((c) => c !== id);
  const rank = (c: ColumnId) => ALL_COLUMNS.indexOf(c);
  const next = [...visible];
  const at = next.findIndex((c) => rank(c) > rank(id));
  next.splice(at < 0 ? next.length : at, 0, id);
  return next;
}

/** Moves a visible column one place left (-1) or right (+1). */
export function moveColumn(visible: readonly ColumnId[], id: ColumnId, by: -1 | 1): ColumnId[] {
  const from = visible.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= visible.length) return [...visible];
  const next = [...visible];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/** Every column for the chooser: the visible ones in their order, then the hidden ones. */
export function chooserOrder(visible: readonly ColumnId[]): ColumnId[] {
  return [...visible, ...ALL_COLUMNS.filter((c) => !visible.includes(c))];
}

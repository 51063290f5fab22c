/**
 * Folded status columns (remembered per project) and folded story rows (remembered per sprint), in
 * the browser's storage.
 */
import { useCallback, useMemo, useState } from "react";
import type { Id } from "../../api/types";

const COLUMNS_KEY = "taiga.taskboard.columns.";
const ROWS_KEY = "taiga.taskboard.rows.";

function read(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function write(key: string, values: Iterable<string>): void {
  try {
    localStorage.setItem(key, JSON.stringify([...values]));
  } catch {
    // storage unavailable: folding still works for this visit
  }
}

const rowKey = (id: Id | null) => (id === null ? "none" : String(id));

export function useFolding(projectId: Id, milestoneId: Id) {
  const [columnKeys, setColumnKeys] = useState(() => new Set(read(COLUMNS_KEY + projectId)));
  const [rowKeys, setRowKeys] = useState(() => new Set(read(ROWS_KEY + milestoneId)));

  const columns = useMemo(() => new Set([...columnKeys].map(Number)), [columnKeys]);
  const rows = useMemo(() => new Set([...rowKeys].map((k) => (k === "none" ? null : Number(k)))), [rowKeys]);

  const toggleColumn = useCallback(
    (statusId: Id) =>
      setColumnKeys((prev) => {
        const next = new Set(prev);
        const key = String(statusId);
        if (!next.delete(key)) next.add(key);
        write(COLUMNS_KEY + projectId, next);
        return next;
      }),
    [projectId],
  );
  const toggleRow = useCallback(
    (rowId: Id | null) =>
      setRowKeys((prev) => {
        const next = new Set(prev);
        const key = rowKey(rowId);
        if (!next.delete(key)) next.add(key);
        write(ROWS_KEY + milestoneId, next);
        return next;
      }),
    [milestoneId],
  );
  return { columns, rows, toggleColumn, toggleRow };
}

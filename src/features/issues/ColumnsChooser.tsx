/** Choose which columns the table shows and in which order (a disclosure with checkboxes and move buttons). */
import { useEffect, useId, useRef, useState } from "react";
import { chooserOrder, COLUMNS, REQUIRED_COLUMN, type ColumnId } from "./columns";

export function ColumnsChooser({
  visible,
  onToggle,
  onMove,
  onReset,
}: {
  visible: readonly ColumnId[];
  onToggle: (id: ColumnId) => void;
  onMove: (id: ColumnId, by: -1 | 1) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onPointer);
    return () => document.removeEventListener("mousedown", onPointer);
  }, [open]);

  const small = "rounded px-1.5 text-xs text-slate-600 hover:bg-slate-200 disabled:opacity-30 focus-visible:outline-2 focus-visible:outline-indigo-500";
  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
      >
        Columns
      </button>
      {open && (
        <div id={panelId} role="group" aria-label="Visible columns" className="absolute right-0 z-30 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <ul className="flex flex-col">
            {chooserOrder(visible).map((id) => {
              const shown = visible.includes(id);
              const index = visible.indexOf(id);
              const label = COLUMNS[id].label;
              return (
                <li key={id} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                  <label className="flex flex-1 items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" checked={shown} disabled={id === REQUIRED_COLUMN} onChange={() => onToggle(id)} className="accent-indigo-600" />
                    {label}
                  </label>
                  {shown && (
                    <>
                      <button type="button" className={small} aria-label={`Move ${label} left`} disabled={index === 0} onClick={() => onMove(id, -1)}>
                        ←
                      </button>
                      <button type="button" className={small} aria-label={`Move ${label} right`} disabled={index === visible.length - 1} onClick={() => onMove(id, 1)}>
                        →
                      </button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={onReset} className="mt-2 text-xs text-indigo-700 hover:underline">
            Reset to the default columns
          </button>
        </div>
      )}
    </div>
  );
}

import { memo, useCallback, useMemo, useState, type KeyboardEvent } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { Task } from "../../api/types";
import { errorText } from "../../components/ErrorMessage";
import { cellKey, type TaskboardCell } from "../../lib/taskboardOrder";
import { SortableTaskCard, StaticTaskCard, type CardContext } from "./TaskCard";

export interface TaskCellProps {
  storyId: number | null;
  statusId: number;
  /** "In progress, #12 Login with e-mail". */
  label: string;
  /** The shown (filtered) cards in board order. */
  cards: readonly Task[];
  /** Tasks of the cell hidden by the filters. */
  hidden: number;
  ctx: CardContext;
  canAdd: boolean;
  onQuickAdd: (cell: TaskboardCell, subject: string) => Promise<void>;
}

function QuickAdd({ label, onAdd }: { label: string; onAdd: (subject: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const subject = value.trim();
    if (!subject || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAdd(subject);
      setValue("");
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      setValue("");
      setError(null);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Add a task to ${label}`}
        className="flex h-6 w-full items-center gap-1 rounded px-1.5 text-left text-[11px] font-medium text-slate-400 opacity-70 hover:bg-slate-200/70 hover:text-slate-800 hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true" className="text-sm leading-none">
          +
        </span>{" "}
        Add task
      </button>
    );
  }
  return (
    <div>
      <input
        // The user asked for the field by pressing "Add task": take them there.
        autoFocus
        value={value}
        disabled={busy}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (!value.trim() && !busy) setOpen(false);
        }}
        aria-label={`New task title for ${label}`}
        aria-invalid={error ? true : undefined}
        placeholder="Task title, then Enter"
        className="h-7 w-full rounded-md border border-indigo-500 bg-white px-2 text-[13px] outline-none focus:ring-2 focus:ring-indigo-500/40"
      />
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** One board cell (story row × status column): the droppable, its sortable list, quick add. */
export const TaskCell = memo(function TaskCell({ storyId, statusId, label, cards, hidden, ctx, canAdd, onQuickAdd }: TaskCellProps) {
  const cell = useMemo<TaskboardCell>(() => ({ storyId, statusId }), [storyId, statusId]);
  const key = cellKey(cell);
  const { setNodeRef, isOver } = useDroppable({ id: key, data: { type: "cell" }, disabled: !ctx.canMove });
  const ids = useMemo(() => cards.map((c) => c.id), [cards]);
  const add = useCallback((subject: string) => onQuickAdd(cell, subject), [onQuickAdd, cell]);

  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-label={label}
      data-cell={key}
      className={`flex min-h-16 w-56 shrink-0 flex-col gap-1 border-l border-slate-200 p-1.5 transition-colors ${isOver ? "bg-indigo-50" : ""}`}
    >
      <SortableContext id={key} items={ids} strategy={verticalListSortingStrategy}>
        <ul className="flex flex-col gap-1.5" data-cell-list={key}>
          {cards.map((task) => (
            <li key={task.id}>{ctx.canMove ? <SortableTaskCard task={task} ctx={ctx} /> : <StaticTaskCard task={task} ctx={ctx} />}</li>
          ))}
        </ul>
      </SortableContext>
      {hidden > 0 && (
        <p className="px-1 text-[11px] text-slate-400">
          {hidden} hidden by the filters
        </p>
      )}
      {canAdd && <QuickAdd label={label} onAdd={add} />}
    </div>
  );
});

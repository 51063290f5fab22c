import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { UserStory } from "../../api/types";
import { cellKey, type KanbanCell } from "../../lib/kanbanOrder";
import { SortableCard, StaticCard, type CardContext } from "./KanbanCard";

/** Estimated height of a card plus the gap below it; real heights are measured. */
export const CARD_ESTIMATE = 88;

export interface CellProps {
  statusId: number;
  swimlaneId: number | null;
  /** "In progress" or "In progress — Mobile". */
  label: string;
  cards: readonly UserStory[];
  /** Height of the scrolling card list, equal across a swimlane row. */
  height: number;
  ctx: CardContext;
  /** The story being dragged, kept rendered even when scrolled out of view. */
  activeId: number | null;
  canAdd: boolean;
  onQuickAdd: (cell: KanbanCell, subject: string) => Promise<void>;
  filtering: boolean;
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
      setError(e instanceof Error ? e.message : "The story could not be created.");
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
        aria-label={`Add story to ${label}`}
        className="mb-1 flex h-7 w-full items-center gap-1 rounded-md px-2 text-left text-xs font-medium text-slate-500 hover:bg-slate-200/70 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true" className="text-base leading-none">+</span> Add story
      </button>
    );
  }
  return (
    <div className="mb-1">
      <input
        // The user asked for the field by clicking "Add story": take them there.
        autoFocus
        value={value}
        disabled={busy}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (!value.trim() && !busy) setOpen(false);
        }}
        aria-label={`New story title for ${label}`}
        aria-invalid={error ? true : undefined}
        placeholder="Story title, then Enter"
        className="h-7 w-full rounded-md border border-indigo-500 bg-white px-2 text-sm outline-none focus:ring-2 focus:ring-indigo-500/40"
      />
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * One board cell (status × swimlane): the droppable, its sortable context, and a virtualized
 * list so only the cards in view (plus a few) are in the DOM however long the column is.
 */
export const KanbanCellView = memo(function KanbanCellView({
  statusId,
  swimlaneId,
  label,
  cards,
  height,
  ctx,
  activeId,
  canAdd,
  onQuickAdd,
  filtering,
}: CellProps) {
  const cell = useMemo<KanbanCell>(() => ({ statusId, swimlaneId }), [statusId, swimlaneId]);
  const key = cellKey(cell);
  const { setNodeRef, isOver } = useDroppable({ id: key, data: { type: "cell" } });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const ids = useMemo(() => cards.map((c) => c.id), [cards]);
  const activeIndex = activeId === null ? -1 : ids.indexOf(activeId);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) {
        indexes.push(activeIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeIndex],
  );

  // TanStack Virtual hands back functions React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    overscan: 4,
    getItemKey: (index) => cards[index]?.id ?? index,
    rangeExtractor,
    initialRect: { width: 280, height },
    useFlushSync: false,
  });

  const setRefs = useCallback(
    (node: HTMLDivElement | null) => {
      scrollRef.current = node;
      setNodeRef(node);
    },
    [setNodeRef],
  );

  const add = useCallback((subject: string) => onQuickAdd(cell, subject), [onQuickAdd, cell]);

  return (
    <div className="flex flex-col px-1.5 pt-1.5" data-cell={key}>
      {canAdd && <QuickAdd label={label} onAdd={add} />}
      <SortableContext id={key} items={ids} strategy={verticalListSortingStrategy}>
        <div
          ref={setRefs}
          data-cell-list={key}
          className={`relative overflow-y-auto overscroll-contain rounded-md transition-colors ${isOver ? "bg-indigo-50" : ""}`}
          style={{ height }}
        >
          {cards.length === 0 ? (
            <p className="px-2 py-3 text-center text-xs text-slate-400">{filtering ? "No matching stories" : "No stories"}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => {
                const story = cards[item.index];
                if (!story) return null;
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute left-0 right-0 pb-2"
                    style={{ top: item.start }}
                  >
                    {ctx.canMove ? <SortableCard story={story} ctx={ctx} /> : <StaticCard story={story} ctx={ctx} />}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </SortableContext>
    </div>
  );
});

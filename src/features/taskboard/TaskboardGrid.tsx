import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  closestCenter,
  DndContext,
  DragOverlay,
  getFirstCollision,
  KeyboardCode,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove } from "@dnd-kit/sortable";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { Id, Task, TaskStatus } from "../../api/types";
import { cellKey, parseCellKey, type TaskboardCell } from "../../lib/taskboardOrder";
import { directionOf, keyboardTarget, type BoardNav } from "./keyboard";
import { FOLDED_COLUMN_WIDTH, ROW_HEADER_WIDTH, StoryRow } from "./StoryRow";
import { OverlayTaskCard, type CardContext } from "./TaskCard";
import type { BoardRow } from "./taskboardModel";

export interface TaskboardGridProps {
  columns: readonly TaskStatus[];
  rows: readonly BoardRow[];
  /** Shown (filtered) cards per cell key, in board order. */
  cells: ReadonlyMap<string, Task[]>;
  /** Every card per cell key. */
  allCells: ReadonlyMap<string, Task[]>;
  foldedColumns: ReadonlySet<Id>;
  foldedRows: ReadonlySet<Id | null>;
  /** While filtering: the rows with at least one matching task (the others fold away); null otherwise. */
  matchingRows: ReadonlySet<Id | null> | null;
  onToggleColumn: (statusId: Id) => void;
  onToggleRow: (rowId: Id | null) => void;
  onBulkAdd: (rowId: Id | null) => void;
  onQuickAdd: (cell: TaskboardCell, subject: string) => Promise<void>;
  /** A card was dropped: where, and its position among the shown cards of that cell. */
  onDrop: (task: Task, to: TaskboardCell, visibleAfterDrop: readonly Id[]) => void;
  ctx: CardContext;
  canAdd: boolean;
  /** Height of the scrolling board, px. */
  height: number;
}

type Items = Record<string, number[]>;

const isCellId = (id: UniqueIdentifier): id is string => typeof id === "string" && id.startsWith("cell:");
const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_CODES = { start: [KeyboardCode.Space], cancel: [KeyboardCode.Esc], end: [KeyboardCode.Space, KeyboardCode.Enter] };
const COLUMN_WIDTH = 224;
const CARD_HEIGHT = 62;

const rowKey = (id: Id | null) => (id === null ? "none" : String(id));

export function TaskboardGrid(props: TaskboardGridProps) {
  const { columns, rows, cells, allCells, foldedColumns, foldedRows, matchingRows, ctx } = props;

  const openColumns = useMemo(() => columns.filter((c) => !foldedColumns.has(c.id)), [columns, foldedColumns]);
  const isCollapsed = useCallback((row: BoardRow) => foldedRows.has(row.id) || (matchingRows !== null && !matchingRows.has(row.id)), [foldedRows, matchingRows]);
  const openRows = useMemo(() => rows.filter((r) => !isCollapsed(r)), [rows, isCollapsed]);

  // Card ids per droppable cell as the board shows them.
  const baseItems = useMemo(() => {
    const items: Items = {};
    for (const r of openRows) for (const c of openColumns) {
      const key = cellKey({ storyId: r.id, statusId: c.id });
      items[key] = (cells.get(key) ?? []).map((t) => t.id);
    }
    return items;
  }, [cells, openRows, openColumns]);

  const tasksById = useMemo(() => {
    const map = new Map<number, Task>();
    for (const list of allCells.values()) for (const t of list) map.set(t.id, t);
    return map;
  }, [allCells]);

  const [dragItems, setDragItems] = useState<Items | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  // A new board from the cache (the optimistic update, a rollback, a refetch) ends the post-drop hold.
  const [cellsSeen, setCellsSeen] = useState(cells);
  if (cells !== cellsSeen) {
    setCellsSeen(cells);
    if (activeId === null && dragItems !== null) setDragItems(null);
  }
  const items = dragItems ?? baseItems;

  const containerOf = useMemo(() => {
    const map = new Map<UniqueIdentifier, string>();
    for (const [key, ids] of Object.entries(items)) {
      map.set(key, key);
      for (const id of ids) map.set(id, key);
    }
    return map;
  }, [items]);

  const originRef = useRef<TaskboardCell | null>(null);
  const keyboardTargetRef = useRef<UniqueIdentifier | null>(null);
  const lastOverRef = useRef<UniqueIdentifier | null>(null);
  const movedRef = useRef(false);
  const justMovedRef = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => (justMovedRef.current = false));
    return () => cancelAnimationFrame(frame);
  }, [dragItems]);
  const live = useRef({ items, containerOf, baseItems });
  const nav = useRef<BoardNav>({ columns: [], rows: [], items: {} });
  useLayoutEffect(() => {
    live.current = { items, containerOf, baseItems };
    nav.current = { columns: openColumns.map((c) => c.id), rows: openRows.map((r) => r.id), items };
  }, [items, containerOf, baseItems, openColumns, openRows]);

  const statusName = useMemo(() => new Map(columns.map((c) => [c.id, c.name])), [columns]);
  const rowName = useMemo(() => new Map(rows.map((r) => [r.id, r.label])), [rows]);
  const cellLabel = useCallback(
    (key: string) => {
      const cell = parseCellKey(key);
      if (!cell) return "the board";
      return `${statusName.get(cell.statusId) ?? "a status"}, ${rowName.get(cell.storyId) ?? "a story"}`;
    },
    [statusName, rowName],
  );

  // ------------------------------------------------------------ rows, virtualized
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const activeRowIndex = useMemo(() => {
    if (activeId === null) return -1;
    const key = containerOf.get(activeId);
    const cell = key ? parseCellKey(key) : null;
    return cell ? rows.findIndex((r) => r.id === cell.storyId) : -1;
  }, [activeId, containerOf, rows]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeRowIndex >= 0 && !indexes.includes(activeRowIndex)) {
        indexes.push(activeRowIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeRowIndex],
  );
  const estimate = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row || isCollapsed(row)) return 64;
      let most = 0;
      for (const c of openColumns) most = Math.max(most, cells.get(cellKey({ storyId: row.id, statusId: c.id }))?.length ?? 0);
      return Math.max(96, most * CARD_HEIGHT + 44);
    },
    [rows, isCollapsed, openColumns, cells],
  );
  // TanStack Virtual hands back functions React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimate,
    overscan: 4,
    getItemKey: (index) => rowKey(rows[index]?.id ?? null),
    rangeExtractor,
    initialRect: { width: 1200, height: 800 },
    useFlushSync: false,
  });

  // ------------------------------------------------------------ keyboard and pointer
  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context, currentCoordinates }) => {
    const direction = directionOf[event.code];
    const active = context.active;
    if (!direction || !active || typeof active.id !== "number") return undefined;
    event.preventDefault();
    const current = context.over?.id ?? active.id;
    let target = keyboardTarget(nav.current, current, active.id, direction);
    if (target === null) return currentCoordinates;
    if (!context.droppableRects.get(target)) {
      // Not rendered (a row scrolled out of the virtual list): the cell of that card instead.
      const key = typeof target === "number" ? Object.keys(nav.current.items).find((k) => nav.current.items[k]?.includes(target as number)) : target;
      target = key && context.droppableRects.get(key) ? key : null;
      if (target === null) return currentCoordinates;
    }
    const rect = context.droppableRects.get(target);
    if (!rect) return currentCoordinates;
    keyboardTargetRef.current = target;
    return { x: rect.left, y: rect.top };
  }, []);
  const keyboardOptions = useMemo(() => ({ coordinateGetter, keyboardCodes: KEYBOARD_CODES }), [coordinateGetter]);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, keyboardOptions));

  const collisionDetection: CollisionDetection = useCallback((args) => {
    if (!args.pointerCoordinates) {
      const target = keyboardTargetRef.current;
      return target === null ? [] : [{ id: target }];
    }
    if (justMovedRef.current && lastOverRef.current !== null) return [{ id: lastOverRef.current }];
    const within = pointerWithin(args);
    const hits = within.length > 0 ? within : rectIntersection(args);
    let overId = getFirstCollision(hits, "id");
    if (overId !== null && isCellId(overId)) {
      const ids = new Set<UniqueIdentifier>(live.current.items[overId] ?? []);
      if (ids.size > 0) {
        const closest = closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => ids.has(c.id)) });
        const first = closest[0];
        if (first) overId = first.id;
      }
    }
    if (overId === null) return lastOverRef.current === null ? [] : [{ id: lastOverRef.current }];
    lastOverRef.current = overId;
    return [{ id: overId }];
  }, []);

  const onDragStart = useCallback(({ active }: DragStartEvent) => {
    if (typeof active.id !== "number") return;
    const key = live.current.containerOf.get(active.id);
    originRef.current = key ? parseCellKey(key) : null;
    keyboardTargetRef.current = active.id;
    lastOverRef.current = null;
    movedRef.current = false;
    setActiveId(active.id);
    setDragItems(live.current.baseItems);
  }, []);

  const onDragOver = useCallback(({ active, over }: DragOverEvent) => {
    if (!over || typeof active.id !== "number") return;
    const { containerOf: where } = live.current;
    const from = where.get(active.id);
    const to = where.get(over.id);
    if (!from || !to || from === to) return;
    const keyboard = !active.rect.current.translated || keyboardTargetRef.current === over.id;
    setDragItems((prev) => {
      const state = prev ?? live.current.baseItems;
      const source = (state[from] ?? []).filter((id) => id !== active.id);
      const target = (state[to] ?? []).filter((id) => id !== active.id);
      let index = target.length;
      if (!isCellId(over.id)) {
        const overIndex = target.indexOf(over.id as number);
        const translated = active.rect.current.translated;
        const below = !keyboard && translated ? translated.top + translated.height / 2 > over.rect.top + over.rect.height / 2 : false;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      target.splice(index, 0, active.id as number);
      return { ...state, [from]: source, [to]: target };
    });
    justMovedRef.current = true;
    if (keyboardTargetRef.current === over.id) keyboardTargetRef.current = active.id;
  }, []);

  const finish = useCallback(() => {
    setDragItems(null);
    setActiveId(null);
    originRef.current = null;
    keyboardTargetRef.current = null;
  }, []);

  const { onDrop } = props;
  const onDragEnd = useCallback(
    ({ active, over, activatorEvent }: DragEndEvent) => {
      const dropCell = typeof active.id === "number" ? live.current.containerOf.get(active.id) : undefined;
      if (typeof active.id === "number" && activatorEvent instanceof KeyboardEvent && dropCell) {
        // Give the keyboard user's focus back to the card once it is rendered in its new cell.
        const selector = `[data-cell-list="${dropCell}"] [data-task-id="${active.id}"]`;
        let frames = 0;
        const refocus = () => {
          const el = document.querySelector<HTMLElement>(selector);
          if (el) el.focus();
          else if (frames++ < 60) requestAnimationFrame(refocus);
        };
        requestAnimationFrame(refocus);
      }
      const { items: state, containerOf: where } = live.current;
      const container = typeof active.id === "number" ? where.get(active.id) : undefined;
      const task = typeof active.id === "number" ? tasksById.get(active.id) : undefined;
      const to = container ? parseCellKey(container) : null;
      if (!over || !container || !originRef.current || !task || !to) {
        finish();
        return;
      }
      let final = state[container] ?? [];
      if (!isCellId(over.id) && where.get(over.id) === container) {
        const from = final.indexOf(task.id);
        const at = final.indexOf(over.id as number);
        if (from >= 0 && at >= 0 && from !== at) final = arrayMove(final, from, at);
      }
      // Keep showing the dropped arrangement until the optimistic update reaches `cells`.
      setDragItems({ ...state, [container]: final });
      setActiveId(null);
      originRef.current = null;
      keyboardTargetRef.current = null;
      onDrop(task, to, final);
    },
    [finish, onDrop, tasksById],
  );

  const describe = useCallback(
    (id: UniqueIdentifier) => {
      const t = typeof id === "number" ? tasksById.get(id) : undefined;
      return t ? `#${t.ref} ${t.subject}` : "task";
    },
    [tasksById],
  );
  const position = useCallback(
    (activeCard: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
      const { items: state, containerOf: where } = live.current;
      if (overId === undefined) return "outside the board";
      const key = where.get(overId);
      if (!key) return "outside the board";
      const list = state[key] ?? [];
      const own = list.indexOf(activeCard as number);
      const at = isCellId(overId) ? (own >= 0 ? own : list.length) : list.indexOf(overId as number);
      return `position ${at + 1} of ${Math.max(list.length, 1)} in ${cellLabel(key)}`;
    },
    [cellLabel],
  );
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => {
        const key = live.current.containerOf.get(active.id);
        return `Picked up ${describe(active.id)} in ${key ? cellLabel(key) : "the board"}. Use the arrow keys to move, Space to drop, Escape to cancel.`;
      },
      onDragOver: ({ active, over }) => {
        if (!over || (over.id === active.id && !movedRef.current)) return undefined;
        movedRef.current = true;
        return `${describe(active.id)} moved to ${position(active.id, over.id)}.`;
      },
      onDragEnd: ({ active, over }) => (over ? `${describe(active.id)} dropped at ${position(active.id, over.id)}.` : `${describe(active.id)} was dropped outside the board and returned to its place.`),
      onDragCancel: ({ active }) => `Move cancelled. ${describe(active.id)} returned to its place.`,
    }),
    [describe, position, cellLabel],
  );

  // While dragging (and until the drop reaches the cache), cells read from `items`.
  const shownCells = useMemo(() => {
    if (!dragItems) return cells;
    const map = new Map<string, Task[]>(cells);
    for (const [key, ids] of Object.entries(dragItems)) {
      const current = cells.get(key);
      const same = current !== undefined ? current.length === ids.length && current.every((t, i) => t.id === ids[i]) : ids.length === 0;
      if (!same) map.set(key, ids.map((id) => tasksById.get(id)).filter((t): t is Task => t !== undefined));
    }
    return map;
  }, [dragItems, cells, tasksById]);

  const activeTask = activeId === null ? undefined : tasksById.get(activeId);
  const width = ROW_HEADER_WIDTH + columns.reduce((w, c) => w + (foldedColumns.has(c.id) ? FOLDED_COLUMN_WIDTH : COLUMN_WIDTH), 0);

  const board = (
    <div ref={scrollRef} className="relative overflow-auto bg-slate-50" style={{ height: props.height }} data-testid="taskboard">
      <div role="table" aria-label="Task statuses" className="sticky top-0 z-10 border-b border-slate-300 bg-slate-100" style={{ width }}>
        <div role="row" className="flex">
          <div role="columnheader" className="sticky left-0 z-[11] shrink-0 border-r border-slate-300 bg-slate-100 px-3 py-2 text-xs font-semibold text-slate-600" style={{ width: ROW_HEADER_WIDTH }}>
            Story
          </div>
          {columns.map((c) => {
            const folded = foldedColumns.has(c.id);
            let count = 0;
            for (const list of allCells.values()) if (list[0]?.status === c.id) count += list.length;
            return (
              <div
                key={c.id}
                role="columnheader"
                aria-label={c.name}
                data-status-id={c.id}
                data-folded={folded || undefined}
                className={`flex shrink-0 items-center gap-1.5 border-l border-slate-300 py-2 ${folded ? "flex-col px-1" : "px-2"}`}
                style={{ width: folded ? FOLDED_COLUMN_WIDTH : COLUMN_WIDTH }}
              >
                <button
                  type="button"
                  aria-expanded={!folded}
                  aria-label={`${folded ? "Unfold" : "Fold"} ${c.name}`}
                  title={`${folded ? "Unfold" : "Fold"} ${c.name}`}
                  onClick={() => props.onToggleColumn(c.id)}
                  className="rounded px-1 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  <span aria-hidden="true">{folded ? "»" : "«"}</span>
                </button>
                <span className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: c.color }} aria-hidden="true" />
                <span className={`min-w-0 truncate text-xs font-semibold text-slate-800 ${folded ? "[writing-mode:vertical-rl]" : "flex-1"}`} aria-hidden="true">
                  {c.name}
                </span>
                {!folded && (
                  <span className="rounded-full bg-white px-1.5 text-[11px] font-semibold text-slate-600" aria-hidden="true">
                    {count}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width, position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="absolute left-0" style={{ top: item.start, width }}>
              <StoryRow
                row={row}
                columns={columns}
                foldedColumns={foldedColumns}
                cells={shownCells}
                allCells={allCells}
                folded={foldedRows.has(row.id)}
                noMatches={matchingRows !== null && !matchingRows.has(row.id)}
                ctx={ctx}
                canAdd={props.canAdd}
                onToggleFold={props.onToggleRow}
                onBulkAdd={props.onBulkAdd}
                onQuickAdd={props.onQuickAdd}
              />
            </div>
          );
        })}
      </div>
    </div>
  );

  if (!ctx.canMove) return board;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      measuring={MEASURING}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a task, press Space to pick it up. Use Left and Right to move to the previous or next status, Up and Down to move within the cell and on into the story above or below. Press Space again to drop it, or Escape to cancel. Press Enter to open the task.",
        },
      }}
    >
      {board}
      <DragOverlay dropAnimation={null}>{activeTask ? <OverlayTaskCard task={activeTask} ctx={ctx} /> : null}</DragOverlay>
    </DndContext>
  );
}

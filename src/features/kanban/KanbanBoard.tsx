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
import type { Id, UserStory, UserStoryStatus } from "../../api/types";
import { cellKey, kanbanDropRequest, parseCellKey, type KanbanCell, type KanbanOrderBody } from "../../lib/kanbanOrder";
import type { BoardRow } from "./boardModel";
import { OverlayCard, type CardContext } from "./KanbanCard";
import { HEADER_HEIGHT, KanbanColumn, laneBlockHeight } from "./KanbanColumn";
import { directionOf, keyboardTarget, type BoardNav } from "./keyboard";

export interface ColumnState {
  total: number | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

export interface KanbanBoardProps {
  projectId: Id;
  columns: readonly UserStoryStatus[];
  rows: readonly BoardRow[];
  hasSwimlanes: boolean;
  /** Filtered cards per cell key, in board order. */
  cells: ReadonlyMap<string, UserStory[]>;
  cellCounts: ReadonlyMap<string, number>;
  laneLimits: ReadonlyMap<string, number | null>;
  columnState: (status: UserStoryStatus) => ColumnState;
  folded: ReadonlySet<Id>;
  onToggleFold: (statusId: Id) => void;
  onBulkAdd: (statusId: Id) => void;
  canAdd: boolean;
  canMove: boolean;
  ctx: CardContext;
  filtering: boolean;
  onQuickAdd: (cell: KanbanCell, subject: string) => Promise<void>;
  onMove: (body: KanbanOrderBody, story: UserStory) => void;
  /** Largest height of a cell's card list. */
  maxListHeight: number;
}

type Items = Record<string, number[]>;

const isCellId = (id: UniqueIdentifier): id is string => typeof id === "string" && id.startsWith("cell:");

// Droppables are measured while a drag is on (cells move as cards change cells), never while
// the user merely scrolls a 5,000-card board.
const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };

const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_CODES = {
  start: [KeyboardCode.Space],
  cancel: [KeyboardCode.Esc],
  end: [KeyboardCode.Space, KeyboardCode.Enter],
};

const ROW_MIN = 120;
const CARD_ROW = 92;

export function KanbanBoard(props: KanbanBoardProps) {
  const { columns, rows, cells, folded, ctx } = props;

  const visibleColumns = useMemo(() => columns.filter((c) => !folded.has(c.id)), [columns, folded]);

  // Card ids per cell as the server last told us (filtered view).
  const baseItems = useMemo(() => {
    const items: Items = {};
    for (const c of visibleColumns) {
      for (const r of rows) {
        const key = cellKey({ statusId: c.id, swimlaneId: r.id });
        items[key] = (cells.get(key) ?? []).map((s) => s.id);
      }
    }
    return items;
  }, [cells, visibleColumns, rows]);

  const storiesById = useMemo(() => {
    const map = new Map<number, UserStory>();
    for (const list of cells.values()) for (const s of list) map.set(s.id, s);
    return map;
  }, [cells]);

  // During a drag: the cells with the dragged card moved (dnd-kit's multiple-containers pattern).
  const [dragItems, setDragItems] = useState<Items | null>(null);
  const [activeId, setActiveId] = useState<number | null>(null);
  // A new board from the cache (the move's optimistic update, a rollback, a refetch) ends the
  // post-drop hold; an ongoing drag (activeId set) keeps its own arrangement.
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

  const originRef = useRef<KanbanCell | null>(null);
  const keyboardTargetRef = useRef<UniqueIdentifier | null>(null);
  const lastOverRef = useRef<UniqueIdentifier | null>(null);
  const movedRef = useRef(false);
  // Right after a card changes cells the layout is stale for a frame; keep the last target
  // meanwhile so the card does not bounce between two cells (dnd-kit's multiple-containers guard).
  const justMovedRef = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => (justMovedRef.current = false));
    return () => cancelAnimationFrame(frame);
  }, [dragItems]);
  // The dnd-kit callbacks read the latest board through refs, so they never go stale mid-drag.
  const live = useRef({ items, containerOf, baseItems });
  const nav = useRef<BoardNav>({ columns: [], rows: [], items: {} });
  useLayoutEffect(() => {
    live.current = { items, containerOf, baseItems };
    nav.current = { columns: visibleColumns.map((c) => c.id), rows: rows.map((r) => r.id), items };
  }, [items, containerOf, baseItems, visibleColumns, rows]);

  const statusName = useMemo(() => new Map(columns.map((c) => [c.id, c.name])), [columns]);
  const laneName = useMemo(() => new Map(rows.map((r) => [r.id, r.name])), [rows]);
  const cellLabel = useCallback(
    (key: string) => {
      const cell = parseCellKey(key);
      if (!cell) return "the board";
      const name = statusName.get(cell.statusId) ?? "a column";
      return props.hasSwimlanes ? `${name}, swimlane ${laneName.get(cell.swimlaneId) ?? "No swimlane"}` : name;
    },
    [statusName, laneName, props.hasSwimlanes],
  );

  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context, currentCoordinates }) => {
    const direction = directionOf[event.code];
    const active = context.active;
    if (!direction || !active || typeof active.id !== "number") return undefined;
    event.preventDefault();
    const current = context.over?.id ?? active.id;
    let target = keyboardTarget(nav.current, current, active.id, direction);
    if (target === null) return currentCoordinates;
    if (!context.droppableRects.get(target) && typeof target === "number") {
      // The card at that position is scrolled out of the (virtual) list: take the rendered
      // card nearest to it, or the cell itself.
      const key = Object.keys(nav.current.items).find((k) => nav.current.items[k]?.includes(target as number));
      const ids = key ? (nav.current.items[key] ?? []) : [];
      const wanted = ids.indexOf(target);
      let best: UniqueIdentifier | null = null;
      let distance = Infinity;
      ids.forEach((id, i) => {
        if (id !== active.id && context.droppableRects.get(id) && Math.abs(i - wanted) < distance) {
          best = id;
          distance = Math.abs(i - wanted);
        }
      });
      target = best ?? key ?? null;
      if (target === null) return currentCoordinates;
    }
    const rect = context.droppableRects.get(target);
    if (!rect) return currentCoordinates;
    keyboardTargetRef.current = target;
    return { x: rect.left, y: rect.top };
  }, []);

  // Stable sensor options keep dnd-kit's activators, and so every card's listeners, the same
  // across board renders: cards that did not move skip re-rendering.
  const keyboardOptions = useMemo(() => ({ coordinateGetter, keyboardCodes: KEYBOARD_CODES }), [coordinateGetter]);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, keyboardOptions));

  const collisionDetection: CollisionDetection = useCallback((args) => {
    if (!args.pointerCoordinates) {
      // Keyboard: the target was chosen in board terms by the coordinate getter.
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
        const closest = closestCenter({
          ...args,
          droppableContainers: args.droppableContainers.filter((c) => ids.has(c.id)),
        });
        const first = closest[0];
        if (first) overId = first.id;
      }
    }
    if (overId === null) return lastOverRef.current === null ? [] : [{ id: lastOverRef.current }];
    lastOverRef.current = overId;
    return [{ id: overId }];
  }, []);

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      if (typeof active.id !== "number") return;
      const key = live.current.containerOf.get(active.id);
      originRef.current = key ? parseCellKey(key) : null;
      keyboardTargetRef.current = active.id;
      lastOverRef.current = null;
      movedRef.current = false;
      setActiveId(active.id);
      setDragItems(live.current.baseItems);
    },
    [],
  );

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
        // With the pointer: before or after the card under it, by which half the dragged card's centre is in.
        const translated = active.rect.current.translated;
        const below =
          !keyboard && translated
            ? translated.top + translated.height / 2 > over.rect.top + over.rect.height / 2
            : false;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      target.splice(index, 0, active.id as number);
      return { ...state, [from]: source, [to]: target };
    });
    justMovedRef.current = true;
    // With the keyboard the card now sits in its new cell; aim at itself so the next arrow
    // starts from where it is.
    if (keyboardTargetRef.current === over.id) keyboardTargetRef.current = active.id;
  }, []);

  const finish = useCallback(() => {
    setDragItems(null);
    setActiveId(null);
    originRef.current = null;
    keyboardTargetRef.current = null;
  }, []);

  const { onMove, projectId } = props;
  const onDragEnd = useCallback(
    ({ active, over, activatorEvent }: DragEndEvent) => {
      const dropCell = typeof active.id === "number" ? live.current.containerOf.get(active.id) : undefined;
      if (typeof active.id === "number" && activatorEvent instanceof KeyboardEvent && dropCell) {
        // A card that changed cells is a new element: once it is rendered in its new cell
        // (after the optimistic update), give the keyboard user's focus back to it.
        const selector = `[data-cell-list="${dropCell}"] [data-story-id="${active.id}"]`;
        let frames = 0;
        const refocus = () => {
          const el = document.querySelector<HTMLElement>(selector);
          if (el) el.focus();
          else if (frames++ < 60) requestAnimationFrame(refocus);
        };
        requestAnimationFrame(refocus);
      }
      const origin = originRef.current;
      const { items: state, containerOf: where, baseItems: base } = live.current;
      const container = typeof active.id === "number" ? where.get(active.id) : undefined;
      const story = typeof active.id === "number" ? storiesById.get(active.id) : undefined;
      if (!over || !container || !origin || !story) {
        finish();
        return;
      }
      let final = state[container] ?? [];
      if (!isCellId(over.id) && where.get(over.id) === container) {
        const from = final.indexOf(story.id);
        const to = final.indexOf(over.id as number);
        if (from >= 0 && to >= 0 && from !== to) final = arrayMove(final, from, to);
      }
      const to = parseCellKey(container);
      const index = final.indexOf(story.id);
      const body =
        to && index >= 0
          ? kanbanDropRequest({ projectId, cardId: story.id, from: origin, to, targetCardIds: base[container] ?? [], index })
          : null;
      if (!body) {
        finish();
        return;
      }
      // Keep showing the dropped arrangement until the optimistic update reaches `cells`
      // (the cache notifies on a later task): the card never flashes back to where it was.
      setDragItems({ ...state, [container]: final });
      setActiveId(null);
      originRef.current = null;
      keyboardTargetRef.current = null;
      onMove(body, story);
    },
    [finish, onMove, projectId, storiesById],
  );

  const describe = useCallback(
    (id: UniqueIdentifier) => {
      const s = typeof id === "number" ? storiesById.get(id) : undefined;
      return s ? `#${s.ref} ${s.subject}` : "story";
    },
    [storiesById],
  );
  const position = useCallback(
    (activeCard: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
      const { items: state, containerOf: where } = live.current;
      if (overId === undefined) return "outside the board";
      const key = where.get(overId);
      if (!key) return "outside the board";
      const list = state[key] ?? [];
      const ownIndex = list.indexOf(activeCard as number);
      const overIndex = isCellId(overId) ? (ownIndex >= 0 ? ownIndex : list.length) : list.indexOf(overId as number);
      const count = Math.max(list.length, 1);
      return `position ${overIndex + 1} of ${count} in ${cellLabel(key)}`;
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
        // The first "over" is the card itself, right after it was picked up: nothing to say yet.
        if (!over || (over.id === active.id && !movedRef.current)) return undefined;
        movedRef.current = true;
        return `${describe(active.id)} moved to ${position(active.id, over.id)}.`;
      },
      onDragEnd: ({ active, over }) =>
        over
          ? `${describe(active.id)} dropped at ${position(active.id, over.id)}.`
          : `${describe(active.id)} was dropped outside the board and returned to its place.`,
      onDragCancel: ({ active }) => `Move cancelled. ${describe(active.id)} returned to its place.`,
    }),
    [describe, position, cellLabel],
  );

  // Row heights: the tallest cell of the row decides, within limits; lists scroll beyond.
  const rowHeights = useMemo(
    () =>
      rows.map((r) => {
        let most = 0;
        for (const c of visibleColumns) {
          most = Math.max(most, cells.get(cellKey({ statusId: c.id, swimlaneId: r.id }))?.length ?? 0);
        }
        const natural = most * CARD_ROW + 8;
        return Math.max(ROW_MIN, Math.min(natural, props.maxListHeight));
      }),
    [rows, visibleColumns, cells, props.maxListHeight],
  );

  const activeStory = activeId === null ? undefined : storiesById.get(activeId);

  // While dragging (and until the drop reaches the cache), cells read from `items`; otherwise
  // straight from the filtered board. A cell whose cards did not change keeps the board's own
  // array, so only the cells the card left or entered re-render.
  const shownCells = useMemo(() => {
    if (!dragItems) return cells;
    const map = new Map<string, UserStory[]>();
    for (const [key, ids] of Object.entries(dragItems)) {
      const current = cells.get(key);
      if (!current && ids.length === 0) continue;
      const same = current !== undefined && current.length === ids.length && current.every((s, i) => s.id === ids[i]);
      map.set(key, same ? current : ids.map((id) => storiesById.get(id)).filter((s): s is UserStory => s !== undefined));
    }
    return map;
  }, [dragItems, cells, storiesById]);

  const board = (
    <div className="flex min-h-0 flex-1 gap-3 overflow-auto p-4" data-testid="kanban-board">
      {props.hasSwimlanes && (
        <div className="sticky left-0 z-10 -ml-4 w-28 shrink-0 bg-slate-50 pl-4" aria-hidden="true">
          <div style={{ height: HEADER_HEIGHT }} />
          {rows.map((r, i) => (
            <div
              key={r.id ?? "none"}
              className="flex items-start border-t border-slate-200 pt-2 text-xs font-semibold text-slate-600"
              style={{ height: laneBlockHeight(rowHeights[i] ?? ROW_MIN, props.canAdd) }}
            >
              <span className="line-clamp-3">{r.name}</span>
            </div>
          ))}
        </div>
      )}
      {columns.map((status) => {
        const state = props.columnState(status);
        let shown = 0;
        for (const r of rows) shown += cells.get(cellKey({ statusId: status.id, swimlaneId: r.id }))?.length ?? 0;
        return (
          <KanbanColumn
            key={status.id}
            status={status}
            rows={rows}
            hasSwimlanes={props.hasSwimlanes}
            cells={shownCells}
            rowHeights={rowHeights}
            total={state.total}
            shown={shown}
            cellCounts={props.cellCounts}
            laneLimits={props.laneLimits}
            folded={folded.has(status.id)}
            loading={state.loading}
            error={state.error}
            onRetry={state.retry}
            onToggleFold={props.onToggleFold}
            onBulkAdd={props.onBulkAdd}
            canAdd={props.canAdd}
            ctx={ctx}
            activeId={activeId}
            onQuickAdd={props.onQuickAdd}
            filtering={props.filtering}
          />
        );
      })}
    </div>
  );

  if (!props.canMove) return board;

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
            "To move a story, press Space to pick it up. Use Up and Down to move within the column, Left and Right to move to the previous or next column. Press Space again to drop it, or Escape to cancel. Press Enter to open the story.",
        },
      }}
    >
      {board}
      <DragOverlay dropAnimation={null}>{activeStory ? <OverlayCard story={activeStory} ctx={ctx} /> : null}</DragOverlay>
    </DndContext>
  );
}

/**
 * Drag and drop on the backlog page (dnd-kit, several containers: the backlog and every sprint
 * shown). One story or the whole selection moves; on drop the page's arrangement becomes one
 * `bulk_update_backlog_order` request (src/lib/backlogOrder.ts). The keyboard sensor moves in the
 * page's own terms (keyboard.ts); every step is announced as on the Kanban.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
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
import type { BulkUpdateBacklogOrderBody, Id, UserStory } from "../../api/types";
import { backlogDropRequest, selectionInOrder } from "../../lib/backlogOrder";
import { BACKLOG, isContainerKey, keyboardTarget, keyOf, sprintIdOf, type PageNav } from "./keyboard";
import { DragOverlayRow, type RowContext } from "./StoryRow";

export interface DndContainer {
  key: string;
  /** "the backlog", "Sprint 3". */
  label: string;
  /** Story ids shown, in display order. */
  ids: readonly Id[];
}

export type Items = Record<string, Id[]>;

export interface DragState {
  /** Ids per container to render (during a drag: the dragged story where it now is). */
  items: Readonly<Record<string, readonly Id[]>>;
  activeId: Id | null;
}

export interface BacklogDndProps {
  projectId: Id;
  enabled: boolean;
  containers: readonly DndContainer[];
  storiesById: ReadonlyMap<Id, UserStory>;
  selected: ReadonlySet<Id>;
  ctx: RowContext;
  onMove: (body: BulkUpdateBacklogOrderBody, moved: UserStory[], toLabel: string) => void;
  children: (state: DragState) => ReactNode;
}

const MEASURING = { droppable: { strategy: MeasuringStrategy.WhileDragging } };
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_CODES = { start: [KeyboardCode.Space], cancel: [KeyboardCode.Esc], end: [KeyboardCode.Space, KeyboardCode.Enter] };

export const INSTRUCTIONS =
  "To move a story, focus its row and press Space to pick it up (with the selection, if it is selected; press X to select or unselect the focused row). " +
  "Up and Down move it one place; Right takes it into the sprints panel, where Up and Down go on through the sprints and Page Up and Page Down jump from sprint to sprint; Left takes it back to the backlog. " +
  "Press Space again to drop it, or Escape to cancel.";

export function BacklogDnd({ projectId, enabled, containers, storiesById, selected, ctx, onMove, children }: BacklogDndProps) {
  const baseItems = useMemo(() => {
    const items: Items = {};
    for (const c of containers) items[c.key] = [...c.ids];
    return items;
  }, [containers]);
  const labels = useMemo(() => new Map(containers.map((c) => [c.key, c.label])), [containers]);

  const [dragItems, setDragItems] = useState<Items | null>(null);
  const [activeId, setActiveId] = useState<Id | null>(null);
  const [moving, setMoving] = useState<Id[]>([]);
  // new data from the cache (the optimistic move, a rollback, a refetch) ends the post-drop hold
  const [seen, setSeen] = useState(baseItems);
  if (seen !== baseItems) {
    setSeen(baseItems);
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

  const originRef = useRef<{ container: string; index: number } | null>(null);
  const keyboardTargetRef = useRef<UniqueIdentifier | null>(null);
  const lastOverRef = useRef<UniqueIdentifier | null>(null);
  const movedRef = useRef(false);
  const justMovedRef = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => (justMovedRef.current = false));
    return () => cancelAnimationFrame(frame);
  }, [dragItems]);
  const live = useRef({ items, containerOf, baseItems, moving });
  const nav = useRef<PageNav>({ containers: [], items: {}, origin: null });
  useLayoutEffect(() => {
    live.current = { items, containerOf, baseItems, moving };
    nav.current = { containers: containers.map((c) => c.key), items, origin: originRef.current };
  }, [items, containerOf, baseItems, moving, containers]);

  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context, currentCoordinates }) => {
    const key = keyOf[event.code];
    const active = context.active;
    if (!key || !active || typeof active.id !== "number") return undefined;
    event.preventDefault();
    const current = context.over?.id ?? active.id;
    let target = keyboardTarget(nav.current, current, active.id, key);
    if (target === null) return currentCoordinates;
    if (!context.droppableRects.get(target) && typeof target === "number") {
      // that row is scrolled out of the virtual list: take the nearest rendered row, or the container
      const containerKey = Object.keys(nav.current.items).find((k) => nav.current.items[k]?.includes(target as number));
      const ids = containerKey ? (nav.current.items[containerKey] ?? []) : [];
      const wanted = ids.indexOf(target);
      let best: UniqueIdentifier | null = null;
      let distance = Infinity;
      ids.forEach((id, i) => {
        if (id !== active.id && context.droppableRects.get(id) && Math.abs(i - wanted) < distance) {
          best = id;
          distance = Math.abs(i - wanted);
        }
      });
      target = best ?? containerKey ?? null;
      if (target === null) return currentCoordinates;
    }
    const rect = context.droppableRects.get(target);
    if (!rect) return currentCoordinates;
    keyboardTargetRef.current = target;
    document.querySelector(`[data-story-id="${String(target)}"]`)?.scrollIntoView({ block: "nearest" });
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
    // a story under the pointer wins over the container holding it
    const storyHit = hits.find((h) => typeof h.id === "number");
    let overId = storyHit ? storyHit.id : getFirstCollision(hits, "id");
    if (overId !== null && isContainerKey(overId) && !storyHit) {
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

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      if (typeof active.id !== "number") return;
      const { containerOf: where, baseItems: base } = live.current;
      const key = where.get(active.id) ?? BACKLOG;
      const group =
        selected.has(active.id) && selected.size > 1
          ? selectionInOrder(
              selected,
              containers.map((c) => c.ids),
            )
          : [active.id];
      const list = group.includes(active.id) ? group : [active.id];
      originRef.current = { container: key, index: (base[key] ?? []).indexOf(active.id) };
      keyboardTargetRef.current = active.id;
      lastOverRef.current = null;
      movedRef.current = false;
      // the pick-up announcement is worded in this same event: it must already see the group
      live.current = { ...live.current, moving: list };
      setMoving(list);
      setActiveId(active.id);
      // the rest of the selection travels with the grabbed row: out of its lists while dragging
      const others = new Set(list.filter((id) => id !== active.id));
      const next: Items = {};
      for (const [k, ids] of Object.entries(base)) next[k] = others.size ? ids.filter((id) => !others.has(id)) : ids;
      setDragItems(next);
    },
    [selected, containers],
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
      if (!isContainerKey(over.id)) {
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
    setMoving([]);
    originRef.current = null;
    keyboardTargetRef.current = null;
  }, []);

  const onDragEnd = useCallback(
    ({ active, over, activatorEvent }: DragEndEvent) => {
      const { items: state, containerOf: where, baseItems: base, moving: group } = live.current;
      const container = typeof active.id === "number" ? where.get(active.id) : undefined;
      if (typeof active.id === "number" && activatorEvent instanceof KeyboardEvent && container) {
        // the row is a new element in its new list: give the keyboard user's focus back to it
        const selector = `[data-container="${container}"] [data-story-id="${active.id}"]`;
        let frames = 0;
        const refocus = () => {
          const el = document.querySelector<HTMLElement>(selector);
          if (el) el.focus();
          else if (frames++ < 60) requestAnimationFrame(refocus);
        };
        requestAnimationFrame(refocus);
      }
      const story = typeof active.id === "number" ? storiesById.get(active.id) : undefined;
      if (!over || !container || !story) {
        finish();
        return;
      }
      let final = state[container] ?? [];
      if (!isContainerKey(over.id) && where.get(over.id) === container) {
        const from = final.indexOf(story.id);
        const to = final.indexOf(over.id as number);
        if (from >= 0 && to >= 0 && from !== to) final = arrayMove(final, from, to);
      }
      const index = final.indexOf(story.id);
      const body =
        index >= 0
          ? backlogDropRequest({
              projectId,
              moved: group.length ? group : [story.id],
              to: container === BACKLOG ? null : sprintIdOf(container),
              targetIds: base[container] ?? [],
              index,
            })
          : null;
      if (!body) {
        finish();
        return;
      }
      // keep the dropped arrangement on screen until the optimistic update reaches the lists
      const others = new Set(group.filter((id) => id !== story.id));
      const placed = final.flatMap((id) => (id === story.id ? group : others.has(id) ? [] : [id]));
      setDragItems({ ...state, [container]: placed });
      setActiveId(null);
      setMoving([]);
      originRef.current = null;
      keyboardTargetRef.current = null;
      const movedStories = body.bulk_userstories.map((id) => storiesById.get(id)).filter((s): s is UserStory => s !== undefined);
      onMove(body, movedStories, labels.get(container) ?? "the backlog");
    },
    [finish, onMove, projectId, storiesById, labels],
  );

  const describe = useCallback(
    (id: UniqueIdentifier) => {
      const s = typeof id === "number" ? storiesById.get(id) : undefined;
      const name = s ? `#${s.ref} ${s.subject}` : "story";
      const more = live.current.moving.length - 1;
      return more > 0 ? `${name} and ${more} more selected ${more === 1 ? "story" : "stories"}` : name;
    },
    [storiesById],
  );
  const position = useCallback(
    (activeStory: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
      const { items: state, containerOf: where } = live.current;
      if (overId === undefined) return "outside the lists";
      const key = where.get(overId);
      if (!key) return "outside the lists";
      const list = state[key] ?? [];
      const own = list.indexOf(activeStory as number);
      const overIndex = isContainerKey(overId) ? (own >= 0 ? own : list.length) : list.indexOf(overId as number);
      return `position ${overIndex + 1} of ${Math.max(list.length, 1)} in ${labels.get(key) ?? "the backlog"}`;
    },
    [labels],
  );
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => {
        const key = live.current.containerOf.get(active.id);
        return `Picked up ${describe(active.id)} in ${key ? (labels.get(key) ?? "the backlog") : "the backlog"}. Use the arrow keys to move, Space to drop, Escape to cancel.`;
      },
      onDragOver: ({ active, over }) => {
        if (!over || (over.id === active.id && !movedRef.current)) return undefined;
        movedRef.current = true;
        return `${describe(active.id)} moved to ${position(active.id, over.id)}.`;
      },
      onDragEnd: ({ active, over }) =>
        over ? `${describe(active.id)} dropped at ${position(active.id, over.id)}.` : `${describe(active.id)} was dropped outside the lists and returned to its place.`,
      onDragCancel: ({ active }) => `Move cancelled. ${describe(active.id)} returned to its place.`,
    }),
    [describe, position, labels],
  );

  const content = children({ items, activeId });
  if (!enabled) return <>{content}</>;
  const activeStory = activeId === null ? undefined : storiesById.get(activeId);
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      measuring={MEASURING}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      {content}
      <DragOverlay dropAnimation={null}>{activeStory ? <DragOverlayRow story={activeStory} ctx={ctx} count={moving.length || 1} /> : null}</DragOverlay>
    </DndContext>
  );
}

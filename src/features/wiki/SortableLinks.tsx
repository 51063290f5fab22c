/**
 * The links sidebar's list once it can be reordered (its own chunk, with dnd-kit): loaded when the
 * user shows intent — the pointer over the sidebar or focus inside it — so the read view's first
 * screen shows the same list without the drag-and-drop code. A drag or a keyboard pick-up that
 * started on the static list before this chunk arrived is handed over (see `PendingStart`).
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useEffect, useRef, type RefObject } from "react";
import type { WikiLink } from "../../api/types";
import { LinkRow, replayStart, type LinkListProps, type PendingStart } from "./linkRow";
import { reorderChanges, type OrderChange } from "../../lib/wikiLinkOrder";

const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

function SortableRow({ link, ...rest }: { link: WikiLink } & Omit<LinkListProps, "list" | "canReorder">) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: link.id });
  return (
    <LinkRow
      link={link}
      {...rest}
      sortable={{ setNodeRef, setActivatorNodeRef, style: { transform: CSS.Translate.toString(transform), transition }, isDragging, handleProps: { ...attributes, ...listeners } }}
    />
  );
}

export default function SortableLinks({
  list,
  canReorder,
  pendingRef,
  onReorder,
  ...rowProps
}: LinkListProps & { pendingRef: RefObject<PendingStart | null>; onReorder: (changes: OrderChange[]) => void }) {
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const listRef = useRef<HTMLUListElement>(null);
  const titleOf = (id: unknown) => list.find((l) => l.id === id)?.title ?? "link";
  const indexOf = (id: unknown) => list.findIndex((l) => l.id === id);

  // The static list this one replaces may have had the focus, or a pick-up in progress.
  useEffect(() => {
    const start = pendingRef.current;
    pendingRef.current = null;
    if (start && listRef.current) replayStart(listRef.current, start);
  }, [pendingRef]);

  const moved = useRef(false);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      moved.current = false;
      return `Picked up ${titleOf(active.id)}, position ${indexOf(active.id) + 1} of ${list.length}. Use the arrow keys to move, Space to drop, Escape to cancel.`;
    },
    onDragOver: ({ active, over }) => {
      // The first "over" is the link itself, right after the pick-up: nothing to say yet.
      if (!over || (over.id === active.id && !moved.current)) return undefined;
      moved.current = true;
      return `${titleOf(active.id)} moved to position ${indexOf(over.id) + 1} of ${list.length}.`;
    },
    onDragEnd: ({ active, over }) => (over ? `${titleOf(active.id)} dropped at position ${indexOf(over.id) + 1} of ${list.length}.` : `${titleOf(active.id)} returned to its place.`),
    onDragCancel: ({ active }) => `Move cancelled. ${titleOf(active.id)} returned to its place.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const changes = reorderChanges(list, indexOf(active.id), indexOf(over.id));
    if (changes.length) onReorder(changes);
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
      <SortableContext items={list.map((l) => l.id)} strategy={verticalListSortingStrategy} disabled={!canReorder}>
        <ul ref={listRef} className="flex flex-col gap-0.5" aria-label="Links">
          {list.map((link) => (
            <SortableRow key={link.id} link={link} {...rowProps} />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

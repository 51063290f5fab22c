/**
 * The backlog's rows: a droppable container with its sortable context and a virtual list, so only
 * the rows in view (plus a few) are in the DOM however long the backlog is. Rows have one fixed
 * height, so nothing is measured while scrolling.
 */
import { memo, useCallback, useMemo, useRef } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { Id, UserStory } from "../../api/types";
import { BACKLOG } from "./keyboard";
import { ROW_HEIGHT, SortableStoryRow, StaticStoryRow, type RowContext } from "./StoryRow";

export interface BacklogListProps {
  ids: readonly Id[];
  storiesById: ReadonlyMap<Id, UserStory>;
  ctx: RowContext;
  selected: ReadonlySet<Id>;
  activeId: Id | null;
  /** The story above which the velocity line is drawn, and its label. */
  velocity: { id: Id; label: string } | null;
  empty: React.ReactNode;
}

export const BacklogList = memo(function BacklogList({ ids, storiesById, ctx, selected, activeId, velocity, empty }: BacklogListProps) {
  const { setNodeRef, isOver } = useDroppable({ id: BACKLOG, data: { type: "container" } });
  const scrollRef = useRef<HTMLDivElement | null>(null);
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

  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => ids[index] ?? index,
    rangeExtractor,
    initialRect: { width: 900, height: 600 },
    useFlushSync: false,
  });

  const setRefs = useCallback(
    (node: HTMLDivElement | null) => {
      scrollRef.current = node;
      setNodeRef(node);
    },
    [setNodeRef],
  );
  const sortableIds = useMemo(() => [...ids], [ids]);
  const Row = ctx.canMove ? SortableStoryRow : StaticStoryRow;

  return (
    <SortableContext id={BACKLOG} items={sortableIds} strategy={verticalListSortingStrategy}>
      <div
        ref={setRefs}
        data-container={BACKLOG}
        data-testid="backlog-scroll"
        role="list"
        aria-label="Backlog stories"
        className={`relative min-h-0 flex-1 overflow-y-auto overscroll-contain ${isOver ? "bg-indigo-50/60" : ""}`}
      >
        {ids.length === 0 ? (
          empty
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const story = storiesById.get(ids[item.index] as Id);
              if (!story) return null;
              return (
                <div key={item.key} className="absolute left-0 right-0" style={{ top: item.start, height: ROW_HEIGHT }}>
                  <Row
                    story={story}
                    ctx={ctx}
                    container={BACKLOG}
                    selected={selected.has(story.id)}
                    position={{ index: item.index + 1, size: ids.length }}
                    velocityLine={velocity && velocity.id === story.id ? velocity.label : null}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </SortableContext>
  );
});

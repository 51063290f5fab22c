/**
 * Keyboard moves on the board, in the board's own terms rather than screen geometry:
 * Up/Down to the previous/next card of the cell (crossing into the swimlane above/below at
 * the ends), Left/Right to the same position in the previous/next unfolded column.
 * A card id target means "take this card's place"; a cell key target means "the end of
 * that cell" (or its only place when it is empty).
 */
import type { UniqueIdentifier } from "@dnd-kit/core";
import { cellKey } from "../../lib/kanbanOrder";

export interface BoardNav {
  /** Unfolded status ids, left to right. */
  columns: readonly number[];
  /** Swimlane ids top to bottom (null = "No swimlane" / no swimlanes). */
  rows: readonly (number | null)[];
  /** Current card ids per cell key (during a drag: including the moved card). */
  items: Readonly<Record<string, readonly number[]>>;
}

export type Direction = "up" | "down" | "left" | "right";

export const directionOf: Record<string, Direction | undefined> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

function locate(nav: BoardNav, id: UniqueIdentifier): { col: number; row: number; index: number } | null {
  for (let c = 0; c < nav.columns.length; c += 1) {
    for (let r = 0; r < nav.rows.length; r += 1) {
      const key = cellKey({ statusId: nav.columns[c]!, swimlaneId: nav.rows[r]! });
      if (id === key) return { col: c, row: r, index: -1 };
      if (typeof id === "number") {
        const index = nav.items[key]?.indexOf(id) ?? -1;
        if (index >= 0) return { col: c, row: r, index };
      }
    }
  }
  return null;
}

function cellAt(nav: BoardNav, col: number, row: number) {
  const key = cellKey({ statusId: nav.columns[col]!, swimlaneId: nav.rows[row]! });
  return { key, items: nav.items[key] ?? [] };
}

/**
 * The droppable to move to from `current` (the card or cell the dragged card is over), or
 * null when there is nothing further in that direction. `activeId` is the dragged card.
 */
export function keyboardTarget(
  nav: BoardNav,
  current: UniqueIdentifier,
  activeId: number,
  direction: Direction,
): UniqueIdentifier | null {
  const here = locate(nav, current);
  if (!here) return null;
  const { items } = cellAt(nav, here.col, here.row);

  if (direction === "down" || direction === "up") {
    const step = direction === "down" ? 1 : -1;
    const next = here.index + step;
    if (here.index >= 0 && next >= 0 && next < items.length) return items[next]!;
    // Leave the cell: the swimlane below (its top) or above (its bottom).
    const row = here.row + step;
    if (row < 0 || row >= nav.rows.length) return null;
    const target = cellAt(nav, here.col, row);
    const others = target.items.filter((id) => id !== activeId);
    // Down enters at the top (before the first card); up enters at the bottom (the cell itself).
    return step > 0 && others.length > 0 ? others[0]! : target.key;
  }

  const col = here.col + (direction === "right" ? 1 : -1);
  if (col < 0 || col >= nav.columns.length) return null;
  const target = cellAt(nav, col, here.row);
  const others = target.items.filter((id) => id !== activeId);
  const index = Math.max(here.index, 0);
  // Same position in the next column: before the card now there, or at the end.
  return index < others.length ? others[index]! : target.key;
}

/**
 * Keyboard moves on the taskboard, in the board's own terms rather than screen geometry:
 * Up/Down to the previous/next card of the cell and on into the story row above/below (entering a
 * row below at its top, a row above at its bottom), Left/Right to the same position in the
 * previous/next unfolded status column of the same row. A card id target means "take this card's
 * place"; a cell key target means "the end of that cell" (or its only place when it is empty).
 */
import type { UniqueIdentifier } from "@dnd-kit/core";
import { cellKey } from "../../lib/taskboardOrder";

export interface BoardNav {
  /** Unfolded status ids, left to right. */
  columns: readonly number[];
  /** Unfolded story rows top to bottom (null = "Tasks without a story"). */
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

function cellAt(nav: BoardNav, col: number, row: number) {
  const key = cellKey({ storyId: nav.rows[row] ?? null, statusId: nav.columns[col] as number });
  return { key, items: nav.items[key] ?? [] };
}

function locate(nav: BoardNav, id: UniqueIdentifier): { col: number; row: number; index: number } | null {
  for (let r = 0; r < nav.rows.length; r += 1) {
    for (let c = 0; c < nav.columns.length; c += 1) {
      const { key, items } = cellAt(nav, c, r);
      if (id === key) return { col: c, row: r, index: -1 };
      if (typeof id === "number") {
        const index = items.indexOf(id);
        if (index >= 0) return { col: c, row: r, index };
      }
    }
  }
  return null;
}

/**
 * The droppable to move to from `current` (the card or cell the dragged card is over), or null
 * when there is nothing further in that direction. `activeId` is the dragged card.
 */
export function keyboardTarget(nav: BoardNav, current: UniqueIdentifier, activeId: number, direction: Direction): UniqueIdentifier | null {
  const here = locate(nav, current);
  if (!here) return null;
  const { items } = cellAt(nav, here.col, here.row);

  if (direction === "down" || direction === "up") {
    const step = direction === "down" ? 1 : -1;
    const next = here.index + step;
    if (here.index >= 0 && next >= 0 && next < items.length) return items[next] as number;
    const row = here.row + step;
    if (row < 0 || row >= nav.rows.length) return null;
    const target = cellAt(nav, here.col, row);
    const others = target.items.filter((id) => id !== activeId);
    // Down enters at the top (before the first card); up enters at the bottom (the cell itself).
    return step > 0 && others.length > 0 ? (others[0] as number) : target.key;
  }

  const col = here.col + (direction === "right" ? 1 : -1);
  if (col < 0 || col >= nav.columns.length) return null;
  const target = cellAt(nav, col, here.row);
  const others = target.items.filter((id) => id !== activeId);
  const index = Math.max(here.index, 0);
  return index < others.length ? (others[index] as number) : target.key;
}

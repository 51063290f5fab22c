/**
 * Keyboard moves on the backlog page, in the page's own terms rather than screen geometry:
 *
 * - in the backlog, Up/Down move one place; Right moves into the sprints panel (the end of the
 *   first sprint shown);
 * - in the sprints panel, Up/Down move one place and carry on into the sprint above or below at
 *   its ends, PageUp/PageDown jump to the end of the previous/next sprint; Left goes back to the
 *   backlog (where the story came from, or its top).
 *
 * A story id target means "take this story's place"; a container key means "the end of that
 * container" (its only place when it is empty).
 */
import type { UniqueIdentifier } from "@dnd-kit/core";

export const BACKLOG = "backlog";
export const sprintKey = (id: number): string => `sprint:${id}`;
export const sprintIdOf = (key: string): number | null => (key.startsWith("sprint:") ? Number(key.slice(7)) : null);
export const isContainerKey = (id: UniqueIdentifier): id is string => typeof id === "string" && (id === BACKLOG || id.startsWith("sprint:"));

export interface PageNav {
  /** Container keys in page order: the backlog first, then the sprints as shown. */
  containers: readonly string[];
  /** Current story ids per container (during a drag: with the moved story where it now is). */
  items: Readonly<Record<string, readonly number[]>>;
  /** Where the story was picked up (container and index), to go back there with Left. */
  origin: { container: string; index: number } | null;
}

export type Key = "up" | "down" | "left" | "right" | "pageUp" | "pageDown";

export const keyOf: Record<string, Key | undefined> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
  PageUp: "pageUp",
  PageDown: "pageDown",
};

function locate(nav: PageNav, id: UniqueIdentifier): { c: number; index: number } | null {
  for (let c = 0; c < nav.containers.length; c += 1) {
    const key = nav.containers[c] as string;
    if (id === key) return { c, index: -1 };
    if (typeof id === "number") {
      const index = nav.items[key]?.indexOf(id) ?? -1;
      if (index >= 0) return { c, index };
    }
  }
  return null;
}

const itemsOf = (nav: PageNav, c: number): readonly number[] => nav.items[nav.containers[c] as string] ?? [];

/** The end of sprint `c` (its key) or null when there is no such sprint. */
const sprintEnd = (nav: PageNav, c: number): UniqueIdentifier | null => (c >= 1 && c < nav.containers.length ? (nav.containers[c] as string) : null);

/**
 * The droppable to move to from `current` (the story or container the dragged story is over), or
 * null when there is nothing further that way. `activeId` is the dragged story.
 */
export function keyboardTarget(nav: PageNav, current: UniqueIdentifier, activeId: number, key: Key): UniqueIdentifier | null {
  const here = locate(nav, current);
  if (!here) return null;
  const items = itemsOf(nav, here.c);
  const inBacklog = here.c === 0;

  if (inBacklog) {
    if (key === "up" || key === "down") {
      const next = here.index + (key === "down" ? 1 : -1);
      if (here.index >= 0 && next >= 0 && next < items.length) return items[next] as number;
      // at the end position (the backlog key), Up takes the last story's place
      if (here.index < 0 && key === "up") return [...items].reverse().find((id) => id !== activeId) ?? null;
      return null;
    }
    if (key === "right" || key === "pageDown") return sprintEnd(nav, 1);
    return null;
  }

  // in a sprint
  if (key === "left") {
    const backlog = itemsOf(nav, 0).filter((id) => id !== activeId);
    const origin = nav.origin;
    if (origin && origin.container === nav.containers[0]) return origin.index < backlog.length ? (backlog[origin.index] as number) : (nav.containers[0] as string);
    return backlog[0] ?? (nav.containers[0] as string);
  }
  if (key === "right") return null;
  if (key === "pageUp") return sprintEnd(nav, here.c - 1);
  if (key === "pageDown") return sprintEnd(nav, here.c + 1);
  if (key === "up") {
    if (here.index > 0) return items[here.index - 1] as number;
    if (here.index < 0) {
      const last = [...items].reverse().find((id) => id !== activeId);
      if (last !== undefined) return last;
    }
    return sprintEnd(nav, here.c - 1);
  }
  // down
  if (here.index >= 0 && here.index + 1 < items.length) return items[here.index + 1] as number;
  const next = here.c + 1;
  if (next >= nav.containers.length) return null;
  const first = itemsOf(nav, next).find((id) => id !== activeId);
  return first ?? (nav.containers[next] as string);
}

/**
 * One row of the wiki's links sidebar, as the static list (first screen) and the sortable list
 * (`SortableLinks`, loaded on intent) both render it, and the hand-over between the two: what the
 * user started on the static list (focus, a keyboard pick-up, a pressed pointer) is replayed on
 * the sortable one when it replaces it.
 */
import type { CSSProperties, HTMLAttributes, KeyboardEvent, PointerEvent } from "react";
import { NavLink } from "react-router";
import type { WikiLink } from "../../api/types";

const small =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50";

export interface LinkListProps {
  list: WikiLink[];
  projectSlug: string;
  canReorder: boolean;
  onRename: ((link: WikiLink) => void) | null;
  onDelete: ((link: WikiLink) => void) | null;
}

/** What dnd-kit's `useSortable` gives a row; absent on the static list. */
export interface SortableBits {
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  style: CSSProperties;
  isDragging: boolean;
  handleProps: HTMLAttributes<HTMLElement>;
}

/** Something begun on the static list that the sortable list takes over. */
export type PendingStart =
  | { kind: "focus"; focusKey: string }
  | { kind: "key"; focusKey: string; key: string; code: string }
  | { kind: "pointer"; focusKey: string; clientX: number; clientY: number; pointerId: number; pointerType: string };

/** The keys dnd-kit's keyboard sensor picks an item up with. */
const PICK_UP = ["Space", "Enter"];

/** Handlers for the static list: they note what the user started, for `replayStart`. */
export function staticHandlers(pending: { current: PendingStart | null }) {
  const keyOf = (e: { target: EventTarget }) => (e.target as HTMLElement).closest<HTMLElement>("[data-focus-key]")?.dataset.focusKey;
  return {
    onFocus: (e: { target: EventTarget }) => {
      const focusKey = keyOf(e);
      if (focusKey && (!pending.current || pending.current.kind === "focus")) pending.current = { kind: "focus", focusKey };
    },
    onBlur: (e: { currentTarget: HTMLElement; relatedTarget: EventTarget | null }) => {
      // Focus left the list: nothing to give back (a pick-up in progress keeps its own record).
      if (pending.current?.kind === "focus" && !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) pending.current = null;
    },
    onHandleKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const focusKey = keyOf(e);
      if (!focusKey || !PICK_UP.includes(e.code)) return;
      e.preventDefault();
      pending.current = { kind: "key", focusKey, key: e.key, code: e.code };
    },
    onHandlePointerDown: (e: PointerEvent<HTMLElement>) => {
      const focusKey = keyOf(e);
      if (!focusKey || !e.isPrimary || e.button !== 0) return;
      pending.current = { kind: "pointer", focusKey, clientX: e.clientX, clientY: e.clientY, pointerId: e.pointerId, pointerType: e.pointerType };
      // Released before the sortable list arrived: nothing to drag any more, only the focus to keep.
      document.addEventListener("pointerup", () => pending.current?.kind === "pointer" && (pending.current = { kind: "focus", focusKey }), { once: true, capture: true });
    },
  };
}

/** Gives the new list's element the focus the old one had and replays a pick-up in progress. */
export function replayStart(list: HTMLElement, start: PendingStart): void {
  const el = list.querySelector<HTMLElement>(`[data-focus-key="${start.focusKey}"]`);
  if (!el) return;
  el.focus();
  if (start.kind === "key") {
    el.dispatchEvent(new window.KeyboardEvent("keydown", { key: start.key, code: start.code, bubbles: true, cancelable: true }));
  } else if (start.kind === "pointer") {
    el.dispatchEvent(
      new window.PointerEvent("pointerdown", {
        clientX: start.clientX,
        clientY: start.clientY,
        pointerId: start.pointerId,
        pointerType: start.pointerType,
        isPrimary: true,
        button: 0,
        buttons: 1,
        bubbles: true,
        cancelable: true,
      }),
    );
  }
}

export function LinkRow({
  link,
  projectSlug,
  onRename,
  onDelete,
  sortable,
  handleEvents,
}: {
  link: WikiLink;
  projectSlug: string;
  onRename: ((link: WikiLink) => void) | null;
  onDelete: ((link: WikiLink) => void) | null;
  sortable?: SortableBits;
  /** the static list's handle handlers (see `staticHandlers`) */
  handleEvents?: Pick<HTMLAttributes<HTMLElement>, "onKeyDown" | "onPointerDown">;
}) {
  return (
    <li
      ref={sortable?.setNodeRef}
      style={sortable?.style}
      data-wiki-link={link.href}
      className={`group flex items-center gap-1 rounded-md ${sortable?.isDragging ? "relative z-10 bg-white shadow-md ring-1 ring-indigo-200" : ""}`}
    >
      <button
        ref={sortable?.setActivatorNodeRef}
        type="button"
        aria-label={`Move ${link.title}`}
        data-focus-key={`${link.id}:move`}
        className="cursor-grab touch-none rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
        {...(sortable ? sortable.handleProps : handleEvents)}
      >
        <span aria-hidden="true">⋮⋮</span>
      </button>
      <NavLink
        to={`/project/${projectSlug}/wiki/${encodeURIComponent(link.href)}`}
        data-focus-key={`${link.id}:open`}
        className={({ isActive }) =>
          `min-w-0 flex-1 truncate rounded px-1.5 py-1 text-sm ${isActive ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`
        }
      >
        {link.title}
      </NavLink>
      <span className="flex opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
        {onRename && (
          <button type="button" className={small} aria-label={`Rename ${link.title}`} data-focus-key={`${link.id}:rename`} onClick={() => onRename(link)}>
            Rename
          </button>
        )}
        {onDelete && (
          <button type="button" className={small} aria-label={`Delete link ${link.title}`} data-focus-key={`${link.id}:delete`} onClick={() => onDelete(link)}>
            ✕
          </button>
        )}
      </span>
    </li>
  );
}

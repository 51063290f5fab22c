/**
 * The wiki's links sidebar: the project's bookmarks to pages, in their saved order. Add (title ->
 * the server derives the slug), rename, delete, and reorder by dragging or with the keyboard
 * (focus a link's handle, Space to pick up, arrows to move, Space to drop, Escape to cancel).
 * A drop shows at once and saves the fewest `order` PATCHes (Taiga has no bulk order endpoint for
 * links); if the server refuses, the old order comes back with the reason.
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
import { useMemo, useRef, useState, type FormEvent } from "react";
import { NavLink } from "react-router";
import type { Id, WikiLink } from "../../api/types";
import { sortLinks, useCreateWikiLink, useDeleteWikiLink, useRenameWikiLink, useReorderWikiLinks, useWikiLinks } from "../../api/wiki";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { reorderChanges } from "../../lib/wikiLinkOrder";

const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

const small =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50";

interface RowProps {
  link: WikiLink;
  projectSlug: string;
  onRename: ((link: WikiLink) => void) | null;
  onDelete: ((link: WikiLink) => void) | null;
}

function LinkRow({ link, projectSlug, onRename, onDelete }: RowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: link.id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-wiki-link={link.href}
      className={`group flex items-center gap-1 rounded-md ${isDragging ? "relative z-10 bg-white shadow-md ring-1 ring-indigo-200" : ""}`}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        aria-label={`Move ${link.title}`}
        className="cursor-grab touch-none rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
        {...attributes}
        {...listeners}
      >
        <span aria-hidden="true">⋮⋮</span>
      </button>
      <NavLink
        to={`/project/${projectSlug}/wiki/${encodeURIComponent(link.href)}`}
        className={({ isActive }) =>
          `min-w-0 flex-1 truncate rounded px-1.5 py-1 text-sm ${isActive ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`
        }
      >
        {link.title}
      </NavLink>
      <span className="flex opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
        {onRename && (
          <button type="button" className={small} aria-label={`Rename ${link.title}`} onClick={() => onRename(link)}>
            Rename
          </button>
        )}
        {onDelete && (
          <button type="button" className={small} aria-label={`Delete link ${link.title}`} onClick={() => onDelete(link)}>
            ✕
          </button>
        )}
      </span>
    </li>
  );
}

export function WikiLinks({ projectId, projectSlug, canAdd, canReorder, canDelete }: { projectId: Id; projectSlug: string; canAdd: boolean; canReorder: boolean; canDelete: boolean }) {
  const links = useWikiLinks(projectId);
  const create = useCreateWikiLink();
  const rename = useRenameWikiLink(projectId);
  const remove = useDeleteWikiLink();
  const reorder = useReorderWikiLinks(projectId);
  const toast = useToast();
  const [title, setTitle] = useState("");
  const [renaming, setRenaming] = useState<{ link: WikiLink; title: string } | null>(null);
  const [deleting, setDeleting] = useState<WikiLink | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const list = useMemo(() => sortLinks(links.data ?? []), [links.data]);
  const titleOf = (id: unknown) => list.find((l) => l.id === id)?.title ?? "link";
  const indexOf = (id: unknown) => list.findIndex((l) => l.id === id);

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
    if (changes.length === 0) return;
    reorder.mutate(changes, {
      onError: (error) => toast.error(`The links could not be reordered, so they are back in their previous order: ${errorText(error)}`),
    });
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const t = title.trim();
    if (!t) return;
    create.mutate({ project: projectId, title: t }, {
      onSuccess: () => setTitle(""),
      onError: (error) => toast.error(`Could not add the link: ${errorText(error)}`),
    });
  };

  return (
    <nav aria-label="Wiki links" className="flex flex-col gap-2">
      <h2 className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Links</h2>
      {links.isPending ? (
        <Spinner label="Loading links…" />
      ) : links.isError ? (
        <p role="alert" className="text-sm text-red-700">
          The links could not be loaded: {errorText(links.error)}
        </p>
      ) : list.length === 0 ? (
        <p className="px-1 text-sm text-slate-500">No links yet.</p>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
          <SortableContext items={list.map((l) => l.id)} strategy={verticalListSortingStrategy} disabled={!canReorder}>
            <ul className="flex flex-col gap-0.5" aria-label="Links">
              {list.map((link) => (
                <LinkRow key={link.id} link={link} projectSlug={projectSlug} onRename={canReorder ? (l) => setRenaming({ link: l, title: l.title }) : null} onDelete={canDelete ? setDeleting : null} />
              ))}
            </ul>
          </SortableContext>
        </DndContext>
      )}
      {canAdd && (
        <form onSubmit={add} className="flex gap-1">
          <input
            aria-label="New link title"
            placeholder="Add a link…"
            value={title}
            maxLength={500}
            onChange={(e) => setTitle(e.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
          />
          <button type="submit" disabled={create.isPending || !title.trim()} className="rounded-md bg-indigo-600 px-2 py-1 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
            Add
          </button>
        </form>
      )}
      <Dialog
        open={renaming !== null}
        onClose={() => setRenaming(null)}
        title="Rename link"
        description="The link keeps pointing at the same page."
        footer={
          <>
            <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setRenaming(null)}>
              Cancel
            </button>
            <button
              type="submit"
              form="wiki-rename-link"
              disabled={!renaming?.title.trim()}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50"
            >
              Rename
            </button>
          </>
        }
      >
        <form
          id="wiki-rename-link"
          onSubmit={(e) => {
            e.preventDefault();
            if (!renaming || !renaming.title.trim()) return;
            rename.mutate({ id: renaming.link.id, title: renaming.title.trim() }, { onError: (error) => toast.error(`Could not rename the link: ${errorText(error)}`) });
            setRenaming(null);
          }}
        >
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            Title
            <input
              autoFocus
              value={renaming?.title ?? ""}
              maxLength={500}
              onChange={(e) => setRenaming((r) => (r ? { ...r, title: e.target.value } : r))}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
            />
          </label>
        </form>
      </Dialog>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete link?"
        description={deleting ? `“${deleting.title}” leaves the sidebar. The page it points to stays.` : undefined}
        footer={
          <>
            <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500"
              onClick={() => {
                if (deleting) remove.mutate(deleting, { onError: (error) => toast.error(`Could not delete the link: ${errorText(error)}`) });
                setDeleting(null);
              }}
            >
              Delete link
            </button>
          </>
        }
      />
    </nav>
  );
}

/**
 * The wiki's links sidebar: the project's bookmarks to pages, in their saved order. Add (title ->
 * the server derives the slug), rename, delete, and reorder by dragging or with the keyboard
 * (focus a link's handle, Space to pick up, arrows to move, Space to drop, Escape to cancel).
 * A drop shows at once and saves the fewest `order` PATCHes (Taiga has no bulk order endpoint for
 * links); if the server refuses, the old order comes back with the reason.
 */
import { useMemo, useRef, useState, type ComponentType, type FormEvent, type RefObject } from "react";
import type { Id, WikiLink } from "../../api/types";
import { sortLinks, useCreateWikiLink, useDeleteWikiLink, useRenameWikiLink, useReorderWikiLinks, useWikiLinks } from "../../api/wiki";
import { LazyDialog as Dialog } from "../../components/LazyDialog";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import type { OrderChange } from "../../lib/wikiLinkOrder";
import { LinkRow, staticHandlers, type LinkListProps, type PendingStart } from "./linkRow";

type SortableList = ComponentType<LinkListProps & { pendingRef: RefObject<PendingStart | null>; onReorder: (changes: OrderChange[]) => void }>;

/** The links as the first screen shows them: the same rows, without drag and drop. */
function StaticLinks({ list, projectSlug, onRename, onDelete, pendingRef }: LinkListProps & { pendingRef: RefObject<PendingStart | null> }) {
  const handlers = useMemo(() => staticHandlers(pendingRef), [pendingRef]);
  const handleEvents = { onKeyDown: handlers.onHandleKeyDown, onPointerDown: handlers.onHandlePointerDown };
  return (
    <ul className="flex flex-col gap-0.5" aria-label="Links" onFocus={handlers.onFocus} onBlur={handlers.onBlur}>
      {list.map((link) => (
        <LinkRow key={link.id} link={link} projectSlug={projectSlug} onRename={onRename} onDelete={onDelete} handleEvents={handleEvents} />
      ))}
    </ul>
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
  const list = useMemo(() => sortLinks(links.data ?? []), [links.data]);

  // Drag and drop (dnd-kit, its own chunk) arrives when the user reaches for the list: the pointer
  // over the sidebar or focus inside it. Until then the same rows show, without it.
  const [Sortable, setSortable] = useState<SortableList | null>(null);
  const loading = useRef(false);
  const pending = useRef<PendingStart | null>(null);
  const loadSortable = () => {
    if (!canReorder || loading.current) return;
    loading.current = true;
    import("./SortableLinks").then(
      (m) => setSortable(() => m.default),
      (error: unknown) => {
        loading.current = false;
        pending.current = null;
        toast.error(`Reordering the links is not available right now: ${errorText(error)}`);
      },
    );
  };
  const onReorder = (changes: OrderChange[]) =>
    reorder.mutate(changes, {
      onError: (error) => toast.error(`The links could not be reordered, so they are back in their previous order: ${errorText(error)}`),
    });
  const listProps: LinkListProps = {
    list,
    projectSlug,
    canReorder,
    onRename: canReorder ? (l) => setRenaming({ link: l, title: l.title }) : null,
    onDelete: canDelete ? setDeleting : null,
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
    <nav aria-label="Wiki links" className="flex flex-col gap-2" onPointerEnter={loadSortable} onFocus={loadSortable}>
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
        Sortable ? <Sortable {...listProps} pendingRef={pending} onReorder={onReorder} /> : <StaticLinks {...listProps} pendingRef={pending} />
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

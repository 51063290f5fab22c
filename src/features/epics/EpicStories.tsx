/**
 * An epic's related stories, in the epic's order: open one, unlink one, link an existing story
 * (by `#ref` or words of its subject, through the project search), and reorder by dragging or
 * with the keyboard (focus a handle, Space to pick up, arrows to move, Space to drop, Escape to
 * cancel). A drop shows at once and is saved as one related-story PATCH (src/lib/epicOrder.ts
 * finds it); if Taiga refuses, the old order comes back with the reason.
 */
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "react-router";
import { useCreateEpicRelatedUserStory, useDeleteEpicRelatedUserStory, useEpicRelatedUserStories, usePatchEpicRelatedUserStory } from "../../api/epics";
import { useSearch } from "../../api/search";
import type { Epic, Id, Project, SearchUserStory, UserStory } from "../../api/types";
import { useUserStories } from "../../api/userstories";
import { Avatar } from "../../components/Avatar";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { linkMoveRequest, sortLinks } from "../../lib/epicOrder";

const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

const small =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50";

/** What a row shows of a story: the story when loaded, else what the link knows. */
interface Row {
  id: Id;
  story: UserStory | undefined;
}

const label = (row: Row) => (row.story ? `#${row.story.ref} ${row.story.subject}` : `story ${row.id}`);

function StoryRow({ row, project, canEdit, onRemove }: { row: Row; project: Project; canEdit: boolean; onRemove: (row: Row) => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: row.id, disabled: !canEdit });
  const story = row.story;
  const status = story?.status_extra_info;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-epic-story={story?.ref ?? ""}
      className={`flex items-center gap-2 rounded-md px-1 py-1 ${isDragging ? "relative z-10 bg-white shadow-md ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}
    >
      {canEdit && (
        <button
          ref={setActivatorNodeRef}
          type="button"
          aria-label={`Move ${label(row)}`}
          className="cursor-grab touch-none rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          {...attributes}
          {...listeners}
        >
          <span aria-hidden="true">⋮⋮</span>
        </button>
      )}
      {story ? (
        <Link to={`/project/${project.slug}/us/${story.ref}`} className={`min-w-0 flex-1 truncate text-sm hover:text-indigo-700 ${story.is_closed ? "text-slate-400 line-through" : "text-slate-800"}`}>
          <span className="text-slate-500">#{story.ref}</span> {story.subject}
        </Link>
      ) : (
        <span className="min-w-0 flex-1 truncate text-sm italic text-slate-400">Story {row.id}</span>
      )}
      {status && (
        <span className="shrink-0 rounded px-1.5 py-px text-xs" style={{ backgroundColor: `${status.color}26`, color: "#1e293b" }}>
          {status.name}
        </span>
      )}
      {story?.assigned_to_extra_info && <Avatar user={story.assigned_to_extra_info} size="sm" />}
      {canEdit && (
        <button type="button" className={small} aria-label={`Remove ${label(row)} from the epic`} onClick={() => onRemove(row)}>
          Remove
        </button>
      )}
    </li>
  );
}

/** Finds a story by `#ref` or words and links it; stories already in the epic are not offered. */
function AddStory({ epic, project, linked }: { epic: Epic; project: Project; linked: ReadonlySet<Id> }) {
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(text.trim().replace(/^#/, ""));
  const results = useSearch(project.id, deferred, { enabled: deferred.length > 0 });
  const create = useCreateEpicRelatedUserStory();
  const toast = useToast();
  const matches: SearchUserStory[] = useMemo(() => {
    const list = (deferred && results.data?.userstories) || [];
    const exact = /^\d+$/.test(deferred) ? list.filter((s) => String(s.ref) === deferred) : [];
    return [...exact, ...list.filter((s) => !exact.includes(s))].filter((s) => !linked.has(s.id)).slice(0, 8);
  }, [results.data, deferred, linked]);

  const add = (story: SearchUserStory) => {
    create.mutate(
      { epic: epic.id, project: project.id, user_story: story.id },
      {
        onSuccess: () => {
          setText("");
          toast.success(`#${story.ref} ${story.subject} is now in this epic.`);
        },
        onError: (error) => toast.error(`Could not add #${story.ref} to the epic: ${errorText(error)}`),
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const story = matches[active] ?? matches[0];
      if (story) add(story);
    } else if (e.key === "Escape") setText("");
  };

  const listId = `epic-${epic.id}-add-results`;
  return (
    <div className="relative mt-2">
      <input
        role="combobox"
        aria-expanded={text.trim().length > 0}
        aria-controls={listId}
        aria-label={`Add a story to ${epic.subject}`}
        placeholder="Add a story: #ref or words of its subject"
        value={text}
        disabled={create.isPending}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
      {text.trim().length > 0 && (
        <ul id={listId} role="listbox" aria-label="Stories to add" className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {results.isFetching && matches.length === 0 && <li className="px-2 py-1 text-sm text-slate-500">Searching…</li>}
          {results.isError && (
            <li role="alert" className="px-2 py-1 text-sm text-red-700">
              The search failed: {errorText(results.error)}
            </li>
          )}
          {!results.isFetching && results.isSuccess && matches.length === 0 && <li className="px-2 py-1 text-sm text-slate-500">No story matches (stories already in the epic are left out).</li>}
          {matches.map((story, i) => (
            <li
              key={story.id}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(story)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer truncate px-2 py-1 text-sm ${i === active ? "bg-indigo-50 text-indigo-800" : "text-slate-700"}`}
            >
              <span className="text-slate-500">#{story.ref}</span> {story.subject}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EpicStories({ epic, project }: { epic: Epic; project: Project }) {
  const links = useEpicRelatedUserStories(epic.id);
  const stories = useUserStories(project.id, { epic: epic.id });
  const patch = usePatchEpicRelatedUserStory();
  const remove = useDeleteEpicRelatedUserStory();
  const toast = useToast();
  const canEdit = project.my_permissions.includes("modify_epic");
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));

  const rows: Row[] = useMemo(() => {
    const byId = new Map((stories.data ?? []).map((s) => [s.id, s]));
    return sortLinks(links.data ?? []).map((l) => ({ id: l.user_story, story: byId.get(l.user_story) }));
  }, [links.data, stories.data]);
  const linked = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const indexOf = (id: unknown) => rows.findIndex((r) => r.id === id);
  const nameOf = (id: unknown) => {
    const row = rows.find((r) => r.id === id);
    return row ? label(row) : "story";
  };

  const moved = useRef(false);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      moved.current = false;
      return `Picked up ${nameOf(active.id)}, position ${indexOf(active.id) + 1} of ${rows.length}. Use the arrow keys to move, Space to drop, Escape to cancel.`;
    },
    onDragOver: ({ active, over }) => {
      if (!over || (over.id === active.id && !moved.current)) return undefined;
      moved.current = true;
      return `${nameOf(active.id)} moved to position ${indexOf(over.id) + 1} of ${rows.length}.`;
    },
    onDragEnd: ({ active, over }) => (over ? `${nameOf(active.id)} dropped at position ${indexOf(over.id) + 1} of ${rows.length}.` : `${nameOf(active.id)} returned to its place.`),
    onDragCancel: ({ active }) => `Move cancelled. ${nameOf(active.id)} returned to its place.`,
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id || !links.data) return;
    const move = linkMoveRequest(links.data, Number(active.id), indexOf(over.id));
    if (!move) return;
    patch.mutate(
      { epic: epic.id, project: project.id, ...move },
      { onError: (error) => toast.error(`The stories could not be reordered, so they are back in their previous order: ${errorText(error)}`) },
    );
  };

  const onRemove = (row: Row) =>
    remove.mutate(
      { epic: epic.id, project: project.id, user_story: row.id },
      {
        onSuccess: () => toast.success(`${label(row)} is no longer in this epic (the story itself stays).`),
        onError: (error) => toast.error(`Could not remove ${label(row)} from the epic: ${errorText(error)}`),
      },
    );

  const closed = rows.filter((r) => r.story?.is_closed).length;
  return (
    <div className="flex flex-col gap-1" data-testid={`epic-stories-${epic.ref}`}>
      {links.isPending ? (
        <Spinner label="Loading the epic's stories…" />
      ) : links.isError ? (
        <p role="alert" className="text-sm text-red-700">
          The epic's stories could not be loaded: {errorText(links.error)}{" "}
          <button type="button" className={small} onClick={() => void links.refetch()}>
            Retry
          </button>
        </p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No stories in this epic yet. Add one below.</p>
      ) : (
        <>
          <p className="text-xs text-slate-500">
            {stories.isSuccess ? `${closed} of ${rows.length} closed` : `${rows.length} ${rows.length === 1 ? "story" : "stories"}`}
            {stories.isError && <span className="text-red-700"> · the stories' details could not be loaded: {errorText(stories.error)}</span>}
          </p>
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
            <SortableContext items={rows.map((r) => r.id)} strategy={verticalListSortingStrategy} disabled={!canEdit}>
              <ol className="flex flex-col gap-0.5" aria-label={`Stories of ${epic.subject}`}>
                {rows.map((row) => (
                  <StoryRow key={row.id} row={row} project={project} canEdit={canEdit} onRemove={onRemove} />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
        </>
      )}
      {canEdit && project.my_permissions.includes("view_us") && <AddStory epic={epic} project={project} linked={linked} />}
    </div>
  );
}

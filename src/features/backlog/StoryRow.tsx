/**
 * One story on the backlog page: a row of the backlog list or of a sprint. The whole row is the drag
 * source (pointer anywhere but its controls; Space on the focused row with the keyboard); it carries
 * the selection checkbox, `#ref` and subject (a link opening the story in the side panel), the status
 * (changed inline), the points for the chosen role, tags, assignees and due date.
 */
import { memo, useCallback, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { Link, useLocation } from "react-router";
import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Id, Points, ProjectMember, Role, UserStory, UserStoryStatus } from "../../api/types";
import { useUserStory, type BacklogStory } from "../../api/userstories";
import { Avatar } from "../../components/Avatar";
import { assigneesOf, formatPoints, pointsFor, type RoleChoice } from "./backlogModel";

/** What every row shares (stable across renders). */
export interface RowContext {
  slug: string;
  members: ReadonlyMap<Id, ProjectMember>;
  statuses: readonly UserStoryStatus[];
  /** The project's points scale, in order. */
  scale: readonly Points[];
  valueOf: ReadonlyMap<Id, number | null>;
  roles: readonly Role[];
  role: RoleChoice;
  canMove: boolean;
  canEdit: boolean;
  /** A click on the checkbox or the row (with Shift for a range, Ctrl/Cmd to toggle). */
  onSelect: (id: Id, how: "toggle" | "range") => void;
  onStatus: (story: UserStory, statusId: Id) => void;
  onPoints: (story: UserStory, roleId: Id, pointsId: Id) => void;
}

export const ROW_HEIGHT = 44;
export const SPRINT_ROW_HEIGHT = 38;

/** The row's accessible name: `#ref subject` first, then what the eye reads along the row. */
export function rowLabel(story: UserStory, ctx: Pick<RowContext, "role" | "valueOf" | "roles">): string {
  const parts = [`#${story.ref} ${story.subject}`];
  if (story.status_extra_info?.name) parts.push(story.status_extra_info.name);
  const pts = pointsFor(story, ctx.role, ctx.valueOf);
  const roleName = ctx.role === "all" ? "" : ` for ${ctx.roles.find((r) => r.id === ctx.role)?.name ?? "the role"}`;
  parts.push(pts === null ? `no estimate${roleName}` : `${formatPoints(pts)} points${roleName}`);
  if (story.is_blocked) parts.push("blocked");
  if (story.due_date) parts.push(`due ${story.due_date}`);
  return parts.join(", ");
}

/** Pointer presses on the row's own controls must not start a drag. */
const keepPointer = (event: PointerEvent) => event.stopPropagation();

function dueTone(status: UserStory["due_date_status"]): string {
  if (status === "past_due") return "bg-red-100 text-red-800";
  if (status === "due_soon") return "bg-amber-100 text-amber-800";
  return "bg-slate-100 text-slate-700";
}

interface RowBodyProps {
  story: UserStory;
  ctx: RowContext;
  selected: boolean;
  compact: boolean;
}

/** What a row shows (also drawn in the drag overlay). */
const RowBody = memo(function RowBody({ story: shown, ctx, selected, compact }: RowBodyProps) {
  const location = useLocation();
  // a story back from a sprint lacks its tags and assignees until its own detail is read
  const detail = useUserStory(!compact && (shown as BacklogStory).partial ? shown.id : undefined).data;
  const story = detail && detail.version >= shown.version ? { ...shown, tags: detail.tags, assigned_users: detail.assigned_users } : shown;
  const pts = pointsFor(story, ctx.role, ctx.valueOf);
  const roleId = ctx.role === "all" ? null : ctx.role;
  const assignees = assigneesOf(story);
  const name = `#${story.ref} ${story.subject}`;
  const onCheck = (event: MouseEvent<HTMLInputElement>) => {
    event.stopPropagation();
    ctx.onSelect(story.id, event.shiftKey ? "range" : "toggle");
  };
  return (
    <>
      {ctx.canMove && (
        <span aria-hidden="true" className="flex w-3 shrink-0 cursor-grab select-none flex-col items-center text-[9px] leading-[5px] text-slate-400">
          ⋮⋮
        </span>
      )}
      <input
        type="checkbox"
        checked={selected}
        onClick={onCheck}
        onChange={() => undefined}
        onPointerDown={keepPointer}
        aria-label={`Select ${name}`}
        className="h-4 w-4 shrink-0 rounded border-slate-300 accent-indigo-600"
      />
      <span className="min-w-0 flex-1 truncate">
        <Link
          to={`/project/${ctx.slug}/us/${story.ref}`}
          state={{ background: location }}
          draggable={false}
          className="text-sm text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          title={story.subject}
          onClick={(event) => {
            if (event.shiftKey) {
              event.preventDefault();
              ctx.onSelect(story.id, "range");
            }
          }}
        >
          <span className="mr-1.5 font-mono text-xs font-semibold text-slate-500">#{story.ref}</span>
          {story.subject}
        </Link>
      </span>
      {story.is_blocked && (
        <span className="shrink-0 rounded bg-red-600 px-1 py-px text-[10px] font-bold uppercase text-white" title={story.blocked_note || "Blocked"}>
          Blocked
        </span>
      )}
      {!compact && story.tags.length > 0 && (
        <ul className="hidden max-w-[11rem] shrink-0 gap-1 overflow-hidden lg:flex" aria-label="Tags">
          {story.tags.slice(0, 3).map(([tag, color]) => (
            <li
              key={tag}
              className="max-w-[6rem] truncate rounded px-1.5 py-px text-[11px] font-medium"
              style={color ? { backgroundColor: color, color: "#fff", textShadow: "0 0 2px rgba(0,0,0,.45)" } : { backgroundColor: "#e2e8f0", color: "#334155" }}
            >
              {tag}
            </li>
          ))}
        </ul>
      )}
      {!compact && (
        <div className="hidden w-14 shrink-0 -space-x-1.5 md:flex" aria-label={assignees.length ? "Assigned to" : undefined}>
          {assignees.slice(0, 3).map((id) => (
            <Avatar key={id} size="sm" className="ring-2 ring-white" user={ctx.members.get(id) ?? { full_name_display: `User ${id}` }} />
          ))}
        </div>
      )}
      {!compact && (
        <span className="hidden w-16 shrink-0 text-right text-[11px] xl:block">
          {story.due_date && <span className={`rounded px-1.5 py-px ${dueTone(story.due_date_status)}`}>{story.due_date.slice(5)}</span>}
        </span>
      )}
      {ctx.canEdit && !compact ? (
        <select
          value={story.status}
          onChange={(e) => ctx.onStatus(story, Number(e.target.value))}
          onPointerDown={keepPointer}
          onKeyDown={(e) => e.stopPropagation()}
          aria-label={`Status of ${name}`}
          className="h-7 w-32 shrink-0 truncate rounded border border-slate-200 bg-white px-1 text-xs text-slate-700 focus:border-indigo-500 focus:outline-none"
        >
          {ctx.statuses.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      ) : compact ? (
        <span
          className="h-2.5 w-2.5 shrink-0 rounded-full"
          style={{ backgroundColor: story.status_extra_info?.color ?? "#94a3b8" }}
          title={story.status_extra_info?.name ?? "No status"}
          aria-hidden="true"
        />
      ) : (
        <span
          className="w-24 shrink-0 truncate rounded px-1.5 py-0.5 text-center text-[11px] font-medium text-white"
          style={{ backgroundColor: story.status_extra_info?.color ?? "#94a3b8" }}
        >
          {story.status_extra_info?.name ?? "No status"}
        </span>
      )}
      {ctx.canEdit && roleId !== null && !compact ? (
        <select
          value={story.points[String(roleId)] ?? ""}
          onChange={(e) => ctx.onPoints(story, roleId, Number(e.target.value))}
          onPointerDown={keepPointer}
          onKeyDown={(e) => e.stopPropagation()}
          aria-label={`Points of ${name} for ${ctx.roles.find((r) => r.id === roleId)?.name ?? "the role"}`}
          className="h-7 w-16 shrink-0 rounded border border-slate-200 bg-white px-1 text-right text-xs tabular-nums focus:border-indigo-500 focus:outline-none"
        >
          {story.points[String(roleId)] === undefined && <option value="">–</option>}
          {ctx.scale.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      ) : (
        <span className="w-12 shrink-0 text-right text-xs font-semibold tabular-nums text-indigo-800" data-testid="row-points">
          {formatPoints(pts)}
        </span>
      )}
    </>
  );
});

const rowClass = (selected: boolean, compact: boolean) =>
  `group flex items-center gap-2 border-b border-slate-100 px-2 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-600 ${
    selected ? "bg-indigo-50" : "bg-white hover:bg-slate-50"
  } ${compact ? "text-sm" : ""}`;

export interface StoryRowProps {
  story: UserStory;
  ctx: RowContext;
  selected: boolean;
  /** Container key the row sits in ("backlog", "sprint:<id>"). */
  container: string;
  compact?: boolean;
  /** Position in its list (1-based) and the list's size, for assistive technology. */
  position?: { index: number; size: number };
  /** Hidden while its selection is being dragged by another row. */
  hidden?: boolean;
  /** Draws the velocity line above this row. */
  velocityLine?: string | null;
}

/** A sortable row (members who may move stories). */
export const SortableStoryRow = memo(function SortableStoryRow(props: StoryRowProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, activeIndex } = useSortable({
    id: props.story.id,
    data: { container: props.container },
    animateLayoutChanges: () => false,
  });
  return (
    <RowElement
      {...props}
      attach={setNodeRef}
      attributes={attributes}
      listeners={listeners}
      dragging={isDragging}
      transform={CSS.Translate.toString(transform)}
      transition={activeIndex >= 0 ? transition : undefined}
    />
  );
});

/** A row for members who may look but not move. */
export const StaticStoryRow = memo(function StaticStoryRow(props: StoryRowProps) {
  return <RowElement {...props} />;
});

interface RowElementProps extends StoryRowProps {
  attach?: (el: HTMLElement | null) => void;
  attributes?: DraggableAttributes;
  listeners?: DraggableSyntheticListeners;
  dragging?: boolean;
  transform?: string;
  transition?: string;
}

const RowElement = memo(function RowElement({
  story,
  ctx,
  selected,
  compact = false,
  position,
  hidden,
  velocityLine,
  attach,
  attributes,
  listeners,
  dragging,
  transform,
  transition,
}: RowElementProps) {
  // dnd-kit's "button" role would hide the row's own name and controls
  const { role: _role, ...dragAttributes } = attributes ?? ({} as Partial<DraggableAttributes>);
  const { onSelect } = ctx;
  const onClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if ((event.target as HTMLElement).closest("a, button, input, select")) return;
      if (event.shiftKey) onSelect(story.id, "range");
      else if (event.metaKey || event.ctrlKey) onSelect(story.id, "toggle");
    },
    [onSelect, story.id],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // x toggles the selection of the focused row (Space lifts it)
    if (event.target === event.currentTarget && (event.key === "x" || event.key === "X")) {
      event.preventDefault();
      onSelect(story.id, event.shiftKey ? "range" : "toggle");
    }
    listeners?.onKeyDown?.(event);
  };
  return (
    <div
      ref={attach}
      role="listitem"
      tabIndex={0}
      {...dragAttributes}
      {...listeners}
      onKeyDown={onKeyDown}
      onClick={onClick}
      aria-label={rowLabel(story, ctx)}
      aria-posinset={position?.index}
      aria-setsize={position?.size}
      aria-selected={undefined}
      data-story-id={story.id}
      data-ref={story.ref}
      data-selected={selected ? "true" : undefined}
      className={`${rowClass(selected, compact)} ${dragging ? "opacity-40" : ""} ${hidden ? "invisible" : ""} relative`}
      style={{ height: compact ? SPRINT_ROW_HEIGHT : ROW_HEIGHT, transform, transition }}
    >
      {velocityLine && (
        <span
          data-testid="velocity-line"
          className="pointer-events-none absolute -top-px left-0 right-0 z-10 h-0.5 bg-amber-500"
          aria-hidden="true"
        >
          <span className="absolute right-2 -top-2 rounded bg-amber-500 px-1.5 text-[10px] font-semibold leading-4 text-white">{velocityLine}</span>
        </span>
      )}
      <RowBody story={story} ctx={ctx} selected={selected} compact={compact} />
    </div>
  );
});

/** The drag overlay: the grabbed row, or a stack for a selection. */
export function DragOverlayRow({ story, ctx, count }: { story: UserStory; ctx: RowContext; count: number }) {
  return (
    <div className="relative">
      {count > 1 && <div className="absolute inset-0 translate-x-1.5 translate-y-1.5 rounded-md border border-indigo-300 bg-indigo-100" aria-hidden="true" />}
      <div className={`${rowClass(true, true)} relative cursor-grabbing rounded-md shadow-lg ring-2 ring-indigo-500`} style={{ height: SPRINT_ROW_HEIGHT }}>
        <RowBody story={story} ctx={{ ...ctx, canEdit: false }} selected compact />
        {count > 1 && <span className="shrink-0 rounded-full bg-indigo-600 px-2 text-xs font-semibold text-white">{count} stories</span>}
      </div>
    </div>
  );
}

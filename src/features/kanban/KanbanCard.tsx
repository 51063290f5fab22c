import { memo } from "react";
import { Link, useLocation } from "react-router";
import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Id, ProjectMember, UserStory } from "../../api/types";
import { Avatar } from "../../components/Avatar";
import { storyAssignees } from "./boardModel";

export interface CardContext {
  slug: string;
  members: Map<Id, ProjectMember>;
  /** The user may move stories (`modify_us`); otherwise cards are plain links. */
  canMove: boolean;
}

function dueLabel(story: UserStory): { text: string; tone: string } | null {
  if (!story.due_date) return null;
  const date = new Date(`${story.due_date}T00:00:00`);
  const text = Number.isNaN(date.getTime())
    ? story.due_date
    : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  const tone =
    story.due_date_status === "past_due"
      ? "bg-red-100 text-red-800"
      : story.due_date_status === "due_soon"
        ? "bg-amber-100 text-amber-800"
        : "bg-slate-100 text-slate-700";
  return { text, tone };
}

function pointsLabel(points: number | null): string | null {
  if (points === null || points === undefined) return null;
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/** The accessible name: "#<ref> <subject>" first, then what the eye sees at a glance. */
export function cardLabel(story: UserStory, members: Map<Id, ProjectMember>): string {
  const parts = [`#${story.ref} ${story.subject}`];
  if (story.is_blocked) parts.push("blocked");
  const names = storyAssignees(story).map((id) => members.get(id)?.full_name_display ?? `user ${id}`);
  if (names.length) parts.push(`assigned to ${names.join(", ")}`);
  const pts = pointsLabel(story.total_points);
  if (pts !== null) parts.push(`${pts} points`);
  if (story.due_date) parts.push(`due ${story.due_date}`);
  return parts.join(", ");
}

/** What a card shows; used both in the column and in the drag overlay. */
export const CardBody = memo(function CardBody({ story, ctx }: { story: UserStory; ctx: CardContext }) {
  const assignees = storyAssignees(story);
  const due = dueLabel(story);
  const pts = pointsLabel(story.total_points);
  return (
    <>
      <div className="flex items-start gap-2">
        <p className="line-clamp-2 min-w-0 flex-1 text-sm leading-snug text-slate-900">
          <span className="mr-1 font-mono text-xs font-semibold text-slate-500">#{story.ref}</span>
          {story.subject}
        </p>
        {story.is_blocked && (
          <span
            className="shrink-0 rounded bg-red-600 px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wide text-white"
            title={story.blocked_note || "Blocked"}
          >
            Blocked
          </span>
        )}
      </div>
      {story.tags.length > 0 && (
        <ul className="mt-1.5 flex flex-wrap gap-1" aria-hidden="true">
          {story.tags.slice(0, 4).map(([name, color]) => (
            <li
              key={name}
              className="max-w-[8rem] truncate rounded px-1.5 py-px text-[11px] font-medium"
              style={
                color
                  ? { backgroundColor: color, color: "#fff", textShadow: "0 0 2px rgba(0,0,0,.45)" }
                  : { backgroundColor: "#e2e8f0", color: "#334155" }
              }
            >
              {name}
            </li>
          ))}
          {story.tags.length > 4 && <li className="text-[11px] text-slate-500">+{story.tags.length - 4}</li>}
        </ul>
      )}
      <div className="mt-1.5 flex items-center gap-2" aria-hidden="true">
        <div className="flex -space-x-1.5">
          {assignees.slice(0, 3).map((id) => (
            <Avatar
              key={id}
              size="sm"
              className="ring-2 ring-white"
              user={ctx.members.get(id) ?? { full_name_display: `User ${id}` }}
            />
          ))}
          {assignees.length > 3 && <span className="pl-2 text-[11px] text-slate-500">+{assignees.length - 3}</span>}
        </div>
        <div className="ml-auto flex items-center gap-1.5 text-[11px]">
          {due && <span className={`rounded px-1.5 py-px ${due.tone}`}>{due.text}</span>}
          {pts !== null && (
            <span className="rounded bg-indigo-50 px-1.5 py-px font-semibold text-indigo-800" title="Total points">
              {pts} pt
            </span>
          )}
        </div>
      </div>
    </>
  );
});

const noLayoutAnimation = () => false;

const cardClass =
  "block rounded-md border border-slate-200 bg-white p-2 shadow-sm outline-none transition-shadow hover:shadow focus-visible:ring-2 focus-visible:ring-indigo-600";

export const SortableCard = memo(function SortableCard({ story, ctx }: { story: UserStory; ctx: CardContext }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, activeIndex } = useSortable({
    id: story.id,
    data: { type: "card" },
    // Cards sit in a virtual list that positions them itself; dnd-kit's post-drop layout
    // animation would fight it (and can loop on re-measured rows). Drops snap into place.
    animateLayoutChanges: noLayoutAnimation,
  });
  // dnd-kit re-renders every mounted sortable whenever its context changes (a card registers,
  // a drag starts or ends). This wrapper is that cheap part; the link below re-renders only when
  // something it shows changes (all these values are stable for a card that is not moving).
  return (
    <SortableCardLink
      story={story}
      ctx={ctx}
      attach={setNodeRef}
      attributes={attributes}
      listeners={listeners}
      dragging={isDragging}
      transform={CSS.Translate.toString(transform)}
      // dnd-kit gives every card a transition while any card is dragged; only the cards of the
      // cell holding the dragged card ever shift, so the others keep theirs unset and skip the
      // re-render (and the style write) at pick-up and drop.
      transition={activeIndex >= 0 ? transition : undefined}
    />
  );
});

interface SortableCardLinkProps {
  story: UserStory;
  ctx: CardContext;
  /** dnd-kit's node ref for the link element. */
  attach: (element: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  dragging: boolean;
  transform: string | undefined;
  transition: string | undefined;
}

const SortableCardLink = memo(function SortableCardLink({
  story,
  ctx,
  attach,
  attributes,
  listeners,
  dragging,
  transform,
  transition,
}: SortableCardLinkProps) {
  // The card is a link (Enter opens the story); dnd-kit's "button" role would hide that.
  const { role: _role, ...dragAttributes } = attributes;
  // Opens the story as a side panel over the board (the board stays mounted behind it).
  const location = useLocation();
  return (
    <Link
      ref={attach}
      to={`/project/${ctx.slug}/us/${story.ref}`}
      state={{ background: location }}
      {...dragAttributes}
      {...listeners}
      aria-label={cardLabel(story, ctx.members)}
      data-story-id={story.id}
      data-ref={story.ref}
      // The browser's own link dragging would compete with the card drag.
      draggable={false}
      className={`${cardClass} ${dragging ? "opacity-40" : ""} ${story.is_blocked ? "border-l-4 border-l-red-500" : ""}`}
      style={{ transform, transition }}
    >
      <CardBody story={story} ctx={ctx} />
    </Link>
  );
});

/** A card for members who may look but not move stories. */
export const StaticCard = memo(function StaticCard({ story, ctx }: { story: UserStory; ctx: CardContext }) {
  // The same side panel over the board as for a card that can move.
  const location = useLocation();
  return (
    <Link
      to={`/project/${ctx.slug}/us/${story.ref}`}
      state={{ background: location }}
      aria-label={cardLabel(story, ctx.members)}
      data-story-id={story.id}
      data-ref={story.ref}
      className={`${cardClass} ${story.is_blocked ? "border-l-4 border-l-red-500" : ""}`}
    >
      <CardBody story={story} ctx={ctx} />
    </Link>
  );
});

export function OverlayCard({ story, ctx }: { story: UserStory; ctx: CardContext }) {
  return (
    <div className={`${cardClass} cursor-grabbing shadow-lg ring-2 ring-indigo-500`}>
      <CardBody story={story} ctx={ctx} />
    </div>
  );
}

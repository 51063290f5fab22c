import { memo } from "react";
import { Link, useLocation } from "react-router";
import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Id, ProjectMember, Task } from "../../api/types";
import { Avatar } from "../../components/Avatar";

export interface CardContext {
  slug: string;
  members: Map<Id, ProjectMember>;
  /** The user may move tasks (`modify_task`); otherwise cards are plain links. */
  canMove: boolean;
}

function dueLabel(task: Task): { text: string; tone: string } | null {
  if (!task.due_date) return null;
  const date = new Date(`${task.due_date}T00:00:00`);
  const text = Number.isNaN(date.getTime()) ? task.due_date : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  const tone =
    task.due_date_status === "past_due" ? "bg-red-100 text-red-800" : task.due_date_status === "due_soon" ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700";
  return { text, tone };
}

function assigneeName(task: Task, members: Map<Id, ProjectMember>): string | null {
  if (task.assigned_to === null) return null;
  return members.get(task.assigned_to)?.full_name_display ?? task.assigned_to_extra_info?.full_name_display ?? `user ${task.assigned_to}`;
}

/** The accessible name: "#<ref> <subject>" first, then what the eye sees at a glance. */
export function cardLabel(task: Task, members: Map<Id, ProjectMember>): string {
  const parts = [`#${task.ref} ${task.subject}`];
  if (task.is_blocked) parts.push("blocked");
  if (task.is_closed) parts.push("closed");
  const who = assigneeName(task, members);
  parts.push(who ? `assigned to ${who}` : "unassigned");
  if (task.due_date) parts.push(`due ${task.due_date}`);
  return parts.join(", ");
}

/** What a card shows; used both in the cell and in the drag overlay. */
export const CardBody = memo(function CardBody({ task, ctx }: { task: Task; ctx: CardContext }) {
  const due = dueLabel(task);
  const member = task.assigned_to === null ? undefined : ctx.members.get(task.assigned_to);
  const who = assigneeName(task, ctx.members);
  return (
    <>
      <div className="flex items-start gap-1.5">
        <p className={`line-clamp-3 min-w-0 flex-1 text-[13px] leading-snug ${task.is_closed ? "text-slate-500 line-through decoration-slate-400" : "text-slate-900"}`}>
          <span className="mr-1 font-mono text-[11px] font-semibold text-slate-500 no-underline">#{task.ref}</span>
          {task.subject}
        </p>
        {task.is_blocked && (
          <span className="shrink-0 rounded bg-red-600 px-1 py-px text-[10px] font-bold uppercase text-white" title={task.blocked_note || "Blocked"} aria-hidden="true">
            Blocked
          </span>
        )}
      </div>
      <div className="mt-1 flex items-center gap-1.5" aria-hidden="true">
        {who ? (
          <Avatar size="sm" user={member ?? { full_name_display: who }} />
        ) : (
          <span className="flex h-6 w-6 items-center justify-center rounded-full border border-dashed border-slate-300 text-[10px] text-slate-400" title="Unassigned">
            ?
          </span>
        )}
        {task.is_closed && <span className="rounded bg-emerald-100 px-1 py-px text-[10px] font-semibold text-emerald-800">Closed</span>}
        {task.is_iocaine && <span className="rounded bg-purple-100 px-1 py-px text-[10px] font-semibold text-purple-800" title="Iocaine: a hard task">Iocaine</span>}
        {due && <span className={`ml-auto rounded px-1.5 py-px text-[11px] ${due.tone}`}>{due.text}</span>}
      </div>
    </>
  );
});

const noLayoutAnimation = () => false;

const cardClass =
  "block rounded-md border border-slate-200 bg-white p-1.5 shadow-sm outline-none transition-shadow hover:shadow focus-visible:ring-2 focus-visible:ring-indigo-600";

export const SortableTaskCard = memo(function SortableTaskCard({ task, ctx }: { task: Task; ctx: CardContext }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, activeIndex } = useSortable({
    id: task.id,
    data: { type: "card" },
    animateLayoutChanges: noLayoutAnimation,
  });
  return (
    <TaskCardLink
      task={task}
      ctx={ctx}
      attach={setNodeRef}
      attributes={attributes}
      listeners={listeners}
      dragging={isDragging}
      transform={CSS.Translate.toString(transform)}
      transition={activeIndex >= 0 ? transition : undefined}
    />
  );
});

interface TaskCardLinkProps {
  task: Task;
  ctx: CardContext;
  attach: (element: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  dragging: boolean;
  transform: string | undefined;
  transition: string | undefined;
}

const TaskCardLink = memo(function TaskCardLink({ task, ctx, attach, attributes, listeners, dragging, transform, transition }: TaskCardLinkProps) {
  // The card is a link (Enter opens the task in the side panel); dnd-kit's "button" role would hide that.
  const { role: _role, ...dragAttributes } = attributes;
  const location = useLocation();
  return (
    <Link
      ref={attach}
      to={`/project/${ctx.slug}/task/${task.ref}`}
      state={{ background: location }}
      {...dragAttributes}
      {...listeners}
      aria-label={cardLabel(task, ctx.members)}
      data-task-id={task.id}
      data-ref={task.ref}
      draggable={false}
      className={`${cardClass} ${dragging ? "opacity-40" : ""} ${task.is_blocked ? "border-l-4 border-l-red-500" : ""}`}
      style={{ transform, transition }}
    >
      <CardBody task={task} ctx={ctx} />
    </Link>
  );
});

/** A card for members who may look but not move tasks. */
export const StaticTaskCard = memo(function StaticTaskCard({ task, ctx }: { task: Task; ctx: CardContext }) {
  const location = useLocation();
  return (
    <Link
      to={`/project/${ctx.slug}/task/${task.ref}`}
      state={{ background: location }}
      aria-label={cardLabel(task, ctx.members)}
      data-task-id={task.id}
      data-ref={task.ref}
      className={`${cardClass} ${task.is_blocked ? "border-l-4 border-l-red-500" : ""}`}
    >
      <CardBody task={task} ctx={ctx} />
    </Link>
  );
});

export function OverlayTaskCard({ task, ctx }: { task: Task; ctx: CardContext }) {
  return (
    <div className={`${cardClass} w-52 cursor-grabbing shadow-lg ring-2 ring-indigo-500`}>
      <CardBody task={task} ctx={ctx} />
    </div>
  );
}

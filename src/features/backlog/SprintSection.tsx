/**
 * One sprint in the sprints panel: a region named after the sprint, with its dates, closed/total
 * points and a progress bar, a link to its taskboard, and its stories as a sortable drop target
 * (the whole section accepts drops, so a folded or empty sprint can be filled).
 */
import { memo, useId, useMemo, useState } from "react";
import { Link } from "react-router";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { Id, Milestone, UserStory } from "../../api/types";
import { formatPoints, sprintProgress } from "./backlogModel";
import { sprintKey } from "./keyboard";
import { SortableStoryRow, StaticStoryRow, type RowContext } from "./StoryRow";

const dateFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
export function sprintDates(sprint: Pick<Milestone, "estimated_start" | "estimated_finish">): string {
  const fmt = (d: string) => {
    const date = new Date(`${d}T00:00:00`);
    return Number.isNaN(date.getTime()) ? d : dateFormat.format(date);
  };
  return `${fmt(sprint.estimated_start)} – ${fmt(sprint.estimated_finish)}`;
}

export interface SprintSectionProps {
  sprint: Milestone;
  /** Story ids to show, in sprint order (during a drag: with the dragged story where it now is). */
  ids: readonly Id[];
  storiesById: ReadonlyMap<Id, UserStory>;
  ctx: RowContext;
  selected: ReadonlySet<Id>;
  current: boolean;
  canEdit: boolean;
  onEdit: (sprint: Milestone) => void;
}

export const SprintSection = memo(function SprintSection({ sprint, ids, storiesById, ctx, selected, current, canEdit, onEdit }: SprintSectionProps) {
  const key = sprintKey(sprint.id);
  const { setNodeRef, isOver } = useDroppable({ id: key, data: { type: "container" } });
  const [folded, setFolded] = useState(false);
  const headingId = useId();
  const listId = useId();
  const progress = sprintProgress(sprint);
  const percent = Math.round(progress.ratio * 100);
  const Row = ctx.canMove ? SortableStoryRow : StaticStoryRow;
  const sortableIds = useMemo(() => [...ids], [ids]);

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-container={key}
      data-sprint-id={sprint.id}
      className={`rounded-lg border bg-white shadow-sm transition-colors ${isOver ? "border-indigo-400 ring-2 ring-indigo-200" : "border-slate-200"} ${sprint.closed ? "opacity-80" : ""}`}
    >
      <div className="flex items-start gap-2 px-3 pt-2">
        <button
          type="button"
          onClick={() => setFolded((f) => !f)}
          aria-expanded={!folded}
          aria-controls={listId}
          aria-label={`${folded ? "Show" : "Hide"} the stories of ${sprint.name}`}
          className="mt-0.5 rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden="true">{folded ? "▸" : "▾"}</span>
        </button>
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="truncate text-sm font-semibold text-slate-900">
            {sprint.name}
          </h3>
          <p className="text-xs text-slate-500">
            {sprintDates(sprint)}
            {current && <span className="ml-1.5 rounded bg-emerald-100 px-1 py-px font-medium text-emerald-800">current</span>}
            {sprint.closed && <span className="ml-1.5 rounded bg-slate-200 px-1 py-px font-medium text-slate-700">closed</span>}
          </p>
        </div>
        <Link
          to={`/project/${ctx.slug}/taskboard/${sprint.slug}`}
          className="shrink-0 rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          aria-label={`Taskboard of ${sprint.name}`}
        >
          Taskboard
        </Link>
        {canEdit && (
          <button
            type="button"
            onClick={() => onEdit(sprint)}
            aria-label={`Edit ${sprint.name}`}
            className="shrink-0 rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Edit
          </button>
        )}
      </div>
      <div className="px-3 pb-2 pt-1.5">
        <div className="flex items-baseline justify-between text-xs text-slate-600">
          <span data-testid="sprint-points">
            <span className="font-semibold text-slate-900">{formatPoints(progress.closedPoints)}</span> of {formatPoints(progress.totalPoints)} points closed
          </span>
          <span data-testid="sprint-stories">
            {progress.closedStories}/{progress.totalStories} {progress.totalStories === 1 ? "story" : "stories"}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label={`Progress of ${sprint.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% closed: ${formatPoints(progress.closedPoints)} of ${formatPoints(progress.totalPoints)} points, ${progress.closedStories} of ${progress.totalStories} stories`}
          className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full rounded-full bg-emerald-500 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <SortableContext id={key} items={sortableIds} strategy={verticalListSortingStrategy}>
        <div id={listId} role="list" aria-label={`Stories of ${sprint.name}`} hidden={folded} className="border-t border-slate-100">
          {ids.length === 0 ? (
            <p className="px-3 py-3 text-center text-xs text-slate-400">
              {ctx.canMove ? "Drag stories here to plan this sprint." : "No stories in this sprint."}
            </p>
          ) : (
            ids.map((id, i) => {
              const story = storiesById.get(id);
              if (!story) return null;
              return <Row key={id} story={story} ctx={ctx} container={key} compact selected={selected.has(id)} position={{ index: i + 1, size: ids.length }} />;
            })
          )}
        </div>
      </SortableContext>
    </section>
  );
});

import { memo } from "react";
import { Link, useLocation } from "react-router";
import type { Id, Task, TaskStatus } from "../../api/types";
import { cellKey, type TaskboardCell } from "../../lib/taskboardOrder";
import { formatPoints, type BoardRow } from "./taskboardModel";
import { TaskCell } from "./TaskCell";
import type { CardContext } from "./TaskCard";

export const ROW_HEADER_WIDTH = 240;
export const FOLDED_COLUMN_WIDTH = 40;

export interface StoryRowProps {
  row: BoardRow;
  columns: readonly TaskStatus[];
  foldedColumns: ReadonlySet<Id>;
  /** Shown (filtered) cards per cell key. */
  cells: ReadonlyMap<string, Task[]>;
  /** Every card per cell key (for counts and hidden tasks). */
  allCells: ReadonlyMap<string, Task[]>;
  folded: boolean;
  /** While filtering: the row holds no matching task and folds away. */
  noMatches: boolean;
  ctx: CardContext;
  canAdd: boolean;
  onToggleFold: (rowId: Id | null) => void;
  onBulkAdd: (rowId: Id | null) => void;
  onQuickAdd: (cell: TaskboardCell, subject: string) => Promise<void>;
}

const EMPTY: Task[] = [];

/** One story of the sprint (or the storyless row): a region named "#<ref> <subject>", its cells. */
export const StoryRow = memo(function StoryRow(props: StoryRowProps) {
  const { row, columns, foldedColumns, cells, allCells, ctx } = props;
  const location = useLocation();
  let total = 0;
  let closed = 0;
  for (const c of columns) {
    const list = allCells.get(cellKey({ storyId: row.id, statusId: c.id })) ?? EMPTY;
    total += list.length;
    if (c.is_closed) closed += list.length;
  }
  const collapsed = props.folded || props.noMatches;
  const story = row.story;
  const rowName = row.label;

  return (
    <section aria-label={rowName} data-row={row.id ?? "none"} className={`flex min-w-max border-b border-slate-200 ${story?.is_closed ? "bg-emerald-50/40" : "bg-white"}`}>
      <div className="sticky left-0 z-[5] flex shrink-0 gap-1.5 border-r border-slate-200 bg-inherit p-2" style={{ width: ROW_HEADER_WIDTH }}>
        <button
          type="button"
          aria-expanded={!collapsed}
          aria-label={`${collapsed ? "Unfold" : "Fold"} ${rowName}`}
          title={props.noMatches ? "No task of this row matches the filters" : collapsed ? "Unfold" : "Fold"}
          disabled={props.noMatches}
          onClick={() => props.onToggleFold(row.id)}
          className="mt-0.5 h-5 w-5 shrink-0 rounded text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-40"
        >
          <span aria-hidden="true">{collapsed ? "▸" : "▾"}</span>
        </button>
        <div className="min-w-0 flex-1">
          {story ? (
            <Link
              to={`/project/${ctx.slug}/us/${story.ref}`}
              state={{ background: location }}
              className="line-clamp-2 text-[13px] font-medium leading-snug text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span className="mr-1 font-mono text-[11px] font-semibold text-slate-500">#{story.ref}</span>
              {story.subject}
            </Link>
          ) : (
            <p className="text-[13px] font-medium text-slate-700">{rowName}</p>
          )}
          <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px] text-slate-600">
            {story && (
              <>
                <span className="rounded bg-indigo-50 px-1.5 py-px font-semibold text-indigo-800" title="Points">
                  {formatPoints(story.total_points)} pt
                </span>
                <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-px" title="Story status">
                  <span className="h-2 w-2 rounded-full" style={{ backgroundColor: story.status_extra_info?.color }} aria-hidden="true" />
                  {story.status_extra_info?.name ?? "—"}
                </span>
                {story.is_closed && (
                  <span className="rounded bg-emerald-600 px-1.5 py-px font-semibold text-white" data-testid="story-closed">
                    Closed
                  </span>
                )}
                {story.is_blocked && <span className="rounded bg-red-600 px-1.5 py-px font-semibold text-white">Blocked</span>}
              </>
            )}
            <span className="text-slate-500">
              {closed}/{total} tasks closed
            </span>
          </div>
          {props.noMatches && <p className="mt-1 text-[11px] text-amber-700">No task matches the filters</p>}
          {props.canAdd && !collapsed && (
            <button
              type="button"
              onClick={() => props.onBulkAdd(row.id)}
              className="mt-1 rounded px-1 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
              aria-label={`Add several tasks to ${rowName}`}
            >
              Bulk add tasks
            </button>
          )}
        </div>
      </div>
      {collapsed ? (
        <div className="flex items-center px-3 text-xs text-slate-500">
          {props.noMatches ? "" : `${total} ${total === 1 ? "task" : "tasks"} (folded)`}
        </div>
      ) : (
        columns.map((c) => {
          const key = cellKey({ storyId: row.id, statusId: c.id });
          if (foldedColumns.has(c.id)) {
            const n = allCells.get(key)?.length ?? 0;
            return (
              <div key={key} className="shrink-0 border-l border-slate-200 bg-slate-50 py-2 text-center text-[11px] text-slate-400" style={{ width: FOLDED_COLUMN_WIDTH }}>
                {n || ""}
              </div>
            );
          }
          const shown = cells.get(key) ?? EMPTY;
          const all = allCells.get(key)?.length ?? 0;
          return (
            <TaskCell
              key={key}
              storyId={row.id}
              statusId={c.id}
              label={`${c.name}, ${rowName}`}
              cards={shown}
              hidden={all - shown.length}
              ctx={ctx}
              canAdd={props.canAdd}
              onQuickAdd={props.onQuickAdd}
            />
          );
        })
      )}
    </section>
  );
});

import { memo } from "react";
import type { UserStory, UserStoryStatus } from "../../api/types";
import { Spinner } from "../../components/Spinner";
import { cellKey, type KanbanCell } from "../../lib/kanbanOrder";
import { wipExceeded, type BoardRow } from "./boardModel";
import type { CardContext } from "./KanbanCard";
import { KanbanCellView } from "./KanbanCellView";

export const HEADER_HEIGHT = 68;
const LANE_META_HEIGHT = 20;
const CELL_PADDING = 6;
const QUICK_ADD_BLOCK = 32;

/** Height of one swimlane row in a column, so the rows line up across columns and the gutter. */
export function laneBlockHeight(listHeight: number, canAdd: boolean): number {
  return LANE_META_HEIGHT + CELL_PADDING + (canAdd ? QUICK_ADD_BLOCK : 0) + listHeight + 1;
}

export interface ColumnProps {
  status: UserStoryStatus;
  rows: readonly BoardRow[];
  hasSwimlanes: boolean;
  cells: ReadonlyMap<string, UserStory[]>;
  rowHeights: readonly number[];
  /** Stories in this status, unfiltered (null while an archived column is not loaded). */
  total: number | null;
  /** Stories shown with the current filters. */
  shown: number;
  /** Unfiltered count and WIP limit per swimlane cell. */
  cellCounts: ReadonlyMap<string, number>;
  laneLimits: ReadonlyMap<string, number | null>;
  folded: boolean;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  onToggleFold: (statusId: number) => void;
  onBulkAdd: (statusId: number) => void;
  canAdd: boolean;
  ctx: CardContext;
  activeId: number | null;
  onQuickAdd: (cell: KanbanCell, subject: string) => Promise<void>;
  filtering: boolean;
}

const EMPTY: UserStory[] = [];

export const KanbanColumn = memo(function KanbanColumn(props: ColumnProps) {
  const { status, rows, hasSwimlanes, cells, rowHeights, total, shown, folded, filtering } = props;
  const over = total !== null && wipExceeded(total, status.wip_limit);
  const countText = total === null ? "" : filtering && shown !== total ? `${shown} of ${total}` : String(total);

  if (folded) {
    return (
      <section
        aria-label={status.name}
        data-status-id={status.id}
        data-folded="true"
        className="flex w-11 shrink-0 flex-col items-center rounded-lg bg-slate-100 py-2"
      >
        <button
          type="button"
          aria-expanded="false"
          aria-label={`Unfold ${status.name}`}
          title={`Unfold ${status.name}`}
          onClick={() => props.onToggleFold(status.id)}
          className="rounded p-1 text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          <span aria-hidden="true">»</span>
        </button>
        <span className="mt-2 h-3 w-3 rounded-full" style={{ backgroundColor: status.color }} aria-hidden="true" />
        <h2 className="mt-2 text-sm font-semibold text-slate-700 [writing-mode:vertical-rl]">{status.name}</h2>
        {countText && (
          <span className={`mt-2 text-xs ${over ? "font-bold text-red-700" : "text-slate-500"}`}>{countText}</span>
        )}
        {over && <span className="sr-only">over WIP limit</span>}
      </section>
    );
  }

  return (
    <section
      aria-label={status.name}
      data-status-id={status.id}
      className={`flex w-64 shrink-0 flex-col rounded-lg ${over ? "bg-red-50 ring-1 ring-red-200" : "bg-slate-100"}`}
    >
      <header className="flex flex-col justify-center border-b border-slate-200 px-3" style={{ height: HEADER_HEIGHT }}>
        <div className="flex items-center gap-2">
          <span className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: status.color }} aria-hidden="true" />
          <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-800" title={status.name}>
            {status.name}
          </h2>
          <span
            className={`rounded-full px-2 text-xs font-semibold ${over ? "bg-red-600 text-white" : "bg-white text-slate-600"}`}
            aria-label={total === null ? undefined : `${countText} stories`}
            data-testid="column-count"
          >
            {countText}
          </span>
          {props.canAdd && (
            <button
              type="button"
              onClick={() => props.onBulkAdd(status.id)}
              aria-label={`Bulk add stories to ${status.name}`}
              title="Add several stories, one per line"
              className="rounded p-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span aria-hidden="true" className="text-xs font-semibold">≡+</span>
            </button>
          )}
          <button
            type="button"
            aria-expanded="true"
            aria-label={`Fold ${status.name}`}
            title={`Fold ${status.name}`}
            onClick={() => props.onToggleFold(status.id)}
            className="rounded p-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <span aria-hidden="true">«</span>
          </button>
        </div>
        <p className={`mt-1 text-xs ${over ? "font-semibold text-red-700" : "text-slate-500"}`}>
          {status.wip_limit ? (
            <>
              WIP {total ?? "–"} / {status.wip_limit}
              {over && <span> — over WIP limit</span>}
            </>
          ) : status.is_archived ? (
            "Archived"
          ) : status.is_closed ? (
            "Closed"
          ) : (
            "No WIP limit"
          )}
        </p>
      </header>
      {props.error ? (
        <div role="alert" className="m-2 rounded-md bg-red-50 p-2 text-xs text-red-800">
          {props.error}{" "}
          <button type="button" className="font-semibold underline" onClick={props.onRetry}>
            Try again
          </button>
        </div>
      ) : props.loading ? (
        <div className="p-3">
          <Spinner label={`Loading ${status.name} stories…`} />
        </div>
      ) : (
        rows.map((row, i) => {
          const cell: KanbanCell = { statusId: status.id, swimlaneId: row.id };
          const key = cellKey(cell);
          const label = hasSwimlanes ? `${status.name} — ${row.name}` : status.name;
          const laneLimit = hasSwimlanes ? props.laneLimits.get(key) : null;
          const laneCount = props.cellCounts.get(key) ?? 0;
          const laneOver = wipExceeded(laneCount, laneLimit);
          const cards = cells.get(key) ?? EMPTY;
          // Only the cell holding the dragged card needs to know it (to keep it rendered).
          const activeId = props.activeId !== null && cards.some((c) => c.id === props.activeId) ? props.activeId : null;
          const body = (
            <KanbanCellView
              statusId={status.id}
              swimlaneId={row.id}
              label={label}
              cards={cards}
              height={rowHeights[i] ?? 200}
              ctx={props.ctx}
              activeId={activeId}
              canAdd={props.canAdd}
              onQuickAdd={props.onQuickAdd}
              filtering={filtering}
            />
          );
          if (!hasSwimlanes) return <div key={key}>{body}</div>;
          return (
            <div
              key={key}
              role="group"
              aria-label={label}
              className={`overflow-hidden border-t border-slate-200 ${laneOver ? "bg-red-100/60" : ""}`}
              style={{ height: laneBlockHeight(rowHeights[i] ?? 200, props.canAdd) }}
            >
              <p
                className={`truncate px-3 text-[11px] leading-5 ${laneOver ? "font-semibold text-red-700" : "text-slate-500"}`}
                style={{ height: LANE_META_HEIGHT }}
              >
                {row.name}: {laneLimit ? `${laneCount} / ${laneLimit}` : laneCount}
                {laneOver && " — over WIP limit"}
              </p>
              {body}
            </div>
          );
        })
      )}
    </section>
  );
});

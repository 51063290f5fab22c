/**
 * The sprints panel beside the backlog: it scrolls on its own, so it stays in view however long the
 * backlog is. Open sprints (latest first), a button to plan a new one, and the closed sprints on
 * demand.
 */
import type { Id, Milestone, UserStory } from "../../api/types";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { sprintKey } from "./keyboard";
import { SprintSection } from "./SprintSection";
import type { RowContext } from "./StoryRow";

export interface SprintsPanelProps {
  open: readonly Milestone[] | undefined;
  openError: unknown;
  onRetryOpen: () => void;
  closed: readonly Milestone[] | undefined;
  closedLoading: boolean;
  closedCount: number;
  showClosed: boolean;
  onToggleClosed: () => void;
  items: Readonly<Record<string, readonly Id[]>>;
  storiesById: ReadonlyMap<Id, UserStory>;
  ctx: RowContext;
  selected: ReadonlySet<Id>;
  currentId: Id | null;
  canAdd: boolean;
  canEdit: boolean;
  onNew: () => void;
  onEdit: (sprint: Milestone) => void;
}

export function SprintsPanel(props: SprintsPanelProps) {
  const { open, closed, items, storiesById, ctx, selected, currentId, canEdit, onEdit } = props;
  const section = (s: Milestone) => (
    <SprintSection
      key={s.id}
      sprint={s}
      ids={items[sprintKey(s.id)] ?? []}
      storiesById={storiesById}
      ctx={ctx}
      selected={selected}
      current={s.id === currentId}
      canEdit={canEdit}
      onEdit={onEdit}
    />
  );
  return (
    <aside aria-label="Sprints" className="flex min-h-0 flex-col border-l border-slate-200 bg-slate-50" data-testid="sprints-panel">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">
          Sprints{open ? <span className="ml-1 font-normal text-slate-500">({open.length} open)</span> : null}
        </h2>
        {props.canAdd && (
          <button
            type="button"
            onClick={props.onNew}
            className="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            New sprint
          </button>
        )}
      </div>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto overscroll-contain p-3" data-testid="sprints-scroll">
        {props.openError ? (
          <ErrorMessage title="The sprints could not be loaded" error={props.openError} onRetry={props.onRetryOpen} />
        ) : !open ? (
          <Spinner label="Loading the sprints…" />
        ) : open.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-3 py-6 text-center text-sm text-slate-500">
            No open sprint. {props.canAdd ? "Create one, then drag stories into it." : ""}
          </p>
        ) : (
          open.map(section)
        )}
        {props.closedCount > 0 && (
          <button
            type="button"
            onClick={props.onToggleClosed}
            aria-expanded={props.showClosed}
            className="self-start rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {props.showClosed ? "Hide closed sprints" : `Show closed sprints (${props.closedCount})`}
          </button>
        )}
        {props.showClosed && (props.closedLoading ? <Spinner label="Loading the closed sprints…" /> : closed?.map(section))}
      </div>
    </aside>
  );
}

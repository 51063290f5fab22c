import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { useQueries, type UseQueryResult } from "@tanstack/react-query";
import { isApiError } from "../../api/http";
import { usePreference } from "../../api/preferences";
import { useProjectBySlug } from "../../api/projects";
import { useProjectSwimlanes } from "../../api/swimlanes";
import type { Id, Project, UserStory, UserStoryStatus } from "../../api/types";
import {
  kanbanBoardFilters,
  useBulkCreateUserStories,
  useBulkUpdateKanbanOrder,
  useCreateUserStory,
  userStoriesQueryOptions,
  useUserStories,
} from "../../api/userstories";
import type { BulkAddChoice } from "../../components/BulkAddDialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { cellKey, type KanbanCell, type KanbanOrderBody } from "../../lib/kanbanOrder";
import { parseFlags, preferenceKey } from "../../lib/preferences";
import { canDo } from "../../lib/projectAccess";
import { useLiveSearchParams } from "../../lib/useLiveSearchParams";
import {
  boardColumns,
  boardRows,
  countByCell,
  countByStatus,
  emptyFilters,
  filtersFromParams,
  filtersToParams,
  groupIntoCells,
  isFiltering,
  membersById,
  shareCells,
  type BoardRow,
  type FiltersUpdate,
} from "./boardModel";
import { KanbanBoard, type ColumnState } from "./KanbanBoard";
import { KanbanFilters } from "./KanbanFilters";

/** Opened rarely: its code loads on first use, not with the board. */
const BulkAddDialog = lazy(() => import("../../components/BulkAddDialog").then((m) => ({ default: m.BulkAddDialog })));

const NO_OVERRIDES: Record<string, boolean> = {};

/** The bulk add's swimlane choice: the board's rows, and "No swimlane" when the board has no such row. */
const NO_LANE = "none";
function swimlaneChoice(rows: readonly BoardRow[]): BulkAddChoice {
  const options = rows.map((r) => ({ value: r.id === null ? NO_LANE : String(r.id), label: r.name }));
  if (!rows.some((r) => r.id === null)) options.push({ value: NO_LANE, label: "No swimlane" });
  return { label: "Swimlane", options, initial: options[0]?.value ?? NO_LANE };
}
const noop = () => undefined;

function combineArchived(results: UseQueryResult<UserStory[]>[]) {
  return {
    lists: results.map((r) => r.data),
    pending: results.map((r) => r.isPending),
    errors: results.map((r) => r.error),
    refetch: results.map((r) => () => void r.refetch()),
  };
}

/** Columns the user folded or unfolded, a preference per project (src/api/preferences.ts); archived ones start folded. */
function useFolding(projectId: Id, statuses: readonly UserStoryStatus[]) {
  const [overrides, setOverrides] = usePreference(preferenceKey("kanban-folded", projectId), NO_OVERRIDES, parseFlags);

  const folded = useMemo(
    () => new Set(statuses.filter((s) => overrides[s.id] ?? s.is_archived).map((s) => s.id)),
    [statuses, overrides],
  );

  const toggle = useCallback(
    (statusId: Id) => {
      setOverrides((prev) => {
        const status = statuses.find((s) => s.id === statusId);
        const now = prev[statusId] ?? status?.is_archived ?? false;
        return { ...prev, [statusId]: !now };
      });
    },
    [statuses, setOverrides],
  );
  return { folded, toggle };
}

function useMaxListHeight(hasSwimlanes: boolean) {
  const [height, setHeight] = useState(() => (typeof window === "undefined" ? 800 : window.innerHeight));
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return hasSwimlanes ? Math.max(200, Math.min(440, Math.round(height * 0.45))) : Math.max(240, height - 290);
}

function BoardSkeleton() {
  return (
    <div className="flex gap-3 p-4" aria-busy="true" aria-label="Loading the board">
      <span className="sr-only" role="status">
        Loading the board…
      </span>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="w-64 shrink-0 animate-pulse rounded-lg bg-slate-100 p-3" aria-hidden="true">
          <div className="mb-4 h-4 w-24 rounded bg-slate-200" />
          {[0, 1, 2].slice(0, 3 - (i % 2)).map((j) => (
            <div key={j} className="mb-2 h-20 rounded-md bg-white" />
          ))}
        </div>
      ))}
    </div>
  );
}

export default function KanbanPage() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (project.isPending) return <BoardSkeleton />;
  if (project.isError) {
    return (
      <div className="p-4">
        <ErrorMessage title="The project could not be loaded" error={project.error} onRetry={() => void project.refetch()} />
      </div>
    );
  }
  return <Kanban key={project.data.id} project={project.data} />;
}

function Kanban({ project }: { project: Project }) {
  const toast = useToast();
  const [params, updateParams] = useLiveSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // Each change applies to the filters in the URL now, not to the ones last rendered (see useLiveSearchParams).
  const setFilters = useCallback(
    (update: FiltersUpdate) => updateParams((current) => filtersToParams(update(filtersFromParams(current)), current)),
    [updateParams],
  );

  const columns = useMemo(() => boardColumns(project.us_statuses), [project.us_statuses]);
  const hasSwimlanes = (project.swimlanes ?? []).length > 0;
  const { folded, toggle } = useFolding(project.id, columns);

  // Requests to show the board: the project (shared with the shell), the stories, the swimlanes' WIP limits.
  const stories = useUserStories(project.id, kanbanBoardFilters);
  const swimlanes = useProjectSwimlanes(project.id, hasSwimlanes);

  // Archived columns load their stories only when unfolded.
  const archivedOpen = columns.filter((c) => c.is_archived && !folded.has(c.id));
  const archived = useQueries({
    queries: archivedOpen.map((c) => userStoriesQueryOptions(project.id, { status: c.id })),
    combine: combineArchived,
  });

  const allStories = useMemo(() => {
    const list: UserStory[] = [...(stories.data ?? [])];
    const seen = new Set(list.map((s) => s.id));
    for (const data of archived.lists) for (const s of data ?? []) if (!seen.has(s.id)) list.push(s);
    return list;
  }, [stories.data, archived.lists]);

  const rows = useMemo(() => boardRows(project.swimlanes, allStories), [project.swimlanes, allStories]);
  const [previousCells, setPreviousCells] = useState<Map<string, UserStory[]> | null>(null);
  const cells = useMemo(
    () => shareCells(previousCells, groupIntoCells(allStories, rows, filters)),
    // `previousCells` only lends unchanged arrays; it must not trigger a regroup itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [allStories, rows, filters],
  );
  if (cells !== previousCells) setPreviousCells(cells);
  const statusCounts = useMemo(() => countByStatus(allStories), [allStories]);
  const cellCounts = useMemo(() => countByCell(allStories, rows), [allStories, rows]);
  const laneLimits = useMemo(() => {
    const map = new Map<string, number | null>();
    for (const lane of swimlanes.data ?? []) {
      for (const st of lane.statuses ?? []) map.set(cellKey({ statusId: st.id, swimlaneId: lane.id }), st.wip_limit);
    }
    return map;
  }, [swimlanes.data]);

  const members = useMemo(() => membersById(project.members), [project.members]);
  const canAdd = canDo(project, "add_us");
  const canMove = canDo(project, "modify_us");
  const ctx = useMemo(() => ({ slug: project.slug, members, canMove }), [project.slug, members, canMove]);

  const columnState = (status: UserStoryStatus): ColumnState => {
    if (!status.is_archived) return { total: statusCounts.get(status.id) ?? 0, loading: false, error: null, retry: noop };
    const i = archivedOpen.findIndex((c) => c.id === status.id);
    if (i < 0) return { total: null, loading: false, error: null, retry: noop };
    const error = archived.errors[i];
    return {
      total: archived.lists[i] ? (statusCounts.get(status.id) ?? 0) : null,
      loading: archived.pending[i] ?? false,
      error: error ? errorText(error) : null,
      retry: archived.refetch[i] ?? noop,
    };
  };

  const create = useCreateUserStory();
  const onQuickAdd = useCallback(
    async (cell: KanbanCell, subject: string) => {
      const story = await create.mutateAsync({
        project: project.id,
        subject,
        status: cell.statusId,
        ...(cell.swimlaneId !== null ? { swimlane: cell.swimlaneId } : {}),
      });
      toast.success(`Created #${story.ref} ${story.subject}`);
    },
    // `create.mutateAsync` is stable; depending on `create` would re-render every cell.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [project.id, toast],
  );

  const bulkCreate = useBulkCreateUserStories();
  const [bulkStatus, setBulkStatus] = useState<Id | null>(null);
  const bulkColumn = columns.find((c) => c.id === bulkStatus);

  const move = useBulkUpdateKanbanOrder();
  const statusById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const onMove = useCallback(
    (body: KanbanOrderBody, story: UserStory) => {
      const target = statusById.get(body.status_id);
      move.mutate(
        {
          body,
          statusInfo: target ? { name: target.name, color: target.color, is_closed: target.is_closed } : undefined,
        },
        {
          onError: (error) => {
            const reason = isApiError(error) ? error.message : errorText(error);
            toast.error(`Could not move #${story.ref} ${story.subject}: ${reason} The card is back where it was.`);
          },
        },
      );
    },
    // `move.mutate` is stable across renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [statusById, toast],
  );

  const maxListHeight = useMaxListHeight(hasSwimlanes);

  let body;
  if (stories.isPending) body = <BoardSkeleton />;
  else if (stories.isError)
    body = (
      <div className="p-4">
        <ErrorMessage title="The stories could not be loaded" error={stories.error} onRetry={() => void stories.refetch()} />
      </div>
    );
  else if (columns.length === 0)
    body = (
      <div className="p-4">
        <EmptyState title="This project has no user-story statuses">
          The Kanban board has a column per status. An administrator can add statuses in the project settings.
        </EmptyState>
      </div>
    );
  else
    body = (
      <KanbanBoard
        projectId={project.id}
        columns={columns}
        rows={rows}
        hasSwimlanes={hasSwimlanes}
        cells={cells}
        cellCounts={cellCounts}
        laneLimits={laneLimits}
        columnState={columnState}
        folded={folded}
        onToggleFold={toggle}
        onBulkAdd={setBulkStatus}
        canAdd={canAdd}
        canMove={canMove}
        ctx={ctx}
        filtering={isFiltering(filters)}
        onQuickAdd={onQuickAdd}
        onMove={onMove}
        maxListHeight={maxListHeight}
      />
    );

  const total = stories.data?.length ?? 0;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h2 className="text-base font-semibold text-slate-900">Kanban</h2>
        <KanbanFilters filters={filters} onChange={setFilters} members={project.members ?? []} tags={project.tags_colors ?? {}} />
        {stories.data && (
          <p className="ml-auto text-xs text-slate-500" aria-live="polite">
            {total} {total === 1 ? "story" : "stories"}
            {stories.isFetching ? " · updating…" : ""}
          </p>
        )}
      </div>
      {stories.data && total === 0 && !isFiltering(filters) && (
        <p className="mx-4 mt-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          No stories yet. {canAdd ? "Use “Add story” at the top of a column to create the first one." : ""}
        </p>
      )}
      {stories.data && isFiltering(filters) && [...cells.values()].every((list) => list.length === 0) && (
        <p role="status" className="mx-4 mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No story matches these filters.{" "}
          <button type="button" className="font-semibold underline" onClick={() => setFilters(() => emptyFilters)}>
            Clear filters
          </button>
        </p>
      )}
      {body}
      {bulkColumn && (
        <Suspense fallback={null}>
          <BulkAddDialog
            title={`Add stories to ${bulkColumn.name}`}
            noun={{ one: "story", many: "stories" }}
            textLabel="Story titles"
            choice={hasSwimlanes ? swimlaneChoice(rows) : undefined}
            onClose={() => setBulkStatus(null)}
            onSubmit={async (text, lane) => {
              const created = await bulkCreate.mutateAsync({
                project_id: project.id,
                bulk_stories: text,
                status_id: bulkColumn.id,
                ...(lane !== null && lane !== NO_LANE ? { swimlane_id: Number(lane) } : {}),
              });
              toast.success(`Added ${created.length} ${created.length === 1 ? "story" : "stories"} to ${bulkColumn.name}`);
              return created.length;
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

/**
 * The sprint taskboard: `/project/:slug/taskboard/:sprintSlug`. A row per story of the sprint plus
 * "Tasks without a story", a column per task status; drag-and-drop (mouse and keyboard) moves a task
 * with one request, optimistically. Requests to show it: the project (shared with the shell), the
 * sprint (its stories nested), the sprint's tasks; the burndown's stats when it is opened.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isApiError } from "../../api/http";
import { useMilestone } from "../../api/milestones";
import { useProjectBySlug } from "../../api/projects";
import { TaskMovedElsewhereError, useBulkCreateTasks, useCreateSprintTask, useSprintTasks, useTaskboardDrop } from "../../api/tasks";
import type { Id, Milestone, Project, ProjectMilestoneSummary, Task } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { taskboardDropRequest, type TaskboardCell } from "../../lib/taskboardOrder";
import { useLiveSearchParams } from "../../lib/useLiveSearchParams";
import { TaskboardFilters } from "./TaskboardFilters";
import { TaskboardGrid } from "./TaskboardGrid";
import {
  boardColumns,
  boardRows,
  filtersFromParams,
  filtersToParams,
  formatPoints,
  groupIntoCells,
  isFiltering,
  rowsWithMatches,
  shareCells,
  sprintChoices,
  sprintProgress,
  STORYLESS_LABEL,
  unfilteredIndex,
  type TaskFilters,
} from "./taskboardModel";
import { useFolding } from "./useFolding";

/** Opened on demand: their code (and the burndown's stats) load on first use. */
const SprintBurndown = lazy(() => import("./SprintBurndown"));
const BulkAddDialog = lazy(() => import("../../components/BulkAddDialog").then((m) => ({ default: m.BulkAddDialog })));

function BoardSkeleton({ label = "Loading the taskboard" }: { label?: string }) {
  return (
    <div className="flex flex-col gap-2 p-4" aria-busy="true" aria-label={label}>
      <span className="sr-only" role="status">
        {label}…
      </span>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="flex animate-pulse gap-2" aria-hidden="true">
          <div className="h-20 w-60 rounded bg-slate-100" />
          {[0, 1, 2, 3].map((j) => (
            <div key={j} className="h-20 w-56 rounded bg-slate-100" />
          ))}
        </div>
      ))}
    </div>
  );
}

export default function TaskboardPage() {
  const { slug = "", sprintSlug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (project.isPending) return <BoardSkeleton />;
  if (project.isError) {
    return (
      <div className="p-4">
        <ErrorMessage title="The project could not be loaded" error={project.error} onRetry={() => void project.refetch()} />
      </div>
    );
  }
  const summary = project.data.milestones.find((m) => m.slug === sprintSlug);
  if (!summary) return <SprintNotFound project={project.data} sprintSlug={sprintSlug} />;
  return <SprintBoard key={summary.id} project={project.data} summary={summary} />;
}

function SprintSelect({ project, current }: { project: Project; current: ProjectMilestoneSummary | null }) {
  const navigate = useNavigate();
  const { open, closed } = sprintChoices(project.milestones);
  return (
    <select
      aria-label="Sprint"
      value={current?.slug ?? ""}
      onChange={(e) => {
        if (e.target.value) navigate(`/project/${project.slug}/taskboard/${e.target.value}`);
      }}
      className="h-8 max-w-60 rounded-md border border-slate-300 bg-white px-2 text-sm font-semibold text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
    >
      {!current && <option value="">Choose a sprint…</option>}
      {open.length > 0 && (
        <optgroup label="Open sprints">
          {open.map((m) => (
            <option key={m.id} value={m.slug}>
              {m.name}
            </option>
          ))}
        </optgroup>
      )}
      {closed.length > 0 && (
        <optgroup label="Closed sprints">
          {closed.map((m) => (
            <option key={m.id} value={m.slug}>
              {m.name} (closed)
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}

function SprintNotFound({ project, sprintSlug }: { project: Project; sprintSlug: string }) {
  return (
    <div className="mx-auto w-full max-w-xl p-6">
      {project.milestones.length === 0 ? (
        <EmptyState
          title="This project has no sprints yet"
          action={
            project.is_backlog_activated ? (
              <Link to={`/project/${project.slug}/backlog`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
                Plan a sprint in the backlog
              </Link>
            ) : undefined
          }
        >
          The taskboard shows the tasks of one sprint. Create a sprint and put stories in it first.
        </EmptyState>
      ) : (
        <EmptyState title="Sprint not found" action={<SprintSelect project={project} current={null} />}>
          There is no sprint “{sprintSlug}” in {project.name}. It may have been renamed or deleted; pick another one.
        </EmptyState>
      )}
    </div>
  );
}

/**
 * The board fills the window below the header (its rows scroll inside it, so only the rows in view
 * are rendered); the header can grow (filters wrapping, the burndown opening).
 */
function useBoardHeight(header: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(() => (typeof window === "undefined" ? 600 : Math.max(320, window.innerHeight - 260)));
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    const measure = () => setHeight(Math.max(320, Math.floor(window.innerHeight - el.getBoundingClientRect().bottom)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, [header]);
  return height;
}

function formatDate(day: string): string {
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
}

function SprintBoard({ project, summary }: { project: Project; summary: ProjectMilestoneSummary }) {
  const sprint = useMilestone(summary.id);
  const tasks = useSprintTasks(project.id, summary.id);

  if (sprint.isError || tasks.isError) {
    const error = sprint.error ?? tasks.error;
    return (
      <div className="p-4">
        <ErrorMessage
          title={isApiError(error) && error.status === 404 ? "This sprint no longer exists" : "The taskboard could not be loaded"}
          error={error}
          onRetry={() => {
            void sprint.refetch();
            void tasks.refetch();
          }}
        />
      </div>
    );
  }
  if (sprint.isPending || tasks.isPending) return <BoardSkeleton />;
  return <Taskboard project={project} summary={summary} sprint={sprint.data} tasks={tasks.data} updating={sprint.isFetching || tasks.isFetching} />;
}

function Taskboard({ project, summary, sprint, tasks, updating }: { project: Project; summary: ProjectMilestoneSummary; sprint: Milestone; tasks: Task[]; updating: boolean }) {
  const toast = useToast();
  // Each change applies to the filters in the address now, not to the ones last rendered (see useLiveSearchParams).
  const [params, updateParams] = useLiveSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback(
    (update: (current: TaskFilters) => TaskFilters) => updateParams((current) => filtersToParams(update(filtersFromParams(current)), current)),
    [updateParams],
  );
  const filtering = isFiltering(filters);

  const columns = useMemo(() => boardColumns(project.task_statuses), [project.task_statuses]);
  const rows = useMemo(() => boardRows(sprint, tasks), [sprint, tasks]);
  const statusById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);

  const grouped = useMemo(() => groupIntoCells(tasks, filters), [tasks, filters]);
  // Cells whose cards did not change keep their arrays: a move re-renders the cells it touched.
  const [previous, setPrevious] = useState<{ all: Map<string, Task[]>; shown: Map<string, Task[]> } | null>(null);
  const cells = useMemo(
    () => {
      const all = shareCells(previous?.all ?? null, grouped.all);
      const shown = grouped.shown === grouped.all ? all : shareCells(previous?.shown ?? null, grouped.shown);
      return { all, shown };
    },
    // `previous` only lends unchanged arrays; it must not trigger a regroup itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [grouped],
  );
  if (cells !== previous) setPrevious(cells);

  const matchingRows = useMemo(() => (filtering ? rowsWithMatches(cells.shown, rows, columns) : null), [filtering, cells.shown, rows, columns]);
  const folding = useFolding(project.id, sprint.id);

  const members = useMemo(() => new Map((project.members ?? []).map((m) => [m.id, m])), [project.members]);
  const permissions = project.my_permissions ?? [];
  const canAdd = permissions.includes("add_task");
  const canMove = permissions.includes("modify_task");
  const ctx = useMemo(() => ({ slug: project.slug, members, canMove }), [project.slug, members, canMove]);

  const tags = useMemo(() => {
    const map = new Map<string, string | null>();
    for (const t of tasks) for (const [name, color] of t.tags) if (!map.has(name)) map.set(name, color ?? project.tags_colors?.[name] ?? null);
    return map;
  }, [tasks, project.tags_colors]);

  // ------------------------------------------------------------ moves
  const drop = useTaskboardDrop(project.id, sprint.id);
  const onDrop = useCallback(
    (task: Task, to: TaskboardCell, visibleAfterDrop: readonly Id[]) => {
      const all = tasks;
      const cellIds = all.filter((t) => t.user_story === to.storyId && t.status === to.statusId).sort((a, b) => a.taskboard_order - b.taskboard_order || a.id - b.id).map((t) => t.id);
      const index = unfilteredIndex(cellIds, visibleAfterDrop, task.id);
      const request = taskboardDropRequest({ projectId: project.id, milestoneId: sprint.id, taskId: task.id, to, index, tasks: all });
      if (!request) return;
      const status = statusById.get(to.statusId);
      drop.mutate(
        { request, task, statusInfo: status ? { name: status.name, color: status.color, is_closed: status.is_closed } : undefined },
        {
          onError: (error) => {
            if (error instanceof TaskMovedElsewhereError) {
              const now = error.current;
              const where = statusById.get(now.status)?.name ?? "another status";
              toast.error(`#${task.ref} ${task.subject} was moved by someone else meanwhile (now in ${where}${now.user_story !== task.user_story ? ", another story" : ""}). The board shows where it is now.`);
            } else {
              toast.error(`Could not move #${task.ref} ${task.subject}: ${errorText(error)} The task is back where it was.`);
            }
          },
        },
      );
    },
    // `drop.mutate` is stable across renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [project.id, sprint.id, statusById, tasks, toast],
  );

  // ------------------------------------------------------------ adding
  const create = useCreateSprintTask(project.id, sprint.id);
  const onQuickAdd = useCallback(
    async (cell: TaskboardCell, subject: string) => {
      const task = await create.mutateAsync({ project: project.id, subject, status: cell.statusId, user_story: cell.storyId, milestone: sprint.id });
      toast.success(`Created #${task.ref} ${task.subject}`);
    },
    // `create.mutateAsync` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [project.id, sprint.id, toast],
  );
  const bulkCreate = useBulkCreateTasks();
  const [bulkRow, setBulkRow] = useState<{ id: Id | null } | null>(null);
  const bulkLabel = bulkRow ? (rows.find((r) => r.id === bulkRow.id)?.label ?? STORYLESS_LABEL) : "";
  const onBulkAdd = useCallback((rowId: Id | null) => setBulkRow({ id: rowId }), []);

  // ------------------------------------------------------------ header
  const progress = useMemo(() => sprintProgress(sprint, tasks), [sprint, tasks]);
  // Opened on demand each visit: its stats would be a fifth request to show the board.
  const [burndownOpen, setBurndownOpen] = useState(false);
  const shownCount = filtering ? [...cells.shown.values()].reduce((n, l) => n + l.length, 0) : tasks.length;
  const headerRef = useRef<HTMLDivElement>(null);
  const boardHeight = useBoardHeight(headerRef);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div ref={headerRef} className="flex flex-col gap-2 border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <h2 className="sr-only">Taskboard of {sprint.name}</h2>
          <SprintSelect project={project} current={summary} />
          <p className="text-xs text-slate-500">
            {formatDate(sprint.estimated_start)} – {formatDate(sprint.estimated_finish)}
            {sprint.closed && <span className="ml-2 rounded bg-slate-200 px-1.5 py-px font-semibold text-slate-700">Closed</span>}
          </p>
          <div className="flex min-w-56 items-center gap-2" data-testid="sprint-progress">
            <div
              role="progressbar"
              aria-label="Sprint progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress.percent}
              aria-valuetext={`${formatPoints(progress.closedPoints)} of ${formatPoints(progress.totalPoints)} points closed, ${progress.closedTasks} of ${progress.openTasks + progress.closedTasks} tasks closed`}
              className="h-2 w-28 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full rounded-full bg-emerald-500" style={{ width: `${progress.percent}%` }} />
            </div>
            <p className="text-xs text-slate-600">
              <span className="font-semibold text-slate-800">
                {formatPoints(progress.closedPoints)} / {formatPoints(progress.totalPoints)}
              </span>{" "}
              points closed · <span data-testid="open-tasks">{progress.openTasks}</span> open,{" "}
              <span data-testid="closed-tasks">{progress.closedTasks}</span> closed tasks
            </p>
          </div>
          <button
            type="button"
            aria-expanded={burndownOpen}
            aria-controls="sprint-burndown"
            onClick={() => setBurndownOpen((open) => !open)}
            className="h-8 rounded-md border border-slate-300 px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {burndownOpen ? "Hide burndown" : "Show burndown"}
          </button>
          <p className="ml-auto text-xs text-slate-500" aria-live="polite">
            {filtering ? `${shownCount} of ${tasks.length} tasks` : `${tasks.length} ${tasks.length === 1 ? "task" : "tasks"}`}
            {updating ? " · updating…" : ""}
          </p>
        </div>
        <TaskboardFilters filters={filters} onChange={setFilters} members={project.members ?? []} tags={tags} />
        {burndownOpen && (
          <div id="sprint-burndown" className="rounded-lg border border-slate-200 bg-white p-3">
            <Suspense fallback={<p className="text-sm text-slate-500">Loading the burndown…</p>}>
              <SprintBurndown milestoneId={sprint.id} sprintName={sprint.name} />
            </Suspense>
          </div>
        )}
      </div>
      {filtering && shownCount === 0 && (
        <p role="status" className="mx-4 mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No task matches these filters.{" "}
          <button type="button" className="font-semibold underline" onClick={() => setFilters(() => ({ q: "", assignees: [], tags: [] }))}>
            Clear filters
          </button>
        </p>
      )}
      {columns.length === 0 ? (
        <div className="p-4">
          <EmptyState title="This project has no task statuses">The taskboard has a column per task status. An administrator can add statuses in the project settings.</EmptyState>
        </div>
      ) : (
        <TaskboardGrid
          columns={columns}
          rows={rows}
          cells={cells.shown}
          allCells={cells.all}
          foldedColumns={folding.columns}
          foldedRows={folding.rows}
          matchingRows={matchingRows}
          onToggleColumn={folding.toggleColumn}
          onToggleRow={folding.toggleRow}
          onBulkAdd={onBulkAdd}
          onQuickAdd={onQuickAdd}
          onDrop={onDrop}
          ctx={ctx}
          canAdd={canAdd}
          height={boardHeight}
        />
      )}
      {sprint.user_stories.length === 0 && tasks.length === 0 && (
        <p className="mx-4 my-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          This sprint has no stories or tasks yet. {canAdd ? "Add a task in the row “Tasks without a story”, or move stories into the sprint from the backlog." : ""}
        </p>
      )}
      {bulkRow && (
        <Suspense fallback={null}>
          <BulkAddDialog
            title={`Add tasks to ${bulkLabel}`}
            noun={{ one: "task", many: "tasks" }}
            textLabel="Task titles"
            choice={{
              label: "Status",
              options: columns.map((c) => ({ value: String(c.id), label: c.name })),
              initial: String(project.default_task_status ?? columns[0]?.id ?? ""),
            }}
            onClose={() => setBulkRow(null)}
            onSubmit={async (text, statusId) => {
              const created = await bulkCreate.mutateAsync({
                project_id: project.id,
                milestone_id: sprint.id,
                bulk_tasks: text,
                status_id: Number(statusId),
                ...(bulkRow.id !== null ? { us_id: bulkRow.id } : {}),
              });
              toast.success(`Added ${created.length} ${created.length === 1 ? "task" : "tasks"} to ${bulkLabel}`);
              return created.length;
            }}
          />
        </Suspense>
      )}
    </div>
  );
}


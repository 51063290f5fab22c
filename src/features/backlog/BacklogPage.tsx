/**
 * `/project/:slug/backlog`: the backlog (stories in no sprint, in backlog order) beside the sprints
 * panel, the project's figures above. Stories move by drag and drop (one or a selection) or from the
 * keyboard; every move is one `bulk_update_backlog_order` request, applied at once and rolled back
 * with the server's message when refused.
 *
 * Requests to show the page: the project (shared with the shell), the open sprints, the backlog's
 * first page; then the rest of the backlog streams in and the project figures follow.
 */
import { lazy, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { isApiError } from "../../api/http";
import { closedSprintsFilters, openSprintsFilters, useCreateMilestone, useDeleteMilestone, useMilestones, usePatchMilestone } from "../../api/milestones";
import { useProjectBySlug, useProjectStats } from "../../api/projects";
import type { BulkUpdateBacklogOrderBody, EpicSummary, Id, Milestone, Project, ProjectMember, UserStory } from "../../api/types";
import {
  storyFromSprint,
  useBacklogStories,
  useBulkCreateUserStories,
  useBulkUpdateBacklogOrder,
  useCreateUserStory,
} from "../../api/userstories";
import { ConflictPrompt } from "../../components/ConflictPrompt";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { canDo } from "../../lib/projectAccess";
import { appendRequest, backlogDropRequest, rangeBetween, selectionInOrder, sortForContainer } from "../../lib/backlogOrder";
import { AddStories } from "./AddStories";
import { BacklogDnd, INSTRUCTIONS, type DndContainer } from "./BacklogDnd";
import { BacklogFilters } from "./BacklogFilters";
import { BacklogList } from "./BacklogList";
import {
  currentSprintOf,
  filtersFromParams,
  filtersToParams,
  formatPoints,
  isFiltering,
  matchesFilters,
  NO_FILTERS,
  pointsFor,
  pointValues,
  sumPoints,
  todayString,
  velocityCut,
  velocityOf,
  type BacklogFilters as Filters,
  type RoleChoice,
} from "./backlogModel";
import { BACKLOG, sprintKey } from "./keyboard";
import { ProjectSummary } from "./ProjectSummary";
import { SprintsPanel } from "./SprintsPanel";
import type { RowContext } from "./StoryRow";
import type { SprintForm } from "./SprintDialog";
import { useInlineSave } from "./useInlineSave";

/** Opened rarely: its code loads on first use. */
const SprintDialog = lazy(() => import("./SprintDialog"));

function BacklogSkeleton() {
  return (
    <div className="flex gap-4 p-4" aria-busy="true" aria-label="Loading the backlog">
      <span className="sr-only" role="status">
        Loading the backlog…
      </span>
      <div className="flex-1 space-y-2" aria-hidden="true">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-9 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
      <div className="hidden w-80 space-y-3 md:block" aria-hidden="true">
        {[0, 1].map((i) => (
          <div key={i} className="h-32 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
    </div>
  );
}

export default function BacklogPage() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (project.isPending) return <BacklogSkeleton />;
  if (project.isError) {
    return (
      <div className="p-4">
        <ErrorMessage title="The project could not be loaded" error={project.error} onRetry={() => void project.refetch()} />
      </div>
    );
  }
  if (!project.data.is_backlog_activated) {
    return (
      <div className="p-4">
        <EmptyState title="This project has no backlog">The Scrum backlog is turned off in this project's settings.</EmptyState>
      </div>
    );
  }
  return <Backlog key={project.data.id} project={project.data} />;
}

/** The page fills the window below the app's bars; the backlog and the sprints scroll on their own. */
function useFillHeight() {
  const ref = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const top = (ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setHeight(Math.max(420, window.innerHeight - top));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  return { ref, height };
}

const membersById = (members: readonly ProjectMember[] | undefined) => new Map((members ?? []).map((m) => [m.id, m]));

/** The next sprint's suggested name and dates: after the latest one, two weeks long. */
function nextSprint(project: Project, open: readonly Milestone[], today: string): SprintForm {
  const names = new Set(project.milestones.map((m) => m.name));
  let n = project.milestones.length + 1;
  while (names.has(`Sprint ${n}`)) n += 1;
  const last = [...open].map((s) => s.estimated_finish).sort().at(-1);
  const start = new Date(`${last && last >= today ? last : today}T00:00:00Z`);
  if (last && last >= today) start.setUTCDate(start.getUTCDate() + 1);
  const finish = new Date(start);
  finish.setUTCDate(finish.getUTCDate() + 13);
  return { name: `Sprint ${n}`, estimated_start: start.toISOString().slice(0, 10), estimated_finish: finish.toISOString().slice(0, 10) };
}

function describeStories(stories: readonly UserStory[]): string {
  if (stories.length === 1) return `#${stories[0]?.ref} ${stories[0]?.subject}`;
  return `${stories.length} stories`;
}

function Backlog({ project }: { project: Project }) {
  const toast = useToast();
  const today = todayString();
  const { ref: fillRef, height } = useFillHeight();

  // ---------------------------------------------------------------- URL state
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback((next: Filters) => setParams((prev) => filtersToParams(next, prev), { replace: true }), [setParams]);
  const roles = useMemo(() => [...(project.roles ?? [])].filter((r) => r.computable).sort((a, b) => a.order - b.order), [project.roles]);
  const roleParam = Number(params.get("role"));
  const role: RoleChoice = roles.some((r) => r.id === roleParam) ? roleParam : "all";
  const setRole = (next: RoleChoice) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next === "all") p.delete("role");
        else p.set("role", String(next));
        return p;
      },
      { replace: true },
    );

  // ---------------------------------------------------------------- data
  const backlog = useBacklogStories(project.id);
  const open = useMilestones(project.id, openSprintsFilters);
  const [showClosed, setShowClosed] = useState(false);
  const closed = useMilestones(project.id, closedSprintsFilters, { enabled: showClosed });
  // the figures wait until the backlog is on screen: they are not needed for its first rows
  const stats = useProjectStats(project.id, { enabled: backlog.data?.complete === true });

  const valueOf = useMemo(() => pointValues(project.points ?? []), [project.points]);
  const scale = useMemo(() => [...(project.points ?? [])].sort((a, b) => a.order - b.order), [project.points]);
  const statuses = useMemo(() => [...(project.us_statuses ?? [])].sort((a, b) => a.order - b.order), [project.us_statuses]);
  const members = useMemo(() => membersById(project.members), [project.members]);
  // a blocked project is read-only whatever the role says (Taiga refuses its writes with 451)
  const canMove = canDo(project, "modify_us");
  const canAdd = canDo(project, "add_us");
  const canAddSprint = canDo(project, "add_milestone");
  const canDeleteSprint = canDo(project, "delete_milestone");
  const canEditSprint = canDo(project, "modify_milestone") || canDeleteSprint;

  const backlogStories = backlog.data?.stories;
  const sorted = useMemo(() => sortForContainer(backlogStories ?? [], null), [backlogStories]);
  const shown = useMemo(() => (isFiltering(filters) ? sorted.filter((s) => matchesFilters(s, filters)) : sorted), [sorted, filters]);
  const openSprints = open.data;
  const closedSprints = showClosed ? closed.data : undefined;
  const allSprints = useMemo(() => [...(openSprints ?? []), ...(closedSprints ?? [])], [openSprints, closedSprints]);

  const storiesById = useMemo(() => {
    const map = new Map<Id, UserStory>();
    for (const s of backlogStories ?? []) map.set(s.id, s);
    for (const sprint of allSprints) for (const s of sprint.user_stories) if (!map.has(s.id)) map.set(s.id, storyFromSprint(s));
    return map;
  }, [backlogStories, allSprints]);

  const containers = useMemo<DndContainer[]>(
    () => [
      { key: BACKLOG, label: "the backlog", ids: shown.map((s) => s.id) },
      ...allSprints.map((sprint) => ({ key: sprintKey(sprint.id), label: sprint.name, ids: sortForContainer(sprint.user_stories, sprint.id).map((s) => s.id) })),
    ],
    [shown, allSprints],
  );
  const current = useMemo(() => currentSprintOf(openSprints ?? [], today), [openSprints, today]);
  const epics = useMemo(() => {
    const map = new Map<Id, EpicSummary>();
    for (const s of backlogStories ?? []) for (const e of s.epics ?? []) map.set(e.id, e);
    return [...map.values()].sort((a, b) => a.ref - b.ref);
  }, [backlogStories]);

  // ---------------------------------------------------------------- selection
  const [picked, setPicked] = useState<ReadonlySet<Id>>(new Set());
  const anchorRef = useRef<Id | null>(null);
  const visible = useMemo(() => new Set(containers.flatMap((c) => c.ids)), [containers]);
  const selected = useMemo(() => {
    const inView = [...picked].filter((id) => visible.has(id));
    return inView.length === picked.size ? picked : new Set(inView);
  }, [picked, visible]);
  const containersRef = useRef(containers);
  useLayoutEffect(() => {
    containersRef.current = containers;
  }, [containers]);
  const onSelect = useCallback((id: Id, how: "toggle" | "range") => {
    // read now: React may run the updater later, after the anchor below has moved on
    const anchor = anchorRef.current;
    const list = containersRef.current.find((c) => c.ids.includes(id))?.ids ?? [];
    setPicked((prev) => {
      const next = new Set(prev);
      if (how === "range" && anchor !== null && list.includes(anchor)) {
        for (const x of rangeBetween(list, anchor, id)) next.add(x);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    anchorRef.current = id;
  }, []);
  const clearSelection = () => {
    setPicked(new Set());
    anchorRef.current = null;
  };

  // ---------------------------------------------------------------- moves
  const move = useBulkUpdateBacklogOrder();
  const { mutate: mutateMove } = move;
  const onMove = useCallback(
    (body: BulkUpdateBacklogOrderBody, moved: UserStory[], toLabel: string) => {
      mutateMove(
        { body },
        {
          onSuccess: () => {
            if (moved.length > 1) setPicked(new Set());
          },
          onError: (error) => {
            const reason = isApiError(error) ? error.message : errorText(error);
            const what = describeStories(moved);
            toast.error(`Could not move ${what} to ${toLabel}: ${reason} ${moved.length === 1 ? "It is" : "They are"} back where ${moved.length === 1 ? "it was" : "they were"}.`);
          },
        },
      );
    },
    [mutateMove, toast],
  );
  const selectedInOrder = selectionInOrder(
    selected,
    containers.map((c) => c.ids),
  );
  const moveSelection = (to: Milestone | null, position: "top" | "end") => {
    const moved = selectedInOrder.map((id) => storiesById.get(id)).filter((s): s is UserStory => !!s);
    if (!moved.length) return;
    const targetIds = to === null ? sorted.map((s) => s.id) : sortForContainer(to.user_stories, to.id).map((s) => s.id);
    const body =
      position === "top"
        ? backlogDropRequest({ projectId: project.id, moved: selectedInOrder, to: to?.id ?? null, targetIds, index: 0 })
        : appendRequest(project.id, selectedInOrder, to?.id ?? null, targetIds);
    if (!body) {
      toast.info(`${describeStories(moved)} ${moved.length === 1 ? "is" : "are"} already there.`);
      return;
    }
    onMove(body, moved, to ? to.name : "the top of the backlog");
  };

  // ---------------------------------------------------------------- inline edits (OCC)
  const inline = useInlineSave();
  const { save } = inline;
  const onStatus = useCallback((story: UserStory, statusId: Id) => void save(story, { status: statusId }), [save]);
  const onPoints = useCallback((story: UserStory, roleId: Id, pointsId: Id) => void save(story, { points: { [String(roleId)]: pointsId } }), [save]);

  const ctx: RowContext = useMemo(
    () => ({ slug: project.slug, members, statuses, scale, valueOf, roles, role, canMove, canEdit: canMove, onSelect, onStatus, onPoints }),
    [project.slug, members, statuses, scale, valueOf, roles, role, canMove, onSelect, onStatus, onPoints],
  );

  // ---------------------------------------------------------------- adding stories
  const create = useCreateUserStory();
  const bulkCreate = useBulkCreateUserStories();
  const onAdd = async (subject: string) => {
    const story = await create.mutateAsync({ project: project.id, subject });
    toast.success(`Added #${story.ref} ${story.subject} at the end of the backlog`);
  };
  const onBulkAdd = async (text: string) => {
    const created = await bulkCreate.mutateAsync({ project_id: project.id, bulk_stories: text });
    toast.success(`Added ${created.length} ${created.length === 1 ? "story" : "stories"} at the end of the backlog`);
    return created.length;
  };

  // ---------------------------------------------------------------- sprints
  const [dialog, setDialog] = useState<{ sprint: Milestone | null } | null>(null);
  const createSprint = useCreateMilestone();
  const patchSprint = usePatchMilestone();
  const deleteSprint = useDeleteMilestone();
  const onSaveSprint = async (form: SprintForm) => {
    if (dialog?.sprint) {
      await patchSprint.mutateAsync({ id: dialog.sprint.id, changes: form });
      toast.success(`Saved ${form.name}`);
    } else {
      await createSprint.mutateAsync({ project: project.id, ...form });
      toast.success(`Created ${form.name}`);
    }
  };
  const onDeleteSprint = async () => {
    const sprint = dialog?.sprint;
    if (!sprint) return;
    await deleteSprint.mutateAsync({ id: sprint.id, project: project.id });
    toast.success(`Deleted ${sprint.name}; its stories are back in the backlog`);
  };

  // ---------------------------------------------------------------- totals and velocity
  const shownPoints = useMemo(() => sumPoints(shown, (s) => pointsFor(s, role, valueOf)), [shown, role, valueOf]);
  const velocity = useMemo(
    () => (stats.data ? velocityOf(stats.data, project.milestones.length, openSprints ?? [], today) : null),
    [stats.data, project.milestones.length, openSprints, today],
  );
  const cutId = useMemo(() => velocityCut(sorted, (s) => s.total_points, velocity), [sorted, velocity]);
  const velocityLine = cutId !== null && velocity !== null ? { id: cutId, label: `Velocity ${formatPoints(Math.round(velocity * 10) / 10)} pt: below here does not fit the next sprint` } : null;
  const selectedPoints = sumPoints(selectedInOrder, (id) => {
    const s = storiesById.get(id);
    return s ? pointsFor(s, role, valueOf) : null;
  });
  const roleName = role === "all" ? "" : ` (${roles.find((r) => r.id === role)?.name})`;

  const total = backlog.data?.total ?? 0;
  const loadingMore = backlog.data && !backlog.data.complete;

  const emptyBacklog =
    backlog.isPending ? (
      <BacklogSkeleton />
    ) : isFiltering(filters) ? (
      <p role="status" className="px-4 py-6 text-center text-sm text-slate-500">
        No story matches these filters.{" "}
        <button type="button" className="font-semibold text-indigo-700 underline" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </p>
    ) : (
      <p className="px-4 py-6 text-center text-sm text-slate-500">The backlog is empty. {canAdd ? "Add a story above, or drag stories back from a sprint." : ""}</p>
    );

  return (
    <div ref={fillRef} className="flex min-h-0 flex-col" style={height ? { height } : undefined}>
      <ProjectSummary
        project={project}
        stats={stats.data}
        statsError={stats.isError}
        sprintCount={project.milestones.length}
        velocity={velocity}
      />
      <p className="sr-only" id="backlog-dnd-help">
        {INSTRUCTIONS}
      </p>
      <BacklogDnd projectId={project.id} enabled={canMove} containers={containers} storiesById={storiesById} selected={selected} ctx={ctx} onMove={onMove}>
        {({ items, activeId }) => (
          <div className="grid min-h-0 flex-1 grid-cols-1 md:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)]">
            <section aria-label="Backlog" className="flex min-h-0 flex-col bg-white" data-testid="backlog">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-3 py-2">
                <h2 className="text-base font-semibold text-slate-900">Backlog</h2>
                <p className="text-xs text-slate-500" aria-live="polite" data-testid="backlog-totals">
                  {backlog.data ? (
                    <>
                      {isFiltering(filters) ? `${shown.length} of ${total}` : total} {total === 1 ? "story" : "stories"} · {formatPoints(shownPoints)} points{roleName}
                      {loadingMore ? ` · loading ${total - (backlog.data?.stories.length ?? 0)} more…` : ""}
                    </>
                  ) : (
                    "Loading…"
                  )}
                </p>
                <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-600">
                  <span aria-hidden="true">Points</span>
                  <select
                    aria-label="Points per role"
                    value={role === "all" ? "all" : String(role)}
                    onChange={(e) => setRole(e.target.value === "all" ? "all" : Number(e.target.value))}
                    className="h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs"
                  >
                    <option value="all">All roles</option>
                    {roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <div className="border-b border-slate-200 px-3 py-2">
                <BacklogFilters filters={filters} onChange={setFilters} statuses={statuses} members={project.members ?? []} tags={project.tags_colors ?? {}} epics={epics} />
              </div>
              {selected.size > 0 && (
                <div role="toolbar" aria-label="Selected stories" className="flex flex-wrap items-center gap-2 border-b border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm">
                  <span className="font-medium text-indigo-900" aria-live="polite">
                    {selected.size} selected · {formatPoints(selectedPoints)} points
                  </span>
                  {canMove && current && (
                    <button type="button" onClick={() => moveSelection(current, "end")} className="rounded-md bg-white px-2 py-0.5 text-xs font-medium text-indigo-800 shadow-sm hover:bg-indigo-100">
                      Move to current sprint
                    </button>
                  )}
                  {canMove && (openSprints?.length ?? 0) > 0 && (
                    <select
                      aria-label="Move to sprint…"
                      value=""
                      onChange={(e) => {
                        const target = openSprints?.find((s) => s.id === Number(e.target.value));
                        if (target) moveSelection(target, "end");
                      }}
                      className="h-6 rounded-md border border-indigo-200 bg-white px-1 text-xs text-indigo-800"
                    >
                      <option value="">Move to sprint…</option>
                      {openSprints?.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  )}
                  {canMove && (
                    <button type="button" onClick={() => moveSelection(null, "top")} className="rounded-md bg-white px-2 py-0.5 text-xs font-medium text-indigo-800 shadow-sm hover:bg-indigo-100">
                      Move to top
                    </button>
                  )}
                  <button type="button" onClick={clearSelection} className="ml-auto rounded-md px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-white">
                    Clear selection
                  </button>
                </div>
              )}
              {canAdd && <AddStories onAdd={onAdd} onBulkAdd={onBulkAdd} />}
              {backlog.isError && !backlog.data ? (
                <div className="p-4">
                  <ErrorMessage title="The backlog could not be loaded" error={backlog.error} onRetry={() => void backlog.refetch()} />
                </div>
              ) : (
                <>
                  {backlog.isError && <p className="px-3 py-1 text-xs text-red-700">Not every story could be loaded: {errorText(backlog.error)}</p>}
                  <BacklogList
                    ids={items[BACKLOG] ?? []}
                    storiesById={storiesById}
                    ctx={ctx}
                    selected={selected}
                    activeId={activeId}
                    velocity={velocityLine}
                    empty={emptyBacklog}
                  />
                </>
              )}
            </section>
            <SprintsPanel
              open={openSprints}
              openError={open.error}
              onRetryOpen={() => void open.refetch()}
              closed={closedSprints}
              closedLoading={showClosed && closed.isPending}
              closedCount={project.total_closed_milestones ?? 0}
              showClosed={showClosed}
              onToggleClosed={() => setShowClosed((v) => !v)}
              items={items}
              storiesById={storiesById}
              ctx={ctx}
              selected={selected}
              currentId={current?.id ?? null}
              canAdd={canAddSprint}
              canEdit={canEditSprint}
              onNew={() => setDialog({ sprint: null })}
              onEdit={(sprint) => setDialog({ sprint })}
            />
          </div>
        )}
      </BacklogDnd>
      {dialog && (
        <Suspense fallback={null}>
          <SprintDialog
            sprint={dialog.sprint}
            initial={
              dialog.sprint
                ? { name: dialog.sprint.name, estimated_start: dialog.sprint.estimated_start, estimated_finish: dialog.sprint.estimated_finish }
                : nextSprint(project, openSprints ?? [], today)
            }
            onClose={() => setDialog(null)}
            onSave={onSaveSprint}
            onDelete={dialog.sprint && canDeleteSprint ? onDeleteSprint : undefined}
          />
        </Suspense>
      )}
      {inline.pending && (
        <ConflictPrompt
          open
          noun="story"
          conflicts={inline.pending.conflicts}
          fieldLabel={(f) => (f === "status" ? "Status" : f === "points" ? "Points" : f)}
          formatValue={(f, v) => {
            if (f === "status") return statuses.find((s) => s.id === v)?.name ?? String(v);
            if (f === "points" && v && typeof v === "object")
              return Object.entries(v as Record<string, Id>)
                .map(([r, p]) => `${roles.find((x) => String(x.id) === r)?.name ?? r}: ${scale.find((x) => x.id === p)?.name ?? p}`)
                .join(", ");
            return String(v);
          }}
          busy={inline.busy}
          onKeepMine={() => void inline.keepMine()}
          onTakeTheirs={inline.takeTheirs}
          onEdit={inline.takeTheirs}
          onClose={inline.takeTheirs}
        />
      )}
    </div>
  );
}

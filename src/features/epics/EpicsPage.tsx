/**
 * Route module for /project/:slug/epics: the project's epics in their order, each with its
 * colour, ref and subject, status, assignee and progress (closed of all related stories); expand
 * one to see, link, unlink and reorder its stories; create an epic.
 */
import { useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useCreateEpic, useEpics } from "../../api/epics";
import { useProjectBySlug } from "../../api/projects";
import type { Epic, Id, Project } from "../../api/types";
import { useUserStories } from "../../api/userstories";
import { Avatar } from "../../components/Avatar";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { PageSpinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { EpicStories } from "./EpicStories";

const DEFAULT_COLORS = ["#f4b400", "#2196f3", "#e91e63", "#4caf50", "#9c27b0", "#ff5722", "#00bcd4", "#795548"];

const primary = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
const input = "rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

/** Closed related stories per epic, counted from one list of the closed stories of these epics. */
function useClosedCounts(project: Project, epicIds: Id[]) {
  const stories = useUserStories(project.id, { epic: epicIds.join(","), is_closed: true }, { enabled: epicIds.length > 0 });
  return useMemo(() => {
    if (!stories.data) return null;
    const counts = new Map<Id, number>();
    for (const story of stories.data) for (const e of story.epics ?? []) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    return counts;
  }, [stories.data]);
}

function Progress({ epic, closed }: { epic: Epic; closed: number | undefined }) {
  const total = epic.user_stories_counts?.total ?? 0;
  if (total === 0) return <span className="text-xs text-slate-400">No stories</span>;
  // Without the closed count yet, Taiga's own progress (closed stories plus open stories' closed-task share).
  const done = closed ?? epic.user_stories_counts.progress ?? 0;
  const percent = Math.round((Math.min(done, total) / total) * 100);
  return (
    <span className="flex items-center gap-2" title={`${percent}% done`}>
      <span className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={Math.min(done, total)} aria-label={`Progress of ${epic.subject}`}>
        <span className="block h-full rounded-full bg-emerald-500" style={{ width: `${percent}%` }} />
      </span>
      <span className="whitespace-nowrap text-xs text-slate-600" data-testid="epic-progress">
        {closed !== undefined ? `${closed}/${total} closed` : `${total} ${total === 1 ? "story" : "stories"}`}
      </span>
    </span>
  );
}

function EpicRow({ epic, project, closed, open, onToggle }: { epic: Epic; project: Project; closed: number | undefined; open: boolean; onToggle: () => void }) {
  const status = epic.status_extra_info;
  const panelId = `epic-${epic.id}-stories`;
  return (
    <li className="rounded-lg border border-slate-200 bg-white" data-epic={epic.ref} style={{ borderLeft: `6px solid ${epic.color || "#94a3b8"}` }}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          aria-label={`${open ? "Hide" : "Show"} the stories of ${epic.subject}`}
          onClick={onToggle}
          className="rounded px-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden="true" className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>
            ▶
          </span>
        </button>
        <Link to={`/project/${project.slug}/epic/${epic.ref}`} className={`min-w-0 flex-1 truncate text-sm font-medium hover:text-indigo-700 ${epic.is_closed ? "text-slate-400" : "text-slate-900"}`}>
          <span className="text-slate-500">#{epic.ref}</span> {epic.subject}
        </Link>
        {epic.is_blocked && <span className="rounded bg-red-100 px-1.5 py-px text-xs font-medium text-red-800">Blocked</span>}
        {status && (
          <span className="rounded px-1.5 py-px text-xs font-medium" style={{ backgroundColor: `${status.color}26`, color: "#1e293b" }}>
            {status.name}
          </span>
        )}
        <span className="flex w-32 items-center gap-1 truncate text-xs text-slate-600">
          {epic.assigned_to_extra_info ? (
            <>
              <Avatar user={epic.assigned_to_extra_info} size="sm" />
              <span className="truncate">{epic.assigned_to_extra_info.full_name_display}</span>
            </>
          ) : (
            <span className="italic text-slate-400">Unassigned</span>
          )}
        </span>
        <Progress epic={epic} closed={closed} />
      </div>
      {open && (
        <div id={panelId} className="border-t border-slate-100 px-3 py-2 pl-10">
          <EpicStories epic={epic} project={project} />
        </div>
      )}
    </li>
  );
}

function CreateEpicDialog({ project, open, onClose, count }: { project: Project; open: boolean; onClose: () => void; count: number }) {
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [color, setColor] = useState(DEFAULT_COLORS[count % DEFAULT_COLORS.length]!);
  const create = useCreateEpic();
  const toast = useToast();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = subject.trim();
    if (!s) return;
    create.mutate(
      { project: project.id, subject: s, description, color },
      {
        onSuccess: (epic) => {
          toast.success(`Epic #${epic.ref} created.`);
          setSubject("");
          setDescription("");
          onClose();
        },
        // The dialog stays open with the user's text.
        onError: (error) => toast.error(`Could not create the epic: ${errorText(error)}`),
      },
    );
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New epic"
      footer={
        <>
          <button type="button" className={secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="create-epic" className={primary} disabled={!subject.trim() || create.isPending}>
            {create.isPending ? "Creating…" : "Create epic"}
          </button>
        </>
      }
    >
      <form id="create-epic" onSubmit={submit} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Subject
          <input autoFocus required maxLength={500} value={subject} onChange={(e) => setSubject(e.target.value)} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Description
          <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} className={input} />
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Colour
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} className="h-7 w-10 cursor-pointer rounded border border-slate-300" />
        </label>
      </form>
    </Dialog>
  );
}

export default function EpicsPage() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (!project.data) return <PageSpinner label="Loading project…" />;
  if (!project.data.is_epics_activated) {
    return (
      <div className="mx-auto w-full max-w-xl px-6 py-16">
        <EmptyState title="Epics are turned off">A project administrator can turn the epics module on in the project's settings.</EmptyState>
      </div>
    );
  }
  return <EpicsList project={project.data} />;
}

function EpicsList({ project }: { project: Project }) {
  const epics = useEpics(project.id);
  const [expanded, setExpanded] = useState<ReadonlySet<Id>>(new Set());
  const [creating, setCreating] = useState(false);
  const list = useMemo(() => [...(epics.data ?? [])].sort((a, b) => a.epics_order - b.epics_order || a.ref - b.ref), [epics.data]);
  const withStories = useMemo(() => list.filter((e) => (e.user_stories_counts?.total ?? 0) > 0).map((e) => e.id), [list]);
  const closed = useClosedCounts(project, withStories);
  const canAdd = project.my_permissions.includes("add_epic");
  const toggle = (id: Id) =>
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-4 px-4 py-4">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-lg font-semibold text-slate-900">Epics</h1>
        {canAdd && (
          <button type="button" className={primary} onClick={() => setCreating(true)}>
            New epic
          </button>
        )}
      </div>
      {epics.isPending ? (
        <PageSpinner label="Loading epics…" />
      ) : epics.isError ? (
        <ErrorMessage title="The epics could not be loaded" error={epics.error} onRetry={() => void epics.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          title="No epics yet"
          action={
            canAdd ? (
              <button type="button" className={primary} onClick={() => setCreating(true)}>
                Create the first epic
              </button>
            ) : undefined
          }
        >
          Epics group related user stories into a larger piece of work and show how far along it is.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Epics">
          {list.map((epic) => (
            <EpicRow
              key={epic.id}
              epic={epic}
              project={project}
              closed={closed ? (closed.get(epic.id) ?? 0) : undefined}
              open={expanded.has(epic.id)}
              onToggle={() => toggle(epic.id)}
            />
          ))}
        </ul>
      )}
      <CreateEpicDialog project={project} open={creating} onClose={() => setCreating(false)} count={list.length} />
    </div>
  );
}

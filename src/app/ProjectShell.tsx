import { Link, NavLink, useParams } from "react-router";
import { isApiError } from "../api/http";
import { activeModules, useProjectBySlug } from "../api/projects";
import type { Project } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { PanelOutlet } from "../features/items/ItemPanel";
import { PageSpinner } from "../components/Spinner";
import { SearchLauncher } from "../features/search/SearchLauncher";
import { blockedNotice } from "../lib/projectAccess";

const MODULE_LABEL = { backlog: "Backlog", kanban: "Kanban", issues: "Issues", wiki: "Wiki" } as const;

/** The sprint the taskboard link opens: the earliest sprint that is still open. */
export function currentSprint(project: Pick<Project, "milestones">) {
  return project.milestones.find((m) => !m.closed) ?? null;
}

function ProjectProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error) && (error.status === 403 || error.status === 401)) {
    return (
      <Problem title="You don't have access to this project">
        It is private, and you are not one of its members. Ask a project administrator to invite you.
      </Problem>
    );
  }
  if (isApiError(error) && error.status === 404) {
    return <Problem title="Project not found">There is no project at this address, or it is private and you are not a member.</Problem>;
  }
  return (
    <div className="mx-auto w-full max-w-lg px-6 py-16">
      <ErrorMessage title="The project could not be loaded" error={error} onRetry={onRetry} />
    </div>
  );
}

function Problem({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-lg px-6 py-16 text-center">
      <div role="alert">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{children}</p>
      </div>
      <Link to="/projects" className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Back to your projects
      </Link>
    </div>
  );
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 ${
    isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
  }`;

/** Project frame: name, the modules the project turns on, the current sprint. */
export default function ProjectShell() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);

  if (project.isPending) return <PageSpinner label="Loading project…" />;
  if (project.isError) return <ProjectProblem error={project.error} onRetry={() => void project.refetch()} />;

  const data = project.data;
  const modules = activeModules(data);
  const sprint = data.is_backlog_activated ? currentSprint(data) : null;
  const blocked = blockedNotice(data);

  return (
    <div className="flex flex-1 flex-col">
      <div className="border-b border-slate-200 bg-white px-4">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 py-2">
          <div className="flex min-w-0 items-center gap-2">
            <Link to="/projects" className="text-sm text-slate-500 hover:text-slate-800">
              Projects
            </Link>
            <span aria-hidden="true" className="text-slate-300">
              /
            </span>
            <h1 className="truncate text-sm font-semibold text-slate-900">{data.name}</h1>
            {data.is_private && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">Private</span>}
          </div>
          <nav aria-label="Project" className="flex flex-wrap items-center gap-1">
            {data.is_epics_activated && (
              <NavLink to={`/project/${data.slug}/epics`} className={tabClass}>
                Epics
              </NavLink>
            )}
            {modules.map((module) => (
              <NavLink key={module} to={`/project/${data.slug}/${module}`} className={tabClass}>
                {MODULE_LABEL[module]}
              </NavLink>
            ))}
            {sprint && (
              <NavLink to={`/project/${data.slug}/taskboard/${sprint.slug}`} className={tabClass} title={`Taskboard of ${sprint.name}`}>
                Taskboard · {sprint.name}
              </NavLink>
            )}
          </nav>
          <SearchLauncher project={data} />
        </div>
      </div>
      {blocked && (
        <p role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {blocked}
        </p>
      )}
      <main className="flex flex-1 flex-col">
        <PanelOutlet />
      </main>
    </div>
  );
}

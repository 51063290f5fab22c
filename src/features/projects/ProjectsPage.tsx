import { Link } from "react-router";
import { useMe } from "../../api/auth";
import { useMyProjects } from "../../api/projects";
import type { ProjectListItem } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage } from "../../components/ErrorMessage";

/** The user's standing in a project, from the flags of the project list shape. */
export function myRole(project: Pick<ProjectListItem, "i_am_owner" | "i_am_admin" | "i_am_member">): string {
  if (project.i_am_owner) return "Owner";
  if (project.i_am_admin) return "Admin";
  if (project.i_am_member) return "Member";
  return "Viewer";
}

function modulesOf(project: ProjectListItem): string[] {
  const out: string[] = [];
  if (project.is_backlog_activated) out.push("Scrum");
  if (project.is_kanban_activated) out.push("Kanban");
  if (project.is_issues_activated) out.push("Issues");
  if (project.is_wiki_activated) out.push("Wiki");
  return out;
}

function ProjectCard({ project }: { project: ProjectListItem }) {
  return (
    <li>
      <Link
        to={`/project/${project.slug}`}
        className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs transition hover:border-indigo-300 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        data-testid="project-card"
      >
        <div className="flex items-start justify-between gap-3">
          <h2 className="text-sm font-semibold text-slate-900 group-hover:text-indigo-700">{project.name}</h2>
          <div className="flex shrink-0 items-center gap-1.5">
            {project.is_private && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">Private</span>}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-700" aria-label={`Your role: ${myRole(project)}`}>
              {myRole(project)}
            </span>
          </div>
        </div>
        <p className="mt-1.5 line-clamp-2 flex-1 text-sm text-slate-600">{project.description || <span className="italic text-slate-400">No description</span>}</p>
        <p className="mt-3 text-xs text-slate-500">
          {modulesOf(project).join(" · ")}
          {project.members.length > 0 && ` · ${project.members.length} member${project.members.length === 1 ? "" : "s"}`}
        </p>
      </Link>
    </li>
  );
}

function Skeleton() {
  return (
    <ul aria-hidden="true" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {[0, 1, 2].map((i) => (
        <li key={i} className="h-28 animate-pulse rounded-xl border border-slate-200 bg-white p-4">
          <div className="h-3.5 w-1/2 rounded bg-slate-200" />
          <div className="mt-3 h-3 w-5/6 rounded bg-slate-100" />
          <div className="mt-2 h-3 w-2/3 rounded bg-slate-100" />
        </li>
      ))}
    </ul>
  );
}

export default function ProjectsPage() {
  const me = useMe();
  const projects = useMyProjects(me.data?.id);
  const loading = me.isPending || projects.isPending;
  const error = me.error ?? projects.error;

  return (
    <main className="mx-auto w-full max-w-5xl px-4 py-8">
      <div className="mb-6 flex items-end justify-between">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Your projects</h1>
          <p className="mt-1 text-sm text-slate-500">Projects you are a member of, in your own order.</p>
        </div>
      </div>
      {error ? (
        <ErrorMessage title="Your projects could not be loaded" error={error} onRetry={() => void (me.isError ? me.refetch() : projects.refetch())} />
      ) : loading ? (
        <>
          <span className="sr-only" role="status">
            Loading projects…
          </span>
          <Skeleton />
        </>
      ) : projects.data && projects.data.length > 0 ? (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
          {projects.data.map((project) => (
            <ProjectCard key={project.id} project={project} />
          ))}
        </ul>
      ) : (
        <EmptyState title="You are not a member of any project yet">When someone invites you to a project, it shows up here.</EmptyState>
      )}
    </main>
  );
}

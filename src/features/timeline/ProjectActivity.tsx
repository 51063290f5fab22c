/**
 * Route module for /project/:slug/activity: the project's timeline (`/timeline/project/<id>`),
 * newest first, 30 entries a page as Taiga pages it, the next page on demand. Each entry says who
 * did what to which item, with a link to the item while it exists.
 */
import { useParams } from "react-router";
import { Link } from "react-router";
import { useProjectBySlug } from "../../api/projects";
import { useTimeline } from "../../api/timeline";
import type { Project, TimelineEntry } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageSpinner, Spinner } from "../../components/Spinner";
import { fieldLabel, formatDateTime } from "../../lib/format";
import { describeEntry } from "./describeEntry";

function Entry({ entry, project }: { entry: TimelineEntry; project: Project }) {
  const said = describeEntry(entry);
  return (
    <li className="flex flex-col gap-0.5 border-b border-slate-100 py-2 text-sm text-slate-700">
      <span>
        <span className="font-medium text-slate-900">{said.who}</span> {said.verb}{" "}
        {said.item &&
          (said.item.path && !said.deleted ? (
            <Link to={`/project/${project.slug}/${said.item.path}/${said.item.ref}`} className="font-medium text-indigo-700 hover:underline">
              {said.item.label}
            </Link>
          ) : (
            <span className="font-medium">{said.item.label}</span>
          ))}
        {said.fields.length > 0 && <span className="text-slate-500"> ({said.fields.map((f) => fieldLabel(f).toLowerCase()).join(", ")})</span>}
      </span>
      {said.comment && <span className="line-clamp-2 text-slate-600">“{said.comment}”</span>}
      <time className="text-xs text-slate-500" dateTime={entry.created}>
        {formatDateTime(entry.created)}
      </time>
    </li>
  );
}

export default function ProjectActivity() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  const feed = useTimeline("project", project.data?.id);
  if (!project.data || feed.isPending) return <PageSpinner label="Loading the project's activity…" />;
  const entries = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-3 px-4 py-4">
      <h1 className="text-lg font-semibold text-slate-900">Activity</h1>
      {feed.isError ? (
        <ErrorMessage title="The activity could not be loaded" error={feed.error} onRetry={() => void feed.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing has happened yet">Changes to the project's stories, tasks, issues, epics and wiki show up here.</EmptyState>
      ) : (
        <>
          <ol aria-label="Project activity">
            {entries.map((entry) => (
              <Entry key={entry.id} entry={entry} project={project.data} />
            ))}
          </ol>
          {feed.hasNextPage && (
            <button
              type="button"
              onClick={() => void feed.fetchNextPage()}
              disabled={feed.isFetchingNextPage}
              className="self-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
            >
              {feed.isFetchingNextPage ? <Spinner label="Loading more…" /> : "Show older activity"}
            </button>
          )}
        </>
      )}
    </div>
  );
}

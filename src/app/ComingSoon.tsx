import { useParams } from "react-router";

const TITLES: Record<string, string> = {
  backlog: "Backlog",
  taskboard: "Sprint taskboard",
  issues: "Issues",
  issue: "Issue",
  us: "User story",
  task: "Task",
  wiki: "Wiki",
};

/** An honest placeholder for a view that has not been built yet. */
export function ComingSoon({ view }: { view: keyof typeof TITLES }) {
  const params = useParams();
  const detail = params.ref ? ` #${params.ref}` : params.pageSlug ? ` “${params.pageSlug}”` : params.sprintSlug ? ` (${params.sprintSlug})` : "";
  return (
    <section className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-xl font-semibold text-slate-900">
        {TITLES[view]}
        {detail}
      </h1>
      <p className="mt-3 text-sm text-slate-600">This view is coming soon. It is not available in the dashboard yet.</p>
    </section>
  );
}

import { Navigate, useParams } from "react-router";
import { activeModules, useProjectBySlug } from "../api/projects";
import { EmptyState } from "../components/EmptyState";
import { PageSpinner } from "../components/Spinner";

/** `/project/:slug` opens the project's first active module. */
export default function ProjectIndex() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (!project.data) return <PageSpinner label="Loading project…" />;
  const first = activeModules(project.data)[0];
  if (!first) {
    return (
      <div className="mx-auto w-full max-w-xl px-6 py-16">
        <EmptyState title="No modules are turned on">This project has the backlog, Kanban, issues and wiki all switched off.</EmptyState>
      </div>
    );
  }
  return <Navigate to={`/project/${project.data.slug}/${first}`} replace />;
}

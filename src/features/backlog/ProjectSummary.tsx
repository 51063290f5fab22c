/**
 * The project's figures above the backlog (from `GET /projects/<id>/stats`): total, defined and
 * closed points, sprints done of planned, the velocity; and the project burndown (expected against
 * real, per sprint), drawn on demand by the shared chart (its code loads when first opened).
 */
import { lazy, Suspense, useId, useState } from "react";
import type { Project, ProjectStats } from "../../api/types";
import { Spinner } from "../../components/Spinner";
import { formatPoints } from "./backlogModel";

const BurndownChart = lazy(() => import("../../components/BurndownChart"));

export interface ProjectSummaryProps {
  project: Pick<Project, "total_story_points" | "total_milestones" | "total_closed_milestones">;
  stats: ProjectStats | undefined;
  statsError: boolean;
  sprintCount: number;
  velocity: number | null;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="flex flex-col" title={hint}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-base font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

export function ProjectSummary({ project, stats, statsError, sprintCount, velocity }: ProjectSummaryProps) {
  const [showChart, setShowChart] = useState(false);
  const chartId = useId();
  const loading = !stats && !statsError;
  const total = stats?.total_points ?? project.total_story_points;
  const defined = stats?.defined_points ?? null;
  const closed = stats?.closed_points ?? null;
  const ratio = total && closed !== null ? Math.min(1, closed / total) : defined && closed !== null ? Math.min(1, closed / defined) : 0;
  const planned = project.total_milestones;

  return (
    <section aria-label="Project summary" className="border-b border-slate-200 bg-white px-4 py-2">
      <div className="flex flex-wrap items-center gap-x-8 gap-y-2">
        <dl className="flex flex-wrap items-center gap-x-8 gap-y-1" aria-busy={loading}>
          <Figure label="Total points" value={total === null || total === undefined ? "—" : formatPoints(total)} hint="The project's planned scope" />
          <Figure label="Defined points" value={loading ? "…" : defined === null ? "—" : formatPoints(defined)} hint="Points of every estimated story" />
          <Figure label="Closed points" value={loading ? "…" : closed === null ? "—" : formatPoints(closed)} hint="Points of closed stories" />
          <Figure
            label="Sprints"
            value={`${project.total_closed_milestones} of ${sprintCount} closed`}
            hint={planned ? `${planned} sprints planned for the project` : undefined}
          />
          <Figure label="Velocity" value={velocity === null ? "—" : `${formatPoints(Math.round(velocity * 10) / 10)} pt`} hint="Average closed points of the last three finished sprints" />
        </dl>
        <div className="flex min-w-[10rem] flex-1 items-center gap-2">
          <div
            role="progressbar"
            aria-label="Project progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(ratio * 100)}
            className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-emerald-500" style={{ width: `${Math.round(ratio * 100)}%` }} />
          </div>
          <span className="text-xs tabular-nums text-slate-600">{Math.round(ratio * 100)}%</span>
        </div>
        <button
          type="button"
          onClick={() => setShowChart((v) => !v)}
          aria-expanded={showChart}
          aria-controls={chartId}
          className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {showChart ? "Hide burndown" : "Show burndown"}
        </button>
      </div>
      {statsError && <p className="mt-1 text-xs text-red-700">The project figures could not be loaded.</p>}
      {showChart && (
        <div id={chartId} className="mt-2 max-w-3xl">
          {stats ? (
            <Suspense fallback={<Spinner label="Loading the chart…" />}>
              <BurndownChart
                title="Project burndown"
                xLabel="Sprint"
                expectedLabel="Expected"
                actualLabel="Real"
                points={stats.milestones.map((m) => ({ label: m.name, expected: m.optimal, actual: m.evolution }))}
              />
            </Suspense>
          ) : (
            <Spinner label="Loading the figures…" />
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The sprint's burndown (loaded on demand with its chart): the ideal line against the remaining
 * points per day from `GET /milestones/<id>/stats`, the figures also as a table.
 */
import { useMilestoneStats } from "../../api/milestones";
import type { BurndownDay, Id } from "../../api/types";
import { BurndownChart, type BurndownPoint } from "../../components/BurndownChart";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";

const dayLabel = (day: string) => {
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
};

/** One point per sprint day; the remaining points stop at today (the future is not known yet). */
export function burndownPoints(days: readonly BurndownDay[], today: string): BurndownPoint[] {
  return days.map((d) => ({ label: dayLabel(d.day), expected: d.optimal_points, actual: d.day <= today ? d.open_points : null }));
}

export default function SprintBurndown({ milestoneId, sprintName }: { milestoneId: Id; sprintName: string }) {
  const stats = useMilestoneStats(milestoneId);
  if (stats.isPending) return <Spinner label="Loading the burndown…" />;
  if (stats.isError) return <ErrorMessage title="The burndown could not be loaded" error={stats.error} onRetry={() => void stats.refetch()} />;
  const today = new Date().toISOString().slice(0, 10);
  const s = stats.data;
  return (
    <div className="flex flex-col gap-2 md:flex-row md:items-start">
      <BurndownChart
        title={`Burndown of ${sprintName}`}
        points={burndownPoints(s.days, today)}
        xLabel="Day"
        unit="points"
        expectedLabel="Ideal"
        actualLabel="Remaining"
        height={200}
        className="w-full max-w-2xl flex-1"
      />
      <dl className="grid shrink-0 grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600 md:w-56">
        <dt>Stories closed</dt>
        <dd className="font-semibold text-slate-800">
          {s.completed_userstories} / {s.total_userstories}
        </dd>
        <dt>Tasks closed</dt>
        <dd className="font-semibold text-slate-800">
          {s.completed_tasks} / {s.total_tasks}
        </dd>
        <dt>Iocaine doses</dt>
        <dd className="font-semibold text-slate-800">{s.iocaine_doses}</dd>
      </dl>
    </div>
  );
}

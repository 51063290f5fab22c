/**
 * A burndown chart: the expected line against the real one, drawn as a small SVG that scales to its
 * container, with the same figures in a table for screen readers (and for anyone who opens "Show the
 * figures"). Used for the project burndown (per sprint, from project stats) and a sprint's burndown
 * (per day, from sprint stats).
 */
import { useId } from "react";

export interface BurndownPoint {
  /** "Sprint 3", "Apr 4". */
  label: string;
  /** The ideal remaining points; null where there is none. */
  expected: number | null;
  /** The real remaining points; null where unknown (the future). */
  actual: number | null;
}

export interface BurndownChartProps {
  /** Heading of the chart (also its accessible name). */
  title: string;
  points: readonly BurndownPoint[];
  /** What the x axis counts: "Sprint", "Day". */
  xLabel?: string;
  /** Unit of the values: "points". */
  unit?: string;
  expectedLabel?: string;
  actualLabel?: string;
  /** Drawing height in px (the width follows the container). */
  height?: number;
  className?: string;
}

const WIDTH = 640;
const PAD = { top: 12, right: 16, bottom: 36, left: 44 };

/** Round numbers for the y axis: 0 .. a bit above the largest value, 4-6 steps. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

const format = (v: number | null): string => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The SVG path through the points that have a value (a gap breaks the line). */
function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function BurndownChart({
  title,
  points,
  xLabel = "Sprint",
  unit = "points",
  expectedLabel = "Expected",
  actualLabel = "Real",
  height = 220,
  className = "",
}: BurndownChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const values = points.flatMap((p) => [p.expected, p.actual]).filter((v): v is number => v !== null);
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks[ticks.length - 1] ?? 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => PAD.top + plotH - (Math.max(0, Math.min(v, top)) / top) * plotH;
  // label every n-th point so labels never overlap
  const every = Math.max(1, Math.ceil(points.length / 8));
  const lastActual = [...points].reverse().find((p) => p.actual !== null);
  const summary =
    points.length === 0
      ? "No data yet."
      : `${points.length} ${xLabel.toLowerCase()}s. ${expectedLabel} goes from ${format(points[0]?.expected ?? null)} to ${format(points.at(-1)?.expected ?? null)} ${unit}.` +
        (lastActual ? ` ${actualLabel}: ${format(lastActual.actual)} ${unit} at ${lastActual.label}.` : ` No ${actualLabel.toLowerCase()} figures yet.`);

  return (
    <figure className={`min-w-0 ${className}`} aria-labelledby={titleId}>
      <figcaption id={titleId} className="mb-1 text-sm font-semibold text-slate-800">
        {title}
      </figcaption>
      <div className="mb-1 flex gap-4 text-xs text-slate-600" aria-hidden="true">
        <span className="flex items-center gap-1">
          <svg width="18" height="6">
            <line x1="0" y1="3" x2="18" y2="3" stroke="#94a3b8" strokeWidth="2" strokeDasharray="4 3" />
          </svg>
          {expectedLabel}
        </span>
        <span className="flex items-center gap-1">
          <svg width="18" height="6">
            <line x1="0" y1="3" x2="18" y2="3" stroke="#4f46e5" strokeWidth="2.5" />
          </svg>
          {actualLabel}
        </span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid="burndown-svg"
      >
        <desc id={descId}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#64748b">
              {format(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % every === 0 || i === points.length - 1 ? (
            <text
              key={`${p.label}-${i}`}
              x={x(i)}
              y={height - PAD.bottom + 16}
              textAnchor={points.length > 1 && i === 0 ? "start" : points.length > 1 && i === points.length - 1 ? "end" : "middle"}
              fontSize="11"
              fill="#64748b"
            >
              {p.label.length > 14 ? `${p.label.slice(0, 13)}…` : p.label}
            </text>
          ) : null,
        )}
        <path d={linePath(points.map((p) => p.expected), x, y)} fill="none" stroke="#94a3b8" strokeWidth="2" strokeDasharray="6 4" />
        <path d={linePath(points.map((p) => p.actual), x, y)} fill="none" stroke="#4f46e5" strokeWidth="2.5" />
        {points.map((p, i) => (p.actual === null ? null : <circle key={i} cx={x(i)} cy={y(p.actual)} r="3" fill="#4f46e5" />))}
      </svg>
      <details className="mt-1 text-xs text-slate-600">
        <summary className="cursor-pointer select-none hover:text-slate-900">Show the figures</summary>
        <table className="mt-1 w-full text-left">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-0.5 pr-2 font-semibold">
                {xLabel}
              </th>
              <th scope="col" className="py-0.5 pr-2 font-semibold">
                {expectedLabel} ({unit})
              </th>
              <th scope="col" className="py-0.5 font-semibold">
                {actualLabel} ({unit})
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={`${p.label}-${i}`} className="border-t border-slate-100">
                <th scope="row" className="py-0.5 pr-2 font-normal">
                  {p.label}
                </th>
                <td className="py-0.5 pr-2 tabular-nums">{format(p.expected)}</td>
                <td className="py-0.5 tabular-nums">{format(p.actual)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export default BurndownChart;

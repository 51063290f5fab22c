/**
 * The facets: for each of type, severity, priority, status, assignee, reporter, role and tag, its
 * values with the counts Taiga's `filters_data` gives under the other active filters. A value's
 * checkbox (named "<value> (<count>)") includes it; the ⊘ button beside it excludes it instead.
 */
import { memo, useId, useState } from "react";
import type { FiltersDataRole, FiltersDataStatus, FiltersDataTag, FiltersDataUser, IssueFiltersData } from "../../api/types";
import { facetMode, type Facet, type FacetMode, type IssuesViewState } from "./issuesUrl";

export interface FacetValue {
  value: string;
  name: string;
  count: number;
  color?: string | null;
}

export const FACET_LABELS: Record<Facet, string> = {
  type: "Type",
  severity: "Severity",
  priority: "Priority",
  status: "Status",
  assigned_to: "Assigned to",
  owner: "Reporter",
  role: "Role",
  tags: "Tags",
};

const coloured = (list: readonly FiltersDataStatus[]): FacetValue[] => list.map((v) => ({ value: String(v.id), name: v.name, count: v.count, color: v.color }));
const people = (list: readonly FiltersDataUser[]): FacetValue[] => list.map((u) => ({ value: u.id === null ? "null" : String(u.id), name: u.id === null ? "Unassigned" : u.full_name, count: u.count }));
const roles = (list: readonly FiltersDataRole[]): FacetValue[] => list.map((r) => ({ value: String(r.id), name: r.name, count: r.count }));
const tags = (list: readonly FiltersDataTag[]): FacetValue[] => list.map((t) => ({ value: t.name, name: t.name, count: t.count, color: t.color }));

/** The values of each facet, in Taiga's order (tags by count, then name). */
export function facetValues(data: IssueFiltersData): Record<Facet, FacetValue[]> {
  return {
    type: coloured(data.types),
    severity: coloured(data.severities),
    priority: coloured(data.priorities),
    status: coloured(data.statuses),
    assigned_to: people(data.assigned_to),
    owner: people(data.owners),
    role: roles(data.roles),
    tags: tags(data.tags).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

const SHOWN = 8;

function FacetGroup({
  facet,
  values,
  state,
  onChange,
  onClear,
}: {
  facet: Facet;
  values: FacetValue[];
  state: IssuesViewState;
  onChange: (facet: Facet, value: string, mode: FacetMode) => void;
  onClear: (facet: Facet) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const baseId = useId();
  const active = state.include[facet].length + state.exclude[facet].length;
  // values the user chose stay listed even when nothing matches them now; unused tags are left out
  const chosen = (v: FacetValue) => facetMode(state, facet, v.value) !== "off";
  const listed = facet === "tags" ? values.filter((v) => v.count > 0 || chosen(v)) : values;
  const missing = [...state.include[facet], ...state.exclude[facet]].filter((v) => !listed.some((l) => l.value === v)).map((v): FacetValue => ({ value: v, name: v === "null" ? "Unassigned" : v, count: 0 }));
  const all = [...listed, ...missing];
  const shown = expanded ? all : all.filter((v, i) => i < SHOWN || chosen(v));
  if (all.length === 0) return null;
  return (
    <fieldset className="border-t border-slate-200 py-2">
      <legend className="sr-only">{FACET_LABELS[facet]}</legend>
      <div className="flex items-center justify-between px-1" aria-hidden="true">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{FACET_LABELS[facet]}</span>
      </div>
      {active > 0 && (
        <button type="button" onClick={() => onClear(facet)} className="ml-1 text-xs text-indigo-700 hover:underline">
          Clear {FACET_LABELS[facet].toLowerCase()}
        </button>
      )}
      <ul className="mt-1 flex flex-col">
        {shown.map((v) => {
          const mode = facetMode(state, facet, v.value);
          const id = `${baseId}-${v.value}`;
          return (
            <li key={v.value} className="group flex items-center gap-1 rounded px-1 hover:bg-slate-100">
              <input
                id={id}
                type="checkbox"
                aria-label={`${v.name} (${v.count})`}
                checked={mode === "include"}
                onChange={(e) => onChange(facet, v.value, e.target.checked ? "include" : "off")}
                className="h-3.5 w-3.5 accent-indigo-600"
              />
              <label htmlFor={id} className={`flex min-w-0 flex-1 cursor-pointer items-center gap-1.5 py-0.5 text-sm ${mode === "exclude" ? "text-slate-400 line-through" : "text-slate-700"} ${v.count === 0 && mode === "off" ? "opacity-60" : ""}`}>
                {v.color && <span aria-hidden="true" className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: v.color }} />}
                <span className="truncate">{v.name}</span>
                <span className="ml-auto text-xs tabular-nums text-slate-500">{v.count}</span>
              </label>
              <button
                type="button"
                aria-pressed={mode === "exclude"}
                aria-label={`Exclude ${v.name}`}
                title={mode === "exclude" ? `Stop excluding ${v.name}` : `Exclude ${v.name}`}
                onClick={() => onChange(facet, v.value, mode === "exclude" ? "off" : "exclude")}
                className={`rounded px-1 text-xs focus-visible:outline-2 focus-visible:outline-indigo-500 ${
                  mode === "exclude" ? "bg-red-100 text-red-700" : "text-slate-400 opacity-0 hover:bg-slate-200 hover:text-slate-700 focus:opacity-100 group-hover:opacity-100"
                }`}
              >
                ⊘
              </button>
            </li>
          );
        })}
      </ul>
      {all.length > shown.length && (
        <button type="button" onClick={() => setExpanded(true)} className="ml-1 mt-1 text-xs text-indigo-700 hover:underline">
          Show all {all.length} {FACET_LABELS[facet].toLowerCase()}
        </button>
      )}
      {expanded && all.length > SHOWN && (
        <button type="button" onClick={() => setExpanded(false)} className="ml-1 mt-1 text-xs text-indigo-700 hover:underline">
          Show fewer
        </button>
      )}
    </fieldset>
  );
}

export const FacetPanel = memo(function FacetPanel({
  data,
  state,
  loading,
  onChange,
  onClear,
}: {
  data: IssueFiltersData | undefined;
  state: IssuesViewState;
  loading: boolean;
  onChange: (facet: Facet, value: string, mode: FacetMode) => void;
  onClear: (facet: Facet) => void;
}) {
  if (!data) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2 p-2" aria-label="Loading filters">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-16 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    );
  }
  const values = facetValues(data);
  const order: Facet[] = ["type", "severity", "priority", "status", "assigned_to", "owner", "role", "tags"];
  return (
    <div aria-busy={loading || undefined} className={loading ? "opacity-80" : ""}>
      {order.map((facet) => (
        <FacetGroup key={facet} facet={facet} values={values[facet]} state={state} onChange={onChange} onClear={onClear} />
      ))}
    </div>
  );
});

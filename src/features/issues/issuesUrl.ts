/**
 * The issues view keeps all of its state in the URL, in Taiga's own parameter names, so a link
 * shows the same issues, sort and page, survives a reload and Back:
 *
 *   /project/p/issues?type=1,2&exclude_status=4&assigned_to=null&tags=ux&q=login&order_by=-priority&page=2
 *
 * Facets take comma lists (ids, `null` for "none", tag names); each has an `exclude_` twin.
 */
import type { IssueListFilters } from "../../api/issues";

export const FACETS = ["type", "severity", "priority", "status", "assigned_to", "owner", "role", "tags"] as const;
export type Facet = (typeof FACETS)[number];

export interface IssuesViewState {
  include: Record<Facet, string[]>;
  exclude: Record<Facet, string[]>;
  q: string;
  /** `order_by` as sent to Taiga ("-priority"), "" for the default order (newest first). */
  orderBy: string;
  page: number;
}

const emptyFacets = (): Record<Facet, string[]> => Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, string[]>;

const list = (raw: string | null): string[] =>
  raw === null
    ? []
    : [
        ...new Set(
          raw
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ];

export function parseIssuesUrl(params: URLSearchParams): IssuesViewState {
  const include = emptyFacets();
  const exclude = emptyFacets();
  for (const facet of FACETS) {
    include[facet] = list(params.get(facet));
    exclude[facet] = list(params.get(`exclude_${facet}`));
  }
  const pageRaw = params.get("page");
  const page = pageRaw && /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : 1;
  return { include, exclude, q: params.get("q") ?? "", orderBy: params.get("order_by") ?? "", page };
}

/** The URL query of a state, in a stable order (facets, search, sort, page); defaults are left out. */
export function issuesUrlParams(state: IssuesViewState): URLSearchParams {
  const params = new URLSearchParams();
  for (const facet of FACETS) {
    if (state.include[facet].length) params.set(facet, state.include[facet].join(","));
    if (state.exclude[facet].length) params.set(`exclude_${facet}`, state.exclude[facet].join(","));
  }
  if (state.q.trim()) params.set("q", state.q);
  if (state.orderBy) params.set("order_by", state.orderBy);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** What the list and filters_data requests send (everything but the page). */
export function issueFilters(state: IssuesViewState): IssueListFilters {
  const filters: IssueListFilters = {};
  for (const facet of FACETS) {
    if (state.include[facet].length) filters[facet] = state.include[facet].join(",");
    if (state.exclude[facet].length) filters[`exclude_${facet}`] = state.exclude[facet].join(",");
  }
  if (state.q.trim()) filters.q = state.q.trim();
  if (state.orderBy) filters.order_by = state.orderBy;
  return filters;
}

export type FacetMode = "include" | "exclude" | "off";

export function facetMode(state: IssuesViewState, facet: Facet, value: string): FacetMode {
  if (state.include[facet].includes(value)) return "include";
  if (state.exclude[facet].includes(value)) return "exclude";
  return "off";
}

/** Sets one value of a facet to include / exclude / off; any filter change goes back to page 1. */
export function setFacetValue(state: IssuesViewState, facet: Facet, value: string, mode: FacetMode): IssuesViewState {
  const without = (xs: string[]) => xs.filter((x) => x !== value);
  const include = { ...state.include, [facet]: mode === "include" ? [...without(state.include[facet]), value] : without(state.include[facet]) };
  const exclude = { ...state.exclude, [facet]: mode === "exclude" ? [...without(state.exclude[facet]), value] : without(state.exclude[facet]) };
  return { ...state, include, exclude, page: 1 };
}

export function clearFacet(state: IssuesViewState, facet: Facet): IssuesViewState {
  return { ...state, include: { ...state.include, [facet]: [] }, exclude: { ...state.exclude, [facet]: [] }, page: 1 };
}

export function clearAll(state: IssuesViewState): IssuesViewState {
  return { ...state, include: emptyFacets(), exclude: emptyFacets(), q: "", page: 1 };
}

export function isFiltering(state: IssuesViewState): boolean {
  return state.q.trim() !== "" || FACETS.some((f) => state.include[f].length > 0 || state.exclude[f].length > 0);
}

/** The next sort when a column's header is pressed: ascending first, then it flips. */
export function nextOrder(current: string, field: string): string {
  return current === field ? `-${field}` : field;
}

export function sortOf(orderBy: string): { field: string; descending: boolean } | null {
  if (!orderBy) return null;
  return orderBy.startsWith("-") ? { field: orderBy.slice(1), descending: true } : { field: orderBy, descending: false };
}

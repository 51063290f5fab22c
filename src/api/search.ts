/**
 * Project search (`GET /search?project=&text=`): epics, stories, tasks, issues and wiki pages whose
 * subject, ref, tags or text match (each word a prefix), ranked, in groups. Not paginated.
 */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { http } from "./http";
import { keys } from "./keys";
import type { Id, SearchResults } from "./types";

/** `GET /search?project=<id>&text=<text>`: an empty text answers every item. */
export function search(projectId: Id, text: string, signal?: AbortSignal): Promise<SearchResults> {
  return http.get<SearchResults>("/search", { query: { project: projectId, text }, signal });
}

/** Keeps the previous results on screen while the next text is searched. */
export const searchQueryOptions = (projectId: Id, text: string) =>
  queryOptions({
    queryKey: keys.search.results(projectId, text),
    queryFn: ({ signal }) => search(projectId, text, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** Results for a project and a text (disabled until both are known). */
export function useSearch(projectId: Id | undefined, text: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...searchQueryOptions(projectId ?? 0, text), enabled: projectId !== undefined && (options.enabled ?? true) });
}

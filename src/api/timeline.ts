/**
 * Timelines (`/timeline/project/<id>`, `/timeline/user/<id>`, `/timeline/profile/<id>`): what
 * happened in a project, what a user did, and a user's own feed — newest first, paged by Taiga
 * (30 a page), read page by page as the feed is scrolled.
 */
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { request } from "./http";
import { keys } from "./keys";
import type { Page } from "./resource";
import type { Id, TimelineEntry } from "./types";

export type TimelineKind = "project" | "user" | "profile";

/** `GET /timeline/<kind>/<id>[?page=N]`: one page of entries and where the next is. */
export async function timelinePage(kind: TimelineKind, id: Id, page = 1, signal?: AbortSignal): Promise<Page<TimelineEntry>> {
  const response = await request<TimelineEntry[]>(`/timeline/${kind}/${id}`, { query: page > 1 ? { page } : {}, signal });
  return { items: response.data, pagination: response.pagination };
}

/** The feed as an infinite query: the first page, then each next one on demand. */
export const timelineQueryOptions = (kind: TimelineKind, id: Id) =>
  infiniteQueryOptions({
    queryKey: keys.timeline.of(kind, id),
    queryFn: ({ pageParam, signal }) => timelinePage(kind, id, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.pagination?.next ? last.pagination.current + 1 : undefined),
  });

/** `const { data, fetchNextPage, hasNextPage } = useTimeline("project", projectId)`; entries are `data.pages.flatMap((p) => p.items)`. */
export function useTimeline(kind: TimelineKind, id: Id | undefined) {
  return useInfiniteQuery({ ...timelineQueryOptions(kind, id ?? 0), enabled: id !== undefined });
}

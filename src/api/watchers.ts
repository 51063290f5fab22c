/**
 * Watching items (`POST /<items>/<id>/watch|unwatch`, `GET /<items>/<id>/watchers`) — the same
 * three endpoints for stories, tasks and issues; the resource modules use these.
 * Watch/unwatch never bump the item's `version`.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { keys } from "./keys";
import type { Id, Watcher } from "./types";

export type WatchableType = "userstories" | "tasks" | "issues";

export function watchItem(type: WatchableType, id: Id): Promise<null> {
  return http.post<null>(`/${type}/${id}/watch`);
}

export function unwatchItem(type: WatchableType, id: Id): Promise<null> {
  return http.post<null>(`/${type}/${id}/unwatch`);
}

/** `GET /<items>/<id>/watchers`, every page. */
export function listWatchers(type: WatchableType, id: Id, signal?: AbortSignal): Promise<Watcher[]> {
  return getAllPages<Watcher>(`/${type}/${id}/watchers`, { signal });
}

export const watchersQueryOptions = (type: WatchableType, id: Id) =>
  queryOptions({ queryKey: keys.watchers.list(type, id), queryFn: ({ signal }) => listWatchers(type, id, signal) });

export function useWatchers(type: WatchableType, id: Id | undefined) {
  return useQuery({ ...watchersQueryOptions(type, id ?? 0), enabled: id !== undefined });
}

const itemKeys = { userstories: keys.userstories, tasks: keys.tasks, issues: keys.issues } as const;

/**
 * Keys a watch change touches: the watcher list, the item (its `is_watcher`, `total_watchers`,
 * `watchers`) by id and by ref.
 */
export function watchInvalidates(type: WatchableType, item: { id: Id; project: Id; ref: number }): QueryKey[] {
  return [keys.watchers.list(type, item.id), itemKeys[type].detail(item.id), itemKeys[type].byRef(item.project, item.ref)];
}

function invalidateAll(client: QueryClient, list: QueryKey[]) {
  return Promise.all(list.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined);
}

/** Watch or unwatch (`watch: true|false`). Invalidates `watchInvalidates(type, item)`. */
export function useSetWatching(type: WatchableType) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ item, watch }: { item: { id: Id; project: Id; ref: number }; watch: boolean }) =>
      watch ? watchItem(type, item.id) : unwatchItem(type, item.id),
    onSuccess: (_null, { item }) => invalidateAll(client, watchInvalidates(type, item)),
  });
}

/**
 * One resource definition, many endpoints. Most Taiga resources share one shape — a project-scoped
 * list with filters, a detail, create, PATCH (with or without OCC), delete, `bulk_update_order`, and
 * watch/vote actions — so a module describes its resource once:
 *
 *   export const tasks = defineResource<TaskTypes>()({
 *     path: "/tasks", keys: keys.tasks, occ: true,
 *     actions: ["list", "get", "byRef", "create", "patch", "remove", "watch", "vote"],
 *     invalidates: taskInvalidates,
 *   });
 *
 * and gets, for each action it names, the endpoint functions, their `queryOptions` and the hooks,
 * with every mutation invalidating what `invalidates(object)` names (see src/api/README.md).
 * Hand-written modules remain only where Taiga really differs (auth, history, attachments, ordering).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http, request, type Pagination, type Query } from "./http";
import { invalidateAll, type ListFilters, type ResourceKeys } from "./keys";
import type { AttributeBulkOrder, Id, Voter, Watcher } from "./types";

// ---------------------------------------------------------------- the definition

/** The types a resource speaks. `item` is a list row, `detail` the single-object answer. */
export interface ResourceTypes {
  item: object;
  detail: object;
  create: object;
  changes: object;
  filters: ListFilters;
  /** `GET /<path>/filters_data` answer, for resources that have it. */
  filtersData?: unknown;
  /** Body of `POST /<path>/bulk_create`, for resources that have it. */
  bulkCreate?: { project_id: Id };
  /**
   * What names one object in its URL (`/<path>/<key>`): its numeric id (the default) or a string
   * (user storage is addressed by its entry's `key`).
   */
  key?: Id | string;
  /**
   * What a mutation hook is told about the object it changes, when `invalidates` needs more than
   * id/project/ref/slug (a task's story, say), or less (a resource outside any project).
   */
  target?: AnyRef;
}

type TargetOf<T extends ResourceTypes> = T["target"] extends AnyRef ? T["target"] : ObjectRef;
type KeyOf<T extends ResourceTypes> = T["key"] extends string ? string : Id;

/** Enough of an object to name what a change to it makes stale. */
export interface ObjectRef {
  id: Id;
  project: Id;
  ref?: number;
  slug?: string;
}

/**
 * The loosest object reference the core works with: `id` is what the object's URL carries (a
 * string for resources keyed otherwise), `project` is absent for resources outside any project.
 */
export interface AnyRef {
  id: Id | string;
  project?: Id;
  ref?: number;
  slug?: string;
}

export type Action =
  | "list" // GET /<path>?project=<id>&filters — the whole list
  | "listAll" // GET /<path>?filters — the whole list of a resource outside any project
  | "page" // GET /<path>?project=<id>&page=N — one server page with its totals
  | "get" // GET /<path>/<id>
  | "byRef" // GET /<path>/by_ref?project=&ref=
  | "bySlug" // GET /<path>/by_slug?project=&slug=
  | "filtersData" // GET /<path>/filters_data?project=&filters
  | "create" // POST /<path>
  | "patch" // PATCH /<path>/<id> (with `version` when occ)
  | "put" // PUT /<path>/<id> (with `version` when occ)
  | "remove" // DELETE /<path>/<id> (optionally ?moveTo=)
  | "bulkCreate" // POST /<path>/bulk_create {project_id, ...} -> the created objects
  | "bulkOrder" // POST /<path>/bulk_update_order {project, <orderKey>: [[id, order]]}
  | "watch" // POST /<path>/<id>/watch|unwatch, GET /<path>/<id>/watchers
  | "vote"; // POST /<path>/<id>/upvote|downvote, GET /<path>/<id>/voters

export interface ResourceDefinition<T extends ResourceTypes, A extends Action, Occ extends boolean> {
  /** API path, e.g. "/tasks". */
  path: string;
  /** Its keys in the one key factory (src/api/keys.ts). */
  keys: ResourceKeys;
  /** Whether PATCH/PUT carry the object's `version` (Taiga's optimistic concurrency control). */
  occ: Occ;
  /** The endpoints this resource has. */
  actions: readonly A[];
  /** Body key of `bulk_update_order`, e.g. "bulk_points". */
  orderKey?: string;
  /**
   * What a change to one object makes stale besides its own detail entries (lists, facets, the
   * project, sprint stats...). Every mutation of the resource invalidates these.
   */
  invalidates: (object: TargetOf<T>) => QueryKey[];
  /**
   * What a mutation's answer says about the object, for storing and invalidating (default: the
   * answer itself, which carries id/project/ref/slug). Needed where the answer names the object
   * otherwise (user storage's `key`, a custom-attributes-values answer's `user_story`).
   */
  refOf?: (detail: T["detail"]) => TargetOf<T>;
}

/** One page of a server-paginated list. */
export interface Page<T> {
  items: T[];
  pagination: Pagination | null;
}

type PatchFn<T extends ResourceTypes, Occ extends boolean> = Occ extends true
  ? (id: KeyOf<T>, changes: T["changes"], version: number) => Promise<T["detail"]>
  : (id: KeyOf<T>, changes: T["changes"]) => Promise<T["detail"]>;

type PatchVariables<T extends ResourceTypes, Occ extends boolean> = Occ extends true
  ? { id: KeyOf<T>; changes: T["changes"]; version: number }
  : { id: KeyOf<T>; changes: T["changes"] };

type QueryHookOptions = { enabled?: boolean };

/** What each action brings: endpoint functions, query options, hooks. */
interface Members<T extends ResourceTypes, Occ extends boolean> {
  list: {
    list: (projectId: Id, filters?: T["filters"], signal?: AbortSignal) => Promise<T["item"][]>;
    listOptions: (projectId: Id, filters?: T["filters"]) => ReturnType<typeof listQuery<T["item"]>>;
    useList: (projectId: Id | undefined, filters?: T["filters"], options?: QueryHookOptions) => ReturnType<typeof useQuery<T["item"][]>>;
  };
  listAll: {
    listAll: (filters?: T["filters"], signal?: AbortSignal) => Promise<T["item"][]>;
    listAllOptions: (filters?: T["filters"]) => ReturnType<typeof listQuery<T["item"]>>;
    useListAll: (filters?: T["filters"], options?: QueryHookOptions) => ReturnType<typeof useQuery<T["item"][]>>;
  };
  page: {
    page: (projectId: Id, filters: T["filters"], page: number, signal?: AbortSignal) => Promise<Page<T["item"]>>;
    pageOptions: (projectId: Id, filters: T["filters"], page: number) => ReturnType<typeof pageQuery<T["item"]>>;
    usePage: (projectId: Id | undefined, filters: T["filters"], page: number, options?: QueryHookOptions) => ReturnType<typeof useQuery<Page<T["item"]>>>;
  };
  get: {
    get: (id: KeyOf<T>, signal?: AbortSignal) => Promise<T["detail"]>;
    detailOptions: (id: KeyOf<T>) => ReturnType<typeof detailQuery<T["detail"]>>;
    useDetail: (id: KeyOf<T> | undefined) => ReturnType<typeof useQuery<T["detail"]>>;
  };
  byRef: {
    getByRef: (projectId: Id, ref: number, signal?: AbortSignal) => Promise<T["detail"]>;
    byRefOptions: (projectId: Id, ref: number) => ReturnType<typeof detailQuery<T["detail"]>>;
    useByRef: (projectId: Id | undefined, ref: number | undefined) => ReturnType<typeof useQuery<T["detail"]>>;
  };
  bySlug: {
    getBySlug: (projectId: Id, slug: string, signal?: AbortSignal) => Promise<T["detail"]>;
    bySlugOptions: (projectId: Id, slug: string) => ReturnType<typeof detailQuery<T["detail"]>>;
    useBySlug: (projectId: Id | undefined, slug: string | undefined) => ReturnType<typeof useQuery<T["detail"]>>;
  };
  filtersData: {
    getFiltersData: (projectId: Id, filters?: T["filters"], signal?: AbortSignal) => Promise<T["filtersData"]>;
    filtersDataOptions: (projectId: Id, filters?: T["filters"]) => ReturnType<typeof detailQuery<T["filtersData"]>>;
    useFiltersData: (projectId: Id | undefined, filters?: T["filters"]) => ReturnType<typeof useQuery<T["filtersData"]>>;
  };
  create: {
    create: (body: T["create"]) => Promise<T["detail"]>;
    useCreate: () => ReturnType<typeof useMutation<T["detail"], Error, T["create"]>>;
  };
  patch: {
    patch: PatchFn<T, Occ>;
    usePatch: () => ReturnType<typeof useMutation<T["detail"], Error, PatchVariables<T, Occ>>>;
  };
  put: {
    put: PatchFn<T, Occ>;
    usePut: () => ReturnType<typeof useMutation<T["detail"], Error, PatchVariables<T, Occ>>>;
  };
  remove: {
    remove: (id: KeyOf<T>, moveTo?: Id) => Promise<null>;
    useRemove: () => ReturnType<typeof useMutation<null, Error, TargetOf<T> & { moveTo?: Id }>>;
  };
  bulkCreate: {
    bulkCreate: (body: NonNullable<T["bulkCreate"]>) => Promise<T["detail"][]>;
    useBulkCreate: () => ReturnType<typeof useMutation<T["detail"][], Error, NonNullable<T["bulkCreate"]>>>;
  };
  bulkOrder: {
    bulkOrder: (projectId: Id, order: AttributeBulkOrder) => Promise<null>;
    useBulkOrder: (projectId: Id) => ReturnType<typeof useMutation<null, Error, AttributeBulkOrder>>;
  };
  watch: {
    watch: (id: Id) => Promise<null>;
    unwatch: (id: Id) => Promise<null>;
    watchers: (id: Id, signal?: AbortSignal) => Promise<Watcher[]>;
    watchersOptions: (id: Id) => ReturnType<typeof detailQuery<Watcher[]>>;
    useWatchers: (id: Id | undefined) => ReturnType<typeof useQuery<Watcher[]>>;
    useSetWatching: () => ReturnType<typeof useMutation<null, Error, { object: ObjectRef; watch: boolean }>>;
  };
  vote: {
    upvote: (id: Id) => Promise<null>;
    downvote: (id: Id) => Promise<null>;
    voters: (id: Id, signal?: AbortSignal) => Promise<Voter[]>;
    votersOptions: (id: Id) => ReturnType<typeof detailQuery<Voter[]>>;
    useVoters: (id: Id | undefined) => ReturnType<typeof useQuery<Voter[]>>;
    useSetVote: () => ReturnType<typeof useMutation<null, Error, { object: ObjectRef; vote: boolean }>>;
  };
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export type Resource<T extends ResourceTypes, A extends Action, Occ extends boolean> = UnionToIntersection<Members<T, Occ>[A]> & {
  readonly path: string;
  readonly keys: ResourceKeys;
  readonly actions: readonly A[];
  /** Whether edits carry `version`. */
  readonly occ: Occ;
  /** What a change to `object` makes stale, its own detail entries included. */
  readonly invalidates: (object: TargetOf<T>) => QueryKey[];
  /** Writes a fresh detail into its cached detail / by-ref / by-slug entries (keeping neighbours). */
  readonly store: (client: QueryClient, detail: T["detail"]) => void;
};

// ---------------------------------------------------------------- query option builders

function listQuery<T>(queryKey: QueryKey, fetcher: (signal: AbortSignal) => Promise<T[]>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetcher(signal) });
}

function pageQuery<T>(queryKey: QueryKey, fetcher: (signal: AbortSignal) => Promise<Page<T>>) {
  // Keep the rows of the page on screen while the next one loads.
  return queryOptions<Page<T>>({ queryKey, queryFn: ({ signal }) => fetcher(signal), placeholderData: keepPreviousData });
}

function detailQuery<T>(queryKey: QueryKey, fetcher: (signal: AbortSignal) => Promise<T>) {
  return queryOptions({ queryKey, queryFn: ({ signal }) => fetcher(signal) });
}

// ---------------------------------------------------------------- optimistic cache edits

/**
 * Applies `update` to one object wherever it is cached: in every list and server page of its project
 * (under `keys.projectLists(project)`) and in its detail entries. Returns a function that puts every
 * touched entry back as it was (for a rollback when the server refuses).
 */
export function patchCachedObject<T extends { id: Id }>(client: QueryClient, keys: ResourceKeys, object: ObjectRef, update: (current: T) => T): () => void {
  const touched: [QueryKey, unknown][] = [];
  const edit = <D,>(key: QueryKey, data: D, next: D) => {
    if (next === data) return;
    touched.push([key, data]);
    client.setQueryData(key, next);
  };
  const inList = (items: T[]) => {
    let changed = false;
    const next = items.map((item) => {
      if (item.id !== object.id) return item;
      changed = true;
      return update(item);
    });
    return changed ? next : items;
  };
  for (const [key, data] of client.getQueriesData<T[] | Page<T>>({ queryKey: keys.projectLists(object.project) })) {
    if (Array.isArray(data)) edit(key, data, inList(data));
    else if (data && Array.isArray(data.items)) {
      const items = inList(data.items);
      edit(key, data, items === data.items ? data : { ...data, items });
    }
  }
  for (const key of detailKeys(keys, object)) {
    const data = client.getQueryData<T>(key);
    if (data && data.id === object.id) edit(key, data, update(data));
  }
  return () => {
    for (const [key, data] of touched) client.setQueryData(key, data);
  };
}

/** What a vote changes on the object itself. */
export function withVote<T extends { is_voter?: boolean; total_voters?: number }>(item: T, vote: boolean): T {
  if (item.is_voter === vote) return item;
  return { ...item, is_voter: vote, total_voters: Math.max(0, (item.total_voters ?? 0) + (vote ? 1 : -1)) };
}

// ---------------------------------------------------------------- deriving a resource

/** The detail entries of one object: by id (or key), by ref, by slug. */
function detailKeys(keys: ResourceKeys, object: AnyRef): QueryKey[] {
  const list: QueryKey[] = [keys.detail(object.id)];
  if (object.project !== undefined && object.ref !== undefined) list.push(keys.byRef(object.project, object.ref));
  if (object.project !== undefined && object.slug !== undefined) list.push(keys.bySlug(object.project, object.slug));
  return list;
}

/** Each key once (several created objects usually name the same lists). */
function uniqueKeys(list: readonly QueryKey[]): QueryKey[] {
  const seen = new Set<string>();
  return list.filter((key) => {
    const hash = JSON.stringify(key);
    if (seen.has(hash)) return false;
    seen.add(hash);
    return true;
  });
}

/**
 * `defineResource<Types>()(definition)`: the endpoint functions, query options and hooks of the
 * actions the definition names (typed: a resource without "vote" has no `upvote`).
 */
export function defineResource<T extends ResourceTypes>() {
  return <const A extends Action, const Occ extends boolean>(def: ResourceDefinition<T, A, Occ>): Resource<T, A, Occ> => {
    const { path, keys } = def;
    const refOf = def.refOf ?? ((detail: T["detail"]) => detail as TargetOf<T>);
    const invalidates = (object: TargetOf<T>): QueryKey[] => [...detailKeys(keys, object), ...def.invalidates(object)];

    const store = (client: QueryClient, detail: T["detail"]) => {
      for (const key of detailKeys(keys, refOf(detail))) {
        client.setQueryData<T["detail"] & { neighbors?: unknown }>(key, (old) =>
          old ? { ...detail, neighbors: (detail as { neighbors?: unknown }).neighbors ?? old.neighbors } : old,
        );
      }
    };

    // ------------------------------------------------ endpoints
    const list = (projectId: Id, filters: T["filters"] = {}, signal?: AbortSignal) =>
      getAllPages<T["item"]>(path, { query: { project: projectId, ...filters } as Query, disablePagination: true, signal });
    const listAll = (filters: T["filters"] = {}, signal?: AbortSignal) =>
      getAllPages<T["item"]>(path, { query: filters as Query, disablePagination: true, signal });
    const page = async (projectId: Id, filters: T["filters"], pageNumber: number, signal?: AbortSignal): Promise<Page<T["item"]>> => {
      const response = await request<T["item"][]>(path, { query: { project: projectId, ...filters, page: pageNumber } as Query, signal });
      return { items: response.data, pagination: response.pagination };
    };
    const url = (id: Id | string) => `${path}/${encodeURIComponent(id)}`;
    const get = (id: KeyOf<T>, signal?: AbortSignal) => http.get<T["detail"]>(url(id), { signal });
    const getByRef = (projectId: Id, ref: number, signal?: AbortSignal) =>
      http.get<T["detail"]>(`${path}/by_ref`, { query: { project: projectId, ref }, signal });
    const getBySlug = (projectId: Id, slug: string, signal?: AbortSignal) =>
      http.get<T["detail"]>(`${path}/by_slug`, { query: { project: projectId, slug }, signal });
    const getFiltersData = (projectId: Id, filters: T["filters"] = {}, signal?: AbortSignal) =>
      http.get<T["filtersData"]>(`${path}/filters_data`, { query: { project: projectId, ...filters } as Query, signal });
    const create = (body: T["create"]) => http.post<T["detail"]>(path, body);
    const write = (method: "patch" | "put") =>
      ((id: KeyOf<T>, changes: T["changes"], version?: number) =>
        http[method]<T["detail"]>(url(id), def.occ ? { ...changes, version } : changes)) as PatchFn<T, Occ>;
    const patch = write("patch");
    const put = write("put");
    const remove = (id: KeyOf<T>, moveTo?: Id) => http.delete(url(id), moveTo === undefined ? {} : { query: { moveTo } });
    const bulkCreate = (body: NonNullable<T["bulkCreate"]>) => http.post<T["detail"][]>(`${path}/bulk_create`, body);
    const bulkOrder = (projectId: Id, order: AttributeBulkOrder) =>
      http.post<null>(`${path}/bulk_update_order`, { project: projectId, [def.orderKey ?? "bulk_order"]: order });
    const watch = (id: Id) => http.post<null>(`${path}/${id}/watch`);
    const unwatch = (id: Id) => http.post<null>(`${path}/${id}/unwatch`);
    const watchers = (id: Id, signal?: AbortSignal) => getAllPages<Watcher>(`${path}/${id}/watchers`, { disablePagination: true, signal });
    const upvote = (id: Id) => http.post<null>(`${path}/${id}/upvote`);
    const downvote = (id: Id) => http.post<null>(`${path}/${id}/downvote`);
    const voters = (id: Id, signal?: AbortSignal) => getAllPages<Voter>(`${path}/${id}/voters`, { disablePagination: true, signal });

    // ------------------------------------------------ query options
    const listOptions = (projectId: Id, filters: T["filters"] = {}) =>
      listQuery<T["item"]>(keys.list(projectId, filters), (signal) => list(projectId, filters, signal));
    const listAllOptions = (filters: T["filters"] = {}) => listQuery<T["item"]>(keys.listAll(filters), (signal) => listAll(filters, signal));
    const pageOptions = (projectId: Id, filters: T["filters"], pageNumber: number) =>
      pageQuery<T["item"]>([...keys.list(projectId, filters), "page", pageNumber], (signal) => page(projectId, filters, pageNumber, signal));
    const detailOptions = (id: KeyOf<T>) => detailQuery<T["detail"]>(keys.detail(id), (signal) => get(id, signal));
    const byRefOptions = (projectId: Id, ref: number) =>
      detailQuery<T["detail"]>(keys.byRef(projectId, ref), (signal) => getByRef(projectId, ref, signal));
    const bySlugOptions = (projectId: Id, slug: string) =>
      detailQuery<T["detail"]>(keys.bySlug(projectId, slug), (signal) => getBySlug(projectId, slug, signal));
    const filtersDataOptions = (projectId: Id, filters: T["filters"] = {}) =>
      detailQuery<T["filtersData"]>(keys.filtersData(projectId, filters), (signal) => getFiltersData(projectId, filters, signal));
    const watchersOptions = (id: Id) => detailQuery<Watcher[]>(keys.watchers(id), (signal) => watchers(id, signal));
    const votersOptions = (id: Id) => detailQuery<Voter[]>(keys.voters(id), (signal) => voters(id, signal));

    // ------------------------------------------------ hooks: reads
    const useList = (projectId: Id | undefined, filters: T["filters"] = {}, options: QueryHookOptions = {}) =>
      useQuery({ ...listOptions(projectId ?? 0, filters), enabled: projectId !== undefined && (options.enabled ?? true) });
    const useListAll = (filters: T["filters"] = {}, options: QueryHookOptions = {}) =>
      useQuery({ ...listAllOptions(filters), enabled: options.enabled ?? true });
    const usePage = (projectId: Id | undefined, filters: T["filters"], pageNumber: number, options: QueryHookOptions = {}) =>
      useQuery({ ...pageOptions(projectId ?? 0, filters, pageNumber), enabled: projectId !== undefined && (options.enabled ?? true) });
    const useDetail = (id: KeyOf<T> | undefined) => useQuery({ ...detailOptions((id ?? 0) as KeyOf<T>), enabled: id !== undefined });
    const useByRef = (projectId: Id | undefined, ref: number | undefined) =>
      useQuery({ ...byRefOptions(projectId ?? 0, ref ?? 0), enabled: projectId !== undefined && ref !== undefined });
    const useBySlug = (projectId: Id | undefined, slug: string | undefined) =>
      useQuery({ ...bySlugOptions(projectId ?? 0, slug ?? ""), enabled: projectId !== undefined && slug !== undefined });
    const useFiltersData = (projectId: Id | undefined, filters: T["filters"] = {}) =>
      useQuery({ ...filtersDataOptions(projectId ?? 0, filters), enabled: projectId !== undefined });
    const useWatchers = (id: Id | undefined) => useQuery({ ...watchersOptions(id ?? 0), enabled: id !== undefined });
    const useVoters = (id: Id | undefined) => useQuery({ ...votersOptions(id ?? 0), enabled: id !== undefined });

    // ------------------------------------------------ hooks: mutations
    /** Created: invalidates what the new object touches. */
    const useCreate = () => {
      const client = useQueryClient();
      return useMutation<T["detail"], Error, T["create"]>({
        mutationFn: create,
        onSuccess: (created) => invalidateAll(client, def.invalidates(refOf(created))),
      });
    };
    /** Created several: invalidates what the new objects touch (the project's lists when none came back). */
    const useBulkCreate = () => {
      const client = useQueryClient();
      return useMutation<T["detail"][], Error, NonNullable<T["bulkCreate"]>>({
        mutationFn: bulkCreate,
        onSuccess: (created, body) => {
          const targets = created.length ? created.map(refOf) : [{ id: 0, project: body.project_id } as TargetOf<T>];
          return invalidateAll(client, uniqueKeys(targets.flatMap((target) => def.invalidates(target))));
        },
      });
    };
    /** Edited: the answer is written into the detail entries, the rest is invalidated. */
    const useWrite = (fn: PatchFn<T, Occ>) => {
      const client = useQueryClient();
      return useMutation<T["detail"], Error, PatchVariables<T, Occ>>({
        mutationFn: (variables) => {
          const { id, changes, version } = variables as { id: KeyOf<T>; changes: T["changes"]; version?: number };
          return (fn as (id: KeyOf<T>, changes: T["changes"], version?: number) => Promise<T["detail"]>)(id, changes, version);
        },
        onSuccess: (detail) => {
          store(client, detail);
          return invalidateAll(client, def.invalidates(refOf(detail)));
        },
      });
    };
    /** Deleted: its detail entries are dropped, the rest is invalidated. */
    const useRemove = () => {
      const client = useQueryClient();
      return useMutation<null, Error, TargetOf<T> & { moveTo?: Id }>({
        mutationFn: (object) => remove(object.id as KeyOf<T>, object.moveTo),
        onSuccess: (_null, object) => {
          for (const key of detailKeys(keys, object)) client.removeQueries({ queryKey: key, exact: true });
          return invalidateAll(client, def.invalidates(object));
        },
      });
    };
    /** Reordered: the project's list of this resource (and what embeds it) is refetched. */
    const useBulkOrder = (projectId: Id) => {
      const client = useQueryClient();
      return useMutation<null, Error, AttributeBulkOrder>({
        mutationFn: (order) => bulkOrder(projectId, order),
        onSettled: () => invalidateAll(client, [keys.projectLists(projectId), ...def.invalidates({ id: 0, project: projectId } as TargetOf<T>)]),
      });
    };
    /** Watch or unwatch: its watchers and the object (`is_watcher`, `total_watchers`) go stale. */
    const useSetWatching = () => {
      const client = useQueryClient();
      return useMutation<null, Error, { object: ObjectRef; watch: boolean }>({
        mutationFn: ({ object, watch: on }) => (on ? watch(object.id) : unwatch(object.id)),
        onSuccess: (_null, { object }) => invalidateAll(client, [keys.watchers(object.id), ...detailKeys(keys, object)]),
      });
    };
    /**
     * Vote or take the vote back. Optimistic: `is_voter` and `total_voters` change at once in every
     * cached list, page and detail of the object, and go back if the server refuses; afterwards its
     * voters, the object and the lists are refreshed.
     */
    const useSetVote = () => {
      const client = useQueryClient();
      return useMutation<null, Error, { object: ObjectRef; vote: boolean }, { rollback: () => void }>({
        mutationFn: ({ object, vote }) => (vote ? upvote(object.id) : downvote(object.id)),
        onMutate: async ({ object, vote }) => {
          await client.cancelQueries({ queryKey: keys.projectLists(object.project) });
          return { rollback: patchCachedObject<{ id: Id; is_voter?: boolean; total_voters?: number }>(client, keys, object, (item) => withVote(item, vote)) };
        },
        onError: (_error, _variables, context) => context?.rollback(),
        onSettled: (_null, _error, { object }) => invalidateAll(client, [keys.voters(object.id), ...detailKeys(keys, object), keys.projectLists(object.project)]),
      });
    };

    const members: { [K in Action]: Record<string, unknown> } = {
      list: { list, listOptions, useList },
      listAll: { listAll, listAllOptions, useListAll },
      page: { page, pageOptions, usePage },
      get: { get, detailOptions, useDetail },
      byRef: { getByRef, byRefOptions, useByRef },
      bySlug: { getBySlug, bySlugOptions, useBySlug },
      filtersData: { getFiltersData, filtersDataOptions, useFiltersData },
      create: { create, useCreate },
      patch: { patch, usePatch: () => useWrite(patch) },
      put: { put, usePut: () => useWrite(put) },
      remove: { remove, useRemove },
      bulkCreate: { bulkCreate, useBulkCreate },
      bulkOrder: { bulkOrder, useBulkOrder },
      watch: { watch, unwatch, watchers, watchersOptions, useWatchers, useSetWatching },
      vote: { upvote, downvote, voters, votersOptions, useVoters, useSetVote },
    };
    const resource: Record<string, unknown> = { path, keys, actions: def.actions, occ: def.occ, invalidates, store };
    for (const action of def.actions) {
      if (action === "bulkOrder" && !def.orderKey) throw new Error(`${path}: "bulkOrder" needs an orderKey`);
      Object.assign(resource, members[action]);
    }
    return resource as Resource<T, A, Occ>;
  };
}

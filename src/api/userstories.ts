/**
 * User stories: what Taiga offers for this resource, top to bottom —
 * endpoint functions, their queryOptions, and the hooks built on them.
 * Every mutation lists the query keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { getAllPages, http, type Query } from "./http";
import { keys, type ListFilters } from "./keys";
import type {
  BulkCreateUserStoriesBody,
  BulkUpdateKanbanOrderAnswer,
  BulkUpdateKanbanOrderBody,
  Id,
  StatusExtraInfo,
  UserStory,
  UserStoryDetail,
  UserStoryFiltersData,
} from "./types";
import { applyKanbanOrder, applyKanbanResult } from "../lib/kanbanOrder";

// ---------------------------------------------------------------- endpoint functions

/**
 * Filters of `GET /userstories` (userstories.md §7). Multi-valued filters are comma lists.
 * Note Taiga's misspelled `swimnlane` parameter: `swimlane` is not a filter.
 */
export interface UserStoryListFilters extends ListFilters {
  milestone?: Id | "null";
  milestone__isnull?: boolean;
  status?: Id | string;
  exclude_status?: Id | string;
  status__is_archived?: boolean;
  is_closed?: boolean;
  assigned_users?: Id | string;
  assigned_to?: Id | string;
  owner?: Id | string;
  tags?: string;
  exclude_tags?: string;
  swimnlane?: Id | "null";
  epic?: Id | "null";
  q?: string;
  order_by?: string;
}

/**
 * The whole list of a project's stories matching `filters`. Boards need every story, so this
 * asks for the unpaginated list (`x-disable-pagination`); a server that paginates anyway is
 * followed page by page, so nothing is silently cut at page one.
 */
export async function listUserStories(projectId: Id, filters: UserStoryListFilters = {}, signal?: AbortSignal): Promise<UserStory[]> {
  const query: Query = { project: projectId, ...filters };
  return getAllPages<UserStory>("/userstories", { query, disablePagination: true, signal });
}

export function getUserStory(id: Id, signal?: AbortSignal): Promise<UserStoryDetail> {
  return http.get<UserStoryDetail>(`/userstories/${id}`, { signal });
}

export function getUserStoryByRef(projectId: Id, ref: number, signal?: AbortSignal): Promise<UserStoryDetail> {
  return http.get<UserStoryDetail>("/userstories/by_ref", { query: { project: projectId, ref }, signal });
}

export function getUserStoryFiltersData(projectId: Id, filters: UserStoryListFilters = {}, signal?: AbortSignal): Promise<UserStoryFiltersData> {
  return http.get<UserStoryFiltersData>("/userstories/filters_data", { query: { project: projectId, ...filters }, signal });
}

/** Body of `POST /userstories` (userstories.md §6.1); `project` and `subject` are required. */
export interface CreateUserStoryBody {
  project: Id;
  subject: string;
  description?: string;
  status?: Id;
  swimlane?: Id | null;
  milestone?: Id | null;
  assigned_to?: Id | null;
  assigned_users?: Id[];
  tags?: (string | [string, string | null])[];
  points?: Record<string, Id>;
  is_blocked?: boolean;
  blocked_note?: string;
  due_date?: string | null;
  client_requirement?: boolean;
  team_requirement?: boolean;
}

export function createUserStory(body: CreateUserStoryBody): Promise<UserStoryDetail> {
  return http.post<UserStoryDetail>("/userstories", body);
}

/** `POST /userstories/bulk_create`: one story per non-empty line (answers 200 with the stories). */
export function bulkCreateUserStories(body: BulkCreateUserStoriesBody): Promise<UserStoryDetail[]> {
  return http.post<UserStoryDetail[]>("/userstories/bulk_create", body);
}

/** Writable fields of a story for PATCH. */
export type UserStoryChanges = Partial<Omit<CreateUserStoryBody, "project">> & {
  project?: Id;
  backlog_order?: number;
  sprint_order?: number;
  watchers?: Id[];
  comment?: string;
};

/**
 * `PATCH /userstories/<id>` with the `version` the user was looking at. A stale version is
 * answered 400 and surfaces as the transport's `ConflictError` (holding these changes).
 */
export function patchUserStory(id: Id, changes: UserStoryChanges, version: number): Promise<UserStoryDetail> {
  return http.patch<UserStoryDetail>(`/userstories/${id}`, { ...changes, version });
}

export function deleteUserStory(id: Id): Promise<null> {
  return http.delete(`/userstories/${id}`);
}

/** `POST /userstories/bulk_update_kanban_order` (bulk-ordering.md §4). */
export function bulkUpdateKanbanOrder(body: BulkUpdateKanbanOrderBody): Promise<BulkUpdateKanbanOrderAnswer> {
  return http.post<BulkUpdateKanbanOrderAnswer>("/userstories/bulk_update_kanban_order", body);
}

// ---------------------------------------------------------------- query options

/** Filters the Kanban board loads: every story whose status is not archived. */
export const kanbanBoardFilters: UserStoryListFilters = { status__is_archived: false };

export function userStoriesQueryOptions(projectId: Id, filters: UserStoryListFilters = {}) {
  return queryOptions({
    queryKey: keys.userstories.list(projectId, filters),
    queryFn: ({ signal }) => listUserStories(projectId, filters, signal),
  });
}

export function userStoryQueryOptions(id: Id) {
  return queryOptions({
    queryKey: keys.userstories.detail(id),
    queryFn: ({ signal }) => getUserStory(id, signal),
  });
}

export function userStoryByRefQueryOptions(projectId: Id, ref: number) {
  return queryOptions({
    queryKey: keys.userstories.byRef(projectId, ref),
    queryFn: ({ signal }) => getUserStoryByRef(projectId, ref, signal),
  });
}

export function userStoryFiltersDataQueryOptions(projectId: Id, filters: UserStoryListFilters = {}) {
  return queryOptions({
    queryKey: keys.userstories.filtersData(projectId, filters),
    queryFn: ({ signal }) => getUserStoryFiltersData(projectId, filters, signal),
  });
}

// ---------------------------------------------------------------- hooks: reads

export function useUserStories(projectId: Id | undefined, filters: UserStoryListFilters = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...userStoriesQueryOptions(projectId ?? 0, filters),
    enabled: projectId !== undefined && (options.enabled ?? true),
  });
}

export function useUserStory(id: Id | undefined) {
  return useQuery({ ...userStoryQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useUserStoryByRef(projectId: Id | undefined, ref: number | undefined) {
  return useQuery({
    ...userStoryByRefQueryOptions(projectId ?? 0, ref ?? 0),
    enabled: projectId !== undefined && ref !== undefined,
  });
}

export function useUserStoryFiltersData(projectId: Id | undefined, filters: UserStoryListFilters = {}) {
  return useQuery({ ...userStoryFiltersDataQueryOptions(projectId ?? 0, filters), enabled: projectId !== undefined });
}

// ---------------------------------------------------------------- invalidation

/**
 * What a change to stories of a project makes stale: every story list of the project, the
 * facet counts, the project (its stats and tag colours) and sprint stats.
 */
export function invalidateProjectStories(client: QueryClient, projectId: Id): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.userstories.projectLists(projectId) }),
    client.invalidateQueries({ queryKey: keys.userstories.filtersData(projectId).slice(0, 3) }),
    client.invalidateQueries({ queryKey: keys.projects.detail(projectId) }),
    client.invalidateQueries({ queryKey: keys.milestones.all }),
  ]).then(() => undefined);
}

/** A story's own views: its detail and its by-ref entry. */
function invalidateStory(client: QueryClient, story: { id: Id; project: Id; ref: number }): Promise<void> {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.userstories.detail(story.id) }),
    client.invalidateQueries({ queryKey: keys.userstories.byRef(story.project, story.ref) }),
  ]).then(() => undefined);
}

/**
 * New stories go straight into the cached Kanban board list (they sort last in their cell,
 * as the server placed them); every other list of the project, the facets, the project and
 * sprint stats are invalidated. The board list is not refetched: with thousands of stories
 * that would reload the whole board for one new card.
 */
function addCreatedStories(client: QueryClient, projectId: Id, created: readonly UserStory[]): Promise<void> {
  const boardKey = keys.userstories.list(projectId, kanbanBoardFilters);
  client.setQueryData<UserStory[]>(boardKey, (old) => {
    if (!old) return old;
    const known = new Set(old.map((s) => s.id));
    return [...old, ...created.filter((s) => !known.has(s.id))];
  });
  const boardHash = JSON.stringify(boardKey);
  return Promise.all([
    client.invalidateQueries({
      queryKey: keys.userstories.projectLists(projectId),
      predicate: (q) => JSON.stringify(q.queryKey) !== boardHash,
    }),
    client.invalidateQueries({ queryKey: keys.userstories.filtersData(projectId).slice(0, 3) }),
    client.invalidateQueries({ queryKey: keys.projects.detail(projectId) }),
    client.invalidateQueries({ queryKey: keys.milestones.all }),
  ]).then(() => undefined);
}

// ---------------------------------------------------------------- hooks: mutations

/**
 * Create one story. Updates the Kanban board list in place; invalidates the project's other
 * story lists, facets, project and sprint stats.
 */
export function useCreateUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createUserStory,
    onSuccess: (story) => addCreatedStories(client, story.project, [story]),
  });
}

/** Create stories from lines of text. Updates and invalidates like create. */
export function useBulkCreateUserStories() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: bulkCreateUserStories,
    onSuccess: (stories, body) => addCreatedStories(client, body.project_id, stories),
  });
}

/**
 * Edit a story (OCC). Invalidates: the story (detail, by ref), the project's story lists,
 * facets, project and sprint stats. The fresh detail is written into the cache at once.
 */
export function usePatchUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: Id; changes: UserStoryChanges; version: number }) =>
      patchUserStory(id, changes, version),
    onSuccess: (story) => {
      client.setQueryData(keys.userstories.detail(story.id), (old: UserStoryDetail | undefined) =>
        old ? { ...story, neighbors: old.neighbors } : undefined,
      );
      return Promise.all([invalidateStory(client, story), invalidateProjectStories(client, story.project)]);
    },
  });
}

/** Delete a story. Invalidates: its detail, the project's story lists, facets, project and sprint stats. */
export function useDeleteUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (story: { id: Id; project: Id; ref: number }) => deleteUserStory(story.id),
    onSuccess: (_null, story) => {
      client.removeQueries({ queryKey: keys.userstories.detail(story.id) });
      client.removeQueries({ queryKey: keys.userstories.byRef(story.project, story.ref) });
      return invalidateProjectStories(client, story.project);
    },
  });
}

export interface KanbanMoveVariables {
  body: BulkUpdateKanbanOrderBody;
  /** Status name/colour/closed flag of the target status, written into moved stories. */
  statusInfo?: StatusExtraInfo;
}

interface KanbanMoveContext {
  snapshots: [readonly unknown[], UserStory[] | undefined][];
}

/** Every cached story list of the project (the board list and any archived column). */
function projectListQueries(client: QueryClient, projectId: Id) {
  return client.getQueriesData<UserStory[]>({ queryKey: keys.userstories.projectLists(projectId) });
}

/**
 * Move stories on the Kanban board, optimistically.
 *
 * - onMutate (synchronous, within the drop's event): cancels in-flight list fetches, remembers every
 *   cached list of the project and applies the move to each, with the server's own anchor maths;
 * - onError: puts the remembered lists back (the caller explains why);
 * - onSuccess: writes the returned `kanban_order`/status/swimlane values into the lists —
 *   reconciling without refetching the board.
 *
 * Invalidates: the moved stories' details (status/swimlane changed) and the facet counts;
 * the board lists are reconciled in place, not refetched.
 */
export function useBulkUpdateKanbanOrder() {
  const client = useQueryClient();
  return useMutation<BulkUpdateKanbanOrderAnswer, Error, KanbanMoveVariables, KanbanMoveContext>({
    mutationFn: ({ body }) => bulkUpdateKanbanOrder(body),
    // Synchronous on purpose: the optimistic lists are in the cache before `mutate` returns, in the
    // same task as the drop. Cancelling reverts an in-flight fetch synchronously (its promise
    // settles later), so the lists written below are not overwritten by the cancellation.
    onMutate: ({ body, statusInfo }) => {
      void client.cancelQueries({ queryKey: keys.userstories.projectLists(body.project_id) });
      const snapshots = projectListQueries(client, body.project_id).map(
        ([key, data]) => [key, data] as [readonly unknown[], UserStory[] | undefined],
      );
      const moving = new Set(body.bulk_userstories);
      for (const [key, data] of snapshots) {
        if (!Array.isArray(data)) continue;
        let next = applyKanbanOrder(data, body).stories;
        if (statusInfo) {
          next = next.map((s) =>
            moving.has(s.id) ? { ...s, status_extra_info: statusInfo, is_closed: statusInfo.is_closed } : s,
          );
        }
        client.setQueryData(key, next);
      }
      return { snapshots };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.snapshots ?? []) client.setQueryData(key, data);
    },
    onSuccess: (rows, { body }) => {
      for (const [key, data] of projectListQueries(client, body.project_id)) {
        if (Array.isArray(data)) client.setQueryData(key, applyKanbanResult(data, rows));
      }
    },
    onSettled: (_rows, _error, { body }) =>
      Promise.all([
        ...body.bulk_userstories.map((id) => client.invalidateQueries({ queryKey: keys.userstories.detail(id) })),
        client.invalidateQueries({ queryKey: keys.userstories.filtersData(body.project_id).slice(0, 3) }),
      ]).then(() => undefined),
  });
}

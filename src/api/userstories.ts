/**
 * User stories: what Taiga offers for this resource, top to bottom — the bodies and filters, the
 * resource definition the common endpoints, queryOptions and hooks derive from, then what stories
 * do differently (bulk create into the board's cache, Kanban moves).
 * Every mutation lists the query keys it invalidates.
 */
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
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

// ---------------------------------------------------------------- bodies, filters, endpoints of their own

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

/** `POST /userstories/bulk_update_kanban_order` (bulk-ordering.md §4). */
export function bulkUpdateKanbanOrder(body: BulkUpdateKanbanOrderBody): Promise<BulkUpdateKanbanOrderAnswer> {
  return http.post<BulkUpdateKanbanOrderAnswer>("/userstories/bulk_update_kanban_order", body);
}

// ---------------------------------------------------------------- query options

/** Filters the Kanban board loads: every story whose status is not archived. */
export const kanbanBoardFilters: UserStoryListFilters = { status__is_archived: false };

// ---------------------------------------------------------------- the resource

/**
 * What a change to a story makes stale besides the story itself: every story list of the project,
 * the facet counts, the project (its stats and tag colours) and sprint stats.
 */
export function userStoryInvalidates(story: ObjectRef): QueryKey[] {
  return [
    keys.userstories.projectLists(story.project),
    keys.userstories.projectFiltersData(story.project),
    keys.projects.detail(story.project),
    keys.milestones.all,
  ];
}

export const userstories = defineResource<{
  item: UserStory;
  detail: UserStoryDetail;
  create: CreateUserStoryBody;
  changes: UserStoryChanges;
  filters: UserStoryListFilters;
  filtersData: UserStoryFiltersData;
}>()({
  path: "/userstories",
  keys: keys.userstories,
  occ: true,
  actions: ["list", "get", "byRef", "filtersData", "create", "patch", "put", "remove", "watch", "vote"],
  invalidates: userStoryInvalidates,
});

export const {
  list: listUserStories,
  get: getUserStory,
  getByRef: getUserStoryByRef,
  getFiltersData: getUserStoryFiltersData,
  create: createUserStory,
  patch: patchUserStory,
  remove: deleteUserStory,
  listOptions: userStoriesQueryOptions,
  detailOptions: userStoryQueryOptions,
  byRefOptions: userStoryByRefQueryOptions,
  filtersDataOptions: userStoryFiltersDataQueryOptions,
  useList: useUserStories,
  useDetail: useUserStory,
  useByRef: useUserStoryByRef,
  useFiltersData: useUserStoryFiltersData,
  usePatch: usePatchUserStory,
  useRemove: useDeleteUserStory,
} = userstories;

// ---------------------------------------------------------------- creating stories

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
  const [lists, ...rest] = userStoryInvalidates({ id: 0, project: projectId });
  return Promise.all([
    client.invalidateQueries({ queryKey: lists, predicate: (q) => JSON.stringify(q.queryKey) !== boardHash }),
    invalidateAll(client, rest),
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
        client.invalidateQueries({ queryKey: keys.userstories.projectFiltersData(body.project_id) }),
      ]).then(() => undefined),
  });
}

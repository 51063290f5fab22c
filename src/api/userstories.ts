/**
 * User stories: what Taiga offers for this resource, top to bottom — the bodies and filters, the
 * resource definition the common endpoints, queryOptions and hooks derive from, then what stories
 * do differently (bulk create into the board's and the backlog's caches, Kanban moves, the backlog
 * streamed in, backlog and sprint moves).
 * Every mutation lists the query keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http, request } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type {
  BulkCreateUserStoriesBody,
  BulkUpdateBacklogOrderBody,
  BulkUpdateMilestoneBody,
  Milestone,
  MilestoneUserStory,
  BulkUpdateKanbanOrderAnswer,
  BulkUpdateKanbanOrderBody,
  Id,
  StatusExtraInfo,
  UserStory,
  UserStoryDetail,
  UserStoryFiltersData,
} from "./types";
import { applyKanbanOrder, applyKanbanResult } from "../lib/kanbanOrder";
import { applyBacklogMove, applyBacklogResult, changeBacklogAndSprints, type BacklogOrderResult } from "../lib/backlogOrder";

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
  /** An epic's id, a comma list of ids (stories of any of them) or `null` (stories of no epic). */
  epic?: Id | string;
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
    keys.projects.stats(story.project),
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
 * as the server placed them) and, without sprint, at the end of the backlog; every other list of
 * the project, the facets, the project and sprint stats are invalidated. The board and the
 * backlog are not refetched: with thousands of stories that would reload them for one new story.
 */
function addCreatedStories(client: QueryClient, projectId: Id, created: readonly UserStory[]): Promise<void> {
  const boardKey = keys.userstories.list(projectId, kanbanBoardFilters);
  client.setQueryData<UserStory[]>(boardKey, (old) => {
    if (!old) return old;
    const known = new Set(old.map((s) => s.id));
    return [...old, ...created.filter((s) => !known.has(s.id))];
  });
  // new stories without sprint land at the end of the backlog (their backlog_order is "now")
  const backlog = backlogKey(projectId);
  client.setQueryData<BacklogStories>(backlog, (old) => {
    if (!old) return old;
    const known = new Set(old.stories.map((s) => s.id));
    const fresh = created.filter((s) => s.milestone === null && !known.has(s.id));
    return { ...old, stories: [...old.stories, ...fresh], total: old.total + fresh.length };
  });
  const kept = new Set([JSON.stringify(boardKey), JSON.stringify(backlog)]);
  const [lists, ...rest] = userStoryInvalidates({ id: 0, project: projectId });
  return Promise.all([
    client.invalidateQueries({ queryKey: lists, predicate: (q) => !kept.has(JSON.stringify(q.queryKey)) }),
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

// ---------------------------------------------------------------- the backlog, streamed in

/** The backlog page's stories: every story without sprint, in backlog order. */
export interface BacklogStories {
  stories: UserStory[];
  /** False while only the first page has arrived. */
  complete: boolean;
  /** How many stories the backlog holds (known from the first page). */
  total: number;
}

/** Rows asked for first, so they paint at once whatever the backlog's size. */
export const BACKLOG_FIRST_PAGE = 100;

/** The backlog's entry: a story list of the project (so story changes reach it), with its own shape. */
export const backlogKey = (projectId: Id) => [...keys.userstories.list(projectId, { milestone: "null" }), "backlog"] as const;

/**
 * The backlog, first page first: one page of `BACKLOG_FIRST_PAGE` stories is put on screen as soon
 * as it arrives (`complete: false`), then the whole list (`x-disable-pagination`) replaces it.
 * A refetch of a backlog already shown skips the first page.
 */
export function backlogQueryOptions(projectId: Id) {
  return queryOptions({
    queryKey: backlogKey(projectId),
    queryFn: async ({ client, queryKey, signal }): Promise<BacklogStories> => {
      const query = { project: projectId, milestone: "null" };
      if (!client.getQueryData<BacklogStories>(queryKey)) {
        const first = await request<UserStory[]>("/userstories", { query: { ...query, page: 1, page_size: BACKLOG_FIRST_PAGE }, signal });
        const total = first.pagination?.count ?? first.data.length;
        if (!first.pagination?.next) return { stories: first.data, complete: true, total: first.data.length };
        client.setQueryData<BacklogStories>(queryKey, { stories: first.data, complete: false, total });
      }
      const stories = await getAllPages<UserStory>("/userstories", { query, disablePagination: true, signal });
      return { stories, complete: true, total: stories.length };
    },
  });
}

export function useBacklogStories(projectId: Id | undefined) {
  return useQuery({ ...backlogQueryOptions(projectId ?? 0), enabled: projectId !== undefined });
}

/**
 * A sprint's story (the shorter shape `GET /milestones` embeds) back in the backlog list. A sprint
 * may hold the full story (moved there from the backlog in this session); otherwise what the shape
 * lacks is empty and `partial` says so until the story's own detail is read.
 */
export type BacklogStory = UserStory & { partial?: true };

export function storyFromSprint(story: MilestoneUserStory | UserStory): BacklogStory {
  if ("tags" in story) return story;
  return {
    owner: null,
    owner_extra_info: null,
    tags: [],
    attachments: [],
    is_watcher: false,
    total_watchers: 0,
    is_voter: false,
    total_voters: 0,
    watchers: [],
    generated_from_issue: null,
    generated_from_task: null,
    from_task_ref: null,
    tribe_gig: null,
    comment: "",
    origin_issue: null,
    origin_task: null,
    epic_order: null,
    tasks: [],
    total_attachments: 0,
    swimlane: null,
    assigned_users: story.assigned_to === null ? [] : [story.assigned_to],
    ...story,
    milestone_slug: null,
    milestone_name: null,
    partial: true,
  };
}

const SHAPES = { toNested: (story: UserStory): MilestoneUserStory => story, toFull: storyFromSprint };

/** The backlog entry and every cached sprint list of a project, read or written together. */
function pageCaches(client: QueryClient, projectId: Id) {
  const backlog = client.getQueryData<BacklogStories>(backlogKey(projectId));
  const sprints = client.getQueriesData<Milestone[]>({ queryKey: keys.milestones.projectLists(projectId) });
  return { backlog, sprints };
}

function writePageCaches(client: QueryClient, projectId: Id, change: (all: (UserStory | MilestoneUserStory)[]) => (UserStory | MilestoneUserStory)[]): void {
  const { backlog, sprints } = pageCaches(client, projectId);
  const lists = sprints.map(([, data]) => (Array.isArray(data) ? data : undefined));
  const next = changeBacklogAndSprints(backlog?.stories, lists, change, SHAPES);
  if (backlog && next.backlog) {
    const gone = backlog.stories.length - next.backlog.length;
    client.setQueryData<BacklogStories>(backlogKey(projectId), { ...backlog, stories: next.backlog, total: Math.max(0, backlog.total - gone) });
  }
  sprints.forEach(([key, data], i) => {
    const list = next.sprintLists[i];
    if (Array.isArray(data) && list) client.setQueryData(key, list);
  });
}

/**
 * Writes a story the server just answered (an inline status or points change) into the backlog and
 * the sprint lists at once, so its row changes before the lists are read again.
 */
export function storeStoryInBacklog(client: QueryClient, story: UserStory): void {
  writePageCaches(client, story.project, (all) => all.map((s) => (s.id === story.id ? { ...story } : s)));
}

/** `POST /userstories/bulk_update_backlog_order` (bulk-ordering.md §3): backlog and sprint moves. */
export function bulkUpdateBacklogOrder(body: BulkUpdateBacklogOrderBody): Promise<BacklogOrderResult[]> {
  return http.post<BacklogOrderResult[]>("/userstories/bulk_update_backlog_order", body);
}

interface BacklogMoveContext {
  backlog: BacklogStories | undefined;
  sprints: [QueryKey, Milestone[] | undefined][];
  /** The backlog was still streaming in: its final list may predate the move. */
  streaming: boolean;
}

/**
 * Move stories in the backlog, into a sprint, between sprints or back, optimistically; one request.
 *
 * - onMutate (synchronous, within the drop's event): cancels in-flight reads of the sprints (and of
 *   a backlog already complete), remembers the backlog and every cached sprint list and applies the
 *   move to them with the server's own anchor maths (stories change lists, sprint totals follow);
 * - onError: puts them back (the caller explains why);
 * - onSuccess: writes the returned orders into the lists — reconciling without refetching them.
 *
 * Invalidates: the moved stories' details (their sprint changed), the project stats (assigned
 * points) and sprint stats; the backlog is read again only when it was still streaming in.
 */
export function useBulkUpdateBacklogOrder() {
  const client = useQueryClient();
  return useMutation<BacklogOrderResult[], Error, { body: BulkUpdateBacklogOrderBody }, BacklogMoveContext>({
    mutationFn: ({ body }) => bulkUpdateBacklogOrder(body),
    onMutate: ({ body }) => {
      const { backlog } = pageCaches(client, body.project_id);
      const streaming = !!backlog && !backlog.complete;
      // cancelling puts back what was cached before the read: safe unless that read is the first one
      if (!streaming) void client.cancelQueries({ queryKey: backlogKey(body.project_id) });
      void client.cancelQueries({ queryKey: keys.milestones.projectLists(body.project_id) });
      const remembered = pageCaches(client, body.project_id);
      writePageCaches(client, body.project_id, (all) => applyBacklogMove(all, body));
      return { backlog: remembered.backlog, sprints: remembered.sprints, streaming };
    },
    onError: (_error, { body }, context) => {
      if (!context) return;
      if (context.backlog) client.setQueryData(backlogKey(body.project_id), context.backlog);
      for (const [key, data] of context.sprints) client.setQueryData(key, data);
    },
    onSuccess: (rows, { body }) => writePageCaches(client, body.project_id, (all) => applyBacklogResult(all, rows)),
    onSettled: (_rows, _error, { body }, context) =>
      invalidateAll(client, [
        ...body.bulk_userstories.map((id) => keys.userstories.detail(id)),
        keys.projects.stats(body.project_id),
        ["milestones", "stats"],
        ...(context?.streaming ? [backlogKey(body.project_id)] : []),
      ]),
  });
}

/**
 * `POST /userstories/bulk_update_milestone` (bulk-ordering.md §5, 204): stories into a sprint at
 * explicit `sprint_order`s. The backlog page uses the anchor-based move above; this is for callers
 * that know the orders they want.
 */
export function bulkUpdateMilestone(body: BulkUpdateMilestoneBody): Promise<null> {
  return http.post<null>("/userstories/bulk_update_milestone", body);
}

/** Invalidates: the project's story lists, sprint lists and stats, the moved stories' details. */
export function useBulkUpdateMilestone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateMilestone,
    onSuccess: (_null, body) =>
      invalidateAll(client, [
        keys.userstories.projectLists(body.project_id),
        keys.milestones.all,
        keys.projects.stats(body.project_id),
        ...body.bulk_stories.map((s) => keys.userstories.detail(s.us_id)),
      ]),
  });
}

/**
 * Edit a story from the backlog page (OCC: a stale version throws `ConflictError`). The answer goes
 * straight into the story's detail entries, the backlog and the sprint lists; the project's other
 * story lists, the facets, the project and sprint stats are invalidated — not the backlog itself,
 * which would reload thousands of stories for one changed row.
 */
export function usePatchBacklogStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: Id; changes: UserStoryChanges; version: number }) => patchUserStory(id, changes, version),
    onSuccess: (story) => {
      userstories.store(client, story);
      storeStoryInBacklog(client, story);
      const backlog = JSON.stringify(backlogKey(story.project));
      const [lists, ...rest] = userStoryInvalidates(story);
      return Promise.all([
        client.invalidateQueries({ queryKey: lists, predicate: (q) => JSON.stringify(q.queryKey) !== backlog }),
        invalidateAll(client, rest),
      ]).then(() => undefined);
    },
  });
}

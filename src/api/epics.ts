/**
 * Epics: the resource definition (list, detail, by_ref, facets, create, edit with OCC, delete,
 * bulk create, watch, vote) and what epics have of their own — the links to their user stories
 * (`/epics/<epic>/related_userstories/<story id>`, addressed by the story's id), with their order.
 * Every mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { applyLinkOrders, sortLinks } from "../lib/epicOrder";
import { defineResource, type ObjectRef } from "./resource";
import type { Epic, EpicDetail, EpicFiltersData, EpicRelatedUserStory, Id } from "./types";

// ---------------------------------------------------------------- bodies and filters

/** Filters of `GET /epics` (epics.md §1); multi-valued ones are comma lists. */
export interface EpicListFilters extends ListFilters {
  status?: Id | string;
  exclude_status?: Id | string;
  status__is_closed?: boolean;
  assigned_to?: Id | string;
  exclude_assigned_to?: Id | string;
  owner?: Id | string;
  tags?: string;
  q?: string;
}

/** Body of `POST /epics`; `project` and `subject` are required. */
export interface CreateEpicBody {
  project: Id;
  subject: string;
  description?: string;
  color?: string;
  status?: Id;
  assigned_to?: Id | null;
  tags?: (string | [string, string | null])[];
  client_requirement?: boolean;
  team_requirement?: boolean;
  is_blocked?: boolean;
  blocked_note?: string;
  epics_order?: number;
}

/** Writable fields of an epic for PATCH/PUT (sent with the `version` the user saw). */
export type EpicChanges = Partial<CreateEpicBody> & { watchers?: Id[]; comment?: string };

/** `POST /epics/bulk_create`: one epic per non-empty line (answers 200 with the epics). */
export interface BulkCreateEpicsBody {
  project_id: Id;
  bulk_epics: string;
  status_id?: Id;
}

// ---------------------------------------------------------------- the resource

/**
 * What a change to an epic makes stale besides the epic itself: the project's epic lists and facets,
 * and its story lists (cards and the story filters show the epics' subject and colour).
 */
export function epicInvalidates(epic: ObjectRef): QueryKey[] {
  return [keys.epics.projectLists(epic.project), keys.epics.projectFiltersData(epic.project), keys.userstories.projectLists(epic.project)];
}

export const epics = defineResource<{
  item: Epic;
  detail: EpicDetail;
  create: CreateEpicBody;
  changes: EpicChanges;
  filters: EpicListFilters;
  filtersData: EpicFiltersData;
  bulkCreate: BulkCreateEpicsBody;
}>()({
  path: "/epics",
  keys: keys.epics,
  occ: true,
  actions: ["list", "page", "get", "byRef", "filtersData", "create", "patch", "put", "remove", "bulkCreate", "watch", "vote"],
  invalidates: epicInvalidates,
});

export const {
  list: listEpics,
  get: getEpic,
  getByRef: getEpicByRef,
  create: createEpic,
  patch: patchEpic,
  remove: deleteEpic,
  listOptions: epicsQueryOptions,
  detailOptions: epicQueryOptions,
  byRefOptions: epicByRefQueryOptions,
  useList: useEpics,
  useDetail: useEpic,
  useByRef: useEpicByRef,
  useFiltersData: useEpicFiltersData,
  useCreate: useCreateEpic,
  usePatch: usePatchEpic,
  useRemove: useDeleteEpic,
  useBulkCreate: useBulkCreateEpics,
} = epics;

// ---------------------------------------------------------------- related user stories: endpoints

const relatedPath = (epicId: Id) => `/epics/${epicId}/related_userstories`;

/** `GET /epics/<epic>/related_userstories`: the epic's links `{epic, user_story, order}`, in their order. */
export async function listEpicRelatedUserStories(epicId: Id, signal?: AbortSignal): Promise<EpicRelatedUserStory[]> {
  const links = await getAllPages<EpicRelatedUserStory>(relatedPath(epicId), { disablePagination: true, signal });
  return links.sort((a, b) => a.order - b.order || a.user_story - b.user_story);
}

/** `GET /epics/<epic>/related_userstories/<story id>`. */
export function getEpicRelatedUserStory(epicId: Id, userStoryId: Id, signal?: AbortSignal): Promise<EpicRelatedUserStory> {
  return http.get<EpicRelatedUserStory>(`${relatedPath(epicId)}/${userStoryId}`, { signal });
}

/** `POST /epics/<epic>/related_userstories` `{epic, user_story, order?}` (201; a second link of the same story is a 400). */
export function createEpicRelatedUserStory(epicId: Id, userStoryId: Id, order?: number): Promise<EpicRelatedUserStory> {
  return http.post<EpicRelatedUserStory>(relatedPath(epicId), { epic: epicId, user_story: userStoryId, ...(order === undefined ? {} : { order }) });
}

/**
 * `PATCH /epics/<epic>/related_userstories/<story id>` `{order}`: Taiga shifts the other links (no
 * OCC); `setOrders` (`{"<story id>": order}`, sent as the `set-orders` header) fixes other links'
 * orders in the same request — what src/lib/epicOrder.ts asks for when equal orders need it.
 */
export function patchEpicRelatedUserStory(epicId: Id, userStoryId: Id, changes: { order: number }, setOrders?: Record<string, number>): Promise<EpicRelatedUserStory> {
  return http.patch<EpicRelatedUserStory>(`${relatedPath(epicId)}/${userStoryId}`, changes, setOrders ? { headers: { "set-orders": JSON.stringify(setOrders) } } : {});
}

/** `PUT /epics/<epic>/related_userstories/<story id>` with the whole link. */
export function putEpicRelatedUserStory(epicId: Id, userStoryId: Id, order: number): Promise<EpicRelatedUserStory> {
  return http.put<EpicRelatedUserStory>(`${relatedPath(epicId)}/${userStoryId}`, { epic: epicId, user_story: userStoryId, order });
}

/** `DELETE /epics/<epic>/related_userstories/<story id>`: unlinks the story (the story stays). */
export function deleteEpicRelatedUserStory(epicId: Id, userStoryId: Id): Promise<null> {
  return http.delete(`${relatedPath(epicId)}/${userStoryId}`);
}

/** `POST /epics/<epic>/related_userstories/bulk_create`: new stories, one per line, linked to the epic; answers every link of the epic. */
export function bulkCreateEpicRelatedUserStories(epicId: Id, body: { project_id: Id; bulk_userstories: string }): Promise<EpicRelatedUserStory[]> {
  return http.post<EpicRelatedUserStory[]>(`${relatedPath(epicId)}/bulk_create`, body);
}

// ---------------------------------------------------------------- related user stories: reads

export const epicRelatedUserStoriesQueryOptions = (epicId: Id) =>
  queryOptions({ queryKey: keys.epics.related(epicId), queryFn: ({ signal }) => listEpicRelatedUserStories(epicId, signal) });

export const epicRelatedUserStoryQueryOptions = (epicId: Id, userStoryId: Id) =>
  queryOptions({ queryKey: keys.epics.relatedLink(epicId, userStoryId), queryFn: ({ signal }) => getEpicRelatedUserStory(epicId, userStoryId, signal) });

export function useEpicRelatedUserStories(epicId: Id | undefined) {
  return useQuery({ ...epicRelatedUserStoriesQueryOptions(epicId ?? 0), enabled: epicId !== undefined });
}

export function useEpicRelatedUserStory(epicId: Id | undefined, userStoryId: Id | undefined) {
  return useQuery({ ...epicRelatedUserStoryQueryOptions(epicId ?? 0, userStoryId ?? 0), enabled: epicId !== undefined && userStoryId !== undefined });
}

// ---------------------------------------------------------------- related user stories: mutations

/** Which epic (and its project) a link change is about. */
export interface EpicLinkTarget {
  epic: Id;
  project: Id;
  /** The story linked or unlinked; absent for bulk creation. */
  user_story?: Id;
}

/**
 * What a link change makes stale: the epic's links, the epic (its `user_stories_counts`) by id and by
 * ref and the project's epic lists; the story (its `epics`) by id and by ref, the project's story lists
 * and the story facets (the epic filter counts).
 */
export function epicLinkInvalidates(target: EpicLinkTarget): QueryKey[] {
  const list: QueryKey[] = [
    keys.epics.related(target.epic),
    keys.epics.detail(target.epic),
    ["epics", "ref", target.project],
    keys.epics.projectLists(target.project),
    keys.userstories.projectLists(target.project),
    keys.userstories.projectFiltersData(target.project),
  ];
  if (target.user_story !== undefined) list.push(keys.userstories.detail(target.user_story), ["userstories", "ref", target.project]);
  return list;
}

/** Link a story to an epic. Invalidates `epicLinkInvalidates`. */
export function useCreateEpicRelatedUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: EpicLinkTarget & { user_story: Id; order?: number }) => createEpicRelatedUserStory(link.epic, link.user_story, link.order),
    onSuccess: (_link, target) => invalidateAll(client, epicLinkInvalidates(target)),
  });
}

interface ReorderContext {
  previous: EpicRelatedUserStory[] | undefined;
}

/**
 * Move a story inside its epic (`{order}`, plus `setOrders` for the `set-orders` header; see
 * `linkMoveRequest` in src/lib/epicOrder.ts). Optimistic on the epic's cached links, renumbered as
 * Taiga will (`applyLinkOrders`), rolled back on error; the links are refetched afterwards.
 * Invalidates `epicLinkInvalidates`.
 */
export function usePatchEpicRelatedUserStory() {
  const client = useQueryClient();
  return useMutation<EpicRelatedUserStory, Error, EpicLinkTarget & { user_story: Id; order: number; setOrders?: Record<string, number> }, ReorderContext>({
    mutationFn: (link) => patchEpicRelatedUserStory(link.epic, link.user_story, { order: link.order }, link.setOrders),
    onMutate: async (link) => {
      const key = keys.epics.related(link.epic);
      // Fired, not awaited: the drop must show in the same frame.
      void client.cancelQueries({ queryKey: key, exact: true });
      const previous = client.getQueryData<EpicRelatedUserStory[]>(key);
      if (Array.isArray(previous)) client.setQueryData<EpicRelatedUserStory[]>(key, sortLinks(applyLinkOrders(previous, link)));
      return { previous };
    },
    onError: (_error, link, context) => {
      if (context?.previous) client.setQueryData(keys.epics.related(link.epic), context.previous);
    },
    onSettled: (_answer, _error, link) => invalidateAll(client, epicLinkInvalidates(link)),
  });
}

/** Replace a link (`PUT`, with its order). Invalidates `epicLinkInvalidates`. */
export function usePutEpicRelatedUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: EpicLinkTarget & { user_story: Id; order: number }) => putEpicRelatedUserStory(link.epic, link.user_story, link.order),
    onSuccess: (_answer, link) => invalidateAll(client, epicLinkInvalidates(link)),
  });
}

/** Unlink a story from an epic. Drops the link's entry; invalidates `epicLinkInvalidates`. */
export function useDeleteEpicRelatedUserStory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (link: EpicLinkTarget & { user_story: Id }) => deleteEpicRelatedUserStory(link.epic, link.user_story),
    onSuccess: (_null, link) => {
      client.removeQueries({ queryKey: keys.epics.relatedLink(link.epic, link.user_story), exact: true });
      return invalidateAll(client, epicLinkInvalidates(link));
    },
  });
}

/** Create stories inside an epic from lines of text. The answer (every link) becomes the epic's links; invalidates `epicLinkInvalidates`. */
export function useBulkCreateEpicRelatedUserStories() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ epic, project, bulk_userstories }: EpicLinkTarget & { bulk_userstories: string }) =>
      bulkCreateEpicRelatedUserStories(epic, { project_id: project, bulk_userstories }),
    onSuccess: (links, target) => {
      client.setQueryData(keys.epics.related(target.epic), [...links].sort((a, b) => a.order - b.order || a.user_story - b.user_story));
      const [, ...rest] = epicLinkInvalidates(target);
      return invalidateAll(client, rest);
    },
  });
}

/**
 * History and comments (`/history/<type>/<id>`). There is no "create comment" endpoint: a
 * comment is a PATCH of the item with `{comment, version}` (it never conflicts), so adding one
 * lives with the item's own patch; editing, deleting and restoring live here.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { keys } from "./keys";
import type { CommentVersion, HistoryEntry, HistoryFilter, HistoryObjectType, Id } from "./types";

// ---------------------------------------------------------------- endpoint functions

/** `GET /history/<type>/<id>` (newest first), every entry; `filter` picks comments or activity. */
export function listHistory(type: HistoryObjectType, objectId: Id, filter: HistoryFilter = "all", signal?: AbortSignal): Promise<HistoryEntry[]> {
  return getAllPages<HistoryEntry>(`/history/${type}/${objectId}`, {
    query: filter === "all" ? {} : { type: filter },
    disablePagination: true,
    signal,
  });
}

/** `POST /history/<type>/<id>/edit_comment?id=<entry>` (200, empty). */
export function editComment(type: HistoryObjectType, objectId: Id, entryId: string, comment: string): Promise<null> {
  return http.post<null>(`/history/${type}/${objectId}/edit_comment`, { comment }, { query: { id: entryId } });
}

/** `POST /history/<type>/<id>/delete_comment?id=<entry>` (200, empty). */
export function deleteComment(type: HistoryObjectType, objectId: Id, entryId: string): Promise<null> {
  return http.post<null>(`/history/${type}/${objectId}/delete_comment`, undefined, { query: { id: entryId } });
}

/** `POST /history/<type>/<id>/undelete_comment?id=<entry>` (200, empty). */
export function undeleteComment(type: HistoryObjectType, objectId: Id, entryId: string): Promise<null> {
  return http.post<null>(`/history/${type}/${objectId}/undelete_comment`, undefined, { query: { id: entryId } });
}

/** `GET /history/<type>/<id>/comment_versions?id=<entry>`: earlier texts, or null when never edited. */
export function getCommentVersions(type: HistoryObjectType, objectId: Id, entryId: string, signal?: AbortSignal): Promise<CommentVersion[] | null> {
  return http.get<CommentVersion[] | null>(`/history/${type}/${objectId}/comment_versions`, { query: { id: entryId }, signal });
}

// ---------------------------------------------------------------- query options and reads

export const historyQueryOptions = (type: HistoryObjectType, objectId: Id, filter: HistoryFilter = "all") =>
  queryOptions({
    queryKey: keys.history.list(type, objectId, filter),
    queryFn: ({ signal }) => listHistory(type, objectId, filter, signal),
  });

export const commentVersionsQueryOptions = (type: HistoryObjectType, objectId: Id, entryId: string) =>
  queryOptions({
    queryKey: keys.history.commentVersions(type, objectId, entryId),
    queryFn: ({ signal }) => getCommentVersions(type, objectId, entryId, signal),
  });

export function useCommentVersions(type: HistoryObjectType, objectId: Id | undefined, entryId: string | undefined) {
  return useQuery({ ...commentVersionsQueryOptions(type, objectId ?? 0, entryId ?? ""), enabled: objectId !== undefined && !!entryId });
}

export function useHistory(type: HistoryObjectType, objectId: Id | undefined, filter: HistoryFilter = "all") {
  return useQuery({ ...historyQueryOptions(type, objectId ?? 0, filter), enabled: objectId !== undefined });
}

// ---------------------------------------------------------------- mutations

/** Everything a comment or an item change touches in the history: all of the item's entries. */
export const historyInvalidates = (type: HistoryObjectType, objectId: Id): QueryKey[] => [keys.history.entries(type, objectId)];

type CommentAction =
  | { action: "edit"; entryId: string; comment: string }
  | { action: "delete"; entryId: string }
  | { action: "undelete"; entryId: string };

/** Edit, delete or restore a comment. Invalidates `historyInvalidates(type, id)`. */
export function useCommentAction(type: HistoryObjectType, objectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: CommentAction) => {
      if (change.action === "edit") return editComment(type, objectId, change.entryId, change.comment);
      if (change.action === "delete") return deleteComment(type, objectId, change.entryId);
      return undeleteComment(type, objectId, change.entryId);
    },
    onSuccess: () => Promise.all(historyInvalidates(type, objectId).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

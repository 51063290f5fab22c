/**
 * Attachments (`/<type>/attachments`, for stories, tasks, issues, epics and wiki pages): list,
 * multipart upload, detail, PATCH (description, deprecation, order; Taiga refuses PUT with 405),
 * delete. Adding or removing one writes a history entry on the item but does not bump its `version`.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { keys } from "./keys";
import type { Attachment, AttachmentObjectType, HistoryObjectType, Id } from "./types";

/** `GET /<type>/attachments?project=&object_id=`, every page, in the attachments' own order. */
export async function listAttachments(type: AttachmentObjectType, projectId: Id, objectId: Id, signal?: AbortSignal): Promise<Attachment[]> {
  const rows = await getAllPages<Attachment>(`/${type}/attachments`, { query: { project: projectId, object_id: objectId }, disablePagination: true, signal });
  return rows.sort((a, b) => a.order - b.order || a.id - b.id);
}

/** `POST /<type>/attachments` as multipart: `project`, `object_id`, `attached_file` (+ `description`). */
export function uploadAttachment(type: AttachmentObjectType, projectId: Id, objectId: Id, file: File, description = ""): Promise<Attachment> {
  const form = new FormData();
  form.append("project", String(projectId));
  form.append("object_id", String(objectId));
  form.append("attached_file", file, file.name);
  if (description) form.append("description", description);
  return http.post<Attachment>(`/${type}/attachments`, form);
}

export function deleteAttachment(type: AttachmentObjectType, id: Id): Promise<null> {
  return http.delete(`/${type}/attachments/${id}`);
}

/** `GET /<type>/attachments/<id>`. */
export function getAttachment(type: AttachmentObjectType, id: Id, signal?: AbortSignal): Promise<Attachment> {
  return http.get<Attachment>(`/${type}/attachments/${id}`, { signal });
}

/** What an attachment's PATCH may change. */
export type AttachmentChanges = Partial<Pick<Attachment, "description" | "is_deprecated" | "order">>;

/** `PATCH /<type>/attachments/<id>` (no OCC). */
export function patchAttachment(type: AttachmentObjectType, id: Id, changes: AttachmentChanges): Promise<Attachment> {
  return http.patch<Attachment>(`/${type}/attachments/${id}`, changes);
}

export const attachmentsQueryOptions = (type: AttachmentObjectType, projectId: Id, objectId: Id) =>
  queryOptions({
    queryKey: keys.attachments.list(type, objectId),
    queryFn: ({ signal }) => listAttachments(type, projectId, objectId, signal),
  });

export const attachmentQueryOptions = (type: AttachmentObjectType, id: Id) =>
  queryOptions({ queryKey: keys.attachments.detail(type, id), queryFn: ({ signal }) => getAttachment(type, id, signal) });

export function useAttachment(type: AttachmentObjectType, id: Id | undefined) {
  return useQuery({ ...attachmentQueryOptions(type, id ?? 0), enabled: id !== undefined });
}

export function useAttachments(type: AttachmentObjectType, projectId: Id | undefined, objectId: Id | undefined) {
  return useQuery({ ...attachmentsQueryOptions(type, projectId ?? 0, objectId ?? 0), enabled: projectId !== undefined && objectId !== undefined });
}

const HISTORY_TYPE: Record<AttachmentObjectType, HistoryObjectType> = {
  userstories: "userstory",
  tasks: "task",
  issues: "issue",
  epics: "epic",
  wiki: "wiki",
};

/** An upload or delete touches the item's attachment list and its history. */
export const attachmentsInvalidates = (type: AttachmentObjectType, objectId: Id): QueryKey[] => [
  keys.attachments.list(type, objectId),
  keys.history.entries(HISTORY_TYPE[type], objectId),
];

/** Upload files to an item. Invalidates `attachmentsInvalidates(type, objectId)`. */
export function useUploadAttachment(type: AttachmentObjectType, projectId: Id, objectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(type, projectId, objectId, file),
    onSuccess: () => Promise.all(attachmentsInvalidates(type, objectId).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

/** Delete an attachment. Drops its detail; invalidates `attachmentsInvalidates(type, objectId)`. */
export function useDeleteAttachment(type: AttachmentObjectType, objectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => deleteAttachment(type, id),
    onSuccess: (_null, id) => {
      client.removeQueries({ queryKey: keys.attachments.detail(type, id), exact: true });
      return Promise.all(attachmentsInvalidates(type, objectId).map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

/** Describe, deprecate or reorder an attachment. Stores the answer; invalidates `attachmentsInvalidates(type, objectId)`. */
export function usePatchAttachment(type: AttachmentObjectType, objectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: Id; changes: AttachmentChanges }) => patchAttachment(type, id, changes),
    onSuccess: (attachment) => {
      client.setQueryData(keys.attachments.detail(type, attachment.id), attachment);
      return Promise.all(attachmentsInvalidates(type, objectId).map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

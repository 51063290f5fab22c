/**
 * Issues: what Taiga offers for this resource, top to bottom — endpoint functions, their
 * queryOptions, and the hooks built on them. Every mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http, type Query } from "./http";
import { invalidateAll, keys, type ListFilters, storeDetail } from "./keys";
import type { Id, Issue, IssueDetail } from "./types";
import { listWatchers, unwatchItem, watchItem } from "./watchers";

// ---------------------------------------------------------------- endpoint functions

export interface IssueListFilters extends ListFilters {
  status?: Id | string;
  exclude_status?: Id | string;
  type?: Id | string;
  severity?: Id | string;
  priority?: Id | string;
  assigned_to?: Id | string;
  milestone?: Id | "null";
  tags?: string;
  q?: string;
  order_by?: string;
}

/** `GET /issues?project=` with filters, the whole list. */
export function listIssues(projectId: Id, filters: IssueListFilters = {}, signal?: AbortSignal): Promise<Issue[]> {
  const query: Query = { project: projectId, ...filters };
  return getAllPages<Issue>("/issues", { query, disablePagination: true, signal });
}

export function getIssue(id: Id, signal?: AbortSignal): Promise<IssueDetail> {
  return http.get<IssueDetail>(`/issues/${id}`, { signal });
}

export function getIssueByRef(projectId: Id, ref: number, signal?: AbortSignal): Promise<IssueDetail> {
  return http.get<IssueDetail>("/issues/by_ref", { query: { project: projectId, ref }, signal });
}

/** Body of `POST /issues`; `project` and `subject` are required. */
export interface CreateIssueBody {
  project: Id;
  subject: string;
  description?: string;
  status?: Id;
  type?: Id;
  severity?: Id;
  priority?: Id;
  milestone?: Id | null;
  assigned_to?: Id | null;
  tags?: (string | [string, string | null])[];
  is_blocked?: boolean;
  blocked_note?: string;
  due_date?: string | null;
}

export function createIssue(body: CreateIssueBody): Promise<IssueDetail> {
  return http.post<IssueDetail>("/issues", body);
}

/** Writable fields of an issue for PATCH. */
export type IssueChanges = Partial<Omit<CreateIssueBody, "project">> & { watchers?: Id[]; comment?: string };

/** `PATCH /issues/<id>` with the version the user saw; a stale one throws the transport's ConflictError. */
export function patchIssue(id: Id, changes: IssueChanges, version: number): Promise<IssueDetail> {
  return http.patch<IssueDetail>(`/issues/${id}`, { ...changes, version });
}

export function deleteIssue(id: Id): Promise<null> {
  return http.delete(`/issues/${id}`);
}

export const watchIssue = (id: Id) => watchItem("issues", id);
export const unwatchIssue = (id: Id) => unwatchItem("issues", id);
export const listIssueWatchers = (id: Id, signal?: AbortSignal) => listWatchers("issues", id, signal);

// ---------------------------------------------------------------- query options

export const issuesQueryOptions = (projectId: Id, filters: IssueListFilters = {}) =>
  queryOptions({ queryKey: keys.issues.list(projectId, filters), queryFn: ({ signal }) => listIssues(projectId, filters, signal) });

export const issueQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.issues.detail(id), queryFn: ({ signal }) => getIssue(id, signal) });

export const issueByRefQueryOptions = (projectId: Id, ref: number) =>
  queryOptions({ queryKey: keys.issues.byRef(projectId, ref), queryFn: ({ signal }) => getIssueByRef(projectId, ref, signal) });

// ---------------------------------------------------------------- hooks: reads

export function useIssues(projectId: Id | undefined, filters: IssueListFilters = {}) {
  return useQuery({ ...issuesQueryOptions(projectId ?? 0, filters), enabled: projectId !== undefined });
}

export function useIssue(id: Id | undefined) {
  return useQuery({ ...issueQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useIssueByRef(projectId: Id | undefined, ref: number | undefined) {
  return useQuery({ ...issueByRefQueryOptions(projectId ?? 0, ref ?? 0), enabled: projectId !== undefined && ref !== undefined });
}

// ---------------------------------------------------------------- invalidation

/** What an issue change makes stale: the issue (detail, by ref), the project's issue lists and facets, sprint stats. */
export function issueInvalidates(issue: { id: Id; project: Id; ref: number }): QueryKey[] {
  return [
    keys.issues.detail(issue.id),
    keys.issues.byRef(issue.project, issue.ref),
    keys.issues.projectLists(issue.project),
    keys.issues.filtersData(issue.project).slice(0, 3),
    keys.milestones.all,
  ];
}

/** Writes a fresh issue into its detail and by-ref entries (keeping the neighbours we had). */
export function storeIssue(client: QueryClient, issue: IssueDetail): void {
  storeDetail(client, [keys.issues.detail(issue.id), keys.issues.byRef(issue.project, issue.ref)], issue);
}

// ---------------------------------------------------------------- hooks: mutations

/** Create an issue. Invalidates `issueInvalidates(issue)`. */
export function useCreateIssue() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createIssue, onSuccess: (issue) => invalidateAll(client, issueInvalidates(issue)) });
}

/** Edit an issue with OCC. Stores the answer; invalidates the lists, facets and sprint stats. */
export function usePatchIssue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: Id; changes: IssueChanges; version: number }) => patchIssue(id, changes, version),
    onSuccess: (issue) => {
      storeIssue(client, issue);
      return invalidateAll(client, issueInvalidates(issue).slice(2));
    },
  });
}

/** Delete an issue. Removes its entries; invalidates the lists, facets and sprint stats. */
export function useDeleteIssue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (issue: { id: Id; project: Id; ref: number }) => deleteIssue(issue.id),
    onSuccess: (_null, issue) => {
      client.removeQueries({ queryKey: keys.issues.detail(issue.id) });
      client.removeQueries({ queryKey: keys.issues.byRef(issue.project, issue.ref) });
      return invalidateAll(client, issueInvalidates(issue).slice(2));
    },
  });
}

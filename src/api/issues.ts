/**
 * Issues: what Taiga offers for this resource — the bodies and filters it takes, then the resource
 * definition from which the endpoint functions, queryOptions and hooks are derived.
 */
import type { QueryKey } from "@tanstack/react-query";
import { keys, type ListFilters } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { Id, Issue, IssueDetail, IssueFiltersData } from "./types";

// ---------------------------------------------------------------- bodies and filters

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

/** Writable fields of an issue for PATCH. */
export type IssueChanges = Partial<Omit<CreateIssueBody, "project">> & { watchers?: Id[]; comment?: string };

// ---------------------------------------------------------------- the resource

/** What an issue change makes stale besides the issue itself: the project's issue lists, facets, sprint stats. */
export function issueInvalidates(issue: ObjectRef): QueryKey[] {
  return [keys.issues.projectLists(issue.project), keys.issues.projectFiltersData(issue.project), keys.milestones.all];
}

export const issues = defineResource<{
  item: Issue;
  detail: IssueDetail;
  create: CreateIssueBody;
  changes: IssueChanges;
  filters: IssueListFilters;
  filtersData: IssueFiltersData;
}>()({
  path: "/issues",
  keys: keys.issues,
  occ: true,
  actions: ["list", "page", "get", "byRef", "filtersData", "create", "patch", "put", "remove", "watch", "vote"],
  invalidates: issueInvalidates,
});

export const {
  list: listIssues,
  get: getIssue,
  getByRef: getIssueByRef,
  create: createIssue,
  patch: patchIssue,
  remove: deleteIssue,
  watch: watchIssue,
  unwatch: unwatchIssue,
  watchers: listIssueWatchers,
  listOptions: issuesQueryOptions,
  detailOptions: issueQueryOptions,
  byRefOptions: issueByRefQueryOptions,
  useList: useIssues,
  useDetail: useIssue,
  useByRef: useIssueByRef,
  useCreate: useCreateIssue,
  usePatch: usePatchIssue,
  useRemove: useDeleteIssue,
} = issues;

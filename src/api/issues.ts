/**
 * Issues: what Taiga offers for this resource — the bodies and filters it takes, then the resource
 * definition from which the endpoint functions, queryOptions and hooks are derived (list, one server
 * page, detail, by ref, filters_data, create, PATCH/PUT with OCC, delete, watch, vote), and the
 * issue-only endpoints written by hand: bulk_create, bulk_update_milestone, promote_to_user_story.
 */
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { Id, Issue, IssueDetail, IssueFiltersData } from "./types";

// ---------------------------------------------------------------- bodies and filters

/**
 * `GET /issues` filters. The id facets take comma lists (`"3,7,null"`); every one has its
 * `exclude_` twin. `tags` are OR-ed; `q` is Taiga's full-text search (word prefixes, `or`, `not`,
 * `"phrases"`). `order_by`: type, project, status, severity, priority, created_date, modified_date,
 * owner, assigned_to, subject, total_voters, ref, each with `-` for descending.
 */
export interface IssueListFilters extends ListFilters {
  status?: Id | string;
  exclude_status?: Id | string;
  type?: Id | string;
  exclude_type?: Id | string;
  severity?: Id | string;
  exclude_severity?: Id | string;
  priority?: Id | string;
  exclude_priority?: Id | string;
  assigned_to?: Id | string;
  exclude_assigned_to?: Id | string;
  owner?: Id | string;
  exclude_owner?: Id | string;
  role?: Id | string;
  exclude_role?: Id | string;
  tags?: string;
  exclude_tags?: string;
  watchers?: Id | string;
  milestone?: Id | "null";
  status__is_closed?: boolean;
  q?: string;
  order_by?: string;
}

/** The columns `order_by` accepts on issues. */
export const ISSUE_ORDER_FIELDS = ["type", "project", "status", "severity", "priority", "created_date", "modified_date", "owner", "assigned_to", "subject", "total_voters", "ref"] as const;
export type IssueOrderField = (typeof ISSUE_ORDER_FIELDS)[number];

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
  page: issuesPage,
  getFiltersData: getIssueFiltersData,
  upvote: upvoteIssue,
  downvote: downvoteIssue,
  voters: listIssueVoters,
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
  pageOptions: issuesPageOptions,
  filtersDataOptions: issueFiltersDataOptions,
  useList: useIssues,
  usePage: useIssuesPage,
  useFiltersData: useIssueFiltersData,
  useSetVote: useSetIssueVote,
  useVoters: useIssueVoters,
  useDetail: useIssue,
  useByRef: useIssueByRef,
  useCreate: useCreateIssue,
  usePatch: usePatchIssue,
  useRemove: useDeleteIssue,
} = issues;

// ---------------------------------------------------------------- issue-only endpoints

/** `POST /issues/bulk_create`: one issue per non-empty line, project defaults for everything else. */
export function bulkCreateIssues(projectId: Id, text: string, milestoneId?: Id | null): Promise<IssueDetail[]> {
  return http.post<IssueDetail[]>("/issues/bulk_create", { project_id: projectId, bulk_issues: text, ...(milestoneId ? { milestone_id: milestoneId } : {}) });
}

/** Bulk add. Invalidates the project's issue lists and facets (and sprint stats when in a sprint). */
export function useBulkCreateIssues(projectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ text, milestoneId }: { text: string; milestoneId?: Id | null }) => bulkCreateIssues(projectId, text, milestoneId),
    onSuccess: () => invalidateAll(client, issueInvalidates({ id: 0, project: projectId })),
  });
}

/**
 * `POST /issues/bulk_update_milestone`: moves issues into a sprint (Taiga writes no history and does
 * not bump their versions). Answers `{"<issue id>": <sprint id>}`.
 */
export function bulkUpdateIssuesMilestone(projectId: Id, milestoneId: Id, issueIds: readonly Id[]): Promise<Record<string, Id>> {
  return http.post<Record<string, Id>>("/issues/bulk_update_milestone", {
    project_id: projectId,
    milestone_id: milestoneId,
    bulk_issues: issueIds.map((id) => ({ issue_id: id })),
  });
}

/** Moves issues into a sprint. Invalidates the issues (lists, facets, the moved details) and the sprints. */
export function useBulkUpdateIssuesMilestone(projectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ milestoneId, issueIds }: { milestoneId: Id; issueIds: readonly Id[] }) => bulkUpdateIssuesMilestone(projectId, milestoneId, issueIds),
    // the moved issues' details and by-ref entries (the prefix of every by-ref key of the project)
    onSuccess: (_answer, { issueIds }) =>
      invalidateAll(client, [...issueIds.map((id) => keys.issues.detail(id)), keys.issues.byRef(projectId, 0).slice(0, 3), ...issueInvalidates({ id: 0, project: projectId })]),
  });
}

/**
 * `POST /issues/<id>/promote_to_user_story` `{project_id}`: a new story from the issue (its subject,
 * description, tags, sprint, assignee, comments, attachments and watchers); the issue stays and lists
 * the story in `generated_user_stories`. Answers the new story's ref.
 */
export async function promoteIssueToStory(issue: ObjectRef): Promise<number> {
  const refs = await http.post<number[]>(`/issues/${issue.id}/promote_to_user_story`, { project_id: issue.project });
  const ref = refs[0];
  if (ref === undefined) throw new Error("Taiga did not say which story it created.");
  return ref;
}

/** Promote. Invalidates the issue (its generated stories) and the project's story lists. */
export function usePromoteIssue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: promoteIssueToStory,
    onSuccess: (_ref, issue) => invalidateAll(client, [...issues.invalidates(issue), keys.userstories.projectLists(issue.project), keys.userstories.projectFiltersData(issue.project)]),
  });
}

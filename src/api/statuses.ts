/**
 * Status lists of user stories, tasks and issues (`/userstory-statuses`,
 * `/task-statuses`, `/issue-statuses`) and their column order.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, IssueStatus, TaskStatus, UserStoryStatus } from "./types";

// ---------------------------------------------------------------- endpoints

export const listUserStoryStatuses = (projectId: Id) => listProjectAttribute<UserStoryStatus>("/userstory-statuses", projectId);
export const listTaskStatuses = (projectId: Id) => listProjectAttribute<TaskStatus>("/task-statuses", projectId);
export const listIssueStatuses = (projectId: Id) => listProjectAttribute<IssueStatus>("/issue-statuses", projectId);

export const bulkUpdateUserStoryStatusOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/userstory-statuses", "bulk_userstory_statuses", projectId, order);
export const bulkUpdateTaskStatusOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/task-statuses", "bulk_task_statuses", projectId, order);
export const bulkUpdateIssueStatusOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/issue-statuses", "bulk_issue_statuses", projectId, order);

// ---------------------------------------------------------------- queries

export const userStoryStatusesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.userstoryStatuses.list(projectId), queryFn: () => listUserStoryStatuses(projectId) });
export const taskStatusesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.taskStatuses.list(projectId), queryFn: () => listTaskStatuses(projectId) });
export const issueStatusesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.issueStatuses.list(projectId), queryFn: () => listIssueStatuses(projectId) });

export const useUserStoryStatuses = (projectId: Id) => useQuery(userStoryStatusesQueryOptions(projectId));
export const useTaskStatuses = (projectId: Id) => useQuery(taskStatusesQueryOptions(projectId));
export const useIssueStatuses = (projectId: Id) => useQuery(issueStatusesQueryOptions(projectId));

// ---------------------------------------------------------------- mutations

/**
 * Reordering statuses changes the status list and the project detail that embeds it
 * (the board reads its columns from there).
 */
export const statusOrderInvalidates = (kind: "userstory" | "task" | "issue", projectId: Id): QueryKey[] => [
  kind === "userstory" ? keys.userstoryStatuses.list(projectId) : kind === "task" ? keys.taskStatuses.list(projectId) : keys.issueStatuses.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

const ORDER_ENDPOINT = {
  userstory: bulkUpdateUserStoryStatusOrder,
  task: bulkUpdateTaskStatusOrder,
  issue: bulkUpdateIssueStatusOrder,
} as const;

export function useBulkUpdateStatusOrder(kind: "userstory" | "task" | "issue", projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => ORDER_ENDPOINT[kind](projectId, order),
    onSettled: () =>
      Promise.all(statusOrderInvalidates(kind, projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

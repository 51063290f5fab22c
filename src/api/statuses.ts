/**
 * Status lists of user stories, tasks, issues and epics (`/userstory-statuses`, `/task-statuses`,
 * `/issue-statuses`, `/epic-statuses`): value lists with their column order.
 */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { EpicStatus, Id, IssueStatus, TaskStatus, UserStoryStatus } from "./types";

export const userStoryStatuses = defineValueList<UserStoryStatus>("/userstory-statuses", keys.userstoryStatuses, "bulk_userstory_statuses");
export const taskStatuses = defineValueList<TaskStatus>("/task-statuses", keys.taskStatuses, "bulk_task_statuses");
export const issueStatuses = defineValueList<IssueStatus>("/issue-statuses", keys.issueStatuses, "bulk_issue_statuses");
export const epicStatuses = defineValueList<EpicStatus>("/epic-statuses", keys.epicStatuses, "bulk_epic_statuses");

export const { list: listUserStoryStatuses, listOptions: userStoryStatusesQueryOptions, useList: useUserStoryStatuses } = userStoryStatuses;
export const { list: listTaskStatuses, listOptions: taskStatusesQueryOptions, useList: useTaskStatuses } = taskStatuses;
export const { list: listIssueStatuses, listOptions: issueStatusesQueryOptions, useList: useIssueStatuses } = issueStatuses;
export const { list: listEpicStatuses, listOptions: epicStatusesQueryOptions, useList: useEpicStatuses } = epicStatuses;

const STATUS_LISTS = { userstory: userStoryStatuses, task: taskStatuses, issue: issueStatuses, epic: epicStatuses } as const;
export type StatusKind = keyof typeof STATUS_LISTS;

/** Reorder one kind's statuses (`bulk_update_order`); refreshes the list and the project detail. */
export const useBulkUpdateStatusOrder = (kind: StatusKind, projectId: Id) => STATUS_LISTS[kind].useBulkOrder(projectId);

/** Issue types of a project (`/issue-types`). */
import { keys } from "./keys";
import { defineValueList } from "./projectAttributes";
import type { IssueType } from "./types";

export const issueTypes = defineValueList<IssueType>("/issue-types", keys.issueTypes, "bulk_issue_types");

export const {
  list: listIssueTypes,
  listOptions: issueTypesQueryOptions,
  useList: useIssueTypes,
  bulkOrder: bulkUpdateIssueTypesOrder,
  useBulkOrder: useBulkUpdateIssueTypesOrder,
} = issueTypes;

/**
 * Issue types of a project (`/issue-types`).
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { keys } from "./keys";
import { bulkOrderProjectAttribute, listProjectAttribute } from "./projectAttributes";
import type { AttributeBulkOrder, Id, IssueType } from "./types";

/** `GET /issue-types?project=<id>` (whole list). */
export const listIssueTypes = (projectId: Id) => listProjectAttribute<IssueType>("/issue-types", projectId);

/** `POST /issue-types/bulk_update_order` with `[[id, order], ...]`. */
export const bulkUpdateIssueTypesOrder = (projectId: Id, order: AttributeBulkOrder) =>
  bulkOrderProjectAttribute("/issue-types", "bulk_issue_types", projectId, order);

export const issueTypesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.issueTypes.list(projectId), queryFn: () => listIssueTypes(projectId) });

export const useIssueTypes = (projectId: Id) => useQuery(issueTypesQueryOptions(projectId));

/** Reordering touches this list and the project detail that embeds it. */
export const issueTypesOrderInvalidates = (projectId: Id): QueryKey[] => [
  keys.issueTypes.list(projectId),
  keys.projects.detail(projectId),
  keys.projects.details(),
];

export function useBulkUpdateIssueTypesOrder(projectId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: AttributeBulkOrder) => bulkUpdateIssueTypesOrder(projectId, order),
    onSettled: () =>
      Promise.all(issueTypesOrderInvalidates(projectId).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

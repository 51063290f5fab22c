/**
 * What an inline change looks like on a row before the server answers: the new ids and the
 * `*_extra_info` the row shows (status name and colour, assignee name), from the project's data.
 */
import type { IssueChanges } from "../../api/issues";
import type { Issue, Project, UserBasic } from "../../api/types";

/** The inline-editable fields of a row. */
export type InlineField = "status" | "type" | "priority" | "severity" | "assigned_to";

export function applyIssueChanges(issue: Issue, changes: IssueChanges, project: Pick<Project, "issue_statuses" | "members">): Issue {
  const next: Issue = { ...issue };
  if (changes.status !== undefined) {
    const status = project.issue_statuses.find((s) => s.id === changes.status);
    next.status = changes.status;
    if (status) {
      next.status_extra_info = { name: status.name, color: status.color, is_closed: status.is_closed };
      next.is_closed = status.is_closed;
    }
  }
  if (changes.type !== undefined) next.type = changes.type;
  if (changes.priority !== undefined) next.priority = changes.priority;
  if (changes.severity !== undefined) next.severity = changes.severity;
  if (changes.assigned_to !== undefined) {
    next.assigned_to = changes.assigned_to;
    const member = changes.assigned_to === null ? undefined : project.members.find((m) => m.id === changes.assigned_to);
    next.assigned_to_extra_info = member
      ? ({
          id: member.id,
          username: member.username,
          full_name_display: member.full_name_display,
          photo: member.photo,
          big_photo: null,
          gravatar_id: member.gravatar_id,
          is_active: member.is_active,
        } satisfies UserBasic)
      : null;
  }
  return next;
}

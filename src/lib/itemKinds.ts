/**
 * What differs between a story, a task, an issue and an epic on the detail page: names, URLs, how to
 * load one, which statuses apply. Everything else on the page is shared.
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { getEpic, getEpicByRef, usePatchEpic, type EpicChanges } from "../api/epics";
import { getIssue, getIssueByRef, usePatchIssue, type IssueChanges } from "../api/issues";
import { keys } from "../api/keys";
import { getTask, getTaskByRef, usePatchTask, type TaskChanges } from "../api/tasks";
import type { EpicDetail, EpicStatus, Id, IssueDetail, Project, TaskDetail, TaskStatus, UserStoryDetail, UserStoryStatus } from "../api/types";
import { getUserStory, getUserStoryByRef, usePatchUserStory, type UserStoryChanges } from "../api/userstories";

export type ItemKind = "userstory" | "task" | "issue" | "epic";
export type AnyItem = UserStoryDetail | TaskDetail | IssueDetail | EpicDetail;
export type ItemChanges = UserStoryChanges & TaskChanges & IssueChanges & EpicChanges;

export interface KindInfo {
  kind: ItemKind;
  /** "story" */
  noun: string;
  /** "User story" */
  title: string;
  /** URL segment: /project/:slug/<path>/:ref */
  path: "us" | "task" | "issue" | "epic";
  /** API collection: /<resource>/... */
  resource: "userstories" | "tasks" | "issues" | "epics";
  /** The project permissions to change one and to comment on it. */
  modify: "modify_us" | "modify_task" | "modify_issue" | "modify_epic";
  comment: "comment_us" | "comment_task" | "comment_issue" | "comment_epic";
}

export const KINDS: Record<ItemKind, KindInfo> = {
  userstory: { kind: "userstory", noun: "story", title: "User story", path: "us", resource: "userstories", modify: "modify_us", comment: "comment_us" },
  task: { kind: "task", noun: "task", title: "Task", path: "task", resource: "tasks", modify: "modify_task", comment: "comment_task" },
  issue: { kind: "issue", noun: "issue", title: "Issue", path: "issue", resource: "issues", modify: "modify_issue", comment: "comment_issue" },
  epic: { kind: "epic", noun: "epic", title: "Epic", path: "epic", resource: "epics", modify: "modify_epic", comment: "comment_epic" },
};

export function byRefKey(kind: ItemKind, projectId: Id, ref: number) {
  if (kind === "userstory") return keys.userstories.byRef(projectId, ref);
  if (kind === "task") return keys.tasks.byRef(projectId, ref);
  if (kind === "epic") return keys.epics.byRef(projectId, ref);
  return keys.issues.byRef(projectId, ref);
}

export function fetchByRef(kind: ItemKind, projectId: Id, ref: number, signal?: AbortSignal): Promise<AnyItem> {
  if (kind === "userstory") return getUserStoryByRef(projectId, ref, signal);
  if (kind === "task") return getTaskByRef(projectId, ref, signal);
  if (kind === "epic") return getEpicByRef(projectId, ref, signal);
  return getIssueByRef(projectId, ref, signal);
}

export function fetchById(kind: ItemKind, id: Id): Promise<AnyItem> {
  if (kind === "userstory") return getUserStory(id);
  if (kind === "task") return getTask(id);
  if (kind === "epic") return getEpic(id);
  return getIssue(id);
}

export function statusesOf(kind: ItemKind, project: Project): (UserStoryStatus | TaskStatus | EpicStatus)[] {
  const list: (UserStoryStatus | TaskStatus | EpicStatus)[] =
    kind === "userstory" ? project.us_statuses : kind === "task" ? project.task_statuses : kind === "epic" ? project.epic_statuses : project.issue_statuses;
  return [...list].sort((a, b) => a.order - b.order);
}

/**
 * Writes a fresh copy of the item into the by-ref entry the page reads (keeping the
 * neighbours, which a PATCH answer does not carry) and refreshes its history.
 */
export function storeItem(client: QueryClient, kind: ItemKind, item: AnyItem): void {
  client.setQueryData<AnyItem>(byRefKey(kind, item.project, item.ref), (old) =>
    ({ ...item, neighbors: (item as Partial<AnyItem>).neighbors ?? old?.neighbors ?? { previous: null, next: null } }) as AnyItem,
  );
  void client.invalidateQueries({ queryKey: keys.history.entries(kind, item.id) });
}

/** The item's PATCH (with OCC), through the resource module's own mutation and invalidation. */
export function usePatchItem(kind: ItemKind) {
  const story = usePatchUserStory();
  const task = usePatchTask();
  const issue = usePatchIssue();
  const epic = usePatchEpic();
  const client = useQueryClient();
  const { mutateAsync: patchStory } = story;
  const { mutateAsync: patchTask } = task;
  const { mutateAsync: patchIssue } = issue;
  const { mutateAsync: patchEpic } = epic;
  return useCallback(
    async (id: Id, changes: ItemChanges, version: number): Promise<AnyItem> => {
      const fresh =
        kind === "userstory"
          ? await patchStory({ id, changes, version })
          : kind === "task"
            ? await patchTask({ id, changes, version })
            : kind === "epic"
              ? await patchEpic({ id, changes, version })
              : await patchIssue({ id, changes, version });
      storeItem(client, kind, fresh);
      return fresh;
    },
    [kind, patchStory, patchTask, patchIssue, patchEpic, client],
  );
}

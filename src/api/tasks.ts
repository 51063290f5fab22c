/**
 * Tasks: what Taiga offers for this resource — the bodies and filters it takes, the resource
 * definition the endpoint functions, queryOptions and hooks derive from, and the story-order
 * endpoint with its optimistic update. Every mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource } from "./resource";
import type { BulkTaskOrderAnswer, BulkUpdateUsOrderBody, Id, Task, TaskDetail } from "./types";

// ---------------------------------------------------------------- bodies and filters

export interface TaskListFilters extends ListFilters {
  user_story?: Id | "null";
  milestone?: Id | "null";
  status?: Id | string;
  assigned_to?: Id | string;
  tags?: string;
  q?: string;
  order_by?: string;
}

/** Body of `POST /tasks`; `project` and `subject` are required. */
export interface CreateTaskBody {
  project: Id;
  subject: string;
  description?: string;
  status?: Id;
  user_story?: Id | null;
  milestone?: Id | null;
  assigned_to?: Id | null;
  tags?: (string | [string, string | null])[];
  is_blocked?: boolean;
  blocked_note?: string;
  due_date?: string | null;
  is_iocaine?: boolean;
}

/** Writable fields of a task for PATCH (sent with the `version` the user saw). */
export type TaskChanges = Partial<Omit<CreateTaskBody, "project">> & {
  watchers?: Id[];
  comment?: string;
  us_order?: number;
  taskboard_order?: number;
};

/** `POST /tasks/bulk_update_us_order`: the order of a story's tasks (answers `{task id: order}`). */
export function bulkUpdateTaskUsOrder(body: BulkUpdateUsOrderBody): Promise<BulkTaskOrderAnswer> {
  return http.post<BulkTaskOrderAnswer>("/tasks/bulk_update_us_order", body);
}

// ---------------------------------------------------------------- the resource

/** What a mutation hook needs to know of a task: its story too (its `tasks` summary goes stale). */
export interface TaskTarget {
  id: Id;
  project: Id;
  ref?: number;
  user_story?: Id | null;
}

/**
 * What a task change makes stale besides the task itself: the project's task lists, the parent
 * story (its `tasks` summary), the project's story lists and sprint stats.
 */
export function taskInvalidates(task: TaskTarget): QueryKey[] {
  const list: QueryKey[] = [keys.tasks.projectLists(task.project), keys.userstories.projectLists(task.project), keys.milestones.all];
  if (task.user_story) list.push(keys.userstories.detail(task.user_story), ["userstories", "ref", task.project]);
  return list;
}

export const tasks = defineResource<{
  item: Task;
  detail: TaskDetail;
  create: CreateTaskBody;
  changes: TaskChanges;
  filters: TaskListFilters;
  target: TaskTarget;
}>()({
  path: "/tasks",
  keys: keys.tasks,
  occ: true,
  actions: ["list", "get", "byRef", "create", "patch", "put", "remove", "watch", "vote"],
  invalidates: taskInvalidates,
});

export const {
  list: listTasks,
  get: getTask,
  getByRef: getTaskByRef,
  create: createTask,
  patch: patchTask,
  remove: deleteTask,
  watch: watchTask,
  unwatch: unwatchTask,
  watchers: listTaskWatchers,
  listOptions: tasksQueryOptions,
  detailOptions: taskQueryOptions,
  byRefOptions: taskByRefQueryOptions,
  useList: useTasks,
  useDetail: useTask,
  useByRef: useTaskByRef,
  useCreate: useCreateTask,
  usePatch: usePatchTask,
  useRemove: useDeleteTask,
} = tasks;

/** The tasks of one story, in the story's order (`us_order`). */
export const storyTasksQueryOptions = (projectId: Id, storyId: Id) =>
  queryOptions({
    queryKey: keys.tasks.list(projectId, { user_story: storyId }),
    queryFn: async ({ signal }) =>
      (await listTasks(projectId, { user_story: storyId }, signal)).sort((a, b) => a.us_order - b.us_order || a.id - b.id),
  });

export function useStoryTasks(projectId: Id | undefined, storyId: Id | undefined) {
  return useQuery({ ...storyTasksQueryOptions(projectId ?? 0, storyId ?? 0), enabled: projectId !== undefined && storyId !== undefined });
}

// ---------------------------------------------------------------- ordering

/**
 * Reorder a story's tasks. Optimistic on the story's task list; rolls back on error.
 * Invalidates the project's task lists and the story (its `tasks` summary).
 */
export function useBulkUpdateTaskUsOrder() {
  const client = useQueryClient();
  return useMutation<BulkTaskOrderAnswer, Error, BulkUpdateUsOrderBody & { us_id: Id }, { previous: Task[] | undefined }>({
    mutationFn: bulkUpdateTaskUsOrder,
    onMutate: async (body) => {
      const key = keys.tasks.list(body.project_id, { user_story: body.us_id });
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Task[]>(key);
      const order = new Map(body.bulk_tasks.map((t) => [t.task_id, t.order]));
      if (previous) {
        client.setQueryData<Task[]>(
          key,
          previous.map((t) => (order.has(t.id) ? { ...t, us_order: order.get(t.id)! } : t)).sort((a, b) => a.us_order - b.us_order || a.id - b.id),
        );
      }
      return { previous };
    },
    onError: (_error, body, context) => {
      if (context?.previous) client.setQueryData(keys.tasks.list(body.project_id, { user_story: body.us_id }), context.previous);
    },
    onSettled: (_answer, _error, body) =>
      invalidateAll(client, [keys.tasks.projectLists(body.project_id), keys.userstories.detail(body.us_id), ["userstories", "ref", body.project_id]]),
  });
}

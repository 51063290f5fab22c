/**
 * Tasks: what Taiga offers for this resource, top to bottom — endpoint functions, their
 * queryOptions, and the hooks built on them. Every mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http, type Query } from "./http";
import { invalidateAll, keys, type ListFilters, storeDetail } from "./keys";
import type { BulkTaskOrderAnswer, BulkUpdateUsOrderBody, Id, Task, TaskDetail } from "./types";
import { listWatchers, unwatchItem, watchItem } from "./watchers";

// ---------------------------------------------------------------- endpoint functions

export interface TaskListFilters extends ListFilters {
  user_story?: Id | "null";
  milestone?: Id | "null";
  status?: Id | string;
  assigned_to?: Id | string;
  tags?: string;
  q?: string;
  order_by?: string;
}

/** `GET /tasks?project=` with filters, the whole list. */
export function listTasks(projectId: Id, filters: TaskListFilters = {}, signal?: AbortSignal): Promise<Task[]> {
  const query: Query = { project: projectId, ...filters };
  return getAllPages<Task>("/tasks", { query, disablePagination: true, signal });
}

export function getTask(id: Id, signal?: AbortSignal): Promise<TaskDetail> {
  return http.get<TaskDetail>(`/tasks/${id}`, { signal });
}

export function getTaskByRef(projectId: Id, ref: number, signal?: AbortSignal): Promise<TaskDetail> {
  return http.get<TaskDetail>("/tasks/by_ref", { query: { project: projectId, ref }, signal });
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

export function createTask(body: CreateTaskBody): Promise<TaskDetail> {
  return http.post<TaskDetail>("/tasks", body);
}

/** Writable fields of a task for PATCH. */
export type TaskChanges = Partial<Omit<CreateTaskBody, "project">> & {
  watchers?: Id[];
  comment?: string;
  us_order?: number;
  taskboard_order?: number;
};

/** `PATCH /tasks/<id>` with the version the user saw; a stale one throws the transport's ConflictError. */
export function patchTask(id: Id, changes: TaskChanges, version: number): Promise<TaskDetail> {
  return http.patch<TaskDetail>(`/tasks/${id}`, { ...changes, version });
}

export function deleteTask(id: Id): Promise<null> {
  return http.delete(`/tasks/${id}`);
}

/** `POST /tasks/bulk_update_us_order`: the order of a story's tasks (answers `{task id: order}`). */
export function bulkUpdateTaskUsOrder(body: BulkUpdateUsOrderBody): Promise<BulkTaskOrderAnswer> {
  return http.post<BulkTaskOrderAnswer>("/tasks/bulk_update_us_order", body);
}

export const watchTask = (id: Id) => watchItem("tasks", id);
export const unwatchTask = (id: Id) => unwatchItem("tasks", id);
export const listTaskWatchers = (id: Id, signal?: AbortSignal) => listWatchers("tasks", id, signal);

// ---------------------------------------------------------------- query options

export const tasksQueryOptions = (projectId: Id, filters: TaskListFilters = {}) =>
  queryOptions({ queryKey: keys.tasks.list(projectId, filters), queryFn: ({ signal }) => listTasks(projectId, filters, signal) });

export const taskQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.tasks.detail(id), queryFn: ({ signal }) => getTask(id, signal) });

export const taskByRefQueryOptions = (projectId: Id, ref: number) =>
  queryOptions({ queryKey: keys.tasks.byRef(projectId, ref), queryFn: ({ signal }) => getTaskByRef(projectId, ref, signal) });

/** The tasks of one story, in the story's order (`us_order`). */
export const storyTasksQueryOptions = (projectId: Id, storyId: Id) =>
  queryOptions({
    queryKey: keys.tasks.list(projectId, { user_story: storyId }),
    queryFn: async ({ signal }) =>
      (await listTasks(projectId, { user_story: storyId }, signal)).sort((a, b) => a.us_order - b.us_order || a.id - b.id),
  });

// ---------------------------------------------------------------- hooks: reads

export function useTasks(projectId: Id | undefined, filters: TaskListFilters = {}) {
  return useQuery({ ...tasksQueryOptions(projectId ?? 0, filters), enabled: projectId !== undefined });
}

export function useTask(id: Id | undefined) {
  return useQuery({ ...taskQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useTaskByRef(projectId: Id | undefined, ref: number | undefined) {
  return useQuery({ ...taskByRefQueryOptions(projectId ?? 0, ref ?? 0), enabled: projectId !== undefined && ref !== undefined });
}

export function useStoryTasks(projectId: Id | undefined, storyId: Id | undefined) {
  return useQuery({ ...storyTasksQueryOptions(projectId ?? 0, storyId ?? 0), enabled: projectId !== undefined && storyId !== undefined });
}

// ---------------------------------------------------------------- invalidation

/**
 * What a task change makes stale: the task (detail, by ref), the project's task lists, the
 * parent story (its `tasks` summary), the project's story lists and sprint stats.
 */
export function taskInvalidates(task: { id: Id; project: Id; ref: number; user_story?: Id | null }): QueryKey[] {
  const list: QueryKey[] = [
    keys.tasks.detail(task.id),
    keys.tasks.byRef(task.project, task.ref),
    keys.tasks.projectLists(task.project),
    keys.userstories.projectLists(task.project),
    keys.milestones.all,
  ];
  if (task.user_story) list.push(keys.userstories.detail(task.user_story), ["userstories", "ref", task.project]);
  return list;
}

/** Writes a fresh task into its detail and by-ref entries (keeping the neighbours we had). */
export function storeTask(client: QueryClient, task: TaskDetail): void {
  storeDetail(client, [keys.tasks.detail(task.id), keys.tasks.byRef(task.project, task.ref)], task);
}

// ---------------------------------------------------------------- hooks: mutations

/** Create a task. Invalidates `taskInvalidates(task)` (lists, parent story, sprint stats). */
export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createTask, onSuccess: (task) => invalidateAll(client, taskInvalidates(task)) });
}

/**
 * Edit a task with OCC. Writes the answer into the cache, then invalidates
 * `taskInvalidates(task)` minus the detail we just stored.
 */
export function usePatchTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes, version }: { id: Id; changes: TaskChanges; version: number }) => patchTask(id, changes, version),
    onSuccess: (task) => {
      storeTask(client, task);
      return invalidateAll(client, taskInvalidates(task).slice(2));
    },
  });
}

/** Delete a task. Removes its entries; invalidates the lists, parent story and sprint stats. */
export function useDeleteTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (task: { id: Id; project: Id; ref: number; user_story?: Id | null }) => deleteTask(task.id),
    onSuccess: (_null, task) => {
      client.removeQueries({ queryKey: keys.tasks.detail(task.id) });
      client.removeQueries({ queryKey: keys.tasks.byRef(task.project, task.ref) });
      return invalidateAll(client, taskInvalidates(task).slice(2));
    },
  });
}

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

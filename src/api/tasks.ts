/**
 * Tasks: what Taiga offers for this resource — the bodies and filters it takes, the resource
 * definition the endpoint functions, queryOptions and hooks derive from, the story-order endpoint
 * with its optimistic update, and the taskboard's endpoints (a sprint's task list, bulk create, the
 * drop as one PATCH with `set-orders` or one `bulk_update_taskboard_order`, optimistic, with one
 * retry on a version conflict, `bulk_update_milestone`). Every mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { applyTaskboardRequest, withOrders, type TaskboardMoveRequest, type TaskboardRequest } from "../lib/taskboardOrder";
import { ConflictError, http, request } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource } from "./resource";
import type {
  BulkCreateTasksBody,
  BulkTaskOrderAnswer,
  BulkUpdateTaskboardOrderBody,
  BulkUpdateTaskMilestoneBody,
  BulkUpdateUsOrderBody,
  Id,
  StatusExtraInfo,
  Task,
  TaskDetail,
  TaskFiltersData,
} from "./types";

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
  filtersData: TaskFiltersData;
  target: TaskTarget;
}>()({
  path: "/tasks",
  keys: keys.tasks,
  occ: true,
  actions: ["list", "get", "byRef", "filtersData", "create", "patch", "put", "remove", "watch", "vote"],
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
      if (Array.isArray(previous)) {
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

// ---------------------------------------------------------------- the taskboard

/** The filters of a sprint's task list: every task of the sprint, whatever the board shows. */
export const sprintTasksFilters = (milestoneId: Id): TaskListFilters => ({ milestone: milestoneId });

/** The tasks of one sprint (the taskboard's list), in the server's order; the board sorts per cell. */
export const sprintTasksQueryOptions = (projectId: Id, milestoneId: Id) => tasks.listOptions(projectId, sprintTasksFilters(milestoneId));

export function useSprintTasks(projectId: Id | undefined, milestoneId: Id | undefined) {
  return useQuery({ ...sprintTasksQueryOptions(projectId ?? 0, milestoneId ?? 0), enabled: projectId !== undefined && milestoneId !== undefined });
}

/** `POST /tasks/bulk_create`: one task per line, inside a sprint (and a story); 200 with the tasks. */
export function bulkCreateTasks(body: BulkCreateTasksBody): Promise<TaskDetail[]> {
  return http.post<TaskDetail[]>("/tasks/bulk_create", body);
}

/** `POST /tasks/bulk_update_taskboard_order`: `{task id: order}` of every renumbered task. */
export function bulkUpdateTaskboardOrder(body: BulkUpdateTaskboardOrderBody): Promise<BulkTaskOrderAnswer> {
  return http.post<BulkTaskOrderAnswer>("/tasks/bulk_update_taskboard_order", body);
}

/** `POST /tasks/bulk_update_milestone`: `{task id: sprint id}`. */
export function bulkUpdateTaskMilestone(body: BulkUpdateTaskMilestoneBody): Promise<Record<string, number>> {
  return http.post<Record<string, number>>("/tasks/bulk_update_milestone", body);
}

export interface TaskMoveAnswer {
  task: TaskDetail;
  /** `Taiga-Info-Order-Updated`: `{task id: order}` the server renumbered (null when absent). */
  orderUpdated: Record<string, number> | null;
}

/**
 * `PATCH /tasks/<id>` with the `set-orders` header: a task moved to another status or story at a
 * position. The answer's `Taiga-Info-Order-Updated` lists the renumbered orders.
 */
export async function moveTask(id: Id, changes: TaskboardMoveRequest["changes"], version: number, setOrders: Record<string, number>): Promise<TaskMoveAnswer> {
  const response = await request<TaskDetail>(`/tasks/${id}`, {
    method: "PATCH",
    body: { ...changes, version },
    headers: { "set-orders": JSON.stringify(setOrders) },
  });
  const raw = response.headers.get("taiga-info-order-updated");
  let orderUpdated: Record<string, number> | null = null;
  if (raw) {
    try {
      orderUpdated = JSON.parse(raw) as Record<string, number>;
    } catch {
      orderUpdated = null;
    }
  }
  return { task: response.data, orderUpdated };
}

/**
 * A move refused because someone else moved the task (to another status or story) since the board
 * showed it: holds the task as it is now.
 */
export class TaskMovedElsewhereError extends Error {
  override name = "TaskMovedElsewhereError";
  readonly current: TaskDetail;
  constructor(current: TaskDetail) {
    super("Someone else moved this task meanwhile.");
    this.current = current;
  }
}

/** What a sprint's tasks changing makes stale: the sprint (its stories' closed flags, points), its stats, the stories, the project. */
export function sprintTaskInvalidates(projectId: Id, milestoneId: Id, storyIds: readonly (Id | null)[]): QueryKey[] {
  const list: QueryKey[] = [keys.milestones.detail(milestoneId), keys.milestones.stats(milestoneId), keys.milestones.projectLists(projectId), keys.userstories.projectLists(projectId), keys.tasks.projectFiltersData(projectId)];
  for (const id of new Set(storyIds)) if (id !== null) list.push(keys.userstories.detail(id), ["userstories", "ref", projectId]);
  return list;
}

/** Marks the project's other task lists stale (the story pages' lists) without refetching the sprint's own. */
function invalidateOtherTaskLists(client: QueryClient, projectId: Id, milestoneId: Id): Promise<void> {
  const own = JSON.stringify(keys.tasks.list(projectId, sprintTasksFilters(milestoneId)));
  return client.invalidateQueries({ queryKey: keys.tasks.projectLists(projectId), predicate: (q) => JSON.stringify(q.queryKey) !== own });
}

export interface TaskboardDropVariables {
  request: TaskboardRequest;
  /** The task as the board showed it when it was picked up. */
  task: Task;
  /** The target status's name and colour, for the optimistic card. */
  statusInfo?: StatusExtraInfo;
}

type TaskboardDropAnswer = { kind: "reorder"; orders: BulkTaskOrderAnswer } | ({ kind: "move"; retried: boolean } & TaskMoveAnswer);

/**
 * The PATCH of a move, retried once with the fresh `version` when Taiga reports a conflict and
 * nobody else changed the task's status or story (someone edited another field, or reordered);
 * otherwise `TaskMovedElsewhereError` with the task as it is now.
 */
async function moveWithOneRetry(request: TaskboardMoveRequest, seen: Task): Promise<TaskboardDropAnswer> {
  try {
    return { kind: "move", retried: false, ...(await moveTask(request.taskId, request.changes, seen.version, request.setOrders)) };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await getTask(request.taskId);
    if (current.status !== seen.status || current.user_story !== seen.user_story) throw new TaskMovedElsewhereError(current);
    return { kind: "move", retried: true, ...(await moveTask(request.taskId, request.changes, current.version, request.setOrders)) };
  }
}

/**
 * A taskboard drop: one request (PATCH or bulk_update_taskboard_order), applied to the sprint's task
 * list before it is sent (in the same task as the drop), rolled back when refused. A task someone
 * else moved comes back as it is now. The answer's orders are written in; when the story changed the
 * answer's order header mixes two renumberings, so the sprint's list is read again instead.
 */
export function useTaskboardDrop(projectId: Id, milestoneId: Id) {
  const client = useQueryClient();
  const listKey = keys.tasks.list(projectId, sprintTasksFilters(milestoneId));
  return useMutation<TaskboardDropAnswer, Error, TaskboardDropVariables, { previous: Task[] | undefined }>({
    mutationFn: ({ request, task }) =>
      request.kind === "reorder" ? bulkUpdateTaskboardOrder(request.body).then((orders) => ({ kind: "reorder" as const, orders })) : moveWithOneRetry(request, task),
    onMutate: ({ request, statusInfo }) => {
      void client.cancelQueries({ queryKey: listKey });
      const previous = client.getQueryData<Task[]>(listKey);
      if (previous) {
        let next = applyTaskboardRequest(previous, request);
        if (request.kind === "move" && statusInfo) {
          next = next.map((t) => (t.id === request.taskId ? { ...t, status_extra_info: statusInfo, is_closed: statusInfo.is_closed } : t));
        }
        client.setQueryData(listKey, next);
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) client.setQueryData(listKey, context.previous);
      if (error instanceof TaskMovedElsewhereError) {
        const current = error.current;
        client.setQueryData<Task[]>(listKey, (list) => list?.map((t) => (t.id === current.id ? { ...t, ...current } : t)));
      }
      // Whatever was refused, read the sprint again: the board shows what the server holds.
      void client.invalidateQueries({ queryKey: listKey });
    },
    onSuccess: (answer, { request, task }) => {
      if (answer.kind === "reorder") {
        client.setQueryData<Task[]>(listKey, (list) => (list ? withOrders(list, answer.orders) : list));
        return;
      }
      const storyChanged = request.kind === "move" && request.changes.user_story !== undefined && request.changes.user_story !== task.user_story;
      client.setQueryData<Task[]>(listKey, (list) => {
        if (!list) return list;
        const next = list.map((t) => (t.id === answer.task.id ? { ...t, ...answer.task } : t));
        return !storyChanged && answer.orderUpdated ? withOrders(next, answer.orderUpdated) : next;
      });
      tasks.store(client, answer.task);
      if (storyChanged) void client.invalidateQueries({ queryKey: listKey });
    },
    onSettled: (_answer, _error, { request, task }) => {
      const stories = request.kind === "move" ? [task.user_story, request.changes.user_story ?? task.user_story] : [task.user_story];
      return invalidateAll(client, [
        ...sprintTaskInvalidates(projectId, milestoneId, stories),
        ...(request.kind === "move" ? [keys.tasks.detail(request.taskId)] : []),
      ]).then(() => invalidateOtherTaskLists(client, projectId, milestoneId));
    },
  });
}

/** Creates one task in a sprint cell; it is added to the sprint's list at once. */
export function useCreateSprintTask(projectId: Id, milestoneId: Id) {
  const client = useQueryClient();
  const listKey = keys.tasks.list(projectId, sprintTasksFilters(milestoneId));
  return useMutation<TaskDetail, Error, CreateTaskBody>({
    mutationFn: createTask,
    onSuccess: (created) => {
      client.setQueryData<Task[]>(listKey, (list) => (list && !list.some((t) => t.id === created.id) ? [...list, created] : list));
      return invalidateAll(client, sprintTaskInvalidates(projectId, milestoneId, [created.user_story])).then(() => invalidateOtherTaskLists(client, projectId, milestoneId));
    },
  });
}

/** Creates several tasks at once (one per line) in a sprint, a story and a status. */
export function useBulkCreateTasks() {
  const client = useQueryClient();
  return useMutation<TaskDetail[], Error, BulkCreateTasksBody>({
    mutationFn: bulkCreateTasks,
    onSuccess: (created, body) => {
      const listKey = keys.tasks.list(body.project_id, sprintTasksFilters(body.milestone_id));
      client.setQueryData<Task[]>(listKey, (list) => (list ? [...list, ...created.filter((c) => !list.some((t) => t.id === c.id))] : list));
      return invalidateAll(client, sprintTaskInvalidates(body.project_id, body.milestone_id, [body.us_id ?? null])).then(() =>
        invalidateOtherTaskLists(client, body.project_id, body.milestone_id),
      );
    },
  });
}

/** Moves tasks to another sprint at given orders (`bulk_update_milestone`). */
export function useBulkUpdateTaskMilestone() {
  const client = useQueryClient();
  return useMutation<Record<string, number>, Error, BulkUpdateTaskMilestoneBody & { from: Id }>({
    mutationFn: ({ from: _from, ...body }) => bulkUpdateTaskMilestone(body),
    onSuccess: (_answer, { from, ...body }) =>
      invalidateAll(client, [
        keys.tasks.projectLists(body.project_id),
        ...sprintTaskInvalidates(body.project_id, from, []),
        ...sprintTaskInvalidates(body.project_id, body.milestone_id, []),
        ...body.bulk_tasks.map((t) => keys.tasks.detail(t.task_id)),
      ]),
  });
}

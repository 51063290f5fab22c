/**
 * Milestones (sprints): what Taiga offers for this resource, top to bottom — the bodies and
 * filters, the resource definition the common endpoints, queryOptions and hooks derive from
 * (sprints have no OCC: no `version`), then what sprints do differently: their stats with the
 * burndown days, deleting (the sprint's stories go back to the backlog) and the
 * `move_*_to_sprint` actions. Every mutation lists the query keys it invalidates.
 * (There is no `GET /milestones/by_slug` in Taiga: find a sprint by slug in the project's list.)
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { DateString, Id, Milestone, MilestoneStats } from "./types";

// ---------------------------------------------------------------- bodies and filters

/** Filters of `GET /milestones` (milestones.md §1); the default order is the latest start first. */
export interface MilestoneListFilters extends ListFilters {
  /** `false`: the open sprints (the backlog's panel); `true`: the closed ones. */
  closed?: boolean;
  project__slug?: string;
  estimated_start__gte?: DateString;
  estimated_start__lte?: DateString;
  estimated_finish__gte?: DateString;
  estimated_finish__lte?: DateString;
  order_by?: "project" | "name" | "estimated_start" | "estimated_finish" | "closed" | "created_date" | `-${string}`;
}

/** Body of `POST /milestones`: name unique in the project, start not after finish. */
export interface CreateMilestoneBody {
  project: Id;
  name: string;
  estimated_start: DateString;
  estimated_finish: DateString;
  slug?: string;
  disponibility?: number | null;
  order?: number;
}

/** Writable fields of a sprint for PATCH and PUT (the whole sprint, its project included); no `version`: Taiga has no OCC on sprints. */
export type MilestoneChanges = Partial<CreateMilestoneBody> & { closed?: boolean };

/** `{project_id, milestone_id, bulk_stories: [{us_id, order}]}`: stories into a sprint at given orders. */
export interface MoveStoriesToSprintBody {
  project_id: Id;
  milestone_id: Id;
  bulk_stories: { us_id: Id; order: number }[];
}

export interface MoveTasksToSprintBody {
  project_id: Id;
  milestone_id: Id;
  bulk_tasks: { task_id: Id; order: number }[];
}

export interface MoveIssuesToSprintBody {
  project_id: Id;
  milestone_id: Id;
  bulk_issues: { issue_id: Id }[];
}

// ---------------------------------------------------------------- the resource

/**
 * What a change to a sprint makes stale besides its own entries: the project's sprint lists, its
 * stats, the project (its `milestones` summary, closed count and stats).
 */
export function milestoneInvalidates(milestone: ObjectRef): QueryKey[] {
  return [keys.milestones.projectLists(milestone.project), keys.milestones.stats(milestone.id), keys.projects.details(), keys.projects.stats(milestone.project)];
}

export const milestones = defineResource<{
  item: Milestone;
  detail: Milestone;
  create: CreateMilestoneBody;
  changes: MilestoneChanges;
  filters: MilestoneListFilters;
}>()({
  path: "/milestones",
  keys: keys.milestones,
  occ: false,
  actions: ["list", "get", "create", "patch", "put", "watch"],
  invalidates: milestoneInvalidates,
});

export const {
  list: listMilestones,
  get: getMilestone,
  create: createMilestone,
  patch: patchMilestone,
  listOptions: milestonesQueryOptions,
  detailOptions: milestoneQueryOptions,
  useList: useMilestones,
  useDetail: useMilestone,
  useCreate: useCreateMilestone,
  usePatch: usePatchMilestone,
  usePut: usePutMilestone,
} = milestones;

/** The open sprints of a project (the backlog's panel), latest start first. */
export const openSprintsFilters: MilestoneListFilters = { closed: false };
/** The closed sprints, shown on demand. */
export const closedSprintsFilters: MilestoneListFilters = { closed: true };

// ---------------------------------------------------------------- stats

/** `GET /milestones/<id>/stats`: points per role, stories and tasks closed, the burndown days. */
export function getMilestoneStats(id: Id, signal?: AbortSignal): Promise<MilestoneStats> {
  return http.get<MilestoneStats>(`/milestones/${id}/stats`, { signal });
}

export const milestoneStatsQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.milestones.stats(id), queryFn: ({ signal }) => getMilestoneStats(id, signal) });

export function useMilestoneStats(id: Id | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({ ...milestoneStatsQueryOptions(id ?? 0), enabled: id !== undefined && (options.enabled ?? true) });
}

// ---------------------------------------------------------------- delete

/** `DELETE /milestones/<id>` (204). Its stories, tasks and issues stay, without sprint. */
export function deleteMilestone(id: Id): Promise<null> {
  return http.delete(`/milestones/${id}`);
}

/**
 * Delete a sprint. Its stories return to the backlog and its tasks and issues lose their sprint, so
 * besides the sprint's own entries and `milestoneInvalidates` the project's story, task and issue
 * lists are invalidated.
 */
export function useDeleteMilestone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (milestone: ObjectRef) => deleteMilestone(milestone.id),
    onSuccess: (_null, milestone) => {
      client.removeQueries({ queryKey: keys.milestones.detail(milestone.id), exact: true });
      return invalidateAll(client, [
        ...milestoneInvalidates(milestone),
        keys.userstories.projectLists(milestone.project),
        keys.tasks.projectLists(milestone.project),
        keys.issues.projectLists(milestone.project),
      ]);
    },
  });
}

// ---------------------------------------------------------------- move_*_to_sprint

/**
 * `POST /milestones/<source>/move_userstories_to_sprint` (204): the stories and their tasks go to
 * `milestone_id` at the given `sprint_order`s (the target's others renumbered). `source` is only used
 * for the permission check. The backlog page moves stories with `bulk_update_backlog_order` instead
 * (one request with anchors, any source); this is Taiga's "move unfinished stories" action.
 */
export function moveUserStoriesToSprint(source: Id, body: MoveStoriesToSprintBody): Promise<null> {
  return http.post<null>(`/milestones/${source}/move_userstories_to_sprint`, body);
}

/** `POST /milestones/<source>/move_tasks_to_sprint` (204): storyless tasks to another sprint. */
export function moveTasksToSprint(source: Id, body: MoveTasksToSprintBody): Promise<null> {
  return http.post<null>(`/milestones/${source}/move_tasks_to_sprint`, body);
}

/** `POST /milestones/<source>/move_issues_to_sprint` (204). */
export function moveIssuesToSprint(source: Id, body: MoveIssuesToSprintBody): Promise<null> {
  return http.post<null>(`/milestones/${source}/move_issues_to_sprint`, body);
}

export type MoveToSprintVariables =
  | { kind: "userstories"; source: Id; body: MoveStoriesToSprintBody }
  | { kind: "tasks"; source: Id; body: MoveTasksToSprintBody }
  | { kind: "issues"; source: Id; body: MoveIssuesToSprintBody };

/** What a move between sprints makes stale: both sprints (lists, stats), the moved items' lists and details. */
export function moveToSprintInvalidates(v: MoveToSprintVariables): QueryKey[] {
  const project = v.body.project_id;
  const list: QueryKey[] = [
    keys.milestones.projectLists(project),
    keys.milestones.stats(v.source),
    keys.milestones.stats(v.body.milestone_id),
    keys.projects.stats(project),
  ];
  if (v.kind === "userstories") {
    list.push(keys.userstories.projectLists(project), keys.tasks.projectLists(project));
    for (const s of v.body.bulk_stories) list.push(keys.userstories.detail(s.us_id));
  } else if (v.kind === "tasks") {
    list.push(keys.tasks.projectLists(project));
    for (const t of v.body.bulk_tasks) list.push(keys.tasks.detail(t.task_id));
  } else {
    list.push(keys.issues.projectLists(project));
    for (const i of v.body.bulk_issues) list.push(keys.issues.detail(i.issue_id));
  }
  return list;
}

/** Move stories, storyless tasks or issues from one sprint to another (Taiga's sprint actions). */
export function useMoveToSprint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: MoveToSprintVariables) =>
      v.kind === "userstories" ? moveUserStoriesToSprint(v.source, v.body) : v.kind === "tasks" ? moveTasksToSprint(v.source, v.body) : moveIssuesToSprint(v.source, v.body),
    onSuccess: (_null, v) => invalidateAll(client, moveToSprintInvalidates(v)),
  });
}

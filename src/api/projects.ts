/**
 * Projects: the signed-in user's list (all pages, in their own order), detail by id or slug,
 * the project stats (points and burndown), and the per-user ordering of the list.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { keys } from "./keys";
import type { Id, Project, ProjectListItem, ProjectStats, ProjectsBulkOrderBody } from "./types";

// ---------------------------------------------------------------- endpoints

export interface ProjectListFilters {
  member?: Id;
  order_by?: string;
  is_backlog_activated?: boolean;
  is_kanban_activated?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** `GET /projects`, every page followed. */
export function listProjects(filters: ProjectListFilters = {}): Promise<ProjectListItem[]> {
  return getAllPages<ProjectListItem>("/projects", { query: filters });
}

/** `GET /projects/<id>` */
export function getProject(id: Id): Promise<Project> {
  return http.get<Project>(`/projects/${id}`);
}

/** `GET /projects/by_slug?slug=` */
export function getProjectBySlug(slug: string): Promise<Project> {
  return http.get<Project>("/projects/by_slug", { query: { slug } });
}

/** `GET /projects/<id>/stats`: defined / closed / assigned points and the project burndown. */
export function getProjectStats(id: Id, signal?: AbortSignal): Promise<ProjectStats> {
  return http.get<ProjectStats>(`/projects/${id}/stats`, { signal });
}

/** `POST /projects/bulk_update_order`: the user's own order of their projects (204). */
export function bulkUpdateProjectsOrder(body: ProjectsBulkOrderBody): Promise<null> {
  return http.post<null>("/projects/bulk_update_order", body);
}

// ---------------------------------------------------------------- queries

/** The projects the user is a member of, in the order they chose. */
export const myProjectsQueryOptions = (userId: Id) => {
  const filters = { member: userId, order_by: "user_order" };
  return queryOptions({
    queryKey: keys.projects.list(filters),
    queryFn: () => listProjects(filters),
  });
};

export const projectQueryOptions = (id: Id) =>
  queryOptions({
    queryKey: keys.projects.detail(id),
    queryFn: () => getProject(id),
  });

export const projectBySlugQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: keys.projects.bySlug(slug),
    queryFn: () => getProjectBySlug(slug),
  });

/** A project's points figures and burndown; stale after any story or sprint change in it. */
export const projectStatsQueryOptions = (id: Id) =>
  queryOptions({
    queryKey: keys.projects.stats(id),
    queryFn: ({ signal }) => getProjectStats(id, signal),
  });

export function useProjectStats(id: Id | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({ ...projectStatsQueryOptions(id ?? 0), enabled: id !== undefined && (options.enabled ?? true) });
}

export function useMyProjects(userId: Id | undefined) {
  return useQuery({ ...myProjectsQueryOptions(userId ?? 0), enabled: userId !== undefined });
}

export function useProject(id: Id | undefined) {
  return useQuery({ ...projectQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectBySlug(slug: string) {
  return useQuery(projectBySlugQueryOptions(slug));
}

// ---------------------------------------------------------------- mutations

/** Keys touched by reordering the project list: every project list. */
export const projectsOrderInvalidates = () => [keys.projects.lists()];

export function useBulkUpdateProjectsOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateProjectsOrder,
    onSettled: () =>
      Promise.all(projectsOrderInvalidates().map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

/** Keys to refresh after anything that changes a project's own fields or attributes. */
export const projectInvalidates = (project: Pick<Project, "id" | "slug">) => [
  keys.projects.detail(project.id),
  keys.projects.bySlug(project.slug),
  keys.projects.lists(),
];

/** Modules the project turns on, in the order the shell shows them. */
export function activeModules(project: Pick<Project, "is_backlog_activated" | "is_kanban_activated" | "is_issues_activated" | "is_wiki_activated">) {
  const modules: ("backlog" | "kanban" | "issues" | "wiki")[] = [];
  if (project.is_backlog_activated) modules.push("backlog");
  if (project.is_kanban_activated) modules.push("kanban");
  if (project.is_issues_activated) modules.push("issues");
  if (project.is_wiki_activated) modules.push("wiki");
  return modules;
}

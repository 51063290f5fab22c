/**
 * Projects (`/projects`): the list (all pages, in the user's own order when asked), detail by id or
 * slug, create/edit/delete, and everything Taiga hangs off a project — modules, stats, tags, likes,
 * watching, templates, logo, leaving, transfer, duplication, the per-user order.
 *
 * Written by hand rather than from the resource definition: projects are the one resource outside
 * any project that is also read by slug without a project, their keys (`keys.projects`) are the
 * app's oldest and used everywhere, and most of their endpoints are actions of their own. Every
 * mutation lists the keys it invalidates.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { invalidateAll, keys } from "./keys";
import type {
  Id,
  Project,
  ProjectFan,
  ProjectIssuesStats,
  ProjectListItem,
  ProjectMemberStats,
  ProjectModules,
  ProjectStats,
  ProjectsBulkOrderBody,
  ProjectTemplate,
  TagsColors,
} from "./types";

// ---------------------------------------------------------------- bodies and filters

export interface ProjectListFilters {
  member?: Id;
  order_by?: string;
  is_backlog_activated?: boolean;
  is_kanban_activated?: boolean;
  /** The light list shape. */
  slight?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** Body of `POST /projects`: `name` and `description` are required. */
export interface CreateProjectBody {
  name: string;
  description: string;
  creation_template?: Id;
  is_private?: boolean;
  [field: string]: unknown;
}

/** Writable fields of a project (no OCC: projects carry no `version`). */
export type ProjectChanges = Partial<
  Pick<
    Project,
    | "name"
    | "description"
    | "is_private"
    | "is_backlog_activated"
    | "is_kanban_activated"
    | "is_wiki_activated"
    | "is_issues_activated"
    | "is_epics_activated"
    | "is_contact_activated"
    | "is_looking_for_people"
    | "looking_for_people_note"
    | "videoconferences"
    | "videoconferences_extra_data"
    | "total_milestones"
    | "total_story_points"
    | "default_epic_status"
    | "default_points"
    | "default_us_status"
    | "default_task_status"
    | "default_priority"
    | "default_severity"
    | "default_issue_status"
    | "default_issue_type"
    | "default_swimlane"
    | "tags"
    | "anon_permissions"
    | "public_permissions"
  >
>;

/** What a project mutation needs to know about the project: its id, and its slug when known (by-slug entries). */
export interface ProjectRef {
  id: Id;
  slug?: string;
}

// ---------------------------------------------------------------- endpoints: the project itself

/** `GET /projects?filters`, the whole list. */
export function listProjects(filters: ProjectListFilters = {}, signal?: AbortSignal): Promise<ProjectListItem[]> {
  return getAllPages<ProjectListItem>("/projects", { query: filters, disablePagination: true, signal });
}

/** `POST /projects` (201). */
export function createProject(body: CreateProjectBody): Promise<Project> {
  return http.post<Project>("/projects", body);
}

/** `GET /projects/<id>` */
export function getProject(id: Id, signal?: AbortSignal): Promise<Project> {
  return http.get<Project>(`/projects/${id}`, { signal });
}

/** `GET /projects/by_slug?slug=` */
export function getProjectBySlug(slug: string, signal?: AbortSignal): Promise<Project> {
  return http.get<Project>("/projects/by_slug", { query: { slug }, signal });
}

/** `PUT /projects/<id>` with the project's fields (a stale `version` would be ignored: no OCC). */
export function putProject(id: Id, project: ProjectChanges & { name: string; description: string }): Promise<Project> {
  return http.put<Project>(`/projects/${id}`, project);
}

/** `PATCH /projects/<id>`. */
export function patchProject(id: Id, changes: ProjectChanges): Promise<Project> {
  return http.patch<Project>(`/projects/${id}`, changes);
}

/** `DELETE /projects/<id>` (204): the project and everything in it. */
export function deleteProject(id: Id): Promise<null> {
  return http.delete(`/projects/${id}`);
}

/** `GET /projects/<id>/stats`: defined / closed / assigned points and the project burndown. */
export function getProjectStats(id: Id, signal?: AbortSignal): Promise<ProjectStats> {
  return http.get<ProjectStats>(`/projects/${id}/stats`, { signal });
}

/** `POST /projects/bulk_update_order`: the user's own order of their projects (204). */
export function bulkUpdateProjectsOrder(body: ProjectsBulkOrderBody): Promise<null> {
  return http.post<null>("/projects/bulk_update_order", body);
}

// ---------------------------------------------------------------- endpoints: what hangs off a project

/** `GET /projects/<id>/modules`: repository hook settings (admins). */
export function getProjectModules(id: Id, signal?: AbortSignal): Promise<ProjectModules> {
  return http.get<ProjectModules>(`/projects/${id}/modules`, { signal });
}

/** `PATCH /projects/<id>/modules` (204). */
export function patchProjectModules(id: Id, changes: ProjectModules): Promise<null> {
  return http.patch<null>(`/projects/${id}/modules`, changes);
}

export function getProjectMemberStats(id: Id, signal?: AbortSignal): Promise<ProjectMemberStats> {
  return http.get<ProjectMemberStats>(`/projects/${id}/member_stats`, { signal });
}

export function getProjectIssuesStats(id: Id, signal?: AbortSignal): Promise<ProjectIssuesStats> {
  return http.get<ProjectIssuesStats>(`/projects/${id}/issues_stats`, { signal });
}

export function getProjectTagsColors(id: Id, signal?: AbortSignal): Promise<TagsColors> {
  return http.get<TagsColors>(`/projects/${id}/tags_colors`, { signal });
}

/** `POST /projects/<id>/create_tag` `{tag, color}` (200, empty; an existing tag or a bad colour is a 400). */
export function createProjectTag(id: Id, tag: string, color: string | null = null): Promise<null> {
  return http.post<null>(`/projects/${id}/create_tag`, { tag, color });
}

/** `POST /projects/<id>/edit_tag` `{from_tag, to_tag?, color?}`: renames it inside every item too. */
export function editProjectTag(id: Id, body: { from_tag: string; to_tag?: string; color?: string | null }): Promise<null> {
  return http.post<null>(`/projects/${id}/edit_tag`, body);
}

/** `POST /projects/<id>/delete_tag` `{tag}`: removes it from every item. */
export function deleteProjectTag(id: Id, tag: string): Promise<null> {
  return http.post<null>(`/projects/${id}/delete_tag`, { tag });
}

/** `POST /projects/<id>/mix_tags` `{from_tags, to_tag}`: merges tags into one. */
export function mixProjectTags(id: Id, fromTags: string[], toTag: string): Promise<null> {
  return http.post<null>(`/projects/${id}/mix_tags`, { from_tags: fromTags, to_tag: toTag });
}

export function likeProject(id: Id): Promise<null> {
  return http.post<null>(`/projects/${id}/like`);
}

export function unlikeProject(id: Id): Promise<null> {
  return http.post<null>(`/projects/${id}/unlike`);
}

/** `GET /projects/<id>/fans`, the whole list. */
export function listProjectFans(id: Id, signal?: AbortSignal): Promise<ProjectFan[]> {
  return getAllPages<ProjectFan>(`/projects/${id}/fans`, { disablePagination: true, signal });
}

/** `POST /projects/<id>/watch`, optionally with a notification level (1 involved, 2 all, 3 none). */
export function watchProject(id: Id, notifyLevel?: 1 | 2 | 3): Promise<null> {
  return http.post<null>(`/projects/${id}/watch`, notifyLevel === undefined ? undefined : { notify_level: notifyLevel });
}

export function unwatchProject(id: Id): Promise<null> {
  return http.post<null>(`/projects/${id}/unwatch`);
}

/** `GET /projects/<id>/watchers`, the whole list. */
export function listProjectWatchers(id: Id, signal?: AbortSignal): Promise<ProjectFan[]> {
  return getAllPages<ProjectFan>(`/projects/${id}/watchers`, { disablePagination: true, signal });
}

/**
 * `POST /projects/<id>/create_template` `{template_name, template_description}` (201). Both are
 * required: a real Taiga answers their absence with an HTML 500, so the client refuses first.
 */
export function createTemplateFromProject(id: Id, body: { template_name: string; template_description: string }): Promise<ProjectTemplate> {
  if (!body.template_name.trim() || !body.template_description.trim()) {
    return Promise.reject(new Error("A template needs a name and a description."));
  }
  return http.post<ProjectTemplate>(`/projects/${id}/create_template`, body);
}

/** `POST /projects/<id>/leave` (200, empty; the owner and the last admin get a 403). */
export function leaveProject(id: Id): Promise<null> {
  return http.post<null>(`/projects/${id}/leave`);
}

/** `POST /projects/<id>/change_logo` as multipart (`logo`): answers the project. */
export function changeProjectLogo(id: Id, logo: File): Promise<Project> {
  const form = new FormData();
  form.append("logo", logo, logo.name);
  return http.post<Project>(`/projects/${id}/change_logo`, form);
}

/** `POST /projects/<id>/remove_logo`: answers the project. */
export function removeProjectLogo(id: Id): Promise<Project> {
  return http.post<Project>(`/projects/${id}/remove_logo`);
}

/** `POST /projects/<id>/transfer_validate_token` `{token}`: 200 when the e-mailed token is valid. */
export function transferValidateToken(id: Id, token: string): Promise<null> {
  return http.post<null>(`/projects/${id}/transfer_validate_token`, { token });
}

/** `POST /projects/<id>/transfer_request`: asks the owner (by e-mail) to transfer the project. */
export function transferRequest(id: Id): Promise<null> {
  return http.post<null>(`/projects/${id}/transfer_request`);
}

/** `POST /projects/<id>/transfer_start` `{user, reason?}`: the owner offers the project (Taiga e-mails the token). */
export function transferStart(id: Id, user: Id, reason?: string): Promise<null> {
  return http.post<null>(`/projects/${id}/transfer_start`, reason === undefined ? { user } : { user, reason });
}

/** `POST /projects/<id>/transfer_accept` `{token, reason}`. */
export function transferAccept(id: Id, token: string, reason: string): Promise<null> {
  return http.post<null>(`/projects/${id}/transfer_accept`, { token, reason });
}

/** `POST /projects/<id>/transfer_reject` `{token, reason}`. */
export function transferReject(id: Id, token: string, reason: string): Promise<null> {
  return http.post<null>(`/projects/${id}/transfer_reject`, { token, reason });
}

/**
 * `POST /projects/<id>/duplicate` `{name, description, is_private, users: [{id}]}` (201). Every user
 * must be a member of the source project (else 404 "No Membership matches the given query.").
 */
export function duplicateProject(id: Id, body: { name: string; description: string; is_private: boolean; users: { id: Id }[] }): Promise<Project> {
  return http.post<Project>(`/projects/${id}/duplicate`, body);
}

// ---------------------------------------------------------------- queries

export const projectsQueryOptions = (filters: ProjectListFilters = {}) =>
  queryOptions({ queryKey: keys.projects.list(filters), queryFn: ({ signal }) => listProjects(filters, signal) });

/** The projects the user is a member of, in the order they chose. */
export const myProjectsQueryOptions = (userId: Id) => projectsQueryOptions({ member: userId, order_by: "user_order" });

export const projectQueryOptions = (id: Id) => queryOptions({ queryKey: keys.projects.detail(id), queryFn: ({ signal }) => getProject(id, signal) });

export const projectBySlugQueryOptions = (slug: string) =>
  queryOptions({ queryKey: keys.projects.bySlug(slug), queryFn: ({ signal }) => getProjectBySlug(slug, signal) });

export const projectModulesQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.projects.modules(id), queryFn: ({ signal }) => getProjectModules(id, signal) });

/** A project's points figures and burndown; stale after any story or sprint change in it. */
export const projectStatsQueryOptions = (id: Id) => queryOptions({ queryKey: keys.projects.stats(id), queryFn: ({ signal }) => getProjectStats(id, signal) });

export const projectMemberStatsQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.projects.memberStats(id), queryFn: ({ signal }) => getProjectMemberStats(id, signal) });

export const projectIssuesStatsQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.projects.issuesStats(id), queryFn: ({ signal }) => getProjectIssuesStats(id, signal) });

export const projectTagsColorsQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.projects.tagsColors(id), queryFn: ({ signal }) => getProjectTagsColors(id, signal) });

export const projectFansQueryOptions = (id: Id) => queryOptions({ queryKey: keys.projects.fans(id), queryFn: ({ signal }) => listProjectFans(id, signal) });

export const projectWatchersQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.projects.watchers(id), queryFn: ({ signal }) => listProjectWatchers(id, signal) });

export function useProjects(filters: ProjectListFilters = {}, options: { enabled?: boolean } = {}) {
  return useQuery({ ...projectsQueryOptions(filters), enabled: options.enabled ?? true });
}

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

export function useProjectModules(id: Id | undefined) {
  return useQuery({ ...projectModulesQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectMemberStats(id: Id | undefined) {
  return useQuery({ ...projectMemberStatsQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectIssuesStats(id: Id | undefined) {
  return useQuery({ ...projectIssuesStatsQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectTagsColors(id: Id | undefined) {
  return useQuery({ ...projectTagsColorsQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectFans(id: Id | undefined) {
  return useQuery({ ...projectFansQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useProjectWatchers(id: Id | undefined) {
  return useQuery({ ...projectWatchersQueryOptions(id ?? 0), enabled: id !== undefined });
}

// ---------------------------------------------------------------- what a change makes stale

/** Keys touched by reordering the project list: every project list. */
export const projectsOrderInvalidates = () => [keys.projects.lists()];

/** A project's own detail entries: by id, and by slug when known. */
export const projectEntries = (project: ProjectRef): QueryKey[] => [
  keys.projects.detail(project.id),
  ...(project.slug === undefined ? [] : [keys.projects.bySlug(project.slug)]),
];

/** Keys to refresh after anything that changes a project's own fields or attributes. */
export const projectInvalidates = (project: ProjectRef): QueryKey[] => [...projectEntries(project), keys.projects.lists()];

/** Writes an answered project into its cached detail and by-slug entries. */
function storeProject(client: QueryClient, project: Project): void {
  for (const key of [keys.projects.detail(project.id), keys.projects.bySlug(project.slug)]) {
    client.setQueryData<Project>(key, (old) => (old ? project : old));
  }
}

/** Drops a project's detail entries (by id and by slug). */
function dropProject(client: QueryClient, project: ProjectRef): void {
  for (const queryKey of projectEntries(project)) client.removeQueries({ queryKey, exact: true });
}

/**
 * A tag renamed, merged or deleted changes the project's tag colours and the tags of its items:
 * every story, task, issue and epic list, detail and facet count of the project.
 */
export function projectTagsInvalidates(project: ProjectRef): QueryKey[] {
  const items = ["userstories", "tasks", "issues", "epics"] as const;
  return [
    keys.projects.tagsColors(project.id),
    ...projectEntries(project),
    ...items.flatMap((item) => [keys[item].projectLists(project.id), keys[item].projectFiltersData(project.id), keys[item].details(), [item, "ref", project.id]]),
  ];
}

// ---------------------------------------------------------------- mutations: the project itself

export function useBulkUpdateProjectsOrder() {
  const client = useQueryClient();
  return useMutation({ mutationFn: bulkUpdateProjectsOrder, onSettled: () => invalidateAll(client, projectsOrderInvalidates()) });
}

/** Create a project. Invalidates every project list. */
export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createProject, onSuccess: () => invalidateAll(client, [keys.projects.lists()]) });
}

/** Edit a project (`PATCH`). Stores the answer by id and slug; invalidates the lists. */
export function usePatchProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: Id; changes: ProjectChanges }) => patchProject(id, changes),
    onSuccess: (project) => {
      storeProject(client, project);
      return invalidateAll(client, [keys.projects.lists()]);
    },
  });
}

/** Replace a project's fields (`PUT`). Stores the answer by id and slug; invalidates the lists. */
export function usePutProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, project }: { id: Id; project: ProjectChanges & { name: string; description: string } }) => putProject(id, project),
    onSuccess: (project) => {
      storeProject(client, project);
      return invalidateAll(client, [keys.projects.lists()]);
    },
  });
}

/** Delete a project. Drops its detail entries; invalidates the lists. */
export function useDeleteProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (project: ProjectRef) => deleteProject(project.id),
    onSuccess: (_null, project) => {
      dropProject(client, project);
      return invalidateAll(client, [keys.projects.lists()]);
    },
  });
}

// ---------------------------------------------------------------- mutations: what hangs off a project

/** Change the repository hook settings. Invalidates `keys.projects.modules(id)`. */
export function usePatchProjectModules(id: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProjectModules) => patchProjectModules(id, changes),
    onSuccess: () => invalidateAll(client, [keys.projects.modules(id)]),
  });
}

export type ProjectTagAction =
  | { action: "create"; tag: string; color?: string | null }
  | { action: "edit"; from_tag: string; to_tag?: string; color?: string | null }
  | { action: "delete"; tag: string }
  | { action: "mix"; from_tags: string[]; to_tag: string };

/** Create, edit, delete or merge a project's tags. Invalidates `projectTagsInvalidates(project)`. */
export function useProjectTagAction(project: ProjectRef) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: ProjectTagAction) => {
      switch (change.action) {
        case "create":
          return createProjectTag(project.id, change.tag, change.color ?? null);
        case "edit": {
          const { action: _action, ...body } = change;
          return editProjectTag(project.id, body);
        }
        case "delete":
          return deleteProjectTag(project.id, change.tag);
        case "mix":
          return mixProjectTags(project.id, change.from_tags, change.to_tag);
      }
    },
    onSuccess: () => invalidateAll(client, projectTagsInvalidates(project)),
  });
}

/** Like or unlike. Invalidates the fans, the project (`is_fan`, `total_fans`) and the lists. */
export function useSetProjectLike() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ project, like }: { project: ProjectRef; like: boolean }) => (like ? likeProject(project.id) : unlikeProject(project.id)),
    onSuccess: (_null, { project }) => invalidateAll(client, [keys.projects.fans(project.id), ...projectInvalidates(project)]),
  });
}

/** Watch (with a notification level) or unwatch. Invalidates the watchers, the project and the lists. */
export function useSetProjectWatching() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ project, watch, notifyLevel }: { project: ProjectRef; watch: boolean; notifyLevel?: 1 | 2 | 3 }) =>
      watch ? watchProject(project.id, notifyLevel) : unwatchProject(project.id),
    onSuccess: (_null, { project }) => invalidateAll(client, [keys.projects.watchers(project.id), ...projectInvalidates(project)]),
  });
}

/** Make a template of a project. Invalidates the template lists. */
export function useCreateTemplateFromProject(id: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { template_name: string; template_description: string }) => createTemplateFromProject(id, body),
    onSuccess: () => invalidateAll(client, [keys.projectTemplates.lists()]),
  });
}

/** Leave a project. Drops it (detail, by slug); invalidates the lists, its memberships and users. */
export function useLeaveProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (project: ProjectRef) => leaveProject(project.id),
    onSuccess: (_null, project) => {
      dropProject(client, project);
      return invalidateAll(client, [keys.projects.lists(), keys.memberships.projectLists(project.id), keys.users.project(project.id)]);
    },
  });
}

/** Upload a new logo. Stores the answer (by id and slug); invalidates the lists (they show logos). */
export function useChangeProjectLogo(id: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (logo: File) => changeProjectLogo(id, logo),
    onSuccess: (project) => {
      storeProject(client, project);
      return invalidateAll(client, [keys.projects.lists()]);
    },
  });
}

/** Remove the logo. Stores the answer; invalidates the lists. */
export function useRemoveProjectLogo(id: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => removeProjectLogo(id),
    onSuccess: (project) => {
      storeProject(client, project);
      return invalidateAll(client, [keys.projects.lists()]);
    },
  });
}

export type ProjectTransferStep =
  | { step: "validate"; token: string }
  | { step: "request" }
  | { step: "start"; user: Id; reason?: string }
  | { step: "accept"; token: string; reason: string }
  | { step: "reject"; token: string; reason: string };

/**
 * The steps of handing a project to another owner. Validating changes nothing; the others invalidate
 * the project (its `transfer_token`, owner), the lists and, on acceptance, its memberships.
 */
export function useProjectTransfer(project: ProjectRef) {
  const client = useQueryClient();
  const { id } = project;
  return useMutation({
    mutationFn: (step: ProjectTransferStep) => {
      switch (step.step) {
        case "validate":
          return transferValidateToken(id, step.token);
        case "request":
          return transferRequest(id);
        case "start":
          return transferStart(id, step.user, step.reason);
        case "accept":
          return transferAccept(id, step.token, step.reason);
        case "reject":
          return transferReject(id, step.token, step.reason);
      }
    },
    onSuccess: (_null, step) => {
      if (step.step === "validate" || step.step === "request") return;
      const stale = projectEntries(project);
      if (step.step === "accept") stale.push(keys.projects.lists(), keys.memberships.projectLists(id));
      return invalidateAll(client, stale);
    },
  });
}

/** Duplicate a project with some of its members. Invalidates the project lists. */
export function useDuplicateProject(id: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description: string; is_private: boolean; users: { id: Id }[] }) => duplicateProject(id, body),
    onSuccess: () => invalidateAll(client, [keys.projects.lists()]),
  });
}

// ---------------------------------------------------------------- helpers

/** Modules the project turns on, in the order the shell shows them. */
export function activeModules(project: Pick<Project, "is_backlog_activated" | "is_kanban_activated" | "is_issues_activated" | "is_wiki_activated">) {
  const modules: ("backlog" | "kanban" | "issues" | "wiki")[] = [];
  if (project.is_backlog_activated) modules.push("backlog");
  if (project.is_kanban_activated) modules.push("kanban");
  if (project.is_issues_activated) modules.push("issues");
  if (project.is_wiki_activated) modules.push("wiki");
  return modules;
}

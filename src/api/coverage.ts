/**
 * The client's endpoint coverage: every Taiga endpoint the dashboard knows, with the function that
 * calls it, its queryOptions, its hook, its query key or what it invalidates, a one-line example and
 * the test that holds it against a recorded real exchange.
 *
 * The list is fixtures/taiga-recordings/README.md ("Endpoints of the seed's section 2": the 146
 * numbered rows, then the endpoints recorded that the summary leaves out) plus further real
 * endpoints of the same resources. `coverage.test.ts` checks this table against that README and
 * against the modules and tests; `npm run docs:api` writes docs/api-hooks.md from it.
 *
 * Data only: names are export paths inside `src/api/<module>.ts` (`"epics.useList"` is the
 * `useList` member of the module's `epics` export).
 */

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

export interface Endpoint {
  /** `METHOD /path` below /api/v1, `{name}` for a path parameter: the name the tests use. */
  id: string;
  /** Row of the seed's endpoint summary (1-146); "recorded": recorded, not in the summary; "further": neither. */
  source: number | "recorded" | "further";
  /** `src/api/<module>.ts`. */
  module: string;
  /** The endpoint function (export path in the module). */
  fn: string;
  /** Its queryOptions (reads). */
  options?: string;
  /** Its hook: a query hook for reads, a mutation hook for writes. */
  hook: string;
  /** Reads: the query key the hook caches under. */
  key?: string;
  /** Writes: what the hook writes into the cache and leaves stale. */
  invalidates?: string;
  /** One line of use. */
  example: string;
  /** The test file that holds the function and the hook against a recording. */
  test: string;
  /** Taiga has no such endpoint (the recording shows the refusal): why there is no function. */
  absent?: { reason: string; recording: string };
}

const T = (name: string) => `src/api/endpoints/${name}.test.tsx`;

// ---------------------------------------------------------------- rows derived from a resource definition

type ResourceEndpoint =
  | "list"
  | "listAll"
  | "get"
  | "byRef"
  | "bySlug"
  | "filtersData"
  | "create"
  | "put"
  | "patch"
  | "remove"
  | "bulkCreate"
  | "bulkOrder"
  | "watch"
  | "unwatch"
  | "watchers"
  | "upvote"
  | "downvote"
  | "voters";

interface ResourceSpec {
  module: string;
  /** The resource's export in the module. */
  name: string;
  path: string;
  /** `keys.<...>` of the resource. */
  keys: string;
  endpoints: readonly ResourceEndpoint[];
  /** What its mutations leave stale besides the object's own entries. */
  invalidates: string;
  /** Whether edits carry `version`. */
  occ?: boolean;
  /** Seed rows, by endpoint. */
  seed?: Partial<Record<ResourceEndpoint, number>>;
  /** Endpoints neither the seed nor the recordings list. */
  further?: readonly ResourceEndpoint[];
  test: string;
}

/** The rows of the endpoints a `defineResource` definition derives (src/api/resource.ts). */
function resource(spec: ResourceSpec): Endpoint[] {
  const { name: r, path, keys: k } = spec;
  const version = spec.occ ? ", version" : "";
  const rows: Record<ResourceEndpoint, Omit<Endpoint, "source" | "module" | "test">> = {
    list: { id: `GET ${path}`, fn: `${r}.list`, options: `${r}.listOptions`, hook: `${r}.useList`, key: `${k}.list(projectId, filters)`, example: `const { data } = ${r}.useList(projectId, filters)` },
    listAll: { id: `GET ${path}`, fn: `${r}.listAll`, options: `${r}.listAllOptions`, hook: `${r}.useListAll`, key: `${k}.listAll(filters)`, example: `const { data } = ${r}.useListAll()` },
    get: { id: `GET ${path}/{id}`, fn: `${r}.get`, options: `${r}.detailOptions`, hook: `${r}.useDetail`, key: `${k}.detail(id)`, example: `const { data } = ${r}.useDetail(id)` },
    byRef: { id: `GET ${path}/by_ref`, fn: `${r}.getByRef`, options: `${r}.byRefOptions`, hook: `${r}.useByRef`, key: `${k}.byRef(projectId, ref)`, example: `const { data } = ${r}.useByRef(projectId, ref)` },
    bySlug: { id: `GET ${path}/by_slug`, fn: `${r}.getBySlug`, options: `${r}.bySlugOptions`, hook: `${r}.useBySlug`, key: `${k}.bySlug(projectId, slug)`, example: `const { data } = ${r}.useBySlug(projectId, slug)` },
    filtersData: { id: `GET ${path}/filters_data`, fn: `${r}.getFiltersData`, options: `${r}.filtersDataOptions`, hook: `${r}.useFiltersData`, key: `${k}.filtersData(projectId, filters)`, example: `const { data } = ${r}.useFiltersData(projectId, filters)` },
    create: { id: `POST ${path}`, fn: `${r}.create`, hook: `${r}.useCreate`, invalidates: spec.invalidates, example: `${r}.useCreate().mutate(body)` },
    put: { id: `PUT ${path}/{id}`, fn: `${r}.put`, hook: `${r}.usePut`, invalidates: `stores the answer under ${k}.detail(id) (and by ref/slug); ${spec.invalidates}`, example: `${r}.usePut().mutate({ id, changes${version} })` },
    patch: { id: `PATCH ${path}/{id}`, fn: `${r}.patch`, hook: `${r}.usePatch`, invalidates: `stores the answer under ${k}.detail(id) (and by ref/slug); ${spec.invalidates}`, example: `${r}.usePatch().mutate({ id, changes${version} })` },
    remove: { id: `DELETE ${path}/{id}`, fn: `${r}.remove`, hook: `${r}.useRemove`, invalidates: `drops ${k}.detail(id) (and by ref/slug); ${spec.invalidates}`, example: `${r}.useRemove().mutate(object)` },
    bulkCreate: { id: `POST ${path}/bulk_create`, fn: `${r}.bulkCreate`, hook: `${r}.useBulkCreate`, invalidates: spec.invalidates, example: `${r}.useBulkCreate().mutate(body)` },
    bulkOrder: { id: `POST ${path}/bulk_update_order`, fn: `${r}.bulkOrder`, hook: `${r}.useBulkOrder`, invalidates: `${k}.projectLists(projectId); ${spec.invalidates}`, example: `${r}.useBulkOrder(projectId).mutate([[id, order]])` },
    watch: { id: `POST ${path}/{id}/watch`, fn: `${r}.watch`, hook: `${r}.useSetWatching`, invalidates: `${k}.watchers(id), ${k}.detail(id) (and by ref/slug)`, example: `${r}.useSetWatching().mutate({ object, watch: true })` },
    unwatch: { id: `POST ${path}/{id}/unwatch`, fn: `${r}.unwatch`, hook: `${r}.useSetWatching`, invalidates: `${k}.watchers(id), ${k}.detail(id) (and by ref/slug)`, example: `${r}.useSetWatching().mutate({ object, watch: false })` },
    watchers: { id: `GET ${path}/{id}/watchers`, fn: `${r}.watchers`, options: `${r}.watchersOptions`, hook: `${r}.useWatchers`, key: `${k}.watchers(id)`, example: `const { data } = ${r}.useWatchers(id)` },
    upvote: { id: `POST ${path}/{id}/upvote`, fn: `${r}.upvote`, hook: `${r}.useSetVote`, invalidates: `${k}.voters(id), ${k}.detail(id) (and by ref/slug), ${k}.projectLists(projectId)`, example: `${r}.useSetVote().mutate({ object, vote: true })` },
    downvote: { id: `POST ${path}/{id}/downvote`, fn: `${r}.downvote`, hook: `${r}.useSetVote`, invalidates: `${k}.voters(id), ${k}.detail(id) (and by ref/slug), ${k}.projectLists(projectId)`, example: `${r}.useSetVote().mutate({ object, vote: false })` },
    voters: { id: `GET ${path}/{id}/voters`, fn: `${r}.voters`, options: `${r}.votersOptions`, hook: `${r}.useVoters`, key: `${k}.voters(id)`, example: `const { data } = ${r}.useVoters(id)` },
  };
  return spec.endpoints.map((endpoint) => ({
    ...rows[endpoint],
    source: spec.seed?.[endpoint] ?? (spec.further?.includes(endpoint) ? "further" : "recorded"),
    module: spec.module,
    test: spec.test,
  }));
}

/** A value list (statuses, points, ...): src/api/projectAttributes.ts `defineValueList`. */
function valueList(module: string, name: string, path: string, keys: string, further: readonly ResourceEndpoint[] = []): Endpoint[] {
  return resource({
    module,
    name,
    path,
    keys,
    endpoints: ["list", "create", "get", "put", "patch", "remove", "bulkOrder"],
    invalidates: `${keys}.projectLists(projectId), keys.projects.detail(projectId), keys.projects.details()`,
    further,
    test: T("valueLists"),
  });
}

/** A row written by hand. */
function row(
  id: string,
  source: Endpoint["source"],
  module: string,
  fn: string,
  hook: string,
  example: string,
  more: Partial<Endpoint> & ({ key: string; options?: string } | { invalidates: string }),
): Endpoint {
  return { id, source, module, fn, hook, example, test: T(module), ...more };
}

// ---------------------------------------------------------------- the table

export const ENDPOINTS: readonly Endpoint[] = [
  // -------------------------------------------------------------- auth
  row("POST /auth", 1, "auth", "login", "useLogin", "useLogin().mutate({ username, password })", {
    invalidates: "clears the cache, stores the session, primes keys.auth.me()",
  }),
  row("POST /auth/refresh", 2, "auth", "refreshTokens", "useRefreshTokens", "useRefreshTokens().mutate(refresh)", {
    invalidates: "stores the rotated tokens in the session (http.ts refreshes on its own after a 401)",
  }),
  row("POST /auth/register", 3, "auth", "register", "useRegister", "useRegister().mutate({ username, password, email, full_name })", {
    invalidates: "clears the cache, stores the session, primes keys.auth.me()",
  }),

  // -------------------------------------------------------------- applications
  row("GET /applications/{uuid}", 4, "applications", "getApplication", "useApplication", "const { data } = useApplication(uuid)", {
    options: "applicationQueryOptions",
    key: "keys.applications.detail(uuid)",
  }),
  row("GET /applications/{uuid}/token", 5, "applications", "getApplicationToken", "useApplicationToken", "const { data } = useApplicationToken(uuid)", {
    options: "applicationTokenQueryOptions",
    key: "keys.applications.token(uuid)",
  }),
  ...resource({
    module: "applications",
    name: "applicationTokens",
    path: "/application-tokens",
    keys: "keys.applicationTokens",
    endpoints: ["listAll", "get", "remove"],
    invalidates: "keys.applicationTokens.lists()",
    seed: { listAll: 6, get: 7, remove: 8 },
    test: T("applications"),
  }),
  row("POST /application-tokens/authorize", 9, "applications", "authorizeApplication", "useAuthorizeApplication", "useAuthorizeApplication().mutate({ application, state })", {
    invalidates: "keys.applicationTokens.lists(), keys.applications.token(application)",
  }),
  row("POST /application-tokens/validate", 10, "applications", "validateApplicationToken", "useValidateApplicationToken", "useValidateApplicationToken().mutate({ application, auth_code, state })", {
    invalidates: "keys.applicationTokens.lists()",
  }),

  // -------------------------------------------------------------- resolver, search, user storage
  row("GET /resolver", 11, "resolver", "resolve", "useResolve", "const { data } = useResolve({ project: slug, ref })", {
    options: "resolveQueryOptions",
    key: "keys.resolver.resolve(query)",
  }),
  row("GET /search", 12, "search", "search", "useSearch", "const { data } = useSearch(projectId, text)", {
    options: "searchQueryOptions",
    key: "keys.search.results(projectId, text)",
  }),
  ...resource({
    module: "userStorage",
    name: "userStorage",
    path: "/user-storage",
    keys: "keys.userStorage",
    endpoints: ["listAll", "create", "get", "put", "patch", "remove"],
    invalidates: "keys.userStorage.lists()",
    seed: { listAll: 13, create: 14, get: 15, put: 16, patch: 17, remove: 18 },
    test: T("userStorage"),
  }).map((e) => ({ ...e, id: e.id.replace("{id}", "{key}") })),

  // -------------------------------------------------------------- project templates
  ...resource({
    module: "projectTemplates",
    name: "projectTemplates",
    path: "/project-templates",
    keys: "keys.projectTemplates",
    endpoints: ["listAll", "create", "get", "put", "patch", "remove"],
    invalidates: "keys.projectTemplates.lists()",
    seed: { listAll: 19, create: 20, get: 21, put: 22, patch: 23, remove: 24 },
    test: T("projectTemplates"),
  }),

  // -------------------------------------------------------------- projects
  row("GET /projects", 25, "projects", "listProjects", "useProjects", "const { data } = useProjects({ member: me.id, order_by: \"user_order\" })", {
    options: "projectsQueryOptions",
    key: "keys.projects.list(filters)",
  }),
  row("POST /projects", 26, "projects", "createProject", "useCreateProject", "useCreateProject().mutate({ name, description })", {
    invalidates: "keys.projects.lists()",
  }),
  row("GET /projects/{id}", 27, "projects", "getProject", "useProject", "const { data } = useProject(id)", { options: "projectQueryOptions", key: "keys.projects.detail(id)" }),
  row("GET /projects/by_slug", 28, "projects", "getProjectBySlug", "useProjectBySlug", "const { data } = useProjectBySlug(slug)", {
    options: "projectBySlugQueryOptions",
    key: "keys.projects.bySlug(slug)",
  }),
  row("PUT /projects/{id}", 29, "projects", "putProject", "usePutProject", "usePutProject().mutate({ id, project })", {
    invalidates: "stores the answer under keys.projects.detail(id) and bySlug(slug); keys.projects.lists()",
  }),
  row("PATCH /projects/{id}", 30, "projects", "patchProject", "usePatchProject", "usePatchProject().mutate({ id, changes })", {
    invalidates: "stores the answer under keys.projects.detail(id) and bySlug(slug); keys.projects.lists()",
  }),
  row("DELETE /projects/{id}", 31, "projects", "deleteProject", "useDeleteProject", "useDeleteProject().mutate(project)", {
    invalidates: "drops keys.projects.detail(id) and bySlug(slug); keys.projects.lists()",
  }),
  row("POST /projects/bulk_update_order", 32, "projects", "bulkUpdateProjectsOrder", "useBulkUpdateProjectsOrder", "useBulkUpdateProjectsOrder().mutate([{ project_id, order }])", {
    invalidates: "keys.projects.lists()",
  }),
  row("GET /projects/{id}/modules", 33, "projects", "getProjectModules", "useProjectModules", "const { data } = useProjectModules(id)", {
    options: "projectModulesQueryOptions",
    key: "keys.projects.modules(id)",
  }),
  row("PATCH /projects/{id}/modules", 34, "projects", "patchProjectModules", "usePatchProjectModules", "usePatchProjectModules(id).mutate({ github: { secret } })", {
    invalidates: "keys.projects.modules(id)",
  }),
  row("GET /projects/{id}/stats", 35, "projects", "getProjectStats", "useProjectStats", "const { data } = useProjectStats(id)", {
    options: "projectStatsQueryOptions",
    key: "keys.projects.stats(id)",
  }),
  row("GET /projects/{id}/issues_stats", 36, "projects", "getProjectIssuesStats", "useProjectIssuesStats", "const { data } = useProjectIssuesStats(id)", {
    options: "projectIssuesStatsQueryOptions",
    key: "keys.projects.issuesStats(id)",
  }),
  row("GET /projects/{id}/tags_colors", 37, "projects", "getProjectTagsColors", "useProjectTagsColors", "const { data } = useProjectTagsColors(id)", {
    options: "projectTagsColorsQueryOptions",
    key: "keys.projects.tagsColors(id)",
  }),
  row("POST /projects/{id}/create_tag", 38, "projects", "createProjectTag", "useProjectTagAction", "useProjectTagAction(project).mutate({ action: \"create\", tag, color })", {
    invalidates: "keys.projects.tagsColors(id), the project (detail, by slug), its story/task/issue/epic lists and facets",
  }),
  row("POST /projects/{id}/edit_tag", 39, "projects", "editProjectTag", "useProjectTagAction", "useProjectTagAction(project).mutate({ action: \"edit\", from_tag, to_tag, color })", {
    invalidates: "keys.projects.tagsColors(id), the project (detail, by slug), its story/task/issue/epic lists, details and facets",
  }),
  row("POST /projects/{id}/delete_tag", 40, "projects", "deleteProjectTag", "useProjectTagAction", "useProjectTagAction(project).mutate({ action: \"delete\", tag })", {
    invalidates: "keys.projects.tagsColors(id), the project (detail, by slug), its story/task/issue/epic lists, details and facets",
  }),
  row("POST /projects/{id}/mix_tags", 41, "projects", "mixProjectTags", "useProjectTagAction", "useProjectTagAction(project).mutate({ action: \"mix\", from_tags, to_tag })", {
    invalidates: "keys.projects.tagsColors(id), the project (detail, by slug), its story/task/issue/epic lists, details and facets",
  }),
  row("POST /projects/{id}/like", 42, "projects", "likeProject", "useSetProjectLike", "useSetProjectLike().mutate({ project, like: true })", {
    invalidates: "keys.projects.fans(id), the project (detail, by slug), keys.projects.lists()",
  }),
  row("POST /projects/{id}/unlike", 43, "projects", "unlikeProject", "useSetProjectLike", "useSetProjectLike().mutate({ project, like: false })", {
    invalidates: "keys.projects.fans(id), the project (detail, by slug), keys.projects.lists()",
  }),
  row("GET /projects/{id}/fans", 44, "projects", "listProjectFans", "useProjectFans", "const { data } = useProjectFans(id)", {
    options: "projectFansQueryOptions",
    key: "keys.projects.fans(id)",
  }),
  row("POST /projects/{id}/watch", 45, "projects", "watchProject", "useSetProjectWatching", "useSetProjectWatching().mutate({ project, watch: true, notifyLevel: 2 })", {
    invalidates: "keys.projects.watchers(id), the project (detail, by slug), keys.projects.lists()",
  }),
  row("POST /projects/{id}/unwatch", 46, "projects", "unwatchProject", "useSetProjectWatching", "useSetProjectWatching().mutate({ project, watch: false })", {
    invalidates: "keys.projects.watchers(id), the project (detail, by slug), keys.projects.lists()",
  }),
  row("GET /projects/{id}/watchers", 47, "projects", "listProjectWatchers", "useProjectWatchers", "const { data } = useProjectWatchers(id)", {
    options: "projectWatchersQueryOptions",
    key: "keys.projects.watchers(id)",
  }),
  row("POST /projects/{id}/create_template", 48, "projects", "createTemplateFromProject", "useCreateTemplateFromProject", "useCreateTemplateFromProject(id).mutate({ template_name, template_description })", {
    invalidates: "keys.projectTemplates.lists()",
  }),
  row("POST /projects/{id}/leave", 49, "projects", "leaveProject", "useLeaveProject", "useLeaveProject().mutate(project)", {
    invalidates: "drops the project (detail, by slug); keys.projects.lists(), its memberships and users",
  }),
  row("POST /projects/{id}/change_logo", 50, "projects", "changeProjectLogo", "useChangeProjectLogo", "useChangeProjectLogo(id).mutate(file)", {
    invalidates: "stores the answer under keys.projects.detail(id) and bySlug(slug); keys.projects.lists()",
  }),
  row("POST /projects/{id}/remove_logo", 51, "projects", "removeProjectLogo", "useRemoveProjectLogo", "useRemoveProjectLogo(id).mutate()", {
    invalidates: "stores the answer under keys.projects.detail(id) and bySlug(slug); keys.projects.lists()",
  }),
  row("POST /projects/{id}/transfer_validate_token", 52, "projects", "transferValidateToken", "useProjectTransfer", "useProjectTransfer(project).mutate({ step: \"validate\", token })", {
    invalidates: "nothing (a check)",
  }),
  row("POST /projects/{id}/transfer_request", 53, "projects", "transferRequest", "useProjectTransfer", "useProjectTransfer(project).mutate({ step: \"request\" })", {
    invalidates: "nothing (Taiga e-mails the owner)",
  }),
  row("POST /projects/{id}/transfer_start", 54, "projects", "transferStart", "useProjectTransfer", "useProjectTransfer(project).mutate({ step: \"start\", user, message })", {
    invalidates: "the project (detail, by slug): its transfer_token",
  }),
  row("POST /projects/{id}/transfer_accept", 55, "projects", "transferAccept", "useProjectTransfer", "useProjectTransfer(project).mutate({ step: \"accept\", token, reason })", {
    invalidates: "the project (detail, by slug), keys.projects.lists(), its memberships",
  }),
  row("POST /projects/{id}/transfer_reject", 56, "projects", "transferReject", "useProjectTransfer", "useProjectTransfer(project).mutate({ step: \"reject\", token, reason })", {
    invalidates: "the project (detail, by slug)",
  }),
  row("POST /projects/{id}/duplicate", 57, "projects", "duplicateProject", "useDuplicateProject", "useDuplicateProject(id).mutate({ name, description, is_private, users })", {
    invalidates: "keys.projects.lists()",
  }),
  row("GET /projects/{id}/member_stats", "recorded", "projects", "getProjectMemberStats", "useProjectMemberStats", "const { data } = useProjectMemberStats(id)", {
    options: "projectMemberStatsQueryOptions",
    key: "keys.projects.memberStats(id)",
  }),

  // -------------------------------------------------------------- memberships and invitations
  ...resource({
    module: "memberships",
    name: "memberships",
    path: "/memberships",
    keys: "keys.memberships",
    endpoints: ["list", "create", "bulkCreate", "get", "put", "patch", "remove"],
    invalidates: "keys.memberships.projectLists(projectId), the project (detail: members, roles), keys.users.project(projectId), keys.roles.projectLists(projectId)",
    seed: { list: 58, create: 59, bulkCreate: 60, get: 61, put: 62, patch: 63, remove: 64 },
    test: T("memberships"),
  }),
  row("POST /memberships/{id}/resend_invitation", 65, "memberships", "resendInvitation", "useResendInvitation", "useResendInvitation().mutate(membershipId)", {
    invalidates: "nothing (Taiga e-mails the invitation again)",
  }),
  {
    id: "POST /invitations/{uuid}",
    source: 66,
    module: "memberships",
    fn: "",
    hook: "",
    example: "",
    test: T("memberships"),
    absent: { reason: "Taiga answers POST with 405: an invitation is read with GET /invitations/{uuid}", recording: "memberships/018" },
  },
  row("GET /invitations/{uuid}", "recorded", "memberships", "getInvitation", "useInvitation", "const { data } = useInvitation(token)", {
    options: "invitationQueryOptions",
    key: "keys.memberships.invitation(token)",
  }),

  // -------------------------------------------------------------- roles
  ...resource({
    module: "roles",
    name: "roles",
    path: "/roles",
    keys: "keys.roles",
    endpoints: ["list", "create", "get", "put", "patch", "remove"],
    invalidates: "keys.roles.projectLists(projectId), keys.projects.detail(projectId), keys.projects.details()",
    seed: { list: 67, create: 68, get: 69, put: 70, patch: 71, remove: 72 },
    test: T("roles"),
  }),

  // -------------------------------------------------------------- milestones
  ...resource({
    module: "milestones",
    name: "milestones",
    path: "/milestones",
    keys: "keys.milestones",
    endpoints: ["list", "create", "get", "put", "patch", "watch", "unwatch", "watchers"],
    invalidates: "milestoneInvalidates: keys.milestones.projectLists(projectId), keys.milestones.stats(id), keys.projects.details(), keys.projects.stats(projectId)",
    seed: { list: 73, create: 74, get: 75, put: 76, patch: 77, watch: 80, unwatch: 81, watchers: 82 },
    test: T("milestones"),
  }),
  row("DELETE /milestones/{id}", 78, "milestones", "deleteMilestone", "useDeleteMilestone", "useDeleteMilestone().mutate(sprint)", {
    invalidates: "drops keys.milestones.detail(id); milestoneInvalidates, and the project's story, task and issue lists (its stories go back to the backlog)",
  }),
  row("GET /milestones/{id}/stats", 79, "milestones", "getMilestoneStats", "useMilestoneStats", "const { data } = useMilestoneStats(id)", {
    options: "milestoneStatsQueryOptions",
    key: "keys.milestones.stats(id)",
  }),
  {
    id: "GET /milestones/by_slug",
    source: "recorded",
    module: "milestones",
    fn: "",
    hook: "",
    example: "",
    test: T("milestones"),
    absent: { reason: "Taiga has no such route (404): a sprint slug resolves through GET /resolver?milestone=<slug>", recording: "milestones/006" },
  },
  row("POST /milestones/{id}/move_userstories_to_sprint", "recorded", "milestones", "moveUserStoriesToSprint", "useMoveToSprint", "useMoveToSprint().mutate({ kind: \"userstories\", source, body })", {
    invalidates: "moveToSprintInvalidates: both sprints' stats, keys.milestones.projectLists(projectId), the project's story and task lists, the moved stories, keys.projects.stats(projectId)",
  }),
  row("POST /milestones/{id}/move_tasks_to_sprint", "recorded", "milestones", "moveTasksToSprint", "useMoveToSprint", "useMoveToSprint().mutate({ kind: \"tasks\", source, body })", {
    invalidates: "moveToSprintInvalidates: both sprints' stats, keys.milestones.projectLists(projectId), the project's task lists, the moved tasks, keys.projects.stats(projectId)",
  }),

  // -------------------------------------------------------------- epics
  ...resource({
    module: "epics",
    name: "epics",
    path: "/epics",
    keys: "keys.epics",
    occ: true,
    endpoints: ["list", "create", "get", "byRef", "put", "patch", "remove", "bulkCreate", "filtersData", "upvote", "downvote", "voters", "watch", "unwatch", "watchers"],
    invalidates: "keys.epics.projectLists(projectId), keys.epics.projectFiltersData(projectId), keys.userstories.projectLists(projectId)",
    seed: { list: 83, create: 84, get: 85, byRef: 86, put: 87, patch: 88, remove: 89, bulkCreate: 97, filtersData: 98 },
    test: T("epics"),
  }),
  row("GET /epics/{id}/related_userstories", 90, "epics", "listEpicRelatedUserStories", "useEpicRelatedUserStories", "const { data } = useEpicRelatedUserStories(epicId)", {
    options: "epicRelatedUserStoriesQueryOptions",
    key: "keys.epics.related(epicId)",
  }),
  row("POST /epics/{id}/related_userstories", 91, "epics", "createEpicRelatedUserStory", "useCreateEpicRelatedUserStory", "useCreateEpicRelatedUserStory().mutate({ epic, project, user_story })", {
    invalidates: "epicLinkInvalidates: the epic's links, the epic (by id, by ref, lists), the story (by id, by ref, lists, facets)",
  }),
  row("GET /epics/{id}/related_userstories/{userStoryId}", 92, "epics", "getEpicRelatedUserStory", "useEpicRelatedUserStory", "const { data } = useEpicRelatedUserStory(epicId, storyId)", {
    options: "epicRelatedUserStoryQueryOptions",
    key: "keys.epics.relatedLink(epicId, storyId)",
  }),
  row("PUT /epics/{id}/related_userstories/{userStoryId}", 93, "epics", "putEpicRelatedUserStory", "usePutEpicRelatedUserStory", "usePutEpicRelatedUserStory().mutate({ epic, project, user_story, order })", {
    invalidates: "epicLinkInvalidates",
  }),
  row("PATCH /epics/{id}/related_userstories/{userStoryId}", 94, "epics", "patchEpicRelatedUserStory", "usePatchEpicRelatedUserStory", "usePatchEpicRelatedUserStory().mutate({ epic, project, user_story, order })", {
    invalidates: "optimistic move in keys.epics.related(epicId), rolled back on error; epicLinkInvalidates",
  }),
  row("DELETE /epics/{id}/related_userstories/{userStoryId}", 95, "epics", "deleteEpicRelatedUserStory", "useDeleteEpicRelatedUserStory", "useDeleteEpicRelatedUserStory().mutate({ epic, project, user_story })", {
    invalidates: "drops keys.epics.relatedLink(epicId, storyId); epicLinkInvalidates",
  }),
  row("POST /epics/{id}/related_userstories/bulk_create", 96, "epics", "bulkCreateEpicRelatedUserStories", "useBulkCreateEpicRelatedUserStories", "useBulkCreateEpicRelatedUserStories().mutate({ epic, project, bulk_userstories })", {
    invalidates: "stores the answer under keys.epics.related(epicId); the rest of epicLinkInvalidates",
  }),

  // -------------------------------------------------------------- user stories
  ...resource({
    module: "userstories",
    name: "userstories",
    path: "/userstories",
    keys: "keys.userstories",
    occ: true,
    endpoints: ["list", "create", "get", "byRef", "put", "patch", "remove", "filtersData", "upvote", "downvote", "voters", "watch", "unwatch", "watchers"],
    invalidates: "keys.userstories.projectLists(projectId), keys.userstories.projectFiltersData(projectId), keys.projects.detail(projectId), keys.milestones.all",
    seed: { list: 99, create: 100, get: 101, byRef: 102, put: 103, patch: 104, remove: 105 },
    test: T("userstories"),
  }).map((e) => (e.id === "POST /userstories" ? { ...e, fn: "createUserStory", hook: "useCreateUserStory", example: "useCreateUserStory().mutate(body)", invalidates: `adds the story to the cached Kanban list; ${e.invalidates ?? ""}` } : e)),
  row("POST /userstories/bulk_create", 106, "userstories", "bulkCreateUserStories", "useBulkCreateUserStories", "useBulkCreateUserStories().mutate({ project_id, bulk_stories })", {
    invalidates: "adds the stories to the cached Kanban list; the project's other story lists, facets, project and sprint stats",
  }),
  row("POST /userstories/bulk_update_backlog_order", 107, "userstories", "bulkUpdateBacklogOrder", "useBulkUpdateBacklogOrder", "useBulkUpdateBacklogOrder().mutate({ body })", {
    invalidates: "optimistic move in the cached backlog and sprint lists, rolled back on error, reconciled with the answer's orders; the moved stories' details, keys.projects.stats(projectId), sprint stats",
  }),
  row("POST /userstories/bulk_update_milestone", "recorded", "userstories", "bulkUpdateMilestone", "useBulkUpdateMilestone", "useBulkUpdateMilestone().mutate({ project_id, milestone_id, bulk_stories })", {
    invalidates: "keys.userstories.projectLists(projectId), keys.milestones.all, keys.projects.stats(projectId), the moved stories' details",
  }),
  row("POST /userstories/bulk_update_kanban_order", "recorded", "userstories", "bulkUpdateKanbanOrder", "useBulkUpdateKanbanOrder", "useBulkUpdateKanbanOrder().mutate({ body, statusInfo })", {
    invalidates: "optimistic move in every cached story list of the project, rolled back on error, reconciled with the answer; the moved stories' details, keys.userstories.projectFiltersData(projectId)",
  }),
  row("GET /userstories/attachments", "recorded", "attachments", "listAttachments", "useAttachments", "const { data } = useAttachments(\"userstories\", projectId, storyId)", {
    options: "attachmentsQueryOptions",
    key: "keys.attachments.list(type, objectId)",
    test: T("attachments"),
  }),
  {
    id: "OPTIONS /userstories",
    source: "recorded",
    module: "userstories",
    fn: "",
    hook: "",
    example: "",
    test: T("userstories"),
    absent: { reason: "the browser's CORS preflight, not a call the client makes", recording: "misc/006" },
  },

  // -------------------------------------------------------------- tasks
  ...resource({
    module: "tasks",
    name: "tasks",
    path: "/tasks",
    keys: "keys.tasks",
    occ: true,
    endpoints: ["list", "create", "get", "byRef", "put", "patch", "remove", "filtersData", "upvote", "downvote", "voters", "watch", "unwatch", "watchers"],
    invalidates: "keys.tasks.projectLists(projectId), keys.userstories.projectLists(projectId), keys.milestones.all, the parent story (by id, by ref)",
    seed: { list: 108, create: 109, get: 110, byRef: 111, put: 112, patch: 113, remove: 114, filtersData: 116, upvote: 117, downvote: 118, voters: 119 },
    test: T("tasks"),
  }),
  row("POST /tasks/bulk_create", 115, "tasks", "bulkCreateTasks", "useBulkCreateTasks", "useBulkCreateTasks().mutate({ project_id, milestone_id, us_id, bulk_tasks })", {
    invalidates: "adds the tasks to the cached sprint list; sprintTaskInvalidates: the sprint (detail, stats, lists), the project's story lists and the story, task facets; the project's other task lists",
  }),
  row("POST /tasks/bulk_update_taskboard_order", "recorded", "tasks", "bulkUpdateTaskboardOrder", "useTaskboardDrop", "useTaskboardDrop(projectId, milestoneId).mutate({ request: { kind: \"reorder\", body }, task })", {
    invalidates: "optimistic move in the sprint's task list, rolled back on error, reconciled with the answer's orders; sprintTaskInvalidates; the project's other task lists",
  }),
  row("POST /tasks/bulk_update_milestone", "recorded", "tasks", "bulkUpdateTaskMilestone", "useBulkUpdateTaskMilestone", "useBulkUpdateTaskMilestone().mutate({ ...body, from })", {
    invalidates: "keys.tasks.projectLists(projectId), sprintTaskInvalidates of both sprints, the moved tasks' details",
  }),
  row("POST /tasks/bulk_update_us_order", "recorded", "tasks", "bulkUpdateTaskUsOrder", "useBulkUpdateTaskUsOrder", "useBulkUpdateTaskUsOrder().mutate({ ...body, us_id })", {
    invalidates: "optimistic move in the story's task list, rolled back on error; keys.tasks.projectLists(projectId), the story (by id, by ref)",
  }),

  // -------------------------------------------------------------- issues
  ...resource({
    module: "issues",
    name: "issues",
    path: "/issues",
    keys: "keys.issues",
    occ: true,
    endpoints: ["list", "create", "get", "byRef", "put", "patch", "remove", "filtersData", "upvote", "downvote", "voters", "watch", "unwatch", "watchers"],
    invalidates: "keys.issues.projectLists(projectId), keys.issues.projectFiltersData(projectId), keys.milestones.all",
    seed: { list: 120, create: 121, get: 122, byRef: 123, put: 124, patch: 125, remove: 126, filtersData: 128, upvote: 129, downvote: 130 },
    test: T("issues"),
  }),
  row("POST /issues/bulk_create", 127, "issues", "bulkCreateIssues", "useBulkCreateIssues", "useBulkCreateIssues(projectId).mutate({ text })", {
    invalidates: "keys.issues.projectLists(projectId), keys.issues.projectFiltersData(projectId), keys.milestones.all",
  }),
  row("POST /issues/bulk_update_milestone", "recorded", "issues", "bulkUpdateIssuesMilestone", "useBulkUpdateIssuesMilestone", "useBulkUpdateIssuesMilestone(projectId).mutate({ milestoneId, issueIds })", {
    invalidates: "the moved issues (by id, by ref), keys.issues.projectLists(projectId), facets, keys.milestones.all",
  }),
  row("POST /issues/{id}/promote_to_user_story", "recorded", "issues", "promoteIssueToStory", "usePromoteIssue", "usePromoteIssue().mutate(issue)", {
    invalidates: "the issue (by id, by ref), its lists and facets, keys.userstories.projectLists(projectId), keys.userstories.projectFiltersData(projectId)",
  }),

  // -------------------------------------------------------------- wiki pages and links
  ...resource({
    module: "wiki",
    name: "wikiPages",
    path: "/wiki",
    keys: "keys.wiki",
    occ: true,
    endpoints: ["list", "create", "get", "put", "patch", "remove", "watch", "unwatch", "watchers"],
    invalidates: "wikiPageInvalidates: keys.wiki.projectLists(projectId), keys.history.entries(\"wiki\", id)",
    seed: { list: 131, create: 132, get: 133, put: 135, patch: 136, remove: 137, watch: 138, unwatch: 139, watchers: 140 },
    test: T("wiki"),
  }),
  row("GET /wiki/by_slug", 134, "wiki", "getWikiPageBySlug", "useWikiPage", "const { data: page } = useWikiPage(projectId, slug) // null: no such page yet", {
    options: "wikiPageQueryOptions",
    key: "keys.wiki.bySlug(projectId, slug)",
  }),
  row("POST /wiki/render", "recorded", "wiki", "renderWiki", "useRenderedWikis", "const [html] = useRenderedWikis(projectId, [content])", {
    options: "renderedWikiQueryOptions",
    key: "keys.wiki.render(projectId, content)",
  }),
  ...resource({
    module: "wiki",
    name: "wikiLinks",
    path: "/wiki-links",
    keys: "keys.wikiLinks",
    endpoints: ["list", "create", "get", "put", "patch", "remove"],
    invalidates: "wikiLinkInvalidates: keys.wikiLinks.projectLists(projectId), keys.wiki.projectLists(projectId)",
    test: T("wiki"),
  }),

  // -------------------------------------------------------------- attachments (wiki pages; the same module serves every item type)
  row("GET /wiki/attachments", 141, "attachments", "listAttachments", "useAttachments", "const { data } = useAttachments(\"wiki\", projectId, pageId)", {
    options: "attachmentsQueryOptions",
    key: "keys.attachments.list(type, objectId)",
  }),
  row("POST /wiki/attachments", 142, "attachments", "uploadAttachment", "useUploadAttachment", "useUploadAttachment(\"wiki\", projectId, pageId).mutate(file)", {
    invalidates: "attachmentsInvalidates: keys.attachments.list(type, objectId), the item's history",
  }),
  row("GET /wiki/attachments/{id}", 143, "attachments", "getAttachment", "useAttachment", "const { data } = useAttachment(\"wiki\", id)", {
    options: "attachmentQueryOptions",
    key: "keys.attachments.detail(type, id)",
  }),
  {
    id: "PUT /wiki/attachments/{id}",
    source: 144,
    module: "attachments",
    fn: "",
    hook: "",
    example: "",
    test: T("attachments"),
    absent: { reason: "Taiga refuses PUT on attachments (405 \"Partial updates are not supported\"); edits are PATCH", recording: "wiki/035" },
  },
  row("PATCH /wiki/attachments/{id}", 145, "attachments", "patchAttachment", "usePatchAttachment", "usePatchAttachment(\"wiki\", pageId).mutate({ id, changes: { description } })", {
    invalidates: "stores the answer under keys.attachments.detail(type, id); attachmentsInvalidates",
  }),
  row("DELETE /wiki/attachments/{id}", 146, "attachments", "deleteAttachment", "useDeleteAttachment", "useDeleteAttachment(\"wiki\", pageId).mutate(id)", {
    invalidates: "attachmentsInvalidates: keys.attachments.list(type, objectId), the item's history",
  }),

  // -------------------------------------------------------------- value lists
  ...valueList("statuses", "userStoryStatuses", "/userstory-statuses", "keys.userstoryStatuses"),
  ...valueList("statuses", "taskStatuses", "/task-statuses", "keys.taskStatuses", ["bulkOrder"]),
  ...valueList("statuses", "issueStatuses", "/issue-statuses", "keys.issueStatuses", ["bulkOrder"]),
  ...valueList("statuses", "epicStatuses", "/epic-statuses", "keys.epicStatuses", ["bulkOrder"]),
  ...valueList("points", "points", "/points", "keys.points", ["bulkOrder"]),
  ...valueList("priorities", "priorities", "/priorities", "keys.priorities", ["bulkOrder"]),
  ...valueList("severities", "severities", "/severities", "keys.severities", ["bulkOrder"]),
  ...valueList("issueTypes", "issueTypes", "/issue-types", "keys.issueTypes", ["bulkOrder"]),
  ...valueList("swimlanes", "swimlanes", "/swimlanes", "keys.swimlanes"),
  row("GET /swimlane-userstory-statuses", "recorded", "swimlanes", "listSwimlaneUserStoryStatuses", "useSwimlaneUserStoryStatuses", "const { data } = useSwimlaneUserStoryStatuses(swimlaneId)", {
    options: "swimlaneUserStoryStatusesQueryOptions",
    key: "keys.swimlanes.statuses(swimlaneId)",
    test: T("valueLists"),
  }),

  // -------------------------------------------------------------- custom attributes and their values
  ...(["epic", "userstory", "task", "issue"] as const).flatMap((kind) =>
    resource({
      module: "customAttributes",
      name: `${kind}CustomAttributes`,
      path: `/${kind}-custom-attributes`,
      keys: `keys.customAttributes.${kind}`,
      endpoints: ["list", "create", "get", "put", "patch", "remove", "bulkOrder"],
      invalidates: `keys.customAttributes.${kind}.projectLists(projectId), keys.projects.detail(projectId), keys.projects.details()`,
      further: kind === "userstory" ? ["create", "get", "put", "patch", "remove", "bulkOrder"] : ["list", "create", "get", "put", "patch", "remove", "bulkOrder"],
      test: T("customAttributes"),
    }),
  ),
  ...([
    ["epic", "epics"],
    ["userstory", "userstories"],
    ["task", "tasks"],
    ["issue", "issues"],
  ] as const).flatMap(([kind, items]) =>
    resource({
      module: "customAttributes",
      name: `${kind}CustomAttributesValues`,
      path: `/${items}/custom-attributes-values`,
      keys: `keys.customAttributesValues.${kind}`,
      occ: true,
      endpoints: ["get", "patch"],
      invalidates: `keys.history.entries("${kind}", itemId)`,
      further: ["get", "patch"],
      test: T("customAttributes"),
    }),
  ),

  // -------------------------------------------------------------- history
  ...(["userstory", "task", "issue", "epic", "wiki"] as const).map((type) =>
    row(`GET /history/${type}/{id}`, "recorded", "history", "listHistory", "useHistory", `const { data } = useHistory("${type}", id, "comment")`, {
      options: "historyQueryOptions",
      key: "keys.history.list(type, id, filter)",
    }),
  ),
  row("GET /history/userstory/{id}/comment_versions", "recorded", "history", "getCommentVersions", "useCommentVersions", "const { data } = useCommentVersions(\"userstory\", id, entryId)", {
    options: "commentVersionsQueryOptions",
    key: "keys.history.commentVersions(type, id, entryId)",
  }),
  row("POST /history/userstory/{id}/edit_comment", "recorded", "history", "editComment", "useCommentAction", "useCommentAction(\"userstory\", id).mutate({ action: \"edit\", entryId, comment })", {
    invalidates: "keys.history.entries(type, id)",
  }),
  row("POST /history/userstory/{id}/delete_comment", "recorded", "history", "deleteComment", "useCommentAction", "useCommentAction(\"userstory\", id).mutate({ action: \"delete\", entryId })", {
    invalidates: "keys.history.entries(type, id)",
  }),
  row("POST /history/userstory/{id}/undelete_comment", "recorded", "history", "undeleteComment", "useCommentAction", "useCommentAction(\"userstory\", id).mutate({ action: \"undelete\", entryId })", {
    invalidates: "keys.history.entries(type, id)",
  }),

  // -------------------------------------------------------------- timeline, users
  row("GET /timeline/project/{id}", "recorded", "timeline", "timelinePage", "useTimeline", "const { data, fetchNextPage } = useTimeline(\"project\", projectId)", {
    options: "timelineQueryOptions",
    key: "keys.timeline.of(kind, id)",
  }),
  row("GET /timeline/user/{id}", "further", "timeline", "timelinePage", "useTimeline", "const { data, fetchNextPage } = useTimeline(\"user\", userId)", {
    options: "timelineQueryOptions",
    key: "keys.timeline.of(kind, id)",
  }),
  row("GET /timeline/profile/{id}", "further", "timeline", "timelinePage", "useTimeline", "const { data, fetchNextPage } = useTimeline(\"profile\", userId)", {
    options: "timelineQueryOptions",
    key: "keys.timeline.of(kind, id)",
  }),
  row("GET /users", "recorded", "users", "listProjectUsers", "useProjectUsers", "const { data } = useProjectUsers(projectId)", {
    options: "projectUsersQueryOptions",
    key: "keys.users.project(projectId)",
  }),
  row("GET /users/{id}", "recorded", "users", "getUser", "useUser", "const { data } = useUser(id)", { options: "userQueryOptions", key: "keys.users.detail(id)" }),
  row("GET /users/by_username", "recorded", "users", "getUserByUsername", "useUserByUsername", "const { data } = useUserByUsername(username)", {
    options: "userByUsernameQueryOptions",
    key: "keys.users.byUsername(username)",
  }),
  row("GET /users/me", "recorded", "auth", "getMe", "useMe", "const { data: me } = useMe()", { options: "meQueryOptions", key: "keys.auth.me()", test: T("users") }),
  row("GET /users/{id}/stats", "further", "users", "getUserStats", "useUserStats", "const { data } = useUserStats(userId)", { options: "userStatsQueryOptions", key: "keys.users.stats(id)" }),
  row("GET /users/{id}/contacts", "further", "users", "listUserContacts", "useUserContacts", "const { data } = useUserContacts(userId)", {
    options: "userContactsQueryOptions",
    key: "keys.users.contacts(id)",
  }),
  ...(["watched", "liked", "voted"] as const).map((kind) =>
    row(`GET /users/{id}/${kind}`, "further", "users", "listUserFavourites", "useUserFavourites", `const { data } = useUserFavourites(userId, "${kind}")`, {
      options: "userFavouritesQueryOptions",
      key: "keys.users.favourites(id, kind, filters)",
    }),
  ),
  row("PATCH /users/{id}", "further", "users", "patchUser", "usePatchUser", "usePatchUser().mutate({ id: me.id, changes: { bio } })", {
    invalidates: "stores the answer under keys.auth.me() (when it is the signed-in user); keys.users.detail(id), byUsername, the project user lists",
  }),
  row("POST /users/change_password", "further", "users", "changePassword", "useChangePassword", "useChangePassword().mutate({ currentPassword, password })", {
    invalidates: "nothing",
  }),
  row("POST /users/change_avatar", "further", "users", "changeAvatar", "useChangeAvatar", "useChangeAvatar().mutate(file)", {
    invalidates: "stores the answer under keys.auth.me(); keys.users.detail(id), byUsername, the project user lists",
  }),
  row("POST /users/remove_avatar", "further", "users", "removeAvatar", "useRemoveAvatar", "useRemoveAvatar().mutate()", {
    invalidates: "stores the answer under keys.auth.me(); keys.users.detail(id), byUsername, the project user lists",
  }),
  row("POST /users/change_email", "further", "users", "changeEmail", "useChangeEmail", "useChangeEmail().mutate(emailToken)", { invalidates: "keys.auth.me()" }),
  row("POST /users/password_recovery", "further", "users", "passwordRecovery", "usePasswordRecovery", "usePasswordRecovery().mutate(usernameOrEmail)", { invalidates: "nothing" }),
  row("POST /users/change_password_from_recovery", "further", "users", "changePasswordFromRecovery", "useChangePasswordFromRecovery", "useChangePasswordFromRecovery().mutate({ token, password })", {
    invalidates: "nothing",
  }),

  // -------------------------------------------------------------- notifications, feedback, export/import, the instance
  ...resource({
    module: "notifyPolicies",
    name: "notifyPolicies",
    path: "/notify-policies",
    keys: "keys.notifyPolicies",
    endpoints: ["listAll", "get", "patch"],
    invalidates: "keys.notifyPolicies.lists(), keys.projects.detail(projectId)",
    further: ["listAll", "get", "patch"],
    test: T("notifyPolicies"),
  }),
  row("POST /feedback", "further", "feedback", "sendFeedback", "useSendFeedback", "useSendFeedback().mutate(comment)", { invalidates: "nothing" }),
  row("GET /exporter/{id}", "further", "exportImport", "exportProject", "useExportProject", "useExportProject().mutate(projectId)", {
    invalidates: "nothing (a mutation: each call writes a new dump)",
  }),
  row("POST /importer/load_dump", "further", "exportImport", "importProject", "useImportProject", "useImportProject().mutate(dumpFile)", { invalidates: "keys.projects.lists()" }),
  row("GET /locales", "further", "instance", "listLocales", "useLocales", "const { data } = useLocales()", { options: "localesQueryOptions", key: "keys.instance.locales()" }),
  row("GET /stats/discover", "further", "instance", "getDiscoverStats", "useDiscoverStats", "const { data } = useDiscoverStats()", {
    options: "discoverStatsQueryOptions",
    key: "keys.instance.discoverStats()",
  }),
];

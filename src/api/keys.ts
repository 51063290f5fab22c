/**
 * One query-key factory for every Taiga resource. Keys are hierarchical
 * (`[resource, scope, ...params]`) so invalidating a prefix reaches every
 * list and detail below it.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { AttachmentObjectType, HistoryFilter, HistoryObjectType, Id } from "./types";

/** Filters are plain records of query parameters. */
export type ListFilters = Record<string, string | number | boolean | null | undefined>;

/**
 * The keys of one resource of the usual shape (src/api/resource.ts): lists per project and filters,
 * details by id, by ref and by slug, facet counts, watchers and voters, all under one root.
 */
export interface ResourceKeys {
  readonly all: readonly [string];
  lists(): QueryKey;
  projectLists(projectId: Id): QueryKey;
  list(projectId: Id, filters?: ListFilters): QueryKey;
  /** The whole list of a resource outside any project (`listAll`). */
  listAll(filters?: ListFilters): QueryKey;
  details(): QueryKey;
  detail(id: Id | string): QueryKey;
  byRef(projectId: Id, ref: number): QueryKey;
  bySlug(projectId: Id, slug: string): QueryKey;
  filtersData(projectId: Id, filters?: ListFilters): QueryKey;
  /** Every facet-count entry of a project, for invalidation. */
  projectFiltersData(projectId: Id): QueryKey;
  watchers(id: Id): QueryKey;
  voters(id: Id): QueryKey;
}

export function resourceKeys<const R extends string>(root: R) {
  return {
    all: [root] as const,
    lists: () => [root, "list"] as const,
    projectLists: (projectId: Id) => [root, "list", projectId] as const,
    list: (projectId: Id, filters: ListFilters = {}) => [root, "list", projectId, filters] as const,
    listAll: (filters: ListFilters = {}) => [root, "list", "all", filters] as const,
    details: () => [root, "detail"] as const,
    detail: <K extends Id | string>(id: K) => [root, "detail", id] as const,
    byRef: (projectId: Id, ref: number) => [root, "ref", projectId, ref] as const,
    bySlug: (projectId: Id, slug: string) => [root, "slug", projectId, slug] as const,
    filtersData: (projectId: Id, filters: ListFilters = {}) => [root, "filters-data", projectId, filters] as const,
    projectFiltersData: (projectId: Id) => [root, "filters-data", projectId] as const,
    watchers: (id: Id) => [root, "watchers", id] as const,
    voters: (id: Id) => [root, "voters", id] as const,
  } satisfies ResourceKeys;
}

export const keys = {
  auth: {
    all: ["auth"] as const,
    me: () => ["auth", "me"] as const,
  },
  projects: {
    all: ["projects"] as const,
    lists: () => ["projects", "list"] as const,
    list: (filters: ListFilters = {}) => ["projects", "list", filters] as const,
    details: () => ["projects", "detail"] as const,
    detail: (id: Id) => ["projects", "detail", id] as const,
    bySlug: (slug: string) => ["projects", "detail", "slug", slug] as const,
    /** Sub-resources of one project, each under its own prefix. */
    modules: (id: Id) => ["projects", "modules", id] as const,
    stats: (id: Id) => ["projects", "stats", id] as const,
    memberStats: (id: Id) => ["projects", "member-stats", id] as const,
    issuesStats: (id: Id) => ["projects", "issues-stats", id] as const,
    tagsColors: (id: Id) => ["projects", "tags-colors", id] as const,
    fans: (id: Id) => ["projects", "fans", id] as const,
    watchers: (id: Id) => ["projects", "watchers", id] as const,
  },
  projectTemplates: resourceKeys("project-templates"),
  memberships: {
    ...resourceKeys("memberships"),
    invitation: (token: string) => ["memberships", "invitation", token] as const,
  },
  roles: resourceKeys("roles"),
  userstoryStatuses: resourceKeys("userstory-statuses"),
  taskStatuses: resourceKeys("task-statuses"),
  issueStatuses: resourceKeys("issue-statuses"),
  epicStatuses: resourceKeys("epic-statuses"),
  points: resourceKeys("points"),
  priorities: resourceKeys("priorities"),
  severities: resourceKeys("severities"),
  issueTypes: resourceKeys("issue-types"),
  swimlanes: {
    ...resourceKeys("swimlanes"),
    /** The per-status WIP settings of one swimlane (`/swimlane-userstory-statuses`). */
    statuses: (swimlaneId: Id) => ["swimlanes", "statuses", swimlaneId] as const,
  },
  customAttributes: {
    all: ["custom-attributes"] as const,
    userstory: resourceKeys("userstory-custom-attributes"),
    task: resourceKeys("task-custom-attributes"),
    issue: resourceKeys("issue-custom-attributes"),
    epic: resourceKeys("epic-custom-attributes"),
  },
  customAttributesValues: {
    userstory: resourceKeys("userstory-custom-attributes-values"),
    task: resourceKeys("task-custom-attributes-values"),
    issue: resourceKeys("issue-custom-attributes-values"),
    epic: resourceKeys("epic-custom-attributes-values"),
  },
  userstories: resourceKeys("userstories"),
  tasks: resourceKeys("tasks"),
  issues: resourceKeys("issues"),
  epics: {
    ...resourceKeys("epics"),
    /** The links of one epic to its stories, and one link (by story id). */
    related: (epicId: Id) => ["epics", "related", epicId] as const,
    relatedLink: (epicId: Id, userStoryId: Id) => ["epics", "related", epicId, userStoryId] as const,
  },
  milestones: {
    ...resourceKeys("milestones"),
    stats: (id: Id) => ["milestones", "stats", id] as const,
  },
  wiki: {
    ...resourceKeys("wiki"),
    /** `POST /wiki/render` answers, per project and text */
    render: (projectId: Id, content: string) => ["wiki", "render", projectId, content] as const,
  },
  wikiLinks: resourceKeys("wiki-links"),

  history: {
    all: ["history"] as const,
    entries: (type: HistoryObjectType, objectId: Id) => ["history", type, objectId] as const,
    list: (type: HistoryObjectType, objectId: Id, filter: HistoryFilter) => ["history", type, objectId, filter] as const,
    commentVersions: (type: HistoryObjectType, objectId: Id, entryId: string) =>
      ["history", type, objectId, "versions", entryId] as const,
  },
  attachments: {
    all: ["attachments"] as const,
    list: (type: AttachmentObjectType, objectId: Id) => ["attachments", type, objectId] as const,
    detail: (type: AttachmentObjectType, id: Id) => ["attachments", type, "detail", id] as const,
  },
  users: {
    all: ["users"] as const,
    project: (projectId: Id) => ["users", "project", projectId] as const,
    detail: (id: Id) => ["users", "detail", id] as const,
    byUsername: (username: string) => ["users", "username", username] as const,
    /** What one user did and follows (`/users/<id>/stats|contacts|watched|liked|voted`). */
    stats: (id: Id) => ["users", "stats", id] as const,
    contacts: (id: Id) => ["users", "contacts", id] as const,
    favourites: (id: Id, kind: "watched" | "liked" | "voted", filters: ListFilters = {}) => ["users", kind, id, filters] as const,
  },
  applications: {
    all: ["applications"] as const,
    detail: (uuid: string) => ["applications", "detail", uuid] as const,
    token: (uuid: string) => ["applications", "token", uuid] as const,
  },
  applicationTokens: resourceKeys("application-tokens"),
  userStorage: resourceKeys("user-storage"),
  notifyPolicies: resourceKeys("notify-policies"),
  instance: {
    all: ["instance"] as const,
    locales: () => ["instance", "locales"] as const,
    discoverStats: () => ["instance", "discover-stats"] as const,
  },
  resolver: {
    all: ["resolver"] as const,
    resolve: (query: ListFilters) => ["resolver", query] as const,
  },
  search: {
    all: ["search"] as const,
    results: (projectId: Id, text: string) => ["search", projectId, text] as const,
  },
  timeline: {
    all: ["timeline"] as const,
    of: (kind: "project" | "user" | "profile", id: Id) => ["timeline", kind, id] as const,
  },
} as const;

/** Invalidates every key of `list` (each as a prefix); resolves once all refetches are under way. */
export function invalidateAll(client: QueryClient, list: readonly QueryKey[]): Promise<void> {
  return Promise.all(list.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined);
}

/**
 * Writes a fresh item detail into each of `entries` that is already cached, keeping the neighbours
 * we had when the answer carries none.
 */
export function storeDetail<T extends { neighbors?: unknown }>(client: QueryClient, entries: readonly QueryKey[], item: T): void {
  for (const key of entries) {
    client.setQueryData<T>(key, (old) => (old ? { ...item, neighbors: item.neighbors ?? old.neighbors } : old));
  }
}

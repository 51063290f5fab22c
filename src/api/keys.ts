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
  details(): QueryKey;
  detail(id: Id): QueryKey;
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
    details: () => [root, "detail"] as const,
    detail: (id: Id) => [root, "detail", id] as const,
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
  },
  memberships: resourceKeys("memberships"),
  roles: resourceKeys("roles"),
  userstoryStatuses: resourceKeys("userstory-statuses"),
  taskStatuses: resourceKeys("task-statuses"),
  issueStatuses: resourceKeys("issue-statuses"),
  epicStatuses: resourceKeys("epic-statuses"),
  points: resourceKeys("points"),
  priorities: resourceKeys("priorities"),
  severities: resourceKeys("severities"),
  issueTypes: resourceKeys("issue-types"),
  swimlanes: resourceKeys("swimlanes"),
  userstories: resourceKeys("userstories"),
  tasks: resourceKeys("tasks"),
  issues: resourceKeys("issues"),
  epics: resourceKeys("epics"),
  milestones: {
    ...resourceKeys("milestones"),
    stats: (id: Id) => ["milestones", "stats", id] as const,
  },
  wiki: {
    all: ["wiki"] as const,
    pages: (projectId: Id) => ["wiki", "pages", projectId] as const,
    page: (id: Id) => ["wiki", "page", id] as const,
    bySlug: (projectId: Id, slug: string) => ["wiki", "slug", projectId, slug] as const,
    links: (projectId: Id) => ["wiki", "links", projectId] as const,
  },
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
  },
  users: {
    all: ["users"] as const,
    project: (projectId: Id) => ["users", "project", projectId] as const,
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

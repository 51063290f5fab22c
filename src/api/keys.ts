/**
 * One query-key factory for every Taiga resource. Keys are hierarchical
 * (`[resource, scope, ...params]`) so invalidating a prefix reaches every
 * list and detail below it.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { AttachmentObjectType, HistoryFilter, HistoryObjectType, Id } from "./types";

/** Filters are plain records of query parameters. */
export type ListFilters = Record<string, string | number | boolean | null | undefined>;

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
  memberships: {
    all: ["memberships"] as const,
    list: (projectId: Id) => ["memberships", "list", projectId] as const,
    detail: (id: Id) => ["memberships", "detail", id] as const,
  },
  roles: {
    all: ["roles"] as const,
    list: (projectId: Id) => ["roles", "list", projectId] as const,
    detail: (id: Id) => ["roles", "detail", id] as const,
  },
  userstoryStatuses: {
    all: ["userstory-statuses"] as const,
    list: (projectId: Id) => ["userstory-statuses", "list", projectId] as const,
  },
  taskStatuses: {
    all: ["task-statuses"] as const,
    list: (projectId: Id) => ["task-statuses", "list", projectId] as const,
  },
  issueStatuses: {
    all: ["issue-statuses"] as const,
    list: (projectId: Id) => ["issue-statuses", "list", projectId] as const,
  },
  points: {
    all: ["points"] as const,
    list: (projectId: Id) => ["points", "list", projectId] as const,
  },
  priorities: {
    all: ["priorities"] as const,
    list: (projectId: Id) => ["priorities", "list", projectId] as const,
  },
  severities: {
    all: ["severities"] as const,
    list: (projectId: Id) => ["severities", "list", projectId] as const,
  },
  issueTypes: {
    all: ["issue-types"] as const,
    list: (projectId: Id) => ["issue-types", "list", projectId] as const,
  },
  swimlanes: {
    all: ["swimlanes"] as const,
    list: (projectId: Id) => ["swimlanes", "list", projectId] as const,
    detail: (id: Id) => ["swimlanes", "detail", id] as const,
  },
  userstories: {
    all: ["userstories"] as const,
    lists: () => ["userstories", "list"] as const,
    projectLists: (projectId: Id) => ["userstories", "list", projectId] as const,
    list: (projectId: Id, filters: ListFilters = {}) => ["userstories", "list", projectId, filters] as const,
    details: () => ["userstories", "detail"] as const,
    detail: (id: Id) => ["userstories", "detail", id] as const,
    byRef: (projectId: Id, ref: number) => ["userstories", "ref", projectId, ref] as const,
    filtersData: (projectId: Id, filters: ListFilters = {}) =>
      ["userstories", "filters-data", projectId, filters] as const,
  },
  tasks: {
    all: ["tasks"] as const,
    lists: () => ["tasks", "list"] as const,
    projectLists: (projectId: Id) => ["tasks", "list", projectId] as const,
    list: (projectId: Id, filters: ListFilters = {}) => ["tasks", "list", projectId, filters] as const,
    details: () => ["tasks", "detail"] as const,
    detail: (id: Id) => ["tasks", "detail", id] as const,
    byRef: (projectId: Id, ref: number) => ["tasks", "ref", projectId, ref] as const,
    filtersData: (projectId: Id, filters: ListFilters = {}) => ["tasks", "filters-data", projectId, filters] as const,
  },
  issues: {
    all: ["issues"] as const,
    lists: () => ["issues", "list"] as const,
    projectLists: (projectId: Id) => ["issues", "list", projectId] as const,
    list: (projectId: Id, filters: ListFilters = {}) => ["issues", "list", projectId, filters] as const,
    details: () => ["issues", "detail"] as const,
    detail: (id: Id) => ["issues", "detail", id] as const,
    byRef: (projectId: Id, ref: number) => ["issues", "ref", projectId, ref] as const,
    filtersData: (projectId: Id, filters: ListFilters = {}) => ["issues", "filters-data", projectId, filters] as const,
  },
  milestones: {
    all: ["milestones"] as const,
    lists: () => ["milestones", "list"] as const,
    list: (projectId: Id, filters: ListFilters = {}) => ["milestones", "list", projectId, filters] as const,
    detail: (id: Id) => ["milestones", "detail", id] as const,
    bySlug: (projectId: Id, slug: string) => ["milestones", "slug", projectId, slug] as const,
    stats: (id: Id) => ["milestones", "stats", id] as const,
  },
  wiki: {
    all: ["wiki"] as const,
    pages: (projectId: Id) => ["wiki", "pages", projectId] as const,
    page: (id: Id) => ["wiki", "page", id] as const,
    bySlug: (projectId: Id, slug: string) => ["wiki", "slug", projectId, slug] as const,
    links: (projectId: Id) => ["wiki", "links", projectId] as const,
    render: (projectId: Id, content: string) => ["wiki", "render", projectId, content] as const,
  },
  history: {
    all: ["history"] as const,
    entries: (type: HistoryObjectType, objectId: Id) => ["history", type, objectId] as const,
    list: (type: HistoryObjectType, objectId: Id, filter: HistoryFilter) => ["history", type, objectId, filter] as const,
    commentVersions: (type: HistoryObjectType, objectId: Id, entryId: string) =>
      ["history", type, objectId, "versions", entryId] as const,
  },
  watchers: {
    all: ["watchers"] as const,
    list: (type: "userstories" | "tasks" | "issues", objectId: Id) => ["watchers", type, objectId] as const,
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

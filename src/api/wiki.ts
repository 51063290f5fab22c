/**
 * Wiki pages (`/wiki`) and wiki links (`/wiki-links`), each described once with defineResource,
 * plus what Taiga does differently by hand: a page read by slug that may not exist (the view offers
 * to create it, so a 404 is `null`, not an error), `POST /wiki/render`, and optimistic link rename
 * and reorder. Attachments of pages use `api/attachments.ts` with type "wiki", their history
 * `api/history.ts` with type "wiki".
 *
 * Links have no bulk order endpoint in Taiga (`POST /wiki-links/bulk_update_order` answers 405): a
 * reorder PATCHes `order` of the links that must change (src/lib/wikiLinkOrder.ts picks the
 * fewest), shown at once and rolled back if the server refuses.
 */
import { queryOptions, useMutation, useQueries, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { applyOrderChanges, type OrderChange } from "../lib/wikiLinkOrder";
import { ApiError, http } from "./http";
import { invalidateAll, keys } from "./keys";
import { defineResource } from "./resource";
import type { Id, WikiLink, WikiPage } from "./types";

// ---------------------------------------------------------------- pages

export interface CreateWikiPageBody {
  project: Id;
  /** chosen by the client; letters, digits, `_` and `-`, unique in the project */
  slug: string;
  content?: string;
}

export interface WikiPageChanges {
  /** PUT sends the whole page, its project included */
  project?: Id;
  slug?: string;
  content?: string;
  comment?: string;
}

/** What a page write makes stale besides the page itself: the project's page list and the page's history. */
export const wikiPageInvalidates = (page: { id: Id; project: Id }): QueryKey[] => [keys.wiki.projectLists(page.project), keys.history.entries("wiki", page.id)];

export const wikiPages = defineResource<{
  item: WikiPage;
  detail: WikiPage;
  create: CreateWikiPageBody;
  changes: WikiPageChanges;
  filters: { slug?: string };
}>()({
  path: "/wiki",
  keys: keys.wiki,
  occ: true,
  actions: ["list", "get", "create", "patch", "put", "remove", "watch"],
  invalidates: wikiPageInvalidates,
});

export const {
  list: listWikiPages,
  get: getWikiPage,
  create: createWikiPage,
  patch: patchWikiPage,
  remove: deleteWikiPage,
  useList: useWikiPages,
  useCreate: useCreateWikiPage,
  useRemove: useDeleteWikiPage,
  useSetWatching: useWatchWikiPage,
} = wikiPages;

/** `GET /wiki/by_slug?slug=&project=`; null when there is no such page (404). */
export async function getWikiPageBySlug(projectId: Id, slug: string, signal?: AbortSignal): Promise<WikiPage | null> {
  try {
    return await http.get<WikiPage>("/wiki/by_slug", { query: { project: projectId, slug }, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The page at a slug, or null: the same key as the derived by-slug entry, so saves land in it. */
export const wikiPageQueryOptions = (projectId: Id, slug: string) =>
  queryOptions({ queryKey: keys.wiki.bySlug(projectId, slug), queryFn: ({ signal }) => getWikiPageBySlug(projectId, slug, signal) });

export function useWikiPage(projectId: Id | undefined, slug: string) {
  return useQuery({ ...wikiPageQueryOptions(projectId ?? 0, slug), enabled: projectId !== undefined && slug !== "" });
}

/** `POST /wiki/render`: the server's HTML for a text in a project's context. */
export async function renderWiki(projectId: Id, content: string, signal?: AbortSignal): Promise<string> {
  return (await http.post<{ data: string }>("/wiki/render", { content, project_id: projectId }, { signal })).data;
}

/** The server's rendering of a short text (the editor asks it for the `#refs` it cannot resolve itself); cached per text. */
export const renderedWikiQueryOptions = (projectId: Id, content: string) =>
  queryOptions({ queryKey: keys.wiki.render(projectId, content), queryFn: ({ signal }) => renderWiki(projectId, content, signal), staleTime: 5 * 60_000 });

/** Several texts rendered by the server, in order (each cached on its own). */
export function useRenderedWikis(projectId: Id, contents: readonly string[]) {
  return useQueries({ queries: contents.map((content) => renderedWikiQueryOptions(projectId, content)) });
}

/** Puts a saved or created page in its caches: by slug (where the view reads it), by id, and the project's list. */
export function storeWikiPage(client: QueryClient, page: WikiPage): void {
  client.setQueryData(keys.wiki.bySlug(page.project, page.slug), page);
  client.setQueryData(keys.wiki.detail(page.id), page);
  client.setQueryData<WikiPage[]>(keys.wiki.list(page.project), (old) =>
    old ? [...old.filter((p) => p.id !== page.id), page].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)) : old,
  );
}

/**
 * Save a page's changes at a version (the OCC flow is the caller's: a stale version throws
 * ConflictError). Stores the answer (a renamed page leaves its old slug missing) and invalidates
 * `wikiPageInvalidates`.
 */
export function useSaveWikiPage() {
  const client = useQueryClient();
  return async (page: WikiPage, changes: WikiPageChanges, version: number): Promise<WikiPage> => {
    const saved = await patchWikiPage(page.id, changes, version);
    if (saved.slug !== page.slug) client.setQueryData(keys.wiki.bySlug(page.project, page.slug), null);
    storeWikiPage(client, saved);
    void invalidateAll(client, wikiPageInvalidates(saved));
    return saved;
  };
}

// ---------------------------------------------------------------- links

/** Adding a link may create its page (for users who may add pages): links and pages go stale. */
export const wikiLinkInvalidates = (link: { project: Id }): QueryKey[] => [keys.wikiLinks.projectLists(link.project), keys.wiki.projectLists(link.project)];

export const wikiLinks = defineResource<{
  item: WikiLink;
  detail: WikiLink;
  create: { project: Id; title: string };
  /** PUT sends the whole link, its project included */
  changes: { project?: Id; title?: string; order?: number };
  filters: Record<string, never>;
}>()({
  path: "/wiki-links",
  keys: keys.wikiLinks,
  occ: false,
  actions: ["list", "get", "create", "patch", "put", "remove"],
  invalidates: wikiLinkInvalidates,
});

export const { list: listWikiLinks, create: createWikiLink, patch: patchWikiLink, remove: deleteWikiLink, useList: useWikiLinks, useCreate: useCreateWikiLink, useRemove: useDeleteWikiLink } =
  wikiLinks;

/** The sidebar's order: Taiga's (order, then id), kept when the cache is edited by hand. */
export const sortLinks = (links: readonly WikiLink[]): WikiLink[] => [...links].sort((a, b) => a.order - b.order || a.id - b.id);

/** Rename a link, shown at once; rolled back when refused. Invalidates the links. */
export function useRenameWikiLink(projectId: Id) {
  const client = useQueryClient();
  const key = keys.wikiLinks.list(projectId);
  return useMutation({
    mutationFn: ({ id, title }: { id: Id; title: string }) => patchWikiLink(id, { title }),
    onMutate: async ({ id, title }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<WikiLink[]>(key);
      client.setQueryData<WikiLink[]>(key, (old) => old?.map((l) => (l.id === id ? { ...l, title } : l)));
      return { before };
    },
    onError: (_e, _v, context) => client.setQueryData(key, context?.before),
    onSettled: () => invalidateAll(client, [keys.wikiLinks.projectLists(projectId)]),
  });
}

/**
 * Save a new link order: the sidebar shows it at once; the PATCHes of `changes` follow; if any is
 * refused the previous order comes back (and the error reaches the caller for its message).
 * Invalidates the links afterwards either way.
 */
export function useReorderWikiLinks(projectId: Id) {
  const client = useQueryClient();
  const key = keys.wikiLinks.list(projectId);
  return useMutation({
    mutationFn: async (changes: readonly OrderChange[]) => {
      await Promise.all(changes.map((c) => patchWikiLink(c.id, { order: c.order })));
    },
    onMutate: (changes) => {
      void client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<WikiLink[]>(key);
      client.setQueryData<WikiLink[]>(key, (old) => (old ? applyOrderChanges(old, changes) : old));
      return { before };
    },
    onError: (_e, _v, context) => client.setQueryData(key, context?.before),
    onSettled: () => invalidateAll(client, [keys.wikiLinks.projectLists(projectId)]),
  });
}

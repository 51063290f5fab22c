/**
 * Wiki pages (`/wiki`) and wiki links (`/wiki-links`): endpoint functions, their queryOptions and
 * the hooks built on them. Every mutation lists the keys it invalidates. Attachments of pages use
 * `api/attachments.ts` with type "wiki", their history `api/history.ts` with type "wiki".
 *
 * Pages are read by slug (`/wiki/by_slug`), the way the view is addressed; a missing slug is not
 * an error for the view (it offers to create the page), so `getWikiPageBySlug` answers null on 404.
 * Links have no bulk order endpoint in Taiga (405): a reorder PATCHes `order` of the links that
 * must change (src/lib/wikiLinkOrder.ts picks the fewest), optimistically, rolled back on error.
 */
import { queryOptions, useMutation, useQueries, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { applyOrderChanges, type OrderChange } from "../lib/wikiLinkOrder";
import { ApiError, getAllPages, http } from "./http";
import { invalidateAll, keys } from "./keys";
import type { Id, WikiLink, WikiPage } from "./types";

// ---------------------------------------------------------------- endpoint functions: pages

/** `GET /wiki?project=`, every page (ordered by slug). */
export function listWikiPages(projectId: Id, signal?: AbortSignal): Promise<WikiPage[]> {
  return getAllPages<WikiPage>("/wiki", { query: { project: projectId }, disablePagination: true, signal });
}

/** `GET /wiki/by_slug?slug=&project=`; null when there is no such page (404). */
export async function getWikiPageBySlug(projectId: Id, slug: string, signal?: AbortSignal): Promise<WikiPage | null> {
  try {
    return await http.get<WikiPage>("/wiki/by_slug", { query: { project: projectId, slug }, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function getWikiPage(id: Id, signal?: AbortSignal): Promise<WikiPage> {
  return http.get<WikiPage>(`/wiki/${id}`, { signal });
}

export interface CreateWikiPageBody {
  project: Id;
  /** chosen by the client; letters, digits, `_` and `-`, unique in the project */
  slug: string;
  content?: string;
}

export function createWikiPage(body: CreateWikiPageBody): Promise<WikiPage> {
  return http.post<WikiPage>("/wiki", body);
}

export interface WikiPageChanges {
  slug?: string;
  content?: string;
  comment?: string;
}

/** `PATCH /wiki/<id>` with the version the user saw; a stale one throws ConflictError. */
export function patchWikiPage(id: Id, changes: WikiPageChanges, version: number): Promise<WikiPage> {
  return http.patch<WikiPage>(`/wiki/${id}`, { ...changes, version });
}

export function deleteWikiPage(id: Id): Promise<null> {
  return http.delete(`/wiki/${id}`);
}

/** `POST /wiki/render`: the server's HTML for a text in a project's context. */
export async function renderWiki(projectId: Id, content: string, signal?: AbortSignal): Promise<string> {
  return (await http.post<{ data: string }>("/wiki/render", { content, project_id: projectId }, { signal })).data;
}

export function watchWikiPage(id: Id): Promise<null> {
  return http.post<null>(`/wiki/${id}/watch`);
}

export function unwatchWikiPage(id: Id): Promise<null> {
  return http.post<null>(`/wiki/${id}/unwatch`);
}

// ---------------------------------------------------------------- endpoint functions: links

/** `GET /wiki-links?project=`, every link, in the sidebar's order (order, then id). */
export async function listWikiLinks(projectId: Id, signal?: AbortSignal): Promise<WikiLink[]> {
  const rows = await getAllPages<WikiLink>("/wiki-links", { query: { project: projectId }, disablePagination: true, signal });
  return rows.sort((a, b) => a.order - b.order || a.id - b.id);
}

/** `POST /wiki-links`: the server derives `href` from the title (and may create the page). */
export function createWikiLink(projectId: Id, title: string): Promise<WikiLink> {
  return http.post<WikiLink>("/wiki-links", { project: projectId, title });
}

export function patchWikiLink(id: Id, changes: { title?: string; order?: number }): Promise<WikiLink> {
  return http.patch<WikiLink>(`/wiki-links/${id}`, changes);
}

export function deleteWikiLink(id: Id): Promise<null> {
  return http.delete(`/wiki-links/${id}`);
}

// ---------------------------------------------------------------- query options and reads

export const wikiPagesQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.wiki.pages(projectId), queryFn: ({ signal }) => listWikiPages(projectId, signal) });

export const wikiPageQueryOptions = (projectId: Id, slug: string) =>
  queryOptions({ queryKey: keys.wiki.bySlug(projectId, slug), queryFn: ({ signal }) => getWikiPageBySlug(projectId, slug, signal) });

export const wikiLinksQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.wiki.links(projectId), queryFn: ({ signal }) => listWikiLinks(projectId, signal) });

export function useWikiPages(projectId: Id | undefined) {
  return useQuery({ ...wikiPagesQueryOptions(projectId ?? 0), enabled: projectId !== undefined });
}

export function useWikiPage(projectId: Id | undefined, slug: string) {
  return useQuery({ ...wikiPageQueryOptions(projectId ?? 0, slug), enabled: projectId !== undefined && slug !== "" });
}

export function useWikiLinks(projectId: Id | undefined) {
  return useQuery({ ...wikiLinksQueryOptions(projectId ?? 0), enabled: projectId !== undefined });
}

/** The server's rendering of a short text (the editor asks it for the `#refs` it cannot resolve itself); cached per text. */
export const renderedWikiQueryOptions = (projectId: Id, content: string) =>
  queryOptions({
    queryKey: keys.wiki.render(projectId, content),
    queryFn: ({ signal }) => renderWiki(projectId, content, signal),
    staleTime: 5 * 60_000,
  });

/** Several texts rendered by the server, in order (each cached on its own). */
export function useRenderedWikis(projectId: Id, contents: readonly string[]) {
  return useQueries({ queries: contents.map((content) => renderedWikiQueryOptions(projectId, content)) });
}

// ---------------------------------------------------------------- cache writes

/** Puts a saved page in its caches (by slug, by id, and in the project's list). */
export function storeWikiPage(client: QueryClient, page: WikiPage): void {
  client.setQueryData(keys.wiki.bySlug(page.project, page.slug), page);
  client.setQueryData(keys.wiki.page(page.id), page);
  client.setQueryData<WikiPage[]>(keys.wiki.pages(page.project), (old) =>
    old ? [...old.filter((p) => p.id !== page.id), page].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)) : old,
  );
}

/** What a page write touches besides the page itself: the list, and the page's history. */
export const wikiPageInvalidates = (page: Pick<WikiPage, "id" | "project">): QueryKey[] => [keys.wiki.pages(page.project), keys.history.entries("wiki", page.id)];

// ---------------------------------------------------------------- mutations: pages

/** Create a page. Stores it; invalidates the page list. */
export function useCreateWikiPage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createWikiPage,
    onSuccess: (page) => {
      storeWikiPage(client, page);
      return invalidateAll(client, [keys.wiki.pages(page.project)]);
    },
  });
}

/** Save a page's changes at a version (the OCC flow is the caller's). Stores it; invalidates `wikiPageInvalidates`. */
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

/** Delete a page. Its slug now reads as missing; invalidates the page list (links stay, as in Taiga). */
export function useDeleteWikiPage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (page: WikiPage) => deleteWikiPage(page.id),
    onSuccess: (_data, page) => {
      client.setQueryData(keys.wiki.bySlug(page.project, page.slug), null);
      client.removeQueries({ queryKey: keys.wiki.page(page.id) });
      return invalidateAll(client, [keys.wiki.pages(page.project)]);
    },
  });
}

/** Watch or stop watching a page. Invalidates the page. */
export function useWatchWikiPage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ page, watch }: { page: WikiPage; watch: boolean }) => (watch ? watchWikiPage(page.id) : unwatchWikiPage(page.id)),
    onSuccess: (_data, { page }) => invalidateAll(client, [keys.wiki.bySlug(page.project, page.slug)]),
  });
}

// ---------------------------------------------------------------- mutations: links

/** Add a link. Invalidates the links and the pages (the server may have created the page). */
export function useCreateWikiLink(projectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => createWikiLink(projectId, title),
    onSuccess: () => invalidateAll(client, [keys.wiki.links(projectId), keys.wiki.pages(projectId)]),
  });
}

/** Rename a link, optimistically; rolled back when refused. Invalidates the links. */
export function useRenameWikiLink(projectId: Id) {
  const client = useQueryClient();
  const key = keys.wiki.links(projectId);
  return useMutation({
    mutationFn: ({ id, title }: { id: Id; title: string }) => patchWikiLink(id, { title }),
    onMutate: async ({ id, title }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<WikiLink[]>(key);
      client.setQueryData<WikiLink[]>(key, (old) => old?.map((l) => (l.id === id ? { ...l, title } : l)));
      return { before };
    },
    onError: (_e, _v, context) => client.setQueryData(key, context?.before),
    onSettled: () => invalidateAll(client, [key]),
  });
}

/** Delete a link (the page stays). Invalidates the links. */
export function useDeleteWikiLink(projectId: Id) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => deleteWikiLink(id),
    onSuccess: () => invalidateAll(client, [keys.wiki.links(projectId)]),
  });
}

/**
 * Save a new link order: the sidebar shows it at once; the PATCHes of `changes` follow; if any is
 * refused the previous order comes back (and the error is thrown for the caller's message).
 * Invalidates the links afterwards either way.
 */
export function useReorderWikiLinks(projectId: Id) {
  const client = useQueryClient();
  const key = keys.wiki.links(projectId);
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
    onSettled: () => invalidateAll(client, [key]),
  });
}

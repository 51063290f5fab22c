import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { ConflictError } from "./http";
import { keys } from "./keys";
import { clearSession } from "./session";
import type { WikiLink, WikiPage } from "./types";
import { getWikiPageBySlug, patchWikiPage, renderWiki, sortLinks, useCreateWikiLink, useDeleteWikiPage, useReorderWikiLinks } from "./wiki";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("wiki pages", () => {
  it("reads by slug, and a missing slug is null rather than an error", async () => {
    const { calls, setHandler } = installFakeFetch(() => jsonResponse({ id: 3, slug: "home" }));
    expect(await getWikiPageBySlug(2, "home")).toMatchObject({ id: 3 });
    expect(`${calls[0]!.path}?${calls[0]!.url.searchParams}`).toBe("/wiki/by_slug?project=2&slug=home");
    setHandler(() => jsonResponse({ _error_message: "No WikiPage matches the given query." }, 404));
    expect(await getWikiPageBySlug(2, "nope")).toBeNull();
  });

  it("saves with the version the user saw; a stale one is a conflict holding the text", async () => {
    const { calls, setHandler } = installFakeFetch(() => jsonResponse({ id: 3, version: 5 }));
    await patchWikiPage(3, { content: "x" }, 4);
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/wiki/3", body: { content: "x", version: 4 } });
    setHandler(() => jsonResponse({ version: "The version doesn't match with the current one" }, 400));
    const error = await patchWikiPage(3, { content: "mine" }, 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ content: "mine", version: 4 });
  });

  it("renders in a project's context", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ data: "<p>x</p>" }));
    expect(await renderWiki(2, "x")).toBe("<p>x</p>");
    expect(calls[0]).toMatchObject({ method: "POST", path: "/wiki/render", body: { content: "x", project_id: 2 } });
  });

  it("deleting a page drops its entries and invalidates the list", async () => {
    installFakeFetch(() => new Response(null, { status: 204 }));
    const client = newClient();
    const page = { id: 3, project: 2, slug: "home" } as WikiPage;
    client.setQueryData(keys.wiki.bySlug(2, "home"), page);
    client.setQueryData(keys.wiki.list(2), [page]);
    const { result } = renderHook(() => useDeleteWikiPage(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync(page));
    expect(client.getQueryData(keys.wiki.bySlug(2, "home"))).toBeUndefined();
    expect(client.getQueryState(keys.wiki.list(2))?.isInvalidated).toBe(true);
  });
});

describe("wiki links", () => {
  it("sort in Taiga's order: order, then id", () => {
    expect(sortLinks([{ id: 2, order: 5 }, { id: 1, order: 5 }, { id: 3, order: 1 }] as WikiLink[]).map((l) => l.id)).toEqual([3, 1, 2]);
  });

  it("adding a link invalidates links and pages (the server may create the page)", async () => {
    installFakeFetch(() => jsonResponse({ id: 9, project: 2, title: "T", href: "t", order: 1 }, 201));
    const client = newClient();
    client.setQueryData(keys.wikiLinks.list(2), []);
    client.setQueryData(keys.wiki.list(2), []);
    const { result } = renderHook(() => useCreateWikiLink(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ project: 2, title: "T" }));
    expect(client.getQueryState(keys.wikiLinks.list(2))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.wiki.list(2))?.isInvalidated).toBe(true);
  });

  it("reorders at once with one PATCH per changed link, and rolls back when refused", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = installFakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = newClient();
    const key = keys.wikiLinks.list(2);
    const links = [{ id: 1, order: 10 }, { id: 2, order: 20 }, { id: 3, order: 30 }] as WikiLink[];
    client.setQueryData(key, links);
    const { result } = renderHook(() => useReorderWikiLinks(2), { wrapper: wrapper(client) });
    act(() => result.current.mutate([{ id: 3, order: 5 }]));
    await waitFor(() => expect(client.getQueryData<WikiLink[]>(key)!.map((l) => l.id)).toEqual([3, 1, 2]));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/wiki-links/3", body: { order: 5 } });
    answer(jsonResponse({ _error_message: "You do not have permission to perform this action." }, 403));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData<WikiLink[]>(key)!.map((l) => l.id)).toEqual([1, 2, 3]);
  });
});

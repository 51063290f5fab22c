import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { keys, resourceKeys } from "./keys";
import { defineResource } from "./resource";
import { clearSession } from "./session";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

interface Thing {
  id: number;
  project: number;
  ref: number;
  subject: string;
  version: number;
}
type ThingTypes = {
  item: Thing;
  detail: Thing;
  create: { project: number; subject: string };
  changes: { subject?: string };
  filters: { status?: number };
  bulkCreate: { project_id: number; bulk_things: string };
};

const thingKeys = resourceKeys("things");
const things = defineResource<ThingTypes>()({
  path: "/things",
  keys: thingKeys,
  occ: true,
  actions: ["list", "page", "get", "byRef", "create", "patch", "remove", "bulkCreate", "watch", "vote"],
  invalidates: (t) => [thingKeys.projectLists(t.project), keys.milestones.all],
});

/** A resource outside any project. */
const templateKeys = resourceKeys("templates");
const templates = defineResource<{ item: { id: number }; detail: { id: number }; create: object; changes: object; filters: { kind?: string }; target: { id: number } }>()({
  path: "/templates",
  keys: templateKeys,
  occ: false,
  actions: ["listAll", "get"],
  invalidates: () => [templateKeys.lists()],
});

/** A resource keyed by a string, whose answers name it by `key`. */
interface Entry {
  key: string;
  value: number;
}
const entryKeys = resourceKeys("entries");
const entries = defineResource<{ item: Entry; detail: Entry; create: Entry; changes: { value: number }; filters: Record<string, never>; key: string; target: { id: string } }>()({
  path: "/entries",
  keys: entryKeys,
  occ: false,
  actions: ["listAll", "get", "patch", "remove"],
  invalidates: () => [entryKeys.lists()],
  refOf: (entry) => ({ id: entry.key }),
});
const labels = defineResource<ThingTypes>()({
  path: "/labels",
  keys: resourceKeys("labels"),
  occ: false,
  orderKey: "bulk_labels",
  actions: ["list", "patch", "remove", "bulkOrder"],
  invalidates: () => [],
});

describe("defineResource", () => {
  it("brings exactly the actions it names", () => {
    expect(Object.keys(things)).toEqual(expect.arrayContaining(["list", "useList", "page", "get", "getByRef", "create", "patch", "remove", "watch", "upvote", "useSetVote"]));
    expect(things).not.toHaveProperty("bulkOrder");
    expect(things).not.toHaveProperty("getBySlug");
    expect(labels).not.toHaveProperty("get");
    expect(() =>
      defineResource<ThingTypes>()({ path: "/x", keys: resourceKeys("x"), occ: false, actions: ["bulkOrder"], invalidates: () => [] }),
    ).toThrow(/orderKey/);
  });

  it("reads a project's whole list, one server page, a detail and a ref", async () => {
    const { calls } = installFakeFetch((call) =>
      call.url.searchParams.has("page")
        ? jsonResponse([{ id: 1 }], 200, { "x-paginated": "true", "x-pagination-count": "31", "x-pagination-current": "2", "x-paginated-by": "30" })
        : jsonResponse([]),
    );
    await things.list(3, { status: 2 });
    const page = await things.page(3, { status: 2 }, 2);
    await things.get(7);
    await things.getByRef(3, 12);
    expect(calls.map((c) => `${c.method} ${c.path}?${c.url.searchParams}`)).toEqual([
      "GET /things?project=3&status=2",
      "GET /things?project=3&status=2&page=2",
      "GET /things/7?",
      "GET /things/by_ref?project=3&ref=12",
    ]);
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    expect(calls[1]!.headers["x-disable-pagination"]).toBeUndefined();
    expect(page.pagination).toMatchObject({ count: 31, current: 2 });
  });

  it("sends the version with an OCC resource's edits and not with the others", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ id: 1 }));
    await things.patch(1, { subject: "a" }, 4);
    await labels.patch(2, { subject: "b" });
    await labels.remove(2, 9);
    await labels.bulkOrder(3, [[2, 1], [1, 2]]);
    await things.upvote(1);
    await things.downvote(1);
    await things.unwatch(1);
    expect(calls.map((c) => [c.method, `${c.path}${c.url.search}`, c.body])).toEqual([
      ["PATCH", "/things/1", { subject: "a", version: 4 }],
      ["PATCH", "/labels/2", { subject: "b" }],
      ["DELETE", "/labels/2?moveTo=9", undefined],
      ["POST", "/labels/bulk_update_order", { project: 3, bulk_labels: [[2, 1], [1, 2]] }],
      ["POST", "/things/1/upvote", undefined],
      ["POST", "/things/1/downvote", undefined],
      ["POST", "/things/1/unwatch", undefined],
    ]);
  });

  it("an edit stores the answer under id and ref, keeps the neighbours, and invalidates what the definition names", async () => {
    installFakeFetch(() => jsonResponse({ id: 1, project: 3, ref: 12, subject: "new", version: 5 }));
    const client = newClient();
    client.setQueryData(thingKeys.detail(1), { id: 1, subject: "old", neighbors: { next: 2 } });
    client.setQueryData(thingKeys.byRef(3, 12), { id: 1, subject: "old" });
    client.setQueryData(thingKeys.list(3, {}), []);
    client.setQueryData(thingKeys.list(4, {}), []);
    client.setQueryData(keys.milestones.stats(8), {});
    const { result } = renderHook(() => things.usePatch(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ id: 1, changes: { subject: "new" }, version: 4 }));
    expect(client.getQueryData(thingKeys.detail(1))).toMatchObject({ subject: "new", version: 5, neighbors: { next: 2 } });
    expect(client.getQueryData(thingKeys.byRef(3, 12))).toMatchObject({ subject: "new" });
    expect(client.getQueryState(thingKeys.list(3, {}))?.isInvalidated).toBe(true);
    expect(client.getQueryState(thingKeys.list(4, {}))?.isInvalidated).toBe(false);
    expect(client.getQueryState(keys.milestones.stats(8))?.isInvalidated).toBe(true);
    expect(client.getQueryState(thingKeys.detail(1))?.isInvalidated).toBe(false);
  });

  it("a delete drops the object's entries and invalidates its lists", async () => {
    installFakeFetch(() => new Response(null, { status: 204 }));
    const client = newClient();
    client.setQueryData(thingKeys.detail(1), { id: 1 });
    client.setQueryData(thingKeys.byRef(3, 12), { id: 1 });
    client.setQueryData(thingKeys.list(3, { status: 1 }), []);
    const { result } = renderHook(() => things.useRemove(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ id: 1, project: 3, ref: 12 }));
    expect(client.getQueryData(thingKeys.detail(1))).toBeUndefined();
    expect(client.getQueryData(thingKeys.byRef(3, 12))).toBeUndefined();
    expect(client.getQueryState(thingKeys.list(3, { status: 1 }))?.isInvalidated).toBe(true);
  });

  it("a vote refreshes the voters, the object and the project's lists", async () => {
    installFakeFetch(() => new Response(null, { status: 200 }));
    const client = newClient();
    client.setQueryData(thingKeys.voters(1), []);
    client.setQueryData(thingKeys.detail(1), { id: 1 });
    client.setQueryData(thingKeys.list(3, {}), []);
    const { result } = renderHook(() => things.useSetVote(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ object: { id: 1, project: 3 }, vote: true }));
    for (const key of [thingKeys.voters(1), thingKeys.detail(1), thingKeys.list(3, {})]) {
      expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    }
  });

  it("a vote shows at once in every cached list, page and detail, and goes back when the server refuses", async () => {
    let answer: (r: Response) => void = () => undefined;
    installFakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = newClient();
    const row = { id: 1, project: 3, ref: 12, is_voter: false, total_voters: 2 };
    const other = { id: 2, project: 3, ref: 13, is_voter: false, total_voters: 0 };
    client.setQueryData(thingKeys.list(3, {}), [row, other]);
    client.setQueryData([...thingKeys.list(3, { status: 1 }), "page", 2], { items: [other, row], pagination: null });
    client.setQueryData(thingKeys.byRef(3, 12), row);
    const { result } = renderHook(() => things.useSetVote(), { wrapper: wrapper(client) });
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = result.current.mutateAsync({ object: { id: 1, project: 3, ref: 12 }, vote: true }).catch((e: unknown) => e);
    });
    const voted = { ...row, is_voter: true, total_voters: 3 };
    await waitFor(() => expect(client.getQueryData(thingKeys.list(3, {}))).toEqual([voted, other]));
    expect(client.getQueryData([...thingKeys.list(3, { status: 1 }), "page", 2])).toEqual({ items: [other, voted], pagination: null });
    expect(client.getQueryData(thingKeys.byRef(3, 12))).toEqual(voted);
    answer(jsonResponse({ _error_message: "Blocked element", _error_type: "taiga.base.exceptions.Blocked" }, 451));
    await act(() => done);
    expect(client.getQueryData(thingKeys.list(3, {}))).toEqual([row, other]);
    expect(client.getQueryData(thingKeys.byRef(3, 12))).toEqual(row);
  });

  it("a paged read keeps the previous page's rows while the next one loads", async () => {
    let release: () => void = () => undefined;
    installFakeFetch((call) => {
      const page = Number(call.url.searchParams.get("page"));
      const answer = () => jsonResponse([{ id: page }], 200, { "x-paginated": "true", "x-pagination-current": String(page) });
      return page === 1 ? answer() : new Promise<Response>((resolve) => (release = () => resolve(answer())));
    });
    const client = newClient();
    const { result, rerender } = renderHook(({ page }) => things.usePage(3, {}, page), { wrapper: wrapper(client), initialProps: { page: 1 } });
    await waitFor(() => expect(result.current.data?.items).toEqual([{ id: 1 }]));
    rerender({ page: 2 });
    expect(result.current.data?.items).toEqual([{ id: 1 }]);
    expect(result.current.isPlaceholderData).toBe(true);
    release();
    await waitFor(() => expect(result.current.data?.items).toEqual([{ id: 2 }]));
  });

  it("a resource outside any project lists without a project and caches under its own key", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([{ id: 1 }]));
    const client = newClient();
    const { result } = renderHook(() => templates.useListAll({ kind: "scrum" }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.data).toEqual([{ id: 1 }]));
    expect(`${calls[0]!.path}${calls[0]!.url.search}`).toBe("/templates?kind=scrum");
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    expect(client.getQueryData(templateKeys.listAll({ kind: "scrum" }))).toEqual([{ id: 1 }]);
  });

  it("bulk create posts the body and invalidates what each created object touches, once", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([{ id: 8, project: 3, ref: 20 }, { id: 9, project: 3, ref: 21 }]));
    const client = newClient();
    client.setQueryData(thingKeys.list(3, {}), []);
    client.setQueryData(thingKeys.list(4, {}), []);
    const spy = vi.spyOn(client, "invalidateQueries");
    const { result } = renderHook(() => things.useBulkCreate(), { wrapper: wrapper(client) });
    const created = await act(() => result.current.mutateAsync({ project_id: 3, bulk_things: "a\nb" }));
    expect(created).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/things/bulk_create", body: { project_id: 3, bulk_things: "a\nb" } });
    expect(client.getQueryState(thingKeys.list(3, {}))?.isInvalidated).toBe(true);
    expect(client.getQueryState(thingKeys.list(4, {}))?.isInvalidated).toBe(false);
    expect(spy.mock.calls.filter(([filters]) => JSON.stringify(filters?.queryKey) === JSON.stringify(thingKeys.projectLists(3)))).toHaveLength(1);
  });

  it("bulk create with nothing created still refreshes the project's lists", async () => {
    installFakeFetch(() => jsonResponse([]));
    const client = newClient();
    client.setQueryData(thingKeys.list(3, {}), []);
    const { result } = renderHook(() => things.useBulkCreate(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ project_id: 3, bulk_things: "" }));
    expect(client.getQueryState(thingKeys.list(3, {}))?.isInvalidated).toBe(true);
  });

  it("a resource keyed by a string reads, edits and deletes by that key, escaped in the URL", async () => {
    const { calls } = installFakeFetch((call) =>
      call.method === "DELETE" ? new Response(null, { status: 204 }) : jsonResponse({ key: "a b", value: 2 }),
    );
    const client = newClient();
    client.setQueryData(entryKeys.detail("a b"), { key: "a b", value: 1 });
    client.setQueryData(entryKeys.listAll({}), []);
    await entries.get("a b");
    const { result } = renderHook(() => ({ patch: entries.usePatch(), remove: entries.useRemove() }), { wrapper: wrapper(client) });
    await act(() => result.current.patch.mutateAsync({ id: "a b", changes: { value: 2 } }));
    expect(client.getQueryData(entryKeys.detail("a b"))).toEqual({ key: "a b", value: 2 });
    expect(client.getQueryState(entryKeys.listAll({}))?.isInvalidated).toBe(true);
    await act(() => result.current.remove.mutateAsync({ id: "a b" }));
    expect(client.getQueryData(entryKeys.detail("a b"))).toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([
      "GET /api/v1/entries/a%20b",
      "PATCH /api/v1/entries/a%20b",
      "DELETE /api/v1/entries/a%20b",
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { issueTypesQueryOptions } from "./issueTypes";
import { keys } from "./keys";
import { membershipsQueryOptions } from "./memberships";
import { pointsQueryOptions } from "./points";
import { prioritiesQueryOptions } from "./priorities";
import { rolesQueryOptions } from "./roles";
import { clearSession } from "./session";
import { severitiesQueryOptions } from "./severities";
import { issueStatusesQueryOptions, taskStatusesQueryOptions, useBulkUpdateStatusOrder, useUserStoryStatuses } from "./statuses";
import { swimlanesQueryOptions, useBulkUpdateSwimlanesOrder } from "./swimlanes";

const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("project value lists", () => {
  it.each([
    ["/userstory-statuses", () => ({ queryKey: keys.userstoryStatuses.list(4) })],
    ["/task-statuses", () => taskStatusesQueryOptions(4)],
    ["/issue-statuses", () => issueStatusesQueryOptions(4)],
    ["/points", () => pointsQueryOptions(4)],
    ["/priorities", () => prioritiesQueryOptions(4)],
    ["/severities", () => severitiesQueryOptions(4)],
    ["/issue-types", () => issueTypesQueryOptions(4)],
    ["/roles", () => rolesQueryOptions(4)],
    ["/swimlanes", () => swimlanesQueryOptions(4)],
  ])("%s is read whole for one project", async (path, options) => {
    const { calls } = installFakeFetch(() => jsonResponse([{ id: 1, name: "New", order: 1 }]));
    const client = newClient();
    const opts = options();
    if ("queryFn" in opts) {
      await client.fetchQuery(opts as Parameters<typeof client.fetchQuery>[0]);
      expect(client.getQueryData(opts.queryKey)).toEqual([{ id: 1, name: "New", order: 1 }]);
      expect(calls[0]!.path).toBe(path);
      expect(calls[0]!.url.searchParams.get("project")).toBe("4");
      expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    } else {
      const { result } = renderHook(() => useUserStoryStatuses(4), { wrapper: wrapper(client) });
      await waitFor(() => expect(result.current.isSuccess).toBe(true));
      expect(client.getQueryData(keys.userstoryStatuses.list(4))).toEqual(result.current.data);
      expect(calls[0]!.path).toBe(path);
    }
  });

  it("memberships are read whole, and followed page by page if a server pages anyway", async () => {
    const { calls } = installFakeFetch((call) => {
      const page = Number(call.url.searchParams.get("page") ?? 1);
      return jsonResponse([{ id: page }], 200, {
        "x-paginated": "true",
        "x-pagination-current": String(page),
        ...(page === 1 ? { "x-pagination-next": "http://x/api/v1/memberships?page=2" } : {}),
      });
    });
    const members = await newClient().fetchQuery(membershipsQueryOptions(4));
    expect(members.map((m) => m.id)).toEqual([1, 2]);
    expect(calls.map((c) => c.url.searchParams.get("project"))).toEqual(["4", "4"]);
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
  });

  it("reordering statuses posts [[id, order]] and refreshes the statuses and the project detail", async () => {
    let statuses = [{ id: 1, order: 1 }, { id: 2, order: 2 }];
    const { calls } = installFakeFetch((call) => {
      if (call.method === "POST") {
        statuses = [{ id: 2, order: 1 }, { id: 1, order: 2 }];
        return new Response(null, { status: 204 });
      }
      if (call.path === "/projects/4") return jsonResponse({ id: 4, us_statuses: statuses });
      return jsonResponse(statuses);
    });
    const client = newClient();
    const { result } = renderHook(
      () => ({ list: useUserStoryStatuses(4), reorder: useBulkUpdateStatusOrder("userstory", 4) }),
      { wrapper: wrapper(client) },
    );
    await waitFor(() => expect(result.current.list.data?.map((s) => s.id)).toEqual([1, 2]));
    client.setQueryData(keys.projects.detail(4), { id: 4, us_statuses: [] });

    await act(() => result.current.reorder.mutateAsync([[2, 1], [1, 2]]));

    const post = calls.find((c) => c.method === "POST")!;
    expect(post.path).toBe("/userstory-statuses/bulk_update_order");
    expect(post.body).toEqual({ project: 4, bulk_userstory_statuses: [[2, 1], [1, 2]] });
    await waitFor(() => expect(result.current.list.data?.map((s) => s.id)).toEqual([2, 1]));
    expect(client.getQueryState(keys.projects.detail(4))?.isInvalidated).toBe(true);
  });

  it("reordering swimlanes uses bulk_swimlanes and invalidates the swimlane list", async () => {
    const { calls } = installFakeFetch((call) => (call.method === "POST" ? new Response(null, { status: 204 }) : jsonResponse([])));
    const client = newClient();
    client.setQueryData(keys.swimlanes.list(4), []);
    const { result } = renderHook(() => useBulkUpdateSwimlanesOrder(4), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync([[5, 1], [1, 2]]));
    expect(calls[0]!.body).toEqual({ project: 4, bulk_swimlanes: [[5, 1], [1, 2]] });
    expect(client.getQueryState(keys.swimlanes.list(4))?.isInvalidated).toBe(true);
  });
});

describe("query keys", () => {
  it("a project's story-list prefix reaches its filtered lists and no other project's", async () => {
    const client = newClient();
    client.setQueryData(keys.userstories.list(1, { status: 3 }), []);
    client.setQueryData(keys.userstories.list(1, {}), []);
    client.setQueryData(keys.userstories.list(2, {}), []);
    client.setQueryData(keys.userstories.detail(10), {});
    await client.invalidateQueries({ queryKey: keys.userstories.projectLists(1) });
    expect(client.getQueryState(keys.userstories.list(1, { status: 3 }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.userstories.list(1, {}))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.userstories.list(2, {}))?.isInvalidated).toBe(false);
    expect(client.getQueryState(keys.userstories.detail(10))?.isInvalidated).toBe(false);
  });

  it("project detail by id and by slug both sit under the details prefix", async () => {
    const client = newClient();
    client.setQueryData(keys.projects.detail(3), {});
    client.setQueryData(keys.projects.bySlug("demo"), {});
    client.setQueryData(keys.projects.list({}), []);
    await client.invalidateQueries({ queryKey: keys.projects.details() });
    expect(client.getQueryState(keys.projects.detail(3))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.projects.bySlug("demo"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.projects.list({}))?.isInvalidated).toBe(false);
  });
});

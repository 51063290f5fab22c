import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { installFakeFetch, jsonResponse, type FakeCall } from "../test/fakeFetch";
import { keys } from "./keys";
import { activeModules, myProjectsQueryOptions, projectBySlugQueryOptions, useBulkUpdateProjectsOrder, useMyProjects } from "./projects";
import { clearSession } from "./session";

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

function paged(call: FakeCall, all: { id: number; name: string }[], perPage = 2) {
  const page = Number(call.url.searchParams.get("page") ?? 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = { "x-paginated": "true", "x-paginated-by": String(perPage), "x-pagination-current": String(page), "x-pagination-count": String(all.length) };
  if (page * perPage < all.length) headers["x-pagination-next"] = `http://x/api/v1/projects?page=${page + 1}`;
  return jsonResponse(items, 200, headers);
}

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("projects", () => {
  it("lists the user's projects in their own order, following every page", async () => {
    const all = [1, 2, 3, 4, 5].map((id) => ({ id, name: `P${id}` }));
    const { calls } = installFakeFetch((call) => paged(call, all));
    const client = newClient();
    const { result } = renderHook(() => useMyProjects(7), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(result.current.data?.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.path === "/projects" && c.url.searchParams.get("member") === "7" && c.url.searchParams.get("order_by") === "user_order")).toBe(true);
    expect(client.getQueryData(keys.projects.list({ member: 7, order_by: "user_order" }))).toHaveLength(5);
    expect(myProjectsQueryOptions(7).queryKey).toEqual(keys.projects.list({ member: 7, order_by: "user_order" }));
  });

  it("does not ask for the list before the user is known", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([]));
    const { result } = renderHook(() => useMyProjects(undefined), { wrapper: wrapper(newClient()) });
    expect(result.current.fetchStatus).toBe("idle");
    expect(calls).toHaveLength(0);
  });

  it("reads a project by slug", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ id: 3, slug: "demo-scrum" }));
    const client = newClient();
    const project = await client.fetchQuery(projectBySlugQueryOptions("demo-scrum"));
    expect(project.id).toBe(3);
    expect(calls[0]!.path).toBe("/projects/by_slug");
    expect(calls[0]!.url.searchParams.get("slug")).toBe("demo-scrum");
    expect(client.getQueryData(keys.projects.bySlug("demo-scrum"))).toEqual({ id: 3, slug: "demo-scrum" });
  });

  it("reordering the project list posts the bare list and refetches every project list", async () => {
    let order = [{ id: 1, name: "A" }, { id: 2, name: "B" }];
    const { calls } = installFakeFetch((call) => {
      if (call.method === "POST") {
        order = [...order].reverse();
        return new Response(null, { status: 204 });
      }
      return jsonResponse(order);
    });
    const client = newClient();
    const { result } = renderHook(() => ({ list: useMyProjects(5), reorder: useBulkUpdateProjectsOrder() }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.list.data?.map((p) => p.id)).toEqual([1, 2]));

    await act(() => result.current.reorder.mutateAsync([{ project_id: 2, order: 1 }, { project_id: 1, order: 2 }]));
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.path).toBe("/projects/bulk_update_order");
    expect(post.body).toEqual([{ project_id: 2, order: 1 }, { project_id: 1, order: 2 }]);
    await waitFor(() => expect(result.current.list.data?.map((p) => p.id)).toEqual([2, 1]));
  });

  it("names the active modules in navigation order", () => {
    expect(activeModules({ is_backlog_activated: false, is_kanban_activated: true, is_issues_activated: true, is_wiki_activated: false })).toEqual(["kanban", "issues"]);
    expect(activeModules({ is_backlog_activated: true, is_kanban_activated: true, is_issues_activated: true, is_wiki_activated: true })).toEqual(["backlog", "kanban", "issues", "wiki"]);
  });
});

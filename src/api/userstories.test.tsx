import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { keys } from "./keys";
import { clearSession } from "./session";
import type { UserStory } from "./types";
import {
  kanbanBoardFilters,
  patchUserStory,
  useBulkCreateUserStories,
  useBulkUpdateKanbanOrder,
  useUserStories,
} from "./userstories";
import { ConflictError } from "./http";

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

function story(id: number, status: number, swimlane: number | null, kanban_order: number): UserStory {
  return { id, ref: id, project: 1, subject: `S${id}`, status, swimlane, kanban_order, tags: [], assigned_users: [] } as unknown as UserStory;
}

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("user stories list", () => {
  it("asks for the whole unpaginated board in one request with the archived statuses left out", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([story(1, 1, null, 1)]));
    const client = newClient();
    const { result } = renderHook(() => useUserStories(1, kanbanBoardFilters), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe("/userstories");
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    expect(calls[0]!.url.searchParams.get("project")).toBe("1");
    expect(calls[0]!.url.searchParams.get("status__is_archived")).toBe("false");
    expect(client.getQueryData(keys.userstories.list(1, kanbanBoardFilters))).toHaveLength(1);
  });

  it("follows the pages when the server paginates anyway", async () => {
    const { calls } = installFakeFetch((call) => {
      const page = Number(call.url.searchParams.get("page") ?? 1);
      const headers: Record<string, string> = { "x-paginated": "true", "x-paginated-by": "1", "x-pagination-current": String(page), "x-pagination-count": "2" };
      if (page === 1) headers["x-pagination-next"] = "http://x/api/v1/userstories?page=2";
      return jsonResponse([story(page, 1, null, page)], 200, headers);
    });
    const { result } = renderHook(() => useUserStories(1), { wrapper: wrapper(newClient()) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((s) => s.id)).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
  });
});

describe("patch", () => {
  it("sends the version and turns a stale one into a conflict holding the user's changes", async () => {
    installFakeFetch(() => jsonResponse({ version: "The version doesn't match with the current one" }, 400));
    const error = await patchUserStory(5, { subject: "Mine" }, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ subject: "Mine", version: 3 });
  });
});

describe("kanban move", () => {
  const board = [story(1, 1, null, 1), story(2, 1, null, 2), story(3, 2, null, 1)];
  const boardKey = keys.userstories.list(1, kanbanBoardFilters);

  it("moves the card in the cache before the server answers, then applies the returned orders", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = installFakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = newClient();
    client.setQueryData(boardKey, board);
    const { result } = renderHook(() => useBulkUpdateKanbanOrder(), { wrapper: wrapper(client) });

    act(() => result.current.mutate({ body: { project_id: 1, status_id: 1, after_userstory_id: 1, bulk_userstories: [3] } }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const optimistic = client.getQueryData<UserStory[]>(boardKey)!;
    expect(optimistic.find((s) => s.id === 3)).toMatchObject({ status: 1, kanban_order: 2 });
    expect(calls[0]!.body).toEqual({ project_id: 1, status_id: 1, after_userstory_id: 1, bulk_userstories: [3] });

    answer(jsonResponse([
      { id: 3, swimlane: null, status: 1, kanban_order: 20 },
      { id: 2, swimlane: null, status: 1, kanban_order: 21 },
    ]));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const reconciled = client.getQueryData<UserStory[]>(boardKey)!;
    expect(reconciled.find((s) => s.id === 3)?.kanban_order).toBe(20);
    expect(reconciled.find((s) => s.id === 2)?.kanban_order).toBe(21);
    // No refetch of the board after the move.
    expect(calls).toHaveLength(1);
  });

  it("has the move in the cache as soon as mutate returns, even while a board refetch is in flight", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = installFakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = newClient();
    client.setQueryData(boardKey, board);
    // A refetch of the board (the old order) is on its way when the card is dropped.
    const refetch = client.fetchQuery({ queryKey: boardKey, queryFn: () => new Promise<UserStory[]>(() => undefined) }).catch(() => undefined);
    const { result } = renderHook(() => useBulkUpdateKanbanOrder(), { wrapper: wrapper(client) });

    result.current.mutate({ body: { project_id: 1, status_id: 1, after_userstory_id: 1, bulk_userstories: [3] } });
    expect(client.getQueryData<UserStory[]>(boardKey)!.find((s) => s.id === 3)).toMatchObject({ status: 1, kanban_order: 2 });

    // The cancelled refetch settles without putting the old order back.
    await refetch;
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(client.getQueryData<UserStory[]>(boardKey)!.find((s) => s.id === 3)).toMatchObject({ status: 1, kanban_order: 2 });
    expect(client.getQueryState(boardKey)?.fetchStatus).toBe("idle");
    answer(jsonResponse([{ id: 3, swimlane: null, status: 1, kanban_order: 20 }]));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  it("puts the board back when the server refuses and exposes its message", async () => {
    installFakeFetch(() =>
      jsonResponse({ after_userstory_id: ["Invalid user story id to move after. The user story must belong to the same project, status and swimlane."] }, 400),
    );
    const client = newClient();
    client.setQueryData(boardKey, board);
    const { result } = renderHook(() => useBulkUpdateKanbanOrder(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ body: { project_id: 1, status_id: 1, after_userstory_id: 1, bulk_userstories: [3] } }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData(boardKey)).toEqual(board);
    expect(result.current.error?.message).toMatch(/Invalid user story id to move after/);
  });
});

describe("bulk create", () => {
  it("adds the new stories to the board list without refetching it", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([story(9, 1, null, 99), story(10, 1, null, 100)]));
    const client = newClient();
    client.setQueryData(keys.userstories.list(1, kanbanBoardFilters), [story(1, 1, null, 1)]);
    const { result } = renderHook(() => useBulkCreateUserStories(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ project_id: 1, bulk_stories: "A\nB", status_id: 1 }));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ project_id: 1, bulk_stories: "A\nB", status_id: 1 });
    expect(client.getQueryData<UserStory[]>(keys.userstories.list(1, kanbanBoardFilters))?.map((s) => s.id)).toEqual([1, 9, 10]);
  });
});

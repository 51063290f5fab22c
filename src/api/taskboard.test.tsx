/**
 * The taskboard's client side of /tasks: the drop as one request applied to the sprint's list before
 * it is sent, rolled back when refused, the conflict retried once when nobody moved the task, and the
 * answers written back without reading the sprint again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse, type FakeCall } from "../test/fakeFetch";
import { keys } from "./keys";
import { clearSession } from "./session";
import { bulkCreateTasks, moveTask, sprintTasksFilters, TaskMovedElsewhereError, useBulkCreateTasks, useTaskboardDrop } from "./tasks";
import type { Task } from "./types";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

const PROJECT = 2;
const SPRINT = 9;
const task = (id: number, user_story: number | null, status: number, taskboard_order: number, version = 1): Task =>
  ({ id, ref: id + 100, subject: `T${id}`, project: PROJECT, milestone: SPRINT, user_story, status, taskboard_order, version, is_closed: false, status_extra_info: { name: "S", color: "#000", is_closed: false } }) as Task;
const listKey = keys.tasks.list(PROJECT, sprintTasksFilters(SPRINT));
const order = (client: QueryClient, story: number | null, status: number) =>
  (client.getQueryData<Task[]>(listKey) ?? [])
    .filter((t) => t.user_story === story && t.status === status)
    .sort((a, b) => a.taskboard_order - b.taskboard_order || a.id - b.id)
    .map((t) => t.id);

describe("taskboard endpoints", () => {
  it("a move is a PATCH with the version and the set-orders header; the order header is read back", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ id: 4, version: 3 }, 200, { "Taiga-Info-Order-Updated": '{"4": 11, "7": 12}' }));
    const answer = await moveTask(4, { status: 2, user_story: 5, taskboard_order: 11 }, 2, { 7: 12 });
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/tasks/4", body: { status: 2, user_story: 5, taskboard_order: 11, version: 2 } });
    expect(JSON.parse(calls[0]!.headers["set-orders"]!)).toEqual({ 7: 12 });
    expect(answer.orderUpdated).toEqual({ 4: 11, 7: 12 });
  });

  it("bulk_create sends the sprint, story and status", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([]));
    await bulkCreateTasks({ project_id: PROJECT, milestone_id: SPRINT, us_id: 5, status_id: 1, bulk_tasks: "a\nb" });
    expect(calls[0]).toMatchObject({ method: "POST", path: "/tasks/bulk_create", body: { project_id: PROJECT, milestone_id: SPRINT, us_id: 5, status_id: 1, bulk_tasks: "a\nb" } });
  });
});

describe("useTaskboardDrop", () => {
  it("shows a move at once, writes the server's task and orders, and does not read the sprint again", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = installFakeFetch((call) =>
      call.method === "PATCH" ? new Promise<Response>((resolve) => (answer = resolve)) : jsonResponse({}),
    );
    const client = newClient();
    client.setQueryData(listKey, [task(1, 5, 1, 10), task(2, 5, 2, 10), task(3, 5, 2, 20)]);
    const { result } = renderHook(() => useTaskboardDrop(PROJECT, SPRINT), { wrapper: wrapper(client) });
    const request = { kind: "move" as const, taskId: 1, changes: { status: 2, user_story: 5, taskboard_order: 11 }, setOrders: {} };
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = result.current.mutateAsync({ request, task: task(1, 5, 1, 10), statusInfo: { name: "Doing", color: "#f00", is_closed: false } });
    });
    // Before the server answers: in its new cell, its neighbour shifted.
    expect(order(client, 5, 2)).toEqual([2, 1, 3]);
    expect(client.getQueryData<Task[]>(listKey)?.find((t) => t.id === 1)?.status_extra_info.name).toBe("Doing");
    await vi.waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    await act(async () => {
      answer(jsonResponse({ ...task(1, 5, 2, 11, 2), subject: "T1 from the server" }, 200, { "Taiga-Info-Order-Updated": '{"1": 11, "3": 21}' }));
      await done;
    });
    const list = client.getQueryData<Task[]>(listKey)!;
    expect(list.find((t) => t.id === 1)).toMatchObject({ subject: "T1 from the server", version: 2, taskboard_order: 11 });
    expect(list.find((t) => t.id === 3)?.taskboard_order).toBe(21);
    expect(calls.filter((c) => c.method === "GET" && c.path === "/tasks")).toHaveLength(0);
  });

  it("rolls back when the server refuses, and reads the sprint again", async () => {
    const { setHandler } = installFakeFetch(() => jsonResponse({ user_story: ['Invalid pk "8" - object does not exist.'] }, 400));
    const client = newClient();
    const before = [task(1, 5, 1, 10), task(2, 5, 1, 20)];
    client.setQueryData(listKey, before);
    const { result } = renderHook(() => useTaskboardDrop(PROJECT, SPRINT), { wrapper: wrapper(client) });
    const request = { kind: "move" as const, taskId: 1, changes: { status: 1, user_story: 8, taskboard_order: 1 }, setOrders: {} };
    const error = await act(() => result.current.mutateAsync({ request, task: before[0]! }).catch((e: unknown) => e));
    expect((error as Error).message).toMatch(/does not exist/);
    expect(client.getQueryData(listKey)).toEqual(before);
    expect(client.getQueryState(listKey)?.isInvalidated).toBe(true);
    setHandler(() => jsonResponse({}));
  });

  it("retries once with the fresh version when a conflict left status and story alone", async () => {
    let patches = 0;
    const { calls } = installFakeFetch((call: FakeCall) => {
      if (call.method === "PATCH") {
        patches += 1;
        return patches === 1 ? jsonResponse({ version: "The version doesn't match with the current one" }, 400) : jsonResponse(task(1, 5, 2, 11, 4), 200, { "Taiga-Info-Order-Updated": "{}" });
      }
      if (call.path === "/tasks/1") return jsonResponse(task(1, 5, 1, 99, 3));
      return jsonResponse({});
    });
    const client = newClient();
    client.setQueryData(listKey, [task(1, 5, 1, 10, 2)]);
    const { result } = renderHook(() => useTaskboardDrop(PROJECT, SPRINT), { wrapper: wrapper(client) });
    const request = { kind: "move" as const, taskId: 1, changes: { status: 2, user_story: 5, taskboard_order: 11 }, setOrders: {} };
    const answer = await act(() => result.current.mutateAsync({ request, task: task(1, 5, 1, 10, 2) }));
    expect(answer).toMatchObject({ kind: "move", retried: true });
    const sent = calls.filter((c) => c.method === "PATCH").map((c) => (c.body as { version: number }).version);
    expect(sent).toEqual([2, 3]);
    expect(client.getQueryData<Task[]>(listKey)?.[0]).toMatchObject({ status: 2, version: 4 });
  });

  it("tells when someone else moved the task, and shows it where it is now", async () => {
    installFakeFetch((call) => {
      if (call.method === "PATCH") return jsonResponse({ version: "The version doesn't match with the current one" }, 400);
      if (call.path === "/tasks/1") return jsonResponse(task(1, 5, 4, 10, 3));
      return jsonResponse({});
    });
    const client = newClient();
    client.setQueryData(listKey, [task(1, 5, 1, 10, 2)]);
    const { result } = renderHook(() => useTaskboardDrop(PROJECT, SPRINT), { wrapper: wrapper(client) });
    const request = { kind: "move" as const, taskId: 1, changes: { status: 2, user_story: 6, taskboard_order: 11 }, setOrders: {} };
    const error = await act(() => result.current.mutateAsync({ request, task: task(1, 5, 1, 10, 2) }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(TaskMovedElsewhereError);
    expect(client.getQueryData<Task[]>(listKey)?.[0]).toMatchObject({ status: 4, user_story: 5, version: 3 });
  });

  it("a reorder writes every order of the answer", async () => {
    installFakeFetch(() => jsonResponse({ "2": 10, "1": 11 }));
    const client = newClient();
    client.setQueryData(listKey, [task(1, 5, 1, 10), task(2, 5, 1, 20)]);
    const { result } = renderHook(() => useTaskboardDrop(PROJECT, SPRINT), { wrapper: wrapper(client) });
    const request = { kind: "reorder" as const, body: { project_id: PROJECT, milestone_id: SPRINT, status_id: 1, us_id: 5, bulk_tasks: [{ task_id: 2, order: 10 }] } };
    await act(() => result.current.mutateAsync({ request, task: task(2, 5, 1, 20) }));
    expect(order(client, 5, 1)).toEqual([2, 1]);
    expect(client.getQueryData<Task[]>(listKey)?.map((t) => t.taskboard_order)).toEqual([11, 10]);
  });
});

describe("useBulkCreateTasks", () => {
  it("adds the created tasks to the sprint's list and marks the sprint stale", async () => {
    installFakeFetch(() => jsonResponse([task(7, 5, 1, 30), task(8, 5, 1, 30)]));
    const client = newClient();
    client.setQueryData(listKey, [task(1, 5, 1, 10)]);
    client.setQueryData(keys.milestones.detail(SPRINT), { id: SPRINT });
    const { result } = renderHook(() => useBulkCreateTasks(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ project_id: PROJECT, milestone_id: SPRINT, us_id: 5, status_id: 1, bulk_tasks: "a\nb" }));
    expect(client.getQueryData<Task[]>(listKey)?.map((t) => t.id)).toEqual([1, 7, 8]);
    expect(client.getQueryState(keys.milestones.detail(SPRINT))?.isInvalidated).toBe(true);
  });
});

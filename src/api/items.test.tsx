import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { ConflictError } from "./http";
import { keys } from "./keys";
import { clearSession } from "./session";
import { listAttachments, uploadAttachment, useDeleteAttachment } from "./attachments";
import { editComment, listHistory, useCommentAction } from "./history";
import { getIssueByRef, patchIssue, usePatchIssue } from "./issues";
import { bulkUpdateTaskUsOrder, getTaskByRef, patchTask, useBulkUpdateTaskUsOrder } from "./tasks";
import { listProjectUsers } from "./users";
import { useSetWatching } from "./watchers";
import type { IssueDetail, Task } from "./types";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("tasks and issues", () => {
  it("read by project and ref", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ id: 9, ref: 4 }));
    await getTaskByRef(2, 4);
    await getIssueByRef(2, 5);
    expect(calls.map((c) => `${c.path}?${c.url.searchParams}`)).toEqual(["/tasks/by_ref?project=2&ref=4", "/issues/by_ref?project=2&ref=5"]);
  });

  it("patch with the version the user saw, and a stale version becomes a conflict holding the changes", async () => {
    const { calls, setHandler } = installFakeFetch(() => jsonResponse({ id: 1, version: 4 }));
    await patchTask(1, { subject: "S" }, 3);
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/tasks/1", body: { subject: "S", version: 3 } });
    setHandler(() => jsonResponse({ version: "The version doesn't match with the current one" }, 400));
    const error = await patchIssue(7, { description: "mine" }, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ description: "mine", version: 2 });
  });

  it("an issue edit stores the answer and invalidates the project's issue lists", async () => {
    installFakeFetch(() => jsonResponse({ id: 7, ref: 3, project: 2, version: 5, subject: "new" }));
    const client = newClient();
    client.setQueryData(keys.issues.byRef(2, 3), { id: 7, ref: 3, project: 2, version: 4, subject: "old", neighbors: { previous: null, next: null } });
    client.setQueryData(keys.issues.list(2, {}), []);
    const { result } = renderHook(() => usePatchIssue(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ id: 7, changes: { subject: "new" }, version: 4 }));
    const stored = client.getQueryData<IssueDetail>(keys.issues.byRef(2, 3))!;
    expect(stored).toMatchObject({ subject: "new", version: 5, neighbors: { previous: null, next: null } });
    expect(client.getQueryState(keys.issues.list(2, {}))?.isInvalidated).toBe(true);
  });

  it("reorders a story's tasks in the cache at once and rolls back when the server refuses", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls } = installFakeFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const client = newClient();
    const key = keys.tasks.list(2, { user_story: 5 });
    const tasks = [{ id: 1, us_order: 1 }, { id: 2, us_order: 2 }] as Task[];
    client.setQueryData(key, tasks);
    const { result } = renderHook(() => useBulkUpdateTaskUsOrder(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ project_id: 2, us_id: 5, bulk_tasks: [{ task_id: 2, order: 1 }, { task_id: 1, order: 2 }] }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ path: "/tasks/bulk_update_us_order", body: { project_id: 2, us_id: 5 } });
    expect(client.getQueryData<Task[]>(key)!.map((t) => t.id)).toEqual([2, 1]);
    answer(jsonResponse({ _error_message: "no" }, 400));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData<Task[]>(key)!.map((t) => t.id)).toEqual([1, 2]);
  });

  it("bulk_update_us_order answers task id -> order", async () => {
    installFakeFetch(() => jsonResponse({ "1": 2, "2": 1 }));
    expect(await bulkUpdateTaskUsOrder({ project_id: 1, us_id: 3, bulk_tasks: [] })).toEqual({ "1": 2, "2": 1 });
  });
});

describe("history", () => {
  it("lists comments only, unpaginated, and edits a comment by entry id", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([]));
    await listHistory("task", 4, "comment");
    expect(calls[0]!.path).toBe("/history/task/4");
    expect(calls[0]!.url.searchParams.get("type")).toBe("comment");
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    await editComment("task", 4, "abc-1", "new words");
    expect(calls[1]).toMatchObject({ method: "POST", path: "/history/task/4/edit_comment", body: { comment: "new words" } });
    expect(calls[1]!.url.searchParams.get("id")).toBe("abc-1");
  });

  it("a delete refreshes every history list of the item", async () => {
    installFakeFetch(() => new Response(null, { status: 200 }));
    const client = newClient();
    client.setQueryData(keys.history.list("userstory", 3, "comment"), []);
    client.setQueryData(keys.history.list("userstory", 3, "activity"), []);
    client.setQueryData(keys.history.list("userstory", 4, "comment"), []);
    const { result } = renderHook(() => useCommentAction("userstory", 3), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ action: "delete", entryId: "e1" }));
    expect(client.getQueryState(keys.history.list("userstory", 3, "comment"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.history.list("userstory", 3, "activity"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.history.list("userstory", 4, "comment"))?.isInvalidated).toBe(false);
  });
});

describe("attachments, watchers, project users", () => {
  it("uploads as multipart with project, object id and the file", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ id: 1 }, 201));
    await uploadAttachment("issues", 2, 8, new File(["hello"], "a.txt", { type: "text/plain" }));
    const call = calls[0]!;
    expect(call.path).toBe("/issues/attachments");
    expect(call.headers["content-type"]).toBeUndefined();
    const form = call.body as FormData;
    expect(form.get("project")).toBe("2");
    expect(form.get("object_id")).toBe("8");
    expect((form.get("attached_file") as File).name).toBe("a.txt");
  });

  it("lists attachments in their own order", async () => {
    installFakeFetch(() => jsonResponse([{ id: 1, order: 2 }, { id: 2, order: 1 }]));
    expect((await listAttachments("userstories", 1, 3)).map((a) => a.id)).toEqual([2, 1]);
  });

  it("deleting an attachment refreshes the list and the item's history", async () => {
    installFakeFetch(() => new Response(null, { status: 204 }));
    const client = newClient();
    client.setQueryData(keys.attachments.list("tasks", 5), []);
    client.setQueryData(keys.history.list("task", 5, "activity"), []);
    const { result } = renderHook(() => useDeleteAttachment("tasks", 5), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync(11));
    expect(client.getQueryState(keys.attachments.list("tasks", 5))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.history.list("task", 5, "activity"))?.isInvalidated).toBe(true);
  });

  it("watching posts to the item and refreshes its watchers and detail", async () => {
    const { calls } = installFakeFetch(() => new Response(null, { status: 200 }));
    const client = newClient();
    client.setQueryData(keys.tasks.watchers(5), []);
    client.setQueryData(keys.tasks.byRef(2, 9), { id: 5 });
    const { result } = renderHook(() => useSetWatching("tasks"), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ object: { id: 5, project: 2, ref: 9 }, watch: true }));
    expect(calls[0]).toMatchObject({ method: "POST", path: "/tasks/5/watch" });
    expect(client.getQueryState(keys.tasks.watchers(5))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.tasks.byRef(2, 9))?.isInvalidated).toBe(true);
  });

  it("project users come from /users?project=", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([{ id: 1 }]));
    expect(await listProjectUsers(4)).toHaveLength(1);
    expect(calls[0]!.url.searchParams.get("project")).toBe("4");
  });
});

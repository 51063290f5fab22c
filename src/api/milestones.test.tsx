import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { keys } from "./keys";
import { milestones, openSprintsFilters, useCreateMilestone, useDeleteMilestone, useMilestones, useMilestoneStats, usePatchMilestone } from "./milestones";
import { clearSession } from "./session";
import type { Milestone, MilestoneUserStory, UserStory } from "./types";
import { BACKLOG_FIRST_PAGE, backlogKey, useBacklogStories, useBulkUpdateBacklogOrder, type BacklogStories } from "./userstories";

function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

const story = (id: number, milestone: number | null, backlog_order: number, sprint_order = 1, total_points: number | null = 1): UserStory =>
  ({ id, ref: id, project: 1, subject: `S${id}`, milestone, backlog_order, sprint_order, total_points, is_closed: false, tags: [["t", null]], assigned_users: [] }) as unknown as UserStory;
const nested = (id: number, milestone: number, sprint_order: number, total_points: number | null = 2): MilestoneUserStory =>
  ({ id, ref: id, project: 1, subject: `S${id}`, milestone, backlog_order: 100 + id, sprint_order, total_points, is_closed: false, assigned_to: null }) as unknown as MilestoneUserStory;
const sprint = (id: number, stories: MilestoneUserStory[], project = 1): Milestone =>
  ({ id, project, name: `Sprint ${id}`, slug: `sprint-${id}`, closed: false, user_stories: stories, total_points: stories.length * 2 || null, closed_points: null }) as unknown as Milestone;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("sprints", () => {
  it("lists the open sprints of a project unpaginated, and reads a sprint's stats", async () => {
    const { calls } = installFakeFetch((call) => (call.path.endsWith("/stats") ? jsonResponse({ name: "S", days: [] }) : jsonResponse([sprint(7, [])])));
    const client = newClient();
    const { result } = renderHook(() => ({ list: useMilestones(3, openSprintsFilters), stats: useMilestoneStats(7) }), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.list.isSuccess && result.current.stats.isSuccess).toBe(true));
    const list = calls.find((c) => c.path === "/milestones")!;
    expect(list.url.searchParams.get("project")).toBe("3");
    expect(list.url.searchParams.get("closed")).toBe("false");
    expect(list.headers["x-disable-pagination"]).toBe("True");
    expect(calls.some((c) => c.path === "/milestones/7/stats")).toBe(true);
    expect(client.getQueryData(keys.milestones.list(3, openSprintsFilters))).toHaveLength(1);
  });

  it("creates and edits without a version (sprints have no OCC) and invalidates the sprint lists and the project", async () => {
    const { calls } = installFakeFetch((call) => jsonResponse(sprint(7, [], 3), call.method === "POST" ? 201 : 200));
    const client = newClient();
    client.setQueryData(keys.milestones.list(3, openSprintsFilters), []);
    client.setQueryData(keys.projects.bySlug("p"), { id: 3 });
    const { result } = renderHook(() => ({ create: useCreateMilestone(), patch: usePatchMilestone() }), { wrapper: wrapper(client) });
    await act(() => result.current.create.mutateAsync({ project: 3, name: "Sprint 7", estimated_start: "2026-01-01", estimated_finish: "2026-01-14" }));
    expect(calls[0]!.method).toBe("POST");
    expect(client.getQueryState(keys.milestones.list(3, openSprintsFilters))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.projects.bySlug("p"))?.isInvalidated).toBe(true);
    await act(() => result.current.patch.mutateAsync({ id: 7, changes: { name: "Renamed" } }));
    expect(calls[1]!.method).toBe("PATCH");
    expect(calls[1]!.body).toEqual({ name: "Renamed" });
    expect(milestones.actions).not.toContain("byRef");
  });

  it("deleting a sprint also makes the project's story lists stale (its stories are back in the backlog)", async () => {
    installFakeFetch(() => new Response(null, { status: 204 }));
    const client = newClient();
    client.setQueryData(backlogKey(3), { stories: [], complete: true, total: 0 });
    const { result } = renderHook(() => useDeleteMilestone(), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ id: 7, project: 3 }));
    expect(client.getQueryState(backlogKey(3))?.isInvalidated).toBe(true);
  });
});

describe("the backlog", () => {
  it("paints the first page, then replaces it with the whole list", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { calls } = installFakeFetch(async (call) => {
      if (call.url.searchParams.get("page") === "1") {
        return jsonResponse([story(1, null, 1)], 200, { "x-paginated": "true", "x-paginated-by": String(BACKLOG_FIRST_PAGE), "x-pagination-current": "1", "x-pagination-count": "3", "x-pagination-next": "http://x/api/v1/userstories?page=2" });
      }
      await gate;
      return jsonResponse([story(1, null, 1), story(2, null, 2), story(3, null, 3)]);
    });
    const client = newClient();
    const { result } = renderHook(() => useBacklogStories(1), { wrapper: wrapper(client) });
    await waitFor(() => expect(result.current.data?.stories).toHaveLength(1));
    expect(result.current.data).toMatchObject({ complete: false, total: 3 });
    expect(calls[0]!.url.searchParams.get("milestone")).toBe("null");
    expect(calls[0]!.url.searchParams.get("page_size")).toBe(String(BACKLOG_FIRST_PAGE));
    release();
    await waitFor(() => expect(result.current.data?.complete).toBe(true));
    expect(result.current.data?.stories.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(calls[1]!.headers["x-disable-pagination"]).toBe("True");
    expect(calls).toHaveLength(2);
  });

  it("a small backlog is one request", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([story(1, null, 1)], 200, { "x-paginated": "true", "x-pagination-current": "1", "x-pagination-count": "1" }));
    const { result } = renderHook(() => useBacklogStories(1), { wrapper: wrapper(newClient()) });
    await waitFor(() => expect(result.current.data?.complete).toBe(true));
    expect(calls).toHaveLength(1);
  });
});

describe("backlog and sprint moves", () => {
  const backlog: BacklogStories = { stories: [story(1, null, 1), story(2, null, 2), story(3, null, 3)], complete: true, total: 3 };
  const sprints = [sprint(10, [nested(4, 10, 1), nested(5, 10, 2)]), sprint(11, [])];
  const sprintsKey = keys.milestones.list(1, openSprintsFilters);

  function setup(respond: () => Promise<Response> | Response) {
    const { calls } = installFakeFetch(respond);
    const client = newClient();
    client.setQueryData(backlogKey(1), backlog);
    client.setQueryData(sprintsKey, sprints);
    const { result } = renderHook(() => useBulkUpdateBacklogOrder(), { wrapper: wrapper(client) });
    return { calls, client, result };
  }

  it("moves a selection into a sprint in both caches before the answer, with the sprint's totals, in one request", async () => {
    let answer: (r: Response) => void = () => undefined;
    const { calls, client, result } = setup(() => new Promise<Response>((resolve) => (answer = resolve)));
    act(() => result.current.mutate({ body: { project_id: 1, milestone_id: 10, after_userstory_id: 4, bulk_userstories: [1, 3] } }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.path).toBe("/userstories/bulk_update_backlog_order");
    const b = client.getQueryData<BacklogStories>(backlogKey(1))!;
    expect(b.stories.map((s) => s.id)).toEqual([2]);
    expect(b.total).toBe(1);
    const s10 = client.getQueryData<Milestone[]>(sprintsKey)![0]!;
    expect(s10.user_stories.map((s) => [s.id, s.sprint_order])).toEqual([
      [4, 1],
      [1, 2],
      [3, 3],
      [5, 4],
    ]);
    expect(s10.total_points).toBe(6);
    answer(jsonResponse([{ id: 1, milestone: 10, sprint_order: 2 }, { id: 3, milestone: 10, sprint_order: 3 }, { id: 5, milestone: 10, sprint_order: 4 }]));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(calls).toHaveLength(1);
  });

  it("moves sprint stories back to the backlog (into an empty sprint too) and rolls everything back when refused", async () => {
    const { client, result } = setup(() => jsonResponse({ bulk_userstories: ["Invalid user story ids. All stories must belong to the same project."] }, 400));
    act(() => result.current.mutate({ body: { project_id: 1, after_userstory_id: 1, bulk_userstories: [4] } }));
    expect(client.getQueryData<BacklogStories>(backlogKey(1))!.stories.map((s) => s.id)).toEqual([1, 4, 2, 3]);
    // the story came from a sprint: the backlog shows it, marked partial until its detail is read
    expect(client.getQueryData<BacklogStories>(backlogKey(1))!.stories[1]).toMatchObject({ id: 4, partial: true, tags: [] });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData(backlogKey(1))).toEqual(backlog);
    expect(client.getQueryData(sprintsKey)).toEqual(sprints);
  });

  it("drops into an empty sprint", () => {
    const { client, result } = setup(() => new Promise<Response>(() => undefined));
    act(() => result.current.mutate({ body: { project_id: 1, milestone_id: 11, bulk_userstories: [2] } }));
    const s11 = client.getQueryData<Milestone[]>(sprintsKey)![1]!;
    expect(s11.user_stories.map((s) => [s.id, s.sprint_order, s.milestone])).toEqual([[2, 1, 11]]);
    expect(s11.total_points).toBe(1);
  });
});

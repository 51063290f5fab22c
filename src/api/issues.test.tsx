import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { bulkUpdateIssuesMilestone, getIssueFiltersData, issuesPage, promoteIssueToStory, useBulkCreateIssues, usePromoteIssue } from "./issues";
import { keys } from "./keys";
import { clearSession } from "./session";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("issues client", () => {
  it("reads one server page with its totals, and the facets, with the same filters", async () => {
    const { calls } = installFakeFetch((call) =>
      call.path === "/issues"
        ? jsonResponse([{ id: 1 }], 200, { "x-paginated": "true", "x-paginated-by": "30", "x-pagination-count": "95", "x-pagination-current": "2" })
        : jsonResponse({ statuses: [] }),
    );
    const page = await issuesPage(4, { status: "1,2", exclude_type: "3", order_by: "-priority" }, 2);
    expect(page.items).toEqual([{ id: 1 }]);
    expect(page.pagination).toMatchObject({ count: 95, current: 2, perPage: 30 });
    await getIssueFiltersData(4, { status: "1,2", q: "crash" });
    expect(calls.map((c) => `${c.path}?${c.url.searchParams}`)).toEqual([
      "/issues?project=4&status=1%2C2&exclude_type=3&order_by=-priority&page=2",
      "/issues/filters_data?project=4&status=1%2C2&q=crash",
    ]);
  });

  it("promotes to a story and answers its ref; the issue and the story lists go stale", async () => {
    const { calls } = installFakeFetch(() => jsonResponse([52]));
    const client = newClient();
    client.setQueryData(keys.issues.detail(91), { id: 91 });
    client.setQueryData(keys.userstories.list(1, {}), []);
    const { result } = renderHook(() => usePromoteIssue(), { wrapper: wrapper(client) });
    let ref = 0;
    await act(async () => {
      ref = await result.current.mutateAsync({ id: 91, project: 1, ref: 7 });
    });
    expect(ref).toBe(52);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/issues/91/promote_to_user_story", body: { project_id: 1 } });
    expect(client.getQueryState(keys.issues.detail(91))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.userstories.list(1, {}))?.isInvalidated).toBe(true);
    installFakeFetch(() => jsonResponse([]));
    await expect(promoteIssueToStory({ id: 91, project: 1 })).rejects.toThrow(/which story/);
  });

  it("bulk endpoints send Taiga's bodies", async () => {
    const { calls } = installFakeFetch((call) => (call.path.endsWith("bulk_update_milestone") ? jsonResponse({ "1": 6, "2": 6 }) : jsonResponse([])));
    expect(await bulkUpdateIssuesMilestone(3, 6, [1, 2])).toEqual({ "1": 6, "2": 6 });
    const client = newClient();
    client.setQueryData(keys.issues.list(3, {}), []);
    const { result } = renderHook(() => useBulkCreateIssues(3), { wrapper: wrapper(client) });
    await act(() => result.current.mutateAsync({ text: "A\nB" }));
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ["/issues/bulk_update_milestone", { project_id: 3, milestone_id: 6, bulk_issues: [{ issue_id: 1 }, { issue_id: 2 }] }],
      ["/issues/bulk_create", { project_id: 3, bulk_issues: "A\nB" }],
    ]);
    expect(client.getQueryState(keys.issues.list(3, {}))?.isInvalidated).toBe(true);
  });
});

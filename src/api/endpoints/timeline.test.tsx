import { describe, expect, it } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, signInFor } from "../../test/recorded";
import { keys } from "../keys";
import { timelinePage, useTimeline } from "../timeline";

const server = recordedServer();

/** The recorded first page: 30 of 111 entries, a next page announced. */
const firstPage = (answer: unknown) => ({
  items: answer,
  pagination: { count: 111, current: 1, perPage: 30, next: "http://127.0.0.1:8000/api/v1/timeline/project/1?page=2", prev: null },
});

/** A recorded first page as the client reads it: the rows and the pagination headers. */
const recordedPage = (id: string) => (answer: unknown) => {
  const headers = recording(id).response.headers;
  const num = (name: string) => (headers[name] === undefined ? null : Number(headers[name]));
  return { items: answer, pagination: { count: num("x-pagination-count"), current: num("x-pagination-current") ?? 1, perPage: num("x-paginated-by"), next: headers["x-pagination-next"] ?? null, prev: headers["x-pagination-prev"] ?? null } };
};

endpointTests("timeline", server, {
  "GET /timeline/project/{id}": {
    recording: "misc/003",
    call: () => timelinePage("project", 1),
    result: firstPage,
    read: { useHook: () => useTimeline("project", 1), key: keys.timeline.of("project", 1), data: (page) => ({ pages: [page], pageParams: [1] }) },
  },
  "GET /timeline/user/{id}": {
    recording: "further/057",
    call: () => timelinePage("user", 5),
    result: recordedPage("further/057"),
    read: { useHook: () => useTimeline("user", 5), key: keys.timeline.of("user", 5), data: (page) => ({ pages: [page], pageParams: [1] }) },
  },
  "GET /timeline/profile/{id}": {
    recording: "further/058",
    call: () => timelinePage("profile", 5),
    result: recordedPage("further/058"),
    read: { useHook: () => useTimeline("profile", 5), key: keys.timeline.of("profile", 5), data: (page) => ({ pages: [page], pageParams: [1] }) },
  },
});

describe("timeline: the feed reads on", () => {
  it("the next page is asked for with ?page=2 when Taiga announces one", async () => {
    const rec = recording("misc/003");
    server.serve(rec);
    const second = server.serve({ ...rec, request: { ...rec.request, path: "/api/v1/timeline/project/1?page=2" } });
    signInFor(rec);
    const client = newTestClient();
    const { result } = renderHook(() => useTimeline("project", 1), { wrapper: clientWrapper(client) });
    await waitFor(() => expect(result.current.hasNextPage).toBe(true));
    await act(() => result.current.fetchNextPage());
    expect(second.map((s) => s.query)).toContainEqual([["page", "2"]]);
  });
});

import { describe, expect, it } from "vitest";
import { renderHook, waitFor } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, signInFor } from "../../test/recorded";
import { keys } from "../keys";
import { resolve, resolveRef, useResolve, useResolvedRef } from "../resolver";

const server = recordedServer();

endpointTests("resolver", server, {
  "GET /resolver": {
    recording: "resolver/009",
    call: () => resolve({ project: "project-1", ref: 5 }),
    read: { useHook: () => useResolve({ project: "project-1", ref: 5 }), key: keys.resolver.resolve({ project: "project-1", ref: 5 }) },
  },
});

describe("resolving #refs", () => {
  it.each([
    ["resolver/009", 5, { kind: "us", id: 2, project: 1 }],
    ["resolver/010", 2, { kind: "task", id: 1, project: 1 }],
    ["resolver/011", 23, { kind: "issue", id: 1, project: 1 }],
    ["resolver/012", 39, { kind: "epic", id: 1, project: 1 }],
    ["resolver/013", "home", { kind: "wikipage", id: 1, project: 1 }],
    ["resolver/014", 9999, { kind: "none", project: 1 }],
  ] as const)("%s: #%s", async (id, ref, expected) => {
    const rec = recording(id);
    server.serve(rec);
    signInFor(rec);
    expect(await resolveRef("project-1", ref)).toEqual(expected);
  });

  it("several explicit refs at once", async () => {
    const rec = recording("resolver/008");
    const sent = server.serve(rec);
    signInFor(rec);
    expect(await resolve({ project: "project-1", us: 5, task: 2, issue: 23 })).toEqual({ project: 1, us: 2, task: 1, issue: 1 });
    expect(sent[0]!.query).toEqual([["issue", "23"], ["project", "project-1"], ["task", "2"], ["us", "5"]]);
  });
});

describe("useResolvedRef", () => {
  it("answers the item behind #ref and shares the cache entry of useResolve", async () => {
    const rec = recording("resolver/012");
    const sent = server.serve(rec);
    signInFor(rec);
    const client = newTestClient();
    const { result } = renderHook(() => useResolvedRef("project-1", 39), { wrapper: clientWrapper(client) });
    await waitFor(() => expect(result.current.data).toEqual({ kind: "epic", id: 1, project: 1 }));
    expect(client.getQueryData(keys.resolver.resolve({ project: "project-1", ref: 39 }))).toEqual(rec.response.body);
    expect(sent).toHaveLength(1);
  });

  it("asks nothing until there is a ref", () => {
    const { result } = renderHook(() => useResolvedRef("project-1", undefined), { wrapper: clientWrapper(newTestClient()) });
    expect(result.current.fetchStatus).toBe("idle");
  });
});

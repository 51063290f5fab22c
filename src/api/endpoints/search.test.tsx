import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { keys } from "../keys";
import { search, useSearch } from "../search";

const server = recordedServer();

endpointTests("search", server, {
  "GET /search": {
    recording: "search/001",
    call: () => search(1, "bulk"),
    read: { useHook: () => useSearch(1, "bulk"), key: keys.search.results(1, "bulk") },
  },
});

describe("search: what the groups say", () => {
  it("a private project the caller cannot see answers no groups, only a zero count", async () => {
    const rec = recording("search/006");
    server.serve(rec);
    signInFor(rec);
    expect(await search(3, "support")).toEqual({ count: 0 });
  });

  it("an empty text is sent as such and answers the items", async () => {
    const rec = recording("search/004");
    const sent = server.serve(rec);
    signInFor(rec);
    const results = await search(1, "");
    expect(sent[0]!.query).toEqual([["project", "1"], ["text", ""]]);
    expect(results.count).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ConflictError } from "../http";
import { keys } from "../keys";
import type { WikiPage } from "../types";
import { getWikiPageBySlug, renderWiki, useRenderedWikis, useSaveWikiPage, useWikiPage, wikiLinks, wikiPages } from "../wiki";

const server = recordedServer();

/** A page change leaves the project's page list and the page's history stale; another project's pages stay. */
const pageStale = (project: number) => [keys.wiki.list(project, {}), keys.history.entries("wiki", 18)];
const pageUntouched = (project: number) => [keys.wiki.list(project + 1, {}), keys.wikiLinks.list(project, {})];

resourceEndpointTests("wiki pages", server, wikiPages, {
  "GET /wiki": "wiki/002",
  "POST /wiki": "wiki/006",
  "GET /wiki/{id}": "wiki/003",
  "PUT /wiki/{id}": "wiki/013",
  "PATCH /wiki/{id}": "wiki/010",
  "DELETE /wiki/{id}": "wiki/018",
  "POST /wiki/{id}/watch": "wiki/014",
  "GET /wiki/{id}/watchers": "wiki/015",
  "POST /wiki/{id}/unwatch": "wiki/016",
}, { project: 1, stale: pageStale, untouched: pageUntouched });

/** A link change leaves the project's links stale, and its pages (adding a link may create its page). */
const linkStale = (project: number) => [keys.wikiLinks.list(project, {}), keys.wiki.list(project, {})];
const linkUntouched = (project: number) => [keys.wikiLinks.list(project + 1, {})];

resourceEndpointTests("wiki links", server, wikiLinks, {
  "GET /wiki-links": "wiki/020",
  "POST /wiki-links": "wiki/022",
  "GET /wiki-links/{id}": "wiki/021",
  "PUT /wiki-links/{id}": "wiki/028",
  "PATCH /wiki-links/{id}": "wiki/026",
  "DELETE /wiki-links/{id}": "wiki/029",
}, { project: 1, stale: linkStale, untouched: linkUntouched });

const renderBody = () => recording("wiki/017").request.body as { content: string; project_id: number };

endpointTests("wiki: by slug and rendering", server, {
  "GET /wiki/by_slug": {
    recording: "wiki/004",
    call: () => getWikiPageBySlug(1, "home"),
    read: { useHook: () => useWikiPage(1, "home"), key: keys.wiki.bySlug(1, "home") },
  },
  "POST /wiki/render": {
    recording: "wiki/017",
    call: () => renderWiki(1, renderBody().content),
    result: (answer) => (answer as { data: string }).data,
    read: { useHook: () => useRenderedWikis(1, [renderBody().content])[0]!, key: keys.wiki.render(1, renderBody().content) },
  },
});

describe("wiki: what the recordings show beyond one exchange", () => {
  it("a slug without a page is null (the view offers to create it), not an error", async () => {
    const rec = recording("wiki/005");
    server.serve(rec);
    signInFor(rec);
    expect(await getWikiPageBySlug(1, "no-such-page")).toBeNull();
  });

  it("a stale version on the same field is the conflict", async () => {
    const rec = recording("wiki/011");
    server.serve(rec);
    signInFor(rec);
    const { version, ...changes } = rec.request.body as { version: number; content: string };
    await expect(wikiPages.patch(18, changes, version)).rejects.toBeInstanceOf(ConflictError);
  });

  it("the editor's save stores the answer by slug and by id and leaves the list and the history stale", async () => {
    const rec = recording("wiki/010");
    const sent = server.serve(rec);
    signInFor(rec);
    const answer = rec.response.body as WikiPage;
    const client = newTestClient();
    const before = { ...answer, content: "before", version: 1 };
    client.setQueryData(keys.wiki.bySlug(1, answer.slug), before);
    client.setQueryData(keys.wiki.list(1, {}), [before]);
    client.setQueryData(keys.history.entries("wiki", answer.id), []);
    const { result } = renderHook(() => useSaveWikiPage(), { wrapper: clientWrapper(client) });
    const { version, ...changes } = rec.request.body as { version: number; content: string };
    await act(async () => {
      await result.current(before, changes, version);
    });
    expect(sent[0]!.body).toEqual(rec.request.body);
    expect(client.getQueryData(keys.wiki.bySlug(1, answer.slug))).toEqual(answer);
    expect(client.getQueryData(keys.wiki.detail(answer.id))).toEqual(answer);
    expect(client.getQueryState(keys.wiki.list(1, {}))?.isInvalidated).toBe(true);
    expect(client.getQueryState(keys.history.entries("wiki", answer.id))?.isInvalidated).toBe(true);
  });
});

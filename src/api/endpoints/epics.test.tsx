import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, signInFor, recordedServer } from "../../test/recorded";
import {
  bulkCreateEpicRelatedUserStories,
  createEpicRelatedUserStory,
  deleteEpicRelatedUserStory,
  epics,
  getEpicRelatedUserStory,
  listEpicRelatedUserStories,
  patchEpicRelatedUserStory,
  putEpicRelatedUserStory,
  useBulkCreateEpicRelatedUserStories,
  useCreateEpicRelatedUserStory,
  useDeleteEpicRelatedUserStory,
  useEpicRelatedUserStories,
  useEpicRelatedUserStory,
  usePatchEpicRelatedUserStory,
  usePutEpicRelatedUserStory,
} from "../epics";
import { ConflictError } from "../http";
import { keys } from "../keys";
import type { EpicRelatedUserStory } from "../types";

const server = recordedServer();

/** What a change to an epic of project 1 leaves stale, and what it must leave alone. */
const epicLists = [keys.epics.list(1, {}), keys.epics.filtersData(1, {}), keys.userstories.list(1, {})];
const otherProject = [keys.epics.list(2, {}), keys.userstories.list(2, {})];

/** What a link change between epic 37 and story 4 (project 1) leaves stale. */
const linkStale = [
  keys.epics.related(37),
  keys.epics.detail(37),
  keys.epics.byRef(1, 53),
  keys.epics.list(1, {}),
  keys.userstories.detail(4),
  keys.userstories.byRef(1, 4),
  keys.userstories.list(1, {}),
  keys.userstories.filtersData(1, {}),
];

const byOrder = (links: unknown) => [...(links as EpicRelatedUserStory[])].sort((a, b) => a.order - b.order || a.user_story - b.user_story);

endpointTests("epics", server, {
  "GET /epics": {
    recording: "epics/002",
    call: () => epics.list(1),
    read: { useHook: () => epics.useList(1), key: keys.epics.list(1, {}) },
  },
  "GET /epics/{id}": {
    recording: "epics/004",
    call: () => epics.get(1),
    read: { useHook: () => epics.useDetail(1), key: keys.epics.detail(1) },
  },
  "GET /epics/by_ref": {
    recording: "epics/005",
    call: () => epics.getByRef(1, 39),
    read: { useHook: () => epics.useByRef(1, 39), key: keys.epics.byRef(1, 39) },
  },
  "GET /epics/filters_data": {
    recording: "epics/003",
    call: () => epics.getFiltersData(1),
    read: { useHook: () => epics.useFiltersData(1), key: keys.epics.filtersData(1, {}) },
  },
  "POST /epics": {
    recording: "epics/006",
    call: () => epics.create({ project: 1, subject: "Recorded epic" }),
    mutation: { useHook: () => epics.useCreate(), variables: { project: 1, subject: "Recorded epic" }, invalidates: epicLists, untouched: otherProject },
  },
  "PATCH /epics/{id}": {
    recording: "epics/008",
    call: () => epics.patch(37, { subject: "Epic edited (v1->v2)" }, 1),
    mutation: {
      useHook: () => epics.usePatch(),
      variables: { id: 37, changes: { subject: "Epic edited (v1->v2)" }, version: 1 },
      stores: [keys.epics.detail(37), keys.epics.byRef(1, 53)],
      invalidates: epicLists,
      untouched: otherProject,
    },
  },
  "PUT /epics/{id}": {
    recording: "epics/011",
    call: () => {
      const { version, ...whole } = recording("epics/011").request.body as { version: number; project: number; subject: string };
      return epics.put(37, whole, version);
    },
    mutation: {
      useHook: () => epics.usePut(),
      variables: (() => {
        const { version, ...whole } = recording("epics/011").request.body as { version: number };
        return { id: 37, changes: whole, version };
      })(),
      stores: [keys.epics.detail(37)],
      invalidates: epicLists,
    },
  },
  "DELETE /epics/{id}": {
    recording: "epics/027",
    call: () => epics.remove(37),
    mutation: {
      useHook: () => epics.useRemove(),
      variables: { id: 37, project: 1, ref: 53 },
      removes: [keys.epics.detail(37), keys.epics.byRef(1, 53)],
      invalidates: epicLists,
      untouched: otherProject,
    },
  },
  "POST /epics/bulk_create": {
    recording: "ordering/075",
    call: () => epics.bulkCreate({ project_id: 1, bulk_epics: "Bulk epic A\nBulk epic B" }),
    mutation: { useHook: () => epics.useBulkCreate(), variables: { project_id: 1, bulk_epics: "Bulk epic A\nBulk epic B" }, invalidates: epicLists, untouched: otherProject },
  },
  "POST /epics/{id}/upvote": {
    recording: "epics/021",
    call: () => epics.upvote(37),
    mutation: { useHook: () => epics.useSetVote(), variables: { object: { id: 37, project: 1, ref: 53 }, vote: true }, invalidates: [keys.epics.voters(37), keys.epics.detail(37), keys.epics.byRef(1, 53), keys.epics.list(1, {})] },
  },
  "POST /epics/{id}/downvote": {
    recording: "epics/023",
    call: () => epics.downvote(37),
    mutation: { useHook: () => epics.useSetVote(), variables: { object: { id: 37, project: 1 }, vote: false }, invalidates: [keys.epics.voters(37), keys.epics.detail(37), keys.epics.list(1, {})] },
  },
  "GET /epics/{id}/voters": {
    recording: "epics/022",
    call: () => epics.voters(37),
    read: { useHook: () => epics.useVoters(37), key: keys.epics.voters(37) },
  },
  "POST /epics/{id}/watch": {
    recording: "epics/024",
    call: () => epics.watch(37),
    mutation: { useHook: () => epics.useSetWatching(), variables: { object: { id: 37, project: 1, ref: 53 }, watch: true }, invalidates: [keys.epics.watchers(37), keys.epics.detail(37), keys.epics.byRef(1, 53)] },
  },
  "POST /epics/{id}/unwatch": {
    recording: "epics/026",
    call: () => epics.unwatch(37),
    mutation: { useHook: () => epics.useSetWatching(), variables: { object: { id: 37, project: 1 }, watch: false }, invalidates: [keys.epics.watchers(37), keys.epics.detail(37)] },
  },
  "GET /epics/{id}/watchers": {
    recording: "epics/025",
    call: () => epics.watchers(37),
    read: { useHook: () => epics.useWatchers(37), key: keys.epics.watchers(37) },
  },

  // ---------------------------------------------------------------- related user stories
  "GET /epics/{id}/related_userstories": {
    recording: "epics/012",
    call: () => listEpicRelatedUserStories(1),
    result: byOrder,
    read: { useHook: () => useEpicRelatedUserStories(1), key: keys.epics.related(1) },
  },
  "POST /epics/{id}/related_userstories": {
    recording: "epics/013",
    call: () => createEpicRelatedUserStory(37, 4),
    mutation: { useHook: () => useCreateEpicRelatedUserStory(), variables: { epic: 37, project: 1, user_story: 4 }, invalidates: linkStale, untouched: [keys.epics.related(1)] },
  },
  "GET /epics/{id}/related_userstories/{userStoryId}": {
    recording: "epics/016",
    call: () => getEpicRelatedUserStory(37, 4),
    read: { useHook: () => useEpicRelatedUserStory(37, 4), key: keys.epics.relatedLink(37, 4) },
  },
  "PATCH /epics/{id}/related_userstories/{userStoryId}": {
    recording: "epics/017",
    call: () => patchEpicRelatedUserStory(37, 4, { order: 20 }),
    mutation: { useHook: () => usePatchEpicRelatedUserStory(), variables: { epic: 37, project: 1, user_story: 4, order: 20 }, invalidates: linkStale },
  },
  "PUT /epics/{id}/related_userstories/{userStoryId}": {
    recording: "epics/018",
    call: () => putEpicRelatedUserStory(37, 4, 30),
    mutation: { useHook: () => usePutEpicRelatedUserStory(), variables: { epic: 37, project: 1, user_story: 4, order: 30 }, invalidates: linkStale },
  },
  "DELETE /epics/{id}/related_userstories/{userStoryId}": {
    recording: "epics/020",
    call: () => deleteEpicRelatedUserStory(37, 4),
    mutation: {
      useHook: () => useDeleteEpicRelatedUserStory(),
      variables: { epic: 37, project: 1, user_story: 4 },
      removes: [keys.epics.relatedLink(37, 4)],
      invalidates: linkStale.filter((k) => k !== keys.epics.related(37)),
    },
  },
  "POST /epics/{id}/related_userstories/bulk_create": {
    recording: "ordering/077",
    call: () => bulkCreateEpicRelatedUserStories(1, { project_id: 1, bulk_userstories: "Story via epic A\nStory via epic B" }),
    mutation: {
      useHook: () => useBulkCreateEpicRelatedUserStories(),
      variables: { epic: 1, project: 1, bulk_userstories: "Story via epic A\nStory via epic B" },
      invalidates: [keys.epics.detail(1), keys.epics.list(1, {}), keys.userstories.list(1, {}), keys.userstories.filtersData(1, {})],
    },
  },
});

describe("epics: what the recordings show beyond one exchange", () => {
  it("a stale version surfaces as the conflict every OCC resource raises, holding the user's changes", async () => {
    const rec = recording("epics/009");
    server.serve(rec);
    signInFor(rec);
    const error = await epics.patch(37, { subject: "Epic stale edit" }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ subject: "Epic stale edit", version: 1 });
  });

  it("bulk-created stories: the answer (every link of the epic) becomes the epic's links, in order", async () => {
    const rec = recording("ordering/077");
    server.serve(rec);
    signInFor(rec);
    const client = newTestClient();
    const { result } = renderHook(() => useBulkCreateEpicRelatedUserStories(), { wrapper: clientWrapper(client) });
    await act(() => result.current.mutateAsync({ epic: 1, project: 1, bulk_userstories: "Story via epic A\nStory via epic B" }));
    expect(client.getQueryData(keys.epics.related(1))).toEqual(byOrder(rec.response.body));
  });

  it("a reorder with set-orders sends them as Taiga's header and renumbers the cached links as Taiga will", async () => {
    const rec = recording("epics/017");
    const client = newTestClient();
    const links: EpicRelatedUserStory[] = [
      { epic: 37, user_story: 4, order: 7 },
      { epic: 37, user_story: 5, order: 7 },
      { epic: 37, user_story: 6, order: 7 },
    ];
    client.setQueryData(keys.epics.related(37), links);
    const sent = server.serve(rec);
    signInFor(rec);
    const { result } = renderHook(() => usePatchEpicRelatedUserStory(), { wrapper: clientWrapper(client) });
    await act(() => result.current.mutateAsync({ epic: 37, project: 1, user_story: 4, order: 8, setOrders: { "5": 7, "6": 9 } }));
    // Nothing observes the links here, so the invalidation afterwards leaves the renumbered cache in place.
    expect((client.getQueryData(keys.epics.related(37)) as EpicRelatedUserStory[]).map((l) => [l.user_story, l.order])).toEqual([
      [5, 7],
      [4, 8],
      [6, 9],
    ]);
    expect(sent[0]!.headers["set-orders"]).toBe('{"5":7,"6":9}');
    expect(sent[0]!.body).toEqual({ order: 8 });
  });

  it("reordering a link moves it in the cached links at once and puts them back when Taiga refuses", async () => {
    const rec = recording("epics/017");
    const client = newTestClient();
    const links: EpicRelatedUserStory[] = [
      { epic: 37, user_story: 4, order: 1 },
      { epic: 37, user_story: 5, order: 20 },
    ];
    client.setQueryData(keys.epics.related(37), links);
    server.serve({ ...rec, response: { ...rec.response, status: 403, body: { _error_message: "You do not have permission to perform this action." } } });
    signInFor(rec);
    const { result } = renderHook(() => usePatchEpicRelatedUserStory(), { wrapper: clientWrapper(client) });
    let seen: unknown;
    const done = act(() =>
      result.current.mutateAsync({ epic: 37, project: 1, user_story: 4, order: 20 }).catch((e: unknown) => {
        seen = e;
      }),
    );
    await done;
    expect(seen).toBeDefined();
    expect(client.getQueryData(keys.epics.related(37))).toEqual(links);
  });
});

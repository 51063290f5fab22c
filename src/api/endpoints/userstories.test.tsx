import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ConflictError } from "../http";
import { keys } from "../keys";
import type { BulkCreateUserStoriesBody, BulkUpdateBacklogOrderBody, BulkUpdateKanbanOrderBody, BulkUpdateMilestoneBody } from "../types";
import {
  bulkCreateUserStories,
  bulkUpdateBacklogOrder,
  bulkUpdateKanbanOrder,
  bulkUpdateMilestone,
  createUserStory,
  useBulkCreateUserStories,
  useBulkUpdateBacklogOrder,
  useBulkUpdateKanbanOrder,
  useBulkUpdateMilestone,
  useCreateUserStory,
  userstories,
} from "../userstories";

const server = recordedServer();

/** What a story change in project 1 leaves stale (one sprint's stats stand for every sprint's), and what it leaves alone. */
const stale = [keys.userstories.list(1, { milestone: "null" }), keys.userstories.filtersData(1, {}), keys.projects.detail(1), keys.milestones.stats(1)];
const untouched = [keys.userstories.list(2, {}), keys.userstories.filtersData(2, {})];

resourceEndpointTests("user stories", server, userstories, {
  "GET /userstories": "userstories/002",
  "GET /userstories/{id}": "userstories/020",
  "GET /userstories/by_ref": "userstories/021",
  "GET /userstories/filters_data": "userstories/017",
  "PUT /userstories/{id}": "userstories/035",
  "PATCH /userstories/{id}": "userstories/029",
  "DELETE /userstories/{id}": "userstories/043",
  "POST /userstories/{id}/watch": "userstories/037",
  "GET /userstories/{id}/watchers": "userstories/038",
  "POST /userstories/{id}/unwatch": "userstories/039",
  "POST /userstories/{id}/upvote": "userstories/040",
  "GET /userstories/{id}/voters": "userstories/041",
  "POST /userstories/{id}/downvote": "userstories/042",
}, { project: 1, stale: () => stale, untouched: () => untouched });

const full = () => recording("userstories/028").request.body as Parameters<typeof createUserStory>[0];
const bulk = () => recording("ordering/002").request.body as BulkCreateUserStoriesBody;
const kanban = () => recording("ordering/040").request.body as BulkUpdateKanbanOrderBody;
const backlog = () => recording("ordering/007").request.body as BulkUpdateBacklogOrderBody;
const intoSprint = () => recording("ordering/049").request.body as BulkUpdateMilestoneBody;

endpointTests("user stories: creating and moving", server, {
  "POST /userstories": {
    recording: "userstories/028",
    call: () => createUserStory(full()),
    mutation: { useHook: () => useCreateUserStory(), variables: full(), invalidates: stale, untouched },
  },
  "POST /userstories/bulk_create": {
    recording: "ordering/002",
    call: () => bulkCreateUserStories(bulk()),
    mutation: { useHook: () => useBulkCreateUserStories(), variables: bulk(), invalidates: stale, untouched },
  },
  "POST /userstories/bulk_update_kanban_order": {
    recording: "ordering/040",
    call: () => bulkUpdateKanbanOrder(kanban()),
    mutation: {
      useHook: () => useBulkUpdateKanbanOrder(),
      variables: { body: kanban() },
      invalidates: [keys.userstories.detail(8), keys.userstories.detail(10), keys.userstories.filtersData(1, {})],
      untouched: [keys.userstories.detail(9), ...untouched],
    },
  },
  "POST /userstories/bulk_update_backlog_order": {
    recording: "ordering/007",
    call: () => bulkUpdateBacklogOrder(backlog()),
    mutation: {
      useHook: () => useBulkUpdateBacklogOrder(),
      variables: { body: backlog() },
      // the moved stories 14 and 13, the project's stats, sprint stats
      invalidates: [keys.userstories.detail(14), keys.userstories.detail(13), keys.projects.stats(1), keys.milestones.stats(1)],
      untouched: [keys.userstories.detail(5), keys.projects.stats(2), ...untouched],
    },
  },
  "POST /userstories/bulk_update_milestone": {
    recording: "ordering/049",
    call: () => bulkUpdateMilestone(intoSprint()),
    mutation: {
      useHook: () => useBulkUpdateMilestone(),
      variables: intoSprint(),
      invalidates: [keys.userstories.list(1, { milestone: "null" }), keys.userstories.detail(6), keys.userstories.detail(11), keys.milestones.list(1, {}), keys.milestones.stats(1), keys.projects.stats(1)],
      untouched: [keys.userstories.detail(7), keys.projects.stats(2), ...untouched],
    },
  },
});

describe("user stories: OCC and Taiga's quirks", () => {
  it.each(["userstories/030", "userstories/032", "userstories/033"])("%s: a refused version surfaces as the conflict, holding the changes", async (id) => {
    const rec = recording(id);
    server.serve(rec);
    signInFor(rec);
    const { version, ...changes } = rec.request.body as { version?: number };
    const error = await userstories.patch(Number(rec.request.path.split("/").pop()), changes, version as number).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual(rec.request.body);
  });

  it("the swimlane filter is spelled as Taiga reads it (swimnlane)", async () => {
    const rec = recording("userstories/012");
    const sent = server.serve(rec);
    signInFor(rec);
    const stories = await userstories.list(1, { status: 1, swimnlane: 3 });
    expect(sent[0]!.query).toEqual([["project", "1"], ["status", "1"], ["swimnlane", "3"]]);
    expect(stories).toEqual(rec.response.body);
  });
});

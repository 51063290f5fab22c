import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ConflictError } from "../http";
import { keys } from "../keys";
import { bulkUpdateTaskUsOrder, tasks, useBulkUpdateTaskUsOrder } from "../tasks";
import type { BulkUpdateUsOrderBody } from "../types";

const server = recordedServer();

/** What a task change in project 1 leaves stale, and what it leaves alone. */
const stale = [keys.tasks.list(1, { milestone: 1 }), keys.userstories.list(1, {}), keys.milestones.stats(1)];
const untouched = [keys.tasks.list(2, {}), keys.userstories.list(2, {})];

resourceEndpointTests("tasks", server, tasks, {
  "GET /tasks": "tasks/002",
  "POST /tasks": "tasks/011",
  "GET /tasks/{id}": "tasks/008",
  "GET /tasks/by_ref": "tasks/009",
  "GET /tasks/filters_data": "tasks/007",
  "PUT /tasks/{id}": "tasks/018",
  "PATCH /tasks/{id}": "tasks/015",
  "DELETE /tasks/{id}": "tasks/026",
  "POST /tasks/{id}/upvote": "tasks/019",
  "GET /tasks/{id}/voters": "tasks/020",
  "POST /tasks/{id}/downvote": "tasks/022",
  "POST /tasks/{id}/watch": "tasks/023",
  "GET /tasks/{id}/watchers": "tasks/024",
  "POST /tasks/{id}/unwatch": "tasks/025",
}, { project: 1, stale: () => stale, untouched: () => untouched });

const usOrder = () => recording("ordering/064").request.body as BulkUpdateUsOrderBody & { us_id: number };

endpointTests("tasks: a story's order", server, {
  "POST /tasks/bulk_update_us_order": {
    recording: "ordering/064",
    call: () => bulkUpdateTaskUsOrder(usOrder()),
    mutation: {
      useHook: () => useBulkUpdateTaskUsOrder(),
      variables: usOrder(),
      invalidates: [keys.tasks.list(1, { user_story: 1 }), keys.userstories.detail(1), keys.userstories.byRef(1, 1)],
      untouched: [keys.tasks.list(2, {}), keys.userstories.detail(2)],
    },
  },
});

describe("tasks: what the recordings show beyond one exchange", () => {
  it("a task created in a story invalidates that story (its task summary)", async () => {
    const rec = recording("tasks/013");
    server.serve(rec);
    signInFor(rec);
    const created = await tasks.create(rec.request.body as never);
    expect(tasks.invalidates(created)).toEqual(expect.arrayContaining([keys.userstories.detail(created.user_story!)]));
  });

  it("a stale version on the same field is the conflict", async () => {
    const rec = recording("tasks/016");
    server.serve(rec);
    signInFor(rec);
    const { version, ...changes } = rec.request.body as { version: number };
    await expect(tasks.patch(109, changes, version)).rejects.toBeInstanceOf(ConflictError);
  });
});

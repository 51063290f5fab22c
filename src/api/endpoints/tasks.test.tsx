import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ConflictError } from "../http";
import { keys } from "../keys";
import {
  bulkCreateTasks,
  bulkUpdateTaskboardOrder,
  bulkUpdateTaskMilestone,
  bulkUpdateTaskUsOrder,
  sprintTasksFilters,
  tasks,
  useBulkCreateTasks,
  useBulkUpdateTaskMilestone,
  useBulkUpdateTaskUsOrder,
  useTaskboardDrop,
} from "../tasks";
import type { BulkCreateTasksBody, BulkUpdateTaskboardOrderBody, BulkUpdateTaskMilestoneBody, BulkUpdateUsOrderBody, Task } from "../types";

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

const bulkTasks = () => recording("ordering/055").request.body as BulkCreateTasksBody;
const boardOrder = () => recording("ordering/059").request.body as BulkUpdateTaskboardOrderBody;
const toSprint = () => recording("ordering/066").request.body as BulkUpdateTaskMilestoneBody;
/** Task 3 of sprint 1, as the board showed it when it was picked up. */
const picked = { id: 3, project: 1, milestone: 1, user_story: 1, status: 1, version: 1 } as Task;
/** What a change to sprint 1's tasks leaves stale: the sprint (detail, stats, lists), the story, the project's stories and task facets. */
const sprintStale = [keys.milestones.detail(1), keys.milestones.stats(1), keys.milestones.list(1, {}), keys.userstories.list(1, {}), keys.userstories.detail(1), keys.tasks.filtersData(1, {})];

endpointTests("tasks: the sprint taskboard", server, {
  "POST /tasks/bulk_create": {
    recording: "ordering/055",
    call: () => bulkCreateTasks(bulkTasks()),
    mutation: {
      useHook: () => useBulkCreateTasks(),
      variables: bulkTasks(),
      // the sprint's own list gets the tasks written in; the project's other task lists go stale
      invalidates: [...sprintStale, keys.tasks.list(1, { user_story: 1 })],
      untouched: [keys.milestones.stats(2), keys.tasks.list(2, {}), keys.userstories.detail(2)],
    },
  },
  "POST /tasks/bulk_update_taskboard_order": {
    recording: "ordering/059",
    call: () => bulkUpdateTaskboardOrder(boardOrder()),
    mutation: {
      useHook: () => useTaskboardDrop(1, 1),
      variables: { request: { kind: "reorder", body: boardOrder() }, task: picked },
      invalidates: [...sprintStale, keys.tasks.list(1, { user_story: 1 })],
      untouched: [keys.milestones.stats(2), keys.tasks.list(2, {}), keys.userstories.detail(2)],
    },
  },
  "POST /tasks/bulk_update_milestone": {
    recording: "ordering/066",
    call: () => bulkUpdateTaskMilestone(toSprint()),
    mutation: {
      useHook: () => useBulkUpdateTaskMilestone(),
      variables: { ...toSprint(), from: 1 },
      invalidates: [keys.tasks.list(1, {}), keys.tasks.detail(4), keys.milestones.detail(1), keys.milestones.stats(1), keys.milestones.detail(13), keys.milestones.stats(13)],
      untouched: [keys.tasks.detail(5), keys.milestones.stats(2), keys.tasks.list(2, {})],
    },
  },
});

describe("tasks: what the recordings show beyond one exchange", () => {
  it("a taskboard reorder writes the answer's orders into the sprint's cached list", async () => {
    const rec = recording("ordering/059");
    server.serve(rec);
    signInFor(rec);
    const client = newTestClient();
    const listKey = keys.tasks.list(1, sprintTasksFilters(1));
    const cached = [1, 2, 3].map((id) => ({ ...picked, id, taskboard_order: id }) as Task);
    client.setQueryData(listKey, cached);
    const { result } = renderHook(() => useTaskboardDrop(1, 1), { wrapper: clientWrapper(client) });
    await act(() => result.current.mutateAsync({ request: { kind: "reorder", body: boardOrder() }, task: picked }));
    const answer = rec.response.body as Record<string, number>;
    const orders = Object.fromEntries((client.getQueryData<Task[]>(listKey) ?? []).map((t) => [t.id, t.taskboard_order]));
    expect(orders).toEqual({ 1: answer["1"], 2: answer["2"], 3: answer["3"] });
  });

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

import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ApiError } from "../http";
import { keys } from "../keys";
import {
  deleteMilestone,
  getMilestoneStats,
  milestones,
  moveTasksToSprint,
  moveUserStoriesToSprint,
  useDeleteMilestone,
  useMilestoneStats,
  useMoveToSprint,
  type MoveStoriesToSprintBody,
  type MoveTasksToSprintBody,
} from "../milestones";

const server = recordedServer();

/** What a sprint change leaves stale (the project's sprint lists, the project with its stats), and what it leaves alone. */
const stale = (project: number) => [keys.milestones.list(project, { closed: false }), keys.projects.detail(project), keys.projects.stats(project)];
const untouched = (project: number) => [keys.milestones.list(project + 1, {}), keys.userstories.list(project, {})];

resourceEndpointTests("milestones", server, milestones, {
  "GET /milestones": "milestones/002",
  "POST /milestones": "milestones/009",
  "GET /milestones/{id}": "milestones/005",
  "PUT /milestones/{id}": "milestones/016",
  "PATCH /milestones/{id}": "milestones/013",
  "POST /milestones/{id}/watch": "milestones/018",
  "GET /milestones/{id}/watchers": "milestones/019",
  "POST /milestones/{id}/unwatch": "milestones/020",
}, { project: 1, stale, untouched });

const storiesMove = () => recording("ordering/052").request.body as MoveStoriesToSprintBody;
const tasksMove = () => recording("ordering/068").request.body as MoveTasksToSprintBody;

endpointTests("milestones: stats, delete, moves between sprints", server, {
  "GET /milestones/{id}/stats": {
    recording: "milestones/007",
    call: () => getMilestoneStats(4),
    read: { useHook: () => useMilestoneStats(4), key: keys.milestones.stats(4) },
  },
  "DELETE /milestones/{id}": {
    recording: "milestones/021",
    call: () => deleteMilestone(12),
    mutation: {
      useHook: () => useDeleteMilestone(),
      variables: { id: 12, project: 1 },
      removes: [keys.milestones.detail(12)],
      // its stories go back to the backlog, its tasks and issues lose their sprint
      invalidates: [...stale(1), keys.milestones.stats(12), keys.userstories.list(1, { milestone: "null" }), keys.tasks.list(1, {}), keys.issues.list(1, {})],
      untouched: [keys.milestones.detail(1), keys.userstories.list(2, {})],
    },
  },
  "POST /milestones/{id}/move_userstories_to_sprint": {
    recording: "ordering/052",
    call: () => moveUserStoriesToSprint(1, storiesMove()),
    mutation: {
      useHook: () => useMoveToSprint(),
      variables: { kind: "userstories", source: 1, body: storiesMove() },
      invalidates: [keys.milestones.list(1, {}), keys.milestones.stats(1), keys.milestones.stats(13), keys.userstories.list(1, {}), keys.tasks.list(1, {}), keys.userstories.detail(11), keys.projects.stats(1)],
      untouched: [keys.milestones.stats(2), keys.userstories.detail(12), keys.issues.list(1, {})],
    },
  },
  "POST /milestones/{id}/move_tasks_to_sprint": {
    recording: "ordering/068",
    call: () => moveTasksToSprint(1, tasksMove()),
    mutation: {
      useHook: () => useMoveToSprint(),
      variables: { kind: "tasks", source: 1, body: tasksMove() },
      invalidates: [keys.milestones.list(1, {}), keys.milestones.stats(1), keys.milestones.stats(13), keys.tasks.list(1, {}), keys.tasks.detail(5)],
      untouched: [keys.milestones.stats(2), keys.tasks.detail(6), keys.userstories.list(1, {})],
    },
  },
});

describe("milestones: what the recordings show beyond one exchange", () => {
  it("sprints have no OCC: an edit carrying a stale version is saved, not a conflict", async () => {
    const rec = recording("milestones/015");
    server.serve(rec);
    signInFor(rec);
    expect(milestones.occ).toBe(false);
    expect(await milestones.patch(12, rec.request.body as never)).toEqual(rec.response.body);
  });

  it("a sprint without finish date is refused on that field", async () => {
    const rec = recording("milestones/010");
    server.serve(rec);
    signInFor(rec);
    const error = await milestones.create(rec.request.body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldError("estimated_finish")).toBe("This field is required.");
  });
});

/**
 * The per-project value lists: one definition each (src/api/projectAttributes.ts), so one table of
 * recordings each, every endpoint derived from its recording by the resource driver.
 */
import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ApiError } from "../http";
import { issueTypes } from "../issueTypes";
import { keys } from "../keys";
import { points } from "../points";
import { priorities } from "../priorities";
import { severities } from "../severities";
import { epicStatuses, issueStatuses, taskStatuses, userStoryStatuses } from "../statuses";
import { listSwimlaneUserStoryStatuses, swimlanes, useSwimlaneUserStoryStatuses } from "../swimlanes";

const server = recordedServer();

/**
 * A change to a value list touches the project's list of it and the project detail (the board reads
 * its columns there) — every cached project detail in fact: by-slug entries carry no project id.
 */
const options = (list: { list: (projectId: number) => readonly unknown[] }) => ({
  project: 1,
  stale: (project: number) => [list.list(project), keys.projects.detail(project), keys.projects.bySlug(`project-${project}`)],
  untouched: (project: number) => [list.list(project + 1)],
});

resourceEndpointTests("user story statuses", server, userStoryStatuses, {
  "GET /userstory-statuses": "statuses/002",
  "GET /userstory-statuses/{id}": "statuses/003",
  "POST /userstory-statuses": "statuses/004",
  "PATCH /userstory-statuses/{id}": "statuses/007",
  "PUT /userstory-statuses/{id}": "statuses/009",
  "DELETE /userstory-statuses/{id}": "statuses/011",
  "POST /userstory-statuses/bulk_update_order": "ordering/082",
}, options(keys.userstoryStatuses));

resourceEndpointTests("task statuses", server, taskStatuses, {
  "GET /task-statuses": "statuses/013",
  "GET /task-statuses/{id}": "statuses/014",
  "POST /task-statuses": "statuses/015",
  "PATCH /task-statuses/{id}": "statuses/017",
  "PUT /task-statuses/{id}": "statuses/019",
  "DELETE /task-statuses/{id}": "statuses/020",
  "POST /task-statuses/bulk_update_order": "further/037",
}, options(keys.taskStatuses));

resourceEndpointTests("issue statuses", server, issueStatuses, {
  "GET /issue-statuses": "statuses/022",
  "GET /issue-statuses/{id}": "statuses/023",
  "POST /issue-statuses": "statuses/024",
  "PATCH /issue-statuses/{id}": "statuses/026",
  "PUT /issue-statuses/{id}": "statuses/028",
  "DELETE /issue-statuses/{id}": "statuses/029",
  "POST /issue-statuses/bulk_update_order": "further/038",
}, options(keys.issueStatuses));

resourceEndpointTests("issue types", server, issueTypes, {
  "GET /issue-types": "statuses/031",
  "GET /issue-types/{id}": "statuses/032",
  "POST /issue-types": "statuses/033",
  "PATCH /issue-types/{id}": "statuses/035",
  "PUT /issue-types/{id}": "statuses/037",
  "DELETE /issue-types/{id}": "statuses/038",
  "POST /issue-types/bulk_update_order": "further/043",
}, options(keys.issueTypes));

resourceEndpointTests("priorities", server, priorities, {
  "GET /priorities": "statuses/040",
  "GET /priorities/{id}": "statuses/041",
  "POST /priorities": "statuses/042",
  "PATCH /priorities/{id}": "statuses/044",
  "PUT /priorities/{id}": "statuses/046",
  "DELETE /priorities/{id}": "statuses/047",
  "POST /priorities/bulk_update_order": "further/041",
}, options(keys.priorities));

resourceEndpointTests("severities", server, severities, {
  "GET /severities": "statuses/049",
  "GET /severities/{id}": "statuses/050",
  "POST /severities": "statuses/051",
  "PATCH /severities/{id}": "statuses/053",
  "PUT /severities/{id}": "statuses/055",
  "DELETE /severities/{id}": "statuses/056",
  "POST /severities/bulk_update_order": "further/042",
}, options(keys.severities));

resourceEndpointTests("points", server, points, {
  "GET /points": "statuses/058",
  "GET /points/{id}": "statuses/059",
  "POST /points": "statuses/060",
  "PATCH /points/{id}": "statuses/062",
  "PUT /points/{id}": "statuses/064",
  "DELETE /points/{id}": "statuses/065",
  "POST /points/bulk_update_order": "further/040",
}, options(keys.points));

resourceEndpointTests("swimlanes", server, swimlanes, {
  "GET /swimlanes": "statuses/067",
  "GET /swimlanes/{id}": "statuses/068",
  "POST /swimlanes": "statuses/069",
  "PATCH /swimlanes/{id}": "statuses/071",
  "PUT /swimlanes/{id}": "statuses/073",
  "DELETE /swimlanes/{id}": "statuses/076",
  "POST /swimlanes/bulk_update_order": "ordering/086",
}, options(keys.swimlanes));

resourceEndpointTests("epic statuses", server, epicStatuses, {
  "GET /epic-statuses": "statuses/079",
  "GET /epic-statuses/{id}": "statuses/080",
  "POST /epic-statuses": "statuses/081",
  "PATCH /epic-statuses/{id}": "statuses/083",
  "PUT /epic-statuses/{id}": "statuses/085",
  "DELETE /epic-statuses/{id}": "statuses/086",
  "POST /epic-statuses/bulk_update_order": "further/039",
}, options(keys.epicStatuses));

const onlySwimlane1 = (rows: unknown) => (rows as { swimlane: number }[]).filter((row) => row.swimlane === 1);

endpointTests("swimlane statuses", server, {
  "GET /swimlane-userstory-statuses": {
    recording: "statuses/087",
    call: () => listSwimlaneUserStoryStatuses(1),
    result: onlySwimlane1,
    read: { useHook: () => useSwimlaneUserStoryStatuses(1), key: keys.swimlanes.statuses(1) },
  },
});

describe("value lists: Taiga's refusals", () => {
  it("deleting a status without moveTo is refused with Taiga's message", async () => {
    const rec = recording("statuses/010");
    server.serve(rec);
    signInFor(rec);
    const error = (await userStoryStatuses.remove(43).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/moveTo/);
  });

  it("a status without a name is refused on that field", async () => {
    const rec = recording("statuses/005");
    server.serve(rec);
    signInFor(rec);
    const error = (await userStoryStatuses.create(rec.request.body as never).catch((e: unknown) => e)) as ApiError;
    expect(error.fieldError("name")).toBeTruthy();
  });
});

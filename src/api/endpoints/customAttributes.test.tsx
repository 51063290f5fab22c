/**
 * Custom attributes of the four kinds and their values: one definition each way, so one table of
 * recordings each (recorded in the empty project 6, see the recordings' README, "Further recordings").
 */
import { describe, expect, it } from "vitest";
import { recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import {
  customAttributes,
  epicCustomAttributes,
  epicCustomAttributesValues,
  issueCustomAttributes,
  issueCustomAttributesValues,
  taskCustomAttributes,
  taskCustomAttributesValues,
  userstoryCustomAttributes,
  userstoryCustomAttributesValues,
} from "../customAttributes";
import { ConflictError } from "../http";
import { keys } from "../keys";

const server = recordedServer();

/** An attribute change touches the project's attributes of that kind and the project detail, not another kind's. */
const attributes = (kind: "epic" | "userstory" | "task" | "issue", other: "epic" | "userstory") => ({
  project: 6,
  stale: (project: number) => [keys.customAttributes[kind].list(project), keys.projects.detail(project)],
  untouched: (project: number) => [keys.customAttributes[kind].list(project + 1), keys.customAttributes[other === kind ? "task" : other].list(project)],
});

/** A values change is written into the item's history. */
const values = (history: "epic" | "userstory" | "task" | "issue", item: number) => ({
  project: 6,
  stale: () => [keys.history.list(history, item, "all")],
  untouched: () => [keys.history.list(history, item + 1000, "all")],
});

resourceEndpointTests("epic custom attributes", server, epicCustomAttributes, {
  "POST /epic-custom-attributes": "further/001",
  "GET /epic-custom-attributes": "further/002",
  "GET /epic-custom-attributes/{id}": "further/003",
  "PATCH /epic-custom-attributes/{id}": "further/004",
  "PUT /epic-custom-attributes/{id}": "further/005",
  "POST /epic-custom-attributes/bulk_update_order": "further/006",
  "DELETE /epic-custom-attributes/{id}": "further/009",
}, attributes("epic", "userstory"));

resourceEndpointTests("user story custom attributes", server, userstoryCustomAttributes, {
  "POST /userstory-custom-attributes": "further/010",
  "GET /userstory-custom-attributes": "further/011",
  "GET /userstory-custom-attributes/{id}": "further/012",
  "PATCH /userstory-custom-attributes/{id}": "further/013",
  "PUT /userstory-custom-attributes/{id}": "further/014",
  "POST /userstory-custom-attributes/bulk_update_order": "further/015",
  "DELETE /userstory-custom-attributes/{id}": "further/018",
}, attributes("userstory", "epic"));

resourceEndpointTests("task custom attributes", server, taskCustomAttributes, {
  "POST /task-custom-attributes": "further/019",
  "GET /task-custom-attributes": "further/020",
  "GET /task-custom-attributes/{id}": "further/021",
  "PATCH /task-custom-attributes/{id}": "further/022",
  "PUT /task-custom-attributes/{id}": "further/023",
  "POST /task-custom-attributes/bulk_update_order": "further/024",
  "DELETE /task-custom-attributes/{id}": "further/027",
}, attributes("task", "epic"));

resourceEndpointTests("issue custom attributes", server, issueCustomAttributes, {
  "POST /issue-custom-attributes": "further/028",
  "GET /issue-custom-attributes": "further/029",
  "GET /issue-custom-attributes/{id}": "further/030",
  "PATCH /issue-custom-attributes/{id}": "further/031",
  "PUT /issue-custom-attributes/{id}": "further/032",
  "POST /issue-custom-attributes/bulk_update_order": "further/033",
  "DELETE /issue-custom-attributes/{id}": "further/036",
}, attributes("issue", "epic"));

/** The item a values recording is about (its id is in the path). */
const itemOf = (id: string) => Number(recording(id).request.path.split("/").pop());

resourceEndpointTests("epic custom attribute values", server, epicCustomAttributesValues, {
  "GET /epics/custom-attributes-values/{id}": "further/007",
  "PATCH /epics/custom-attributes-values/{id}": "further/008",
}, values("epic", itemOf("further/008")));

resourceEndpointTests("user story custom attribute values", server, userstoryCustomAttributesValues, {
  "GET /userstories/custom-attributes-values/{id}": "further/016",
  "PATCH /userstories/custom-attributes-values/{id}": "further/017",
}, values("userstory", itemOf("further/017")));

resourceEndpointTests("task custom attribute values", server, taskCustomAttributesValues, {
  "GET /tasks/custom-attributes-values/{id}": "further/025",
  "PATCH /tasks/custom-attributes-values/{id}": "further/026",
}, values("task", itemOf("further/026")));

resourceEndpointTests("issue custom attribute values", server, issueCustomAttributesValues, {
  "GET /issues/custom-attributes-values/{id}": "further/034",
  "PATCH /issues/custom-attributes-values/{id}": "further/035",
}, values("issue", itemOf("further/035")));

describe("custom attribute values: OCC", () => {
  it("a stale version of an item's values is the same conflict an item's edit raises", async () => {
    const rec = recording("further/017");
    const story = itemOf("further/017");
    // The values share the items' OCC mixin: Taiga's answer to a stale version is the one recorded for a story.
    const stale = recording("userstories/030").response;
    server.serve({ ...rec, response: stale });
    signInFor(rec);
    const error = await customAttributes.userstory.values.patch(story, { attributes_values: { "28": "mine" } }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual({ attributes_values: { "28": "mine" }, version: 1 });
  });
});

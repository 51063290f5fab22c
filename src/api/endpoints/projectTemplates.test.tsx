import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { ApiError } from "../http";
import { keys } from "../keys";
import { projectTemplates } from "../projectTemplates";

const server = recordedServer();

const putBody = () => recording("project-templates/008").request.body as Parameters<typeof projectTemplates.put>[1];
const body = { name: "Recorded API Template", description: "created via POST", default_owner_role: "product-owner" };

endpointTests("project templates", server, {
  "GET /project-templates": {
    recording: "project-templates/001",
    call: () => projectTemplates.listAll(),
    read: { useHook: () => projectTemplates.useListAll(), key: keys.projectTemplates.listAll() },
  },
  "POST /project-templates": {
    recording: "project-templates/003",
    call: () => projectTemplates.create(body),
    mutation: { useHook: () => projectTemplates.useCreate(), variables: body, invalidates: [keys.projectTemplates.listAll()], untouched: [keys.projects.lists()] },
  },
  "GET /project-templates/{id}": {
    recording: "project-templates/002",
    call: () => projectTemplates.get(1),
    read: { useHook: () => projectTemplates.useDetail(1), key: keys.projectTemplates.detail(1) },
  },
  "PUT /project-templates/{id}": {
    recording: "project-templates/008",
    call: () => projectTemplates.put(3, putBody()),
    mutation: { useHook: () => projectTemplates.usePut(), variables: { id: 3, changes: putBody() }, stores: [keys.projectTemplates.detail(3)], invalidates: [keys.projectTemplates.listAll()] },
  },
  "PATCH /project-templates/{id}": {
    recording: "project-templates/007",
    call: () => projectTemplates.patch(3, { description: "patched" }),
    mutation: { useHook: () => projectTemplates.usePatch(), variables: { id: 3, changes: { description: "patched" } }, stores: [keys.projectTemplates.detail(3)], invalidates: [keys.projectTemplates.listAll()] },
  },
  "DELETE /project-templates/{id}": {
    recording: "project-templates/009",
    call: () => projectTemplates.remove(3),
    mutation: { useHook: () => projectTemplates.useRemove(), variables: { id: 3 }, removes: [keys.projectTemplates.detail(3)], invalidates: [keys.projectTemplates.listAll()] },
  },
});

describe("project templates: Taiga's validation", () => {
  it("a template without default_owner_role is refused on that field", async () => {
    const rec = recording("project-templates/004");
    server.serve(rec);
    signInFor(rec);
    const error = (await projectTemplates.create({ name: "Recorded API Template 2", description: "x" } as never).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.fieldError("default_owner_role")).toBe("This field is required.");
  });
});

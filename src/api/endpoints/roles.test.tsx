import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { keys } from "../keys";
import { roles } from "../roles";

const server = recordedServer();

/** A role change touches the project's roles and the project detail (which embeds them). */
const stale = [keys.roles.list(1, {}), keys.projects.detail(1), keys.projects.bySlug("project-1")];
const putBody = () => recording("roles/009").request.body as Parameters<typeof roles.put>[1];

endpointTests("roles", server, {
  "GET /roles": {
    recording: "roles/002",
    call: () => roles.list(1),
    read: { useHook: () => roles.useList(1), key: keys.roles.list(1, {}) },
  },
  "POST /roles": {
    recording: "roles/004",
    call: () => roles.create({ project: 1, name: "Recorded role" }),
    mutation: { useHook: () => roles.useCreate(), variables: { project: 1, name: "Recorded role" }, invalidates: stale, untouched: [keys.roles.list(2, {})] },
  },
  "GET /roles/{id}": {
    recording: "roles/003",
    call: () => roles.get(1),
    read: { useHook: () => roles.useDetail(1), key: keys.roles.detail(1) },
  },
  "PUT /roles/{id}": {
    recording: "roles/009",
    call: () => roles.put(43, putBody()),
    mutation: { useHook: () => roles.usePut(), variables: { id: 43, changes: putBody() }, stores: [keys.roles.detail(43)], invalidates: stale },
  },
  "PATCH /roles/{id}": {
    recording: "roles/007",
    call: () => roles.patch(43, { permissions: ["view_project", "view_us", "modify_us"] }),
    mutation: {
      useHook: () => roles.usePatch(),
      variables: { id: 43, changes: { permissions: ["view_project", "view_us", "modify_us"] } },
      stores: [keys.roles.detail(43)],
      invalidates: stale,
      untouched: [keys.roles.list(2, {})],
    },
  },
  "DELETE /roles/{id}": {
    recording: "roles/010",
    call: () => roles.remove(43),
    mutation: { useHook: () => roles.useRemove(), variables: { id: 43, project: 1 }, removes: [keys.roles.detail(43)], invalidates: stale },
  },
});

describe("roles: deleting with the members moved to another role", () => {
  it("sends ?moveTo=", async () => {
    const rec = recording("roles/011");
    const sent = server.serve(rec);
    signInFor(rec);
    await roles.remove(44, 4);
    expect(sent[0]!.query).toEqual([["moveTo", "4"]]);
  });
});

import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { ApiError } from "../http";
import { keys } from "../keys";
import { getInvitation, memberships, resendInvitation, useInvitation, useResendInvitation } from "../memberships";

const server = recordedServer();

/** What a membership change in project 1 leaves stale, and what it leaves alone. */
const stale = [keys.memberships.list(1, {}), keys.projects.detail(1), keys.projects.bySlug("project-1"), keys.users.project(1), keys.roles.list(1, {})];
const otherProject = [keys.memberships.list(2, {}), keys.users.project(2)];
const bulk = () => recording("memberships/015").request.body as Parameters<typeof memberships.bulkCreate>[0];

endpointTests("memberships and invitations", server, {
  "GET /memberships": {
    recording: "memberships/002",
    call: () => memberships.list(1),
    read: { useHook: () => memberships.useList(1), key: keys.memberships.list(1, {}) },
  },
  "POST /memberships": {
    recording: "memberships/007",
    call: () => memberships.create({ project: 1, role: 4, username: "user1" }),
    mutation: { useHook: () => memberships.useCreate(), variables: { project: 1, role: 4, username: "user1" }, invalidates: stale, untouched: otherProject },
  },
  "POST /memberships/bulk_create": {
    recording: "memberships/015",
    call: () => memberships.bulkCreate(bulk()),
    mutation: { useHook: () => memberships.useBulkCreate(), variables: bulk(), invalidates: stale, untouched: otherProject },
  },
  "GET /memberships/{id}": {
    recording: "memberships/004",
    call: () => memberships.get(2),
    read: { useHook: () => memberships.useDetail(2), key: keys.memberships.detail(2) },
  },
  "PUT /memberships/{id}": {
    recording: "memberships/011",
    call: () => memberships.put(92, { project: 1, role: 1, username: "user1", is_admin: false }),
    mutation: {
      useHook: () => memberships.usePut(),
      variables: { id: 92, changes: { project: 1, role: 1, username: "user1", is_admin: false } },
      stores: [keys.memberships.detail(92)],
      invalidates: stale,
      untouched: otherProject,
    },
  },
  "PATCH /memberships/{id}": {
    recording: "memberships/009",
    call: () => memberships.patch(92, { role: 5 }),
    mutation: { useHook: () => memberships.usePatch(), variables: { id: 92, changes: { role: 5 } }, stores: [keys.memberships.detail(92)], invalidates: stale, untouched: otherProject },
  },
  "DELETE /memberships/{id}": {
    recording: "memberships/012",
    call: () => memberships.remove(92),
    mutation: { useHook: () => memberships.useRemove(), variables: { id: 92, project: 1 }, removes: [keys.memberships.detail(92)], invalidates: stale, untouched: otherProject },
  },
  "POST /memberships/{id}/resend_invitation": {
    recording: "memberships/014",
    call: () => resendInvitation(93),
    mutation: { useHook: () => useResendInvitation(), variables: 93, invalidates: [], untouched: stale },
  },
  "GET /invitations/{uuid}": {
    recording: "memberships/017",
    call: () => getInvitation("00000000-0000-0000-0000-000000000000"),
    read: { useHook: () => useInvitation("00000000-0000-0000-0000-000000000000"), key: keys.memberships.invitation("00000000-0000-0000-0000-000000000000") },
  },
});

describe("memberships: Taiga's refusals", () => {
  it("a membership without a role is refused on that field", async () => {
    const rec = recording("memberships/005");
    server.serve(rec);
    signInFor(rec);
    const error = (await memberships.create(rec.request.body as never).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.fieldError("role")).toBeTruthy();
  });

  it("a stale version is ignored on memberships (no OCC): the edit is sent as given", async () => {
    const rec = recording("memberships/010");
    const sent = server.serve(rec);
    signInFor(rec);
    await memberships.patch(92, rec.request.body as never);
    expect(sent[0]!.body).toEqual(rec.request.body);
  });
});

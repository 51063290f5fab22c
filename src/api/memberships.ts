/**
 * Project memberships (`/memberships`): who is in a project, with which role, and the invitations
 * (a membership whose `user` is null until the invited e-mail signs up). One resource definition
 * (list, detail, create, PUT/PATCH without OCC, delete, bulk create); resending an invitation and
 * reading one by its token (`/invitations/<token>`, anonymous) are written by hand.
 */
import { queryOptions, useMutation, useQuery, type QueryKey } from "@tanstack/react-query";
import { http } from "./http";
import { keys } from "./keys";
import { defineResource, type ObjectRef } from "./resource";
import type { Id, Membership } from "./types";

// ---------------------------------------------------------------- bodies

/** Body of `POST /memberships`: `username` is a username or an e-mail (an unknown e-mail becomes an invitation). */
export interface CreateMembershipBody {
  project: Id;
  role: Id;
  username: string;
  is_admin?: boolean;
  invitation_extra_text?: string;
}

/** `POST /memberships/bulk_create`: several invitations at once (answers 200 with the memberships). */
export interface BulkCreateMembershipsBody {
  project_id: Id;
  bulk_memberships: { role_id: Id; username: string }[];
  invitation_extra_text?: string;
}

// ---------------------------------------------------------------- the resource

/**
 * What a membership change makes stale besides the membership: the project's memberships, the
 * project (its `members` and roles), the project's users (assignee pickers) and roles (`members_count`).
 */
export function membershipInvalidates(membership: ObjectRef): QueryKey[] {
  return [
    keys.memberships.projectLists(membership.project),
    keys.projects.detail(membership.project),
    keys.projects.details(),
    keys.users.project(membership.project),
    keys.roles.projectLists(membership.project),
  ];
}

export const memberships = defineResource<{
  item: Membership;
  detail: Membership;
  create: CreateMembershipBody;
  changes: Partial<CreateMembershipBody>;
  filters: Record<string, never>;
  bulkCreate: BulkCreateMembershipsBody;
}>()({
  path: "/memberships",
  keys: keys.memberships,
  occ: false,
  actions: ["list", "get", "create", "put", "patch", "remove", "bulkCreate"],
  invalidates: membershipInvalidates,
});

export const { list: listMemberships, listOptions: membershipsQueryOptions, useList: useMemberships } = memberships;

// ---------------------------------------------------------------- invitations

/** `POST /memberships/<id>/resend_invitation` (204): Taiga e-mails the invitation again. */
export function resendInvitation(membershipId: Id): Promise<null> {
  return http.post<null>(`/memberships/${membershipId}/resend_invitation`);
}

/** Resend an invitation. Nothing cached changes. */
export function useResendInvitation() {
  return useMutation({ mutationFn: resendInvitation });
}

/** `GET /invitations/<token>`: the pending membership an invitation e-mail links to (anonymous; 404 once used). */
export function getInvitation(token: string, signal?: AbortSignal): Promise<Membership> {
  return http.get<Membership>(`/invitations/${encodeURIComponent(token)}`, { signal, auth: false });
}

export const invitationQueryOptions = (token: string) =>
  queryOptions({ queryKey: keys.memberships.invitation(token), queryFn: ({ signal }) => getInvitation(token, signal), retry: false });

export function useInvitation(token: string | undefined) {
  return useQuery({ ...invitationQueryOptions(token ?? ""), enabled: !!token });
}

// ---------------------------------------------------------------- helpers

/** The membership of one user in the list, if any. */
export function membershipOf(list: readonly Membership[], userId: Id): Membership | undefined {
  return list.find((m) => m.user === userId);
}

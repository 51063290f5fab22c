/**
 * Project memberships (`/memberships`): who is in a project and with which role.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getAllPages } from "./http";
import { keys } from "./keys";
import type { Id, Membership } from "./types";

/** `GET /memberships?project=<id>`, every page. */
export function listMemberships(projectId: Id): Promise<Membership[]> {
  return getAllPages<Membership>("/memberships", { query: { project: projectId } });
}

export const membershipsQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.memberships.list(projectId), queryFn: () => listMemberships(projectId) });

export const useMemberships = (projectId: Id) => useQuery(membershipsQueryOptions(projectId));

/** The membership of one user in the list, if any. */
export function membershipOf(memberships: readonly Membership[], userId: Id): Membership | undefined {
  return memberships.find((m) => m.user === userId);
}

/**
 * Users of a project (`GET /users?project=<id>`): its active members in the public shape,
 * used to pick assignees.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getAllPages } from "./http";
import { keys } from "./keys";
import type { Id, User } from "./types";

export function listProjectUsers(projectId: Id, signal?: AbortSignal): Promise<User[]> {
  return getAllPages<User>("/users", { query: { project: projectId }, signal });
}

export const projectUsersQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.users.project(projectId), queryFn: ({ signal }) => listProjectUsers(projectId, signal), staleTime: 60_000 });

export function useProjectUsers(projectId: Id | undefined) {
  return useQuery({ ...projectUsersQueryOptions(projectId ?? 0), enabled: projectId !== undefined });
}

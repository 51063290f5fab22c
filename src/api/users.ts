/**
 * Users (`/users`): a project's members in the public shape (to pick assignees), one user by id or
 * by username. The signed-in user (`/users/me`) lives in auth.ts.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { keys } from "./keys";
import type { Id, User } from "./types";

// ---------------------------------------------------------------- endpoints

/** `GET /users?project=<id>`: the project's active members, the whole list. */
export function listProjectUsers(projectId: Id, signal?: AbortSignal): Promise<User[]> {
  return getAllPages<User>("/users", { query: { project: projectId }, disablePagination: true, signal });
}

/** `GET /users/<id>`. */
export function getUser(id: Id, signal?: AbortSignal): Promise<User> {
  return http.get<User>(`/users/${id}`, { signal });
}

/** `GET /users/by_username?username=`. */
export function getUserByUsername(username: string, signal?: AbortSignal): Promise<User> {
  return http.get<User>("/users/by_username", { query: { username }, signal });
}

// ---------------------------------------------------------------- query options and hooks

export const projectUsersQueryOptions = (projectId: Id) =>
  queryOptions({ queryKey: keys.users.project(projectId), queryFn: ({ signal }) => listProjectUsers(projectId, signal), staleTime: 60_000 });

export const userQueryOptions = (id: Id) => queryOptions({ queryKey: keys.users.detail(id), queryFn: ({ signal }) => getUser(id, signal), staleTime: 60_000 });

export const userByUsernameQueryOptions = (username: string) =>
  queryOptions({ queryKey: keys.users.byUsername(username), queryFn: ({ signal }) => getUserByUsername(username, signal), staleTime: 60_000 });

export function useProjectUsers(projectId: Id | undefined) {
  return useQuery({ ...projectUsersQueryOptions(projectId ?? 0), enabled: projectId !== undefined });
}

export function useUser(id: Id | undefined) {
  return useQuery({ ...userQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useUserByUsername(username: string | undefined) {
  return useQuery({ ...userByUsernameQueryOptions(username ?? ""), enabled: !!username });
}

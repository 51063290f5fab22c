/**
 * Users (`/users`): a project's members in the public shape (to pick assignees), one user by id or
 * by username, what a user follows and their figures, and the signed-in user's account (profile,
 * password, avatar, e-mail, password recovery). The signed-in user (`/users/me`) is read in auth.ts.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getAllPages, http } from "./http";
import { invalidateAll, keys, type ListFilters } from "./keys";
import type { Id, User, UserFavourite, UserMe, UserStats } from "./types";

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

/** `GET /users/<id>/stats`. */
export function getUserStats(id: Id, signal?: AbortSignal): Promise<UserStats> {
  return http.get<UserStats>(`/users/${id}/stats`, { signal });
}

/** `GET /users/<id>/contacts`: the people the user shares projects with, the whole list. */
export function listUserContacts(id: Id, signal?: AbortSignal): Promise<User[]> {
  return getAllPages<User>(`/users/${id}/contacts`, { disablePagination: true, signal });
}

export type FavouriteKind = "watched" | "liked" | "voted";

/** `GET /users/<id>/watched|liked|voted[?type=&q=]`: the projects and items the user follows, likes or voted for. */
export function listUserFavourites(id: Id, kind: FavouriteKind, filters: ListFilters = {}, signal?: AbortSignal): Promise<UserFavourite[]> {
  return getAllPages<UserFavourite>(`/users/${id}/${kind}`, { query: filters, disablePagination: true, signal });
}

/** What the signed-in user may change of their profile. */
export type UserChanges = Partial<Pick<UserMe, "username" | "full_name" | "email" | "bio" | "lang" | "theme" | "timezone" | "read_new_terms">>;

/** `PATCH /users/<id>` (the signed-in user, or anyone for a superuser). */
export function patchUser(id: Id, changes: UserChanges): Promise<UserMe> {
  return http.patch<UserMe>(`/users/${id}`, changes);
}

/** `POST /users/change_password` `{current_password, password}` (204; a wrong current password is a 400). */
export function changePassword(currentPassword: string, password: string): Promise<null> {
  return http.post<null>("/users/change_password", { current_password: currentPassword, password });
}

/** `POST /users/change_avatar` as multipart (`avatar`): answers the user. */
export function changeAvatar(avatar: File): Promise<UserMe> {
  const form = new FormData();
  form.append("avatar", avatar, avatar.name);
  return http.post<UserMe>("/users/change_avatar", form);
}

/** `POST /users/remove_avatar`: answers the user. */
export function removeAvatar(): Promise<UserMe> {
  return http.post<UserMe>("/users/remove_avatar");
}

/** `POST /users/change_email` `{email_token}`: confirms a new e-mail address with the token Taiga mailed (204). */
export function changeEmail(emailToken: string): Promise<null> {
  return http.post<null>("/users/change_email", { email_token: emailToken });
}

/** `POST /users/password_recovery` `{username}` (a username or an e-mail; anonymous): Taiga mails a token. */
export function passwordRecovery(usernameOrEmail: string): Promise<{ detail: string }> {
  return http.post<{ detail: string }>("/users/password_recovery", { username: usernameOrEmail }, { auth: false });
}

/** `POST /users/change_password_from_recovery` `{token, password}` (anonymous; 204). */
export function changePasswordFromRecovery(token: string, password: string): Promise<null> {
  return http.post<null>("/users/change_password_from_recovery", { token, password }, { auth: false });
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

export const userStatsQueryOptions = (id: Id) => queryOptions({ queryKey: keys.users.stats(id), queryFn: ({ signal }) => getUserStats(id, signal) });

export const userContactsQueryOptions = (id: Id) =>
  queryOptions({ queryKey: keys.users.contacts(id), queryFn: ({ signal }) => listUserContacts(id, signal) });

export const userFavouritesQueryOptions = (id: Id, kind: FavouriteKind, filters: ListFilters = {}) =>
  queryOptions({ queryKey: keys.users.favourites(id, kind, filters), queryFn: ({ signal }) => listUserFavourites(id, kind, filters, signal) });

export function useUserStats(id: Id | undefined) {
  return useQuery({ ...userStatsQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useUserContacts(id: Id | undefined) {
  return useQuery({ ...userContactsQueryOptions(id ?? 0), enabled: id !== undefined });
}

export function useUserFavourites(id: Id | undefined, kind: FavouriteKind, filters: ListFilters = {}) {
  return useQuery({ ...userFavouritesQueryOptions(id ?? 0, kind, filters), enabled: id !== undefined });
}

// ---------------------------------------------------------------- the signed-in user's account

/** A changed user: the signed-in user's entry takes the answer; the user's public entries go stale. */
function storeUser(client: ReturnType<typeof useQueryClient>, user: UserMe): Promise<void> {
  client.setQueryData<UserMe>(keys.auth.me(), (old) => (old && old.id === user.id ? user : old));
  return invalidateAll(client, [keys.users.detail(user.id), keys.users.byUsername(user.username), ["users", "project"]]);
}

/** Edit a profile. Stores the answer as the signed-in user (when it is them); invalidates their public entries and the project user lists. */
export function usePatchUser() {
  const client = useQueryClient();
  return useMutation({ mutationFn: ({ id, changes }: { id: Id; changes: UserChanges }) => patchUser(id, changes), onSuccess: (user) => storeUser(client, user) });
}

/** Change the password. Nothing cached changes. */
export function useChangePassword() {
  return useMutation({ mutationFn: ({ currentPassword, password }: { currentPassword: string; password: string }) => changePassword(currentPassword, password) });
}

/** Upload an avatar. Stores the answer; invalidates the user's public entries and the project user lists. */
export function useChangeAvatar() {
  const client = useQueryClient();
  return useMutation({ mutationFn: changeAvatar, onSuccess: (user) => storeUser(client, user) });
}

/** Remove the avatar. Stores the answer; invalidates like a change. */
export function useRemoveAvatar() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => removeAvatar(), onSuccess: (user) => storeUser(client, user) });
}

/** Confirm a new e-mail address. Invalidates the signed-in user. */
export function useChangeEmail() {
  const client = useQueryClient();
  return useMutation({ mutationFn: changeEmail, onSuccess: () => invalidateAll(client, [keys.auth.me()]) });
}

/** Ask for a password-recovery e-mail. Nothing cached changes. */
export function usePasswordRecovery() {
  return useMutation({ mutationFn: passwordRecovery });
}

/** Set a new password with the mailed token. Nothing cached changes. */
export function useChangePasswordFromRecovery() {
  return useMutation({ mutationFn: ({ token, password }: { token: string; password: string }) => changePasswordFromRecovery(token, password) });
}

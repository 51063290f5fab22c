import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, signInFor } from "../../test/recorded";
import { getMe, useMe } from "../auth";
import { ApiError } from "../http";
import { keys } from "../keys";
import type { UserMe } from "../types";
import {
  changeAvatar,
  changeEmail,
  changePassword,
  changePasswordFromRecovery,
  getUser,
  getUserByUsername,
  getUserStats,
  listProjectUsers,
  listUserContacts,
  listUserFavourites,
  passwordRecovery,
  patchUser,
  removeAvatar,
  useChangeAvatar,
  useChangeEmail,
  useChangePassword,
  useChangePasswordFromRecovery,
  usePasswordRecovery,
  usePatchUser,
  useProjectUsers,
  useRemoveAvatar,
  useUser,
  useUserByUsername,
  useUserContacts,
  useUserFavourites,
  useUserStats,
} from "../users";

const server = recordedServer();

/** A profile change: the user's public entries and every project's user list go stale, another user's do not. */
const userStale = (id: number, username: string) => [keys.users.detail(id), keys.users.byUsername(username), keys.users.project(1)];
const otherUser = [keys.users.detail(7)];
const PNG = () => new File([new Uint8Array(70)], "avatar.png", { type: "image/png" });

endpointTests("users", server, {
  "GET /users": {
    recording: "memberships/019",
    call: () => listProjectUsers(1),
    read: { useHook: () => useProjectUsers(1), key: keys.users.project(1) },
  },
  "GET /users/{id}": {
    recording: "misc/001",
    call: () => getUser(7),
    read: { useHook: () => useUser(7), key: keys.users.detail(7) },
  },
  "GET /users/by_username": {
    recording: "misc/002",
    call: () => getUserByUsername("user1"),
    read: { useHook: () => useUserByUsername("user1"), key: keys.users.byUsername("user1") },
  },
  "GET /users/me": {
    recording: "auth/012",
    call: () => getMe(),
    read: { useHook: () => useMe(), key: keys.auth.me() },
  },
  "GET /users/{id}/stats": {
    recording: "further/044",
    call: () => getUserStats(5),
    read: { useHook: () => useUserStats(5), key: keys.users.stats(5) },
  },
  "GET /users/{id}/contacts": {
    recording: "further/045",
    call: () => listUserContacts(5),
    read: { useHook: () => useUserContacts(5), key: keys.users.contacts(5) },
  },
  "GET /users/{id}/watched": {
    recording: "further/046",
    call: () => listUserFavourites(5, "watched"),
    read: { useHook: () => useUserFavourites(5, "watched"), key: keys.users.favourites(5, "watched") },
  },
  "GET /users/{id}/liked": {
    recording: "further/047",
    call: () => listUserFavourites(5, "liked"),
    read: { useHook: () => useUserFavourites(5, "liked"), key: keys.users.favourites(5, "liked") },
  },
  "GET /users/{id}/voted": {
    recording: "further/048",
    call: () => listUserFavourites(5, "voted"),
    read: { useHook: () => useUserFavourites(5, "voted"), key: keys.users.favourites(5, "voted") },
  },
  "PATCH /users/{id}": {
    recording: "further/049",
    call: () => patchUser(5, { bio: "Recorded bio" }),
    mutation: {
      useHook: () => usePatchUser(),
      variables: { id: 5, changes: { bio: "Recorded bio" } },
      invalidates: userStale(5, "admin"),
      untouched: otherUser,
    },
  },
  "POST /users/change_password": {
    recording: "further/050",
    call: () => changePassword("123123", "123123"),
    mutation: { useHook: () => useChangePassword(), variables: { currentPassword: "123123", password: "123123" }, invalidates: [], untouched: [keys.auth.me()] },
  },
  "POST /users/change_avatar": {
    recording: "further/052",
    call: () => changeAvatar(PNG()),
    mutation: { useHook: () => useChangeAvatar(), variables: PNG(), invalidates: userStale(15, "user9"), untouched: otherUser },
  },
  "POST /users/remove_avatar": {
    recording: "further/053",
    call: () => removeAvatar(),
    mutation: { useHook: () => useRemoveAvatar(), variables: undefined, invalidates: userStale(15, "user9"), untouched: otherUser },
  },
  "POST /users/change_email": {
    recording: "further/054",
    call: () => changeEmail("invalid"),
    mutation: { useHook: () => useChangeEmail(), variables: "invalid", invalidates: [keys.auth.me()] },
  },
  "POST /users/password_recovery": {
    recording: "further/055",
    call: () => passwordRecovery("user9"),
    mutation: { useHook: () => usePasswordRecovery(), variables: "user9", invalidates: [], untouched: [keys.auth.me()] },
  },
  "POST /users/change_password_from_recovery": {
    recording: "further/056",
    call: () => changePasswordFromRecovery("invalid", "123123"),
    mutation: { useHook: () => useChangePasswordFromRecovery(), variables: { token: "invalid", password: "123123" }, invalidates: [], untouched: [keys.auth.me()] },
  },
});

describe("the signed-in user's account", () => {
  it("an edited profile becomes the signed-in user at once", async () => {
    const rec = recording("further/049");
    server.serve(rec);
    signInFor(rec);
    const client = newTestClient();
    client.setQueryData(keys.auth.me(), { ...(rec.response.body as UserMe), bio: "" });
    const { result } = renderHook(() => usePatchUser(), { wrapper: clientWrapper(client) });
    await act(() => result.current.mutateAsync({ id: 5, changes: { bio: "Recorded bio" } }));
    expect(client.getQueryData<UserMe>(keys.auth.me())?.bio).toBe("Recorded bio");
  });

  it("a wrong current password is refused with Taiga's message", async () => {
    const rec = recording("further/051");
    server.serve(rec);
    signInFor(rec);
    const error = (await changePassword("wrong-password", "123123").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.message).toBe("Invalid current password");
  });
});

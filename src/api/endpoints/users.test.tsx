import { endpointTests, recordedServer } from "../../test/recorded";
import { getMe, useMe } from "../auth";
import { keys } from "../keys";
import { getUser, getUserByUsername, listProjectUsers, useProjectUsers, useUser, useUserByUsername } from "../users";

const server = recordedServer();

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
});

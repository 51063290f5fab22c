import { expect } from "vitest";
import { endpointTests, recordedServer } from "../../test/recorded";
import { login, refreshTokens, register, useLogin, useRefreshTokens, useRegister } from "../auth";
import { keys } from "../keys";
import { getSession } from "../session";

const server = recordedServer();

/** Anything cached before a sign-in belongs to whoever was signed in before. */
const previousUser = [keys.projects.list({ member: 5 }), keys.userstories.list(1, {})];

endpointTests("auth", server, {
  "POST /auth": {
    recording: "auth/001",
    call: () => login("admin", "123123"),
    mutation: {
      useHook: () => useLogin(),
      variables: { username: "admin", password: "123123" },
      invalidates: [],
      removes: previousUser,
      check: (client, rec) => {
        const { auth_token, refresh, ...user } = rec.response.body as { auth_token: string; refresh: string };
        expect(getSession()).toEqual({ token: auth_token, refresh });
        expect(client.getQueryData(keys.auth.me())).toEqual(user);
      },
    },
  },
  "POST /auth/refresh": {
    recording: "auth/008",
    call: () => refreshTokens("<token>"),
    mutation: {
      useHook: () => useRefreshTokens(),
      variables: "<token>",
      invalidates: [],
      untouched: previousUser,
      check: () => expect(getSession()).toEqual({ token: "<token>", refresh: "<token>" }),
    },
  },
  "POST /auth/register": {
    recording: "auth/020",
    call: () => register({ username: "recorder1", full_name: "Recorder One", email: "recorder1@example.com", password: "123123" }),
    mutation: {
      useHook: () => useRegister(),
      variables: { username: "recorder1", full_name: "Recorder One", email: "recorder1@example.com", password: "123123" },
      invalidates: [],
      removes: previousUser,
      check: (client, rec) => {
        const { auth_token, refresh, ...user } = rec.response.body as { auth_token: string; refresh: string };
        expect(getSession()).toEqual({ token: auth_token, refresh });
        expect(client.getQueryData(keys.auth.me())).toEqual(user);
      },
    },
  },
});

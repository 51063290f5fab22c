import { endpointTests, recordedServer } from "../../test/recorded";
import {
  applicationTokens,
  authorizeApplication,
  getApplication,
  getApplicationToken,
  useApplication,
  useApplicationToken,
  useAuthorizeApplication,
  useValidateApplicationToken,
  validateApplicationToken,
} from "../applications";
import { keys } from "../keys";

const server = recordedServer();

/** No application exists on the recorded instance: the recordings show Taiga's 404s, which the client surfaces as ApiError. */
const UUID = "00000000-0000-0000-0000-000000000000";

endpointTests("applications and application tokens", server, {
  "GET /applications/{uuid}": {
    recording: "applications/001",
    call: () => getApplication(UUID),
    read: { useHook: () => useApplication(UUID), key: keys.applications.detail(UUID) },
  },
  "GET /applications/{uuid}/token": {
    recording: "applications/002",
    call: () => getApplicationToken(UUID),
    read: { useHook: () => useApplicationToken(UUID), key: keys.applications.token(UUID) },
  },
  "GET /application-tokens": {
    recording: "applications/003",
    call: () => applicationTokens.listAll(),
    read: { useHook: () => applicationTokens.useListAll(), key: keys.applicationTokens.listAll() },
  },
  "GET /application-tokens/{id}": {
    recording: "applications/004",
    call: () => applicationTokens.get(1),
    read: { useHook: () => applicationTokens.useDetail(1), key: keys.applicationTokens.detail(1) },
  },
  "DELETE /application-tokens/{id}": {
    recording: "applications/005",
    call: () => applicationTokens.remove(1),
    mutation: { useHook: () => applicationTokens.useRemove(), variables: { id: 1 }, invalidates: [keys.applicationTokens.listAll()], removes: [] },
  },
  "POST /application-tokens/authorize": {
    recording: "applications/006",
    call: () => authorizeApplication({ application: UUID, state: "random-state" }),
    mutation: { useHook: () => useAuthorizeApplication(), variables: { application: UUID, state: "random-state" }, invalidates: [keys.applicationTokens.listAll(), keys.applications.token(UUID)] },
  },
  "POST /application-tokens/validate": {
    recording: "applications/007",
    call: () => validateApplicationToken({ application: UUID, auth_code: UUID, state: "random-state" }),
    mutation: { useHook: () => useValidateApplicationToken(), variables: { application: UUID, auth_code: UUID, state: "random-state" }, invalidates: [keys.applicationTokens.listAll()] },
  },
});

/**
 * External applications and the user's tokens for them (`/applications`, `/application-tokens`):
 * an application asks the user to authorise it (`authorize` gives it a code), then exchanges the
 * code for a token (`validate`). The user lists and revokes tokens. Tokens are a resource outside
 * any project (resource definition); the application reads and the two steps are written by hand.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys } from "./keys";
import { defineResource } from "./resource";
import type { Application, ApplicationAccessToken, ApplicationAuthorization, ApplicationToken, Id } from "./types";

// ---------------------------------------------------------------- applications

/** `GET /applications/<uuid>`. */
export function getApplication(uuid: string, signal?: AbortSignal): Promise<Application> {
  return http.get<Application>(`/applications/${encodeURIComponent(uuid)}`, { signal });
}

/** `GET /applications/<uuid>/token`: the signed-in user's token for that application (created empty if none). */
export function getApplicationToken(uuid: string, signal?: AbortSignal): Promise<ApplicationToken> {
  return http.get<ApplicationToken>(`/applications/${encodeURIComponent(uuid)}/token`, { signal });
}

export const applicationQueryOptions = (uuid: string) =>
  queryOptions({ queryKey: keys.applications.detail(uuid), queryFn: ({ signal }) => getApplication(uuid, signal) });

export const applicationTokenQueryOptions = (uuid: string) =>
  queryOptions({ queryKey: keys.applications.token(uuid), queryFn: ({ signal }) => getApplicationToken(uuid, signal) });

export function useApplication(uuid: string | undefined) {
  return useQuery({ ...applicationQueryOptions(uuid ?? ""), enabled: !!uuid });
}

export function useApplicationToken(uuid: string | undefined) {
  return useQuery({ ...applicationTokenQueryOptions(uuid ?? ""), enabled: !!uuid });
}

// ---------------------------------------------------------------- the user's tokens

export const applicationTokens = defineResource<{
  item: ApplicationToken;
  detail: ApplicationToken;
  create: never;
  changes: never;
  filters: Record<string, never>;
  target: { id: Id };
}>()({
  path: "/application-tokens",
  keys: keys.applicationTokens,
  occ: false,
  actions: ["listAll", "get", "remove"],
  /** Revoking a token changes the user's list of tokens. */
  invalidates: () => [keys.applicationTokens.lists(), keys.applications.all],
});

/** `POST /application-tokens/authorize` `{application, state}`: the user authorises the application. */
export function authorizeApplication(body: { application: string; state: string }): Promise<ApplicationAuthorization> {
  return http.post<ApplicationAuthorization>("/application-tokens/authorize", body);
}

/** `POST /application-tokens/validate` `{application, auth_code, state}`: the code becomes the application's token. */
export function validateApplicationToken(body: { application: string; auth_code: string; state: string }): Promise<ApplicationAccessToken> {
  return http.post<ApplicationAccessToken>("/application-tokens/validate", body);
}

/** Authorise an application. Invalidates the user's tokens and that application's token. */
export function useAuthorizeApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: authorizeApplication,
    onSuccess: (_answer, body) => invalidateAll(client, [keys.applicationTokens.lists(), keys.applications.token(body.application)]),
  });
}

/** Exchange an authorisation code for the application's token. Invalidates the user's tokens. */
export function useValidateApplicationToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: validateApplicationToken,
    onSuccess: () => invalidateAll(client, [keys.applicationTokens.lists()]),
  });
}

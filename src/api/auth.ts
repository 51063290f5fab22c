/**
 * Authentication: sign in, refresh, public registration, the signed-in user.
 */
import { useSyncExternalStore } from "react";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { http } from "./http";
import { keys } from "./keys";
import { clearSession, getSession, setSession, subscribe, type Session } from "./session";
import type { AuthResponse, AuthTokens, RegisterBody, UserMe } from "./types";

// ---------------------------------------------------------------- endpoints

/** `POST /auth` (username or e-mail). Sent without the Authorization header. */
export function login(username: string, password: string): Promise<AuthResponse> {
  return http.post<AuthResponse>("/auth", { type: "normal", username, password }, { auth: false });
}

/** `POST /auth/refresh` with `{"refresh"}`; both tokens rotate. */
export function refreshTokens(refresh: string): Promise<AuthTokens> {
  return http.post<AuthTokens>("/auth/refresh", { refresh }, { auth: false });
}

/** `POST /auth/register` (public registration). */
export function register(body: Omit<RegisterBody, "type" | "accepted_terms"> & { accepted_terms?: boolean }): Promise<AuthResponse> {
  return http.post<AuthResponse>("/auth/register", { type: "public", accepted_terms: true, ...body }, { auth: false });
}

/** `GET /users/me`. */
export function getMe(): Promise<UserMe> {
  return http.get<UserMe>("/users/me");
}

// ---------------------------------------------------------------- session helpers

function sessionFrom(answer: AuthResponse): Session {
  return { token: answer.auth_token, refresh: answer.refresh };
}

function userFrom(answer: AuthResponse): UserMe {
  const { auth_token: _token, refresh: _refresh, ...user } = answer;
  return user;
}

/** The current session, re-rendering on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

export function useIsSignedIn(): boolean {
  return useSession() !== null;
}

// ---------------------------------------------------------------- queries

export const meQueryOptions = () =>
  queryOptions({
    queryKey: keys.auth.me(),
    queryFn: getMe,
    staleTime: 5 * 60_000,
  });

export function useMe() {
  const signedIn = useIsSignedIn();
  return useQuery({ ...meQueryOptions(), enabled: signedIn });
}

// ---------------------------------------------------------------- mutations

/**
 * Signs in. On success the session is stored, every cached answer of a
 * previous user is dropped, and `keys.auth.me()` is primed with the user.
 */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => login(username, password),
    onSuccess: (answer) => {
      queryClient.clear();
      setSession(sessionFrom(answer));
      queryClient.setQueryData(keys.auth.me(), userFrom(answer));
    },
  });
}

/** Registers and signs in, like `useLogin`. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (answer) => {
      queryClient.clear();
      setSession(sessionFrom(answer));
      queryClient.setQueryData(keys.auth.me(), userFrom(answer));
    },
  });
}

/**
 * Rotates the session's tokens with its refresh token (`POST /auth/refresh`) and stores both.
 * http.ts already does this by itself after a 401; this is for a client that wants fresh tokens
 * ahead of time (before a long upload, say).
 */
export function useRefreshTokens() {
  return useMutation({
    mutationFn: (refresh: string) => refreshTokens(refresh),
    onSuccess: (tokens) => setSession({ token: tokens.auth_token, refresh: tokens.refresh }),
  });
}

/** Signs out: Taiga has no logout endpoint, the client forgets its tokens and cache. */
export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    clearSession({ byUser: true });
    queryClient.clear();
  };
}

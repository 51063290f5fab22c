import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";
import { register, useLogin, useLogout, useMe, useSession } from "./auth";
import { keys } from "./keys";
import { clearSession, getSession, setSession, wasSignedOutByUser } from "./session";

const wrapper = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

const ADMIN = { id: 5, username: "admin", full_name: "Administrator", full_name_display: "Administrator", email: "admin@example.com" };

beforeEach(() => {
  localStorage.clear();
  clearSession();
});
afterEach(() => vi.unstubAllGlobals());

describe("auth", () => {
  it("login stores the session, drops the previous user's cache and primes users/me", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ ...ADMIN, auth_token: "a1", refresh: "r1" }));
    const client = newClient();
    client.setQueryData(keys.projects.list({ member: 9 }), [{ id: 99 }]);
    const { result } = renderHook(() => ({ login: useLogin(), session: useSession() }), { wrapper: wrapper(client) });

    await act(() => result.current.login.mutateAsync({ username: "admin", password: "123123" }));

    expect(calls[0]!.path).toBe("/auth");
    expect(calls[0]!.body).toEqual({ type: "normal", username: "admin", password: "123123" });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(getSession()).toEqual({ token: "a1", refresh: "r1" });
    expect(result.current.session).toEqual({ token: "a1", refresh: "r1" });
    expect(client.getQueryData(keys.projects.list({ member: 9 }))).toBeUndefined();
    const me = client.getQueryData<Record<string, unknown>>(keys.auth.me());
    expect(me?.username).toBe("admin");
    expect(me).not.toHaveProperty("auth_token");
    expect(me).not.toHaveProperty("refresh");
  });

  it("a failed login keeps the user signed out and reports the server's words", async () => {
    installFakeFetch(() => jsonResponse({ detail: "No active account found with the given credentials", code: "invalid_credentials" }, 401));
    const { result } = renderHook(() => useLogin(), { wrapper: wrapper(newClient()) });
    await act(() => result.current.mutateAsync({ username: "admin", password: "nope" }).catch(() => {}));
    await waitFor(() => expect(result.current.error?.message).toBe("No active account found with the given credentials"));
    expect(getSession()).toBeNull();
  });

  it("users/me is asked only when signed in, with the token", async () => {
    const { calls } = installFakeFetch(() => jsonResponse(ADMIN));
    const client = newClient();
    const { result, rerender } = renderHook(() => useMe(), { wrapper: wrapper(client) });
    expect(calls).toHaveLength(0);
    act(() => setSession({ token: "t", refresh: "r" }));
    rerender();
    await waitFor(() => expect(result.current.data?.username).toBe("admin"));
    expect(calls[0]!.path).toBe("/users/me");
    expect(calls[0]!.headers.authorization).toBe("Bearer t");
  });

  it("logout forgets the tokens and every cached answer", () => {
    setSession({ token: "t", refresh: "r" });
    const client = newClient();
    client.setQueryData(keys.auth.me(), ADMIN);
    const { result } = renderHook(() => useLogout(), { wrapper: wrapper(client) });
    act(() => result.current());
    expect(getSession()).toBeNull();
    expect(localStorage.getItem("taiga.session")).toBeNull();
    expect(client.getQueryData(keys.auth.me())).toBeUndefined();
    expect(wasSignedOutByUser()).toBe(true);
  });

  it("public registration sends type public and the terms answer", async () => {
    const { calls } = installFakeFetch(() => jsonResponse({ ...ADMIN, auth_token: "a", refresh: "r" }, 201));
    await register({ username: "zoe", full_name: "Zoe", email: "zoe@example.com", password: "secret1", accepted_terms: false });
    expect(calls[0]!.path).toBe("/auth/register");
    expect(calls[0]!.body).toEqual({ type: "public", username: "zoe", full_name: "Zoe", email: "zoe@example.com", password: "secret1", accepted_terms: false });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, renderHook, waitFor } from "@testing-library/react";
import { installFakeFetch, jsonResponse, type FakeCall } from "../test/fakeFetch";
import { clientWrapper, newTestClient } from "../test/recorded";
import { parseFlags, readLocalPreference, writeLocalPreference } from "../lib/preferences";
import { keys } from "./keys";
import { PREFERENCE_WRITE_DELAY_MS, resetPreferencesForTests, usePreference } from "./preferences";
import { clearSession, setSession } from "./session";
import type { UserStorageEntry } from "./types";

const USER = 7;
const KEY = "dashboard-kanban-folded-3";
const NONE: Record<string, boolean> = {};
const token = `h.${btoa(JSON.stringify({ user_id: USER })).replace(/=+$/, "")}.s`;

const entry = (key: string, value: unknown): UserStorageEntry => ({
  key,
  value,
  created_date: "2024-01-01T00:00:00Z",
  modified_date: "2024-01-01T00:00:00Z",
});

/** A user-storage server in memory; `list` can be held back to test the time before it answers. */
function storageServer(initial: UserStorageEntry[]) {
  const stored = new Map(initial.map((e) => [e.key, e]));
  let release: (() => void) | null = null;
  const held = { hold: false };
  const net = installFakeFetch(async (call: FakeCall) => {
    if (call.method === "GET" && call.path === "/user-storage") {
      if (held.hold) await new Promise<void>((resolve) => (release = resolve));
      return jsonResponse([...stored.values()]);
    }
    const body = call.body as { key?: string; value: unknown };
    if (call.method === "POST" && call.path === "/user-storage") {
      if (stored.has(body.key!)) return jsonResponse({ _error_message: "Duplicate key" }, 400);
      stored.set(body.key!, entry(body.key!, body.value));
      return jsonResponse(stored.get(body.key!), 201);
    }
    const key = decodeURIComponent(call.path.replace("/user-storage/", ""));
    if (call.method === "PATCH") {
      if (!stored.has(key)) return jsonResponse({ _error_message: "" }, 404);
      stored.set(key, entry(key, body.value));
      return jsonResponse(stored.get(key));
    }
    return jsonResponse({ detail: "unexpected" }, 500);
  });
  return {
    stored,
    held,
    release: () => release?.(),
    writes: () => net.calls.filter((c) => c.method !== "GET"),
  };
}

function renderPreference(client = newTestClient()) {
  return {
    client,
    ...renderHook(() => usePreference(KEY, NONE, parseFlags), { wrapper: clientWrapper(client) }),
  };
}

beforeEach(() => {
  localStorage.clear();
  resetPreferencesForTests();
  setSession({ token, refresh: "r" });
});

afterEach(() => {
  vi.useRealTimers();
  clearSession();
});

describe("usePreference", () => {
  it("paints with this browser's copy at once, then the server's copy wins when it arrives", async () => {
    writeLocalPreference(USER, KEY, { value: { "1": true }, synced: true });
    const server = storageServer([entry(KEY, { "2": true })]);
    server.held.hold = true;
    const { result } = renderPreference();
    expect(result.current[0]).toEqual({ "1": true });
    server.release();
    await waitFor(() => expect(result.current[0]).toEqual({ "2": true }));
    expect(readLocalPreference(USER, KEY)).toEqual({ value: { "2": true }, synced: true });
    expect(server.writes()).toEqual([]);
  });

  it("a fresh browser (empty localStorage) gets what another browser stored", async () => {
    storageServer([entry(KEY, { "5": true })]);
    const { result } = renderPreference();
    expect(result.current[0]).toBe(NONE);
    await waitFor(() => expect(result.current[0]).toEqual({ "5": true }));
  });

  it("a burst of changes is written once, after a pause: POST for a new key, then PATCH; acknowledged locally", async () => {
    const server = storageServer([]);
    const { result, client } = renderPreference();
    await waitFor(() => expect(client.getQueryData(keys.userStorage.listAll())).toEqual([]));
    await act(async () => {
      result.current[1]((prev) => ({ ...prev, "1": true }));
      result.current[1]((prev) => ({ ...prev, "2": true }));
      result.current[1]((prev) => ({ ...prev, "1": false }));
    });
    expect(result.current[0]).toEqual({ "1": false, "2": true });
    expect(readLocalPreference(USER, KEY)).toEqual({ value: { "1": false, "2": true }, synced: false });
    expect(server.writes()).toEqual([]);
    await waitFor(() => expect(server.writes()).toHaveLength(1), { timeout: PREFERENCE_WRITE_DELAY_MS * 4 });
    expect(server.writes()[0]).toMatchObject({ method: "POST", body: { key: KEY, value: { "1": false, "2": true } } });
    await waitFor(() => expect(readLocalPreference(USER, KEY)?.synced).toBe(true));

    await act(async () => result.current[1]({ "2": false }));
    await waitFor(() => expect(server.writes()).toHaveLength(2), { timeout: PREFERENCE_WRITE_DELAY_MS * 4 });
    expect(server.writes()[1]).toMatchObject({ method: "PATCH", path: `/user-storage/${KEY}`, body: { value: { "2": false } } });
    expect(server.stored.get(KEY)?.value).toEqual({ "2": false });
  });

  it("a change the server never acknowledged (reload, failed request) wins on the next visit and is sent", async () => {
    writeLocalPreference(USER, KEY, { value: { "9": true }, synced: false });
    const server = storageServer([entry(KEY, { "9": false })]);
    const { result } = renderPreference();
    await waitFor(() => expect(server.writes()).toHaveLength(1));
    expect(result.current[0]).toEqual({ "9": true });
    expect(server.writes()[0]).toMatchObject({ method: "PATCH", body: { value: { "9": true } } });
    await waitFor(() => expect(readLocalPreference(USER, KEY)?.synced).toBe(true));
  });

  it("components reading the same key share its value; the list is read once for all of them", async () => {
    const server = storageServer([]);
    const client = newTestClient();
    const a = renderPreference(client);
    const b = renderPreference(client);
    await waitFor(() => expect(client.getQueryData(keys.userStorage.listAll())).toEqual([]));
    await act(async () => a.result.current[1]({ "4": true }));
    expect(b.result.current[0]).toEqual({ "4": true });
    expect(server.writes()).toEqual([]);
  });

  it("a refused write leaves the change in place and unacknowledged", async () => {
    const server = storageServer([]);
    const { result, client } = renderPreference();
    await waitFor(() => expect(client.getQueryData(keys.userStorage.listAll())).toEqual([]));
    expect(server.writes()).toEqual([]);
    // Any write fails from now on.
    installFakeFetch((call) => (call.method === "GET" ? jsonResponse([]) : jsonResponse({ detail: "down" }, 503)));
    await act(async () => result.current[1]({ "1": true }));
    await new Promise((resolve) => setTimeout(resolve, PREFERENCE_WRITE_DELAY_MS * 2));
    expect(result.current[0]).toEqual({ "1": true });
    expect(readLocalPreference(USER, KEY)).toEqual({ value: { "1": true }, synced: false });
  });
});

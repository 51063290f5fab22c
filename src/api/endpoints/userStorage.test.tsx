import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { clientWrapper, endpointTests, newTestClient, recording, recordedServer, signInFor } from "../../test/recorded";
import { keys } from "../keys";
import { saveUserStorage, userStorage, useSaveUserStorage } from "../userStorage";

const server = recordedServer();

const prefs = { theme: "dark", columns: [1, 2, 3] };

endpointTests("user storage", server, {
  "GET /user-storage": {
    recording: "user-storage/008",
    call: () => userStorage.listAll(),
    read: { useHook: () => userStorage.useListAll(), key: keys.userStorage.listAll() },
  },
  "POST /user-storage": {
    recording: "user-storage/003",
    call: () => userStorage.create({ key: "dashboard-prefs", value: prefs }),
    mutation: { useHook: () => userStorage.useCreate(), variables: { key: "dashboard-prefs", value: prefs }, invalidates: [keys.userStorage.listAll()] },
  },
  "GET /user-storage/{key}": {
    recording: "user-storage/007",
    call: () => userStorage.get("dashboard-prefs"),
    read: { useHook: () => userStorage.useDetail("dashboard-prefs"), key: keys.userStorage.detail("dashboard-prefs") },
  },
  "PUT /user-storage/{key}": {
    recording: "user-storage/009",
    call: () => userStorage.put("dashboard-prefs", { key: "dashboard-prefs", value: { theme: "light" } }),
    mutation: {
      useHook: () => userStorage.usePut(),
      variables: { id: "dashboard-prefs", changes: { key: "dashboard-prefs", value: { theme: "light" } } },
      stores: [keys.userStorage.detail("dashboard-prefs")],
      invalidates: [keys.userStorage.listAll()],
      untouched: [keys.userStorage.detail("last-project")],
    },
  },
  "PATCH /user-storage/{key}": {
    recording: "user-storage/010",
    call: () => userStorage.patch("dashboard-prefs", { value: { theme: "light", compact: true } }),
    mutation: {
      useHook: () => userStorage.usePatch(),
      variables: { id: "dashboard-prefs", changes: { value: { theme: "light", compact: true } } },
      stores: [keys.userStorage.detail("dashboard-prefs")],
      invalidates: [keys.userStorage.listAll()],
    },
  },
  "DELETE /user-storage/{key}": {
    recording: "user-storage/014",
    call: () => userStorage.remove("dashboard-prefs"),
    mutation: {
      useHook: () => userStorage.useRemove(),
      variables: { id: "dashboard-prefs" },
      removes: [keys.userStorage.detail("dashboard-prefs")],
      invalidates: [keys.userStorage.listAll()],
      untouched: [keys.userStorage.detail("last-project")],
    },
  },
});

describe("saving a preference whether or not its key exists", () => {
  it("an existing key is patched", async () => {
    const rec = recording("user-storage/010");
    const sent = server.serve(rec);
    signInFor(rec);
    const client = newTestClient();
    client.setQueryData(keys.userStorage.listAll(), []);
    const { result } = renderHook(() => useSaveUserStorage(), { wrapper: clientWrapper(client) });
    await act(() => result.current.mutateAsync({ key: "dashboard-prefs", value: { theme: "light", compact: true } }));
    expect(sent.map((s) => s.method)).toEqual(["PATCH"]);
    expect(client.getQueryData(keys.userStorage.detail("dashboard-prefs"))).toEqual(rec.response.body);
    expect(client.getQueryState(keys.userStorage.listAll())?.isInvalidated).toBe(true);
  });

  it("a new key: Taiga answers the PATCH with 404 (no upsert), so it is created", async () => {
    const missing = recording("user-storage/002");
    const created = recording("user-storage/006");
    // The 404 of a missing key, as Taiga answers a PATCH or GET of one, then the recorded creation.
    const patchSent = server.serve({ ...missing, request: { ...missing.request, method: "PATCH", path: "/api/v1/user-storage/last-project" } });
    const postSent = server.serve(created);
    signInFor(created);
    expect(await saveUserStorage("last-project", "project-1")).toEqual(created.response.body);
    expect(patchSent).toHaveLength(1);
    expect(postSent[0]!.body).toEqual({ key: "last-project", value: "project-1" });
  });

  it("a key known to be new is created at once (no 404 first)", async () => {
    const created = recording("user-storage/006");
    const postSent = server.serve(created);
    signInFor(created);
    expect(await saveUserStorage("last-project", "project-1", { exists: false })).toEqual(created.response.body);
    expect(postSent.map((s) => s.method)).toEqual(["POST"]);
  });

  it("a key thought new that another browser created meanwhile: Taiga's duplicate 400, then a PATCH", async () => {
    const duplicate = recording("user-storage/004");
    const patched = recording("user-storage/010");
    const postSent = server.serve(duplicate);
    const patchSent = server.serve(patched);
    signInFor(patched);
    expect(await saveUserStorage("dashboard-prefs", { theme: "light", compact: true }, { exists: false })).toEqual(patched.response.body);
    expect(postSent).toHaveLength(1);
    expect(patchSent[0]!.body).toEqual({ value: { theme: "light", compact: true } });
  });

  it("a duplicate key is refused with Taiga's message", async () => {
    const rec = recording("user-storage/004");
    server.serve(rec);
    signInFor(rec);
    await expect(userStorage.create({ key: "dashboard-prefs", value: 1 })).rejects.toThrow(/already exists/);
  });
});

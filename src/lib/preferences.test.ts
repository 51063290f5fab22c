import { beforeEach, describe, expect, it } from "vitest";
import {
  parseFlags,
  preferenceKey,
  readLocalPreference,
  resolvePreference,
  sameValue,
  userIdOfToken,
  writeLocalPreference,
} from "./preferences";

const NONE: Record<string, boolean> = {};

describe("resolving a preference from the local copy, the server's copy and the default", () => {
  it("before the server answers: the local copy, else the default; nothing is sent yet", () => {
    expect(resolvePreference({ value: { "3": true }, synced: true }, undefined, NONE, parseFlags)).toEqual({
      value: { "3": true },
      push: false,
      local: { value: { "3": true }, synced: true },
    });
    expect(resolvePreference({ value: { "3": true }, synced: false }, undefined, NONE, parseFlags).push).toBe(false);
    expect(resolvePreference(null, undefined, NONE, parseFlags)).toEqual({ value: NONE, push: false, local: null });
  });

  it("the server's copy wins over a local copy it has acknowledged (another browser changed it)", () => {
    const resolved = resolvePreference({ value: { "3": true }, synced: true }, { value: { "3": false, "4": true } }, NONE, parseFlags);
    expect(resolved).toEqual({ value: { "3": false, "4": true }, push: false, local: { value: { "3": false, "4": true }, synced: true } });
  });

  it("a fresh browser (nothing local) takes the server's copy and keeps it locally", () => {
    expect(resolvePreference(null, { value: { "7": true } }, NONE, parseFlags)).toEqual({
      value: { "7": true },
      push: false,
      local: { value: { "7": true }, synced: true },
    });
  });

  it("a local change the server has not acknowledged wins and is sent again", () => {
    const resolved = resolvePreference({ value: { "3": true }, synced: false }, { value: { "3": false } }, NONE, parseFlags);
    expect(resolved).toEqual({ value: { "3": true }, push: true, local: { value: { "3": true }, synced: false } });
    expect(resolvePreference({ value: ["a"], synced: false }, null, [], (raw) => (Array.isArray(raw) ? raw : undefined)).push).toBe(true);
  });

  it("an unacknowledged local change the server already holds is not sent twice", () => {
    const resolved = resolvePreference({ value: { a: true, b: false }, synced: false }, { value: { a: true, b: false } }, NONE, parseFlags);
    expect(resolved).toEqual({ value: { a: true, b: false }, push: false, local: { value: { a: true, b: false }, synced: true } });
  });

  it("a key the server no longer has falls back to the default (reset elsewhere), and the local copy goes", () => {
    expect(resolvePreference({ value: { "3": true }, synced: true }, null, NONE, parseFlags)).toEqual({ value: NONE, push: false, local: null });
  });

  it("values that do not parse are ignored on either side", () => {
    expect(resolvePreference({ value: "garbage", synced: false }, { value: { "2": true } }, NONE, parseFlags).value).toEqual({ "2": true });
    expect(resolvePreference({ value: { "2": true }, synced: true }, { value: 42 }, NONE, parseFlags)).toEqual({ value: NONE, push: false, local: null });
    expect(resolvePreference({ value: [1], synced: true }, undefined, NONE, parseFlags).value).toBe(NONE);
  });
});

describe("helpers", () => {
  beforeEach(() => localStorage.clear());

  it("keys are namespaced", () => {
    expect(preferenceKey("kanban-folded", 12)).toBe("dashboard-kanban-folded-12");
  });

  it("the local copy is kept per user", () => {
    writeLocalPreference(5, "dashboard-x", { value: { a: true }, synced: false });
    expect(readLocalPreference(5, "dashboard-x")).toEqual({ value: { a: true }, synced: false });
    expect(readLocalPreference(6, "dashboard-x")).toBeNull();
    writeLocalPreference(5, "dashboard-x", null);
    expect(readLocalPreference(5, "dashboard-x")).toBeNull();
    localStorage.setItem("taiga.prefs.5.dashboard-y", "{not json");
    expect(readLocalPreference(5, "dashboard-y")).toBeNull();
  });

  it("the user id comes from the access token's payload", () => {
    const payload = btoa(JSON.stringify({ token_type: "access", user_id: 42 })).replace(/=+$/, "");
    expect(userIdOfToken(`eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).toBe(42);
    expect(userIdOfToken("not-a-jwt")).toBeNull();
    expect(userIdOfToken(undefined)).toBeNull();
  });

  it("flags keep booleans only", () => {
    expect(parseFlags({ "1": true, "2": "yes", "3": false })).toEqual({ "1": true, "3": false });
    expect(parseFlags([true])).toBeUndefined();
    expect(parseFlags(null)).toBeUndefined();
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { installFakeFetch, jsonResponse, type FakeCall } from "../test/fakeFetch";
import { clearSession } from "../api/session";
import { ToastProvider } from "./toast";
import type { AnyItem } from "../lib/itemKinds";
import { useItemSave, type SaveOutcome } from "./useItemSave";

const base = { id: 3, ref: 7, project: 1, version: 1, subject: "Original", description: "Text", status: 1 } as unknown as AnyItem;
const STALE = () => jsonResponse({ version: "The version doesn't match with the current one" }, 400);

function setup(server: (call: FakeCall) => Response) {
  const fake = installFakeFetch(server);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
  const hook = renderHook(() => useItemSave("userstory"), { wrapper });
  return { ...fake, hook };
}

beforeEach(() => clearSession());
afterEach(() => vi.unstubAllGlobals());

describe("useItemSave", () => {
  it("saves with the version the user saw", async () => {
    const { calls, hook } = setup(() => jsonResponse({ ...base, version: 2, subject: "Mine" }));
    let outcome: SaveOutcome | undefined;
    await act(async () => {
      outcome = await hook.result.current.save({ subject: "Mine" }, base);
    });
    expect(outcome?.status).toBe("saved");
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/userstories/3", body: { subject: "Mine", version: 1 } });
  });

  it("resubmits on the current version without asking when nobody changed the user's field", async () => {
    const { calls, hook } = setup((call) => {
      if (call.method === "GET") return jsonResponse({ ...base, version: 2, status: 5 });
      return (call.body as { version: number }).version === 1 ? STALE() : jsonResponse({ ...base, version: 3, subject: "Mine", status: 5 });
    });
    let outcome: SaveOutcome | undefined;
    await act(async () => {
      outcome = await hook.result.current.save({ subject: "Mine" }, base);
    });
    expect(outcome?.status).toBe("saved");
    expect(hook.result.current.pending).toBeNull();
    expect(calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([
      { subject: "Mine", version: 1 },
      { subject: "Mine", version: 2 },
    ]);
  });

  it("asks when the field was changed by someone else; keep mine resubmits on their version", async () => {
    const { calls, hook } = setup((call) => {
      if (call.method === "GET") return jsonResponse({ ...base, version: 2, subject: "Theirs" });
      return (call.body as { version: number }).version === 1 ? STALE() : jsonResponse({ ...base, version: 3, subject: "Mine" });
    });
    let promise: Promise<SaveOutcome> = Promise.resolve({ status: "failed" });
    act(() => {
      promise = hook.result.current.save({ subject: "Mine" }, base);
    });
    await waitFor(() => expect(hook.result.current.pending).not.toBeNull());
    expect(hook.result.current.pending?.conflicts[0]).toMatchObject({ field: "subject", mine: "Mine", theirs: "Theirs", changedByThem: true });
    await act(() => hook.result.current.keepMine());
    expect((await promise).status).toBe("saved");
    expect(calls.at(-1)?.body).toEqual({ subject: "Mine", version: 2 });
  });

  it("take theirs sends nothing more; edit and close hand back the object now on the server", async () => {
    const { calls, hook } = setup((call) => (call.method === "GET" ? jsonResponse({ ...base, version: 2, subject: "Theirs" }) : STALE()));
    let first: Promise<SaveOutcome> = Promise.resolve({ status: "failed" });
    act(() => {
      first = hook.result.current.save({ subject: "Mine" }, base);
    });
    await waitFor(() => expect(hook.result.current.pending).not.toBeNull());
    await act(() => hook.result.current.takeTheirs());
    expect((await first).status).toBe("dropped");
    expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(1);

    let second: Promise<SaveOutcome> = Promise.resolve({ status: "failed" });
    act(() => {
      second = hook.result.current.save({ subject: "Mine" }, base);
    });
    await waitFor(() => expect(hook.result.current.pending).not.toBeNull());
    act(() => hook.result.current.backToEditor());
    const outcome = await second;
    expect(outcome.status).toBe("editing");
    expect(outcome.status === "editing" && outcome.current.version).toBe(2);
  });
});

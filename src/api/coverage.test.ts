/**
 * The coverage table (src/api/coverage.ts) against the endpoint list of the recordings' README, the
 * client modules and their tests, and docs/api-hooks.md against the table.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENDPOINTS, type Endpoint } from "./coverage";
import { renderApiHooksDoc } from "./coverageDoc";
import { recording } from "../test/recorded";

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** Every client module, loaded (tests excluded). */
const MODULES = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts", "!./coverage*.ts"], { eager: true });

/** `"GET /epics/{epicId}"` and `"GET /epics/{id}"` name the same endpoint. */
const normalise = (id: string) => id.replace(/\{[^}]*\}/g, "{}");

/** The endpoints fixtures/taiga-recordings/README.md lists: the seed's 146 rows, then the recorded extras. */
function listedEndpoints(): { id: string; seed?: number }[] {
  const readme = read("fixtures/taiga-recordings/README.md");
  const seedSection = readme.split("## Endpoints of the seed's section 2")[1]!.split("### Endpoints recorded that the seed's section 2 does not list")[0]!;
  const extraSection = readme.split("### Endpoints recorded that the seed's section 2 does not list")[1]!.split("\n## ")[0]!;
  const path = (raw: string) => raw.replace(/^\/api\/v1/, "").replace(/\?.*$/, "");
  const seed = [...seedSection.matchAll(/^\| (\d+) \| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|/gm)].map((m) => ({
    id: `${m[2]} ${path(m[3]!)}`,
    seed: Number(m[1]),
  }));
  const extra = [...extraSection.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].flatMap((m) =>
    [...m[2]!.matchAll(/\b(GET|POST|PUT|PATCH|DELETE|OPTIONS) \(/g)].map((method) => ({ id: `${method[1]} ${path(m[1]!)}` })),
  );
  return [...seed, ...extra];
}

/** `"epics.useList"` inside `./epics.ts`. */
function resolveExport(module: string, name: string): unknown {
  const loaded = MODULES[`./${module}.ts`];
  if (!loaded) return undefined;
  return name.split(".").reduce<unknown>((value, part) => (value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined), loaded);
}

/** What is missing for a row to count as covered (empty when covered). */
function gaps(e: Endpoint): string[] {
  if (e.absent) return [];
  const missing: string[] = [];
  if (typeof resolveExport(e.module, e.fn) !== "function") missing.push(`function ${e.module}.ts ${e.fn}`);
  if (e.options && typeof resolveExport(e.module, e.options) !== "function") missing.push(`queryOptions ${e.module}.ts ${e.options}`);
  if (typeof resolveExport(e.module, e.hook) !== "function" || !/(^|\.)use[A-Z]/.test(e.hook)) missing.push(`hook ${e.module}.ts ${e.hook}`);
  if (!existsSync(join(ROOT, e.test)) || !read(e.test).includes(`"${e.id}"`)) missing.push(`test "${e.id}" in ${e.test}`);
  return missing;
}

describe("API coverage", () => {
  it("names each endpoint once, with what a row needs", () => {
    const ids = ENDPOINTS.map((e) => normalise(e.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const e of ENDPOINTS) {
      expect(e.id, e.id).toMatch(/^(GET|POST|PUT|PATCH|DELETE|OPTIONS) \/[a-z0-9_/{}-]+$/i);
      if (!e.absent) {
        expect(e.example, e.id).not.toBe("");
        expect(e.key ?? e.invalidates, `${e.id}: a read names its key, a write what it invalidates`).toBeTruthy();
      }
    }
  });

  it("has a row for every endpoint of the recordings' list (the seed's 146 and the recorded extras)", () => {
    const listed = listedEndpoints();
    expect(listed.filter((l) => l.seed !== undefined)).toHaveLength(146);
    const rows = new Map(ENDPOINTS.map((e) => [normalise(e.id), e]));
    expect(listed.filter((l) => !rows.has(normalise(l.id))).map((l) => l.id)).toEqual([]);
    for (const l of listed) if (l.seed !== undefined) expect(rows.get(normalise(l.id))?.source, l.id).toBe(l.seed);
  });

  it("gives every endpoint a function, a hook and a test against a recording", () => {
    const incomplete = ENDPOINTS.flatMap((e) => gaps(e).map((gap) => `${e.id}: ${gap}`));
    expect(incomplete).toEqual([]);
  });

  it("shows a refused request for each endpoint Taiga does not have", () => {
    for (const e of ENDPOINTS.filter((row) => row.absent)) {
      const rec = recording(e.absent!.recording);
      expect(rec.request.method, e.id).toBe(e.id.split(" ")[0]);
      if (rec.request.method !== "OPTIONS") expect(rec.response.status, e.id).toBeGreaterThanOrEqual(400);
    }
  });

  it("docs/api-hooks.md is generated from this table (npm run docs:api)", () => {
    expect(read("docs/api-hooks.md")).toBe(renderApiHooksDoc());
  });
});

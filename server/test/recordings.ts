/** Loads recorded real Taiga exchanges from the repository's fixtures (fixtures/taiga-recordings). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The recordings travel with the repository (see fixtures/README.md), so a bare clone passes its
 * tests; `TAIGA_RECORDINGS` points elsewhere (a newer set of recordings, say).
 */
export const RECORDINGS_DIR =
  process.env.TAIGA_RECORDINGS ?? fileURLToPath(new URL("../../fixtures/taiga-recordings/", import.meta.url));

export interface Recording {
  title: string;
  request: { method: string; path: string; as: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; extra_headers?: Record<string, string>; body: unknown };
}

/** `recording("auth/003")` loads `auth/003-*.json`. */
export function recording(id: string): Recording {
  const [folder, num] = id.split("/") as [string, string];
  const dir = join(RECORDINGS_DIR, folder);
  const files = readdirSync(dir).filter((f) => f.startsWith(`${num}-`));
  if (files.length !== 1) throw new Error(`recording ${id}: ${files.length} files`);
  return JSON.parse(readFileSync(join(dir, files[0] as string), "utf8")) as Recording;
}


/** All response headers of a recording (regular and extra), lower-case names. */
export function recordedHeaders(r: Recording): Record<string, string> {
  return { ...r.response.headers, ...(r.response.extra_headers ?? {}) };
}

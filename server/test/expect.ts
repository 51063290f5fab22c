/** Assertions comparing one of our responses with a recorded real Taiga response. */
import { expect } from "vitest";
import { recordedHeaders, type Recording } from "./recordings";
import { shapeDiff, shapeOf, type ShapeOptions } from "./shape";

export const CORS_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-headers",
  "access-control-allow-methods",
  "access-control-expose-headers",
  "access-control-max-age",
];

export interface LikeOptions extends ShapeOptions {
  /** compare the body exactly instead of by shape (error bodies) */
  exactBody?: boolean;
  /** more recordings of the same endpoint to widen the accepted shape */
  alsoShapes?: Recording[];
}

/** Status, content type, CORS, WWW-Authenticate, pagination headers and body shape as recorded. */
export async function expectLikeRecording(res: Response, rec: Recording, options: LikeOptions = {}): Promise<unknown> {
  const recorded = recordedHeaders(rec);
  expect(res.status, rec.title).toBe(rec.response.status);
  if (recorded["content-type"] === "application/json") expect(res.headers.get("content-type")).toBe("application/json");
  for (const h of CORS_HEADERS) expect(res.headers.get(h), h).toBe(recorded[h] ?? null);
  expect(res.headers.get("www-authenticate"), "www-authenticate").toBe(recorded["www-authenticate"] ?? null);
  for (const h of ["x-paginated", "x-paginated-by"]) expect(res.headers.get(h), h).toBe(recorded[h] ?? null);
  for (const h of ["x-pagination-count", "x-pagination-current"]) expect(res.headers.has(h), h).toBe(h in recorded);
  if (recorded["x-pagination-current"]) expect(res.headers.get("x-pagination-current")).toBe(recorded["x-pagination-current"]);

  const text = await res.text();
  const body: unknown = text === "" ? null : JSON.parse(text);
  if (options.exactBody) {
    expect(body).toEqual(rec.response.body);
  } else {
    const shape = shapeOf(rec.response.body, ...(options.alsoShapes ?? []).map((r) => r.response.body));
    expect(shapeDiff(body, shape, options)).toEqual([]);
  }
  return body;
}

/** Protocol-level errors as recorded (errors/029-038, misc/006) and pagination edge cases. */
import { beforeAll, describe, expect, it } from "vitest";
import { CORS_HEADERS, expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
beforeAll(() => {
  t = makeTestApp();
});

describe("routing errors", () => {
  it("answers 405 with Taiga's body for a wrong method on a list URL (errors/030)", async () => {
    await expectLikeRecording(await t.request("/userstory-statuses", { method: "DELETE", as: "admin" }), recording("errors/030"), { exactBody: true });
  });

  it("answers 405 for GET on a POST-only action (errors/031)", async () => {
    await expectLikeRecording(await t.request("/auth/register", { method: "GET", as: "admin" }), recording("errors/031"), { exactBody: true });
  });

  it("answers a non-JSON 404 with CORS headers for unknown URLs and trailing slashes (errors/032, errors/033)", async () => {
    for (const path of ["/nonexistent-route", "/projects/1/", "/projects/"]) {
      const res = await t.request(path, { as: "admin" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      for (const h of CORS_HEADERS) expect(res.headers.get(h)).toBe(recording("errors/032").response.headers[h]);
    }
  });

  it("answers OPTIONS preflights with 200 and a JSON description (misc/006)", async () => {
    const rec = recording("misc/006");
    const res = await t.request("/userstories", { method: "OPTIONS", headers: rec.request.headers });
    const body = (await expectLikeRecording(res, rec)) as { renders: string[] };
    expect(body.renders).toEqual(["application/json"]);
  });
});

describe("bad request data", () => {
  it("answers Taiga's ParseError for malformed JSON, with Python's position wording (errors/034)", async () => {
    const rec = recording("errors/034");
    await expectLikeRecording(await t.request("/auth", { method: "POST", rawBody: rec.request.body as string }), rec, { exactBody: true });
  });

  it("answers 400 for a non-integer project filter (errors/038)", async () => {
    await expectLikeRecording(await t.request("/userstory-statuses?project=abc", { as: "admin" }), recording("errors/038"), { exactBody: true });
  });
});

describe("pagination", () => {
  it("pages with page/page_size, absolute next/prev links and the last page", async () => {
    const res = await t.request("/points?page_size=5&page=2", { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-paginated-by")).toBe("5");
    // 12 points in each of the 4 demo projects
    expect(res.headers.get("x-pagination-count")).toBe(String(12 * 4));
    expect(res.headers.get("x-pagination-current")).toBe("2");
    expect(res.headers.get("x-pagination-next")).toBe("http://localhost/api/v1/points?page_size=5&page=3");
    expect(res.headers.get("x-pagination-prev")).toBe("http://localhost/api/v1/points?page_size=5&page=1");
    expect(((await res.json()) as unknown[]).length).toBe(5);
    const last = await t.request("/points?page_size=5&page=last", { as: "admin" });
    expect(last.headers.get("x-pagination-current")).toBe("10");
    expect(last.headers.has("x-pagination-next")).toBe(false);
    expect(((await last.json()) as unknown[]).length).toBe(3);
  });

  it("defaults to 30 per page, caps page_size at 1000 and ignores invalid sizes", async () => {
    expect((await t.request("/points", { as: "admin" })).headers.get("x-paginated-by")).toBe("30");
    expect((await t.request("/points?page_size=5000", { as: "admin" })).headers.get("x-paginated-by")).toBe("1000");
    expect((await t.request("/points?page_size=abc", { as: "admin" })).headers.get("x-paginated-by")).toBe("30");
    expect((await t.request("/points?page_size=0", { as: "admin" })).headers.get("x-paginated-by")).toBe("30");
  });

  it.each(["0", "-1", "abc", "99"])("answers 404 for page=%s (userstories/004)", async (page) => {
    const rec = recording("userstories/004");
    const res = await t.request(`/points?page=${page}`, { as: "admin" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(rec.response.body);
  });

  it("returns page 1 of an empty list without error", async () => {
    const res = await t.request(`/swimlanes?project=${t.ids.project("demo-scrum")}`, { as: "admin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-pagination-count")).toBe("0");
    expect(await res.json()).toEqual([]);
  });
});

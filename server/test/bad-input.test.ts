/**
 * Bad input never crashes the server: malformed JSON, wrong types, missing fields, unknown or
 * non-numeric ids and huge bodies each get Taiga's 4xx body, and the database stays unchanged.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "./app";

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});

const PARSE_ERROR = "taiga.base.exceptions.ParseError";

async function expectUnchanged(run: () => Promise<Response>, status: number, body?: unknown): Promise<unknown> {
  const before = t.snapshot();
  const res = await run();
  expect(res.status).toBe(status);
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  if (body !== undefined) expect(parsed).toEqual(body);
  expect(t.snapshot()).toBe(before);
  return parsed;
}

describe("malformed JSON bodies", () => {
  it.each([
    ["/auth", "{"],
    ["/auth", '{"type": "normal", "username": '],
    ["/auth/refresh", "[1, 2,"],
    ["/auth/register", "nul"],
    ["/auth", "{'single': 'quotes'}"],
  ])("POST %s %j -> 400 ParseError", async (path, raw) => {
    const body = (await expectUnchanged(() => t.request(path, { method: "POST", rawBody: raw }), 400)) as Record<string, string>;
    expect(body["_error_type"]).toBe(PARSE_ERROR);
    expect(body["_error_message"]).toMatch(/^JSON parse error - Expecting value: line \d+ column \d+ \(char \d+\)$/);
  });
});

describe("wrong JSON types", () => {
  it.each([
    ["an array", [1, 2], { non_field_errors: ["Invalid data. Expected a dictionary, but got list."] }],
    ["a string", "admin", { non_field_errors: ["Invalid data. Expected a dictionary, but got str."] }],
    ["a number", 5, { non_field_errors: ["Invalid data. Expected a dictionary, but got int."] }],
    ["null", null, { non_field_errors: ["Invalid data. Expected a dictionary, but got NoneType."] }],
  ])("login with %s -> 400", async (_label, body, expected) => {
    await expectUnchanged(() => t.request("/auth", { method: "POST", body }), 400, expected);
  });

  it("login with non-string credentials -> 400 field errors", async () => {
    await expectUnchanged(() => t.request("/auth", { method: "POST", body: { type: "normal", username: ["admin"], password: { a: 1 } } }), 400, {
      username: ["Not a valid string."],
      password: ["Not a valid string."],
    });
    await expectUnchanged(() => t.request("/auth", { method: "POST", body: { type: "normal", username: null, password: "123123" } }), 400, {
      username: ["This field is required."],
    });
  });

  it("refresh with a number, null or object -> 400/401, never 500", async () => {
    await expectUnchanged(() => t.request("/auth/refresh", { method: "POST", body: { refresh: 12 } }), 401, { detail: "Token is invalid or expired", code: "token_not_valid" });
    await expectUnchanged(() => t.request("/auth/refresh", { method: "POST", body: { refresh: null } }), 400, { refresh: ["This field is required."] });
    await expectUnchanged(() => t.request("/auth/refresh", { method: "POST", body: { refresh: { x: 1 } } }), 400, { refresh: ["Not a valid string."] });
  });

  it("register with wrong types and missing fields -> 400 and no user created", async () => {
    await expectUnchanged(
      () => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true, username: ["x"], email: 3, password: null, full_name: "A" } }),
      400,
      { username: ["Not a valid string."], email: ["Enter a valid email address."], password: ["This field is required."] },
    );
    await expectUnchanged(() => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true } }), 400, {
      full_name: ["This field is required."],
      email: ["This field is required."],
      username: ["This field is required."],
      password: ["This field is required."],
    });
    await expectUnchanged(
      () => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true, username: "ALICE", email: "x@example.com", password: "123123", full_name: "X" } }),
      400,
      { _error_message: "Username is already in use.", _error_type: "taiga.base.exceptions.WrongArguments" },
    );
    await expectUnchanged(
      () => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true, username: "someone", email: "Bob@Taiga.demo", password: "123123", full_name: "X" } }),
      400,
      { _error_message: "Email is already in use.", _error_type: "taiga.base.exceptions.WrongArguments" },
    );
  });
});

describe("validation wording of Taiga's DRF 2", () => {
  it("uses Django's length messages and treats null or empty required fields as missing", async () => {
    await expectUnchanged(
      () => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true, username: "", email: "a@b.co", password: "123456", full_name: "x".repeat(40) } }),
      400,
      { full_name: ["Ensure this value has at most 36 characters (it has 40)."], username: ["This field is required."] },
    );
  });

  it("words integer errors as 'Enter a whole number.'", async () => {
    const res = await t.request("/projects/bulk_update_order", { method: "POST", as: "admin", body: [{ project_id: 1, order: "first" }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ order: ["Enter a whole number."] }]);
  });
});

describe("ids and query values", () => {
  it.each(["/projects/abc", "/projects/1e3", "/projects/-1", "/projects/99999999999999999999", "/roles/%20", "/memberships/1.5", "/users/xyz", "/swimlanes/0x1"])(
    "GET %s -> 404 {_error_message: ''}",
    async (path) => {
      await expectUnchanged(() => t.request(path, { as: "admin" }), 404, { _error_message: "" });
    },
  );

  it.each(["/roles?project=x", "/memberships?project=1.5", "/swimlanes?project=[]", "/projects?member=null"])("GET %s -> 400", async (path) => {
    const body = (await expectUnchanged(() => t.request(path, { as: "admin" }), 400)) as Record<string, string>;
    expect(body["_error_type"]).toBe("taiga.base.exceptions.BadRequest");
  });

  it("boolean filters reject garbage with Taiga's message", async () => {
    await expectUnchanged(() => t.request("/projects?is_featured=maybe", { as: "admin" }), 400, {
      _error_message: "Error in filter params types.",
      _error_type: "taiga.base.exceptions.BadRequest",
    });
  });
});

describe("huge bodies", () => {
  it("answers 413 with a Taiga-like body for JSON over 1 MiB", async () => {
    const big = JSON.stringify({ type: "normal", username: "admin", password: "x".repeat(1024 * 1024 + 10) });
    const body = (await expectUnchanged(() => t.request("/auth", { method: "POST", rawBody: big }), 413)) as Record<string, string>;
    expect(body["_error_type"]).toBe("taiga.base.exceptions.RequestEntityTooLarge");
    expect(body["_error_message"]).toMatch(/limit/);
  });

  it("honours a smaller configured limit", async () => {
    t = makeTestApp({ bodyLimit: 100 });
    await expectUnchanged(() => t.request("/auth/register", { method: "POST", body: { type: "public", accepted_terms: true, full_name: "y".repeat(200) } }), 413);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setConfig } from "../config";
import {
  ApiError,
  ConflictError,
  NetworkError,
  api,
  configureTransport,
  getAllPages,
  http,
  request,
  resetTransport,
  taigaInfo,
  taigaInfoAll,
} from "./http";
import { clearSession, getSession, setSession, subscribe, wasSignedOutByUser } from "./session";

// ---------------------------------------------------------------- a fake network on globalThis.fetch

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Handler = (call: Call) => Response | Promise<Response>;

let calls: Call[] = [];
let handler: Handler;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function lowerHeaders(init?: HeadersInit): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

beforeEach(() => {
  calls = [];
  handler = () => json({});
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? "GET",
      headers: lowerHeaders(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : (init.body ?? undefined),
      credentials: init.credentials,
    };
    calls.push(call);
    return handler(call);
  });
  setConfig({ api: "https://taiga.example.com/api/v1/" });
  localStorage.clear();
  clearSession();
  resetTransport();
  configureTransport({ sleep: vi.fn(async () => {}), onSignedOut: vi.fn(), language: () => "fr" });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const signedIn = () => setSession({ token: "access-1", refresh: "refresh-1" });

// ---------------------------------------------------------------- requests

describe("requests", () => {
  it("sends JSON to the configured base URL with the bearer token and language, never with credentials: include", async () => {
    signedIn();
    handler = () => json({ id: 3, subject: "Login page" }, 201);
    const answer = await http.post<{ id: number }>("/userstories", { subject: "Login page", project: 1 });

    expect(answer).toEqual({ id: 3, subject: "Login page" });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe("https://taiga.example.com/api/v1/userstories");
    expect(call!.method).toBe("POST");
    expect(call!.headers.authorization).toBe("Bearer access-1");
    expect(call!.headers["accept-language"]).toBe("fr");
    expect(call!.headers["content-type"]).toBe("application/json");
    expect(call!.body).toEqual({ subject: "Login page", project: 1 });
    expect(call!.credentials).not.toBe("include");
  });

  it("sends no Authorization header when signed out or when auth is off", async () => {
    await http.get("/projects");
    signedIn();
    await http.post("/auth", { type: "normal" }, { auth: false });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(calls[1]!.headers.authorization).toBeUndefined();
  });

  it("encodes query parameters: lists as comma lists, null as 'null', undefined dropped", async () => {
    await http.get("/userstories", { query: { project: 1, status: [1, 2, 3], milestone: null, q: "login page", tags: undefined } });
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe("/api/v1/userstories");
    expect(url.searchParams.get("project")).toBe("1");
    expect(url.searchParams.get("status")).toBe("1,2,3");
    expect(url.searchParams.get("milestone")).toBe("null");
    expect(url.searchParams.get("q")).toBe("login page");
    expect(url.searchParams.has("tags")).toBe(false);
  });

  it("answers null for 204 No Content", async () => {
    handler = () => new Response(null, { status: 204 });
    await expect(http.delete("/userstories/4")).resolves.toBeNull();
  });

  it("asks for the whole list with x-disable-pagination: True on demand", async () => {
    handler = () => json([]);
    await http.get("/userstories", { disablePagination: true });
    await http.get("/userstories");
    expect(calls[0]!.headers["x-disable-pagination"]).toBe("True");
    expect(calls[1]!.headers["x-disable-pagination"]).toBeUndefined();
  });
});

// ---------------------------------------------------------------- errors

describe("Taiga error bodies become ApiError", () => {
  it("reads the _error_message / _error_type envelope", async () => {
    handler = () => json({ _error_message: "You do not have permission to perform this action.", _error_type: "taiga.base.exceptions.PermissionDenied" }, 403);
    const error = await http.get("/projects/3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(403);
    expect(apiError.kind).toBe("http");
    expect(apiError.message).toBe("You do not have permission to perform this action.");
    expect(apiError.errorType).toBe("taiga.base.exceptions.PermissionDenied");
  });

  it("reads detail/code of authentication errors", async () => {
    handler = () => json({ detail: "No active account found with the given credentials", code: "invalid_credentials" }, 401);
    const error = (await http.post("/auth", { type: "normal", username: "a", password: "b" }, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.detail).toBe("No active account found with the given credentials");
    expect(error.code).toBe("invalid_credentials");
    expect(error.message).toBe("No active account found with the given credentials");
  });

  it("keeps per-field messages, and __all__ / non_field_errors apart", async () => {
    handler = () =>
      json({ subject: ["This field is required."], __all__: ["Name must be unique."], non_field_errors: ["Dates overlap."] }, 400);
    const error = (await http.post("/milestones", {}).catch((e: unknown) => e)) as ApiError;
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error.fieldErrors).toEqual({ subject: ["This field is required."] });
    expect(error.fieldError("subject")).toBe("This field is required.");
    expect(error.fieldError("description")).toBeNull();
    expect(error.nonFieldErrors).toEqual(["Name must be unique.", "Dates overlap."]);
    expect(error.message).toBe("Name must be unique. Dates overlap.");
  });

  it("words a lone field error as a sentence", async () => {
    handler = () => json({ username: ["This field is required."] }, 400);
    const error = (await http.post("/auth", {}, { auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe("Username: This field is required.");
  });

  it("recognises the OCC version rejection as a ConflictError holding the user's changes", async () => {
    signedIn();
    handler = () => json({ version: "The version doesn't match with the current one" }, 400);
    const changes = { subject: "My new title", version: 3 };
    const error = await http.patch("/userstories/7", changes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(ApiError);
    const conflict = error as ConflictError;
    expect(conflict.kind).toBe("conflict");
    expect(conflict.status).toBe(400);
    expect(conflict.changes).toEqual(changes);
    expect(conflict.message).toBe("The version doesn't match with the current one");
  });

  it("does not treat a 400 version field error from another status as a conflict", async () => {
    handler = () => json({ version: "The version doesn't match with the current one" }, 403);
    const error = await http.patch("/userstories/7", { version: 1 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConflictError);
  });

  it("turns an unreachable server into NetworkError 'Cannot reach the server'", async () => {
    handler = () => {
      throw new TypeError("Failed to fetch");
    };
    const error = (await http.get("/projects").catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.kind).toBe("network");
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/^Cannot reach the server/);
  });

  it("lets an abort through untouched", async () => {
    handler = () => {
      throw new DOMException("aborted", "AbortError");
    };
    const error = await http.get("/projects").catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("gives a readable message for an HTML error page", async () => {
    handler = () => new Response("<!doctype html><title>Page not found</title>", { status: 404, headers: { "content-type": "text/html" } });
    const error = (await http.get("/nothing/").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(404);
    expect(error.message).toBe("Not found.");
  });
});

// ---------------------------------------------------------------- pagination and info headers

describe("pagination", () => {
  it("parses x-pagination-* headers", async () => {
    handler = () =>
      json([{ id: 1 }], 200, {
        "x-paginated": "true",
        "x-paginated-by": "30",
        "x-pagination-count": "41",
        "x-pagination-current": "1",
        "x-pagination-next": "http://127.0.0.1:8000/api/v1/userstories?page=2&project=3",
      });
    const response = await request<{ id: number }[]>("/userstories", { query: { project: 3 } });
    expect(response.pagination).toEqual({
      count: 41,
      current: 1,
      perPage: 30,
      next: "http://127.0.0.1:8000/api/v1/userstories?page=2&project=3",
      prev: null,
    });
  });

  it("reports no pagination for an unpaginated answer", async () => {
    handler = () => json([{ id: 1 }]);
    expect((await request("/userstories")).pagination).toBeNull();
  });

  it("getAllPages follows every page against the configured base and concatenates them", async () => {
    handler = (call) => {
      const page = Number(new URL(call.url).searchParams.get("page"));
      const headers: Record<string, string> = { "x-paginated": "true", "x-paginated-by": "2", "x-pagination-count": "5", "x-pagination-current": String(page) };
      if (page < 3) headers["x-pagination-next"] = `http://elsewhere:8000/api/v1/projects?page=${page + 1}`;
      if (page > 1) headers["x-pagination-prev"] = `http://elsewhere:8000/api/v1/projects?page=${page - 1}`;
      const items = [[1, 2], [3, 4], [5]][page - 1]!.map((id) => ({ id }));
      return json(items, 200, headers);
    };
    const all = await getAllPages<{ id: number }>("/projects", { query: { member: 5, order_by: "user_order" } });
    expect(all.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const url = new URL(call.url);
      expect(url.origin).toBe("https://taiga.example.com");
      expect(url.searchParams.get("member")).toBe("5");
      expect(url.searchParams.get("order_by")).toBe("user_order");
    }
    expect(calls.map((c) => new URL(c.url).searchParams.get("page"))).toEqual(["1", "2", "3"]);
  });

  it("reads Taiga-Info-* headers", async () => {
    handler = () => json([], 200, { "Taiga-Info-Userstories-Without-Swimlane": "true", "Taiga-Info-Backlog-Total-Userstories": "12" });
    const response = await request("/userstories", { query: { project: 1 } });
    expect(taigaInfo(response.headers, "userstories-without-swimlane")).toBe("true");
    expect(taigaInfo(response.headers, "Taiga-Info-Backlog-Total-Userstories")).toBe("12");
    expect(taigaInfoAll(response.headers)).toEqual({ "userstories-without-swimlane": "true", "backlog-total-userstories": "12" });
  });
});

// ---------------------------------------------------------------- refresh on 401

describe("expired access token", () => {
  const expired = () => json({ detail: "Given token not valid for any token type", code: "token_not_valid" }, 401);

  it("refreshes once without the stale Authorization header, stores the new tokens and replays", async () => {
    signedIn();
    handler = (call) => {
      if (call.url.endsWith("/auth/refresh")) return json({ auth_token: "access-2", refresh: "refresh-2" });
      return call.headers.authorization === "Bearer access-2" ? json({ id: 5, username: "admin" }) : expired();
    };
    const me = await api<{ username: string }>("/users/me");

    expect(me.username).toBe("admin");
    expect(calls.map((c) => c.url.replace("https://taiga.example.com/api/v1", ""))).toEqual(["/users/me", "/auth/refresh", "/users/me"]);
    const refreshCall = calls[1]!;
    expect(refreshCall.method).toBe("POST");
    expect(refreshCall.headers.authorization).toBeUndefined();
    expect(refreshCall.body).toEqual({ refresh: "refresh-1" });
    expect(calls[2]!.headers.authorization).toBe("Bearer access-2");
    expect(getSession()).toEqual({ token: "access-2", refresh: "refresh-2" });
    expect(JSON.parse(localStorage.getItem("taiga.session")!)).toEqual({ token: "access-2", refresh: "refresh-2" });
  });

  it("shares one refresh between concurrent 401s", async () => {
    signedIn();
    let releaseRefresh: () => void = () => {};
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    handler = async (call) => {
      if (call.url.endsWith("/auth/refresh")) {
        await refreshGate;
        return json({ auth_token: "access-2", refresh: "refresh-2" });
      }
      return call.headers.authorization === "Bearer access-2" ? json({ url: call.url }) : expired();
    };
    const pending = Promise.all([http.get("/projects"), http.get("/users/me"), http.get("/roles")]);
    await vi.waitFor(() => expect(calls.filter((c) => c.url.endsWith("/auth/refresh"))).toHaveLength(1));
    releaseRefresh();
    const answers = await pending;
    expect(answers).toHaveLength(3);
    expect(calls.filter((c) => c.url.endsWith("/auth/refresh"))).toHaveLength(1);
    expect(calls.filter((c) => c.headers.authorization === "Bearer access-2")).toHaveLength(3);
  });

  it("signs out and hands the current location to the sign-out handler when the refresh is refused", async () => {
    signedIn();
    window.history.pushState({}, "", "/project/demo-scrum/kanban?q=login");
    const onSignedOut = vi.fn();
    configureTransport({ onSignedOut });
    handler = (call) =>
      call.url.endsWith("/auth/refresh") ? json({ detail: "Token is invalid or expired", code: "token_not_valid" }, 401) : expired();

    const error = (await http.get("/projects").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(getSession()).toBeNull();
    expect(localStorage.getItem("taiga.session")).toBeNull();
    expect(onSignedOut).toHaveBeenCalledWith("/project/demo-scrum/kanban?q=login");
    expect(wasSignedOutByUser()).toBe(false);
    expect(calls.filter((c) => c.url.endsWith("/auth/refresh"))).toHaveLength(1);
    window.history.pushState({}, "", "/");
  });

  it("does not loop when the replay is refused too", async () => {
    signedIn();
    handler = (call) => (call.url.endsWith("/auth/refresh") ? json({ auth_token: "access-2", refresh: "refresh-2" }) : expired());
    await expect(http.get("/projects")).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(3);
    expect(getSession()).toBeNull();
  });

  it("does not try to refresh a 401 from a request sent without a token (wrong password)", async () => {
    signedIn();
    handler = () => json({ detail: "No active account found with the given credentials", code: "invalid_credentials" }, 401);
    await expect(http.post("/auth", {}, { auth: false })).rejects.toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(calls).toHaveLength(1);
    expect(getSession()).not.toBeNull();
  });

  it("keeps the session when the refresh cannot reach the server", async () => {
    signedIn();
    handler = (call) => {
      if (call.url.endsWith("/auth/refresh")) throw new TypeError("Failed to fetch");
      return expired();
    };
    await expect(http.get("/projects")).rejects.toBeInstanceOf(NetworkError);
    expect(getSession()).toEqual({ token: "access-1", refresh: "refresh-1" });
  });
});

// ---------------------------------------------------------------- throttling

describe("429 Too Many Requests", () => {
  const throttled = (seconds?: number) =>
    json({ _error_message: "Request was throttled.Expected available in 2 seconds.", _error_type: "taiga.base.exceptions.Throttled" }, 429, seconds ? { "retry-after": String(seconds) } : {});

  it("waits Retry-After seconds and retries an idempotent request", async () => {
    const sleep = vi.fn(async () => {});
    configureTransport({ sleep });
    let n = 0;
    handler = () => (n++ === 0 ? throttled(2) : json([{ id: 1 }]));
    await expect(http.get("/projects")).resolves.toEqual([{ id: 1 }]);
    expect(sleep).toHaveBeenCalledWith(2000);
    expect(calls).toHaveLength(2);
  });

  it("does not replay a POST", async () => {
    const sleep = vi.fn(async () => {});
    configureTransport({ sleep });
    handler = () => throttled(1);
    const error = (await http.post("/userstories", { subject: "x" }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(429);
    expect(error.message).toBe("Request was throttled. Expected available in 2 seconds.");
    expect(sleep).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
  });

  it("gives up after a bounded number of retries, with bounded waits", async () => {
    const sleep = vi.fn(async () => {});
    configureTransport({ sleep, maxThrottleRetries: 3, maxThrottleWaitMs: 10_000 });
    handler = () => throttled(3600);
    await expect(http.get("/projects")).rejects.toMatchObject({ status: 429 });
    expect(calls).toHaveLength(4);
    expect(sleep).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledWith(10_000);
  });

  it("backs off exponentially when no wait time is readable", async () => {
    const sleep = vi.fn(async () => {});
    configureTransport({ sleep });
    let n = 0;
    handler = () => (n++ < 2 ? throttled() : json({ ok: true }));
    await http.get("/projects");
    expect(sleep.mock.calls.map((c: unknown[]) => c[0])).toEqual([1000, 2000]);
  });
});

// ---------------------------------------------------------------- session

describe("session", () => {
  it("notifies subscribers of sign-in and sign-out and persists in localStorage", () => {
    const seen: (string | null)[] = [];
    const unsubscribe = subscribe((s) => seen.push(s?.token ?? null));
    setSession({ token: "t1", refresh: "r1" });
    expect(JSON.parse(localStorage.getItem("taiga.session")!)).toEqual({ token: "t1", refresh: "r1" });
    clearSession();
    unsubscribe();
    setSession({ token: "t2", refresh: "r2" });
    expect(seen).toEqual(["t1", null]);
  });
});

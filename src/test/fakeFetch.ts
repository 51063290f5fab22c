/**
 * A fake network for unit tests: installs `fetch` on globalThis and routes each
 * request to a handler. Records every call so tests can read what was sent.
 */
import { vi } from "vitest";
import { setConfig } from "../config";

export interface FakeCall {
  url: URL;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type FakeHandler = (call: FakeCall) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function installFakeFetch(handler: FakeHandler, base = "http://taiga.test/api/v1") {
  setConfig({ api: base });
  const calls: FakeCall[] = [];
  const state = { handler };
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://localhost");
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const call: FakeCall = {
      url,
      path: url.pathname.replace(/^\/api\/v1/, ""),
      method: init.method ?? "GET",
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : init.body,
    };
    calls.push(call);
    return state.handler(call);
  });
  return {
    calls,
    setHandler(next: FakeHandler) {
      state.handler = next;
    },
  };
}

/**
 * The transport: the only place in the client that calls `fetch`.
 *
 * - base URL from the runtime config, JSON in and out, `Accept-Language`;
 * - `Authorization: Bearer <token>`; a 401 triggers one shared refresh through
 *   `POST /auth/refresh` (sent without the stale header) and a replay; a failed
 *   refresh signs out and sends the user to `/login?next=<where they were>`;
 * - Taiga's error bodies become one typed `ApiError` (with `ConflictError` for
 *   OCC `version` rejections and `NetworkError` when the server is unreachable);
 * - pagination headers parsed, `getAllPages` follows them, `x-disable-pagination`
 *   on demand; `Taiga-Info-*` headers readable;
 * - 429 on idempotent methods waits (Retry-After) and retries, a bounded number of times.
 */
import { getConfig } from "../config";
import { clearSession, getSession, setSession } from "./session";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Query;
  /** JSON-serialisable body, or FormData for uploads. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the session's token and refresh it on 401 (default true). */
  auth?: boolean;
  /** Ask for the whole list (`x-disable-pagination: True`). */
  disablePagination?: boolean;
  signal?: AbortSignal;
}

export interface Pagination {
  /** Total rows (absent with lazy pagination). */
  count: number | null;
  current: number;
  perPage: number | null;
  next: string | null;
  prev: string | null;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  /** `null` when the answer was not paginated. */
  pagination: Pagination | null;
}

// ---------------------------------------------------------------- errors

export type FieldErrors = Record<string, string[]>;
export type ApiErrorKind = "http" | "conflict" | "network";

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const texts = value.map(textOf).filter((t): t is string => !!t);
    return texts.length ? texts.join(" ") : null;
  }
  return null;
}

export class ApiError extends Error {
  override name = "ApiError";
  readonly kind: ApiErrorKind = "http";
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** Raw body as parsed (JSON, text or null). */
  readonly body: unknown;
  /** `detail` of JWT/auth errors. */
  readonly detail: string | null;
  /** `code` of JWT/auth errors (`invalid_credentials`, `token_not_valid`, ...). */
  readonly code: string | null;
  /** `_error_type`, e.g. `taiga.base.exceptions.PermissionDenied`. */
  readonly errorType: string | null;
  /** Per-field messages (`{"subject": ["This field is required."]}`), excluding the non-field keys. */
  readonly fieldErrors: FieldErrors;
  /** `__all__` and `non_field_errors` messages. */
  readonly nonFieldErrors: string[];

  constructor(status: number, body: unknown, fallback?: string) {
    const parsed = ApiError.parse(status, body);
    super(parsed.message ?? fallback ?? defaultMessage(status));
    this.status = status;
    this.body = body;
    this.detail = parsed.detail;
    this.code = parsed.code;
    this.errorType = parsed.errorType;
    this.fieldErrors = parsed.fieldErrors;
    this.nonFieldErrors = parsed.nonFieldErrors;
  }

  /** The message for a field, if the server gave one. */
  fieldError(field: string): string | null {
    const messages = this.fieldErrors[field];
    return messages && messages.length ? messages.join(" ") : null;
  }

  private static parse(status: number, body: unknown) {
    let message: string | null = null;
    let detail: string | null = null;
    let code: string | null = null;
    let errorType: string | null = null;
    const fieldErrors: FieldErrors = {};
    const nonFieldErrors: string[] = [];
    let rawDetail: string | null = null;

    if (typeof body === "string" && body.trim() && !body.trim().startsWith("<")) {
      message = body.trim();
    } else if (body && typeof body === "object" && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
        if (key === "_error_message") {
          message = textOf(value) || null;
        } else if (key === "_error_type") {
          errorType = typeof value === "string" ? value : null;
        } else if (key === "detail") {
          detail = textOf(value);
        } else if (key === "code") {
          code = typeof value === "string" ? value : null;
        } else if (key === "messages" && code !== null) {
          // JWT error detail list; `detail` already says it
        } else if (key === "__all__" || key === "non_field_errors") {
          const text = textOf(value);
          if (text) nonFieldErrors.push(text);
        } else {
          const text = textOf(value);
          if (text) fieldErrors[key] = Array.isArray(value) ? value.map((v) => String(v)) : [text];
          // A plain string under a key is a raw detail (family B: {"version": "..."}), already a sentence.
          if (typeof value === "string" && rawDetail === null) rawDetail = value;
        }
      }
      if (!message && detail) message = detail;
      if (!message && nonFieldErrors.length) message = nonFieldErrors.join(" ");
      if (!message && rawDetail) message = rawDetail;
      if (!message) {
        const first = Object.entries(fieldErrors)[0];
        if (first) message = first[0] === "error" ? first[1].join(" ") : `${humanise(first[0])}: ${first[1].join(" ")}`;
      }
    }
    if (status === 429 && message) message = message.replace(/\.(?=\S)/, ". ");
    return { message, detail, code, errorType, fieldErrors, nonFieldErrors };
  }
}

/** Taiga rejected a stale `version` (OCC). Holds the changes the user tried to save. */
export class ConflictError extends ApiError {
  override name = "ConflictError";
  override readonly kind = "conflict" as const;
  /** The body the client sent (the user's changes). */
  readonly changes: unknown;
  constructor(status: number, body: unknown, changes: unknown) {
    super(status, body, "Someone else changed this item since you opened it.");
    this.changes = changes;
  }
}

export class NetworkError extends ApiError {
  override name = "NetworkError";
  override readonly kind = "network" as const;
  override readonly cause: unknown;
  constructor(cause: unknown) {
    super(0, null, "Cannot reach the server. Check your connection and try again.");
    this.cause = cause;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function humanise(field: string): string {
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function defaultMessage(status: number): string {
  if (status === 401) return "Your session has expired. Please sign in again.";
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return "Not found.";
  if (status === 429) return "Too many requests. Please wait a moment.";
  if (status >= 500) return `The server failed to answer (${status}).`;
  return `Request failed (${status}).`;
}

function isConflictBody(status: number, body: unknown): boolean {
  return status === 400 && !!body && typeof body === "object" && !Array.isArray(body) && "version" in body;
}

// ---------------------------------------------------------------- configuration

export interface TransportSettings {
  /** Called after a failed refresh cleared the session. Default: go to /login?next=... */
  onSignedOut: (next: string) => void;
  /** Wait helper (tests replace it). */
  sleep: (ms: number) => Promise<void>;
  /** Value of Accept-Language. */
  language: () => string;
  /** Maximum number of 429 retries for idempotent requests. */
  maxThrottleRetries: number;
  /** Upper bound for one wait after a 429, in ms. */
  maxThrottleWaitMs: number;
}

function currentLocation(): string {
  if (typeof window === "undefined") return "/";
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}

const defaults: TransportSettings = {
  onSignedOut: (next) => {
    if (typeof window === "undefined") return;
    if (window.location.pathname === "/login") return;
    window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  language: () => (typeof navigator !== "undefined" && navigator.language) || "en",
  maxThrottleRetries: 3,
  maxThrottleWaitMs: 30_000,
};

let settings: TransportSettings = { ...defaults };

export function configureTransport(changes: Partial<TransportSettings>): void {
  settings = { ...settings, ...changes };
}

export function resetTransport(): void {
  settings = { ...defaults };
  refreshing = null;
}

// ---------------------------------------------------------------- URL building

export function buildUrl(path: string, query?: Query): string {
  const base = getConfig().api;
  const url = /^https?:\/\//.test(path) ? path : `${base}${path.startsWith("/") ? "" : "/"}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(","));
    } else {
      params.set(key, value === null ? "null" : String(value));
    }
  }
  const qs = params.toString();
  if (!qs) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${qs}`;
}

// ---------------------------------------------------------------- headers

export function parsePagination(headers: Headers): Pagination | null {
  const current = headers.get("x-pagination-current");
  const paginated = headers.get("x-paginated");
  if (current === null && paginated === null) return null;
  const num = (name: string) => {
    const raw = headers.get(name);
    if (raw === null || raw === "") return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  };
  return {
    count: num("x-pagination-count"),
    current: num("x-pagination-current") ?? 1,
    perPage: num("x-paginated-by"),
    next: headers.get("x-pagination-next") || null,
    prev: headers.get("x-pagination-prev") || null,
  };
}

/** Reads a `Taiga-Info-*` header: `taigaInfo(headers, "userstories-without-swimlane")`. */
export function taigaInfo(headers: Headers, name: string): string | null {
  const full = name.toLowerCase().startsWith("taiga-info-") ? name : `taiga-info-${name}`;
  return headers.get(full);
}

/** All `Taiga-Info-*` headers as a record with the prefix removed (lower case names). */
export function taigaInfoAll(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    const lower = key.toLowerCase();
    if (lower.startsWith("taiga-info-")) out[lower.slice("taiga-info-".length)] = value;
  });
  return out;
}

// ---------------------------------------------------------------- the request

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["GET", "PUT", "DELETE"]);

async function parseBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return null;
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json") || /^[[{"]/.test(text.trim()) || /^(-?\d|true$|false$|null$)/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    if (init.signal?.aborted) throw error;
    throw new NetworkError(error);
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * Refreshes the session once; concurrent callers share the same attempt.
 * Resolves true when a new token is stored, false when the refresh was refused.
 * Network failures reject with NetworkError (the session is kept).
 */
function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const session = getSession();
      if (!session) return false;
      const response = await send(buildUrl("/auth/refresh"), {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": settings.language() },
        body: JSON.stringify({ refresh: session.refresh }),
        credentials: "omit",
      });
      const body = await parseBody(response);
      if (response.ok && body && typeof body === "object" && "auth_token" in body) {
        const tokens = body as { auth_token: string; refresh?: string };
        setSession({ token: tokens.auth_token, refresh: tokens.refresh ?? session.refresh });
        return true;
      }
      return false;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function signOut(): never {
  const next = currentLocation();
  clearSession();
  settings.onSignedOut(next);
  throw new ApiError(401, null, "Your session has expired. Please sign in again.");
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? "GET";
  const useAuth = options.auth !== false;
  const url = buildUrl(path, options.query);
  const isForm = typeof FormData !== "undefined" && options.body instanceof FormData;

  const baseHeaders: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": settings.language(),
    ...options.headers,
  };
  if (options.body !== undefined && !isForm) baseHeaders["Content-Type"] = "application/json";
  if (options.disablePagination) baseHeaders["x-disable-pagination"] = "True";
  const body = options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body);

  let refreshed = false;
  let throttleRetries = 0;

  for (;;) {
    const headers = { ...baseHeaders };
    const token = useAuth ? getSession()?.token : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;

    const response = await send(url, { method, headers, body, signal: options.signal, credentials: "omit" });

    if (response.status === 401 && useAuth && token) {
      // Another request may already have refreshed while this one was in flight.
      const latest = getSession()?.token;
      if (latest && latest !== token && !refreshed) {
        refreshed = true;
        continue;
      }
      if (!refreshed) {
        refreshed = true;
        if (await refreshSession()) continue;
      }
      signOut();
    }

    if (response.status === 429 && IDEMPOTENT.has(method) && throttleRetries < settings.maxThrottleRetries) {
      throttleRetries += 1;
      const retryAfter = Number(response.headers.get("retry-after") ?? response.headers.get("x-throttle-wait-seconds"));
      const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** (throttleRetries - 1);
      await settings.sleep(Math.min(waitMs, settings.maxThrottleWaitMs));
      continue;
    }

    const data = await parseBody(response);
    if (!response.ok) {
      if (isConflictBody(response.status, data)) throw new ConflictError(response.status, data, options.body);
      throw new ApiError(response.status, data);
    }
    return {
      data: data as T,
      status: response.status,
      headers: response.headers,
      pagination: parsePagination(response.headers),
    };
  }
}

/** `request` returning only the body. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await request<T>(path, options)).data;
}

export const http = {
  get: <T>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}) => api<T>(path, { ...options, method: "GET" }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, "method" | "body"> = {}) =>
    api<T>(path, { ...options, method: "POST", body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, "method" | "body"> = {}) =>
    api<T>(path, { ...options, method: "PUT", body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, "method" | "body"> = {}) =>
    api<T>(path, { ...options, method: "PATCH", body }),
  delete: <T = null>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}) =>
    api<T>(path, { ...options, method: "DELETE" }),
};

/** Safety net against a server that never stops announcing a next page. */
const MAX_PAGES = 1000;

/**
 * Reads every page of a paginated list by following `x-pagination-next`
 * (page numbers are computed locally, so the server's absolute URLs never matter).
 */
export async function getAllPages<T>(path: string, options: Omit<RequestOptions, "method" | "body"> = {}): Promise<T[]> {
  const items: T[] = [];
  // With `x-disable-pagination` the first request carries no `page`: taiga-back answers that pair
  // with a 500 on some endpoints (history), finding no page once pagination is off. A server that
  // pages anyway is followed without the header from its second page on.
  let pageOptions = options;
  let page = Number(options.query?.page ?? 1) || 1;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const first = i === 0 && options.disablePagination;
    const query = first ? withoutPage(options.query) : { ...options.query, page };
    const response = await request<T[]>(path, { ...pageOptions, method: "GET", query });
    if (!Array.isArray(response.data)) throw new ApiError(response.status, response.data, "Expected a list from the server.");
    items.push(...response.data);
    if (!response.pagination?.next) return items;
    page = response.pagination.current + 1;
    pageOptions = { ...options, disablePagination: false };
  }
  return items;
}

function withoutPage(query: Query | undefined): Query | undefined {
  if (!query || !("page" in query)) return query;
  const rest = { ...query };
  delete rest.page;
  return rest;
}

/** Reads a JSON file by absolute or root-relative URL, outside the API (used for /config.json). */
export async function loadJson(url: string): Promise<unknown> {
  const response = await send(url, { headers: { Accept: "application/json" }, credentials: "omit", cache: "no-cache" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error("the file is not valid JSON");
  }
}

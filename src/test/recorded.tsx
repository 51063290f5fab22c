/**
 * The client against recorded real Taiga exchanges (fixtures/taiga-recordings).
 *
 * An msw server answers each request with a recorded response (status, headers, body) and keeps
 * what the client sent, which is then held against the recorded request: method, path, query, body
 * and the headers Taiga was sent. `endpointTests` drives one test per endpoint from a table of cases
 * (src/api/<resource>.test.tsx): the typed function, then its hook — a read hook must store the
 * answer under its query key, a mutation hook must leave stale, drop or store the entries it names and leave the others alone.
 */
import { Blob as NodeBlob, File as NodeFile } from "node:buffer";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { QueryClient, QueryClientProvider, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { http as mswHttp, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setConfig } from "../config";
import { ApiError, ConflictError, resetTransport } from "../api/http";
import type { ResourceKeys } from "../api/keys";
import { clearSession, setSession } from "../api/session";

export const API_BASE = "http://taiga.test/api/v1";
const API_PREFIX = "/api/v1";
const TOKEN = "recorded-test-token";

/** The recordings travel with the repository; tests run from its root. */
const RECORDINGS_DIR = join(process.cwd(), "fixtures", "taiga-recordings");

export interface Recording {
  title: string;
  request: { method: string; path: string; as: string; headers: Record<string, string>; body: unknown };
  response: {
    status: number;
    headers: Record<string, string>;
    extra_headers?: Record<string, string>;
    body: unknown;
    body_note?: string;
  };
}

/** `recording("epics/004")` loads `epics/004-*.json`. */
export function recording(id: string): Recording {
  const [folder, num] = id.split("/") as [string, string];
  const dir = join(RECORDINGS_DIR, folder);
  const files = readdirSync(dir).filter((f) => f === `${num}.json` || f.startsWith(`${num}-`));
  if (files.length !== 1) throw new Error(`recording ${id}: ${files.length} files`);
  return JSON.parse(readFileSync(join(dir, files[0]!), "utf8")) as Recording;
}

/** The recorded request's path below /api/v1 and its query. */
export function recordedUrl(rec: Recording): { path: string; query: [string, string][] } {
  const url = new URL(rec.request.path, "http://recorded");
  return { path: url.pathname.replace(API_PREFIX, ""), query: sortedEntries(url.searchParams) };
}

/** What the recorded answer means to the client: its JSON body, `null` when it was empty. */
export function recordedAnswer(rec: Recording): unknown {
  return rec.response.body ?? null;
}

function sortedEntries(params: URLSearchParams): [string, string][] {
  return [...params.entries()].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
}

// ---------------------------------------------------------------- what the client sent

export interface Sent {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  /** Parsed JSON, a `{field: value}` description of a multipart form (as the recordings describe one), or null. */
  body: unknown;
}

function describeFile(file: File): string {
  return `<file ${file.name}, ${file.type}, ${file.size} bytes>`;
}

async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const fields: Record<string, string> = {};
    form.forEach((value, name) => {
      fields[name] = typeof value === "string" ? value : describeFile(value as File);
    });
    return fields;
  }
  const text = await request.text();
  if (!text) return null;
  return JSON.parse(text) as unknown;
}

/** The request headers the recordings keep, as the client sent them. */
const RECORDED_HEADERS = ["content-type", "x-disable-pagination", "accept-language", "set-orders"];

/** Held against a recording: method, path, query, body, the recorded headers and the token. */
export function expectSentLikeRecording(sent: Sent | undefined, rec: Recording): void {
  expect(sent, `no request reached ${rec.request.method} ${rec.request.path}`).toBeDefined();
  const { path, query } = recordedUrl(rec);
  expect({ method: sent!.method, path: sent!.path, query: sent!.query }).toEqual({ method: rec.request.method, path, query });
  expect(sent!.body).toEqual(rec.request.body ?? null);
  for (const name of RECORDED_HEADERS) {
    const recorded = rec.request.headers[name];
    if (recorded === undefined) continue;
    const mine = sent!.headers[name];
    if (name === "content-type" && recorded.startsWith("multipart/form-data")) expect(mine).toMatch(/^multipart\/form-data; boundary=/);
    else expect(mine, `header ${name}`).toBe(recorded);
  }
  // The client sends its token unless the exchange was anonymous (and only then).
  if (rec.request.as === "anonymous") expect(sent!.headers.authorization).toBeUndefined();
  else expect(sent!.headers.authorization).toBe(`Bearer ${TOKEN}`);
}

// ---------------------------------------------------------------- the server

/**
 * An msw server for one test file (registered with the file's lifecycle hooks). `serve(rec)` answers
 * the recorded request's method and path with the recorded answer, any number of times, and returns
 * the list the requests it answered are pushed to. Unanswered requests fail the test.
 */
export function recordedServer() {
  const server = setupServer();
  // Uploads: fetch here is Node's, which cannot read jsdom's FormData, File and Blob (a browser's
  // fetch reads its own). Node's classes stand in from here (the test file's cases are built after
  // this call) until the file's tests are over.
  const jsdomForms = { FormData: globalThis.FormData, File: globalThis.File, Blob: globalThis.Blob };
  globalThis.File = NodeFile as unknown as typeof File;
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
  globalThis.FormData = NODE_FORM_DATA;
  beforeAll(() => {
    setConfig({ api: API_BASE });
    server.listen({ onUnhandledRequest: "error" });
  });
  afterEach(() => {
    server.resetHandlers();
    resetTransport();
    clearSession();
  });
  afterAll(() => {
    server.close();
    Object.assign(globalThis, jsdomForms);
  });

  return {
    serve(rec: Recording): Sent[] {
      const sent: Sent[] = [];
      const { path } = recordedUrl(rec);
      const method = rec.request.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
      server.use(
        mswHttp[method](`${API_BASE}${path}`, async ({ request }) => {
          const url = new URL(request.url);
          const headers: Record<string, string> = {};
          request.headers.forEach((value, name) => {
            headers[name] = value;
          });
          sent.push({ method: request.method, path: url.pathname.replace(API_PREFIX, ""), query: sortedEntries(url.searchParams), headers, body: await readBody(request) });
          const answer = rec.response.body;
          let responseHeaders: Record<string, string> = { ...rec.response.headers, ...rec.response.extra_headers };
          // Asked for the whole list where the recording asked for a page: Taiga answers the same rows
          // without pagination headers (compare epics/001 and epics/002).
          if (headers["x-disable-pagination"] !== undefined && rec.request.headers["x-disable-pagination"] === undefined) {
            responseHeaders = Object.fromEntries(Object.entries(responseHeaders).filter(([name]) => !/^x-pagina/.test(name)));
          }
          return new HttpResponse(answer === null || answer === undefined ? null : JSON.stringify(answer), {
            status: rec.response.status,
            headers: responseHeaders,
          });
        }),
      );
      return sent;
    },
  };
}

/** Node's own FormData class (the one its fetch serialises), taken from a form it parses. */
const NODE_FORM_DATA = (
  await new Response("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n", {
    headers: { "content-type": "multipart/form-data; boundary=b" },
  }).formData()
).constructor as typeof FormData;

/** Signs the client in (any token: the recorded server does not check it) unless the exchange was anonymous. */
export function signInFor(rec: Recording): void {
  if (rec.request.as === "anonymous") clearSession();
  else setSession({ token: TOKEN, refresh: "recorded-refresh" });
}

// ---------------------------------------------------------------- one test per endpoint

export const newTestClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, gcTime: Infinity }, mutations: { retry: false } } });

export const clientWrapper = (client: QueryClient) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };

/** A read hook: what it renders and the key it stores the answer under. */
export interface ReadHook {
  useHook: () => UseQueryResult<unknown>;
  key: QueryKey;
  /** What the hook holds for the function's result, when not the result itself (an infinite query's pages). */
  data?: (result: unknown) => unknown;
}

/** A mutation hook: what it is given, and which cache entries the answer must touch. */
export interface MutationHook {
  useHook: () => { mutateAsync: (...args: never[]) => Promise<unknown>; isError: boolean };
  variables: unknown;
  /** Entries that must be stale afterwards (seeded before the call). */
  invalidates: QueryKey[];
  /** Entries that must be gone afterwards (seeded before). */
  removes?: QueryKey[];
  /** Entries that must hold the answer afterwards (seeded with an older value before). */
  stores?: QueryKey[];
  /** Entries that must stay fresh (seeded before). */
  untouched?: QueryKey[];
  /** Anything else the answer must have done (the session a sign-in stores, say). */
  check?: (client: QueryClient, rec: Recording) => void;
}

export interface EndpointCase {
  /** `folder/NNN` of the exchange. */
  recording: string;
  /** The typed endpoint function, called as the recorded request was made. */
  call: () => Promise<unknown>;
  /** The typed result expected from the answer (default: the answer's body, null when empty). */
  result?: (answer: unknown, rec: Recording) => unknown;
  read?: ReadHook;
  mutation?: MutationHook;
}

/** `"GET /epics/{id}"` -> method and a path pattern (`{...}` is one path segment). */
export function parseEndpointId(id: string): { method: string; pattern: RegExp } {
  const [method, path] = id.split(" ") as [string, string];
  const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map(escape).join("[^/]+")}$`);
  return { method, pattern };
}

async function runCall(c: EndpointCase, rec: Recording): Promise<void> {
  const ok = rec.response.status < 400;
  if (ok) {
    const value = await c.call();
    const answer = recordedAnswer(rec);
    expect(value).toEqual(c.result ? c.result(answer, rec) : answer);
  } else {
    const error = await c.call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(rec.response.status);
    if (rec.response.status === 400 && rec.response.body && typeof rec.response.body === "object" && "version" in rec.response.body) {
      expect(error).toBeInstanceOf(ConflictError);
    }
  }
}

async function runRead(read: ReadHook, c: EndpointCase, rec: Recording): Promise<void> {
  const client = newTestClient();
  const { result } = renderHook(read.useHook, { wrapper: clientWrapper(client) });
  if (rec.response.status < 400) {
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const answer = recordedAnswer(rec);
    const result_ = c.result ? c.result(answer, rec) : answer;
    const expected = read.data ? read.data(result_) : result_;
    expect(result.current.data).toEqual(expected);
    expect(client.getQueryData(read.key)).toEqual(expected);
  } else {
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect((result.current.error as ApiError).status).toBe(rec.response.status);
  }
}

const SEEDED = { seeded: true };

async function runMutation(m: MutationHook, rec: Recording): Promise<void> {
  const client = newTestClient();
  const all = [...m.invalidates, ...(m.removes ?? []), ...(m.stores ?? []), ...(m.untouched ?? [])];
  for (const key of all) client.setQueryData(key, SEEDED);
  const { result } = renderHook(m.useHook, { wrapper: clientWrapper(client) });
  const mutate = result.current.mutateAsync as (variables: unknown) => Promise<unknown>;
  if (rec.response.status >= 400) {
    // A refused write changes nothing in the cache.
    await act(() => mutate(m.variables).catch(() => undefined));
    await waitFor(() => expect(result.current.isError).toBe(true));
    for (const key of all) expect(client.getQueryData(key), `kept: ${JSON.stringify(key)}`).toEqual(SEEDED);
    for (const key of all) expect(client.getQueryState(key)?.isInvalidated, `fresh after a refusal: ${JSON.stringify(key)}`).toBe(false);
    return;
  }
  await act(() => mutate(m.variables));
  for (const key of m.invalidates) expect(client.getQueryState(key)?.isInvalidated, `stale: ${JSON.stringify(key)}`).toBe(true);
  for (const key of m.removes ?? []) expect(client.getQueryData(key), `removed: ${JSON.stringify(key)}`).toBeUndefined();
  for (const key of m.stores ?? []) expect(client.getQueryData(key), `stored: ${JSON.stringify(key)}`).toEqual(expect.objectContaining(recordedAnswer(rec) as object));
  for (const key of m.untouched ?? []) expect(client.getQueryState(key)?.isInvalidated, `fresh: ${JSON.stringify(key)}`).toBe(false);
  m.check?.(client, rec);
}

/**
 * One test per endpoint, named by its id (`"GET /epics/{id}"`, the id of src/api/coverage.ts): the
 * recording must be that endpoint's; the function must send what was recorded and return the typed
 * answer; the hook must send it again and store, remove or invalidate what it should.
 */
export function endpointTests(title: string, server: ReturnType<typeof recordedServer>, cases: Record<string, EndpointCase>): void {
  describe(title, () => {
    for (const [id, c] of Object.entries(cases)) {
      it(id, async () => {
        const rec = recording(c.recording);
        const { method, pattern } = parseEndpointId(id);
        expect(rec.request.method, `${c.recording} is not a ${method}`).toBe(method);
        expect(recordedUrl(rec).path, `${c.recording} is not ${id}`).toMatch(pattern);

        const sent = server.serve(rec);
        signInFor(rec);
        await runCall(c, rec);
        expect(sent).toHaveLength(1);
        expectSentLikeRecording(sent[0], rec);

        if (c.read) await runRead(c.read, c, rec);
        if (c.mutation) await runMutation(c.mutation, rec);
        expect(c.read || c.mutation, `${id}: no hook under test`).toBeTruthy();
        if (sent.length > 1) expectSentLikeRecording(sent[1], rec);
        expect(sent).toHaveLength(2);
      });
    }
  });
}

// ---------------------------------------------------------------- resources of the usual shape

/** What the driver needs of a resource definition (src/api/resource.ts). */
interface DerivedResource {
  path: string;
  keys: ResourceKeys;
  actions: readonly string[];
  occ: boolean;
}

/** A member of the resource, called loosely (the recordings give the arguments). */
type Member = (...args: unknown[]) => never;

export interface ResourceTestOptions {
  /** The project the recordings are about, where a recording does not say (a DELETE). */
  project: number;
  /** What every create, edit, delete and reorder in a project must leave stale (besides the object's own entries). */
  stale: (project: number) => QueryKey[];
  /** What they must leave alone (another project's entries, say). */
  untouched: (project: number) => QueryKey[];
}

/** The project a recorded exchange is about: its body's, its answer's or its query's, else the default. */
function projectOf(rec: Recording, fallback: number): number {
  const body = (rec.request.body ?? {}) as Record<string, unknown>;
  const answer = (rec.response.body && typeof rec.response.body === "object" && !Array.isArray(rec.response.body) ? rec.response.body : {}) as Record<string, unknown>;
  const query = new URL(rec.request.path, "http://recorded").searchParams.get("project");
  const found = body.project ?? body.project_id ?? answer.project ?? (query === null ? undefined : Number(query));
  return typeof found === "number" ? found : fallback;
}

/**
 * The case of one endpoint of a resource definition, derived from its recording: which action the
 * method and path are, its arguments (ids, project, filters, body, version, moveTo), the hook and
 * the cache entries it must touch.
 */
export function resourceCase(resource: DerivedResource, recordingId: string, options: ResourceTestOptions): EndpointCase {
  const rec = recording(recordingId);
  const { path, query } = recordedUrl(rec);
  const q = Object.fromEntries(query) as Record<string, string>;
  const method = rec.request.method;
  const rest = path.slice(resource.path.length);
  const body = rec.request.body as Record<string, unknown> | null;
  const r = resource as unknown as Record<string, Member>;
  const k = resource.keys;
  const project = projectOf(rec, options.project);
  const stale = options.stale(project);
  const untouched = options.untouched(project);
  const [, idText, action] = /^\/([^/]+)(?:\/([a-z_]+))?$/.exec(rest) ?? [];
  const id = idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : idText;

  if (method === "GET" && rest === "") {
    if (resource.actions.includes("list")) {
      const { project: p, ...filters } = q;
      return { recording: recordingId, call: () => r.list!(Number(p), filters), read: { useHook: () => r.useList!(Number(p), filters), key: k.list(Number(p), filters) } };
    }
    return { recording: recordingId, call: () => r.listAll!(q), read: { useHook: () => r.useListAll!(q), key: k.listAll(q) } };
  }
  if (method === "GET" && rest === "/by_ref") {
    const [p, ref] = [Number(q.project), Number(q.ref)];
    return { recording: recordingId, call: () => r.getByRef!(p, ref), read: { useHook: () => r.useByRef!(p, ref), key: k.byRef(p, ref) } };
  }
  if (method === "GET" && rest === "/filters_data") {
    const { project: p, ...filters } = q;
    return {
      recording: recordingId,
      call: () => r.getFiltersData!(Number(p), filters),
      read: { useHook: () => r.useFiltersData!(Number(p), filters), key: k.filtersData(Number(p), filters) },
    };
  }
  if (method === "GET" && id !== undefined && action === undefined) {
    return { recording: recordingId, call: () => r.get!(id), read: { useHook: () => r.useDetail!(id), key: k.detail(id) } };
  }
  if (method === "GET" && (action === "watchers" || action === "voters")) {
    const use = action === "watchers" ? r.useWatchers! : r.useVoters!;
    return { recording: recordingId, call: () => r[action]!(id), read: { useHook: () => use(id), key: k[action](id as number) } };
  }
  if (method === "POST" && (rest === "" || rest === "/bulk_create")) {
    const [fn, hook] = rest === "" ? [r.create!, r.useCreate!] : [r.bulkCreate!, r.useBulkCreate!];
    return { recording: recordingId, call: () => fn(body), mutation: { useHook: hook, variables: body, invalidates: stale, untouched } };
  }
  if (method === "POST" && rest === "/bulk_update_order") {
    const orderKey = Object.keys(body ?? {}).find((name) => name.startsWith("bulk_"))!;
    const p = project;
    return {
      recording: recordingId,
      call: () => r.bulkOrder!(p, body![orderKey]),
      mutation: { useHook: () => r.useBulkOrder!(p), variables: body![orderKey], invalidates: [k.list(p, {}), ...stale], untouched },
    };
  }
  if ((method === "PUT" || method === "PATCH") && action === undefined) {
    const { version, ...changes } = body ?? {};
    const occ = resource.occ && version !== undefined;
    const [fn, hook] = method === "PUT" ? [r.put!, r.usePut!] : [r.patch!, r.usePatch!];
    return {
      recording: recordingId,
      call: () => (occ ? fn(id, changes, version) : fn(id, body)),
      mutation: {
        useHook: hook,
        variables: occ ? { id, changes, version } : { id, changes: body },
        stores: [k.detail(id!)],
        invalidates: stale,
        untouched,
      },
    };
  }
  if (method === "DELETE" && action === undefined) {
    const moveTo = q.moveTo === undefined ? undefined : Number(q.moveTo);
    return {
      recording: recordingId,
      call: () => (moveTo === undefined ? r.remove!(id) : r.remove!(id, moveTo)),
      mutation: { useHook: r.useRemove!, variables: { id, project, ...(moveTo === undefined ? {} : { moveTo }) }, removes: [k.detail(id!)], invalidates: stale, untouched },
    };
  }
  if (method === "POST" && (action === "watch" || action === "unwatch")) {
    return {
      recording: recordingId,
      call: () => r[action]!(id),
      mutation: { useHook: r.useSetWatching!, variables: { object: { id, project }, watch: action === "watch" }, invalidates: [k.watchers(id as number), k.detail(id!)] },
    };
  }
  if (method === "POST" && (action === "upvote" || action === "downvote")) {
    return {
      recording: recordingId,
      call: () => r[action]!(id),
      mutation: { useHook: r.useSetVote!, variables: { object: { id, project }, vote: action === "upvote" }, invalidates: [k.voters(id as number), k.detail(id!), k.list(project, {})] },
    };
  }
  throw new Error(`${recordingId}: ${method} ${path} is not an endpoint of the resource ${resource.path}`);
}

/** One test per endpoint of a resource definition, each derived from its recording (`{ "GET /points": "statuses/058" }`). */
export function resourceEndpointTests(
  title: string,
  server: ReturnType<typeof recordedServer>,
  resource: DerivedResource,
  cases: Record<string, string>,
  options: ResourceTestOptions,
): void {
  endpointTests(title, server, Object.fromEntries(Object.entries(cases).map(([id, rec]) => [id, resourceCase(resource, rec, options)])));
}

/**
 * Taiga's list pagination: on by default, 30 per page, page data in `x-pagination-*` headers, the body
 * a bare array. `x-disable-pagination` (any value) turns it off. See taiga-api/conventions.md §4.
 */
import type { Context } from "hono";
import { HttpError } from "./errors";
import { json } from "./respond";

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  /** false when `x-disable-pagination` was sent: return everything */
  paginated: boolean;
  pageSize: number;
  /** requested page: a number >= 1, "last", or null when invalid (answered 404 once the count is known) */
  page: number | "last" | null;
}

const badPage = (): HttpError => new HttpError(404, { _error_message: "Page is not 'last', nor can it be converted to an int." });

/** Reads `page`, `page_size` and `x-disable-pagination` from the request. */
export function readPageRequest(c: Context): PageRequest {
  const paginated = c.req.header("x-disable-pagination") === undefined;
  const sizeRaw = c.req.query("page_size");
  let pageSize = DEFAULT_PAGE_SIZE;
  if (sizeRaw !== undefined && /^\d+$/.test(sizeRaw)) {
    const n = Number(sizeRaw);
    if (n > 0) pageSize = Math.min(n, MAX_PAGE_SIZE);
  }
  const pageRaw = c.req.query("page");
  let page: PageRequest["page"] = 1;
  if (pageRaw !== undefined) {
    if (pageRaw === "last") page = "last";
    else if (/^\d+$/.test(pageRaw) && Number(pageRaw) >= 1) page = Number(pageRaw);
    else page = null;
  }
  return { paginated, pageSize, page };
}

/** Absolute URL of the request with `page` replaced (appended last, as Taiga does). */
function pageUrl(c: Context, page: number): string {
  const url = new URL(c.req.url);
  url.searchParams.delete("page");
  url.searchParams.append("page", String(page));
  return url.toString();
}

/**
 * Answers a list. `count` is the total number of rows; `fetch(limit, offset)` returns one page
 * (limit = -1 means everything). Throws Taiga's 404 for an invalid page.
 */
export function paginate<T>(
  c: Context,
  count: number,
  fetch: (limit: number, offset: number) => T[],
  extraHeaders: Record<string, string> = {},
): Response {
  const req = readPageRequest(c);
  if (!req.paginated) return json(c, fetch(-1, 0), 200, extraHeaders);
  const lastPage = Math.max(1, Math.ceil(count / req.pageSize));
  if (req.page === null) throw badPage();
  const page = req.page === "last" ? lastPage : req.page;
  if (page > lastPage) {
    if (c.req.header("x-lazy-pagination") !== undefined && page > 1) {
      throw new HttpError(404, { _error_message: `Invalid page (${page}): That page contains no results` });
    }
    throw badPage();
  }
  const rows = fetch(req.pageSize, (page - 1) * req.pageSize);
  const headers: Record<string, string> = {
    ...extraHeaders,
    "x-paginated": "true",
    "x-paginated-by": String(req.pageSize),
    "x-pagination-count": String(count),
    "x-pagination-current": String(page),
  };
  // x-lazy-pagination: Taiga's paginator that does not count (no x-pagination-count)
  if (c.req.header("x-lazy-pagination") !== undefined) delete headers["x-pagination-count"];
  if (page < lastPage) headers["x-pagination-next"] = pageUrl(c, page + 1);
  if (page > 1) headers["x-pagination-prev"] = pageUrl(c, page - 1);
  return json(c, rows, 200, headers);
}

/** Same as `paginate` for a list already in memory. */
export function paginateArray<T>(c: Context, items: T[], extraHeaders: Record<string, string> = {}): Response {
  return paginate(c, items.length, (limit, offset) => (limit < 0 ? items : items.slice(offset, offset + limit)), extraHeaders);
}

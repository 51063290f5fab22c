/** URL and query parameters with Taiga's error answers. */
import type { Ctx } from "./context";
import { badRequest, notFound } from "./errors";

/** A numeric path parameter; anything else is Taiga's 404 `{"_error_message": ""}`. */
export function idParam(c: Ctx, name = "id"): number {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,15}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** An optional integer query parameter; not an integer -> 400 "'name' must be an integer value.". */
export function intQuery(c: Ctx, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^-?\d{1,15}$/.test(raw.trim())) throw badRequest(`'${name}' must be an integer value.`);
  return Number(raw);
}

/** A comma list of ids (`?status=1,2,null`); a bad token -> 400 "Wrong arguments.". */
export function idListQuery(c: Ctx, name: string): { ids: number[]; includeNull: boolean } | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  const ids: number[] = [];
  let includeNull = false;
  for (const token of raw.split(",")) {
    const t = token.trim();
    if (t === "null") includeNull = true;
    else if (/^\d{1,15}$/.test(t)) ids.push(Number(t));
    else throw badRequest("Wrong arguments.");
  }
  return { ids, includeNull };
}

/** A boolean filter value: `true`/`false`/`1`/`0`; anything else -> 400 "Error in filter params types.". */
export function boolQuery(c: Ctx, name: string): boolean | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  const v = raw.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw badRequest("Error in filter params types.");
}

/** Switch parameters test presence and non-emptiness (`include_tasks=0` still switches on). */
export function switchQuery(c: Ctx, name: string): boolean {
  const raw = c.req.query(name);
  return raw !== undefined && raw !== "";
}

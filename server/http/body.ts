/**
 * Request bodies: JSON parsing with Taiga's ParseError, a size limit (413), and a small validator that
 * produces DRF-style field errors (`{"field": ["This field is required."]}`).
 */
import type { Ctx } from "./context";
import { parseError, payloadTooLarge, validationError } from "./errors";

export type JsonObject = Record<string, unknown>;

/** Python json's wording for the position of a syntax error. */
function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  const m = /position (\d+)/.exec(message);
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return `Expecting value: line ${line} column ${column} (char ${pos})`;
}

/** Reads the body as JSON (empty body = `{}`); 400 ParseError if malformed, 413 if too large. */
export async function readJson(c: Ctx): Promise<unknown> {
  const limit = c.var.deps.bodyLimit;
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > limit) throw payloadTooLarge(limit);
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > limit) throw payloadTooLarge(limit);
  const text = new TextDecoder().decode(buf);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw parseError(describeJsonError(text, err));
  }
}

/** Reads the body and requires a JSON object (DRF's "Invalid data" error otherwise). */
export async function readObject(c: Ctx): Promise<JsonObject> {
  const body = await readJson(c);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const got = Array.isArray(body) ? "list" : body === null ? "NoneType" : typeof body === "string" ? "str" : typeof body === "number" ? (Number.isInteger(body) ? "int" : "float") : "bool";
    throw validationError({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
  }
  return body as JsonObject;
}

const pyType = (v: unknown): string =>
  v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v === "string" ? "str" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "boolean" ? "bool" : "dict";

interface FieldOpts {
  required?: boolean;
  allowNull?: boolean;
}

/**
 * Collects field errors in the words of Taiga's bundled DRF 2 (`taiga/base/api/fields.py`; see
 * taiga-api/auth-and-errors.md §7): null or "" for a required field is "This field is required.",
 * integers "Enter a whole number.", booleans "'<v>' value must be either True or False.".
 * (Deviation: lists/objects sent for a text field are refused with "Not a valid string." instead of
 * being turned into their Python repr.) Read fields with the typed getters, then call `check()`,
 * which throws 400 `{"field": ["msg", ...]}` if anything was wrong.
 * A getter returns `undefined` when the field is absent (or invalid), `null` when null was allowed.
 */
export class Validator {
  readonly errors: Record<string, string[]> = {};
  constructor(readonly body: JsonObject) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.body, name);
  }

  fail(name: string, message: string): undefined {
    (this.errors[name] ??= []).push(message);
    return undefined;
  }

  private present(name: string, opts: FieldOpts): "absent" | "null" | "value" {
    if (!this.has(name) || this.body[name] === undefined) {
      if (opts.required) this.fail(name, "This field is required.");
      return "absent";
    }
    if (this.body[name] === null) {
      if (!opts.allowNull && opts.required) this.fail(name, "This field is required.");
      return "null";
    }
    return "value";
  }

  string(name: string, opts: FieldOpts & { allowBlank?: boolean; maxLength?: number; minLength?: number } = {}): string | null | undefined {
    const p = this.present(name, opts);
    if (p === "absent") return undefined;
    if (p === "null") return opts.allowNull ? null : undefined;
    const v = this.body[name];
    if (typeof v !== "string" && typeof v !== "number") return this.fail(name, "Not a valid string.");
    const s = String(v);
    if (s === "" && !opts.allowBlank && opts.required) return this.fail(name, "This field is required.");
    if (opts.maxLength !== undefined && s.length > opts.maxLength)
      return this.fail(name, `Ensure this value has at most ${opts.maxLength} characters (it has ${s.length}).`);
    if (opts.minLength !== undefined && s.length < opts.minLength)
      return this.fail(name, `Ensure this value has at least ${opts.minLength} characters (it has ${s.length}).`);
    return s;
  }

  integer(name: string, opts: FieldOpts & { min?: number } = {}): number | null | undefined {
    const p = this.present(name, opts);
    if (p === "absent") return undefined;
    if (p === "null") return opts.allowNull ? null : undefined;
    const v = this.body[name];
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) return this.fail(name, "Enter a whole number.");
    if (opts.min !== undefined && n < opts.min) return this.fail(name, `Ensure this value is greater than or equal to ${opts.min}.`);
    return n;
  }

  /** A primary key (DRF PrimaryKeyRelatedField wording). Existence is checked by the caller. */
  pk(name: string, opts: FieldOpts = {}): number | null | undefined {
    const p = this.present(name, opts);
    if (p === "absent") return undefined;
    if (p === "null") return opts.allowNull ? null : undefined;
    const v = this.body[name];
    if (typeof v === "number" && Number.isSafeInteger(v)) return v;
    if (typeof v === "string" && /^\d+$/.test(v)) return Number(v);
    return this.fail(name, `Incorrect type. Expected pk value, received ${pyType(v)}.`);
  }

  boolean(name: string, opts: FieldOpts = {}): boolean | null | undefined {
    const p = this.present(name, opts);
    if (p === "absent") return undefined;
    if (p === "null") return opts.allowNull ? null : undefined;
    const v = this.body[name];
    if (typeof v === "boolean") return v;
    if (v === 1 || v === "1" || v === "true" || v === "True") return true;
    if (v === 0 || v === "0" || v === "false" || v === "False") return false;
    return this.fail(name, `'${typeof v === "string" ? v : JSON.stringify(v)}' value must be either True or False.`);
  }

  /** Throws the collected field errors as a 400. */
  check(): void {
    if (Object.keys(this.errors).length > 0) throw validationError(this.errors);
  }
}

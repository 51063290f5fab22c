/**
 * Field readers for the bodies of stories, tasks and issues, in the words of Taiga's bundled DRF 2
 * (taiga-api/auth-and-errors.md §7, the same wording as `Validator` in server/http/body.ts): every
 * error is collected, `check()` throws them all at once as a 400. A reader returns `undefined` when
 * the field is absent or wrong, `null` when null was allowed.
 */
import type { Db } from "../db";
import { validationError } from "../http/errors";
import type { JsonObject } from "../http/body";
import { isIsoDate } from "./dates";

/** Python-ish rendering of a JSON value for messages (`[1, '#ccc']`). */
export function pyRepr(v: unknown): string {
  if (v === null) return "None";
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (typeof v === "object") return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(", ")}}`;
  return String(v);
}

/** Python's type name of a JSON value, for DRF's type errors. */
export const pyType = (v: unknown): string =>
  v === null ? "NoneType" : Array.isArray(v) ? "list" : typeof v === "string" ? "str" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "boolean" ? "bool" : "dict";

const HEX_COLOR = /^#([a-fA-F0-9]{6}|[a-fA-F0-9]{3})$/;

export interface TextOpts {
  required?: boolean;
  /** "" (or only spaces) is accepted */
  blank?: boolean;
  max?: number;
  nullable?: boolean;
}

/**
 * The readers over one body. `textOnlyScalars`: a text field refuses anything but strings and numbers
 * ("Not a valid string."); without it only lists and objects are refused and other scalars become text.
 */
export function itemFields(db: Db, body: JsonObject, opts: { textOnlyScalars: boolean }) {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string): void => {
    (errors[field] ??= []).push(message);
  };
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k) && body[k] !== undefined;

  /** A primary key of `table` (existence checked when a table is given). */
  const pk = (name: string, table: string | undefined, nullable: boolean): number | null | undefined => {
    if (!has(name)) return undefined;
    const v = body[name];
    if (v === null || v === "") {
      if (nullable) return null;
      fail(name, "This field is required.");
      return undefined;
    }
    const id = typeof v === "number" && Number.isSafeInteger(v) ? v : typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
    if (Number.isNaN(id)) {
      fail(name, `Incorrect type. Expected pk value, received ${pyType(v)}.`);
      return undefined;
    }
    if (table && !db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
      fail(name, `Invalid pk '${id}' - object does not exist.`);
      return undefined;
    }
    return id;
  };

  const text = (name: string, o: TextOpts = {}): string | null | undefined => {
    if (!has(name)) {
      if (o.required) fail(name, "This field is required.");
      return undefined;
    }
    const v = body[name];
    if (v === null) {
      if (o.nullable) return null;
      fail(name, o.required ? "This field is required." : "This field may not be null.");
      return undefined;
    }
    if (opts.textOnlyScalars ? typeof v !== "string" && typeof v !== "number" : typeof v === "object") {
      fail(name, "Not a valid string.");
      return undefined;
    }
    const s = String(v);
    // DRF 2 only refuses an empty value: Taiga keeps a subject of spaces as sent
    if (!o.blank && s === "") {
      fail(name, "This field is required.");
      return undefined;
    }
    if (o.max !== undefined && s.length > o.max) {
      fail(name, `Ensure this value has at most ${o.max} characters (it has ${s.length}).`);
      return undefined;
    }
    return s;
  };

  const bool = (name: string): boolean | undefined => {
    if (!has(name)) return undefined;
    const v = body[name];
    if (typeof v === "boolean") return v;
    if (v === 1 || v === "1" || v === "true" || v === "True") return true;
    if (v === 0 || v === "0" || v === "false" || v === "False" || v === "" || v === null) return false;
    fail(name, `'${String(v)}' value must be either True or False.`);
    return undefined;
  };

  const int = (name: string): number | undefined => {
    if (!has(name)) return undefined;
    const v = body[name];
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) {
      fail(name, "Enter a whole number.");
      return undefined;
    }
    return n;
  };

  /** `tags`: names or `[name, hex color | null]` pairs (TagsAndTagsColorsField). */
  const tags = (notAList: (v: unknown) => string): { name: string; color: string | null }[] | undefined => {
    if (!has("tags")) return undefined;
    const v = body.tags;
    if (!Array.isArray(v)) {
      fail("tags", notAList(v));
      return undefined;
    }
    const out: { name: string; color: string | null }[] = [];
    for (const tag of v) {
      if (typeof tag === "string") {
        out.push({ name: tag, color: null });
      } else if (Array.isArray(tag) && tag.length === 2 && typeof tag[0] === "string") {
        const color = tag[1] as unknown;
        if (color === null || color === "") out.push({ name: tag[0], color: null });
        else if (typeof color === "string" && HEX_COLOR.test(color)) out.push({ name: tag[0], color });
        else {
          fail("tags", `Invalid tag '${pyRepr(tag)}'. The color is not a valid HEX color or null.`);
          return undefined;
        }
      } else {
        fail("tags", `Invalid tag '${pyRepr(tag)}'. it must be the name or a pair '["name", "hex color/" | null]'.`);
        return undefined;
      }
    }
    return out;
  };

  /** `due_date`: YYYY-MM-DD, or null/"" to clear it. */
  const dueDate = (): string | null | undefined => {
    if (!has("due_date")) return undefined;
    const v = body.due_date;
    if (v === null || v === "") return null;
    if (typeof v === "string" && isIsoDate(v)) return v;
    fail("due_date", "Date has wrong format. Use one of these formats instead: YYYY[-MM[-DD]].");
    return undefined;
  };

  /** `external_reference`: a list or null, kept as sent. */
  const externalReference = (): { value: unknown } | undefined => {
    if (!has("external_reference")) return undefined;
    const v = body.external_reference;
    if (v !== null && !Array.isArray(v)) {
      fail("external_reference", `${pyRepr(v)} is not a list`);
      return undefined;
    }
    return { value: v };
  };

  /** `version` on an update: only its type is checked here (OCC compares it later). */
  const checkVersion = (): void => {
    if (!has("version")) return;
    const v = body.version;
    if (v !== null && v !== "" && !(typeof v === "number" && Number.isSafeInteger(v)) && !(typeof v === "string" && /^\s*-?\d+\s*$/.test(v))) {
      fail("version", "Enter a whole number.");
    }
  };

  /** Throws every collected field error as one 400. */
  const check = (): void => {
    if (Object.keys(errors).length) throw validationError(errors);
  };

  return { errors, fail, has, pk, text, bool, int, tags, dueDate, externalReference, checkVersion, check };
}

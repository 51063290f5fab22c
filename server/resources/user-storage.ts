/**
 * Per-user key/value storage (taiga/userstorage/api.py): `GET/POST /user-storage`,
 * `GET/PUT/PATCH/DELETE /user-storage/{key}`. Every user sees only their own entries (another user's key
 * is simply not found); anonymous callers list nothing and may not write (401). Values are any JSON.
 * There is no upsert: PUT of a missing key is 404 and a duplicate POST is 400.
 */
import { requireUser } from "../http/auth";
import { type JsonObject, readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, notAuthenticated, notFound, validationError } from "../http/errors";
import { paginate } from "../http/pagination";
import { empty, json } from "../http/respond";
import { formatDateTime, nowIso } from "../lib/dates";

interface EntryRow {
  id: number;
  owner_id: number;
  key: string;
  value: string;
  created_date: string;
  modified_date: string;
}

const NOT_FOUND = "No StorageEntry matches the given query.";

const serialize = (e: EntryRow): Record<string, unknown> => ({
  key: e.key,
  value: JSON.parse(e.value) as unknown,
  created_date: formatDateTime(e.created_date),
  modified_date: formatDateTime(e.modified_date),
});

function entryOf(c: Ctx, ownerId: number, key: string): EntryRow | undefined {
  return c.var.deps.db.prepare("SELECT * FROM user_storage WHERE owner_id = ? AND key = ?").get(ownerId, key) as EntryRow | undefined;
}

/** `key` (required on create and PUT, at most 255 characters) and `value` (any JSON, null when absent). */
function validate(body: JsonObject, keyRequired: boolean): { key?: string; value?: unknown } {
  const v = new Validator(body);
  const key = v.string("key", { required: keyRequired, maxLength: 255 });
  if (key === null || (key !== undefined && key.trim() === "")) v.fail("key", "This field is required.");
  v.check();
  return { key: key ?? undefined, value: Object.prototype.hasOwnProperty.call(body, "value") ? body.value : undefined };
}

/** The caller's entry for the URL key: anonymous 401, missing 404 with an empty message (Taiga's update/destroy). */
function ownEntryForWrite(c: Ctx): EntryRow {
  if (!c.var.user) throw notAuthenticated();
  const entry = entryOf(c, c.var.user.id, c.req.param("key") ?? "");
  if (!entry) throw notFound();
  return entry;
}

async function update(c: Ctx, partial: boolean): Promise<Response> {
  const body = await readObject(c);
  const entry = ownEntryForWrite(c);
  const data = validate(body, !partial);
  const key = data.key ?? entry.key;
  if (key !== entry.key && entryOf(c, entry.owner_id, key)) throw validationError({ __all__: ["Storage entry with this Owner and Key already exists."] });
  const value = data.value !== undefined ? data.value : partial ? (JSON.parse(entry.value) as unknown) : null;
  c.var.deps.db.prepare("UPDATE user_storage SET key = ?, value = ?, modified_date = ? WHERE id = ?").run(key, JSON.stringify(value ?? null), nowIso(), entry.id);
  return json(c, serialize(entryOf(c, entry.owner_id, key) as EntryRow));
}

export function registerUserStorage(routes: Routes): void {
  routes.add("/user-storage", {
    GET: (c) => {
      const user = c.var.user;
      if (!user) return paginate(c, 0, () => []);
      const rows = c.var.deps.db.prepare("SELECT * FROM user_storage WHERE owner_id = ? ORDER BY key").all(user.id) as EntryRow[];
      return paginate(c, rows.length, (limit, offset) => (limit < 0 ? rows : rows.slice(offset, offset + limit)).map(serialize));
    },
    POST: async (c) => {
      const body = await readObject(c);
      const key = typeof body.key === "string" ? body.key : undefined;
      if (key && c.var.user && entryOf(c, c.var.user.id, key)) {
        throw badRequest(`Duplicate key value violates unique constraint. Key '${key}' already exists.`);
      }
      const data = validate(body, true);
      const user = requireUser(c);
      const now = nowIso();
      c.var.deps.db
        .prepare("INSERT INTO user_storage (owner_id, key, value, created_date, modified_date) VALUES (?, ?, ?, ?, ?)")
        .run(user.id, data.key, JSON.stringify(data.value ?? null), now, now);
      return json(c, serialize(entryOf(c, user.id, data.key as string) as EntryRow), 201);
    },
  });
  routes.add("/user-storage/:key", {
    GET: (c) => {
      const entry = c.var.user ? entryOf(c, c.var.user.id, c.req.param("key") ?? "") : undefined;
      if (!entry) throw notFound(NOT_FOUND);
      return json(c, serialize(entry));
    },
    PUT: (c) => update(c, false),
    PATCH: (c) => update(c, true),
    DELETE: (c) => {
      const entry = ownEntryForWrite(c);
      c.var.deps.db.prepare("DELETE FROM user_storage WHERE id = ?").run(entry.id);
      return empty(204);
    },
  });
}

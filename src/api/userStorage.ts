/**
 * Per-user storage (`/user-storage/<key>`): JSON values the signed-in user keeps on the server, so
 * preferences follow them to another browser. Keyed by a string (the resource definition's `key`);
 * Taiga has no upsert (PUT of a missing key is 404, a second POST of a key is 400), so
 * `saveUserStorage` patches and creates when the key is new.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "./http";
import { invalidateAll, keys } from "./keys";
import { defineResource } from "./resource";
import type { UserStorageEntry } from "./types";

export const userStorage = defineResource<{
  item: UserStorageEntry;
  detail: UserStorageEntry;
  create: { key: string; value: unknown };
  changes: { key?: string; value: unknown };
  filters: Record<string, never>;
  key: string;
  target: { id: string };
}>()({
  path: "/user-storage",
  keys: keys.userStorage,
  occ: false,
  actions: ["listAll", "get", "create", "put", "patch", "remove"],
  /** A change to one entry touches the list of the user's entries. */
  invalidates: () => [keys.userStorage.lists()],
  refOf: (entry) => ({ id: entry.key }),
});

/**
 * Stores `value` under `key`: `PATCH`, then `POST` when the key does not exist yet. A caller that
 * knows the key is new (it has the user's list of keys) says `exists: false`: `POST` first, then
 * `PATCH` if another browser created the key meanwhile (Taiga's 400 for a duplicate) — so the
 * usual first save asks once and answers no 404.
 */
export async function saveUserStorage<V>(key: string, value: V, options: { exists?: boolean } = {}): Promise<UserStorageEntry<V>> {
  if (options.exists === false) {
    try {
      return (await userStorage.create({ key, value })) as UserStorageEntry<V>;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      return (await userStorage.patch(key, { value })) as UserStorageEntry<V>;
    }
  }
  try {
    return (await userStorage.patch(key, { value })) as UserStorageEntry<V>;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    return (await userStorage.create({ key, value })) as UserStorageEntry<V>;
  }
}

/** Save a value whether or not its key exists. Stores the answer under `keys.userStorage.detail(key)`; invalidates the list. */
export function useSaveUserStorage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value, exists }: { key: string; value: unknown; exists?: boolean }) => saveUserStorage(key, value, { exists }),
    onSuccess: (entry) => {
      client.setQueryData(keys.userStorage.detail(entry.key), entry);
      return invalidateAll(client, [keys.userStorage.lists()]);
    },
  });
}

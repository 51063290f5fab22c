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

/** Stores `value` under `key`: `PATCH`, then `POST` when the key does not exist yet. */
export async function saveUserStorage<V>(key: string, value: V): Promise<UserStorageEntry<V>> {
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
    mutationFn: ({ key, value }: { key: string; value: unknown }) => saveUserStorage(key, value),
    onSuccess: (entry) => {
      client.setQueryData(keys.userStorage.detail(entry.key), entry);
      return invalidateAll(client, [keys.userStorage.lists()]);
    },
  });
}

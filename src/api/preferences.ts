/**
 * Per-user preferences through the user's storage (`/user-storage`), as Taiga's own UI keeps its
 * per-user state there, with this browser's localStorage as the fast first read:
 *
 *   const [folded, setFolded] = usePreference(preferenceKey("kanban-folded", projectId), NONE, parseFlags);
 *
 * - the first render reads localStorage (no waiting for the network);
 * - the user's keys are read once (`GET /user-storage`, one request shared by every view, kept
 *   for the session and refreshed when the window regains focus after a while); the server copy
 *   then wins, unless this browser holds a change the server has not acknowledged yet;
 * - every change goes to localStorage at once and to the server after a short pause (the last
 *   value of a burst of changes is sent once), `POST` for a new key and `PATCH` otherwise.
 *
 * The merge rules are pure and tested in src/lib/preferences.ts. Components using the same key
 * share one value.
 */
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useSyncExternalStore } from "react";
import { readLocalPreference, resolvePreference, sameValue, userIdOfToken, writeLocalPreference } from "../lib/preferences";
import { useSession } from "./auth";
import type { UserStorageEntry } from "./types";
import { saveUserStorage, userStorage } from "./userStorage";

/** Pause after the last change before the server is told (a burst of clicks is one request). */
export const PREFERENCE_WRITE_DELAY_MS = 600;

const listOptions = () => ({ ...userStorage.listAllOptions(), staleTime: 5 * 60_000 });

// ---------------------------------------------------------------- the shared values

type Listener = () => void;
const values = new Map<string, unknown>();
const listeners = new Map<string, Set<Listener>>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const writing = new Map<string, Promise<unknown>>();

function setValue(id: string, value: unknown): void {
  if (values.has(id) && sameValue(values.get(id), value)) return;
  values.set(id, value);
  for (const listener of listeners.get(id) ?? []) listener();
}

function subscribe(id: string, listener: Listener): () => void {
  let set = listeners.get(id);
  if (!set) listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Sends the browser's unsynced value of `key` to the server, after any write of it still under way. */
function push(client: QueryClient, userId: number, key: string): Promise<unknown> {
  const id = `${userId}:${key}`;
  const previous = writing.get(id) ?? Promise.resolve();
  const next = previous.then(async () => {
    const local = readLocalPreference(userId, key);
    if (!local || local.synced) return;
    try {
      // Whether the key is new decides POST or PATCH (Taiga has no upsert; guessing wrong costs a 404).
      const list = await client.ensureQueryData(listOptions());
      const exists = list.some((e) => e.key === key);
      const entry = await saveUserStorage(key, local.value, { exists });
      client.setQueryData<UserStorageEntry[]>(listOptions().queryKey, (old) => (old ? [...old.filter((e) => e.key !== key), entry] : old));
      // Acknowledged, unless the user changed it again while the request was under way.
      const now = readLocalPreference(userId, key);
      if (now && !now.synced && sameValue(now.value, local.value)) writeLocalPreference(userId, key, { value: local.value, synced: true });
    } catch {
      // Left unsynced: the next visit (or the next change) sends it again.
    }
  });
  writing.set(id, next);
  void next.finally(() => {
    if (writing.get(id) === next) writing.delete(id);
  });
  return next;
}

function schedulePush(client: QueryClient, userId: number, key: string, delay: number): void {
  const id = `${userId}:${key}`;
  clearTimeout(timers.get(id));
  timers.set(
    id,
    setTimeout(() => {
      timers.delete(id);
      void push(client, userId, key);
    }, delay),
  );
}

/** Test hook: forget the shared values and pending timers. */
export function resetPreferencesForTests(): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  values.clear();
  writing.clear();
}

// ---------------------------------------------------------------- the hook

export type PreferenceUpdate<V> = V | ((previous: V) => V);

/**
 * A preference of the signed-in user, `[value, set]`. `fallback` (a constant: it is the value
 * while nothing is stored) and `parse` (stored JSON -> a valid value, or `undefined`) describe it.
 */
export function usePreference<V>(key: string, fallback: V, parse: (raw: unknown) => V | undefined): [V, (update: PreferenceUpdate<V>) => void] {
  const client = useQueryClient();
  const userId = userIdOfToken(useSession()?.token);
  const id = `${userId ?? "anonymous"}:${key}`;

  const read = useCallback((): V => {
    if (!values.has(id)) {
      const local = userId === null ? null : readLocalPreference(userId, key);
      values.set(id, resolvePreference(local, undefined, fallback, parse).value);
    }
    return values.get(id) as V;
  }, [id, userId, key, fallback, parse]);
  const value = useSyncExternalStore(
    useCallback((listener: Listener) => subscribe(id, listener), [id]),
    read,
    read,
  );

  // The server's copy, once it is known (and again whenever the list is refreshed).
  const list = useQuery({ ...listOptions(), enabled: userId !== null });
  useEffect(() => {
    if (!list.data || userId === null) return;
    const entry = list.data.find((e) => e.key === key);
    const resolved = resolvePreference(readLocalPreference(userId, key), entry ? { value: entry.value } : null, fallback, parse);
    writeLocalPreference(userId, key, resolved.local);
    setValue(id, resolved.value);
    if (resolved.push) schedulePush(client, userId, key, 0);
  }, [list.data, userId, key, id, fallback, parse, client]);

  const set = useCallback(
    (update: PreferenceUpdate<V>) => {
      const previous = read();
      const next = typeof update === "function" ? (update as (previous: V) => V)(previous) : update;
      setValue(id, next);
      if (userId === null) return;
      writeLocalPreference(userId, key, { value: next, synced: false });
      schedulePush(client, userId, key, PREFERENCE_WRITE_DELAY_MS);
    },
    [read, id, userId, key, client],
  );
  return [value, set];
}

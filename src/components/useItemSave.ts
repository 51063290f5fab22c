/**
 * Saving an item with the version the user saw, and the conflict flow when Taiga says someone
 * else saved first: fetch the current object, compare field by field, and either resubmit at
 * once (nobody touched the user's fields) or open the conflict prompt and wait for the choice.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ConflictError } from "../api/http";
import { errorText } from "./ErrorMessage";
import { useToast } from "./toast";
import { describeConflict, keepMineChanges, realConflicts, takeTheirsChanges, type FieldConflict } from "../lib/conflict";
import { fetchById, storeItem, usePatchItem, type AnyItem, type ItemChanges, type ItemKind } from "../lib/itemKinds";

/**
 * - saved: the change is on the server (possibly after "keep mine");
 * - dropped: the user took theirs;
 * - editing: the user went back to the editor (or closed the prompt) — keep their text;
 *   `current` is the object they have now seen, the base for their next save;
 * - failed: any other error (already explained in a toast) — keep their text.
 */
export type SaveOutcome = { status: "saved"; item: AnyItem } | { status: "dropped" } | { status: "editing"; current: AnyItem } | { status: "failed" };

export interface PendingConflict {
  changes: ItemChanges;
  conflicts: FieldConflict[];
  current: AnyItem;
  resolve: (outcome: SaveOutcome) => void;
}

const AUTO_RETRIES = 2;

export function useItemSave(kind: ItemKind) {
  const patch = usePatchItem(kind);
  const client = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<PendingConflict | null>(null);
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<PendingConflict | null>(null);

  const attempt = useCallback(
    async (firstChanges: ItemChanges, firstBase: AnyItem): Promise<SaveOutcome> => {
      let changes = firstChanges;
      let base = firstBase;
      for (let retries = AUTO_RETRIES; ; retries -= 1) {
        try {
          const item = await patch(base.id, changes, base.version);
          return { status: "saved", item };
        } catch (error) {
          if (!(error instanceof ConflictError)) {
            toast.error(`Could not save: ${errorText(error)}`);
            return { status: "failed" };
          }
          let current: AnyItem;
          try {
            current = await fetchById(kind, base.id);
          } catch (reloadError) {
            toast.error(`Someone else changed this item, and it could not be reloaded: ${errorText(reloadError)}`);
            return { status: "failed" };
          }
          storeItem(client, kind, current);
          const conflicts = describeConflict(changes, base as unknown as Record<string, unknown>, current as unknown as Record<string, unknown>);
          if (realConflicts(conflicts).length === 0 && retries > 0) {
            // Nobody else changed what this user changed: their save goes on top of the new version.
            changes = keepMineChanges(changes) as ItemChanges;
            base = current;
            continue;
          }
          const seen = { changes, conflicts, current };
          return new Promise<SaveOutcome>((resolve) => {
            const next = { ...seen, resolve };
            pendingRef.current = next;
            setPending(next);
          });
        }
      }
    },
    [patch, client, kind, toast],
  );

  const save = useCallback((changes: ItemChanges, base: AnyItem) => attempt(changes, base), [attempt]);

  const take = () => {
    const p = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    return p;
  };

  const keepMine = async () => {
    const p = take();
    if (!p) return;
    setBusy(true);
    const outcome = await attempt(keepMineChanges(p.changes) as ItemChanges, p.current);
    setBusy(false);
    p.resolve(outcome.status === "failed" ? { status: "editing", current: p.current } : outcome);
  };

  const takeTheirs = async () => {
    const p = take();
    if (!p) return;
    const rest = takeTheirsChanges(p.changes, p.conflicts);
    if (rest) {
      setBusy(true);
      await attempt(rest as ItemChanges, p.current);
      setBusy(false);
    }
    p.resolve({ status: "dropped" });
  };

  const backToEditor = () => {
    const p = take();
    p?.resolve({ status: "editing", current: p.current });
  };

  return { save, pending, busy, keepMine, takeTheirs, backToEditor };
}

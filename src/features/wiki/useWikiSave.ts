/**
 * Saving a wiki page with the version the user started from, and the conflict flow when Taiga
 * says someone else saved first (the same rules as items, src/lib/conflict.ts): fetch the page,
 * compare, resubmit at once when nobody touched the content, otherwise wait for the user's choice
 * in the shared conflict prompt. The caller keeps the text until the outcome says it is saved.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ConflictError } from "../../api/http";
import type { WikiPage } from "../../api/types";
import { getWikiPage, storeWikiPage, useSaveWikiPage, type WikiPageChanges } from "../../api/wiki";
import { errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { describeConflict, keepMineChanges, realConflicts, takeTheirsChanges, type FieldConflict } from "../../lib/conflict";

/**
 * - saved: on the server (possibly after "Keep mine");
 * - dropped: the user took theirs;
 * - editing: back to the editor (or the prompt was closed) with their text; `current` is the page
 *   they have now seen, the base of their next save;
 * - failed: another error, explained in a toast; the text stays.
 */
export type WikiSaveOutcome = { status: "saved"; page: WikiPage } | { status: "dropped"; page: WikiPage } | { status: "editing"; current: WikiPage } | { status: "failed" };

export interface PendingWikiConflict {
  changes: WikiPageChanges;
  conflicts: FieldConflict[];
  current: WikiPage;
  resolve: (outcome: WikiSaveOutcome) => void;
}

export function useWikiSave() {
  const save = useSaveWikiPage();
  const client = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<PendingWikiConflict | null>(null);
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<PendingWikiConflict | null>(null);

  const attempt = useCallback(
    async (firstChanges: WikiPageChanges, firstBase: WikiPage): Promise<WikiSaveOutcome> => {
      let changes = firstChanges;
      let base = firstBase;
      for (let retries = 2; ; retries -= 1) {
        try {
          return { status: "saved", page: await save(base, changes, base.version) };
        } catch (error) {
          if (!(error instanceof ConflictError)) {
            toast.error(`Could not save the page: ${errorText(error)}`);
            return { status: "failed" };
          }
          let current: WikiPage;
          try {
            current = await getWikiPage(base.id);
          } catch (reloadError) {
            toast.error(`Someone else changed this page, and it could not be reloaded: ${errorText(reloadError)}`);
            return { status: "failed" };
          }
          storeWikiPage(client, current);
          const conflicts = describeConflict(changes as Record<string, unknown>, base as unknown as Record<string, unknown>, current as unknown as Record<string, unknown>);
          if (realConflicts(conflicts).length === 0 && retries > 0) {
            changes = keepMineChanges(changes as Record<string, unknown>) as WikiPageChanges;
            base = current;
            continue;
          }
          return new Promise<WikiSaveOutcome>((resolve) => {
            const next = { changes, conflicts, current, resolve };
            pendingRef.current = next;
            setPending(next);
          });
        }
      }
    },
    [save, client, toast],
  );

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
    const outcome = await attempt(keepMineChanges(p.changes as Record<string, unknown>) as WikiPageChanges, p.current);
    setBusy(false);
    p.resolve(outcome.status === "failed" ? { status: "editing", current: p.current } : outcome);
  };

  const takeTheirs = async () => {
    const p = take();
    if (!p) return;
    const rest = takeTheirsChanges(p.changes as Record<string, unknown>, p.conflicts);
    let page = p.current;
    if (rest) {
      setBusy(true);
      const outcome = await attempt(rest as WikiPageChanges, p.current);
      setBusy(false);
      if (outcome.status === "saved") page = outcome.page;
    }
    p.resolve({ status: "dropped", page });
  };

  const backToEditor = () => {
    const p = take();
    p?.resolve({ status: "editing", current: p.current });
  };

  return { save: attempt, pending, busy, keepMine, takeTheirs, backToEditor };
}

/**
 * Inline edits on the backlog (a story's status or points), with the version the row showed. When
 * Taiga answers that someone else saved first, the current story is read: if nobody touched the
 * field the user changed, the change goes again on top of the new version; otherwise the conflict
 * prompt (theirs beside yours) decides. The user's choice is never dropped silently.
 */
import { useCallback, useRef, useState } from "react";
import { ConflictError } from "../../api/http";
import type { UserStory } from "../../api/types";
import { getUserStory, storeStoryInBacklog, usePatchBacklogStory, type UserStoryChanges } from "../../api/userstories";
import { useQueryClient } from "@tanstack/react-query";
import { errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { describeConflict, keepMineChanges, realConflicts, type FieldConflict } from "../../lib/conflict";

export interface InlineConflict {
  story: UserStory;
  changes: UserStoryChanges;
  conflicts: FieldConflict[];
}

export function useInlineSave() {
  const { mutateAsync: patch } = usePatchBacklogStory();
  const client = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<InlineConflict | null>(null);
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<InlineConflict | null>(null);

  const attempt = useCallback(
    async (first: UserStory, firstChanges: UserStoryChanges): Promise<void> => {
      let base = first;
      let changes = firstChanges;
      // a conflict on fields the user did not touch is resolved by going again on the new version
      for (let retries = 2; ; retries -= 1) {
        try {
          await patch({ id: base.id, changes, version: base.version });
          return;
        } catch (error) {
          if (!(error instanceof ConflictError)) {
            toast.error(`Could not save #${base.ref}: ${errorText(error)}`);
            return;
          }
        }
        let current: UserStory;
        try {
          current = await getUserStory(base.id);
        } catch (reload) {
          toast.error(`Someone else changed #${base.ref}, and it could not be reloaded: ${errorText(reload)}`);
          return;
        }
        storeStoryInBacklog(client, current);
        const conflicts = describeConflict(changes as Record<string, unknown>, base as unknown as Record<string, unknown>, current as unknown as Record<string, unknown>);
        if (realConflicts(conflicts).length === 0 && retries > 0) {
          base = current;
          changes = keepMineChanges(changes as Record<string, unknown>) as UserStoryChanges;
          continue;
        }
        const next = { story: current, changes, conflicts };
        pendingRef.current = next;
        setPending(next);
        return;
      }
    },
    [patch, client, toast],
  );

  const save = useCallback((story: UserStory, changes: UserStoryChanges) => attempt(story, changes), [attempt]);

  const close = () => {
    const p = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    return p;
  };
  /** Apply the user's change on top of the current story. */
  const keepMine = async () => {
    const p = close();
    if (!p) return;
    setBusy(true);
    await attempt(p.story, keepMineChanges(p.changes as Record<string, unknown>) as UserStoryChanges);
    setBusy(false);
  };
  /** Keep what is on the server (already on screen). */
  const takeTheirs = () => void close();

  return { save, pending, busy, keepMine, takeTheirs };
}

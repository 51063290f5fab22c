/** Comments: add (a PATCH with `comment`), edit, delete and restore; the new comment is a draft until sent. */
import { useState } from "react";
import { useCommentAction, useHistory } from "../../api/history";
import type { HistoryEntry, UserMe } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { errorText } from "../../components/ErrorMessage";
import { Markdown } from "../../components/Markdown";
import { MarkdownEditor } from "../../components/MarkdownEditor";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { clearDraft, draftKey, readDraft, writeDraft } from "../../lib/drafts";
import { formatDateTime } from "../../lib/format";
import type { AnyItem, ItemChanges, ItemKind } from "../../lib/itemKinds";
import type { SaveOutcome } from "../../components/useItemSave";
import { buttonClass, Section } from "./ui";

export function Comments({
  kind,
  item,
  me,
  isAdmin,
  save,
}: {
  kind: ItemKind;
  item: AnyItem;
  me: UserMe | undefined;
  isAdmin: boolean;
  save: (changes: ItemChanges, base: AnyItem) => Promise<SaveOutcome>;
}) {
  const history = useHistory(kind, item.id, "comment");
  const key = draftKey(kind, item.id, "comment");
  const [text, setText] = useState(() => readDraft(key)?.text ?? "");
  const [sending, setSending] = useState(false);
  const [composerKey, setComposerKey] = useState(0);

  const send = async () => {
    if (!text.trim()) return;
    setSending(true);
    const outcome = await save({ comment: text }, item);
    setSending(false);
    if (outcome.status === "saved") {
      clearDraft(key);
      setText("");
      setComposerKey((k) => k + 1);
    }
  };

  const entries = history.data ?? [];
  return (
    <Section title={`Comments${entries.length ? ` (${entries.filter((e) => !e.delete_comment_date).length})` : ""}`}>
      <div className="flex flex-col gap-3">
        {history.isPending && <Spinner label="Loading comments…" />}
        {history.isError && (
          <p role="alert" className="text-sm text-red-700">
            Comments could not be loaded: {errorText(history.error)}{" "}
            <button type="button" className={buttonClass.quiet} onClick={() => void history.refetch()}>
              Try again
            </button>
          </p>
        )}
        {history.isSuccess && entries.length === 0 && <p className="text-sm italic text-slate-400">No comments yet.</p>}
        <ol className="flex flex-col gap-3" aria-label="Comments">
          {[...entries].reverse().map((entry) => (
            <CommentItem key={entry.id} kind={kind} item={item} entry={entry} canModerate={isAdmin || entry.user.pk === me?.id} />
          ))}
        </ol>
        <div className="flex flex-col gap-2" key={composerKey}>
          <MarkdownEditor
            label="New comment"
            value={text}
            rows={3}
            placeholder="Write a comment (Markdown)…"
            onChange={(value) => {
              setText(value);
              if (value) writeDraft(key, value);
              else clearDraft(key);
            }}
            onSubmit={() => void send()}
          />
          <div>
            <button type="button" className={buttonClass.primary} disabled={sending || !text.trim()} onClick={() => void send()}>
              {sending ? "Sending…" : "Add comment"}
            </button>
          </div>
        </div>
      </div>
    </Section>
  );
}

function CommentItem({ kind, item, entry, canModerate }: { kind: ItemKind; item: AnyItem; entry: HistoryEntry; canModerate: boolean }) {
  const action = useCommentAction(kind, item.id);
  const toast = useToast();
  const editKey = draftKey(kind, item.id, `comment-${entry.id}`);
  const [editText, setEditText] = useState<string | null>(() => {
    const draft = readDraft(editKey)?.text ?? null;
    // A draft equal to the saved text is an edit that reached the server before the page went
    // away (a reload during a slow save): nothing is left to edit.
    if (draft !== null && draft === entry.comment) {
      clearDraft(editKey);
      return null;
    }
    return draft;
  });
  const [confirming, setConfirming] = useState(false);
  const deleted = !!entry.delete_comment_date;
  const fail = (what: string) => (error: unknown) => toast.error(`Could not ${what} the comment: ${errorText(error)}`);

  return (
    <li className="rounded-md border border-slate-200 bg-white p-3" data-comment-id={entry.id}>
      <div className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
        <span className="font-semibold text-slate-700">{entry.user.name || entry.user.username || "Former user"}</span>
        <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time>
        {entry.edit_comment_date && !deleted && <span>(edited)</span>}
        {canModerate && !deleted && editText === null && (
          <span className="ml-auto flex gap-1">
            <button type="button" className={buttonClass.quiet} onClick={() => setEditText(entry.comment)}>
              Edit comment
            </button>
            <button type="button" className={buttonClass.danger} onClick={() => setConfirming(true)}>
              Delete comment
            </button>
          </span>
        )}
      </div>
      {deleted ? (
        <p className="flex items-center gap-2 text-sm italic text-slate-500">
          Comment deleted{entry.delete_comment_user ? ` by ${entry.delete_comment_user.name}` : ""}.
          {canModerate && (
            <button
              type="button"
              className={buttonClass.quiet}
              disabled={action.isPending}
              onClick={() => action.mutate({ action: "undelete", entryId: entry.id }, { onError: fail("restore") })}
            >
              Restore comment
            </button>
          )}
        </p>
      ) : editText !== null ? (
        <div className="flex flex-col gap-2">
          <MarkdownEditor
            label="Edit comment"
            value={editText}
            rows={3}
            autoFocus
            onChange={(value) => {
              setEditText(value);
              writeDraft(editKey, value);
            }}
            onCancel={() => {
              clearDraft(editKey);
              setEditText(null);
            }}
          />
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass.primary}
              disabled={action.isPending || !editText.trim()}
              onClick={() =>
                action.mutate(
                  { action: "edit", entryId: entry.id, comment: editText },
                  {
                    onSuccess: () => {
                      clearDraft(editKey);
                      setEditText(null);
                    },
                    onError: fail("save"),
                  },
                )
              }
            >
              Save comment
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => {
                clearDraft(editKey);
                setEditText(null);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <Markdown source={entry.comment} className="text-sm text-slate-800" />
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        size="sm"
        title="Delete this comment?"
        description="It will show as deleted; an administrator or you can restore it."
        footer={
          <>
            <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500"
              onClick={() => {
                setConfirming(false);
                action.mutate({ action: "delete", entryId: entry.id }, { onError: fail("delete") });
              }}
            >
              Delete
            </button>
          </>
        }
      />
    </li>
  );
}

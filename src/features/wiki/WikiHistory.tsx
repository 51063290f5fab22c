/**
 * A page's history: who changed what and when, newest first, with the content diff of each change
 * (Taiga's `content_diff`: insertions and deletions marked), renames, attachments and comments.
 */
import { useHistory } from "../../api/history";
import type { HistoryEntry, WikiPage } from "../../api/types";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { sanitizeHtml } from "../../lib/markdown";
import { when } from "./time";

const DIFF_STYLE = "[&_ins]:bg-emerald-100 [&_ins]:text-emerald-900 [&_ins]:no-underline [&_del]:bg-rose-100 [&_del]:text-rose-900";

function pair(value: unknown): [unknown, unknown] | null {
  return Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : null;
}

function names(list: unknown): string {
  return Array.isArray(list) ? list.map((a) => (a && typeof a === "object" && "filename" in a ? String((a as { filename: unknown }).filename) : "")).filter(Boolean).join(", ") : "";
}

function Change({ entry }: { entry: HistoryEntry }) {
  const vd = entry.values_diff as Record<string, unknown>;
  const parts: React.ReactNode[] = [];
  const contentDiff = pair(vd.content_diff);
  if (contentDiff && typeof contentDiff[1] === "string") {
    parts.push(
      <div key="content" className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-500">Content</span>
        <div className={`whitespace-pre-wrap break-words rounded bg-white p-2 font-mono text-xs text-slate-700 ${DIFF_STYLE}`} data-testid="content-diff" dangerouslySetInnerHTML={{ __html: sanitizeHtml(contentDiff[1]) }} />
      </div>,
    );
  } else if ("content" in entry.diff) {
    parts.push(
      <p key="content" className="text-sm text-slate-600">
        Changed the content.
      </p>,
    );
  }
  const slug = pair(vd.slug);
  if (slug) {
    parts.push(
      <p key="slug" className="text-sm text-slate-600">
        Renamed from <code>{String(slug[0])}</code> to <code>{String(slug[1])}</code>.
      </p>,
    );
  }
  const attachments = vd.attachments as { new?: unknown; deleted?: unknown; changed?: unknown } | undefined;
  if (attachments) {
    const added = names(attachments.new);
    const removed = names(attachments.deleted);
    const changed = names(attachments.changed);
    if (added) parts.push(<p key="att-new" className="text-sm text-slate-600">Attached {added}.</p>);
    if (removed) parts.push(<p key="att-del" className="text-sm text-slate-600">Removed {removed}.</p>);
    if (changed) parts.push(<p key="att-chg" className="text-sm text-slate-600">Updated {changed}.</p>);
  }
  if (entry.comment) {
    parts.push(
      <blockquote key="comment" className="border-l-4 border-slate-200 pl-3 text-sm text-slate-700">
        {entry.comment}
      </blockquote>,
    );
  }
  return <>{parts}</>;
}

export default function WikiHistory({ page }: { page: WikiPage }) {
  const history = useHistory("wiki", page.id);
  if (history.isPending) return <Spinner label="Loading history…" />;
  if (history.isError)
    return (
      <p role="alert" className="text-sm text-red-700">
        The history could not be loaded: {errorText(history.error)}
      </p>
    );
  const entries = history.data.filter((e) => !e.is_hidden);
  return (
    <section aria-label="Page history" className="flex flex-col gap-3">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">No changes since the page was created.</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="history-entry">
              <p className="text-sm">
                <span className="font-medium text-slate-900">{entry.user.name || entry.user.username}</span>{" "}
                <time dateTime={entry.created_at} className="text-slate-500">
                  {when(entry.created_at)}
                </time>
              </p>
              <Change entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

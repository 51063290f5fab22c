/** The item's change history (newest first), in words. */
import { useHistory } from "../../api/history";
import type { HistoryEntry } from "../../api/types";
import { errorText } from "../../components/ErrorMessage";
import { Spinner } from "../../components/Spinner";
import { fieldLabel, formatDateTime } from "../../lib/format";
import type { ItemKind } from "../../lib/itemKinds";
import { Section } from "./ui";

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (Array.isArray(value)) return value.length ? value.map(plain).join(", ") : "nothing";
  if (typeof value === "object") return Object.keys(value).length ? JSON.stringify(value) : "nothing";
  return String(value);
}

export function describeChange(field: string, value: unknown): string {
  const name = fieldLabel(field.replace(/_diff$/, "")).toLowerCase();
  if (field.endsWith("_diff") || field === "description" || field === "blocked_note") return `changed the ${name}`;
  if (field === "attachments" && value && typeof value === "object") {
    const v = value as { new?: unknown[]; deleted?: unknown[]; changed?: unknown[] };
    const parts = [];
    if (v.new?.length) parts.push(`added ${v.new.length} attachment${v.new.length > 1 ? "s" : ""}`);
    if (v.deleted?.length) parts.push(`removed ${v.deleted.length} attachment${v.deleted.length > 1 ? "s" : ""}`);
    if (v.changed?.length) parts.push(`changed ${v.changed.length} attachment${v.changed.length > 1 ? "s" : ""}`);
    return parts.join(", ") || "changed the attachments";
  }
  if (field === "points" && value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([role, change]) => (Array.isArray(change) ? `set ${role} points from ${plain(change[0])} to ${plain(change[1])}` : `changed ${role} points`))
      .join(", ");
  }
  if (Array.isArray(value) && value.length === 2) return `changed ${name} from ${plain(value[0])} to ${plain(value[1])}`;
  return `changed the ${name}`;
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const changes = Object.entries(entry.values_diff ?? {}).filter(([field]) => !field.endsWith("_html"));
  return (
    <li className="text-sm text-slate-700">
      <span className="font-medium text-slate-900">{entry.user.name || entry.user.username || "Someone"}</span>{" "}
      {changes.length ? changes.map(([field, value]) => describeChange(field, value)).join("; ") : "made a change"}{" "}
      <time className="text-xs text-slate-500" dateTime={entry.created_at}>
        {formatDateTime(entry.created_at)}
      </time>
    </li>
  );
}

export function Activity({ kind, objectId }: { kind: ItemKind; objectId: number }) {
  const history = useHistory(kind, objectId, "activity");
  return (
    <Section title="Activity">
      {history.isPending && <Spinner label="Loading activity…" />}
      {history.isError && (
        <p role="alert" className="text-sm text-red-700">
          The activity could not be loaded: {errorText(history.error)}
        </p>
      )}
      {history.isSuccess &&
        (history.data.length === 0 ? (
          <p className="text-sm italic text-slate-400">No changes yet.</p>
        ) : (
          <ol className="flex flex-col gap-1.5" aria-label="Activity">
            {history.data.map((entry) => (
              <Entry key={entry.id} entry={entry} />
            ))}
          </ol>
        ))}
    </Section>
  );
}

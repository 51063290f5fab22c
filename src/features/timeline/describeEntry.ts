/**
 * A timeline entry in words: Taiga's `event_type` is `<app>.<model>.<create|change|delete>` and
 * `data` carries the user, the object (`userstory`, `task`, `issue`, `epic`, `wikipage`, ...) with
 * its ref and subject (or slug), the changed fields and the comment.
 */
import type { TimelineEntry } from "../../api/types";

const MODELS: Record<string, { noun: string; path: string | null }> = {
  userstory: { noun: "story", path: "us" },
  task: { noun: "task", path: "task" },
  issue: { noun: "issue", path: "issue" },
  epic: { noun: "epic", path: "epic" },
  wikipage: { noun: "wiki page", path: "wiki" },
  milestone: { noun: "sprint", path: null },
  project: { noun: "project", path: null },
  membership: { noun: "member", path: null },
};

export interface Described {
  who: string;
  verb: string;
  item: { label: string; path: string | null; ref: string } | null;
  fields: string[];
  comment: string;
  deleted: boolean;
}

interface ItemData {
  ref?: number;
  subject?: string;
  slug?: string;
  name?: string;
}

export function describeEntry(entry: TimelineEntry): Described {
  const [, model = "", action = ""] = entry.event_type.split(".");
  const info = MODELS[model] ?? { noun: model.replace(/_/g, " "), path: null };
  const user = entry.data.user;
  const who = (user && (user.name || user.username)) || "Someone";
  const comment = typeof entry.data.comment === "string" ? entry.data.comment.trim() : "";
  const fields = Object.keys(entry.data.values_diff ?? {}).filter((f) => !f.endsWith("_html"));
  const raw = entry.data[model] as ItemData | undefined;
  let item: Described["item"] = null;
  if (raw && typeof raw === "object") {
    if (raw.ref !== undefined) item = { label: `${info.noun} #${raw.ref}${raw.subject ? ` ${raw.subject}` : ""}`, path: info.path, ref: String(raw.ref) };
    else if (raw.slug !== undefined && model === "wikipage") item = { label: `${info.noun} ${raw.slug}`, path: info.path, ref: encodeURIComponent(raw.slug) };
    else item = { label: `${info.noun}${raw.name ? ` ${raw.name}` : raw.subject ? ` ${raw.subject}` : ""}`, path: null, ref: "" };
  }
  const verb =
    action === "create"
      ? "created"
      : action === "delete"
        ? "deleted"
        : comment && fields.length === 0
          ? "commented on"
          : "changed";
  return { who, verb: item ? verb : `${verb} the ${info.noun}`, item, fields, comment, deleted: action === "delete" };
}

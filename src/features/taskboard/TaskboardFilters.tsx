import { useEffect, useState } from "react";
import type { Id, ProjectMember } from "../../api/types";
import { emptyFilters, isFiltering, type TaskFilters } from "./taskboardModel";

const control =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** Text/#ref search, assignee and tag filters; the page keeps them in the URL. */
export function TaskboardFilters({
  filters,
  onChange,
  members,
  tags,
}: {
  filters: TaskFilters;
  /** Applies a change to the filters as they are now (the URL may be ahead of this render's `filters`). */
  onChange: (update: (current: TaskFilters) => TaskFilters) => void;
  members: readonly ProjectMember[];
  /** Tag name -> colour, the tags of the sprint's tasks. */
  tags: ReadonlyMap<string, string | null>;
}) {
  // The text box answers every key press; the URL follows shortly after.
  const [text, setText] = useState(filters.q);
  const [seenQ, setSeenQ] = useState(filters.q);
  if (filters.q !== seenQ) {
    setSeenQ(filters.q);
    setText(filters.q);
  }
  useEffect(() => {
    if (text === filters.q) return;
    const t = window.setTimeout(() => onChange((f) => ({ ...f, q: text })), 200);
    return () => window.clearTimeout(t);
  }, [text, filters, onChange]);

  const memberName = (id: Id | null) => (id === null ? "Unassigned" : (members.find((m) => m.id === id)?.full_name_display ?? `User ${id}`));
  const tagNames = [...tags.keys()].sort((a, b) => a.localeCompare(b));

  return (
    <div role="search" aria-label="Filter tasks" className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange((f) => ({ ...f, q: text }));
        }}
        placeholder="Search subject or #ref"
        aria-label="Search tasks by subject or ref"
        className={`${control} w-52`}
      />
      <select
        aria-label="Filter by assignee"
        value=""
        onChange={(e) => {
          const v = e.target.value;
          if (!v) return;
          const id = v === "none" ? null : Number(v);
          onChange((f) => (f.assignees.includes(id) ? f : { ...f, assignees: [...f.assignees, id] }));
        }}
        className={control}
      >
        <option value="">Assignee…</option>
        <option value="none">Unassigned</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.full_name_display}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by tag"
        value=""
        onChange={(e) => {
          const v = e.target.value;
          if (v) onChange((f) => (f.tags.includes(v) ? f : { ...f, tags: [...f.tags, v] }));
        }}
        className={control}
        disabled={tagNames.length === 0}
      >
        <option value="">{tagNames.length ? "Tag…" : "No tags"}</option>
        {tagNames.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <ul className="flex flex-wrap items-center gap-1" aria-label="Active filters">
        {filters.assignees.map((a) => (
          <li key={`a${a ?? "none"}`}>
            <Chip label={`Assignee: ${memberName(a)}`} onRemove={() => onChange((f) => ({ ...f, assignees: f.assignees.filter((x) => x !== a) }))} />
          </li>
        ))}
        {filters.tags.map((t) => (
          <li key={`t${t}`}>
            <Chip label={`Tag: ${t}`} color={tags.get(t) ?? null} onRemove={() => onChange((f) => ({ ...f, tags: f.tags.filter((x) => x !== t) }))} />
          </li>
        ))}
      </ul>
      {isFiltering(filters) && (
        <button
          type="button"
          onClick={() => {
            setText("");
            onChange(() => emptyFilters);
          }}
          className="h-8 rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

function Chip({ label, color, onRemove }: { label: string; color?: string | null; onRemove: () => void }) {
  return (
    <span className="inline-flex h-7 items-center gap-1 rounded-full border border-slate-300 bg-white pl-2.5 pr-1 text-xs text-slate-700">
      {color && <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: color }} aria-hidden="true" />}
      {label}
      <button type="button" onClick={onRemove} aria-label={`Remove filter ${label}`} className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900">
        ×
      </button>
    </span>
  );
}

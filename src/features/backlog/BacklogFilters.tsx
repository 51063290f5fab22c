/**
 * The backlog's filters: text or `#ref`, status, assignee, tag and epic. The page keeps them in the
 * URL; they narrow what the backlog shows (a drag still lands between the stories the user sees).
 */
import { useEffect, useState } from "react";
import type { EpicSummary, Id, ProjectMember, UserStoryStatus } from "../../api/types";
import { isFiltering, NO_FILTERS, type BacklogFilters as Filters, type OrNone } from "./backlogModel";

const control =
  "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

export interface BacklogFiltersProps {
  filters: Filters;
  onChange: (next: Filters) => void;
  statuses: readonly UserStoryStatus[];
  members: readonly ProjectMember[];
  tags: Readonly<Record<string, string | null>>;
  epics: readonly EpicSummary[];
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

export function BacklogFilters({ filters, onChange, statuses, members, tags, epics }: BacklogFiltersProps) {
  // the text box answers every key press; the URL follows shortly after
  const [text, setText] = useState(filters.q);
  const [seenQ, setSeenQ] = useState(filters.q);
  if (filters.q !== seenQ) {
    setSeenQ(filters.q);
    setText(filters.q);
  }
  useEffect(() => {
    if (text === filters.q) return;
    const t = window.setTimeout(() => onChange({ ...filters, q: text }), 200);
    return () => window.clearTimeout(t);
  }, [text, filters, onChange]);

  const memberName = (id: OrNone) => (id === "none" ? "Unassigned" : (members.find((m) => m.id === id)?.full_name_display ?? `User ${id}`));
  const epicName = (id: OrNone) => (id === "none" ? "No epic" : (epics.find((e) => e.id === id)?.subject ?? `Epic ${id}`));
  const statusName = (id: Id) => statuses.find((s) => s.id === id)?.name ?? `Status ${id}`;
  const tagNames = Object.keys(tags).sort();
  const add = <K extends "statuses" | "assignees" | "epics">(key: K, value: Filters[K][number]) => {
    const list = filters[key] as Filters[K][number][];
    if (!list.includes(value)) onChange({ ...filters, [key]: [...list, value] });
  };
  const idOrNone = (v: string): OrNone => (v === "none" ? "none" : Number(v));

  return (
    <div role="search" aria-label="Filter the backlog" className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange({ ...filters, q: text });
        }}
        placeholder="Search subject or #ref"
        aria-label="Search the backlog by subject or ref"
        className={`${control} w-52`}
      />
      <select aria-label="Filter by status" value="" onChange={(e) => e.target.value && add("statuses", Number(e.target.value))} className={control}>
        <option value="">Status…</option>
        {statuses.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter by assignee" value="" onChange={(e) => e.target.value && add("assignees", idOrNone(e.target.value))} className={control}>
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
          if (v && !filters.tags.includes(v)) onChange({ ...filters, tags: [...filters.tags, v] });
        }}
        className={control}
      >
        <option value="">Tag…</option>
        {tagNames.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select aria-label="Filter by epic" value="" onChange={(e) => e.target.value && add("epics", idOrNone(e.target.value))} className={control}>
        <option value="">Epic…</option>
        <option value="none">No epic</option>
        {epics.map((ep) => (
          <option key={ep.id} value={ep.id}>
            #{ep.ref} {ep.subject}
          </option>
        ))}
      </select>
      <ul className="flex flex-wrap items-center gap-1" aria-label="Active filters">
        {filters.statuses.map((s) => (
          <li key={`s${s}`}>
            <Chip label={`Status: ${statusName(s)}`} onRemove={() => onChange({ ...filters, statuses: filters.statuses.filter((x) => x !== s) })} />
          </li>
        ))}
        {filters.assignees.map((a) => (
          <li key={`a${a}`}>
            <Chip label={`Assignee: ${memberName(a)}`} onRemove={() => onChange({ ...filters, assignees: filters.assignees.filter((x) => x !== a) })} />
          </li>
        ))}
        {filters.tags.map((t) => (
          <li key={`t${t}`}>
            <Chip label={`Tag: ${t}`} color={tags[t] ?? null} onRemove={() => onChange({ ...filters, tags: filters.tags.filter((x) => x !== t) })} />
          </li>
        ))}
        {filters.epics.map((ep) => (
          <li key={`e${ep}`}>
            <Chip label={`Epic: ${epicName(ep)}`} onRemove={() => onChange({ ...filters, epics: filters.epics.filter((x) => x !== ep) })} />
          </li>
        ))}
      </ul>
      {isFiltering(filters) && (
        <button
          type="button"
          onClick={() => {
            setText("");
            onChange(NO_FILTERS);
          }}
          className="h-8 rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

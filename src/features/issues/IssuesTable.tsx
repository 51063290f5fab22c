/**
 * The issues table: one row per issue of the current server page, the chosen columns in the chosen
 * order. Sortable headers are buttons inside `th[aria-sort]`; each row's first link is
 * `#<ref> <subject>` and opens the issue in the side panel; status, type, priority, severity and
 * assignee change in place; ▲ votes. Arrow keys move between the rows' links.
 */
import { memo, useMemo, type KeyboardEvent } from "react";
import { Link, type Location } from "react-router";
import type { Issue, Project } from "../../api/types";
import { Menu } from "../../components/Menu";
import type { IssueChanges } from "../../api/issues";
import { COLUMNS, type ColumnId } from "./columns";
import { sortOf } from "./issuesUrl";

export interface Lookups {
  statuses: { id: number; name: string; color: string }[];
  types: { id: number; name: string; color: string }[];
  priorities: { id: number; name: string; color: string }[];
  severities: { id: number; name: string; color: string }[];
  members: { id: number; name: string }[];
}

export function lookupsOf(project: Project): Lookups {
  const byOrder = <T extends { order: number; id: number }>(list: readonly T[]) => [...list].sort((a, b) => a.order - b.order || a.id - b.id);
  return {
    statuses: byOrder(project.issue_statuses),
    types: byOrder(project.issue_types),
    priorities: byOrder(project.priorities),
    severities: byOrder(project.severities),
    members: [...project.members]
      .map((m) => ({ id: m.id, name: m.full_name_display || m.username }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export interface RowActions {
  edit: (issue: Issue, changes: IssueChanges) => void;
  vote: (issue: Issue, vote: boolean) => void;
  promote: (issue: Issue) => void;
  openFull: (issue: Issue) => void;
}

interface TableProps {
  issues: readonly Issue[];
  columns: readonly ColumnId[];
  lookups: Lookups;
  slug: string;
  orderBy: string;
  onSort: (field: string) => void;
  busy: boolean;
  canEdit: boolean;
  canPromote: boolean;
  actions: RowActions;
  linkState: { background: Location };
  caption: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function ShortDate({ value }: { value: string }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <time dateTime={value} title={dateTimeFormat.format(date)} className="whitespace-nowrap">
      {dateFormat.format(date)}
    </time>
  );
}

function Dot({ color }: { color: string | undefined }) {
  return <span aria-hidden="true" className="inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: color ?? "#94a3b8" }} />;
}

/** A value cell: an inline select when the user may edit, the coloured name otherwise. */
function ValueCell({
  label,
  value,
  options,
  canEdit,
  onChange,
  allowNone,
}: {
  label: string;
  value: number | null;
  options: readonly { id: number; name: string; color?: string }[];
  canEdit: boolean;
  onChange: (id: number | null) => void;
  allowNone?: string;
}) {
  const current = options.find((o) => o.id === value);
  const name = current?.name ?? (value === null ? (allowNone ?? "") : `#${value}`);
  if (!canEdit) {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
        {current?.color && <Dot color={current.color} />}
        {name}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5">
      {current?.color && <Dot color={current.color} />}
      <select
        aria-label={label}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
        className="max-w-[10rem] cursor-pointer truncate rounded border border-transparent bg-transparent py-0.5 pl-0.5 text-sm text-slate-800 hover:border-slate-300 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      >
        {allowNone !== undefined && <option value="">{allowNone}</option>}
        {value !== null && !current && <option value={value}>{name}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </span>
  );
}

interface RowProps {
  issue: Issue;
  columns: readonly ColumnId[];
  lookups: Lookups;
  slug: string;
  canEdit: boolean;
  canPromote: boolean;
  actions: RowActions;
  linkState: { background: Location };
}

const IssueRow = memo(function IssueRow({ issue, columns, lookups, slug, canEdit, canPromote, actions, linkState }: RowProps) {
  const ref = `#${issue.ref}`;
  const cell = (id: ColumnId) => {
    switch (id) {
      case "type":
        return <ValueCell label={`Type of ${ref}`} value={issue.type} options={lookups.types} canEdit={canEdit} onChange={(v) => v !== null && actions.edit(issue, { type: v })} />;
      case "severity":
        return <ValueCell label={`Severity of ${ref}`} value={issue.severity} options={lookups.severities} canEdit={canEdit} onChange={(v) => v !== null && actions.edit(issue, { severity: v })} />;
      case "priority":
        return <ValueCell label={`Priority of ${ref}`} value={issue.priority} options={lookups.priorities} canEdit={canEdit} onChange={(v) => v !== null && actions.edit(issue, { priority: v })} />;
      case "status":
        return <ValueCell label={`Status of ${ref}`} value={issue.status} options={lookups.statuses} canEdit={canEdit} onChange={(v) => v !== null && actions.edit(issue, { status: v })} />;
      case "assigned_to":
        return (
          <ValueCell
            label={`Assignee of ${ref}`}
            value={issue.assigned_to}
            options={lookups.members}
            canEdit={canEdit}
            allowNone="Unassigned"
            onChange={(v) => actions.edit(issue, { assigned_to: v })}
          />
        );
      case "owner":
        return <span className="whitespace-nowrap">{issue.owner_extra_info?.full_name_display ?? ""}</span>;
      case "created_date":
        return <ShortDate value={issue.created_date} />;
      case "modified_date":
        return <ShortDate value={issue.modified_date} />;
      case "votes":
        return (
          <button
            type="button"
            aria-pressed={issue.is_voter}
            aria-label={`Vote for ${ref}`}
            title={issue.is_voter ? "Remove your vote" : "Vote for this issue"}
            onClick={() => actions.vote(issue, !issue.is_voter)}
            className={`inline-flex min-w-[3rem] items-center justify-center gap-1 rounded-md border px-2 py-0.5 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-indigo-500 ${
              issue.is_voter ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            <span aria-hidden="true">▲</span>
            <span data-vote-count>{issue.total_voters}</span>
          </button>
        );
      case "issue":
        return (
          <div className="flex min-w-[16rem] flex-wrap items-baseline gap-x-2 gap-y-1">
            <Link
              to={`/project/${slug}/issue/${issue.ref}`}
              state={linkState}
              data-row-link
              className={`rounded font-medium hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${issue.is_closed ? "text-slate-500" : "text-slate-900"}`}
            >
              <span className="tabular-nums text-slate-500">{ref}</span> {issue.subject}
            </Link>
            {issue.is_blocked && <span className="rounded bg-red-100 px-1.5 text-[11px] font-medium text-red-800">Blocked</span>}
            {issue.tags.map(([tag, color]) => (
              <span key={tag} className="rounded px-1.5 text-[11px] font-medium text-slate-700" style={{ backgroundColor: color ? `${color}33` : "#e2e8f0" }}>
                {tag}
              </span>
            ))}
          </div>
        );
    }
  };
  const menuItems = [{ label: "Open as a page", onSelect: () => actions.openFull(issue) }];
  if (canPromote) menuItems.push({ label: "Promote to user story…", onSelect: () => actions.promote(issue) });
  return (
    <tr data-issue-id={issue.id} className="border-b border-slate-100 focus-within:bg-indigo-50/60 hover:bg-slate-50">
      {columns.map((id) => (
        <td key={id} className="px-2 py-1.5 align-middle text-sm text-slate-700" data-column={id}>
          {cell(id)}
        </td>
      ))}
      <td className="px-2 py-1.5 text-right align-middle">
        <Menu label={`Actions for ${ref}`} button={<span aria-hidden="true">⋯</span>} items={menuItems} />
      </td>
    </tr>
  );
});

/** Moves focus to the row link `by` rows away from the focused one (or the first when none is). */
export function moveRowFocus(container: HTMLElement | null, by: 1 | -1): boolean {
  if (!container) return false;
  const links = Array.from(container.querySelectorAll<HTMLElement>("a[data-row-link]"));
  if (links.length === 0) return false;
  const row = (document.activeElement as HTMLElement | null)?.closest("tr");
  const current = links.findIndex((l) => l.closest("tr") === row);
  const next = current < 0 ? (by === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + by));
  links[next]?.focus();
  return true;
}

export function IssuesTable({ issues, columns, lookups, slug, orderBy, onSort, busy, canEdit, canPromote, actions, linkState, caption }: TableProps) {
  const sort = useMemo(() => sortOf(orderBy), [orderBy]);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const target = event.target as HTMLElement;
    if (target.closest("select, input, textarea, [role='menu']")) return;
    if (moveRowFocus(event.currentTarget, event.key === "ArrowDown" ? 1 : -1)) event.preventDefault();
  };
  return (
    <table className={`w-full border-collapse text-left transition-opacity ${busy ? "opacity-70" : ""}`} aria-busy={busy || undefined}>
      <caption className="sr-only">{caption}</caption>
      <thead className="sticky top-0 z-10 bg-slate-50">
        <tr className="border-b border-slate-200">
          {columns.map((id) => {
            const column = COLUMNS[id];
            const active = sort?.field === column.sort;
            const state = active ? (sort?.descending ? "descending" : "ascending") : "none";
            return (
              <th key={id} scope="col" aria-sort={state} className="whitespace-nowrap px-2 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
                <button
                  type="button"
                  onClick={() => onSort(column.sort)}
                  className={`inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-500 ${active ? "text-indigo-700" : ""}`}
                >
                  {column.label}
                  <span aria-hidden="true" className="w-3 text-[10px]">
                    {active ? (sort?.descending ? "▼" : "▲") : ""}
                  </span>
                </button>
              </th>
            );
          })}
          <th scope="col" className="px-2 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {issues.map((issue) => (
          <IssueRow key={issue.id} issue={issue} columns={columns} lookups={lookups} slug={slug} canEdit={canEdit} canPromote={canPromote} actions={actions} linkState={linkState} />
        ))}
      </tbody>
    </table>
  );
}

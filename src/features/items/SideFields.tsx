/** The item's attributes: status, people, points, tags, blocked, due date, watchers, parents. */
import { useId, useState } from "react";
import { Link } from "react-router";
import type { Project, TagTuple, User, UserStoryDetail } from "../../api/types";
import { useSetWatching, useWatchers } from "../../api/watchers";
import { Avatar } from "../../components/Avatar";
import { errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { formatDate, userName } from "../../lib/format";
import { KINDS, statusesOf, type AnyItem, type ItemChanges, type ItemKind } from "../../lib/itemKinds";
import type { SaveOutcome } from "../../components/useItemSave";
import { buttonClass, Field, inputClass } from "./ui";

type Save = (changes: ItemChanges, base: AnyItem) => Promise<SaveOutcome>;

interface Props {
  kind: ItemKind;
  item: AnyItem;
  project: Project;
  users: readonly User[];
  save: Save;
}

function SelectField({ label, value, options, onChange, allowNone }: {
  label: string;
  value: number | null;
  options: { id: number; name: string }[];
  onChange: (id: number | null) => void;
  allowNone?: string;
}) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id}>
      <select id={id} className={inputClass} value={value ?? ""} onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}>
        {allowNone !== undefined && <option value="">{allowNone}</option>}
        {value !== null && !options.some((o) => o.id === value) && <option value={value}>Unknown ({value})</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function StatusFields({ kind, item, project, save }: Props) {
  const issue = kind === "issue" ? (item as AnyItem & { type: number; severity: number; priority: number }) : null;
  const sorted = <T extends { order: number }>(list: T[]) => [...list].sort((a, b) => a.order - b.order);
  return (
    <>
      <SelectField label="Status" value={item.status} options={statusesOf(kind, project)} onChange={(id) => id !== null && void save({ status: id }, item)} />
      {issue && (
        <>
          <SelectField label="Type" value={issue.type} options={sorted(project.issue_types)} onChange={(id) => id !== null && void save({ type: id }, item)} />
          <SelectField label="Severity" value={issue.severity} options={sorted(project.severities)} onChange={(id) => id !== null && void save({ severity: id }, item)} />
          <SelectField label="Priority" value={issue.priority} options={sorted(project.priorities)} onChange={(id) => id !== null && void save({ priority: id }, item)} />
        </>
      )}
    </>
  );
}

export function AssignFields({ kind, item, users, save }: Props) {
  const id = useId();
  if (kind !== "userstory") {
    return (
      <SelectField
        label="Assigned to"
        value={item.assigned_to}
        options={users.map((u) => ({ id: u.id, name: u.full_name_display || u.username }))}
        allowNone="Unassigned"
        onChange={(user) => void save({ assigned_to: user }, item)}
      />
    );
  }
  const story = item as UserStoryDetail;
  const assigned = story.assigned_users.length ? story.assigned_users : story.assigned_to ? [story.assigned_to] : [];
  const setAssigned = (next: number[]) => void save({ assigned_users: next, assigned_to: next[0] ?? null }, item);
  const free = users.filter((u) => !assigned.includes(u.id));
  return (
    <Field label="Assigned users" htmlFor={id}>
      <ul className="flex flex-col gap-1" aria-label="Assigned users">
        {assigned.length === 0 && <li className="text-sm italic text-slate-400">Nobody yet</li>}
        {assigned.map((userId) => {
          const user = users.find((u) => u.id === userId);
          const name = userName(users, userId);
          return (
            <li key={userId} className="flex items-center gap-2 text-sm text-slate-800">
              <Avatar user={user ?? { full_name_display: name }} size="sm" />
              <span className="flex-1 truncate">{name}</span>
              <button type="button" className={buttonClass.danger} aria-label={`Unassign ${name}`} onClick={() => setAssigned(assigned.filter((x) => x !== userId))}>
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <select
        id={id}
        aria-label="Assign a user"
        className={inputClass}
        value=""
        onChange={(e) => e.target.value && setAssigned([...assigned, Number(e.target.value)])}
      >
        <option value="">Assign someone…</option>
        {free.map((u) => (
          <option key={u.id} value={u.id}>
            {u.full_name_display || u.username}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function PointsFields({ item, project, save }: Props) {
  const story = item as UserStoryDetail;
  const roles = project.roles.filter((r) => r.computable).sort((a, b) => a.order - b.order);
  const points = [...project.points].sort((a, b) => a.order - b.order);
  if (!roles.length) return null;
  return (
    <div className="flex flex-col gap-2">
      <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Points{story.total_points !== null ? ` · ${story.total_points} total` : ""}
      </span>
      <div className="grid grid-cols-2 gap-2">
        {roles.map((role) => (
          <label key={role.id} className="flex flex-col gap-0.5 text-xs text-slate-600">
            {role.name}
            <select
              aria-label={`${role.name} points`}
              className={inputClass}
              value={story.points[String(role.id)] ?? ""}
              // Taiga updates points role by role: sending only this role keeps a concurrent
              // change to another role's points.
              onChange={(e) => void save({ points: { [String(role.id)]: Number(e.target.value) } }, item)}
            >
              {story.points[String(role.id)] === undefined && <option value="">—</option>}
              {points.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </div>
  );
}

function readableOn(color: string | null): string {
  if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return "#1e293b";
  const n = parseInt(color.slice(1), 16);
  const luminance = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return luminance > 0.6 ? "#1e293b" : "#ffffff";
}

export function TagsField({ item, project, save }: Props) {
  const [name, setName] = useState("");
  const [color, setColor] = useState("#a3e635");
  const listId = useId();
  const inputId = useId();
  const tags = item.tags as TagTuple[];
  const known = project.tags_colors ?? {};

  const add = () => {
    const tag = name.trim().toLowerCase();
    if (!tag) return;
    if (tags.some(([t]) => t === tag)) {
      setName("");
      return;
    }
    const existing = Object.prototype.hasOwnProperty.call(known, tag) ? (known[tag] ?? null) : undefined;
    void save({ tags: [...tags, [tag, existing === undefined ? color : existing]] }, item).then((outcome) => {
      if (outcome.status === "saved") setName("");
    });
  };

  return (
    <Field label="Tags" htmlFor={inputId}>
      <ul className="flex flex-wrap gap-1" aria-label="Tags">
        {tags.length === 0 && <li className="text-sm italic text-slate-400">No tags</li>}
        {tags.map(([tag, tagColor]) => (
          <li
            key={tag}
            data-tag={tag}
            className="inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium"
            style={{ backgroundColor: tagColor ?? "#e2e8f0", color: readableOn(tagColor) }}
          >
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              className="rounded-full px-1 leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
              onClick={() => void save({ tags: tags.filter(([t]) => t !== tag) }, item)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input id={inputId} list={listId} value={name} onChange={(e) => setName(e.target.value)} placeholder="Add a tag" aria-label="New tag" className={`${inputClass} min-w-0 flex-1`} />
        <datalist id={listId}>
          {Object.keys(known)
            .filter((t) => !tags.some(([x]) => x === t))
            .map((t) => (
              <option key={t} value={t} />
            ))}
        </datalist>
        <input type="color" aria-label="Colour of a new tag" value={color} onChange={(e) => setColor(e.target.value)} className="h-7 w-8 cursor-pointer rounded border border-slate-300" />
        <button type="submit" className={buttonClass.secondary}>
          Add tag
        </button>
      </form>
    </Field>
  );
}

export function BlockedField({ item, save }: Props) {
  const [reason, setReason] = useState<string | null>(null);
  const [unblocking, setUnblocking] = useState(false);
  const checkboxId = useId();
  const reasonId = useId();
  const editing = reason !== null;

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={checkboxId} className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input
          id={checkboxId}
          type="checkbox"
          checked={(item.is_blocked && !unblocking) || editing}
          disabled={unblocking}
          onChange={(e) => {
            if (e.target.checked) setReason(item.blocked_note ?? "");
            else if (editing && !item.is_blocked) setReason(null);
            else {
              setUnblocking(true);
              setReason(null);
              void save({ is_blocked: false, blocked_note: "" }, item).finally(() => setUnblocking(false));
            }
          }}
          className="h-4 w-4 accent-red-600"
        />
        Blocked
      </label>
      {item.is_blocked && !editing && (
        <div className="rounded-md bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="blocked-note">
          {item.blocked_note ? item.blocked_note : <span className="italic">No reason given</span>}{" "}
          <button type="button" className={buttonClass.quiet} onClick={() => setReason(item.blocked_note)}>
            Edit reason
          </button>
        </div>
      )}
      {editing && (
        <form
          className="flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ is_blocked: true, blocked_note: reason }, item).then((outcome) => {
              if (outcome.status !== "failed" && outcome.status !== "editing") setReason(null);
            });
          }}
        >
          <label htmlFor={reasonId} className="text-xs text-slate-600">
            Blocked reason
          </label>
          <input id={reasonId} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass.primary}>
              Save block
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => setReason(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function DueDateField({ kind, item, save }: Props) {
  const id = useId();
  // Epics have no due date in Taiga.
  if (kind === "epic" || !("due_date" in item)) return null;
  return (
    <Field label="Due date" htmlFor={id}>
      <div className="flex items-center gap-2">
        <input id={id} type="date" className={inputClass} value={item.due_date ?? ""} onChange={(e) => void save({ due_date: e.target.value || null }, item)} />
        {item.due_date && (
          <button type="button" className={buttonClass.quiet} onClick={() => void save({ due_date: null }, item)} aria-label="Clear due date">
            Clear
          </button>
        )}
      </div>
      {item.due_date && <span className="text-xs text-slate-500">{formatDate(item.due_date)}</span>}
    </Field>
  );
}

export function WatchersField({ kind, item }: Props) {
  const resource = KINDS[kind].resource;
  const watchers = useWatchers(resource, item.id);
  const setWatching = useSetWatching(resource);
  const toast = useToast();
  const watching = item.is_watcher;
  return (
    <Field label="Watchers">
      <div className="flex items-center gap-2">
        <button
          type="button"
          aria-pressed={watching}
          className={buttonClass.secondary}
          disabled={setWatching.isPending}
          onClick={() =>
            setWatching.mutate(
              { object: item, watch: !watching },
              { onError: (error) => toast.error(`Could not ${watching ? "unwatch" : "watch"}: ${errorText(error)}`) },
            )
          }
        >
          {watching ? "Unwatch" : "Watch"}
        </button>
        <span className="text-sm text-slate-600" data-testid="watcher-count">
          {item.total_watchers} {item.total_watchers === 1 ? "watcher" : "watchers"}
        </span>
      </div>
      {watchers.data && watchers.data.length > 0 && (
        <ul className="text-sm text-slate-700" aria-label="Watchers">
          {watchers.data.map((w) => (
            <li key={w.id}>{w.full_name || w.username}</li>
          ))}
        </ul>
      )}
    </Field>
  );
}

/** An epic's colour (its stories' cards and the epics list show it). */
export function ColorField({ kind, item, save }: Props) {
  const id = useId();
  if (kind !== "epic" || !("color" in item)) return null;
  return (
    <Field label="Colour" htmlFor={id}>
      <input
        id={id}
        type="color"
        key={item.color}
        defaultValue={/^#[0-9a-f]{6}$/i.test(item.color) ? item.color : "#94a3b8"}
        // The native picker reports every colour the user passes through: save the one they leave it on.
        onBlur={(e) => e.target.value.toLowerCase() !== item.color.toLowerCase() && void save({ color: e.target.value }, item)}
        className="h-8 w-16 cursor-pointer rounded border border-slate-300"
      />
    </Field>
  );
}

/** Where the item sits: a task's story, the sprint. */
export function ParentLinks({ kind, item, project, linkState }: Props & { linkState: unknown }) {
  const milestoneId = (item as { milestone?: number | null }).milestone ?? null;
  const sprint = milestoneId !== null ? project.milestones.find((m) => m.id === milestoneId) : undefined;
  const story = kind === "task" ? (item as AnyItem & { user_story_extra_info: { ref: number; subject: string } | null }).user_story_extra_info : null;
  if (!sprint && !story) return null;
  return (
    <nav aria-label="Belongs to" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
      {story && (
        <span>
          Story{" "}
          <Link to={`/project/${project.slug}/us/${story.ref}`} state={linkState} className="font-medium text-indigo-700 hover:underline">
            #{story.ref} {story.subject}
          </Link>
        </span>
      )}
      {sprint && (
        <span>
          Sprint{" "}
          <Link to={`/project/${project.slug}/taskboard/${sprint.slug}`} className="font-medium text-indigo-700 hover:underline">
            {sprint.name}
          </Link>
        </span>
      )}
    </nav>
  );
}

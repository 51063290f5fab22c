/**
 * The command palette's query handling, free of React: what the typed text asks for (a search, or
 * a jump to `#123`), the groups and options the answer becomes, where each option leads, and how
 * the arrow keys move through them.
 */
import type { ResolvedRef } from "../../api/resolver";
import type { Project, SearchResults } from "../../api/types";

/** What the palette does with the text typed so far. */
export type PaletteQuery = { kind: "empty" } | { kind: "ref"; ref: number } | { kind: "text"; text: string };

/** `#123` (spaces around allowed) is a jump; anything else with a letter or digit is searched. */
export function parseQuery(input: string): PaletteQuery {
  const text = input.trim().replace(/\s+/g, " ");
  const ref = /^#\s*(\d{1,9})$/.exec(text);
  if (ref) return { kind: "ref", ref: Number(ref[1]) };
  // Taiga's full-text search ignores punctuation; a text without a word would match everything.
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: "empty" };
  return { kind: "text", text };
}

export type GroupId = "userstories" | "tasks" | "issues" | "epics" | "wikipages";

export interface PaletteOption {
  /** Unique in the list, used for the option's DOM id. */
  id: string;
  group: GroupId;
  /** The URL the option opens, inside the app. */
  to: string;
  /** `#12` for items, none for wiki pages. */
  ref: string | null;
  label: string;
  /** Status name (and sprint for stories). */
  detail: string | null;
  color: string | null;
  /** "Show all 40 stories": expands its group instead of opening something. */
  expands?: boolean;
}

export interface PaletteGroup {
  id: GroupId;
  title: string;
  count: number;
  options: PaletteOption[];
}

const GROUPS: { id: GroupId; title: string; noun: [string, string]; path: string }[] = [
  { id: "userstories", title: "User stories", noun: ["story", "stories"], path: "us" },
  { id: "tasks", title: "Tasks", noun: ["task", "tasks"], path: "task" },
  { id: "issues", title: "Issues", noun: ["issue", "issues"], path: "issue" },
  { id: "epics", title: "Epics", noun: ["epic", "epics"], path: "epic" },
  { id: "wikipages", title: "Wiki pages", noun: ["wiki page", "wiki pages"], path: "wiki" },
];

/** How many hits a group shows before its "Show all" option. */
export const GROUP_LIMIT = 6;

type StatusLists = Pick<Project, "slug" | "us_statuses" | "task_statuses" | "issue_statuses" | "epic_statuses">;

function statusesOf(project: StatusLists, group: GroupId) {
  if (group === "userstories") return project.us_statuses;
  if (group === "tasks") return project.task_statuses;
  if (group === "issues") return project.issue_statuses;
  if (group === "epics") return project.epic_statuses ?? [];
  return [];
}

/**
 * The answer of `/search` as groups in a fixed order (stories, tasks, issues, epics, wiki pages),
 * empty ones left out, each capped at `GROUP_LIMIT` unless `expanded` names it.
 */
export function buildGroups(results: SearchResults | undefined, project: StatusLists, expanded: ReadonlySet<GroupId> = new Set()): PaletteGroup[] {
  if (!results) return [];
  const groups: PaletteGroup[] = [];
  for (const g of GROUPS) {
    const hits = results[g.id] ?? [];
    if (hits.length === 0) continue;
    const statuses = statusesOf(project, g.id);
    const shown = expanded.has(g.id) ? hits : hits.slice(0, GROUP_LIMIT);
    const options: PaletteOption[] = shown.map((hit) => {
      if (!("ref" in hit)) {
        return { id: `${g.id}-${hit.id}`, group: g.id, to: `/project/${project.slug}/wiki/${hit.slug}`, ref: null, label: hit.slug, detail: null, color: null };
      }
      const status = statuses.find((s) => s.id === hit.status);
      const sprint = "milestone_name" in hit && hit.milestone_name ? hit.milestone_name : null;
      return {
        id: `${g.id}-${hit.id}`,
        group: g.id,
        to: `/project/${project.slug}/${g.path}/${hit.ref}`,
        ref: `#${hit.ref}`,
        label: hit.subject,
        detail: [status?.name, sprint].filter(Boolean).join(" · ") || null,
        color: status?.color ?? null,
      };
    });
    if (shown.length < hits.length) {
      options.push({
        id: `${g.id}-all`,
        group: g.id,
        to: "",
        ref: null,
        label: `Show all ${hits.length} ${g.noun[1]}`,
        detail: null,
        color: null,
        expands: true,
      });
    }
    groups.push({ id: g.id, title: g.title, count: hits.length, options });
  }
  return groups;
}

/** Where a resolved `#ref` leads (`null` when no item has it). */
export function refTarget(projectSlug: string, ref: number, resolved: ResolvedRef): { to: string; noun: string } | null {
  switch (resolved.kind) {
    case "us":
      return { to: `/project/${projectSlug}/us/${ref}`, noun: "User story" };
    case "task":
      return { to: `/project/${projectSlug}/task/${ref}`, noun: "Task" };
    case "issue":
      return { to: `/project/${projectSlug}/issue/${ref}`, noun: "Issue" };
    case "epic":
      return { to: `/project/${projectSlug}/epic/${ref}`, noun: "Epic" };
    case "wikipage":
      return { to: `/project/${projectSlug}/wiki/${ref}`, noun: "Wiki page" };
    default:
      return null;
  }
}

/** The next active option for an arrow, Home or End key (wrapping at both ends); `-1` is none. */
export function moveActive(current: number, count: number, key: string): number {
  if (count === 0) return -1;
  switch (key) {
    case "ArrowDown":
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case "ArrowUp":
      return current <= 0 ? count - 1 : current - 1;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}

/** A sentence for screen readers about what the list holds. */
export function resultsSummary(groups: PaletteGroup[]): string {
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (total === 0) return "No results";
  const counted = groups.map((g) => {
    const noun = GROUPS.find((x) => x.id === g.id)!.noun;
    return `${g.count} ${g.count === 1 ? noun[0] : noun[1]}`;
  });
  return `${total} ${total === 1 ? "result" : "results"}: ${counted.join(", ")}`;
}

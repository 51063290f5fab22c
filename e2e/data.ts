/**
 * What a spec reads before it acts, the same way on both backends: the embedded demo (fresh before
 * every spec) and a real Taiga's sample data (random on every reset, never reset between specs,
 * shared with the other suites). Never assume a name, a ref or a member: ask for
 *
 * - a project: `projectBySlug(api, backend.mainProject)`;
 * - people: `membersOf`, `memberWho(api, slug, { can: ["modify_us"], not: ["admin"] })` (an editor),
 *   `memberWho(api, slug, { can: ["view_us"], cannot: ["modify_us"] })` (a Stakeholder),
 *   `outsiderOf(api, slug)` (a backend account that is no member);
 * - throwaway work items: `createItem(api, cleanup, "userstory", { project, subject, ... })` creates
 *   one through the API and registers its deletion, so a spec works on objects of its own and leaves
 *   the real Taiga as it found it.
 *
 * Only backend accounts the specs can sign in as are returned (backend.admin and backend.users, all
 * with the password PASSWORD).
 */
import { backend } from "./backend";
import type { Api, Cleanup } from "./fixtures";

export type Kind = "userstory" | "task" | "issue";
export const RESOURCE: Record<Kind, string> = { userstory: "userstories", task: "tasks", issue: "issues" };

export interface Role {
  id: number;
  name: string;
  computable: boolean;
  permissions?: string[];
}

export interface StatusRow {
  id: number;
  name: string;
  order: number;
  is_closed: boolean;
  is_archived?: boolean;
  wip_limit?: number | null;
}

export interface ProjectDetail {
  id: number;
  slug: string;
  name: string;
  description: string;
  is_private: boolean;
  blocked_code: string | null;
  is_backlog_activated: boolean;
  is_kanban_activated: boolean;
  is_issues_activated: boolean;
  is_wiki_activated: boolean;
  milestones: { id: number; slug: string; name: string; closed: boolean }[];
  us_statuses: (StatusRow & { is_archived: boolean; wip_limit: number | null })[];
  task_statuses: StatusRow[];
  issue_statuses: StatusRow[];
  issue_types: { id: number; name: string }[];
  priorities: { id: number; name: string }[];
  severities: { id: number; name: string }[];
  swimlanes: { id: number; name: string; order: number }[] | null;
  roles: Role[];
  points: { id: number; name: string; value: number | null }[];
  members: { id: number; username: string; full_name_display: string; role: number; role_name: string; is_active: boolean }[];
  my_permissions: string[];
  tags_colors: Record<string, string | null> | [string, string | null][];
}

export interface Member {
  id: number;
  username: string;
  full_name_display: string;
  role: number;
  role_name: string;
  /** The member's role's permissions (what the UI should let them do). */
  permissions: string[];
}

/** The fields the specs read from a story, task or issue. */
export interface WorkItem {
  id: number;
  ref: number;
  project: number;
  subject: string;
  description: string;
  version: number;
  status: number;
  tags: [string, string | null][];
  assigned_to: number | null;
  assigned_users?: number[];
  points?: Record<string, number>;
  is_blocked: boolean;
  blocked_note: string;
  due_date: string | null;
  watchers: number[];
  owner: number;
  total_comments?: number;
  user_story?: number | null;
  us_order?: number;
  swimlane?: number | null;
  kanban_order?: number;
  type?: number;
  priority?: number;
  severity?: number;
}

export const projectBySlug = (api: Api, slug: string = backend.mainProject) => api.get<ProjectDetail>(`/projects/by_slug?slug=${encodeURIComponent(slug)}`);

/** Every account the specs can sign in as. */
export const accounts = (): string[] => [backend.admin, ...backend.users];

/** The project's active members the specs can sign in as, each with its role's permissions. */
export async function membersOf(api: Api, slug: string = backend.mainProject): Promise<Member[]> {
  const project = await projectBySlug(api, slug);
  const signable = new Set(accounts());
  return project.members
    .filter((m) => m.is_active && signable.has(m.username))
    .map((m) => ({
      id: m.id,
      username: m.username,
      full_name_display: m.full_name_display,
      role: m.role,
      role_name: m.role_name,
      permissions: project.roles.find((r) => r.id === m.role)?.permissions ?? [],
    }));
}

export interface MemberQuery {
  /** Permissions the member's role must have. */
  can?: string[];
  /** Permissions the member's role must lack. */
  cannot?: string[];
  /** Usernames to leave out (the other user of a two-user spec, say). */
  not?: string[];
}

/** The first member (in backend.users order, admin last) that fits; fails the spec clearly if none does. */
export async function memberWho(api: Api, slug: string, query: MemberQuery = {}): Promise<Member> {
  const members = await membersOf(api, slug);
  const order = [...backend.users, backend.admin];
  const fits = members
    .filter((m) => (query.can ?? []).every((p) => m.permissions.includes(p)))
    .filter((m) => (query.cannot ?? []).every((p) => !m.permissions.includes(p)))
    .filter((m) => !(query.not ?? []).includes(m.username))
    .sort((a, b) => order.indexOf(a.username) - order.indexOf(b.username));
  const found = fits[0];
  if (!found) throw new Error(`no member of ${slug} fits ${JSON.stringify(query)} (members: ${members.map((m) => `${m.username}/${m.role_name}`).join(", ")})`);
  return found;
}

/** Members who may edit stories, tasks and issues: who a spec signs in as to change things. */
export const EDIT = ["modify_us", "modify_task", "modify_issue", "add_us", "add_task", "add_issue", "comment_us"];

/** A backend account that is no member of the project. */
export async function outsiderOf(api: Api, slug: string): Promise<string> {
  const members = new Set((await projectBySlug(api, slug)).members.map((m) => m.username));
  const outsider = backend.users.find((u) => !members.has(u));
  if (!outsider) throw new Error(`every account of the backend is a member of ${slug}`);
  return outsider;
}

export const readItem = (api: Api, kind: Kind, id: number) => api.get<WorkItem>(`/${RESOURCE[kind]}/${id}`);

export const itemsOf = (api: Api, kind: Kind, projectId: number, query = "") => api.list<WorkItem>(`/${RESOURCE[kind]}?project=${projectId}${query}`);

/** A short tag unique to this run, for names a spec creates (finds them again, tells them apart). */
export const runTag = `e2e${Date.now().toString(36).slice(-5)}`;

/**
 * Creates a story, task or issue through the API (as `as`, admin by default) and registers its
 * deletion with the spec's cleanup. `fields` are the create body's fields beside `project`.
 */
export async function createItem(api: Api, cleanup: Cleanup, kind: Kind, projectId: number, fields: Record<string, unknown>, as: string = backend.admin): Promise<WorkItem> {
  const item = await api.send<WorkItem>("POST", `/${RESOURCE[kind]}`, { project: projectId, ...fields }, as);
  cleanup.add(`delete ${kind} #${item.ref}`, () => deleteIfThere(api, kind, item.id));
  return item;
}

/** Deletes a story, task or issue unless it is already gone (a spec may delete it itself). */
export async function deleteIfThere(api: Api, kind: Kind, id: number): Promise<void> {
  const response = await api.fetch("DELETE", `/${RESOURCE[kind]}/${id}`);
  if (response.status() !== 204 && response.status() !== 404) throw new Error(`DELETE /${RESOURCE[kind]}/${id} -> ${response.status()}: ${(await response.text()).slice(0, 200)}`);
}

/**
 * Registers the deletion of the items a spec creates through the UI, found afterwards by `match`
 * on their subject (quick add, bulk add, a task added on a story's page).
 */
export function deleteCreatedLater(api: Api, cleanup: Cleanup, kind: Kind, projectId: number, match: (subject: string) => boolean): void {
  cleanup.add(`delete the ${kind} items the spec created`, async () => {
    for (const item of await itemsOf(api, kind, projectId)) if (match(item.subject)) await deleteIfThere(api, kind, item.id);
  });
}

/** Puts fields of an item back as they were (reads the current version first). */
export function restoreFields(api: Api, cleanup: Cleanup, kind: Kind, item: WorkItem, fields: (keyof WorkItem)[]): void {
  cleanup.add(`restore ${fields.join(", ")} of ${kind} #${item.ref}`, async () => {
    const now = await readItem(api, kind, item.id);
    const body: Record<string, unknown> = { version: now.version };
    for (const f of fields) body[f] = item[f];
    await api.send("PATCH", `/${RESOURCE[kind]}/${item.id}`, body);
  });
}

/**
 * A tag a spec adds stays in the project's tag colours on Taiga after the items lose it; this
 * removes it after the spec (`POST /projects/{id}/delete_tag`). On a resettable backend the reset
 * does it, and the embedded server has no tag-colour writes.
 */
export function forgetTag(api: Api, cleanup: Cleanup, projectId: number, tag: string): void {
  if (backend.resettable) return;
  cleanup.add(`forget tag ${tag}`, async () => {
    const colors = await api.get<Record<string, unknown>>(`/projects/${projectId}/tags_colors`);
    if (Object.prototype.hasOwnProperty.call(colors, tag)) await api.send("POST", `/projects/${projectId}/delete_tag`, { tag });
  });
}

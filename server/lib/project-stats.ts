/**
 * `GET /projects/{id}/stats`: backlog figures and the burn-up curve (taiga-api/projects.md §6).
 * Sums run over every story's role points with a numeric value; per-role maps are keyed by role id.
 */
import type { Db } from "../db";
import type { ProjectRow } from "./projects";

interface PointRow {
  role_id: number;
  value: number | null;
  is_closed: number;
  milestone_id: number | null;
  client_requirement: number;
  team_requirement: number;
  created_date: string;
}

interface SprintRow {
  id: number;
  name: string;
  estimated_start: string;
  estimated_finish: string;
  closed: number;
}

interface SprintTotals {
  closed: number;
  team: number;
  client: number;
}

const add = (map: Record<string, number>, key: number, value: number): void => {
  map[String(key)] = (map[String(key)] ?? 0) + value;
};

export function projectStats(db: Db, project: ProjectRow): Record<string, unknown> {
  const rows = db
    .prepare(
      `SELECT rp.role_id, pt.value, us.is_closed, us.milestone_id, us.client_requirement, us.team_requirement, us.created_date
       FROM role_points rp JOIN userstories us ON us.id = rp.userstory_id JOIN points pt ON pt.id = rp.points_id
       WHERE us.project_id = ?`,
    )
    .all(project.id) as PointRow[];
  const sprints = db
    .prepare("SELECT id, name, estimated_start, estimated_finish, closed FROM milestones WHERE project_id = ? ORDER BY estimated_start, id")
    .all(project.id) as SprintRow[];
  const perSprint = new Map<number, SprintTotals>(sprints.map((s) => [s.id, { closed: 0, team: 0, client: 0 }]));
  const closedSprintIds = new Set(sprints.filter((s) => s.closed === 1).map((s) => s.id));
  const future = { team: 0, client: 0 };

  let defined = 0;
  let closed = 0;
  let assigned = 0;
  let closedInClosedSprints = 0;
  const definedPerRole: Record<string, number> = {};
  const closedPerRole: Record<string, number> = {};
  const assignedPerRole: Record<string, number> = {};

  // the sprint whose dates contain the story's creation day gets its requirement increments
  const sprintCreatedIn = (createdDate: string): SprintTotals | undefined => {
    const day = createdDate.slice(0, 10);
    const sprint = sprints.find((s) => s.estimated_start <= day && day < s.estimated_finish);
    return sprint ? perSprint.get(sprint.id) : undefined;
  };

  for (const r of rows) {
    if (r.value === null) continue;
    defined += r.value;
    add(definedPerRole, r.role_id, r.value);
    if (r.is_closed === 1) {
      closed += r.value;
      add(closedPerRole, r.role_id, r.value);
      const s = r.milestone_id !== null ? perSprint.get(r.milestone_id) : undefined;
      if (s) s.closed += r.value;
    }
    if (r.milestone_id !== null && closedSprintIds.has(r.milestone_id)) closedInClosedSprints += r.value;
    if (r.milestone_id !== null) {
      assigned += r.value;
      add(assignedPerRole, r.role_id, r.value);
    }
    const team = r.team_requirement === 1;
    const client = r.client_requirement === 1;
    if (team || client) {
      const target = sprintCreatedIn(r.created_date) ?? future;
      if (team && client) {
        target.team += r.value / 2;
        target.client += r.value / 2;
      } else if (team) target.team += r.value;
      else target.client += r.value;
    }
  }

  const scope = project.total_story_points ? project.total_story_points : defined;
  const plannedSprints = project.total_milestones ? project.total_milestones : sprints.length;
  const perSprintOptimal = scope && plannedSprints ? scope / plannedSprints : 0;

  const curve: Record<string, unknown>[] = [];
  let burned: number | null = 0;
  let team = 0;
  let client = 0;
  let optimal = 0;
  for (let i = 0; i < Math.max(sprints.length, plannedSprints); i++) {
    optimal = scope - perSprintOptimal * i;
    const evolution = burned === null ? null : scope - burned;
    const sprint = sprints[i];
    let entryTeam: number;
    let entryClient: number;
    if (sprint) {
      const totals = perSprint.get(sprint.id) as SprintTotals;
      entryTeam = team;
      entryClient = client;
      burned = (burned ?? 0) + totals.closed;
      team += totals.team;
      client += totals.client;
    } else {
      team += future.team;
      client += future.client;
      entryTeam = team;
      entryClient = client;
      burned = null;
    }
    curve.push({ name: sprint ? sprint.name : "Future sprint", optimal, evolution, "team-increment": entryTeam, "client-increment": entryClient });
  }
  curve.push({
    name: "Project End",
    optimal: optimal - perSprintOptimal,
    evolution: burned !== null && scope ? scope - burned : null,
    "team-increment": team,
    "client-increment": client,
  });

  return {
    name: project.name,
    total_milestones: project.total_milestones,
    total_points: project.total_story_points,
    closed_points: closed,
    closed_points_per_role: closedPerRole,
    defined_points: defined,
    defined_points_per_role: definedPerRole,
    assigned_points: assigned,
    assigned_points_per_role: assignedPerRole,
    milestones: curve,
    speed: closedSprintIds.size > 0 ? closedInClosedSprints / closedSprintIds.size : 0,
  };
}

/* ------------------------------------------------------------------ issues_stats ------------------------------------------------------------------ */

interface IssueStatRow {
  id: number;
  status_id: number | null;
  type_id: number | null;
  priority_id: number | null;
  severity_id: number | null;
  owner_id: number | null;
  assigned_to_id: number | null;
  created_date: string;
  finished_date: string | null;
}

type Counted = Record<string, Record<string, unknown>>;

/**
 * `GET /projects/{id}/issues_stats` (`get_stats_for_project_issues`): totals, counts per type, status,
 * priority, severity, owner and assignee (`0` = unassigned), and 28 daily series ending today: issues
 * opened / closed that day, and per severity and priority the issues open that day.
 */
export function projectIssuesStats(db: Db, projectId: number, today = new Date()): Record<string, unknown> {
  const issues = db
    .prepare("SELECT id, status_id, type_id, priority_id, severity_id, owner_id, assigned_to_id, created_date, finished_date FROM issues WHERE project_id = ? ORDER BY id DESC")
    .all(projectId) as IssueStatRow[];
  const valueRows = (table: string): Map<number, { id: number; name: string; color: string; is_closed?: number }> =>
    new Map((db.prepare(`SELECT * FROM ${table} WHERE project_id = ?`).all(projectId) as { id: number; name: string; color: string; is_closed?: number }[]).map((r) => [r.id, r]));
  const statuses = valueRows("issue_statuses");
  const types = valueRows("issue_types");
  const priorities = valueRows("priorities");
  const severities = valueRows("severities");
  const users = new Map((db.prepare("SELECT id, username, full_name, color FROM users").all() as { id: number; username: string; full_name: string; color: string }[]).map((u) => [u.id, u]));

  const countValue = (store: Counted, v: { id: number; name: string; color: string } | undefined): void => {
    if (!v) return;
    const entry = store[v.id] ?? (store[v.id] = { count: 0, name: v.name, id: v.id, color: v.color });
    entry.count = (entry.count as number) + 1;
  };
  const countUser = (store: Counted, id: number | null): void => {
    const u = id !== null ? users.get(id) : undefined;
    const key = u ? u.id : 0;
    const entry =
      store[key] ??
      (store[key] = u ? { count: 0, username: u.username, name: u.full_name || u.username, id: u.id, color: u.color } : { count: 0, username: "Unassigned", name: "Unassigned", id: 0, color: "black" });
    entry.count = (entry.count as number) + 1;
  };

  const perType: Counted = {};
  const perStatus: Counted = {};
  const perPriority: Counted = {};
  const perSeverity: Counted = {};
  const perOwner: Counted = {};
  const perAssigned: Counted = {};
  let closed = 0;
  for (const i of issues) {
    const status = i.status_id !== null ? statuses.get(i.status_id) : undefined;
    if (status?.is_closed === 1) closed += 1;
    countValue(perType, i.type_id !== null ? types.get(i.type_id) : undefined);
    countValue(perStatus, status);
    countValue(perPriority, i.priority_id !== null ? priorities.get(i.priority_id) : undefined);
    countValue(perSeverity, i.severity_id !== null ? severities.get(i.severity_id) : undefined);
    countUser(perOwner, i.owner_id);
    countUser(perAssigned, i.assigned_to_id);
  }

  const series = (store: Counted): Counted =>
    Object.fromEntries(Object.values(store).map((v) => [String(v.id), { name: v.name, id: v.id, color: v.color, data: [] as number[] }]));
  const bySeverity = series(perSeverity);
  const byPriority = series(perPriority);
  const open: number[] = [];
  const closedDays: number[] = [];
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (let x = 27; x >= 0; x--) {
    const day = midnight - x * 86_400_000;
    const next = day + 86_400_000;
    const t = (iso: string): number => Date.parse(iso);
    open.push(issues.filter((i) => t(i.created_date) >= day && t(i.created_date) < next).length);
    closedDays.push(issues.filter((i) => i.finished_date !== null && t(i.finished_date) >= day && t(i.finished_date) < next).length);
    const openThatDay = issues.filter((i) => t(i.created_date) < next && (i.finished_date === null || t(i.finished_date) > day));
    for (const s of Object.values(bySeverity)) (s.data as number[]).push(openThatDay.filter((i) => i.severity_id === s.id).length);
    for (const p of Object.values(byPriority)) (p.data as number[]).push(openThatDay.filter((i) => i.priority_id === p.id).length);
  }
  return {
    total_issues: issues.length,
    opened_issues: issues.length - closed,
    closed_issues: closed,
    issues_per_type: perType,
    issues_per_status: perStatus,
    issues_per_priority: perPriority,
    issues_per_severity: perSeverity,
    issues_per_owner: perOwner,
    issues_per_assigned_to: perAssigned,
    last_four_weeks_days: { by_open_closed: { open, closed: closedDays }, by_severity: bySeverity, by_priority: byPriority, by_status: {} },
  };
}

/* ------------------------------------------------------------------ member_stats ------------------------------------------------------------------ */

/**
 * `GET /projects/{id}/member_stats` (`get_member_stats_for_project`): per member (every member listed,
 * 0 by default) closed issues assigned, iocaine tasks, wiki history entries, issues created and closed
 * tasks assigned. Like Django's `Count('assigned_to')`, a group of unassigned items counts 0 (key "null").
 */
export function projectMemberStats(db: Db, projectId: number): Record<string, Record<string, number>> {
  const members = (db.prepare("SELECT user_id FROM memberships WHERE project_id = ? AND user_id IS NOT NULL ORDER BY user_id").all(projectId) as { user_id: number }[]).map((m) => m.user_id);
  const counters = (rows: { key: number | null; n: number }[]): Record<string, number> => {
    const out: Record<string, number> = Object.fromEntries(members.map((id) => [String(id), 0]));
    for (const r of rows) out[r.key === null ? "null" : String(r.key)] = r.key === null ? 0 : r.n;
    return out;
  };
  const grouped = (sql: string): { key: number | null; n: number }[] => db.prepare(sql).all(projectId) as { key: number | null; n: number }[];
  return {
    closed_bugs: counters(grouped("SELECT i.assigned_to_id AS key, COUNT(*) AS n FROM issues i JOIN issue_statuses s ON s.id = i.status_id WHERE i.project_id = ? AND s.is_closed = 1 GROUP BY i.assigned_to_id")),
    iocaine_tasks: counters(grouped("SELECT assigned_to_id AS key, COUNT(*) AS n FROM tasks WHERE project_id = ? AND is_iocaine = 1 GROUP BY assigned_to_id")),
    wiki_changes: counters(
      grouped("SELECT json_extract(h.user, '$.pk') AS key, COUNT(*) AS n FROM history_entries h JOIN wiki_pages w ON w.id = h.object_id WHERE h.content_type = 'wikipage' AND w.project_id = ? GROUP BY key"),
    ),
    created_bugs: counters(grouped("SELECT owner_id AS key, COUNT(*) AS n FROM issues WHERE project_id = ? GROUP BY owner_id")),
    closed_tasks: counters(grouped("SELECT t.assigned_to_id AS key, COUNT(*) AS n FROM tasks t JOIN task_statuses s ON s.id = t.status_id WHERE t.project_id = ? AND s.is_closed = 1 GROUP BY t.assigned_to_id")),
  };
}

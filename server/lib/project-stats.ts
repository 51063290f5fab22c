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

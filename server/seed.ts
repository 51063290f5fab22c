/**
 * Demo data, created on first start with an empty database (and by the e2e reset endpoint).
 * Deterministic: fixed texts and a seeded PRNG; only dates follow the current day.
 *
 * Users (password 123123): admin (superuser), alice, bob, carol, dave, erin, frank (not in the private project).
 * Projects: demo-scrum (backlog, 3 sprints, tasks, issues, wiki), demo-kanban (swimlanes, WIP limits,
 * archived status, tags), the private secret-roadmap (admin + alice) and legacy-archive, a project
 * blocked by the site's staff (readable, every write answers 451; admin + bob + carol).
 * Every story, task and issue has a past (seed-history.ts): assignment, status moves, comments.
 */
import { randomUUID } from "node:crypto";
import { type Db, nextRef } from "./db";
import { formatDate } from "./lib/dates";
import { recordHistory } from "./lib/history";
import { hashPassword } from "./lib/passwords";
import { ANON_PERMISSIONS } from "./lib/permissions";
import { ensureDefaultTemplates, EPIC_STATUSES, ISSUE_STATUSES, ISSUE_TYPES, POINTS, PRIORITIES, ROLES, SEVERITIES, TASK_STATUSES, US_STATUSES } from "./lib/project-templates";
import { slugify } from "./lib/slug";
import { getUser, type UserRow } from "./lib/users";
import { statusWalk, writeItemPast, type ItemPast } from "./seed-history";

export const DEMO_PASSWORD = "123123";

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

export { slugify };

const DEMO_USERS = [
  { username: "admin", full_name: "Administrator", color: "", superuser: true },
  { username: "alice", full_name: "Alice Martin", color: "#2099DB", superuser: false },
  { username: "bob", full_name: "Bob Fischer", color: "#E47C40", superuser: false },
  { username: "carol", full_name: "Carol Nguyen", color: "#A8E440", superuser: false },
  { username: "dave", full_name: "Dave Okafor", color: "#5178D3", superuser: false },
  { username: "erin", full_name: "Erin Kowalski", color: "#E44057", superuser: false },
  { username: "frank", full_name: "Frank Moreau", color: "#761CEC", superuser: false },
] as const;

export type DemoUsername = (typeof DEMO_USERS)[number]["username"];

export interface ProjectIds {
  id: number;
  roles: Record<string, number>;
  computableRoles: number[];
  usStatuses: Record<string, number>;
  taskStatuses: Record<string, number>;
  issueStatuses: Record<string, number>;
  points: Record<string, number>;
  priorities: Record<string, number>;
  severities: Record<string, number>;
  issueTypes: Record<string, number>;
  swimlanes: Record<string, number>;
}

export interface ProjectSpec {
  name: string;
  slug: string;
  description: string;
  ownerId: number;
  isPrivate: boolean;
  kanban: boolean;
  backlog: boolean;
  /** issues and wiki modules (default on) */
  issues?: boolean;
  wiki?: boolean;
  createdDate: string;
  tagsColors?: [string, string | null][];
  wipLimits?: Record<string, number>;
  swimlanes?: string[];
}

/** Creates a project with Taiga's default template values (roles, statuses, points, ...). */
export function createProject(db: Db, spec: ProjectSpec): ProjectIds {
  const perms = spec.isPrivate ? [] : [...ANON_PERMISSIONS];
  const info = db
    .prepare(
      `INSERT INTO projects (name, slug, description, owner_id, created_date, modified_date, is_private,
         is_backlog_activated, is_kanban_activated, is_issues_activated, is_wiki_activated, is_epics_activated,
         anon_permissions, public_permissions, tags_colors, creation_template, totals_updated_datetime)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    )
    .run(
      spec.name,
      spec.slug,
      spec.description,
      spec.ownerId,
      spec.createdDate,
      spec.createdDate,
      spec.isPrivate ? 1 : 0,
      spec.backlog ? 1 : 0,
      spec.kanban ? 1 : 0,
      spec.issues === false ? 0 : 1,
      spec.wiki === false ? 0 : 1,
      JSON.stringify(perms),
      JSON.stringify(perms),
      JSON.stringify(spec.tagsColors ?? []),
      spec.kanban && !spec.backlog ? 2 : 1,
      spec.createdDate,
    );
  const id = Number(info.lastInsertRowid);
  db.prepare("INSERT INTO ref_sequences (project_id, last_ref) VALUES (?, 0)").run(id);
  const ids: ProjectIds = {
    id,
    roles: {},
    computableRoles: [],
    usStatuses: {},
    taskStatuses: {},
    issueStatuses: {},
    points: {},
    priorities: {},
    severities: {},
    issueTypes: {},
    swimlanes: {},
  };
  const insertId = (sql: string, ...params: unknown[]): number => Number(db.prepare(sql).run(...params).lastInsertRowid);

  ROLES.forEach((r, i) => {
    const rid = insertId(
      `INSERT INTO roles (project_id, name, slug, "order", computable, permissions) VALUES (?, ?, ?, ?, ?, ?)`,
      id, r.name, slugify(r.name), (i + 1) * 10, r.computable ? 1 : 0, JSON.stringify(r.permissions),
    );
    ids.roles[r.name] = rid;
    if (r.computable) ids.computableRoles.push(rid);
  });
  US_STATUSES.forEach((s, i) => {
    ids.usStatuses[s.name] = insertId(
      `INSERT INTO userstory_statuses (project_id, name, slug, "order", is_closed, is_archived, color, wip_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id, s.name, slugify(s.name), i + 1, s.closed ? 1 : 0, s.archived ? 1 : 0, s.color, spec.wipLimits?.[s.name] ?? null,
    );
  });
  TASK_STATUSES.forEach((s, i) => {
    ids.taskStatuses[s.name] = insertId(
      `INSERT INTO task_statuses (project_id, name, slug, "order", is_closed, color) VALUES (?, ?, ?, ?, ?, ?)`,
      id, s.name, slugify(s.name), i + 1, s.closed ? 1 : 0, s.color,
    );
  });
  ISSUE_STATUSES.forEach((s, i) => {
    ids.issueStatuses[s.name] = insertId(
      `INSERT INTO issue_statuses (project_id, name, slug, "order", is_closed, color) VALUES (?, ?, ?, ?, ?, ?)`,
      id, s.name, slugify(s.name), i + 1, s.closed ? 1 : 0, s.color,
    );
  });
  const epicStatusIds = EPIC_STATUSES.map((s, i) =>
    insertId(`INSERT INTO epic_statuses (project_id, name, slug, "order", is_closed, color) VALUES (?, ?, ?, ?, ?, ?)`, id, s.name, slugify(s.name), i + 1, s.closed ? 1 : 0, s.color),
  );
  POINTS.forEach(([name, value], i) => {
    ids.points[name] = insertId(`INSERT INTO points (project_id, name, "order", value) VALUES (?, ?, ?, ?)`, id, name, i + 1, value);
  });
  for (const [name, color, order] of PRIORITIES) {
    ids.priorities[name] = insertId(`INSERT INTO priorities (project_id, name, "order", color) VALUES (?, ?, ?, ?)`, id, name, order, color);
  }
  SEVERITIES.forEach(([name, color], i) => {
    ids.severities[name] = insertId(`INSERT INTO severities (project_id, name, "order", color) VALUES (?, ?, ?, ?)`, id, name, i + 1, color);
  });
  ISSUE_TYPES.forEach(([name, color], i) => {
    ids.issueTypes[name] = insertId(`INSERT INTO issue_types (project_id, name, "order", color) VALUES (?, ?, ?, ?)`, id, name, i + 1, color);
  });
  for (const kind of ["us", "task", "issue"]) {
    db.prepare(`INSERT INTO duedates (project_id, kind, name, "order", by_default, color, days_to_due) VALUES (?, ?, 'Default', 1, 1, '#9dce0a', NULL)`).run(id, kind);
    db.prepare(`INSERT INTO duedates (project_id, kind, name, "order", by_default, color, days_to_due) VALUES (?, ?, 'Due soon', 2, 0, '#ff9900', 14)`).run(id, kind);
    db.prepare(`INSERT INTO duedates (project_id, kind, name, "order", by_default, color, days_to_due) VALUES (?, ?, 'Past due', 3, 0, '#E44057', 0)`).run(id, kind);
  }
  (spec.swimlanes ?? []).forEach((name, i) => {
    const sid = insertId(`INSERT INTO swimlanes (project_id, name, "order") VALUES (?, ?, ?)`, id, name, i + 1);
    ids.swimlanes[name] = sid;
    for (const s of US_STATUSES) {
      db.prepare("INSERT INTO swimlane_userstory_statuses (swimlane_id, status_id, wip_limit) VALUES (?, ?, ?)").run(
        sid,
        ids.usStatuses[s.name],
        spec.wipLimits?.[s.name] ?? 0,
      );
    }
  });
  const firstSwimlane = spec.swimlanes?.[0];
  db.prepare(
    `UPDATE projects SET default_epic_status_id = ?, default_points_id = ?, default_us_status_id = ?, default_task_status_id = ?,
       default_priority_id = ?, default_severity_id = ?, default_issue_status_id = ?, default_issue_type_id = ?, default_swimlane_id = ?
     WHERE id = ?`,
  ).run(
    epicStatusIds[0],
    ids.points["?"],
    ids.usStatuses["New"],
    ids.taskStatuses["New"],
    ids.priorities["Normal"],
    ids.severities["Normal"],
    ids.issueStatuses["New"],
    ids.issueTypes["Bug"],
    firstSwimlane ? ids.swimlanes[firstSwimlane] : null,
    id,
  );
  return ids;
}

export function addMember(db: Db, projectId: number, userId: number, roleId: number, isAdmin: boolean, createdAt: string, userOrder: number): void {
  db.prepare("INSERT INTO memberships (project_id, user_id, role_id, is_admin, created_at, user_order) VALUES (?, ?, ?, ?, ?, ?)").run(
    projectId, userId, roleId, isAdmin ? 1 : 0, createdAt, userOrder,
  );
}

export interface StorySpec {
  subject: string;
  description?: string;
  statusId: number;
  isClosed: boolean;
  swimlaneId?: number | null;
  milestoneId?: number | null;
  ownerId: number;
  assignedTo?: number | null;
  assignedUsers?: number[];
  tags?: string[];
  order: number;
  isBlocked?: boolean;
  blockedNote?: string;
  dueDate?: string | null;
  points?: Record<number, number>;
  createdDate: string;
  clientRequirement?: boolean;
  teamRequirement?: boolean;
}

/** Prepared statements for bulk inserts of stories (seed and seed-cli). */
export function storyInserter(db: Db, project: ProjectIds, owner: UserRow) {
  const insert = db.prepare(
    `INSERT INTO userstories (project_id, ref, subject, description, status_id, swimlane_id, milestone_id, owner_id, assigned_to_id,
       tags, backlog_order, sprint_order, kanban_order, is_closed, is_blocked, blocked_note, due_date, client_requirement,
       team_requirement, version, created_date, modified_date, finish_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const insertAssigned = db.prepare("INSERT OR IGNORE INTO userstory_assigned_users (userstory_id, user_id) VALUES (?, ?)");
  const insertPoints = db.prepare("INSERT INTO role_points (userstory_id, role_id, points_id) VALUES (?, ?, ?)");
  const unknownPoints = project.points["?"] as number;
  return (s: StorySpec): { id: number; ref: number } => {
    const ref = nextRef(db, project.id);
    const info = insert.run(
      project.id, ref, s.subject, s.description ?? "", s.statusId, s.swimlaneId ?? null, s.milestoneId ?? null, s.ownerId,
      s.assignedTo ?? null, JSON.stringify(s.tags ?? []), s.order, s.order, s.order, s.isClosed ? 1 : 0, s.isBlocked ? 1 : 0,
      s.blockedNote ?? "", s.dueDate ?? null, s.clientRequirement ? 1 : 0, s.teamRequirement ? 1 : 0, s.createdDate, s.createdDate,
      s.isClosed ? s.createdDate : null,
    );
    const id = Number(info.lastInsertRowid);
    const assigned = new Set([...(s.assignedUsers ?? []), ...(s.assignedTo ? [s.assignedTo] : [])]);
    for (const uid of assigned) insertAssigned.run(id, uid);
    for (const roleId of project.computableRoles) insertPoints.run(id, roleId, s.points?.[roleId] ?? unknownPoints);
    recordHistory(db, { projectId: project.id, contentType: "userstory", objectId: id, type: 2, user: owner, createdAt: s.createdDate });
    return { id, ref };
  };
}

const BACKLOG_SUBJECTS = [
  "Sign in with e-mail or username",
  "Reset a forgotten password",
  "Invite teammates by e-mail",
  "Project dashboard with recent activity",
  "Create a user story from the backlog",
  "Estimate stories with planning poker points",
  "Drag stories to reorder the backlog",
  "Plan a sprint from the backlog",
  "Sprint burndown chart",
  "Taskboard with task statuses",
  "Filter the backlog by tag",
  "Search stories by text or #ref",
  "Attach files to a story",
  "Comment on a story and mention teammates",
  "Watch a story for notifications",
  "Export the backlog as CSV",
  "Keyboard shortcuts for the backlog",
  "Dark theme",
  "Archive finished sprints",
  "Show story points per role",
  "Block a story with a reason",
  "Due dates with reminders",
  "Bulk-create stories from a list",
  "Custom fields on user stories",
  "Epic overview with progress",
  "Project settings: modules on and off",
  "Role permissions editor",
  "Wiki with linked pages",
  "Issue triage view",
  "Weekly status e-mail to stakeholders",
  "Offline-friendly loading states",
  "Accessibility review of the taskboard",
  "Audit log of project changes",
  "Two-factor authentication",
  "Notification preferences",
  "Public project pages",
] as const;

const TASK_SUBJECTS = ["Write the API call", "Design the screen", "Unit tests", "Review and polish", "Update the docs"] as const;

const ISSUE_SUBJECTS = [
  "Login button does nothing on slow networks",
  "Backlog drag handle is hard to hit on touch screens",
  "How do I move a story to another project?",
  "Sprint dates shift by one day in some time zones",
  "Add a compact card density option",
  "Burndown ignores stories closed on the last day",
  "Search does not find refs with a leading #",
  "Markdown tables render without borders",
  "Allow sorting issues by severity",
  "Avatar colours clash with status colours",
  "Attachment upload fails for files with spaces",
  "What does 'client requirement' mean?",
  "Support Markdown in task descriptions",
  "Stale data after editing a story in two tabs",
  "Keyboard focus lost after closing a dialog",
] as const;

const KANBAN_SUBJECTS = [
  "Rate limiting on the public API",
  "Push notifications on Android",
  "Offline mode for the iOS app",
  "Responsive pricing page",
  "Migrate CI to the new runners",
  "Single sign-on with SAML",
  "App store screenshots refresh",
  "Checkout flow A/B test",
  "Database connection pooling",
  "Deep links into the mobile app",
  "Cookie consent banner",
  "Blue/green deployments",
  "Biometric login on mobile",
  "Landing page performance budget",
  "Structured logging across services",
  "Tablet layout for the dashboard",
  "Accessible form validation messages",
  "Nightly backups with restore drill",
  "In-app feedback widget",
  "Image CDN with automatic resizing",
  "Feature flags service",
  "Crash reporting for mobile releases",
  "Newsletter sign-up form",
  "Upgrade the message queue",
  "Mobile onboarding carousel",
  "SEO metadata for blog posts",
  "Secrets rotation for production",
  "Share sheet integration",
  "Web vitals dashboard",
  "Load test the search endpoint",
  "Dark mode for the mobile app",
  "Localised marketing pages",
  "Retire the legacy admin API",
  "Widget for the home screen",
  "Self-service account deletion",
  "Status page for incidents",
] as const;

const KANBAN_TAGS: [string, string | null][] = [
  ["backend", "#5178D3"],
  ["frontend", "#E47C40"],
  ["mobile", "#A8E440"],
  ["infra", "#70728F"],
  ["security", "#E44057"],
  ["ux", "#40E4CE"],
  ["performance", "#E4CE40"],
  ["customer", null],
];

const STORY_DESCRIPTION = (subject: string): string =>
  `As a member of the team I want **${subject.toLowerCase()}** so that our work is easier to follow.\n\n` +
  "Acceptance criteria:\n\n- works with the keyboard\n- shows a clear error when something fails\n- covered by tests";

/** Seeds the demo users and projects into an empty database (one transaction). */
export function seedDemo(db: Db, now: Date = new Date()): void {
  db.transaction(() => {
    ensureDefaultTemplates(db);
    seedDemoInTransaction(db, now);
  })();
}

function seedDemoInTransaction(db: Db, now: Date): void {
  const rand = prng(20261128);
  const day = 86_400_000;
  const iso = (offsetDays: number, minutes = 0): string => new Date(now.getTime() + offsetDays * day + minutes * 60_000).toISOString();
  const dateOnly = (offsetDays: number): string => formatDate(new Date(now.getTime() + offsetDays * day));
  let orderClock = now.getTime() * 1000 - 10_000_000;
  const nextOrder = (): number => (orderClock += 1000);

  const password = hashPassword(DEMO_PASSWORD);
  const users: Record<string, UserRow> = {};
  DEMO_USERS.forEach((u, i) => {
    const email = `${u.username}@taiga.demo`;
    const info = db
      .prepare(
        `INSERT INTO users (username, email, full_name, password, color, uuid, is_superuser, date_joined) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(u.username, email, u.full_name, password, u.color, randomUUID().replace(/-/g, ""), u.superuser ? 1 : 0, iso(-120, i));
    users[u.username] = getUser(db, Number(info.lastInsertRowid)) as UserRow;
  });
  const uid = (name: DemoUsername): number => (users[name] as UserRow).id;
  const admin = users["admin"] as UserRow;
  const user = (name: DemoUsername): UserRow => users[name] as UserRow;
  const userById = (id: number | null | undefined): UserRow | null => (id ? (Object.values(users).find((u) => u.id === id) ?? null) : null);
  // Each item's past, written once everything exists (seed-history.ts).
  const pasts: ItemPast[] = [];
  const walkOrder = (statuses: Record<string, number>, names: readonly string[]) => names.map((n) => statuses[n] as number);
  const US_WALK = ["New", "Ready", "In progress", "Ready for test", "Done", "Archived"] as const;
  const ITEM_WALK = ["New", "In progress", "Ready for test", "Closed"] as const;

  // ---------------------------------------------------------------- demo-scrum
  const scrum = createProject(db, {
    name: "Demo Scrum",
    slug: "demo-scrum",
    description: "A Scrum project: a prioritised backlog, three sprints (one running now), tasks, issues and a wiki.",
    ownerId: admin.id,
    isPrivate: false,
    kanban: false,
    backlog: true,
    createdDate: iso(-60),
    tagsColors: [
      ["auth", "#E44057"],
      ["backlog", "#5178D3"],
      ["reporting", "#A8E440"],
      ["ux", "#40E4CE"],
      ["api", null],
    ],
  });
  const scrumMembers: [DemoUsername, string, boolean][] = [
    ["admin", "Product Owner", true],
    ["alice", "Front", true],
    ["bob", "Back", false],
    ["carol", "UX", false],
    ["dave", "Design", false],
    ["erin", "Stakeholder", false],
    ["frank", "Back", false],
  ];
  // planning figures shown by the backlog's progress bar (project settings in Taiga)
  db.prepare("UPDATE projects SET total_milestones = 3, total_story_points = 150 WHERE id = ?").run(scrum.id);
  scrumMembers.forEach(([name, role, isAdmin], i) => addMember(db, scrum.id, uid(name), scrum.roles[role] as number, isAdmin, iso(-60, i), 1));

  const sprints = [
    { name: "Sprint 1", start: -28, end: -15, closed: true },
    { name: "Sprint 2", start: -7, end: 6, closed: false },
    { name: "Sprint 3", start: 7, end: 20, closed: false },
  ].map((s, i) => {
    const info = db
      .prepare(
        `INSERT INTO milestones (project_id, name, slug, owner_id, estimated_start, estimated_finish, created_date, modified_date, closed, "order")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(scrum.id, s.name, `${slugify(s.name)}`, admin.id, dateOnly(s.start), dateOnly(s.end), iso(s.start - 3), iso(s.start - 3), s.closed ? 1 : 0, i + 1);
    return { ...s, id: Number(info.lastInsertRowid) };
  });

  const addScrumStory = storyInserter(db, scrum, admin);
  const workers: DemoUsername[] = ["alice", "bob", "carol", "dave", "frank"];
  const scrumPeople = (["alice", "bob", "carol", "admin", "dave", "erin", "frank"] as const).map(user);
  const scrumUsWalk = walkOrder(scrum.usStatuses, US_WALK);
  const pointNames = ["1", "2", "3", "5", "8", "1/2", "13"];
  const scrumTags = ["auth", "backlog", "reporting", "ux", "api"];
  const insertTask = db.prepare(
    `INSERT INTO tasks (project_id, ref, subject, description, status_id, user_story_id, milestone_id, owner_id, assigned_to_id, tags,
       us_order, taskboard_order, is_closed, version, created_date, modified_date, finished_date)
     VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, '[]', ?, ?, ?, 1, ?, ?, ?)`,
  );
  let msClock = now.getTime() - 5_000_000;
  BACKLOG_SUBJECTS.forEach((subject, i) => {
    // stories 0-3: sprint 1 (done), 4-8: sprint 2 (current), 9-11: sprint 3, rest: backlog (~21... plus archived)
    const sprint = i < 4 ? sprints[0] : i < 9 ? sprints[1] : i < 12 ? sprints[2] : undefined;
    let status = "New";
    if (sprint === sprints[0]) status = "Done";
    else if (sprint === sprints[1]) status = (["In progress", "Ready for test", "Done", "In progress", "Ready"] as const)[i - 4] ?? "In progress";
    else if (sprint === sprints[2]) status = "Ready";
    else if (i % 7 === 0) status = "Ready";
    const points: Record<number, number> = {};
    for (const roleId of scrum.computableRoles) {
      points[roleId] = (sprint || i % 3 !== 0 ? scrum.points[pick(rand, pointNames)] : scrum.points["?"]) as number;
    }
    const assignee = sprint ? workers[i % workers.length] : i % 4 === 0 ? workers[i % workers.length] : undefined;
    const closed = status === "Done";
    const storyTags = [scrumTags[i % scrumTags.length] as string, ...(i % 5 === 0 ? ["ux"] : [])].filter((t, k, a) => a.indexOf(t) === k);
    const storyCreated = iso(-50 + i, i);
    const { id: storyId } = addScrumStory({
      subject,
      description: STORY_DESCRIPTION(subject),
      statusId: scrum.usStatuses[status] as number,
      isClosed: closed,
      milestoneId: sprint?.id ?? null,
      ownerId: admin.id,
      assignedTo: assignee ? uid(assignee) : null,
      tags: storyTags,
      order: nextOrder(),
      isBlocked: i === 6 || i === 17,
      blockedNote: i === 6 ? "Waiting for the security review" : i === 17 ? "Needs a decision from the product owner" : "",
      dueDate: i === 5 ? dateOnly(3) : i === 20 ? dateOnly(30) : null,
      points,
      createdDate: storyCreated,
      clientRequirement: i % 6 === 0,
      teamRequirement: i % 8 === 0,
    });
    pasts.push({
      kind: "userstory", projectId: scrum.id, objectId: storyId, createdAt: storyCreated, index: i,
      statusPath: statusWalk(scrumUsWalk, scrum.usStatuses[status] as number), assignee: assignee ? user(assignee) : null, lead: admin,
      people: scrumPeople, tags: storyTags, description: STORY_DESCRIPTION(subject),
    });
    if (sprint) {
      const taskCount = 2 + (i % 3);
      for (let t = 0; t < taskCount; t++) {
        let tStatus = "New";
        if (closed) tStatus = "Closed";
        else if (status === "Ready for test") tStatus = t === 0 ? "Ready for test" : "Closed";
        else if (status === "In progress") tStatus = t === 0 ? "In progress" : t === 1 ? "Closed" : "New";
        msClock += 1000;
        const tClosed = tStatus === "Closed";
        // Tasks of a sprint still to come were planned a few days ago, not on its first day.
        const created = iso(Math.min(sprint.start, -3), t);
        // closed tasks finish on different days of the sprint (before today), so the burndown moves
        const finished = iso(Math.min(sprint.start + 1 + ((i * 2 + t) % 6), -1), 60 + t);
        const taskAssignee = user(workers[(i + t) % workers.length] as DemoUsername);
        const info = insertTask.run(
          scrum.id, nextRef(db, scrum.id), `${TASK_SUBJECTS[t % TASK_SUBJECTS.length]}: ${subject.toLowerCase()}`, scrum.taskStatuses[tStatus],
          storyId, sprint.id, admin.id, taskAssignee.id, msClock, msClock, tClosed ? 1 : 0, created, created,
          tClosed ? finished : null,
        );
        recordHistory(db, { projectId: scrum.id, contentType: "task", objectId: Number(info.lastInsertRowid), type: 2, user: admin, createdAt: created });
        pasts.push({
          kind: "task", projectId: scrum.id, objectId: Number(info.lastInsertRowid), createdAt: created, index: i * 3 + t,
          statusPath: statusWalk(walkOrder(scrum.taskStatuses, ITEM_WALK), scrum.taskStatuses[tStatus] as number), assignee: taskAssignee, lead: admin,
          people: scrumPeople, tags: [], description: "",
        });
      }
    }
  });
  // an archived story in the scrum backlog
  const legacyExport = addScrumStory({
    subject: "Legacy XML export (replaced by CSV)",
    statusId: scrum.usStatuses["Archived"] as number,
    isClosed: true,
    ownerId: admin.id,
    order: nextOrder(),
    createdDate: iso(-55),
  });
  pasts.push({
    kind: "userstory", projectId: scrum.id, objectId: legacyExport.id, createdAt: iso(-55), index: BACKLOG_SUBJECTS.length,
    statusPath: statusWalk(scrumUsWalk, scrum.usStatuses["Archived"] as number), assignee: null, lead: admin, people: scrumPeople, tags: [], description: "",
  });

  const insertIssue = db.prepare(
    `INSERT INTO issues (project_id, ref, subject, description, status_id, type_id, priority_id, severity_id, milestone_id, owner_id,
       assigned_to_id, tags, is_closed, version, created_date, modified_date, finished_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const issueStatusNames = ISSUE_STATUSES.map((s) => s.name);
  ISSUE_SUBJECTS.forEach((subject, i) => {
    const type = ISSUE_TYPES[i % ISSUE_TYPES.length]?.[0] as string;
    const priority = PRIORITIES[i % PRIORITIES.length]?.[0] as string;
    const severity = SEVERITIES[i % SEVERITIES.length]?.[0] as string;
    const status = issueStatusNames[i % issueStatusNames.length] as string;
    const closed = ISSUE_STATUSES.find((s) => s.name === status)?.closed ?? false;
    const created = iso(-40 + i * 2, i);
    const reporter = (["erin", "bob", "carol", "frank", "alice"] as const)[i % 5] ?? "erin";
    const info = insertIssue.run(
      scrum.id, nextRef(db, scrum.id), subject, `Reported by ${reporter}. Steps to reproduce and expected behaviour are described below.\n\n1. Open the page\n2. Try the action\n3. See the result`,
      scrum.issueStatuses[status], scrum.issueTypes[type], scrum.priorities[priority], scrum.severities[severity],
      i % 4 === 0 ? sprints[1]?.id ?? null : null, uid(reporter), i % 3 === 0 ? null : uid(workers[i % workers.length] as DemoUsername),
      JSON.stringify(i % 2 === 0 ? ["ux"] : ["api"]), closed ? 1 : 0, created, created, closed ? created : null,
    );
    recordHistory(db, { projectId: scrum.id, contentType: "issue", objectId: Number(info.lastInsertRowid), type: 2, user: users[reporter] as UserRow, createdAt: created });
    pasts.push({
      kind: "issue", projectId: scrum.id, objectId: Number(info.lastInsertRowid), createdAt: created, index: i,
      statusPath: statusWalk(walkOrder(scrum.issueStatuses, ITEM_WALK), scrum.issueStatuses[status] as number),
      assignee: i % 3 === 0 ? null : user(workers[i % workers.length] as DemoUsername), lead: admin,
      // the reporter answers first
      people: [user(reporter), ...scrumPeople.filter((u) => u.username !== reporter)], tags: [i % 2 === 0 ? "ux" : "api"], description: "",
    });
  });

  const wikiPages: [string, string][] = [
    ["home", "# Demo Scrum\n\nWelcome to the team wiki.\n\n- [[definition-of-done]] - when a story counts as done\n- [[release-process]] - how we ship\n- [[team-agreements]] - how we work together\n"],
    ["definition-of-done", "# Definition of done\n\n1. Code reviewed\n2. Tests pass in CI\n3. Deployed to staging\n4. Product owner accepted it\n\nBack to [[home]]."],
    ["release-process", "# Release process\n\nWe release at the end of every sprint. See [[definition-of-done]] first.\n\n```\nnpm run build\nnpm run deploy\n```"],
    ["team-agreements", "# Team agreements\n\n- Daily stand-up at 09:30\n- Reviews within one working day\n- Ask early, ask often\n\nBack to [[home]]."],
  ];
  wikiPages.forEach(([slug, content], i) => {
    const created = iso(-58 + i);
    const info = db
      .prepare("INSERT INTO wiki_pages (project_id, slug, content, owner_id, last_modifier_id, version, created_date, modified_date) VALUES (?, ?, ?, ?, ?, 1, ?, ?)")
      .run(scrum.id, slug, content, admin.id, admin.id, created, created);
    recordHistory(db, { projectId: scrum.id, contentType: "wikipage", objectId: Number(info.lastInsertRowid), type: 2, user: admin, createdAt: created });
  });
  [
    ["Home", "home"],
    ["Definition of done", "definition-of-done"],
    ["Release process", "release-process"],
    ["Team agreements", "team-agreements"],
  ].forEach(([title, href], i) => {
    db.prepare(`INSERT INTO wiki_links (project_id, title, href, "order") VALUES (?, ?, ?, ?)`).run(scrum.id, title, href, now.getTime() - 1000 + i);
  });

  // ---------------------------------------------------------------- demo-kanban
  const kanban = createProject(db, {
    name: "Demo Kanban",
    slug: "demo-kanban",
    description: "A Kanban board with swimlanes per platform, WIP limits, tags, blocked cards and due dates.",
    ownerId: admin.id,
    isPrivate: false,
    kanban: true,
    backlog: false,
    createdDate: iso(-45),
    tagsColors: KANBAN_TAGS,
    wipLimits: { "In progress": 4, "Ready for test": 3 },
    swimlanes: ["Platform", "Mobile", "Web"],
  });
  const kanbanMembers: [DemoUsername, string, boolean][] = [
    ["admin", "Product Owner", true],
    ["alice", "Back", true],
    ["bob", "Back", false],
    ["carol", "Front", false],
    ["dave", "Design", false],
    ["erin", "Stakeholder", false],
    ["frank", "UX", false],
  ];
  kanbanMembers.forEach(([name, role, isAdmin], i) => addMember(db, kanban.id, uid(name), kanban.roles[role] as number, isAdmin, iso(-45, i), 2));
  const addKanbanStory = storyInserter(db, kanban, admin);
  const kanbanPeople = (["bob", "alice", "carol", "dave", "admin", "frank", "erin"] as const).map(user);
  const lanes = ["Platform", "Mobile", "Web"];
  const kanbanStatusCycle = ["New", "New", "Ready", "In progress", "Ready for test", "Done", "Ready", "In progress", "New", "Done"];
  const tagNames = KANBAN_TAGS.map(([t]) => t);
  KANBAN_SUBJECTS.forEach((subject, i) => {
    const archived = i >= KANBAN_SUBJECTS.length - 4;
    const status = archived ? "Archived" : (kanbanStatusCycle[i % kanbanStatusCycle.length] as string);
    const lane = lanes[i % lanes.length] as string;
    const tags = [tagNames[i % tagNames.length] as string];
    if (i % 4 === 1) tags.push(tagNames[(i + 3) % tagNames.length] as string);
    const assignee = i % 5 === 4 ? null : uid(workers[i % workers.length] as DemoUsername);
    const extra = i % 6 === 0 && assignee !== null ? [uid(workers[(i + 2) % workers.length] as DemoUsername)] : [];
    const points: Record<number, number> = {};
    kanban.computableRoles.forEach((roleId, k) => {
      points[roleId] = (k === 3 - (i % 4) || i % 3 === 0 ? kanban.points[pick(rand, pointNames)] : kanban.points["?"]) as number;
    });
    const kanbanCreated = iso(-40 + i, i);
    const { id: kanbanStoryId } = addKanbanStory({
      subject,
      description: STORY_DESCRIPTION(subject),
      statusId: kanban.usStatuses[status] as number,
      isClosed: status === "Done" || status === "Archived",
      swimlaneId: kanban.swimlanes[lane] ?? null,
      ownerId: admin.id,
      assignedTo: assignee,
      assignedUsers: extra,
      tags: [...new Set(tags)],
      order: nextOrder(),
      isBlocked: i === 3 || i === 11 || i === 17,
      blockedNote:
        i === 3 ? "Waiting for the vendor's API keys" : i === 11 ? "Blocked by the database upgrade" : i === 17 ? "Needs legal sign-off" : "",
      dueDate: i % 7 === 2 ? dateOnly((i % 3) * 10 - 5) : null,
      points,
      createdDate: kanbanCreated,
    });
    pasts.push({
      kind: "userstory", projectId: kanban.id, objectId: kanbanStoryId, createdAt: kanbanCreated, index: i,
      statusPath: statusWalk(walkOrder(kanban.usStatuses, US_WALK), kanban.usStatuses[status] as number), assignee: userById(assignee), lead: admin,
      people: kanbanPeople, tags: [...new Set(tags)], description: STORY_DESCRIPTION(subject),
    });
  });

  // ---------------------------------------------------------------- secret-roadmap (private)
  const secret = createProject(db, {
    name: "Secret Roadmap",
    slug: "secret-roadmap",
    description: "Private planning for next year. Only the leadership team can see it.",
    ownerId: uid("alice"),
    isPrivate: true,
    kanban: true,
    backlog: true,
    createdDate: iso(-30),
  });
  addMember(db, secret.id, uid("alice"), secret.roles["Product Owner"] as number, true, iso(-30), 3);
  addMember(db, secret.id, admin.id, secret.roles["Back"] as number, true, iso(-30, 1), 3);
  const addSecretStory = storyInserter(db, secret, users["alice"] as UserRow);
  ["Enter the enterprise market", "Self-hosted edition", "Partner programme", "Usage-based pricing"].forEach((subject, i) => {
    const status = secret.usStatuses[i === 0 ? "In progress" : "New"] as number;
    const { id } = addSecretStory({
      subject,
      statusId: status,
      isClosed: false,
      ownerId: uid("alice"),
      assignedTo: i % 2 === 0 ? uid("alice") : admin.id,
      order: nextOrder(),
      createdDate: iso(-29 + i),
    });
    pasts.push({
      kind: "userstory", projectId: secret.id, objectId: id, createdAt: iso(-29 + i), index: i,
      statusPath: statusWalk(walkOrder(secret.usStatuses, US_WALK), status), assignee: i % 2 === 0 ? user("alice") : admin, lead: user("alice"),
      people: [user("alice"), admin], tags: [], description: "",
    });
  });

  // ---------------------------------------------------------------- legacy-archive (blocked)
  // Blocked by the site's staff, as Taiga blocks a project (Django admin): every member may still
  // read it, and every write into it answers 451.
  const legacy = createProject(db, {
    name: "Legacy Archive",
    slug: "legacy-archive",
    description: "The old support board, kept for reference. Blocked: it can be read but not changed.",
    ownerId: admin.id,
    isPrivate: false,
    kanban: true,
    backlog: false,
    createdDate: iso(-90),
    tagsColors: [["support", "#70728F"]],
  });
  db.prepare("UPDATE projects SET blocked_code = 'blocked-by-staff' WHERE id = ?").run(legacy.id);
  addMember(db, legacy.id, admin.id, legacy.roles["Product Owner"] as number, true, iso(-90), 4);
  addMember(db, legacy.id, uid("bob"), legacy.roles["Back"] as number, false, iso(-90, 1), 4);
  addMember(db, legacy.id, uid("carol"), legacy.roles["Front"] as number, false, iso(-90, 2), 4);
  const addLegacyStory = storyInserter(db, legacy, admin);
  const legacyPeople = [user("bob"), user("carol"), admin];
  ["Move the support inbox to the new helpdesk", "Export the old tickets", "Redirect the old board's links"].forEach((subject, i) => {
    const status = legacy.usStatuses[(["Done", "In progress", "New"] as const)[i]!] as number;
    const created = iso(-85 + i * 3, i);
    const { id } = addLegacyStory({
      subject,
      description: STORY_DESCRIPTION(subject),
      statusId: status,
      isClosed: i === 0,
      ownerId: admin.id,
      assignedTo: i < 2 ? uid(i === 0 ? "bob" : "carol") : null,
      tags: ["support"],
      order: nextOrder(),
      createdDate: created,
    });
    pasts.push({
      kind: "userstory", projectId: legacy.id, objectId: id, createdAt: created, index: i,
      statusPath: statusWalk(walkOrder(legacy.usStatuses, US_WALK), status), assignee: i < 2 ? user(i === 0 ? "bob" : "carol") : null, lead: admin,
      people: legacyPeople, tags: ["support"], description: STORY_DESCRIPTION(subject),
    });
  });

  seedDemoEpics(db, scrum.id, users, iso);

  for (const past of pasts) writeItemPast(db, past, now);
}

/** Epics of demo-scrum (module switched on): colours, statuses, and stories of the backlog and sprints linked in order. */
const DEMO_EPICS: { subject: string; color: string; status: string; owner: DemoUsername; assignee: DemoUsername | null; tags: string[]; stories: string[]; description: string }[] = [
  {
    subject: "Accounts and sign-in",
    color: "#3465a4",
    status: "In progress",
    owner: "admin",
    assignee: "alice",
    tags: ["auth"],
    stories: ["Sign in with e-mail or username", "Reset a forgotten password", "Invite teammates by e-mail", "Two-factor authentication", "Notification preferences"],
    description: "Everything a person needs to get into the product and bring their team along.",
  },
  {
    subject: "Sprint planning",
    color: "#73d216",
    status: "Ready for test",
    owner: "admin",
    assignee: "bob",
    tags: ["backlog"],
    stories: ["Create a user story from the backlog", "Estimate stories with planning poker points", "Drag stories to reorder the backlog", "Plan a sprint from the backlog"],
    description: "From a raw backlog to a committed sprint.",
  },
  {
    subject: "Reporting and insight",
    color: "#f57900",
    status: "Ready",
    owner: "carol",
    assignee: "carol",
    tags: ["reporting"],
    stories: ["Project dashboard with recent activity", "Sprint burndown chart", "Export the backlog as CSV", "Show story points per role", "Audit log of project changes"],
    description: "Charts and exports that answer \"where are we?\" without a meeting.",
  },
  {
    subject: "Power-user workflow",
    color: "#ad7fa8",
    status: "New",
    owner: "alice",
    assignee: null,
    tags: ["ux"],
    stories: ["Keyboard shortcuts for the backlog", "Search stories by text or #ref", "Bulk-create stories from a list", "Dark theme"],
    description: "Speed for the people who live in the tool all day.",
  },
  {
    subject: "Accessibility",
    color: "#cc0000",
    status: "New",
    owner: "dave",
    assignee: "dave",
    tags: ["ux"],
    stories: [],
    description: "An accessibility pass over every view; stories to be written after the audit.",
  },
];

function seedDemoEpics(db: Db, projectId: number, users: Record<string, UserRow>, iso: (offsetDays: number, minutes?: number) => string): void {
  db.prepare("UPDATE projects SET is_epics_activated = 1 WHERE id = ?").run(projectId);
  const statusId = (name: string): number => (db.prepare("SELECT id FROM epic_statuses WHERE project_id = ? AND name = ?").get(projectId, name) as { id: number }).id;
  const storyId = (subject: string): number => (db.prepare("SELECT id FROM userstories WHERE project_id = ? AND subject = ?").get(projectId, subject) as { id: number }).id;
  const insertEpic = db.prepare(
    `INSERT INTO epics (project_id, ref, subject, description, status_id, owner_id, assigned_to_id, color, tags, epics_order, version, created_date, modified_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertLink = db.prepare(`INSERT INTO epic_related_userstories (epic_id, userstory_id, "order") VALUES (?, ?, ?)`);
  const addWatcher = db.prepare("INSERT OR IGNORE INTO watchers (content_type, object_id, user_id, created_date) VALUES ('epic', ?, ?, ?)");
  DEMO_EPICS.forEach((e, i) => {
    const created = iso(-52 + i, 30);
    const owner = users[e.owner] as UserRow;
    const info = insertEpic.run(
      projectId, nextRef(db, projectId), e.subject, e.description, statusId(e.status), owner.id, e.assignee ? (users[e.assignee] as UserRow).id : null,
      e.color, JSON.stringify(e.tags), i + 1, created, created,
    );
    const epicId = Number(info.lastInsertRowid);
    addWatcher.run(epicId, owner.id, created);
    e.stories.forEach((subject, k) => insertLink.run(epicId, storyId(subject), k + 1));
    recordHistory(db, { projectId, contentType: "epic", objectId: epicId, type: 2, user: owner, createdAt: created });
  });
}

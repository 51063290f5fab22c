/**
 * `npm run seed -- --stories 5000 [--project big-board] [--db path]`: adds (or replaces) a large
 * Kanban project for benchmarks, in one transaction with prepared statements.
 * `npm run seed -- --issues 5000 [--project big-issues] [--db path]`: the same for a project with many
 * issues (types, priorities, severities, statuses, assignees, tags, votes spread over them).
 * `npm run seed -- --scrum --stories 2000 [--project big-backlog] [--db path]`: a Scrum project whose
 * backlog holds that many stories, beside three open sprints of 20 (the backlog benchmark).
 * The demo data is seeded first when the database is empty.
 */
import { resolve } from "node:path";
import { type Db, isEmpty, nextRef, openDatabase } from "./db";
import { HISTORY_TYPE, recordHistory } from "./lib/history";
import { addMember, createProject, prng, seedDemo, storyInserter } from "./seed";
import { getUser, type UserRow } from "./lib/users";

export interface BigBoardOptions {
  stories: number;
  slug: string;
}

const WORDS = ["sync", "export", "billing", "search", "onboarding", "alerts", "reports", "profile", "upload", "audit", "cache", "themes", "roles", "import", "webhooks"];
const VERBS = ["Improve", "Fix", "Add", "Redesign", "Speed up", "Document", "Test", "Refactor"];
const TAGS: [string, string | null][] = [
  ["backend", "#5178D3"],
  ["frontend", "#E47C40"],
  ["mobile", "#A8E440"],
  ["infra", "#70728F"],
  ["bug", "#E44057"],
  ["research", null],
];

/** Creates the big Kanban project; returns its id. */
export function seedBigBoard(db: Db, options: BigBoardOptions, now = new Date()): number {
  return db.transaction(() => {
    const existing = db.prepare("SELECT id FROM projects WHERE slug = ?").get(options.slug) as { id: number } | undefined;
    if (existing) db.prepare("DELETE FROM projects WHERE id = ?").run(existing.id);
    const admin = db.prepare("SELECT * FROM users WHERE is_superuser = 1 ORDER BY id LIMIT 1").get() as UserRow;
    const project = createProject(db, {
      name: `Big board (${options.stories} stories)`,
      slug: options.slug,
      description: "A large Kanban project for benchmarks.",
      ownerId: admin.id,
      isPrivate: false,
      kanban: true,
      backlog: false,
      createdDate: now.toISOString(),
      tagsColors: TAGS,
      wipLimits: { "In progress": 10, "Ready for test": 8 },
      swimlanes: ["Platform", "Mobile", "Web", "Data"],
    });
    const members = db.prepare("SELECT id FROM users WHERE is_active = 1 ORDER BY id").all() as { id: number }[];
    members.forEach((m, i) => addMember(db, project.id, m.id, (i === 0 ? project.roles["Product Owner"] : project.roles["Back"]) as number, i === 0, now.toISOString(), 100));
    const rand = prng(options.stories);
    const statuses = Object.values(project.usStatuses);
    const lanes = Object.values(project.swimlanes);
    const pointIds = Object.values(project.points);
    const insert = storyInserter(db, project, getUser(db, admin.id) as UserRow);
    let order = now.getTime() * 1000;
    for (let i = 0; i < options.stories; i++) {
      const statusId = statuses[Math.floor(rand() * statuses.length)] as number;
      const closed = statusId === project.usStatuses["Done"] || statusId === project.usStatuses["Archived"];
      const points: Record<number, number> = {};
      for (const roleId of project.computableRoles) points[roleId] = pointIds[Math.floor(rand() * pointIds.length)] as number;
      insert({
        subject: `${VERBS[i % VERBS.length]} ${WORDS[Math.floor(rand() * WORDS.length)]} #${i + 1}`,
        statusId,
        isClosed: closed,
        swimlaneId: lanes[Math.floor(rand() * lanes.length)] ?? null,
        ownerId: admin.id,
        assignedTo: rand() < 0.7 ? (members[Math.floor(rand() * members.length)]?.id ?? null) : null,
        tags: rand() < 0.6 ? [TAGS[Math.floor(rand() * TAGS.length)]?.[0] as string] : [],
        order: (order += 1000),
        isBlocked: rand() < 0.05,
        blockedNote: "Blocked by a dependency",
        points,
        createdDate: now.toISOString(),
      });
    }
    return project.id;
  })();
}

export interface BigIssuesOptions {
  issues: number;
  slug: string;
}

const ISSUE_WORDS = ["login", "export", "billing", "search", "upload", "avatar", "webhook", "calendar", "report", "invite", "sidebar", "filters", "timezone", "csv", "2fa"];
const ISSUE_PHRASES = ["fails on", "is slow with", "crashes when opening", "shows the wrong", "ignores", "needs a better", "breaks", "times out with"];

/** Creates a project with many issues (newest last, a day apart going back); returns its id. */
export function seedBigIssues(db: Db, options: BigIssuesOptions, now = new Date()): number {
  return db.transaction(() => {
    const existing = db.prepare("SELECT id FROM projects WHERE slug = ?").get(options.slug) as { id: number } | undefined;
    if (existing) db.prepare("DELETE FROM projects WHERE id = ?").run(existing.id);
    const admin = db.prepare("SELECT * FROM users WHERE is_superuser = 1 ORDER BY id LIMIT 1").get() as UserRow;
    const project = createProject(db, {
      name: `Big tracker (${options.issues} issues)`,
      slug: options.slug,
      description: "A project with many issues, for benchmarks.",
      ownerId: admin.id,
      isPrivate: false,
      kanban: false,
      backlog: true,
      createdDate: now.toISOString(),
      tagsColors: TAGS,
    });
    const members = db.prepare("SELECT * FROM users WHERE is_active = 1 ORDER BY id").all() as UserRow[];
    members.forEach((m, i) => addMember(db, project.id, m.id, (i === 0 ? project.roles["Product Owner"] : project.roles["Back"]) as number, i === 0, now.toISOString(), 100));
    const rand = prng(options.issues + 7);
    const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
    const statuses = db.prepare("SELECT id, is_closed FROM issue_statuses WHERE project_id = ?").all(project.id) as { id: number; is_closed: number }[];
    const types = Object.values(project.issueTypes);
    const priorities = Object.values(project.priorities);
    const severities = Object.values(project.severities);
    const insert = db.prepare(
      `INSERT INTO issues (project_id, ref, subject, description, status_id, type_id, priority_id, severity_id, owner_id, assigned_to_id, tags,
         is_closed, version, created_date, modified_date, finished_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    );
    const vote = db.prepare("INSERT OR IGNORE INTO votes (content_type, object_id, user_id, created_date) VALUES ('issue', ?, ?, ?)");
    const start = now.getTime() - options.issues * 60_000;
    for (let i = 0; i < options.issues; i++) {
      const status = pick(statuses);
      const reporter = pick(members);
      const created = new Date(start + i * 60_000).toISOString();
      const modified = new Date(start + i * 60_000 + Math.floor(rand() * 3_600_000)).toISOString();
      const tags = rand() < 0.6 ? [pick(TAGS)[0]] : [];
      const info = insert.run(
        project.id, nextRef(db, project.id), `${pick(ISSUE_WORDS)} ${pick(ISSUE_PHRASES)} ${pick(ISSUE_WORDS)} #${i + 1}`,
        "Steps to reproduce:\n\n1. Open the page\n2. Try the action\n3. See the result", status.id, pick(types), pick(priorities), pick(severities),
        reporter.id, rand() < 0.7 ? pick(members).id : null, JSON.stringify(tags), status.is_closed, created, modified, status.is_closed ? modified : null,
      );
      const id = Number(info.lastInsertRowid);
      const voters = Math.floor(rand() * 4);
      for (let v = 0; v < voters; v++) vote.run(id, pick(members).id, created);
      recordHistory(db, { projectId: project.id, contentType: "issue", objectId: id, type: HISTORY_TYPE.create, user: reporter, createdAt: created });
    }
    return project.id;
  })();
}

/** Creates the big Scrum project: `stories` in the backlog, three open sprints of 20 stories; returns its id. */
export function seedBigBacklog(db: Db, options: BigBoardOptions, now = new Date()): number {
  return db.transaction(() => {
    const existing = db.prepare("SELECT id FROM projects WHERE slug = ?").get(options.slug) as { id: number } | undefined;
    if (existing) db.prepare("DELETE FROM projects WHERE id = ?").run(existing.id);
    const admin = db.prepare("SELECT * FROM users WHERE is_superuser = 1 ORDER BY id LIMIT 1").get() as UserRow;
    const project = createProject(db, {
      name: `Big backlog (${options.stories} stories)`,
      slug: options.slug,
      description: "A large Scrum backlog for benchmarks.",
      ownerId: admin.id,
      isPrivate: false,
      kanban: false,
      backlog: true,
      createdDate: now.toISOString(),
      tagsColors: TAGS,
    });
    const members = db.prepare("SELECT id FROM users WHERE is_active = 1 ORDER BY id").all() as { id: number }[];
    members.forEach((m, i) => addMember(db, project.id, m.id, (i === 0 ? project.roles["Product Owner"] : project.roles["Back"]) as number, i === 0, now.toISOString(), 100));
    const day = 86_400_000;
    const date = (offset: number) => new Date(now.getTime() + offset * day).toISOString().slice(0, 10);
    const sprints = [0, 1, 2].map((i) => {
      const info = db
        .prepare(
          `INSERT INTO milestones (project_id, name, slug, owner_id, estimated_start, estimated_finish, created_date, modified_date, closed, "order")
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
        )
        .run(project.id, `Sprint ${i + 1}`, `${options.slug}-sprint-${i + 1}`, admin.id, date(i * 14 - 7), date(i * 14 + 6), now.toISOString(), now.toISOString(), i + 1);
      return Number(info.lastInsertRowid);
    });
    const rand = prng(options.stories + 7);
    const open = [project.usStatuses["New"], project.usStatuses["Ready"], project.usStatuses["In progress"]] as number[];
    const pointIds = Object.values(project.points);
    const insert = storyInserter(db, project, getUser(db, admin.id) as UserRow);
    let order = now.getTime() * 1000;
    const total = options.stories + sprints.length * 20;
    for (let i = 0; i < total; i++) {
      const sprint = i < sprints.length * 20 ? sprints[Math.floor(i / 20)] : null;
      const points: Record<number, number> = {};
      for (const roleId of project.computableRoles) points[roleId] = pointIds[Math.floor(rand() * pointIds.length)] as number;
      insert({
        subject: `${VERBS[i % VERBS.length]} ${WORDS[Math.floor(rand() * WORDS.length)]} #${i + 1}`,
        statusId: open[Math.floor(rand() * open.length)] as number,
        isClosed: false,
        milestoneId: sprint,
        ownerId: admin.id,
        assignedTo: rand() < 0.6 ? (members[Math.floor(rand() * members.length)]?.id ?? null) : null,
        tags: rand() < 0.6 ? [TAGS[Math.floor(rand() * TAGS.length)]?.[0] as string] : [],
        order: (order += 1000),
        points,
        createdDate: now.toISOString(),
      });
    }
    return project.id;
  })();
}

function parseArgs(argv: string[]): { stories: number; issues: number | null; slug: string | null; db: string; scrum: boolean } {
  const out: { stories: number; issues: number | null; slug: string | null; db: string; scrum: boolean } = {
    stories: 5000,
    issues: null,
    slug: null,
    db: process.env.TAIGA_DB || ".data/taiga.sqlite",
    scrum: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--stories" && value) {
      out.stories = Number(value);
      i++;
    } else if (arg === "--issues" && value) {
      out.issues = Number(value);
      i++;
    } else if (arg === "--project" && value) {
      out.slug = value;
      i++;
    } else if (arg === "--db" && value) {
      out.db = value;
      i++;
    } else if (arg === "--scrum") {
      out.scrum = true;
    } else {
      throw new Error(`Unknown argument ${arg}. Usage: npm run seed -- (--stories 5000 [--scrum] | --issues 5000) [--project slug] [--db path]`);
    }
  }
  if (!Number.isInteger(out.stories) || out.stories < 0) throw new Error("--stories must be a non-negative integer");
  if (out.issues !== null && (!Number.isInteger(out.issues) || out.issues < 0)) throw new Error("--issues must be a non-negative integer");
  if (out.slug !== null && !/^[a-z0-9-]+$/.test(out.slug)) throw new Error("--project must be a slug (a-z, 0-9, -)");
  return out;
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith("seed-cli.ts");
if (isEntry) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const db = openDatabase(args.db);
    if (isEmpty(db)) seedDemo(db);
    const started = performance.now();
    if (args.issues !== null) {
      const slug = args.slug ?? "big-issues";
      const id = seedBigIssues(db, { issues: args.issues, slug });
      console.log(`Project "${slug}" (id ${id}) with ${args.issues} issues in ${args.db} - ${Math.round(performance.now() - started)} ms`);
    } else if (args.scrum) {
      const slug = args.slug ?? "big-backlog";
      const id = seedBigBacklog(db, { stories: args.stories, slug });
      console.log(`Project "${slug}" (id ${id}) with ${args.stories} stories in its backlog in ${args.db} - ${Math.round(performance.now() - started)} ms`);
    } else {
      const slug = args.slug ?? "big-board";
      const id = seedBigBoard(db, { stories: args.stories, slug });
      console.log(`Project "${slug}" (id ${id}) with ${args.stories} stories in ${args.db} - ${Math.round(performance.now() - started)} ms`);
    }
    db.close();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

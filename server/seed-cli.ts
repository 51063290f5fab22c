/**
 * `npm run seed -- --stories 5000 [--project big-board] [--db path] [--scrum]`: adds (or replaces) a
 * large Kanban project for benchmarks, in one transaction with prepared statements; with `--scrum`, a
 * Scrum project (`big-backlog`) whose backlog holds that many stories, beside three open sprints of 20
 * (the backlog benchmark). The demo data is seeded first when the database is empty.
 */
import { resolve } from "node:path";
import { type Db, isEmpty, openDatabase } from "./db";
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

function parseArgs(argv: string[]): { stories: number; slug: string; db: string; scrum: boolean } {
  const out = { stories: 5000, slug: "", db: process.env.TAIGA_DB || ".data/taiga.sqlite", scrum: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--stories" && value) {
      out.stories = Number(value);
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
      throw new Error(`Unknown argument ${arg}. Usage: npm run seed -- --stories 5000 [--project big-board] [--db path] [--scrum]`);
    }
  }
  if (!out.slug) out.slug = out.scrum ? "big-backlog" : "big-board";
  if (!Number.isInteger(out.stories) || out.stories < 0) throw new Error("--stories must be a non-negative integer");
  if (!/^[a-z0-9-]+$/.test(out.slug)) throw new Error("--project must be a slug (a-z, 0-9, -)");
  return out;
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith("seed-cli.ts");
if (isEntry) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const db = openDatabase(args.db);
    if (isEmpty(db)) seedDemo(db);
    const started = performance.now();
    const id = (args.scrum ? seedBigBacklog : seedBigBoard)(db, { stories: args.stories, slug: args.slug });
    db.close();
    console.log(`Project "${args.slug}" (id ${id}) with ${args.stories} stories in ${args.db} - ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

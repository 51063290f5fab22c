/**
 * SQLite schema of the embedded Taiga-compatible server, for the whole product.
 *
 * Conventions
 * - Table and column names follow taiga-back's models (`userstories`, `status_id`, `kanban_order`...).
 * - Booleans are INTEGER 0/1, JSON values are TEXT holding JSON, dates are TEXT holding
 *   `Date#toISOString()` (`2026-11-28T06:11:43.902Z`); plain dates are `YYYY-MM-DD`.
 *   `server/lib/dates.ts` formats them the way Taiga does on output.
 * - Order fields are INTEGER (timestamps in µs/ms fit in a JS safe integer).
 * - One reference sequence per project (`ref_sequences`) is shared by epics, stories, tasks and issues;
 *   take numbers with `nextRef()` inside the transaction that inserts the item.
 * - Generic relations (watchers, votes, attachments, history) use `content_type` names as in Taiga:
 *   'userstory' | 'task' | 'issue' | 'epic' | 'wikipage' | 'milestone' | 'project'.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { ensureDefaultTemplates } from "./lib/project-templates";

export type Db = Database.Database;

export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name       TEXT NOT NULL DEFAULT '',
  password        TEXT NOT NULL,                 -- scrypt$N$r$p$salt$hash (server/lib/passwords.ts)
  color           TEXT NOT NULL DEFAULT '',
  bio             TEXT NOT NULL DEFAULT '',
  lang            TEXT NOT NULL DEFAULT '',
  theme           TEXT NOT NULL DEFAULT '',
  timezone        TEXT NOT NULL DEFAULT '',
  photo           TEXT,
  uuid            TEXT NOT NULL,
  is_active       INTEGER NOT NULL DEFAULT 1,
  is_superuser    INTEGER NOT NULL DEFAULT 0,
  accepted_terms  INTEGER NOT NULL DEFAULT 1,
  read_new_terms  INTEGER NOT NULL DEFAULT 0,
  verified_email  INTEGER NOT NULL DEFAULT 1,
  date_joined     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS projects (
  id                          INTEGER PRIMARY KEY,
  name                        TEXT NOT NULL,
  slug                        TEXT NOT NULL UNIQUE,
  description                 TEXT NOT NULL DEFAULT '',
  owner_id                    INTEGER REFERENCES users(id),
  created_date                TEXT NOT NULL,
  modified_date               TEXT NOT NULL,
  is_private                  INTEGER NOT NULL DEFAULT 0,
  is_backlog_activated        INTEGER NOT NULL DEFAULT 1,
  is_kanban_activated         INTEGER NOT NULL DEFAULT 0,
  is_issues_activated         INTEGER NOT NULL DEFAULT 1,
  is_wiki_activated           INTEGER NOT NULL DEFAULT 1,
  is_epics_activated          INTEGER NOT NULL DEFAULT 0,
  is_contact_activated        INTEGER NOT NULL DEFAULT 1,
  videoconferences            TEXT,
  videoconferences_extra_data TEXT,
  creation_template           INTEGER,
  anon_permissions            TEXT NOT NULL DEFAULT '[]',   -- JSON string[]
  public_permissions          TEXT NOT NULL DEFAULT '[]',   -- JSON string[]
  is_featured                 INTEGER NOT NULL DEFAULT 0,
  is_looking_for_people       INTEGER NOT NULL DEFAULT 0,
  looking_for_people_note     TEXT NOT NULL DEFAULT '',
  blocked_code                TEXT,
  archived_code               TEXT,
  tags_colors                 TEXT NOT NULL DEFAULT '[]',   -- JSON [[tag, color|null], ...] in insertion order
  default_epic_status_id      INTEGER,
  default_points_id           INTEGER,
  default_us_status_id        INTEGER,
  default_task_status_id      INTEGER,
  default_priority_id         INTEGER,
  default_severity_id         INTEGER,
  default_issue_status_id     INTEGER,
  default_issue_type_id       INTEGER,
  default_swimlane_id         INTEGER,
  total_milestones            INTEGER,
  total_story_points          REAL,
  logo                        TEXT,
  transfer_token              TEXT,
  totals_updated_datetime     TEXT
);

CREATE TABLE IF NOT EXISTS ref_sequences (
  project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  last_ref   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS roles (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL,
  "order"     INTEGER NOT NULL DEFAULT 10,
  computable  INTEGER NOT NULL DEFAULT 1,
  permissions TEXT NOT NULL DEFAULT '[]',                  -- JSON string[]
  UNIQUE (project_id, slug)
);

CREATE TABLE IF NOT EXISTS memberships (
  id                    INTEGER PRIMARY KEY,
  project_id            INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id               INTEGER REFERENCES users(id) ON DELETE CASCADE,   -- null = pending invitation
  role_id               INTEGER NOT NULL REFERENCES roles(id),
  is_admin              INTEGER NOT NULL DEFAULT 0,
  email                 TEXT,
  token                 TEXT,
  created_at            TEXT NOT NULL,
  invited_by_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  invitation_extra_text TEXT,
  user_order            INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, user_id)
);

CREATE TABLE IF NOT EXISTS userstory_statuses (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL,
  "order"     INTEGER NOT NULL DEFAULT 10,
  is_closed   INTEGER NOT NULL DEFAULT 0,
  is_archived INTEGER NOT NULL DEFAULT 0,
  color       TEXT NOT NULL DEFAULT '#999999',
  wip_limit   INTEGER,
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS task_statuses (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  slug       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  is_closed  INTEGER NOT NULL DEFAULT 0,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS issue_statuses (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  slug       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  is_closed  INTEGER NOT NULL DEFAULT 0,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS epic_statuses (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  slug       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  is_closed  INTEGER NOT NULL DEFAULT 0,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS points (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  value      REAL,                                          -- null = "?"
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS priorities (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS severities (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS issue_types (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 10,
  color      TEXT NOT NULL DEFAULT '#999999',
  UNIQUE (project_id, name)
);

-- us_duedates / task_duedates / issue_duedates of the project detail
CREATE TABLE IF NOT EXISTS duedates (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('us', 'task', 'issue')),
  name        TEXT NOT NULL,
  "order"     INTEGER NOT NULL DEFAULT 10,
  by_default  INTEGER NOT NULL DEFAULT 0,
  color       TEXT NOT NULL DEFAULT '#999999',
  days_to_due INTEGER
);

CREATE TABLE IF NOT EXISTS swimlanes (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  "order"    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (project_id, name)
);

-- per swimlane and story status WIP limit (one row for every swimlane x status)
CREATE TABLE IF NOT EXISTS swimlane_userstory_statuses (
  id          INTEGER PRIMARY KEY,
  swimlane_id INTEGER NOT NULL REFERENCES swimlanes(id) ON DELETE CASCADE,
  status_id   INTEGER NOT NULL REFERENCES userstory_statuses(id) ON DELETE CASCADE,
  wip_limit   INTEGER,                                  -- null: no limit (Taiga leaves it null on later swimlanes)
  UNIQUE (swimlane_id, status_id)
);

CREATE TABLE IF NOT EXISTS milestones (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  slug             TEXT NOT NULL UNIQUE,
  owner_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  estimated_start  TEXT NOT NULL,                           -- YYYY-MM-DD
  estimated_finish TEXT NOT NULL,                           -- YYYY-MM-DD
  created_date     TEXT NOT NULL,
  modified_date    TEXT NOT NULL,
  closed           INTEGER NOT NULL DEFAULT 0,
  disponibility    REAL NOT NULL DEFAULT 0,
  "order"          INTEGER NOT NULL DEFAULT 1,
  UNIQUE (project_id, name)
);

CREATE TABLE IF NOT EXISTS epics (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ref                 INTEGER NOT NULL,
  subject             TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  status_id           INTEGER REFERENCES epic_statuses(id),
  owner_id            INTEGER REFERENCES users(id) ON DELETE SET NULL,
  assigned_to_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  color               TEXT NOT NULL DEFAULT '',
  tags                TEXT NOT NULL DEFAULT '[]',           -- JSON string[] (lower-case)
  epics_order         INTEGER NOT NULL,
  client_requirement  INTEGER NOT NULL DEFAULT 0,
  team_requirement    INTEGER NOT NULL DEFAULT 0,
  is_blocked          INTEGER NOT NULL DEFAULT 0,
  blocked_note        TEXT NOT NULL DEFAULT '',
  external_reference  TEXT,                                 -- JSON or null
  version             INTEGER NOT NULL DEFAULT 1,
  created_date        TEXT NOT NULL,
  modified_date       TEXT NOT NULL,
  UNIQUE (project_id, ref)
);

CREATE TABLE IF NOT EXISTS userstories (
  id                     INTEGER PRIMARY KEY,
  project_id             INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ref                    INTEGER NOT NULL,
  subject                TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  status_id              INTEGER REFERENCES userstory_statuses(id),
  swimlane_id            INTEGER REFERENCES swimlanes(id) ON DELETE SET NULL,
  milestone_id           INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
  owner_id               INTEGER REFERENCES users(id) ON DELETE SET NULL,
  assigned_to_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  tags                   TEXT NOT NULL DEFAULT '[]',        -- JSON string[] (lower-case)
  backlog_order          INTEGER NOT NULL,
  sprint_order           INTEGER NOT NULL,
  kanban_order           INTEGER NOT NULL,
  is_closed              INTEGER NOT NULL DEFAULT 0,
  is_blocked             INTEGER NOT NULL DEFAULT 0,
  blocked_note           TEXT NOT NULL DEFAULT '',
  due_date               TEXT,                              -- YYYY-MM-DD
  due_date_reason        TEXT NOT NULL DEFAULT '',
  client_requirement     INTEGER NOT NULL DEFAULT 0,
  team_requirement       INTEGER NOT NULL DEFAULT 0,
  generated_from_issue_id INTEGER REFERENCES issues(id) ON DELETE SET NULL,
  generated_from_task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
  from_task_ref          TEXT,
  external_reference     TEXT,                              -- JSON or null
  tribe_gig              TEXT,                              -- JSON or null
  version                INTEGER NOT NULL DEFAULT 1,
  created_date           TEXT NOT NULL,
  modified_date          TEXT NOT NULL,
  finish_date            TEXT,
  UNIQUE (project_id, ref)
);
CREATE INDEX IF NOT EXISTS userstories_project_backlog ON userstories(project_id, backlog_order, ref);
CREATE INDEX IF NOT EXISTS userstories_project_kanban ON userstories(project_id, status_id, swimlane_id, kanban_order);
CREATE INDEX IF NOT EXISTS userstories_milestone ON userstories(milestone_id, sprint_order);

-- assigned_users (Taiga's M2M; the serializer adds assigned_to to it)
CREATE TABLE IF NOT EXISTS userstory_assigned_users (
  userstory_id INTEGER NOT NULL REFERENCES userstories(id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (userstory_id, user_id)
);

-- story points per role ("points": {"<role id>": <points id>})
CREATE TABLE IF NOT EXISTS role_points (
  id           INTEGER PRIMARY KEY,
  userstory_id INTEGER NOT NULL REFERENCES userstories(id) ON DELETE CASCADE,
  role_id      INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  points_id    INTEGER NOT NULL REFERENCES points(id),
  UNIQUE (userstory_id, role_id)
);

CREATE TABLE IF NOT EXISTS epic_related_userstories (
  id           INTEGER PRIMARY KEY,
  epic_id      INTEGER NOT NULL REFERENCES epics(id) ON DELETE CASCADE,
  userstory_id INTEGER NOT NULL REFERENCES userstories(id) ON DELETE CASCADE,
  "order"      INTEGER NOT NULL,
  UNIQUE (epic_id, userstory_id)
);

CREATE TABLE IF NOT EXISTS tasks (
  id                 INTEGER PRIMARY KEY,
  project_id         INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ref                INTEGER NOT NULL,
  subject            TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  status_id          INTEGER REFERENCES task_statuses(id),
  user_story_id      INTEGER REFERENCES userstories(id) ON DELETE CASCADE,
  milestone_id       INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
  owner_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
  assigned_to_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  tags               TEXT NOT NULL DEFAULT '[]',
  us_order           INTEGER NOT NULL,
  taskboard_order    INTEGER NOT NULL,
  is_iocaine         INTEGER NOT NULL DEFAULT 0,
  is_closed          INTEGER NOT NULL DEFAULT 0,
  is_blocked         INTEGER NOT NULL DEFAULT 0,
  blocked_note       TEXT NOT NULL DEFAULT '',
  due_date           TEXT,
  due_date_reason    TEXT NOT NULL DEFAULT '',
  external_reference TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_date       TEXT NOT NULL,
  modified_date      TEXT NOT NULL,
  finished_date      TEXT,
  UNIQUE (project_id, ref)
);
CREATE INDEX IF NOT EXISTS tasks_story ON tasks(user_story_id);
CREATE INDEX IF NOT EXISTS tasks_milestone ON tasks(milestone_id);

CREATE TABLE IF NOT EXISTS issues (
  id                 INTEGER PRIMARY KEY,
  project_id         INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ref                INTEGER NOT NULL,
  subject            TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  status_id          INTEGER REFERENCES issue_statuses(id),
  type_id            INTEGER REFERENCES issue_types(id),
  priority_id        INTEGER REFERENCES priorities(id),
  severity_id        INTEGER REFERENCES severities(id),
  milestone_id       INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
  owner_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
  assigned_to_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  tags               TEXT NOT NULL DEFAULT '[]',
  is_closed          INTEGER NOT NULL DEFAULT 0,
  is_blocked         INTEGER NOT NULL DEFAULT 0,
  blocked_note       TEXT NOT NULL DEFAULT '',
  due_date           TEXT,
  due_date_reason    TEXT NOT NULL DEFAULT '',
  external_reference TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_date       TEXT NOT NULL,
  modified_date      TEXT NOT NULL,
  finished_date      TEXT,
  UNIQUE (project_id, ref)
);

CREATE TABLE IF NOT EXISTS wiki_pages (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  slug             TEXT NOT NULL,
  content          TEXT NOT NULL DEFAULT '',
  owner_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  last_modifier_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_date     TEXT NOT NULL,
  modified_date    TEXT NOT NULL,
  UNIQUE (project_id, slug)
);

CREATE TABLE IF NOT EXISTS wiki_links (
  id         INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  href       TEXT NOT NULL,
  "order"    INTEGER NOT NULL,
  UNIQUE (project_id, href)
);

-- history entries: type 1 = change, 2 = create, 3 = delete
CREATE TABLE IF NOT EXISTS history_entries (
  id                  TEXT PRIMARY KEY,                     -- uuid-like string, as in Taiga
  seq                 INTEGER NOT NULL UNIQUE,              -- insertion order (newest first = seq DESC)
  project_id          INTEGER REFERENCES projects(id) ON DELETE CASCADE,
  content_type        TEXT NOT NULL,                        -- 'userstory' | 'task' | ...
  object_id           INTEGER NOT NULL,
  key                 TEXT NOT NULL,                        -- e.g. 'userstories.userstory:12'
  type                INTEGER NOT NULL,
  user                TEXT NOT NULL,                        -- JSON {pk, username, name, photo, is_active, gravatar_id}
  created_at          TEXT NOT NULL,
  diff                TEXT NOT NULL DEFAULT '{}',           -- JSON {field: [old, new]}
  snapshot            TEXT,                                 -- JSON or null
  "values"            TEXT NOT NULL DEFAULT '{}',           -- JSON
  values_diff         TEXT NOT NULL DEFAULT '{}',           -- JSON
  comment             TEXT NOT NULL DEFAULT '',
  comment_html        TEXT NOT NULL DEFAULT '',
  comment_versions    TEXT,                                 -- JSON list or null
  delete_comment_date TEXT,
  delete_comment_user TEXT,                                 -- JSON or null
  edit_comment_date   TEXT,
  is_hidden           INTEGER NOT NULL DEFAULT 0,
  is_snapshot         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS history_object ON history_entries(content_type, object_id, seq);

CREATE TABLE IF NOT EXISTS attachments (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  owner_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  content_type  TEXT NOT NULL,
  object_id     INTEGER NOT NULL,
  name          TEXT NOT NULL,
  attached_file TEXT NOT NULL,                              -- path under /media/
  size          INTEGER NOT NULL DEFAULT 0,
  data          BLOB,                                       -- file content
  mime_type     TEXT NOT NULL DEFAULT 'application/octet-stream',
  description   TEXT NOT NULL DEFAULT '',
  is_deprecated INTEGER NOT NULL DEFAULT 0,
  from_comment  INTEGER NOT NULL DEFAULT 0,
  "order"       INTEGER NOT NULL DEFAULT 0,
  sha1          TEXT NOT NULL DEFAULT '',
  created_date  TEXT NOT NULL,
  modified_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_object ON attachments(content_type, object_id);

CREATE TABLE IF NOT EXISTS watchers (
  content_type TEXT NOT NULL,
  object_id    INTEGER NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_date TEXT NOT NULL,
  PRIMARY KEY (content_type, object_id, user_id)
);

-- votes on items; for 'project' these are the likes ("fans")
CREATE TABLE IF NOT EXISTS votes (
  content_type TEXT NOT NULL,
  object_id    INTEGER NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_date TEXT NOT NULL,
  PRIMARY KEY (content_type, object_id, user_id)
);

CREATE TABLE IF NOT EXISTS custom_attributes (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('epic', 'userstory', 'task', 'issue')),
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  type          TEXT NOT NULL DEFAULT 'text',
  "order"       INTEGER NOT NULL DEFAULT 1,
  extra         TEXT,
  created_date  TEXT NOT NULL,
  modified_date TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS custom_attribute_values (
  kind              TEXT NOT NULL,
  object_id         INTEGER NOT NULL,
  attributes_values TEXT NOT NULL DEFAULT '{}',
  version           INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (kind, object_id)
);

CREATE TABLE IF NOT EXISTS user_storage (
  id            INTEGER PRIMARY KEY,
  owner_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  value         TEXT NOT NULL,                              -- JSON
  created_date  TEXT NOT NULL,
  modified_date TEXT NOT NULL,
  UNIQUE (owner_id, key)
);

-- project templates (Scrum = 1 and Kanban = 2 are always there: server/lib/project-templates.ts)
CREATE TABLE IF NOT EXISTS project_templates (
  id                          INTEGER PRIMARY KEY,
  name                        TEXT NOT NULL,
  slug                        TEXT NOT NULL UNIQUE,
  description                 TEXT NOT NULL,
  "order"                     INTEGER NOT NULL,
  created_date                TEXT NOT NULL,
  modified_date               TEXT NOT NULL,
  default_owner_role          TEXT NOT NULL,
  is_contact_activated        INTEGER NOT NULL DEFAULT 1,
  is_epics_activated          INTEGER NOT NULL DEFAULT 0,
  is_backlog_activated        INTEGER NOT NULL DEFAULT 1,
  is_kanban_activated         INTEGER NOT NULL DEFAULT 0,
  is_wiki_activated           INTEGER NOT NULL DEFAULT 1,
  is_issues_activated         INTEGER NOT NULL DEFAULT 1,
  is_looking_for_people       INTEGER NOT NULL DEFAULT 0,
  looking_for_people_note     TEXT NOT NULL DEFAULT '',
  videoconferences            TEXT,
  videoconferences_extra_data TEXT,
  data                        TEXT NOT NULL DEFAULT '{}'   -- JSON: default_options, statuses, points, roles, ... (each may be null)
);

-- integrations configuration of a project (GET/PATCH /projects/{id}/modules): {"github": {...}, "gitlab": {...}, ...}
CREATE TABLE IF NOT EXISTS project_modules_config (
  project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  config     TEXT NOT NULL DEFAULT '{}'
);

-- refresh tokens already used (rotation) or revoked; rows can be dropped after expires_at
CREATE TABLE IF NOT EXISTS refresh_token_denylist (
  jti        TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL                               -- unix seconds
);
`;

/** Every table, in an order that can be wiped without foreign-key trouble (children first). */
export const TABLES = [
  "refresh_token_denylist",
  "project_modules_config",
  "project_templates",
  "user_storage",
  "custom_attribute_values",
  "custom_attributes",
  "votes",
  "watchers",
  "attachments",
  "history_entries",
  "wiki_links",
  "wiki_pages",
  "epic_related_userstories",
  "role_points",
  "userstory_assigned_users",
  "tasks",
  "userstories",
  "issues",
  "epics",
  "milestones",
  "swimlane_userstory_statuses",
  "swimlanes",
  "duedates",
  "issue_types",
  "severities",
  "priorities",
  "points",
  "epic_statuses",
  "issue_statuses",
  "task_statuses",
  "userstory_statuses",
  "memberships",
  "roles",
  "ref_sequences",
  "projects",
  "users",
] as const;

/** Applies the schema to an open database (idempotent). */
export function migrate(db: Db): void {
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  ensureDefaultTemplates(db);
}

/** Opens (creating folder and file if needed) a database file, WAL mode, schema applied. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/**
 * Deletes every row of every table except `settings` (keeps the signing secret), including tables
 * other modules may have added to the schema. Ids start from 1 again afterwards.
 */
export function wipeDatabase(db: Db): void {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'settings'").all() as { name: string }[]
  ).map((t) => t.name);
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      for (const table of tables) db.prepare(`DELETE FROM "${table.replace(/"/g, '""')}"`).run();
      const hasSequence = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
      if (hasSequence) db.prepare("DELETE FROM sqlite_sequence").run();
    })();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}

/** True when the database holds no user yet (first start). */
export function isEmpty(db: Db): boolean {
  const row = db.prepare("SELECT COUNT(*) AS n FROM users").get() as { n: number };
  return row.n === 0;
}

/**
 * Takes the next reference number of a project. Epics, stories, tasks and issues share it;
 * numbers are never reused. Call inside the transaction that inserts the item.
 */
export function nextRef(db: Db, projectId: number): number {
  db.prepare("INSERT OR IGNORE INTO ref_sequences (project_id, last_ref) VALUES (?, 0)").run(projectId);
  const row = db
    .prepare("UPDATE ref_sequences SET last_ref = last_ref + 1 WHERE project_id = ? RETURNING last_ref")
    .get(projectId) as { last_ref: number };
  return row.last_ref;
}

/** Reads a settings value. */
export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value;
}

/** Writes a settings value. */
export function setSetting(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement kept for the life of the connection: for hot paths that run the same SQL
 * many times (history entries, name look-ups), where preparing it again each time shows.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Which backend the end-to-end specs run against, and what differs between the two.
 *
 * - embedded (`npm test`): our own server on a fresh demo database, reset before every spec;
 * - real (`npm run test:real`): a real taiga-back with Taiga's `sample_data` (see docs/real-taiga.md),
 *   addressed by `TAIGA_REAL_API`. Its content is random on every reset, so specs read the state
 *   they need from the API (helpers in fixtures.ts) instead of assuming the demo's data, and leave
 *   it as they found it where they can.
 */
export type BackendKind = "embedded" | "real";

export interface Backend {
  kind: BackendKind;
  /** Absolute API base without a trailing slash, e.g. http://127.0.0.1:8000/api/v1. */
  apiBase: string;
  /** Where the dashboard is served. */
  appBase: string;
  /** The superuser every spec may sign in as. */
  admin: string;
  /** Other accounts of the backend (members or not of a project: ask the API). */
  users: readonly string[];
  /** The project most specs work in (public, every module on, stories, sprints, issues, wiki). */
  mainProject: string;
  /** A Kanban project with swimlanes. */
  kanbanProject: string;
  /** A private project. */
  privateProject: string;
  /** A project whose writes are refused (Taiga's `blocked_code`), if the backend has one. */
  blockedProject: string | null;
  /** True when `POST /__e2e__/reset` restores the data before every spec. */
  resettable: boolean;
}

const embeddedPort = Number(process.env.E2E_PORT ?? 4599);
const realPort = Number(process.env.E2E_REAL_PORT ?? 4700);
const realApi = process.env.TAIGA_REAL_API?.replace(/\/+$/, "");

function build(): Backend {
  if (process.env.E2E_BACKEND === "real") {
    if (!realApi) throw new Error("E2E_BACKEND=real needs TAIGA_REAL_API (the real Taiga's API address)");
    return {
      kind: "real",
      apiBase: realApi,
      appBase: `http://127.0.0.1:${realPort}`,
      admin: "admin",
      users: ["user1", "user2", "user3", "user4", "user5", "user6", "user7", "user8", "user9"],
      mainProject: process.env.TAIGA_REAL_PROJECT ?? "project-1",
      kanbanProject: process.env.TAIGA_REAL_KANBAN_PROJECT ?? "project-1",
      privateProject: process.env.TAIGA_REAL_PRIVATE_PROJECT ?? "project-3",
      blockedProject: process.env.TAIGA_REAL_BLOCKED_PROJECT ?? "project-7",
      resettable: false,
    };
  }
  const appBase = `http://127.0.0.1:${embeddedPort}`;
  return {
    kind: "embedded",
    apiBase: `${appBase}/api/v1`,
    appBase,
    admin: "admin",
    users: ["alice", "bob", "carol", "dave", "erin", "frank"],
    mainProject: "demo-scrum",
    kanbanProject: "demo-kanban",
    privateProject: "secret-roadmap",
    blockedProject: "legacy-archive",
    resettable: true,
  };
}

export const backend: Backend = build();
export const isReal = backend.kind === "real";

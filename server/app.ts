/**
 * The Taiga-compatible API as a Hono app: `createApp({ db, ... })`. Used by `server/main.ts` and by
 * the server tests (`app.request("/api/v1/...")`). Every resource lives in `server/resources/<name>.ts`
 * and is listed in RESOURCES below.
 */
import { Hono } from "hono";
import type { Db } from "./db";
import { authenticate } from "./http/auth";
import { type Api, type AppEnv, type ResourceModule, Routes, type ServerOptions } from "./http/context";
import { corsHeaders, preflight } from "./http/cors";
import { errorToResponse } from "./http/errors";
import { resolveSecret } from "./lib/tokens";
import { registerAuth } from "./resources/auth";
import { registerDueDates } from "./resources/duedates";
import { registerE2e } from "./resources/e2e";
import { registerMemberships } from "./resources/memberships";
import { registerMilestones } from "./resources/milestones";
import { registerProjects } from "./resources/projects";
import { registerRoles } from "./resources/roles";
import { registerStatuses } from "./resources/statuses";
import { registerSwimlanes } from "./resources/swimlanes";
import { registerUsers } from "./resources/users";
import { registerUserstories } from "./resources/userstories";
import { registerHistory } from "./resources/history";
import { registerSwimlaneWrites } from "./resources/swimlane-writes";
import { registerAttachments, serveMedia } from "./resources/attachments";
import { registerIssues } from "./resources/issues";
import { registerTasks } from "./resources/tasks";
import { registerVotes } from "./resources/votes";
import { registerWatchers } from "./resources/watchers";
import { registerEpics } from "./resources/epics";
import { registerEpicRelatedUserstories } from "./resources/epic-related-userstories";
import { registerUserStorage } from "./resources/user-storage";
import { registerSearch } from "./resources/search";
import { registerResolver } from "./resources/resolver";
import { registerTimeline } from "./resources/timeline";
import { registerInvitations } from "./resources/invitations";
import { registerApplications } from "./resources/applications";
import { registerProjectAdmin } from "./resources/project-admin";
import { registerProjectTemplates } from "./resources/project-templates";
import { registerProjectTransfer } from "./resources/project-transfer";
import { registerCustomAttributes } from "./resources/custom-attributes";
import { registerWiki } from "./resources/wiki";

/** Every resource module, in registration order. */
export const RESOURCES: ResourceModule[] = [
  registerAuth,
  registerUsers,
  registerProjects,
  registerMemberships,
  registerRoles,
  registerStatuses,
  registerDueDates,
  registerSwimlanes,
  registerUserstories,
  registerMilestones,
  registerHistory,
  registerSwimlaneWrites,
  registerTasks,
  registerIssues,
  registerEpics,
  registerEpicRelatedUserstories,
  registerWatchers,
  registerVotes,
  registerAttachments,
  registerUserStorage,
  registerSearch,
  registerResolver,
  registerTimeline,
  registerInvitations,
  registerApplications,
  registerProjectAdmin,
  registerProjectTemplates,
  registerProjectTransfer,
  registerCustomAttributes,
  registerWiki,
];

/** The route table of every resource module (what `createApp` mounts, without test-only routes). */
export function apiRoutes(): Routes {
  const routes = new Routes();
  for (const register of RESOURCES) register(routes);
  return routes;
}

export interface CreateAppOptions {
  db: Db;
  accessTokenLifetime?: number;
  refreshTokenLifetime?: number;
  publicRegister?: boolean;
  e2e?: boolean;
  bodyLimit?: number;
  /** signing secret; default: TAIGA_SECRET_KEY, else one stored in the database */
  secret?: string;
  /** wipes and reseeds the database for `POST /api/v1/__e2e__/reset` */
  reseed?: () => void;
}

export const DEFAULT_ACCESS_TOKEN_LIFETIME = 86_400;
export const DEFAULT_REFRESH_TOKEN_LIFETIME = 8 * 86_400;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const deps: ServerOptions = {
    db: options.db,
    accessTokenLifetime: options.accessTokenLifetime ?? DEFAULT_ACCESS_TOKEN_LIFETIME,
    refreshTokenLifetime: options.refreshTokenLifetime ?? DEFAULT_REFRESH_TOKEN_LIFETIME,
    publicRegister: options.publicRegister ?? true,
    e2e: options.e2e ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    secret: resolveSecret(options.db, options.secret ?? process.env.TAIGA_SECRET_KEY),
    reseed: options.reseed ?? (() => undefined),
  };

  const app = new Hono<AppEnv>();
  app.use("/api/*", async (c, next) => {
    c.set("deps", deps);
    await next();
    for (const [k, v] of Object.entries(corsHeaders)) c.res.headers.set(k, v);
  });
  app.options("/api/v1/*", (c) => preflight(c));
  app.use("/api/v1/*", authenticate);

  const routes = apiRoutes();
  if (deps.e2e) registerE2e(routes);
  const api: Api = new Hono<AppEnv>();
  routes.mount(api);
  api.onError(errorToResponse);
  app.route("/api/v1", api);
  // uploaded files (attachments): unguessable paths under <db dir>/media, as Taiga serves them
  app.get("/media/*", (c) => serveMedia(deps.db, c.req.path) ?? c.notFound());

  app.notFound((c) => c.html(`<h1>Not Found</h1><p>The requested resource was not found on this server: ${escapeHtml(c.req.path)}</p>`, 404));
  app.onError(errorToResponse);
  return app;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

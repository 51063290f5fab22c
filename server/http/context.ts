/** Types shared by every route: the Hono environment, server options and the route helper. */
import type { Context, Hono } from "hono";
import type { Db } from "../db";
import type { UserRow } from "../lib/users";
import { methodNotAllowed } from "./errors";

export interface ServerOptions {
  db: Db;
  /** access token lifetime in seconds (default 86400) */
  accessTokenLifetime: number;
  /** refresh token lifetime in seconds (default 8 days) */
  refreshTokenLifetime: number;
  /** `POST /auth/register` with type "public" allowed */
  publicRegister: boolean;
  /** test-only helpers such as `POST /__e2e__/reset` */
  e2e: boolean;
  /** maximum JSON body size in bytes (default 1 MiB) */
  bodyLimit: number;
  /** JWT signing secret (resolved from TAIGA_SECRET_KEY or the settings table) */
  secret: string;
  /** wipes and reseeds the database (used by the e2e reset endpoint) */
  reseed: () => void;
}

export interface Variables {
  /** the authenticated user, or null for anonymous requests */
  user: UserRow | null;
  /** server options (database, lifetimes, flags) */
  deps: ServerOptions;
}

export type AppEnv = { Variables: Variables };
export type Api = Hono<AppEnv>;
export type Ctx = Context<AppEnv>;
export type Handler = (c: Ctx) => Response | Promise<Response>;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The route table of the API. Resource modules add handlers per URL (several modules may add methods
 * to the same URL); `mount` registers them on Hono with Taiga's 405 for the other methods, fixed paths
 * (`/userstories/bulk_create`) before parameterised ones (`/userstories/:id`).
 */
export class Routes {
  private readonly table = new Map<string, Partial<Record<Method, Handler>>>();

  add(path: string, handlers: Partial<Record<Method, Handler>>): void {
    const existing = this.table.get(path) ?? {};
    for (const method of Object.keys(handlers) as Method[]) {
      if (existing[method]) throw new Error(`Route registered twice: ${method} ${path}`);
    }
    this.table.set(path, { ...existing, ...handlers });
  }

  /** Every registered path with its methods (for tests and documentation). */
  entries(): { path: string; methods: Method[] }[] {
    return [...this.table.entries()].map(([path, handlers]) => ({ path, methods: Object.keys(handlers) as Method[] }));
  }

  mount(api: Api): void {
    const paths = [...this.table.keys()];
    const ordered = [...paths.filter((p) => !p.includes(":")), ...paths.filter((p) => p.includes(":"))];
    for (const path of ordered) {
      const handlers = this.table.get(path) ?? {};
      for (const [method, handler] of Object.entries(handlers) as [Method, Handler][]) {
        api.on(method, path, (c) => handler(c));
      }
      api.on(["GET", "POST", "PUT", "PATCH", "DELETE"], path, (c) => {
        throw methodNotAllowed(c.req.method);
      });
    }
  }
}

/** A resource module: adds its routes. */
export type ResourceModule = (routes: Routes) => void;

/**
 * Runtime configuration, read once from `/config.json` before the app renders.
 * `api` may be relative (`/api/v1`, same origin) or absolute (a self-hosted Taiga).
 */
export interface AppConfig {
  /** Base URL of the Taiga API, without a trailing slash. */
  api: string;
  /** Whether the server accepts public sign-ups (shows the registration page). Default true. */
  publicRegister: boolean;
}

let current: AppConfig | null = null;

export class ConfigError extends Error {
  override name = "ConfigError";
}

function normalise(raw: unknown): AppConfig {
  if (!raw || typeof raw !== "object" || typeof (raw as { api?: unknown }).api !== "string") {
    throw new ConfigError('config.json must be an object with an "api" string, e.g. {"api": "/api/v1"}');
  }
  const api = (raw as { api: string }).api.trim().replace(/\/+$/, "");
  if (!api) throw new ConfigError('config.json: "api" must not be empty');
  const publicRegister = (raw as { publicRegister?: unknown }).publicRegister;
  return { api, publicRegister: publicRegister === undefined ? true : publicRegister === true };
}

/** Installs a configuration directly (tests, embedding). */
export function setConfig(raw: unknown): AppConfig {
  current = normalise(raw);
  return current;
}

export function getConfig(): AppConfig {
  if (!current) throw new ConfigError("Configuration has not been loaded yet");
  return current;
}

/**
 * Loads `/config.json`. `load` is the way to read the file; main.tsx passes the
 * transport's raw loader so that `fetch` stays inside src/api/http.ts.
 */
export async function loadConfig(load: (url: string) => Promise<unknown>, url = "/config.json"): Promise<AppConfig> {
  let raw: unknown;
  try {
    raw = await load(url);
  } catch (error) {
    throw new ConfigError(`Could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return setConfig(raw);
}

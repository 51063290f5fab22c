/**
 * The signed-in session: access + refresh token, kept in localStorage so a
 * reload keeps the user signed in. Listeners hear every change (sign-in,
 * refresh, sign-out), including changes made in another tab.
 */
export interface Session {
  token: string;
  refresh: string;
}

const STORAGE_KEY = "taiga.session";

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token === "string" && typeof parsed.refresh === "string") {
      return { token: parsed.token, refresh: parsed.refresh };
    }
  } catch {
    // unreadable storage counts as signed out
  }
  return null;
}

let current: Session | null = read();
let clearedByUser = false;

function emit() {
  for (const listener of [...listeners]) listener(current);
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session): void {
  current = { token: session.token, refresh: session.refresh };
  clearedByUser = false;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(current));
  } catch {
    // private mode: the session lives in memory only
  }
  emit();
}

/**
 * Forgets the session. `byUser` marks a deliberate sign-out (as opposed to an
 * expired session), so the app does not offer to come back to the last page.
 */
export function clearSession(options: { byUser?: boolean } = {}): void {
  const had = current !== null;
  current = null;
  clearedByUser = options.byUser === true;
  try {
    globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // ignore
  }
  if (had) emit();
}

/** Whether the last sign-out was the user's own choice. */
export function wasSignedOutByUser(): boolean {
  return clearedByUser;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Re-reads storage (used when another tab changed it, and by tests). */
export function reloadSession(): void {
  current = read();
  emit();
}

if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) reloadSession();
  });
}

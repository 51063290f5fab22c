/** Only same-site paths are accepted as a place to return to after signing in. */
export function safeNext(next: string | null | undefined, fallback = "/projects"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/register")) return fallback;
  return next;
}

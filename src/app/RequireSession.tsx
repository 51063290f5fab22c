import { useSyncExternalStore, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { getSession, subscribe, wasSignedOutByUser } from "../api/session";

/** Where to come back to after signing in. */
export function loginPathFor(location: { pathname: string; search: string; hash?: string }): string {
  const next = `${location.pathname}${location.search}${location.hash ?? ""}`;
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/**
 * Guard of the signed-in part: without a session (never signed in, or signed out meanwhile) it
 * sends the visitor to sign in, returning here afterwards; after the user's own sign-out, to plain /login.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribe, getSession, getSession);
  const location = useLocation();
  if (!session) return <Navigate to={wasSignedOutByUser() ? "/login" : loginPathFor(location)} replace />;
  return children;
}

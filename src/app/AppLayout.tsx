import { Link, Navigate, Outlet, useLocation, useNavigation } from "react-router";
import { useSession } from "../api/auth";
import { wasSignedOutByUser } from "../api/session";
import { UserMenu } from "./UserMenu";

/** Where to come back to after signing in. */
export function loginPathFor(location: { pathname: string; search: string; hash?: string }): string {
  const next = `${location.pathname}${location.search}${location.hash ?? ""}`;
  return next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/** The signed-in frame: top bar with the account menu; guards everything below it. */
export default function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigation = useNavigation();
  if (!session) return <Navigate to={wasSignedOutByUser() ? "/login" : loginPathFor(location)} replace />;
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div
        aria-hidden="true"
        className={`fixed inset-x-0 top-0 z-50 h-0.5 bg-indigo-500 transition-opacity ${navigation.state === "loading" ? "animate-pulse opacity-100" : "opacity-0"}`}
      />
      <header className="sticky top-0 z-30 flex h-12 items-center justify-between border-b border-slate-200 bg-white/90 px-4 backdrop-blur">
        <Link to="/projects" className="flex items-center gap-2 rounded text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
          <img src="/favicon.svg" alt="" className="h-5 w-5" />
          Taiga Dashboard
        </Link>
        <UserMenu />
      </header>
      <div id="main" className="flex flex-1 flex-col">
        <Outlet />
      </div>
    </div>
  );
}

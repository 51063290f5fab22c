import { Link, Outlet } from "react-router";
import { UserMenu } from "./UserMenu";

/** The signed-in frame: top bar with the account menu (`RequireSession` guards it). */
export default function AppLayout() {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
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

/**
 * Routes, following Taiga's own URL scheme. Every view is a lazy module (its own chunk);
 * every route has an error element.
 */
import { createBrowserRouter, Navigate, redirect, type LoaderFunctionArgs, type RouteObject } from "react-router";
import { getSession } from "../api/session";
import { ComingSoon } from "./ComingSoon";
import { PageSpinner } from "../components/Spinner";
import { RouteError } from "./RouteError";

type Lazy = () => Promise<{ default: React.ComponentType }>;
const lazyView = (load: Lazy): RouteObject["lazy"] => async () => ({ Component: (await load()).default });

/** Auth guard for the signed-in part: unauthenticated visitors go to /login?next=<here>. */
export function requireSession({ request }: LoaderFunctionArgs) {
  if (getSession()) return null;
  const url = new URL(request.url);
  const next = `${url.pathname}${url.search}`;
  throw redirect(next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login");
}

const soon = (view: Parameters<typeof ComingSoon>[0]["view"]): RouteObject => ({
  element: <ComingSoon view={view} />,
  errorElement: <RouteError />,
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    children: [
      { path: "/login", lazy: lazyView(() => import("../features/auth/LoginPage")), errorElement: <RouteError /> },
      { path: "/register", lazy: lazyView(() => import("../features/auth/RegisterPage")), errorElement: <RouteError /> },
      {
        loader: requireSession,
        lazy: lazyView(() => import("./AppLayout")),
        errorElement: <RouteError />,
        children: [
          { path: "/", element: <Navigate to="/projects" replace /> },
          { path: "/projects", lazy: lazyView(() => import("../features/projects/ProjectsPage")), errorElement: <RouteError /> },
          {
            path: "/project/:slug",
            lazy: lazyView(() => import("./ProjectShell")),
            errorElement: <RouteError />,
            children: [
              { index: true, lazy: lazyView(() => import("./ProjectIndex")), errorElement: <RouteError /> },
              { path: "kanban", lazy: lazyView(() => import("../features/kanban/KanbanPage")), errorElement: <RouteError /> },
              { path: "backlog", ...soon("backlog") },
              { path: "taskboard/:sprintSlug", ...soon("taskboard") },
              { path: "issues", ...soon("issues") },
              { path: "issue/:ref", lazy: lazyView(() => import("../features/items/IssueDetailPage")), errorElement: <RouteError /> },
              { path: "us/:ref", lazy: lazyView(() => import("../features/items/StoryDetailPage")), errorElement: <RouteError /> },
              { path: "task/:ref", lazy: lazyView(() => import("../features/items/TaskDetailPage")), errorElement: <RouteError /> },
              { path: "wiki", ...soon("wiki") },
              { path: "wiki/:pageSlug", ...soon("wiki") },
            ],
          },
        ],
      },
      { path: "*", lazy: lazyView(() => import("./NotFound")), errorElement: <RouteError /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}

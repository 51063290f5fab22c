/**
 * Routes, following Taiga's own URL scheme (react-router's declarative mode). Every view is a
 * lazy module (its own chunk) behind its own Suspense spinner and error boundary.
 */
import { Suspense, type ReactNode } from "react";
import { matchPath, Navigate, Route, Routes } from "react-router";
import { getSession } from "../api/session";
import { PageSpinner } from "../components/Spinner";
import { RequireSession } from "./RequireSession";
import { RouteBoundary } from "./RouteBoundary";
import { SignedOutRedirect } from "./SignedOutRedirect";
import { lazyView, type LazyView } from "./lazyView";

const LoginPage = lazyView(() => import("../features/auth/LoginPage"));
const RegisterPage = lazyView(() => import("../features/auth/RegisterPage"));
const AppLayout = lazyView(() => import("./AppLayout"));
const ProjectsPage = lazyView(() => import("../features/projects/ProjectsPage"));
const ProjectShell = lazyView(() => import("./ProjectShell"));
const ProjectIndex = lazyView(() => import("./ProjectIndex"));
const KanbanPage = lazyView(() => import("../features/kanban/KanbanPage"));
const BacklogPage = lazyView(() => import("../features/backlog/BacklogPage"));
const IssuesPage = lazyView(() => import("../features/issues/IssuesPage"));
const TaskboardPage = lazyView(() => import("../features/taskboard/TaskboardPage"));
const IssueDetailPage = lazyView(() => import("../features/items/IssueDetailPage"));
const StoryDetailPage = lazyView(() => import("../features/items/StoryDetailPage"));
const TaskDetailPage = lazyView(() => import("../features/items/TaskDetailPage"));
const WikiView = lazyView(() => import("../features/wiki/WikiView"));
const ProjectActivity = lazyView(() => import("../features/timeline/ProjectActivity"));
const EpicsPage = lazyView(() => import("../features/epics/EpicsPage"));
const EpicDetailPage = lazyView(() => import("../features/items/EpicDetailPage"));
const NotFound = lazyView(() => import("./NotFound"));

/** The views each signed-in URL renders, outermost first (patterns as in the routes below). */
const VIEWS_BY_PATH: [pattern: string, views: LazyView[]][] = [
  ["/projects", [AppLayout, ProjectsPage]],
  ["/project/:slug", [AppLayout, ProjectShell, ProjectIndex]],
  ["/project/:slug/kanban", [AppLayout, ProjectShell, KanbanPage]],
  ["/project/:slug/backlog", [AppLayout, ProjectShell, BacklogPage]],
  ["/project/:slug/issues", [AppLayout, ProjectShell, IssuesPage]],
  ["/project/:slug/taskboard/:sprintSlug", [AppLayout, ProjectShell, TaskboardPage]],
  ["/project/:slug/us/:ref", [AppLayout, ProjectShell, StoryDetailPage]],
  ["/project/:slug/task/:ref", [AppLayout, ProjectShell, TaskDetailPage]],
  ["/project/:slug/issue/:ref", [AppLayout, ProjectShell, IssueDetailPage]],
  ["/project/:slug/epics", [AppLayout, ProjectShell, EpicsPage]],
  ["/project/:slug/activity", [AppLayout, ProjectShell, ProjectActivity]],
  ["/project/:slug/epic/:ref", [AppLayout, ProjectShell, EpicDetailPage]],
  ["/project/:slug/wiki", [AppLayout, ProjectShell, WikiView]],
  ["/project/:slug/wiki/:pageSlug", [AppLayout, ProjectShell, WikiView]],
  ["/project/:slug/*", [AppLayout, ProjectShell]],
];

/**
 * Fetches, side by side, every chunk the first page needs (the layout, the project shell and the
 * view), so the first screen does not wait for them one after the other. Signed-out visitors
 * only get the sign-in page's chunk.
 */
export function preloadRoute(pathname: string): Promise<void> {
  const views = matchPath("/register", pathname)
    ? [RegisterPage]
    : matchPath("/login", pathname) || !getSession()
      ? [LoginPage]
      : (VIEWS_BY_PATH.find(([pattern]) => matchPath(pattern, pathname))?.[1] ?? []);
  // A chunk that fails here fails again when rendered, where the route's error boundary explains it.
  return Promise.all(views.map((view) => view.preload())).then(
    () => undefined,
    () => undefined,
  );
}

/**
 * One route's element. The key names the route, so moving to another route mounts a fresh
 * boundary (its spinner shows while the chunk loads) while staying on it keeps the view mounted.
 */
function page(route: string, view: ReactNode) {
  return (
    <RouteBoundary key={route}>
      <Suspense fallback={<PageSpinner />}>{view}</Suspense>
    </RouteBoundary>
  );
}

export function AppRoutes() {
  return (
    <RouteBoundary>
      <SignedOutRedirect />
      <Routes>
        <Route path="/login" element={page("login", <LoginPage />)} />
        <Route path="/register" element={page("register", <RegisterPage />)} />
        <Route element={<RequireSession>{page("app", <AppLayout />)}</RequireSession>}>
          <Route path="/" element={<Navigate to="/projects" replace />} />
          <Route path="/projects" element={page("projects", <ProjectsPage />)} />
          <Route path="/project/:slug" element={page("project", <ProjectShell />)}>
            <Route index element={page("project-index", <ProjectIndex />)} />
            <Route path="kanban" element={page("kanban", <KanbanPage />)} />
            <Route path="backlog" element={page("backlog", <BacklogPage />)} />
            <Route path="taskboard/:sprintSlug" element={page("taskboard", <TaskboardPage />)} />
            <Route path="issues" element={page("issues", <IssuesPage />)} />
            <Route path="issue/:ref" element={page("issue", <IssueDetailPage />)} />
            <Route path="us/:ref" element={page("us", <StoryDetailPage />)} />
            <Route path="task/:ref" element={page("task", <TaskDetailPage />)} />
            <Route path="activity" element={page("activity", <ProjectActivity />)} />
            <Route path="epics" element={page("epics", <EpicsPage />)} />
            <Route path="epic/:ref" element={page("epic", <EpicDetailPage />)} />
            <Route path="wiki" element={<Navigate to="home" replace />} />
            <Route path="wiki/:pageSlug" element={page("wiki-page", <WikiView />)} />
          </Route>
        </Route>
        <Route path="*" element={page("not-found", <NotFound />)} />
      </Routes>
    </RouteBoundary>
  );
}

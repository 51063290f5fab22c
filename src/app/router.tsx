/**
 * Routes, following Taiga's own URL scheme (react-router's declarative mode). Every view is a
 * lazy module (its own chunk) behind its own Suspense spinner and error boundary.
 */
import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router";
import { ComingSoon } from "./ComingSoon";
import { PageSpinner } from "../components/Spinner";
import { RequireSession } from "./RequireSession";
import { RouteBoundary } from "./RouteBoundary";
import { SignedOutRedirect } from "./SignedOutRedirect";

const LoginPage = lazy(() => import("../features/auth/LoginPage"));
const RegisterPage = lazy(() => import("../features/auth/RegisterPage"));
const AppLayout = lazy(() => import("./AppLayout"));
const ProjectsPage = lazy(() => import("../features/projects/ProjectsPage"));
const ProjectShell = lazy(() => import("./ProjectShell"));
const ProjectIndex = lazy(() => import("./ProjectIndex"));
const KanbanPage = lazy(() => import("../features/kanban/KanbanPage"));
const IssueDetailPage = lazy(() => import("../features/items/IssueDetailPage"));
const StoryDetailPage = lazy(() => import("../features/items/StoryDetailPage"));
const TaskDetailPage = lazy(() => import("../features/items/TaskDetailPage"));
const NotFound = lazy(() => import("./NotFound"));

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
            <Route path="backlog" element={page("backlog", <ComingSoon view="backlog" />)} />
            <Route path="taskboard/:sprintSlug" element={page("taskboard", <ComingSoon view="taskboard" />)} />
            <Route path="issues" element={page("issues", <ComingSoon view="issues" />)} />
            <Route path="issue/:ref" element={page("issue", <IssueDetailPage />)} />
            <Route path="us/:ref" element={page("us", <StoryDetailPage />)} />
            <Route path="task/:ref" element={page("task", <TaskDetailPage />)} />
            <Route path="wiki" element={page("wiki", <ComingSoon view="wiki" />)} />
            <Route path="wiki/:pageSlug" element={page("wiki-page", <ComingSoon view="wiki" />)} />
          </Route>
        </Route>
        <Route path="*" element={page("not-found", <NotFound />)} />
      </Routes>
    </RouteBoundary>
  );
}

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { MemoryRouter, useLocation, type Location } from "react-router";
import { clearSession, getSession, setSession } from "../api/session";
import { resetTransport } from "../api/http";
import { installFakeFetch, jsonResponse, type FakeCall } from "../test/fakeFetch";
import { AppProviders } from "./App";
import { createQueryClient } from "./queryClient";
import { AppRoutes } from "./router";

const ME = { id: 5, username: "admin", full_name: "Ada Admin", full_name_display: "Ada Admin", email: "admin@example.com", photo: null, color: "" };

const PROJECT = {
  id: 3,
  name: "Demo Scrum",
  slug: "demo-scrum",
  description: "A scrum project",
  is_private: false,
  is_backlog_activated: true,
  is_kanban_activated: false,
  is_issues_activated: true,
  is_wiki_activated: true,
  milestones: [
    { id: 1, slug: "sprint-1", name: "Sprint 1", closed: true },
    { id: 2, slug: "sprint-2", name: "Sprint 2", closed: false },
  ],
};

/** Reports the router's current location to the test. */
function LocationProbe({ onChange }: { onChange: (location: Location) => void }) {
  const location = useLocation();
  useEffect(() => onChange(location), [location, onChange]);
  return null;
}

function renderAt(path: string) {
  const router = { state: { location: { pathname: "", search: "" } as Pick<Location, "pathname" | "search"> } };
  const onChange = (location: Location) => {
    router.state.location = location;
  };
  render(
    <AppProviders queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe onChange={onChange} />
      </MemoryRouter>
    </AppProviders>,
  );
  return router;
}

function api(handlers: Record<string, (call: FakeCall) => Response>) {
  return installFakeFetch((call) => {
    const key = `${call.method} ${call.path}`;
    const handler = handlers[key];
    if (handler) return handler(call);
    return jsonResponse({ _error_message: `no fake for ${key}` }, 500);
  });
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  resetTransport();
});
afterEach(() => vi.unstubAllGlobals());

describe("routing and guard", () => {
  it("sends a signed-out visitor to the sign-in page, remembering where they were going", async () => {
    api({});
    const router = renderAt("/project/demo-scrum/issues");
    expect(await screen.findByLabelText("Username or email")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("?next=%2Fproject%2Fdemo-scrum%2Fissues");
  });

  it("signs in, then returns to the requested page", async () => {
    api({
      "POST /auth": () => jsonResponse({ ...ME, auth_token: "t", refresh: "r" }),
      "GET /users/me": () => jsonResponse(ME),
      "GET /projects/by_slug": () => jsonResponse({ ...PROJECT, members: [], my_permissions: ["view_wiki_pages"] }),
      "GET /wiki": () => jsonResponse([]),
      "GET /wiki-links": () => jsonResponse([]),
      "GET /wiki/by_slug": () => jsonResponse({ _error_message: "No WikiPage matches the given query." }, 404),
    });
    const router = renderAt("/login?next=%2Fproject%2Fdemo-scrum%2Fwiki%2Frunbook");
    await userEvent.type(await screen.findByLabelText("Username or email"), "admin");
    await userEvent.type(screen.getByLabelText("Password"), "123123");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/project/demo-scrum/wiki/runbook"));
    expect(getSession()).toEqual({ token: "t", refresh: "r" });
    // the wiki is a lazy chunk: its first import in the test runner takes a moment
    expect(await screen.findByText("This page doesn't exist yet.", undefined, { timeout: 15_000 })).toBeInTheDocument();
  });

  it("shows the server's message for wrong credentials", async () => {
    api({ "POST /auth": () => jsonResponse({ detail: "No active account found with the given credentials", code: "invalid_credentials" }, 401) });
    renderAt("/login");
    await userEvent.type(await screen.findByLabelText("Username or email"), "admin");
    await userEvent.type(screen.getByLabelText("Password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No active account found with the given credentials");
    expect(getSession()).toBeNull();
  });

  it("says the server cannot be reached when the network fails", async () => {
    installFakeFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    renderAt("/login");
    await userEvent.type(await screen.findByLabelText("Username or email"), "admin");
    await userEvent.type(screen.getByLabelText("Password"), "123123");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/^Cannot reach the server/);
  });

  it("shows a not-found page for unknown addresses", async () => {
    api({});
    renderAt("/somewhere/else");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
  });
});

describe("project shell", () => {
  beforeEach(() => setSession({ token: "t", refresh: "r" }));

  it("opens the first active module and shows navigation for the modules the project turns on", async () => {
    api({ "GET /users/me": () => jsonResponse(ME), "GET /projects/by_slug": () => jsonResponse(PROJECT) });
    const router = renderAt("/project/demo-scrum");
    await waitFor(() => expect(router.state.location.pathname).toBe("/project/demo-scrum/backlog"));
    const nav = await screen.findByRole("navigation", { name: "Project" });
    const links = within(nav).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toEqual([
      ["Backlog", "/project/demo-scrum/backlog"],
      ["Issues", "/project/demo-scrum/issues"],
      ["Wiki", "/project/demo-scrum/wiki"],
      ["Taskboard · Sprint 2", "/project/demo-scrum/taskboard/sprint-2"],
    ]);
    expect(screen.getByRole("heading", { level: 1, name: "Demo Scrum" })).toBeInTheDocument();
  });

  it.each([
    [403, { _error_message: "You do not have permission to perform this action.", _error_type: "taiga.base.exceptions.PermissionDenied" }, "You don't have access to this project"],
    [404, { _error_message: "No Project matches the given query." }, "Project not found"],
  ])("a %i for the project says so", async (status, body, text) => {
    api({ "GET /users/me": () => jsonResponse(ME), "GET /projects/by_slug": () => jsonResponse(body, status) });
    renderAt("/project/secret-roadmap/kanban");
    expect(await screen.findByRole("alert")).toHaveTextContent(text);
  });

  it("the account menu shows who is signed in and signs out", async () => {
    api({ "GET /users/me": () => jsonResponse(ME), "GET /projects/by_slug": () => jsonResponse(PROJECT) });
    const router = renderAt("/project/demo-scrum/issues");
    const button = await screen.findByRole("button", { name: "Account menu" });
    await waitFor(() => expect(button).toHaveTextContent("Ada Admin"));
    expect(within(button).getByRole("img", { name: "Ada Admin" })).toHaveTextContent("AA");
    await userEvent.click(button);
    await userEvent.click(screen.getByRole("menuitem", { name: "Log out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    expect(router.state.location.search).toBe("");
    expect(getSession()).toBeNull();
  });
});

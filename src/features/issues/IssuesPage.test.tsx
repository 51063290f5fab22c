/**
 * The issues view in jsdom against a fake Taiga: what it asks for (four requests, the URL's filters
 * and sort), the accessibility contract, and an inline change that shows at once and goes back when
 * the server refuses.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { MemoryRouter, useLocation, type Location } from "react-router";
import { resetTransport } from "../../api/http";
import { clearSession, setSession } from "../../api/session";
import { AppProviders } from "../../app/App";
import { createQueryClient } from "../../app/queryClient";
import { AppRoutes } from "../../app/router";
import { installFakeFetch, jsonResponse, type FakeCall } from "../../test/fakeFetch";

const ME = { id: 5, username: "admin", full_name: "Ada Admin", full_name_display: "Ada Admin", email: "admin@example.com", photo: null, color: "" };
const member = (id: number, name: string) => ({ id, username: name.toLowerCase(), full_name: name, full_name_display: name, role: 1, role_name: "Back", color: "", is_active: true, photo: null, gravatar_id: null });
const PROJECT = {
  id: 3,
  name: "Demo Scrum",
  slug: "demo-scrum",
  is_private: false,
  is_backlog_activated: false,
  is_kanban_activated: false,
  is_issues_activated: true,
  is_wiki_activated: false,
  milestones: [],
  my_permissions: ["view_issues", "add_issue", "modify_issue", "add_us"],
  members: [member(5, "Ada Admin"), member(6, "Bob Fischer")],
  issue_statuses: [
    { id: 11, name: "New", slug: "new", order: 1, is_closed: false, color: "#70728F" },
    { id: 12, name: "Closed", slug: "closed", order: 2, is_closed: true, color: "#A8E440" },
  ],
  issue_types: [{ id: 21, name: "Bug", order: 1, color: "#E44057" }],
  priorities: [{ id: 31, name: "High", order: 1, color: "#E47C40" }],
  severities: [{ id: 41, name: "Critical", order: 1, color: "#D35450" }],
  roles: [],
  default_issue_status: 11,
  default_issue_type: 21,
  default_priority: 31,
  default_severity: 41,
  tags_colors: {},
};

const issue = (id: number, ref: number, subject: string) => ({
  id,
  ref,
  project: 3,
  subject,
  status: 11,
  status_extra_info: { name: "New", color: "#70728F", is_closed: false },
  type: 21,
  priority: 31,
  severity: 41,
  assigned_to: null,
  assigned_to_extra_info: null,
  owner: 5,
  owner_extra_info: { id: 5, username: "admin", full_name_display: "Ada Admin", photo: null, big_photo: null, gravatar_id: null, is_active: true },
  tags: [["ux", null]],
  is_voter: false,
  total_voters: 0,
  is_closed: false,
  is_blocked: false,
  created_date: "2026-11-01T10:00:00.000Z",
  modified_date: "2026-11-02T10:00:00.000Z",
  version: 3,
});

const FACETS = {
  types: [{ id: 21, name: "Bug", color: "#E44057", order: 1, count: 2 }],
  statuses: [
    { id: 11, name: "New", color: "#70728F", order: 1, count: 2 },
    { id: 12, name: "Closed", color: "#A8E440", order: 2, count: 0 },
  ],
  priorities: [{ id: 31, name: "High", color: "#E47C40", order: 1, count: 2 }],
  severities: [{ id: 41, name: "Critical", color: "#D35450", order: 1, count: 2 }],
  assigned_to: [{ id: null, full_name: "", count: 2 }],
  owners: [{ id: 5, full_name: "Ada Admin", count: 2 }],
  tags: [{ name: "ux", color: null, count: 2 }],
  roles: [],
};

function LocationProbe({ onChange }: { onChange: (location: Location) => void }) {
  const location = useLocation();
  useEffect(() => onChange(location), [location, onChange]);
  return null;
}

function renderAt(path: string) {
  const router = { location: { pathname: "", search: "" } as Pick<Location, "pathname" | "search"> };
  render(
    <AppProviders queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <LocationProbe onChange={(l) => void (router.location = l)} />
      </MemoryRouter>
    </AppProviders>,
  );
  return router;
}

function fakeTaiga(onPatch: (call: FakeCall) => Response | Promise<Response> = () => jsonResponse({})) {
  return installFakeFetch((call) => {
    if (call.path === "/users/me") return jsonResponse(ME);
    if (call.path === "/projects/by_slug") return jsonResponse(PROJECT);
    if (call.path === "/issues/filters_data") return jsonResponse(FACETS);
    if (call.path === "/issues" && call.method === "GET") {
      return jsonResponse([issue(2, 8, "Login fails"), issue(1, 7, "Typo in footer")], 200, {
        "x-paginated": "true",
        "x-paginated-by": "30",
        "x-pagination-count": "2",
        "x-pagination-current": "1",
      });
    }
    if (call.method === "PATCH") return onPatch(call);
    return jsonResponse({ _error_message: `no fake for ${call.method} ${call.path}` }, 500);
  });
}

beforeEach(() => {
  localStorage.clear();
  clearSession();
  resetTransport();
  setSession({ token: "t", refresh: "r" });
});
afterEach(() => vi.unstubAllGlobals());

describe("issues view", { timeout: 20_000 }, () => {
  it("asks for four things and shows a table, sortable headers, row links and facets with counts", async () => {
    const { calls } = fakeTaiga();
    renderAt("/project/demo-scrum/issues");
    const table = await screen.findByRole("table", { name: /^Issues of Demo Scrum/ }, { timeout: 5000 });
    const header = within(table).getByRole("columnheader", { name: "Priority" });
    expect(header).toHaveAttribute("aria-sort", "none");
    expect(within(header).getByRole("button", { name: "Priority" })).toBeInTheDocument();
    expect(await within(table).findByRole("link", { name: "#8 Login fails" })).toHaveAttribute("href", "/project/demo-scrum/issue/8");
    expect(await screen.findByRole("checkbox", { name: "Bug (2)" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Unassigned (2)" })).toBeInTheDocument();
    expect(screen.getByTestId("issues-range")).toHaveTextContent("1–2 of 2 issues");
    await waitFor(() => expect(calls.map((c) => c.path).sort()).toEqual(["/issues", "/issues/filters_data", "/projects/by_slug", "/users/me"]));
  });

  it("a header sorts through the server, a facet filters through the server, both in the URL", async () => {
    const { calls } = fakeTaiga();
    const router = renderAt("/project/demo-scrum/issues");
    const table = await screen.findByRole("table", { name: /^Issues of/ }, { timeout: 5000 });
    await userEvent.click(within(table).getByRole("button", { name: "Priority" }));
    await waitFor(() => expect(router.location.search).toBe("?order_by=priority"));
    await waitFor(() => expect(within(table).getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "ascending"));
    await waitFor(() => expect(calls.some((c) => c.path === "/issues" && c.url.searchParams.get("order_by") === "priority")).toBe(true));
    await userEvent.click(await screen.findByRole("button", { name: "Exclude Bug" }));
    await waitFor(() => expect(router.location.search).toBe("?exclude_type=21&order_by=priority"));
    await waitFor(() => {
      const last = calls.filter((c) => c.path === "/issues/filters_data").pop();
      expect(last?.url.searchParams.get("exclude_type")).toBe("21");
      expect(last?.url.searchParams.get("order_by")).toBeNull();
    });
    expect(screen.getByRole("button", { name: "Remove filter Type is not Bug" })).toBeInTheDocument();
  });

  it("an inline change shows at once and goes back, with a message, when the server refuses", async () => {
    let refuse: (r: Response) => void = () => undefined;
    const { calls } = fakeTaiga(() => new Promise<Response>((resolve) => (refuse = resolve)));
    renderAt("/project/demo-scrum/issues");
    const select = await screen.findByRole("combobox", { name: "Status of #8" }, { timeout: 5000 });
    await userEvent.selectOptions(select, "Closed");
    expect(select).toHaveValue("12");
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/issues/2", body: { status: 12, version: 3 } }));
    refuse(jsonResponse({ _error_message: "You do not have permission to perform this action.", _error_type: "taiga.base.exceptions.PermissionDenied" }, 403));
    await waitFor(() => expect(select).toHaveValue("11"));
    expect(await screen.findByText(/Could not save: You do not have permission/)).toBeInTheDocument();
  });
});

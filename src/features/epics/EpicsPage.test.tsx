/**
 * The epics view in jsdom against a fake Taiga: what it asks for to show the list, the progress
 * it shows (closed of all related stories), an epic's stories in the epic's order once expanded,
 * and an unlink the server refuses, which keeps the story and says why.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { resetTransport } from "../../api/http";
import { clearSession, setSession } from "../../api/session";
import { AppProviders } from "../../app/App";
import { createQueryClient } from "../../app/queryClient";
import { AppRoutes } from "../../app/router";
import { installFakeFetch, jsonResponse } from "../../test/fakeFetch";

const ME = { id: 5, username: "admin", full_name: "Ada Admin", full_name_display: "Ada Admin", email: "admin@example.com", photo: null, color: "" };
const PROJECT = {
  id: 3,
  name: "Demo Scrum",
  slug: "demo-scrum",
  is_private: false,
  is_epics_activated: true,
  is_backlog_activated: false,
  is_kanban_activated: false,
  is_issues_activated: true,
  is_wiki_activated: false,
  milestones: [],
  my_permissions: ["view_epics", "add_epic", "modify_epic", "view_us"],
  members: [],
  epic_statuses: [{ id: 1, name: "New", slug: "new", order: 1, is_closed: false, color: "#70728F" }],
  roles: [],
  tags_colors: {},
};
const user = { id: 6, username: "bob", full_name_display: "Bob Fischer", photo: null, big_photo: null, gravatar_id: null, is_active: true };
const epic = (id: number, ref: number, subject: string, total: number, order: number) => ({
  id,
  ref,
  project: 3,
  subject,
  color: "#e91e63",
  epics_order: order,
  status: 1,
  status_extra_info: { name: "New", color: "#70728F", is_closed: false },
  is_closed: false,
  assigned_to: 6,
  assigned_to_extra_info: user,
  is_blocked: false,
  tags: [],
  version: 1,
  user_stories_counts: { total, progress: 0.5 },
});
const story = (id: number, ref: number, subject: string, closed: boolean, epics: number[]) => ({
  id,
  ref,
  project: 3,
  subject,
  is_closed: closed,
  status: 1,
  status_extra_info: { name: closed ? "Done" : "New", color: "#70728F", is_closed: closed },
  assigned_to: null,
  assigned_to_extra_info: null,
  epics: epics.map((e) => ({ id: e, ref: e, subject: "", color: "#e91e63", project: { id: 3, name: "Demo Scrum", slug: "demo-scrum" } })),
});

function fakeTaiga() {
  return installFakeFetch((call) => {
    if (call.path === "/users/me") return jsonResponse(ME);
    if (call.path === "/projects/by_slug") return jsonResponse(PROJECT);
    // Listed out of order: the view sorts by epics_order.
    if (call.path === "/epics") return jsonResponse([epic(2, 12, "Payments", 0, 2), epic(1, 11, "Onboarding", 2, 1)]);
    // As a real Taiga answers a list of epics: the story once per listed epic it is in.
    if (call.path === "/userstories" && call.url.searchParams.get("is_closed") === "true") return jsonResponse([story(21, 31, "Sign up", true, [1]), story(21, 31, "Sign up", true, [1])]);
    if (call.path === "/userstories") return jsonResponse([story(21, 31, "Sign up", true, [1]), story(22, 32, "Welcome mail", false, [1])]);
    if (call.path === "/epics/1/related_userstories" && call.method === "GET") return jsonResponse([{ epic: 1, user_story: 21, order: 2 }, { epic: 1, user_story: 22, order: 1 }]);
    if (call.method === "DELETE") return jsonResponse({ _error_message: "You do not have permission to perform this action." }, 403);
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

describe("epics view", { timeout: 20_000 }, () => {
  it("lists epics in their order with status, assignee and closed/total progress, in four requests", async () => {
    const { calls } = fakeTaiga();
    render(
      <AppProviders queryClient={createQueryClient()}>
        <MemoryRouter initialEntries={["/project/demo-scrum/epics"]}>
          <AppRoutes />
        </MemoryRouter>
      </AppProviders>,
    );
    const list = await screen.findByRole("list", { name: "Epics" }, { timeout: 5000 });
    const links = within(list).getAllByRole("link").map((a) => a.textContent);
    expect(links).toEqual(["#11 Onboarding", "#12 Payments"]);
    expect(await within(list).findByText("1/2 closed")).toBeInTheDocument();
    expect(within(list).getByText("No stories")).toBeInTheDocument();
    expect(within(list).getAllByText("Bob Fischer")).toHaveLength(2);
    const closedRequest = calls.find((c) => c.path === "/userstories");
    expect(closedRequest?.url.searchParams.get("epic")).toBe("1");
    expect(calls.filter((c) => c.method === "GET").length).toBeLessThanOrEqual(4);

    // Expanded: the stories in the epic's order (by link order, not by ref).
    await userEvent.click(screen.getByRole("button", { name: "Show the stories of Onboarding" }));
    const stories = await screen.findByRole("list", { name: "Stories of Onboarding" });
    await within(stories).findByRole("link", { name: "#31 Sign up" });
    expect(within(stories).getAllByRole("link").map((a) => a.textContent)).toEqual(["#32 Welcome mail", "#31 Sign up"]);
    expect(screen.getByText("1 of 2 closed")).toBeInTheDocument();

    // A refused unlink keeps the story and says why.
    await userEvent.click(within(stories).getByRole("button", { name: "Remove #31 Sign up from the epic" }));
    expect(await screen.findByText(/Could not remove #31 Sign up from the epic: You do not have permission/)).toBeInTheDocument();
    expect(within(stories).getByRole("link", { name: "#31 Sign up" })).toBeInTheDocument();
  });
});

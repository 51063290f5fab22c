import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { readFileSync } from "node:fs";
import { setConfig } from "../../config";
import { newTestClient } from "../../test/recorded";
import { clearSession, setSession } from "../../api/session";
import type { Project } from "../../api/types";
import CommandPalette, { SEARCH_DEBOUNCE_MS } from "./CommandPalette";

const recordedSearch = JSON.parse(readFileSync("fixtures/taiga-recordings/search/001-project1-text.json", "utf8")).response.body as unknown;

const project = {
  id: 1,
  slug: "project-1",
  name: "Project One",
  us_statuses: [{ id: 1, name: "New", color: "#70728f" }, { id: 2, name: "Ready", color: "#e44057" }],
  task_statuses: [],
  issue_statuses: [{ id: 1, name: "New", color: "#999" }, { id: 2, name: "In progress", color: "#999" }],
  epic_statuses: [{ id: 1, name: "New", color: "#999" }],
} as unknown as Project;

interface Sent {
  url: URL;
  signal: AbortSignal | undefined;
  answer: (body: unknown) => void;
}

/** A network where each request waits until the test answers it (to see which are cancelled). */
function heldNetwork() {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init: RequestInit = {}) => {
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      sent.push({
        url: new URL(String(input), "http://localhost"),
        signal,
        answer: (body) => resolve(new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })),
      });
    });
  });
  return sent;
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

function renderPalette(onClose = vi.fn()) {
  const client = newTestClient();
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={["/project/project-1/kanban"]}>
        <Routes>
          <Route path="*" element={<><CommandPalette project={project} onClose={onClose} /><Where /></>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { onClose, input: screen.getByRole("combobox", { name: "Search Project One" }) };
}

beforeEach(() => {
  setConfig({ api: "http://taiga.test/api/v1" });
  setSession({ token: "t", refresh: "r" });
});

afterEach(() => {
  vi.unstubAllGlobals();
  clearSession();
});

const searches = (sent: Sent[]) => sent.filter((s) => s.url.pathname.endsWith("/search"));

describe("the command palette", () => {
  it("asks once per pause in typing, shows the groups with their counts, moves with the arrows and opens with Enter", async () => {
    const sent = heldNetwork();
    const user = userEvent.setup();
    const { input, onClose } = renderPalette();
    expect(screen.getByText(/Type to search stories/)).toBeInTheDocument();

    await user.type(input, "bulk");
    await waitFor(() => expect(searches(sent)).toHaveLength(1));
    // Typed faster than the pause: one request, for the whole text.
    expect(searches(sent)[0]!.url.searchParams.get("text")).toBe("bulk");
    expect(searches(sent)[0]!.url.searchParams.get("project")).toBe("1");
    await act(async () => searches(sent)[0]!.answer(recordedSearch));

    const stories = await screen.findByRole("group", { name: /User stories/ });
    expect(stories).toHaveTextContent("3");
    expect(screen.getByRole("group", { name: /Issues/ })).toHaveTextContent("2");
    expect(screen.getByRole("group", { name: /Epics/ })).toHaveTextContent("1");
    expect(screen.queryByRole("group", { name: /Tasks/ })).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent("6 results: 3 stories, 2 issues, 1 epic");

    const options = screen.getAllByRole("option");
    expect(options).toHaveLength(6);
    expect(input).toHaveAttribute("aria-activedescendant", options[0]!.id);
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}");
    expect(input).toHaveAttribute("aria-activedescendant", options[1]!.id);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(input).toHaveAttribute("aria-activedescendant", options[5]!.id);
    expect(options[5]).toHaveTextContent("#42Support for bulk actions");
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("where")).toHaveTextContent("/project/project-1/epic/42");
    expect(onClose).toHaveBeenCalled();
  });

  it("a newer text cancels the request of an older one still under way", async () => {
    const sent = heldNetwork();
    const user = userEvent.setup();
    const { input } = renderPalette();
    await user.type(input, "bu");
    await waitFor(() => expect(searches(sent)).toHaveLength(1));
    await user.type(input, "lk");
    await waitFor(() => expect(searches(sent)).toHaveLength(2));
    expect(searches(sent)[0]!.signal?.aborted).toBe(true);
    expect(searches(sent)[1]!.url.searchParams.get("text")).toBe("bulk");
    expect(searches(sent)[1]!.signal?.aborted).toBe(false);
  });

  it("#ref is looked up through the resolver as it is typed, and Enter jumps to the item", async () => {
    const sent = heldNetwork();
    const user = userEvent.setup();
    renderPalette();
    await user.type(screen.getByRole("combobox"), "#39");
    await waitFor(() => expect(sent.some((s) => s.url.pathname.endsWith("/resolver"))).toBe(true));
    const lookup = sent.filter((s) => s.url.pathname.endsWith("/resolver")).at(-1)!;
    expect(Object.fromEntries(lookup.url.searchParams)).toEqual({ project: "project-1", ref: "39" });
    // Enter before the answer: the jump happens when it comes.
    await user.keyboard("{Enter}");
    expect(screen.getByTestId("where")).toHaveTextContent("/project/project-1/kanban");
    await act(async () => lookup.answer({ project: 1, us: 17 }));
    await waitFor(() => expect(screen.getByTestId("where")).toHaveTextContent("/project/project-1/us/39"));
    expect(searches(sent)).toHaveLength(0);
  });

  it("a ref nobody has says so, and Escape closes", async () => {
    const sent = heldNetwork();
    const user = userEvent.setup();
    const { onClose } = renderPalette();
    await user.type(screen.getByRole("combobox"), "#9999");
    await waitFor(() => expect(sent.some((s) => s.url.pathname.endsWith("/resolver"))).toBe(true));
    await act(async () => sent.filter((s) => s.url.pathname.endsWith("/resolver")).at(-1)!.answer({ project: 1 }));
    expect(await screen.findByText("No item of Project One has #9999.")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });

  it("a text without results says so; an empty text asks nothing", async () => {
    const sent = heldNetwork();
    const user = userEvent.setup();
    renderPalette();
    await user.type(screen.getByRole("combobox"), "  ");
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS * 2));
    expect(sent).toHaveLength(0);
    await user.type(screen.getByRole("combobox"), "zzz");
    await waitFor(() => expect(searches(sent)).toHaveLength(1));
    await act(async () => searches(sent)[0]!.answer({ epics: [], userstories: [], tasks: [], issues: [], wikipages: [], count: 0 }));
    expect(await screen.findByText("Nothing in Project One matches “zzz”.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("No results");
  });
});

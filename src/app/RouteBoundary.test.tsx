import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Link, MemoryRouter, Route, Routes } from "react-router";
import { RouteBoundary } from "./RouteBoundary";

function Broken({ error }: { error: unknown }): never {
  throw error;
}

function renderRoutes(error: unknown) {
  render(
    <MemoryRouter initialEntries={["/broken"]}>
      <Link to="/fine">Elsewhere</Link>
      <Link to="/broken">Back</Link>
      <Routes>
        <Route
          path="/broken"
          element={
            <RouteBoundary>
              <Broken error={error} />
            </RouteBoundary>
          }
        />
        <Route path="/fine" element={<RouteBoundary>All good here</RouteBoundary>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe("RouteBoundary", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows what went wrong in place of the route, and clears once the user goes elsewhere", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderRoutes(new Error("Cannot read the board"));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Something went wrong");
    expect(alert).toHaveTextContent("Cannot read the board");
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("link", { name: "Elsewhere" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByText("All good here")).toBeInTheDocument();
  });

  it("tells the user to reload when a view's code can no longer be loaded", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderRoutes(new TypeError("Failed to fetch dynamically imported module: /assets/KanbanPage-abc.js"));
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("The application was updated");
    expect(alert).toHaveTextContent("Reload the page to get the latest version.");
  });
});

import { render, screen } from "@testing-library/react";
import { Suspense } from "react";
import { describe, expect, it, vi } from "vitest";
import { lazyView } from "./lazyView";

const Board = () => <p>Board</p>;

describe("lazyView", () => {
  it("shows the fallback until its chunk arrives when nothing preloaded it", async () => {
    const View = lazyView(() => Promise.resolve({ default: Board }));
    render(
      <Suspense fallback={<p>Loading</p>}>
        <View />
      </Suspense>,
    );
    expect(screen.getByText("Loading")).toBeInTheDocument();
    expect(await screen.findByText("Board")).toBeInTheDocument();
  });

  it("renders a preloaded view at once, and loads its chunk only once", async () => {
    const load = vi.fn(() => Promise.resolve({ default: Board }));
    const View = lazyView(load);
    await Promise.all([View.preload(), View.preload()]);
    render(
      <Suspense fallback={<p>Loading</p>}>
        <View />
      </Suspense>,
    );
    expect(screen.getByText("Board")).toBeInTheDocument();
    expect(screen.queryByText("Loading")).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });
});

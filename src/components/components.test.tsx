import { describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Avatar, initials } from "./Avatar";
import { Dialog } from "./Dialog";
import { Menu } from "./Menu";
import { ToastProvider, useToast } from "./toast";

describe("Avatar", () => {
  it("falls back to initials of the display name", () => {
    render(<Avatar user={{ full_name_display: "Ana Lopez Garcia", photo: null }} />);
    expect(screen.getByRole("img", { name: "Ana Lopez Garcia" })).toHaveTextContent("AG");
    expect(initials("admin")).toBe("A");
    expect(initials("  ")).toBe("?");
  });

  it("shows the photo when there is one", () => {
    render(<Avatar user={{ full_name_display: "Bob", photo: "https://example.com/bob.png" }} />);
    expect(screen.getByRole("img", { name: "Bob" })).toHaveAttribute("src", "https://example.com/bob.png");
  });
});

describe("Menu", () => {
  function renderMenu() {
    const rename = vi.fn();
    const remove = vi.fn();
    render(
      <>
        <Menu label="Story actions" button="…" items={[{ label: "Rename", onSelect: rename }, { label: "Delete", onSelect: remove, danger: true }]} />
        <p>outside</p>
      </>,
    );
    return { rename, remove, button: screen.getByRole("button", { name: "Story actions" }) };
  }

  it("opens from the keyboard, moves with arrows, selects with Enter and returns focus", async () => {
    const { remove, button } = renderMenu();
    expect(button).toHaveAttribute("aria-expanded", "false");
    button.focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("menuitem", { name: "Rename" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Delete" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Rename" })).toHaveFocus();
    await userEvent.keyboard("{End}{Enter}");
    expect(remove).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it("closes on Escape and on a click outside without selecting", async () => {
    const { rename, remove, button } = renderMenu();
    await userEvent.click(button);
    expect(screen.getByRole("menu", { name: "Story actions" })).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    await userEvent.click(button);
    await userEvent.click(screen.getByText("outside"));
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(rename).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });
});

describe("Dialog", () => {
  function Harness() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button onClick={() => setOpen(true)}>Edit story</button>
        <Dialog open={open} onClose={() => setOpen(false)} title="Edit story" footer={<button onClick={() => setOpen(false)}>Save</button>}>
          <input aria-label="Subject" />
        </Dialog>
      </>
    );
  }

  it("moves focus inside, traps Tab, closes on Escape and gives focus back", async () => {
    render(<Harness />);
    const opener = screen.getByRole("button", { name: "Edit story" });
    await userEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Edit story" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByLabelText("Subject")).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Save" })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });
});

describe("toasts", () => {
  function Trigger({ onUndo }: { onUndo: () => void }) {
    const toast = useToast();
    return (
      <>
        <button onClick={() => toast.error("Could not move the story; it is back in its column.")}>fail</button>
        <button onClick={() => toast.success("Saved", { duration: 1000, action: { label: "Undo", onClick: onUndo } })}>save</button>
      </>
    );
  }

  it("announces errors as alerts, offers actions, and dismisses", async () => {
    const onUndo = vi.fn();
    render(
      <ToastProvider>
        <Trigger onUndo={onUndo} />
      </ToastProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "fail" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Could not move the story; it is back in its column.");
    await userEvent.click(screen.getByRole("button", { name: "Dismiss notification" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "save" }));
    expect(screen.getByRole("status")).toHaveTextContent("Saved");
    await userEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(onUndo).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("goes away by itself after its duration", async () => {
    vi.useFakeTimers();
    try {
      render(
        <ToastProvider>
          <Trigger onUndo={() => {}} />
        </ToastProvider>,
      );
      act(() => screen.getByRole("button", { name: "save" }).click());
      expect(screen.getByRole("status")).toHaveTextContent("Saved");
      act(() => vi.advanceTimersByTime(1100));
      expect(screen.queryByRole("status")).not.toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it("useToast outside the provider is a programming error", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Trigger onUndo={() => {}} />)).toThrow(/ToastProvider/);
    spy.mockRestore();
  });
});

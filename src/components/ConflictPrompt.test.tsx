import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConflictPrompt } from "./ConflictPrompt";
import { describeConflict } from "../lib/conflict";

function setup() {
  const handlers = { onKeepMine: vi.fn(), onTakeTheirs: vi.fn(), onEdit: vi.fn(), onClose: vi.fn() };
  const conflicts = describeConflict({ subject: "Mine", status: 2 }, { subject: "Base", status: 2 }, { subject: "Theirs now", status: 2 });
  render(<ConflictPrompt open noun="story" conflicts={conflicts} fieldLabel={(f) => f.toUpperCase()} formatValue={(_f, v) => String(v)} {...handlers} />);
  return handlers;
}

describe("ConflictPrompt", () => {
  it("shows theirs beside yours for each field someone else changed, and only those", () => {
    setup();
    const dialog = screen.getByRole("dialog", { name: "Someone else changed this story" });
    const subject = within(dialog).getByRole("region", { name: "SUBJECT" });
    expect(within(subject).getByText("Theirs").parentElement).toHaveTextContent("Theirs now");
    expect(within(subject).getByText("Yours").parentElement).toHaveTextContent("Mine");
    expect(within(dialog).queryByRole("region", { name: "STATUS" })).toBeNull();
  });

  it("each button reports its choice; Escape closes", async () => {
    const user = userEvent.setup();
    const handlers = setup();
    await user.click(screen.getByRole("button", { name: "Keep mine" }));
    await user.click(screen.getByRole("button", { name: "Take theirs" }));
    await user.click(screen.getByRole("button", { name: "Edit" }));
    await user.keyboard("{Escape}");
    expect(handlers.onKeepMine).toHaveBeenCalledTimes(1);
    expect(handlers.onTakeTheirs).toHaveBeenCalledTimes(1);
    expect(handlers.onEdit).toHaveBeenCalledTimes(1);
    expect(handlers.onClose).toHaveBeenCalledTimes(1);
  });
});

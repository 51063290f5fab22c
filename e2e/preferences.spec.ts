/**
 * Preferences follow the user, end to end, on the embedded server and on a real Taiga: a Kanban
 * column folded in one browser is stored in the user's storage (`/user-storage`) and is still
 * folded in a second browser context whose localStorage is empty. The spec puts the user's stored
 * value back as it found it (or removes the key it made).
 */
import { backend, expect, login, newGuardedContext, test } from "./fixtures";
import { memberWho, projectBySlug } from "./data";

interface StorageEntry {
  key: string;
  value: unknown;
}

test("a folded Kanban column stays folded in a second browser context with fresh localStorage", async ({ page, browser, api, cleanup }) => {
  const project = await projectBySlug(api, backend.kanbanProject);
  const user = await memberWho(api, project.slug, { can: ["view_us"] });
  const column = [...project.us_statuses].sort((a, b) => a.order - b.order).find((s) => !s.is_archived)!;
  const key = `dashboard-kanban-folded-${project.id}`;
  const stored = async () => (await api.get<StorageEntry[]>("/user-storage", user.username)).find((e) => e.key === key);

  // Leave the user's storage as it was.
  const before = await stored();
  cleanup.add(`restore ${key} of ${user.username}`, async () => {
    if (before) await api.send("PATCH", `/user-storage/${key}`, { value: before.value }, user.username);
    else if (await stored()) await api.send("DELETE", `/user-storage/${key}`, undefined, user.username);
  });
  // Start from the column unfolded on the server.
  if (before) await api.send("PATCH", `/user-storage/${key}`, { value: {} }, user.username);

  await login(page, user.username);
  await page.goto(`/project/${project.slug}/kanban`);
  const region = page.getByRole("region", { name: column.name, exact: true });
  await region.getByRole("button", { name: `Fold ${column.name}` }).click();
  await expect(region.getByRole("button", { name: `Unfold ${column.name}` })).toBeVisible();

  // The fold reaches the user's storage (after the short write pause).
  await expect.poll(async () => (await stored())?.value, { timeout: 10_000 }).toMatchObject({ [String(column.id)]: true });

  // Another browser: nothing in localStorage, the same user.
  const other = await newGuardedContext(browser);
  try {
    const second = await other.newPage();
    await login(second, user.username);
    await second.goto(`/project/${project.slug}/kanban`);
    const there = second.getByRole("region", { name: column.name, exact: true });
    await expect(there.getByRole("button", { name: `Unfold ${column.name}` })).toBeVisible();
    await expect(there.getByRole("button", { name: `Unfold ${column.name}` })).toHaveAttribute("aria-expanded", "false");
  } finally {
    await other.close();
  }
});

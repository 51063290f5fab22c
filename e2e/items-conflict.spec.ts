/**
 * Two people edit the same story, task or issue at once (the admin in one browser context, a member
 * who may edit in another; on a real Taiga, two real accounts). Each spec works on an item of its
 * own, created through the API and deleted afterwards. The later save meets Taiga's OCC rejection and the conflict prompt; each choice is
 * checked on screen and in the server's final state.
 */
import type { Page } from "@playwright/test";
import { backend, expect, login, test } from "./fixtures";
import { editor, newItem, NOUN, openItem, readItem, saveSubject, signedInPage, type Item, type Kind } from "./items-helpers";

const kinds: Kind[] = ["userstory", "task", "issue"];

// Every spec here provokes Taiga's OCC rejection on purpose.
test.beforeEach(({ guard }) => guard.allowConflicts());
// Two signed-in browsers per spec: give them the time of three single-browser specs.
test.slow();

type Fixtures = Parameters<Parameters<typeof test>[2]>[0];
type Info = Parameters<Parameters<typeof test>[2]>[1];

async function twoEditors(browser: Fixtures["browser"], info: Info, api: Fixtures["api"], kind: Kind, item: Item) {
  const other = await editor(api);
  const a = await signedInPage(browser, info, backend.admin);
  const b = await signedInPage(browser, info, other.username);
  await openItem(a.page, kind, item.ref);
  await openItem(b.page, kind, item.ref);
  return { a: a.page, b: b.page, close: () => Promise.all([a.context.close(), b.context.close()]) };
}

async function aSavesSubject(page: Page, text: string) {
  await saveSubject(page, text);
  await expect(page.getByRole("button", { name: "Save subject" })).toBeHidden();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(text);
}

function prompt(page: Page, kind: Kind) {
  return page.getByRole("dialog", { name: `Someone else changed this ${NOUN[kind]}` });
}

for (const kind of kinds) {
  test.describe(`${kind} subject conflict`, () => {
    test(`keep mine puts B's subject on the server`, async ({ browser, api, cleanup }, info) => {
      const item = await newItem(api, cleanup, kind);
      const { a, b, close } = await twoEditors(browser, info, api, kind, item);
      await aSavesSubject(a, "Subject from A");
      await saveSubject(b, "Subject from B");
      const dialog = prompt(b, kind);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByText("Theirs", { exact: true })).toBeVisible();
      await expect(dialog.getByText("Yours", { exact: true })).toBeVisible();
      await expect(dialog.getByText("Subject from A")).toBeVisible();
      await expect(dialog.getByText("Subject from B")).toBeVisible();
      await dialog.getByRole("button", { name: "Keep mine" }).click();
      await expect(dialog).toBeHidden();
      await expect.poll(async () => (await readItem(api, kind, item.id)).subject).toBe("Subject from B");
      await expect(b.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue("Subject from B");
      await expect(b.getByRole("button", { name: "Save subject" })).toBeHidden();
      await close();
    });

    test(`take theirs leaves A's subject and shows it to B`, async ({ browser, api, cleanup }, info) => {
      const item = await newItem(api, cleanup, kind);
      const { a, b, close } = await twoEditors(browser, info, api, kind, item);
      await aSavesSubject(a, "Subject from A");
      await saveSubject(b, "Subject from B");
      await prompt(b, kind).getByRole("button", { name: "Take theirs" }).click();
      await expect(prompt(b, kind)).toBeHidden();
      await expect(b.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue("Subject from A");
      const final = await readItem(api, kind, item.id);
      expect(final.subject).toBe("Subject from A");
      await close();
    });

    test(`edit returns B to the editor with B's text, and B can then save it`, async ({ browser, api, cleanup }, info) => {
      const item = await newItem(api, cleanup, kind);
      const { a, b, close } = await twoEditors(browser, info, api, kind, item);
      await aSavesSubject(a, "Subject from A");
      await saveSubject(b, "Subject from B");
      await prompt(b, kind).getByRole("button", { name: "Edit" }).click();
      await expect(prompt(b, kind)).toBeHidden();
      const box = b.getByRole("textbox", { name: "Subject", exact: true });
      await expect(box).toHaveValue("Subject from B");
      expect((await readItem(api, kind, item.id)).subject).toBe("Subject from A");
      await box.fill("Subject from B, edited");
      await b.getByRole("button", { name: "Save subject" }).click();
      await expect(b.getByRole("button", { name: "Save subject" })).toBeHidden();
      await expect(prompt(b, kind)).toBeHidden();
      await expect.poll(async () => (await readItem(api, kind, item.id)).subject).toBe("Subject from B, edited");
      await close();
    });

    test(`closing the prompt keeps B's text in the editor`, async ({ browser, api, cleanup }, info) => {
      const item = await newItem(api, cleanup, kind);
      const { a, b, close } = await twoEditors(browser, info, api, kind, item);
      await aSavesSubject(a, "Subject from A");
      await saveSubject(b, "Subject from B");
      await expect(prompt(b, kind)).toBeVisible();
      await b.keyboard.press("Escape");
      await expect(prompt(b, kind)).toBeHidden();
      await expect(b.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue("Subject from B");
      expect((await readItem(api, kind, item.id)).subject).toBe("Subject from A");
      await close();
    });

    test(`B changing another field than A saves without a prompt`, async ({ browser, api, cleanup }, info) => {
      const item = await newItem(api, cleanup, kind);
      const { a, b, close } = await twoEditors(browser, info, api, kind, item);
      await aSavesSubject(a, "Subject from A");
      const status = b.getByRole("combobox", { name: "Status" });
      const options = await status.locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      const target = options.find((v) => Number(v) !== item.status)!;
      await status.selectOption(target);
      await expect.poll(async () => (await readItem(api, kind, item.id)).status).toBe(Number(target));
      await expect(prompt(b, kind)).toBeHidden();
      const final = await readItem(api, kind, item.id);
      expect(final.subject).toBe("Subject from A");
      await close();
    });
  });
}

test.describe("long description conflict", () => {
  // Every kind of character a person might type, long enough to scroll.
  const longText = (who: string) =>
    Array.from({ length: 60 }, (_, i) => `${who} line ${i + 1}: ünïcødé — “quotes” <tag> & *stars* _under_ \`code\` 🎉  trailing  `).join("\n") + "\n\n  final paragraph\twith tab\n";

  async function conflictOnDescription(browser: Fixtures["browser"], info: Info, api: Fixtures["api"], cleanup: Fixtures["cleanup"], kind: Kind) {
    const item = await newItem(api, cleanup, kind);
    const editors = await twoEditors(browser, info, api, kind, item);
    const { a, b } = editors;
    // B starts writing first; A saves a description meanwhile; then B saves.
    await b.getByRole("button", { name: "Edit description" }).click();
    await b.getByRole("textbox", { name: "Description" }).fill(longText("B"));
    await a.getByRole("button", { name: "Edit description" }).click();
    await a.getByRole("textbox", { name: "Description" }).fill("A's description");
    await a.getByRole("button", { name: "Save description" }).click();
    await expect(a.getByRole("button", { name: "Save description" })).toBeHidden();
    await b.getByRole("button", { name: "Save description" }).click();
    await expect(prompt(b, kind)).toBeVisible();
    return { item, ...editors };
  }

  test("keep mine stores every character of B's text", async ({ browser, api, cleanup }, info) => {
    const { item, b, close } = await conflictOnDescription(browser, info, api, cleanup, "userstory");
    await prompt(b, "userstory").getByRole("button", { name: "Keep mine" }).click();
    await expect(prompt(b, "userstory")).toBeHidden();
    await expect.poll(async () => (await readItem(api, "userstory", item.id)).description).toBe(longText("B"));
    await expect(b.getByTestId("description")).toContainText("B line 60");
    await close();
  });

  test("closing the prompt, then reloading, still has B's text, which then saves", async ({ browser, api, cleanup }, info) => {
    const { item, b, close } = await conflictOnDescription(browser, info, api, cleanup, "userstory");
    await b.keyboard.press("Escape");
    await expect(prompt(b, "userstory")).toBeHidden();
    const editor = b.getByRole("textbox", { name: "Description" });
    await expect(editor).toHaveValue(longText("B"));
    await b.reload();
    await expect(b.getByText("Restored your unsaved draft of the description.")).toBeVisible();
    await expect(b.getByRole("textbox", { name: "Description" })).toHaveValue(longText("B"));
    await b.getByRole("button", { name: "Save description" }).click();
    await expect.poll(async () => (await readItem(api, "userstory", item.id)).description).toBe(longText("B"));
    await expect(prompt(b, "userstory")).toBeHidden();
    // Saved: the draft is gone, a reload shows the text rendered.
    await b.reload();
    await expect(b.getByTestId("description")).toContainText("B line 1");
    await expect(b.getByText("Restored your unsaved draft of the description.")).toBeHidden();
    await close();
  });

  test("edit goes back to the editor with B's whole text; navigating away and back keeps it", async ({ browser, api, cleanup }, info) => {
    const { item, b, close } = await conflictOnDescription(browser, info, api, cleanup, "task");
    await prompt(b, "task").getByRole("button", { name: "Edit" }).click();
    await expect(b.getByRole("textbox", { name: "Description" })).toHaveValue(longText("B"));
    await b.goto("/projects");
    await openItem(b, "task", item.ref);
    await expect(b.getByRole("textbox", { name: "Description" })).toHaveValue(longText("B"));
    expect((await readItem(api, "task", item.id)).description).toBe("A's description");
    await close();
  });

  test("take theirs keeps A's text on the server and clears B's draft", async ({ browser, api, cleanup }, info) => {
    const { item, b, close } = await conflictOnDescription(browser, info, api, cleanup, "issue");
    await prompt(b, "issue").getByRole("button", { name: "Take theirs" }).click();
    await expect(b.getByTestId("description")).toContainText("A's description");
    expect((await readItem(api, "issue", item.id)).description).toBe("A's description");
    await b.reload();
    await expect(b.getByTestId("description")).toContainText("A's description");
    await close();
  });

  test("a failed save keeps the text as a draft (server refuses, page reloads)", async ({ page, api, cleanup }) => {
    const item = await newItem(api, cleanup, "userstory");
    await login(page, (await editor(api)).username);
    await openItem(page, "userstory", item.ref);
    await page.getByRole("button", { name: "Edit description" }).click();
    await page.getByRole("textbox", { name: "Description" }).fill(longText("offline"));
    await page.route("**/api/v1/userstories/*", (route) => (route.request().method() === "PATCH" ? route.abort() : route.continue()));
    await page.getByRole("button", { name: "Save description" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Could not save" })).toBeVisible();
    await page.unroute("**/api/v1/userstories/*");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Description" })).toHaveValue(longText("offline"));
    expect((await readItem(api, "userstory", item.id)).description).toBe(item.description);
  });
});

test("a comment saved with a stale version never conflicts", async ({ page, api, cleanup }) => {
  const item = await newItem(api, cleanup, "userstory");
  await login(page, (await editor(api)).username);
  await openItem(page, "userstory", item.ref);
  await api.send("PATCH", `/userstories/${item.id}`, { subject: "Changed by admin", version: item.version });
  await page.getByRole("textbox", { name: "New comment" }).fill("Stale but fine");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("list", { name: "Comments" }).getByText("Stale but fine")).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();
});

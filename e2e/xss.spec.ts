/**
 * Script-injection payloads stored through the API in a story's subject, description and a
 * comment must render inert on the detail page: no dialog opens, nothing the payload injects
 * can run (no <script>, frames or on* attributes anywhere in the item view, no javascript: links,
 * no forms, inputs or styles inside the rendered content), and the flag every payload tries to set stays unset.
 */
import type { Page } from "@playwright/test";
import { expect, login, test } from "./fixtures";
import { createItem } from "./data";
import { editor, openItem, project } from "./items-helpers";
import { XSS_FLAG, xssPayloads } from "./xss-payloads";

const CHUNK = 7;
const chunks: { from: number; payloads: readonly string[] }[] = [];
for (let i = 0; i < xssPayloads.length; i += CHUNK) chunks.push({ from: i, payloads: xssPayloads.slice(i, i + CHUNK) });

async function inspect(page: Page) {
  return page.evaluate((flag) => {
    const root = document.querySelector("article");
    const found: string[] = [];
    if (!root) return { flag: (window as unknown as Record<string, unknown>)[flag], found: ["no article"] };
    // Inside rendered Markdown (description, comments) only plain content may appear.
    for (const el of Array.from(root.querySelectorAll("[data-markdown] *"))) {
      const tag = el.tagName.toLowerCase();
      if (["form", "input", "button", "textarea", "select", "style", "meta", "link", "base", "svg", "math", "template"].includes(tag)) found.push(`<${tag}> in rendered content`);
    }
    // Anywhere on the page's item view: nothing that runs code.
    for (const el of Array.from(root.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      if (["script", "iframe", "frame", "object", "embed"].includes(tag)) found.push(`<${tag}>`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
        if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(attr.name) && /^\s*(javascript|vbscript|data):/i.test(attr.value)) found.push(`${tag}[${attr.name}="${attr.value}"]`);
        if (attr.name === "style" && /url\(|expression/i.test(attr.value)) found.push(`${tag}[style]`);
      }
    }
    return { flag: (window as unknown as Record<string, unknown>)[flag], found };
  }, XSS_FLAG);
}

test.describe("injected markup renders inert", () => {
  // Seven stories are created and each opened twice (view and preview) per test.
  test.describe.configure({ timeout: 90_000 });
  for (const chunk of chunks) {
    test(`payloads ${chunk.from + 1}–${chunk.from + chunk.payloads.length} in subject, description and comment`, async ({ page, api, cleanup }) => {
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const p = await project(api);
      const stories: { ref: number; payload: string }[] = [];
      for (const payload of chunk.payloads) {
        const story = await createItem(api, cleanup, "userstory", p.id, { subject: payload, description: `Intro text\n\n${payload}\n\nOutro` });
        await api.send("PATCH", `/userstories/${story.id}`, { comment: payload, version: story.version });
        stories.push({ ref: story.ref, payload });
      }

      await login(page, (await editor(api)).username);
      for (const { ref, payload } of stories) {
        await openItem(page, "userstory", ref);
        // Shown as text: the subject box holds the payload verbatim.
        await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(payload);
        await expect(page.getByTestId("description")).toContainText("Intro text");
        await expect(page.getByRole("list", { name: "Comments" }).getByRole("listitem")).toHaveCount(1);
        await page.waitForLoadState("networkidle");
        const result = await inspect(page);
        expect(result.found, `payload: ${payload}`).toEqual([]);
        expect(result.flag, `payload ran: ${payload}`).toBeUndefined();
        // The preview of the editor renders the same text through the same sanitizer.
        const description = page.getByRole("region", { name: "Description" });
        await description.getByRole("button", { name: "Edit description" }).click();
        await description.getByRole("tab", { name: "Preview" }).click();
        await expect(description.getByRole("tabpanel")).toContainText("Intro text");
        await page.waitForLoadState("networkidle");
        const preview = await inspect(page);
        expect(preview.found, `preview of: ${payload}`).toEqual([]);
        expect(preview.flag, `payload ran in preview: ${payload}`).toBeUndefined();
        await description.getByRole("button", { name: "Cancel" }).click();
      }
      expect(dialogs, "no alert/confirm/prompt may open").toEqual([]);
    });
  }
});

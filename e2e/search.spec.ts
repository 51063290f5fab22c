/**
 * The command palette, end to end, on the embedded server and on a real Taiga: Ctrl+K opens it
 * anywhere in a project; words of a story's subject find the story (through `/search`) and Enter
 * opens it; `#ref` jumps straight to it (through `/resolver`). The spec makes its own story, with a
 * subject no other item has, and deletes it afterwards.
 */
import { expect, login, test } from "./fixtures";
import { createItem, EDIT, memberWho, projectBySlug, runTag } from "./data";

test("the palette finds a story by text and #ref jumps to it", async ({ page, api, cleanup }) => {
  const project = await projectBySlug(api);
  const editor = await memberWho(api, project.slug, { can: EDIT });
  const word = `${runTag}zephyr`;
  const story = await createItem(api, cleanup, "userstory", project.id, { subject: `Palette target ${word} story` });

  await login(page, editor.username);
  await page.goto(`/project/${project.slug}`);
  await expect(page.getByRole("navigation", { name: "Project" })).toBeVisible();

  // Text: the story is offered with its ref and opens on Enter.
  await page.keyboard.press("ControlOrMeta+k");
  const palette = page.getByRole("dialog", { name: `Search ${project.name}` });
  await expect(palette).toBeVisible();
  const input = palette.getByRole("combobox");
  await input.fill(word);
  const hit = palette.getByRole("option", { name: new RegExp(`#${story.ref}\\b.*${word}`) });
  await expect(hit).toBeVisible();
  await expect(palette.getByRole("option")).toHaveCount(1);
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/project/${project.slug}/us/${story.ref}$`));
  await expect(page.getByRole("heading", { name: `User story #${story.ref}` })).toBeVisible();
  await expect(page.getByRole("dialog", { name: `Search ${project.name}` })).toHaveCount(0);

  // #ref: from another view, Enter goes straight to the story.
  await page.goto(`/project/${project.slug}`);
  await expect(page.getByRole("navigation", { name: "Project" })).toBeVisible();
  await page.keyboard.press("ControlOrMeta+k");
  await palette.getByRole("combobox").fill(`#${story.ref}`);
  await expect(palette.getByRole("option", { name: `Go to user story #${story.ref}` })).toBeVisible();
  await palette.getByRole("combobox").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/project/${project.slug}/us/${story.ref}$`));
  await expect(page.getByRole("heading", { name: `User story #${story.ref}` })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toHaveValue(`Palette target ${word} story`);
});

/**
 * Helpers for the item-detail specs: two signed-in browser contexts, and writes/reads through
 * the API with each user's own token (the page's state is never trusted for the verdict).
 */
import type { Browser, BrowserContext, Page, TestInfo } from "@playwright/test";
import { backend, expect, login, newGuardedContext, type Api, type Cleanup } from "./fixtures";
import { createItem, EDIT, memberWho, projectBySlug, type Kind, type ProjectDetail, type WorkItem } from "./data";

export { readItem, type Kind, type WorkItem as Item } from "./data";

export const SLUG = backend.mainProject;
export const PATH: Record<Kind, string> = { userstory: "us", task: "task", issue: "issue" };
export const NOUN: Record<Kind, string> = { userstory: "story", task: "task", issue: "issue" };

export type ProjectInfo = ProjectDetail;

export const project = (api: Api) => projectBySlug(api, SLUG);

/** A member of the main project who may edit its stories, tasks and issues (not the admin). */
export const editor = (api: Api, not: string[] = []) => memberWho(api, SLUG, { can: EDIT, not: [backend.admin, ...not] });

/**
 * A new story, task or issue of the main project for the spec to work on, created through the API
 * and deleted after the spec (the real Taiga's own items stay untouched).
 */
export async function newItem(api: Api, cleanup: Cleanup, kind: Kind, fields: Record<string, unknown> = {}): Promise<WorkItem> {
  const p = await project(api);
  const noun = NOUN[kind];
  return createItem(api, cleanup, kind, p.id, { subject: `A ${noun} to edit (e2e)`, description: `The ${noun}'s description.`, ...fields });
}

export const itemUrl = (kind: Kind, ref: number) => `/project/${SLUG}/${PATH[kind]}/${ref}`;

export async function signedInPage(browser: Browser, info: TestInfo, user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newGuardedContext(browser, { baseURL: info.project.use.baseURL, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await login(page, user);
  return { context, page };
}

/** Opens the item's page and waits for its subject box. */
export async function openItem(page: Page, kind: Kind, ref: number): Promise<void> {
  await page.goto(itemUrl(kind, ref));
  await expect(page.getByRole("textbox", { name: "Subject", exact: true })).toBeVisible({ timeout: 15_000 });
}

export async function saveSubject(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Subject", exact: true }).fill(text);
  await page.getByRole("button", { name: "Save subject" }).click();
}

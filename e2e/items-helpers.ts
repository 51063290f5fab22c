/**
 * Helpers for the item-detail specs: two signed-in browser contexts, and writes/reads through
 * the API with each user's own token (the page's state is never trusted for the verdict).
 */
import type { APIRequestContext, Browser, BrowserContext, Page, TestInfo } from "@playwright/test";
import { expect, login, newGuardedContext, type Api, type DemoUser } from "./fixtures";

export const SLUG = "demo-scrum";
export type Kind = "userstory" | "task" | "issue";
export const RESOURCE: Record<Kind, string> = { userstory: "userstories", task: "tasks", issue: "issues" };
export const PATH: Record<Kind, string> = { userstory: "us", task: "task", issue: "issue" };
export const NOUN: Record<Kind, string> = { userstory: "story", task: "task", issue: "issue" };

export interface Item {
  id: number;
  ref: number;
  project: number;
  subject: string;
  description: string;
  version: number;
  status: number;
  tags: [string, string | null][];
  assigned_to: number | null;
  assigned_users?: number[];
  points?: Record<string, number>;
  is_blocked: boolean;
  blocked_note: string;
  due_date: string | null;
  watchers: number[];
}

export interface ProjectInfo {
  id: number;
  slug: string;
  us_statuses: { id: number; name: string; order: number }[];
  task_statuses: { id: number; name: string; order: number }[];
  issue_statuses: { id: number; name: string; order: number }[];
  roles: { id: number; name: string; computable: boolean }[];
  points: { id: number; name: string; value: number | null }[];
}

export async function send<T>(request: APIRequestContext, api: Api, method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown, as: DemoUser = "admin"): Promise<T> {
  const token = await api.token(as);
  const response = await request.fetch(`/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status(), `${method} ${path} as ${as}: ${await response.text()}`).toBeLessThan(300);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

export const project = (api: Api) => api.get<ProjectInfo>(`/projects/by_slug?slug=${SLUG}`);

/** A story, task or issue of demo-scrum to work on (fresh data every test). */
export async function pickItem(api: Api, kind: Kind): Promise<Item> {
  const p = await project(api);
  const list = await api.get<Item[]>(`/${RESOURCE[kind]}?project=${p.id}`, "admin", { "x-disable-pagination": "True" });
  const item = list.find((i) => !i.is_blocked) ?? list[0];
  if (!item) throw new Error(`no ${kind} in ${SLUG}`);
  return api.get<Item>(`/${RESOURCE[kind]}/${item.id}`);
}

export const readItem = (api: Api, kind: Kind, id: number) => api.get<Item>(`/${RESOURCE[kind]}/${id}`);

export const itemUrl = (kind: Kind, ref: number) => `/project/${SLUG}/${PATH[kind]}/${ref}`;

export async function signedInPage(browser: Browser, info: TestInfo, user: DemoUser): Promise<{ context: BrowserContext; page: Page }> {
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

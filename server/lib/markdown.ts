/**
 * The server's one Markdown renderer (taiga/mdrender/service.py): the shared Taiga grammar of
 * `src/lib/taigaMarkdown.ts`, with `#refs` and `@mentions` looked up in the project, links pointing
 * at the front (`TAIGA_FRONT_URL`, else the origin the request came to: `npm start` serves the app
 * and the API on one port), and sanitised by construction: raw HTML in the source is escaped (as
 * bleach does with tags it does not allow) and only http(s)/ftp/mailto/relative URLs are kept.
 *
 * Deviations: raw HTML that bleach would keep (`<b>`, `<table>`...) is shown as text; no emoji
 * images, no Pygments highlighting, GitHub-style task lists (`<input type="checkbox" disabled>`).
 */
import type { Db } from "../db";
import { renderTaigaMarkdown, type RefTarget, type TaigaMarkdownContext } from "../../src/lib/taigaMarkdown";
import { fullNameDisplay } from "./users";

/** Where links to the front point: TAIGA_FRONT_URL, else the given origin. */
export function frontBase(origin: string): string {
  return (process.env.TAIGA_FRONT_URL ?? origin).replace(/\/$/, "");
}

const REF_TABLES: [RefTarget["kind"], string][] = [
  ["epic", "epics"],
  ["userstory", "userstories"],
  ["task", "tasks"],
  ["issue", "issues"],
];

/** The rendering context of a project: its slug, its refs and its members. */
export function projectMarkdownContext(db: Db, projectId: number, origin: string): TaigaMarkdownContext {
  const project = db.prepare("SELECT slug FROM projects WHERE id = ?").get(projectId) as { slug: string } | undefined;
  return {
    projectSlug: project?.slug ?? null,
    frontBase: frontBase(origin),
    rawHtml: "escape",
    resolveRef: (ref) => {
      for (const [kind, table] of REF_TABLES) {
        const row = db.prepare(`SELECT subject FROM ${table} WHERE project_id = ? AND ref = ?`).get(projectId, ref) as { subject: string } | undefined;
        if (row) return { kind, subject: row.subject };
      }
      return null;
    },
    resolveMention: (username) => {
      const u = db
        .prepare("SELECT u.username, u.full_name FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.project_id = ? AND u.username = ?")
        .get(projectId, username) as { username: string; full_name: string } | undefined;
      return u ? fullNameDisplay(u) : null;
    },
  };
}

/** Markdown of a project's object (wiki page, description, comment) as Taiga's `*_html`. */
export function renderProjectMarkdown(db: Db, projectId: number, text: string, origin: string): string {
  return renderTaigaMarkdown(text, projectMarkdownContext(db, projectId, origin));
}

/** Markdown outside a project (no refs, mentions or wiki links). */
export function renderPlainMarkdown(text: string): string {
  return renderTaigaMarkdown(text, { projectSlug: null, frontBase: "", rawHtml: "escape" });
}

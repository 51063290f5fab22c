/**
 * Project search (taiga/searches/api.py): `GET /search?project=<id>&text=<words>` answers
 * `{epics, userstories, tasks, issues, wikipages, count}` — each group only when the caller may view that
 * kind of item (a private project you cannot see answers `{"count": 0}`), at most 150 items per group.
 * Matching is Taiga's to_tsquery prefix search (`server/lib/textsearch.ts`): items on subject, ref, tags
 * and description, wiki pages on slug and content. Ranked as PostgreSQL's weights do: a match in the
 * subject and ref (weight A, 1.0) before one in the tags (B, 0.4) before one in the description (C,
 * 0.2); for wiki pages the slug (A) before the content (B); equal ranks keep the model order. An empty
 * text lists every item in the model order. Not paginated.
 */
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound } from "../http/errors";
import { json } from "../http/respond";
import { compileQuery, type TextQuery, tokenize } from "../lib/textsearch";
import { projectAccess } from "../lib/permissions";
import { getProject, stringList } from "../lib/projects";

export const SEARCH_MAX_RESULTS = 150;

interface ItemRow {
  id: number;
  ref: number;
  subject: string;
  description: string;
  tags: string;
  status_id: number | null;
  assigned_to_id: number | null;
}

/** A weighted part of a searched document (PostgreSQL's setweight: A 1.0, B 0.4, C 0.2). */
interface Field {
  text: string;
  weight: number;
}

/**
 * Rows matching the query, best first (the sum of the weights of the fields the query matches on its
 * own; equal ranks keep the given model order), at most SEARCH_MAX_RESULTS. No query: every row.
 */
function rank<R>(rows: R[], query: TextQuery | null, fields: (r: R) => Field[]): R[] {
  if (query === null) return rows.slice(0, SEARCH_MAX_RESULTS);
  const scored: { row: R; index: number; rank: number }[] = [];
  rows.forEach((row, index) => {
    const parts = fields(row);
    if (!query.matches(tokenize(parts.map((p) => p.text).join(" ")))) return;
    const score = parts.reduce((n, p) => n + (query.matches(tokenize(p.text)) ? p.weight : 0), 0);
    scored.push({ row, index, rank: score });
  });
  return scored
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .slice(0, SEARCH_MAX_RESULTS)
    .map((r) => r.row);
}

const itemFields = (r: ItemRow): Field[] => [
  { text: `${r.subject} ${r.ref}`, weight: 1 },
  { text: stringList(r.tags).join(" "), weight: 0.4 },
  { text: r.description, weight: 0.2 },
];

const brief = (r: ItemRow): Record<string, unknown> => ({ id: r.id, ref: r.ref, subject: r.subject, status: r.status_id, assigned_to: r.assigned_to_id });

function search(c: Ctx): Response {
  const db = c.var.deps.db;
  const raw = c.req.query("project") ?? "";
  const project = /^\d{1,15}$/.test(raw) ? getProject(db, Number(raw)) : undefined;
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  const access = projectAccess(db, c.var.user, project);
  const text = c.req.query("text") ?? "";
  const query = text === "" ? null : compileQuery(text);
  // a text with no word left (only operators) finds nothing
  const pick = <R>(rows: R[], fields: (r: R) => Field[]): R[] => (text !== "" && query === null ? [] : rank(rows, query, fields));
  const items = (table: string, order: string): ItemRow[] =>
    db.prepare(`SELECT id, ref, subject, description, tags, status_id, assigned_to_id FROM ${table} WHERE project_id = ? ORDER BY ${order}`).all(project.id) as ItemRow[];

  const result: Record<string, unknown> = {};
  if (access.permissions.has("view_epics")) result.epics = pick(items("epics", "epics_order, ref, id"), itemFields).map(brief);
  if (access.permissions.has("view_us")) {
    const stories = pick(items("userstories", "backlog_order, ref, id"), itemFields);
    const extra = new Map(
      (stories.length
        ? (db
            .prepare(
              `SELECT us.id,
                      (SELECT SUM(p.value) FROM role_points rp JOIN roles r ON r.id = rp.role_id JOIN points p ON p.id = rp.points_id
                        WHERE rp.userstory_id = us.id AND r.computable = 1) AS total_points,
                      m.name AS milestone_name, m.slug AS milestone_slug
                 FROM userstories us LEFT JOIN milestones m ON m.id = us.milestone_id
                WHERE us.id IN (${stories.map(() => "?").join(", ")})`,
            )
            .all(...stories.map((s) => s.id)) as { id: number; total_points: number | null; milestone_name: string | null; milestone_slug: string | null }[])
        : []
      ).map((r) => [r.id, r]),
    );
    result.userstories = stories.map((s) => {
      const e = extra.get(s.id);
      return { id: s.id, ref: s.ref, subject: s.subject, status: s.status_id, total_points: e?.total_points ?? null, milestone_name: e?.milestone_name ?? null, milestone_slug: e?.milestone_slug ?? null };
    });
  }
  if (access.permissions.has("view_tasks")) result.tasks = pick(items("tasks", "created_date, ref, id"), itemFields).map(brief);
  if (access.permissions.has("view_issues")) result.issues = pick(items("issues", "id DESC"), itemFields).map(brief);
  if (access.permissions.has("view_wiki_pages")) {
    const pages = db.prepare("SELECT id, slug, content FROM wiki_pages WHERE project_id = ? ORDER BY slug, id").all(project.id) as { id: number; slug: string; content: string }[];
    result.wikipages = pick(pages, (p) => [
      { text: p.slug, weight: 1 },
      { text: p.content, weight: 0.4 },
    ]).map((p) => ({ id: p.id, slug: p.slug }));
  }
  result.count = Object.values(result).reduce((n: number, group) => n + (group as unknown[]).length, 0);
  return json(c, result);
}

export function registerSearch(routes: Routes): void {
  routes.add("/search", { GET: search });
}

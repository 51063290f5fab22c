/**
 * Project search (taiga/searches/api.py): `GET /search?project=<id>&text=<words>` answers
 * `{epics, userstories, tasks, issues, wikipages, count}` — each group only when the caller may view that
 * kind of item (a private project you cannot see answers `{"count": 0}`), at most 150 items per group,
 * best rank first (`server/lib/fulltext.ts`): items match on subject and ref, tags, description; wiki
 * pages on slug and content. An empty text lists every item in the model order. Not paginated.
 */
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound } from "../http/errors";
import { json } from "../http/respond";
import { type Field, parseQuery, type Query, rankDocument } from "../lib/fulltext";
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

/** Ranks rows (kept in their model order for equal ranks) and keeps the best ones. */
function rank<R>(rows: R[], query: Query, fields: (r: R) => Field[]): R[] {
  if (query === null) return rows.slice(0, SEARCH_MAX_RESULTS);
  return rows
    .map((row, index) => ({ row, index, rank: rankDocument(query, fields(row)) }))
    .filter((r): r is { row: R; index: number; rank: number } => r.rank !== null)
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .slice(0, SEARCH_MAX_RESULTS)
    .map((r) => r.row);
}

const itemFields = (r: ItemRow): Field[] => [
  { text: `${r.subject} ${r.ref}`, weight: "A" },
  { text: stringList(r.tags).join(" "), weight: "B" },
  { text: r.description, weight: "C" },
];

const brief = (r: ItemRow): Record<string, unknown> => ({ id: r.id, ref: r.ref, subject: r.subject, status: r.status_id, assigned_to: r.assigned_to_id });

function search(c: Ctx): Response {
  const db = c.var.deps.db;
  const raw = c.req.query("project") ?? "";
  const project = /^\d{1,15}$/.test(raw) ? getProject(db, Number(raw)) : undefined;
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  const access = projectAccess(db, c.var.user, project);
  const text = c.req.query("text") ?? "";
  const query = parseQuery(text);
  // a text of operators only has nothing to look for
  const noMatch = text.trim() !== "" && query === null;
  const pick = <R>(rows: R[], fields: (r: R) => Field[]): R[] => (noMatch ? [] : rank(rows, query, fields));
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
      { text: p.slug, weight: "A" },
      { text: p.content, weight: "B" },
    ]).map((p) => ({ id: p.id, slug: p.slug }));
  }
  result.count = Object.values(result).reduce((n: number, group) => n + (group as unknown[]).length, 0);
  return json(c, result);
}

export function registerSearch(routes: Routes): void {
  routes.add("/search", { GET: search });
}

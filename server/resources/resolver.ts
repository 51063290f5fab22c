/**
 * The resolver (taiga/projects/references/api.py): `GET /resolver?project=<slug>` turns the slugs and
 * refs of front-end URLs into ids — `us`, `task`, `issue`, `epic` (refs), `milestone`, `wikipage` (slugs),
 * or `ref` (a ref looked up as epic, story, task, issue in that order, or a wiki slug when not a number).
 * Each kind only resolves for a caller who may view it. An explicit key that does not exist is 404; an
 * unknown `ref` just answers `{"project": id}`.
 */
import type { Ctx, Routes } from "../http/context";
import { notAuthenticated, notFound, validationError } from "../http/errors";
import { json } from "../http/respond";
import { denied, projectAccess } from "../lib/permissions";
import type { ProjectRow } from "../lib/projects";

const REF_KINDS = [
  { param: "epic", table: "epics", perm: "view_epics" },
  { param: "us", table: "userstories", perm: "view_us" },
  { param: "task", table: "tasks", perm: "view_tasks" },
  { param: "issue", table: "issues", perm: "view_issues" },
] as const;

const SLUG_KINDS = [
  { param: "milestone", table: "milestones", perm: "view_milestones" },
  { param: "wikipage", table: "wiki_pages", perm: "view_wiki_pages" },
] as const;

/** ResolverValidator: `project` required, refs integers, strings at most 512 characters, `ref` alone. */
function validate(c: Ctx): Record<string, string> {
  const q: Record<string, string> = {};
  const errors: Record<string, string[]> = {};
  for (const name of ["project", "milestone", "wikipage", "ref", ...REF_KINDS.map((k) => k.param)]) {
    const v = c.req.query(name);
    if (v === undefined) continue;
    q[name] = v;
  }
  if (!q.project) errors.project = ["This field is required."];
  for (const name of ["project", "milestone", "wikipage", "ref"]) {
    const v = q[name];
    if (v !== undefined && v.length > 512) errors[name] = [`Ensure this value has at most 512 characters (it has ${v.length}).`];
  }
  for (const { param } of REF_KINDS) {
    const v = q[param];
    if (v !== undefined && v !== "" && !/^\s*-?\d{1,15}\s*$/.test(v)) errors[param] = ["Enter a whole number."];
  }
  if (Object.keys(errors).length) throw validationError(errors);
  if (q.ref !== undefined) {
    for (const other of ["epic", "us", "task", "issue", "wikipage"]) {
      if (q[other] !== undefined) throw validationError({ non_field_errors: [`'${other}' param is incompatible with 'ref' in the same request`] });
    }
  }
  return q;
}

function resolve(c: Ctx): Response {
  const db = c.var.deps.db;
  const q = validate(c);
  const project = db.prepare("SELECT * FROM projects WHERE slug = ?").get(q.project) as ProjectRow | undefined;
  if (!project) throw c.var.user ? notFound() : notAuthenticated();
  const access = projectAccess(db, c.var.user, project);
  if (!access.permissions.has("view_project")) throw denied(access);
  const can = (perm: string): boolean => access.permissions.has(perm);
  const find = (table: string, column: "ref" | "slug", value: string | number): number | undefined =>
    (db.prepare(`SELECT id FROM ${table} WHERE project_id = ? AND ${column} = ? ORDER BY id LIMIT 1`).get(project.id, value) as { id: number } | undefined)?.id;
  /** get_object_or_error: not found is 401 for anonymous callers, 404 otherwise */
  const required = (id: number | undefined): number => {
    if (id === undefined) throw c.var.user ? notFound() : notAuthenticated();
    return id;
  };

  const result: Record<string, number> = { project: project.id };
  for (const kind of REF_KINDS) {
    const v = q[kind.param];
    if (v && Number(v) !== 0 && can(kind.perm)) result[kind.param] = required(find(kind.table, "ref", Number(v)));
  }
  for (const kind of SLUG_KINDS) {
    const v = q[kind.param];
    if (v && can(kind.perm)) result[kind.param] = required(find(kind.table, "slug", v));
  }
  const ref = q.ref;
  if (ref) {
    if (/^\s*-?\d+\s*$/.test(ref)) {
      for (const kind of REF_KINDS) {
        if (!can(kind.perm)) continue;
        const id = find(kind.table, "ref", Number(ref));
        if (id !== undefined) {
          result[kind.param] = id;
          break;
        }
      }
    } else if (can("view_wiki_pages")) {
      const id = find("wiki_pages", "slug", ref);
      if (id !== undefined) result.wikipage = id;
    }
  }
  return json(c, result);
}

export function registerResolver(routes: Routes): void {
  routes.add("/resolver", { GET: resolve });
}

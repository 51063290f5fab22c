/**
 * Project values: `/userstory-statuses`, `/task-statuses`, `/issue-statuses`, `/epic-statuses`,
 * `/points`, `/priorities`, `/severities`, `/issue-types` — list + detail (anyone who can see the
 * project; lists filtered by `?project=` and paginated), `POST /<kind>/bulk_update_order`
 * (project admins; sets exactly the given orders, no renumbering; 204), and create / update / delete
 * with moveTo (resources/values-write.ts).
 */
import { readObject } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { badRequest, notFound } from "../http/errors";
import { idParam, intQuery } from "../http/params";
import { empty, json } from "../http/respond";
import { requireAdmin } from "../lib/permissions";
import { accessTo, assertNotBlocked, getProject, loadVisibleProject, paginateVisible } from "../lib/projects";
import { type Row, serializeValue, VALUE_KINDS, type ValueKind } from "../lib/values";
import { createValue, deleteValue, updateValue } from "./values-write";

export function registerStatuses(routes: Routes): void {
  for (const kind of VALUE_KINDS) registerKind(routes, kind);
}

/** Parses `[[id, order], ...]`; anything else is a 400 naming the parameter. */
function orderPairs(value: unknown, param: string): [number, number][] {
  const bad = () => badRequest(`'${param}' must be a list of [id, order] pairs`);
  if (!Array.isArray(value)) throw bad();
  return value.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => Number.isSafeInteger(n))) throw bad();
    return [pair[0] as number, pair[1] as number];
  });
}

/**
 * Taiga's BulkUpdateOrderMixin: `{project, <param>: [[id, order], ...]}` sets those orders on rows of
 * that project (ids of other projects are ignored), project admins only, 204.
 */
export async function bulkUpdateOrder(c: Ctx, table: string, param: string, scope?: { column: string; value: string }): Promise<Response> {
  const body = await readObject(c);
  const bulk = body[param];
  if (bulk === undefined || bulk === null) throw badRequest(`'${param}' parameter is mandatory`);
  const projectRaw = body["project"];
  if (projectRaw === undefined || projectRaw === null) throw badRequest("'project' parameter is mandatory");
  const projectId = typeof projectRaw === "number" ? projectRaw : typeof projectRaw === "string" && /^\d+$/.test(projectRaw) ? Number(projectRaw) : NaN;
  const project = Number.isSafeInteger(projectId) ? getProject(c.var.deps.db, projectId) : undefined;
  if (!project) throw notFound();
  requireAdmin(accessTo(c, project));
  assertNotBlocked(project);
  const pairs = orderPairs(bulk, param);
  const db = c.var.deps.db;
  // `scope` narrows a table shared by several models (custom attributes of one kind)
  const update = db.prepare(`UPDATE ${table} SET "order" = ? WHERE id = ? AND project_id = ?${scope ? ` AND ${scope.column} = ?` : ""}`);
  db.transaction(() => {
    for (const [id, order] of pairs) update.run(order, id, project.id, ...(scope ? [scope.value] : []));
  })();
  return empty(204);
}

function registerKind(routes: Routes, kind: ValueKind): void {
  routes.add(`/${kind.path}`, {
    GET: (c) => {
      return paginateVisible<Row, unknown>(
        c,
        {
          select: "v.*",
          from: `${kind.table} v JOIN projects p ON p.id = v.project_id`,
          orderBy: 'v.project_id, v."order", v.id',
          filter: { column: "v.project_id", value: intQuery(c, "project") },
        },
        (r) => serializeValue(kind, r),
      );
    },
    POST: (c) => createValue(c, kind),
  });
  routes.add(`/${kind.path}/bulk_update_order`, { POST: (c) => bulkUpdateOrder(c, kind.table, kind.bulkParam) });
  routes.add(`/${kind.path}/:id`, {
    GET: (c) => {
      const row = c.var.deps.db.prepare(`SELECT * FROM ${kind.table} WHERE id = ?`).get(idParam(c)) as Row | undefined;
      if (!row) throw notFound();
      loadVisibleProject(c, row["project_id"] as number);
      return json(c, serializeValue(kind, row));
    },
    PATCH: (c) => updateValue(c, kind, false),
    PUT: (c) => updateValue(c, kind, true),
    DELETE: (c) => deleteValue(c, kind),
  });
}

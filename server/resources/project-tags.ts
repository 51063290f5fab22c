/**
 * Project tag administration (taiga/projects/tagging): `POST /projects/{id}/create_tag` `{tag, color?}`,
 * `edit_tag` `{from_tag, to_tag?, color?}` (renames the tag inside every story, task, issue and epic),
 * `delete_tag` `{tag}` (removes it everywhere) and `mix_tags` `{from_tags, to_tag}` (merges tags into
 * one). Project admins only; 200 with an empty body; a blocked project answers 451. A tag "exists" when
 * it is in the project's `tags_colors`.
 */
import type { Db } from "../db";
import { readObject, Validator } from "../http/body";
import type { Ctx, Routes } from "../http/context";
import { idParam } from "../http/params";
import { empty } from "../http/respond";
import { adminProject, type ProjectRow } from "../lib/projects";

const HEX_COLOR = /^#([a-fA-F0-9]{6}|[a-fA-F0-9]{3})$/;
const ITEM_TABLES = ["userstories", "tasks", "issues", "epics"] as const;

type TagsColors = [string, string | null][];

function readColors(project: ProjectRow): TagsColors {
  try {
    const v = JSON.parse(project.tags_colors) as unknown;
    return Array.isArray(v) ? v.filter((e): e is [string, string | null] => Array.isArray(e) && typeof e[0] === "string").map(([t, c]) => [t, typeof c === "string" ? c : null]) : [];
  } catch {
    return [];
  }
}

const exists = (colors: TagsColors, tag: string): boolean => colors.some(([t]) => t === tag);
const writeColors = (db: Db, projectId: number, colors: TagsColors): void => {
  db.prepare("UPDATE projects SET tags_colors = ? WHERE id = ?").run(JSON.stringify(colors), projectId);
};

/** Rewrites the tags of every item of the project that carries `from` (`to` null = remove it), keeping each list distinct. */
function replaceInItems(db: Db, projectId: number, from: string, to: string | null): void {
  for (const table of ITEM_TABLES) {
    const rows = db.prepare(`SELECT id, tags FROM ${table} WHERE project_id = ? AND EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?)`).all(projectId, from) as { id: number; tags: string }[];
    const update = db.prepare(`UPDATE ${table} SET tags = ? WHERE id = ?`);
    for (const r of rows) {
      const tags = (JSON.parse(r.tags) as string[]).map((t) => (t === from ? to : t)).filter((t): t is string => t !== null);
      update.run(JSON.stringify([...new Set(tags)]), r.id);
    }
  }
}

/** The `color` field of create/edit: optional, a hex colour when given. */
function color(v: Validator): string | null | undefined {
  const value = v.string("color", { allowNull: true, allowBlank: true });
  if (value && !HEX_COLOR.test(value)) return v.fail("color", "The color is not a valid HEX color.");
  return value;
}

async function createTag(c: Ctx): Promise<Response> {
  const project = adminProject(c, idParam(c));
  const v = new Validator(await readObject(c));
  const colors = readColors(project);
  const tag = v.string("tag", { required: true });
  if (typeof tag === "string" && exists(colors, tag)) v.fail("tag", "This tag already exists.");
  const value = color(v);
  v.check();
  writeColors(c.var.deps.db, project.id, [...colors, [(tag as string).toLowerCase(), value || null]]);
  return empty(200);
}

/** Renames `from` to `to` (lower-cased) in the items and in `tags_colors`, where `to` takes `color` and goes last. */
function rename(db: Db, project: ProjectRow, from: string, to: string, tagColor: string | null): void {
  const target = to.toLowerCase();
  replaceInItems(db, project.id, from, target);
  const colors = readColors(getFresh(db, project.id)).filter(([t]) => t !== from && t !== target);
  writeColors(db, project.id, [...colors, [target, tagColor]]);
}

const getFresh = (db: Db, id: number): ProjectRow => db.prepare("SELECT * FROM projects WHERE id = ?").get(id) as ProjectRow;

async function editTag(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const project = adminProject(c, idParam(c));
  const v = new Validator(await readObject(c));
  const colors = readColors(project);
  const from = v.string("from_tag", { required: true });
  if (typeof from === "string" && !exists(colors, from)) v.fail("from_tag", "The tag doesn't exist.");
  const to = v.string("to_tag");
  if (typeof to === "string" && exists(colors, to)) v.fail("to_tag", "This tag already exists.");
  const value = color(v);
  v.check();
  const current = colors.find(([t]) => t === from)?.[1] ?? null;
  db.transaction(() => rename(db, project, from as string, to ?? (from as string), v.has("color") ? (value ?? null) : current))();
  return empty(200);
}

async function deleteTag(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const project = adminProject(c, idParam(c));
  const v = new Validator(await readObject(c));
  const colors = readColors(project);
  const tag = v.string("tag", { required: true });
  if (typeof tag === "string" && !exists(colors, tag)) v.fail("tag", "The tag doesn't exist.");
  v.check();
  db.transaction(() => {
    replaceInItems(db, project.id, tag as string, null);
    writeColors(db, project.id, colors.filter(([t]) => t !== tag));
  })();
  return empty(200);
}

async function mixTags(c: Ctx): Promise<Response> {
  const db = c.var.deps.db;
  const project = adminProject(c, idParam(c));
  const body = await readObject(c);
  const v = new Validator(body);
  const colors = readColors(project);
  let from: string[] = [];
  const raw = body.from_tags;
  if (raw === undefined || raw === null) v.fail("from_tags", "This field is required.");
  else if (typeof raw === "string") from = raw.split(",").map((t) => t.trim()).filter(Boolean);
  else if (Array.isArray(raw) && raw.every((t) => typeof t === "string")) from = raw as string[];
  else v.fail("from_tags", "Invalid tag list.");
  if (!v.errors.from_tags && from.some((t) => !exists(colors, t))) v.fail("from_tags", "The tag doesn't exist.");
  const to = v.string("to_tag", { required: true });
  if (typeof to === "string" && !exists(colors, to)) v.fail("to_tag", "The tag doesn't exist.");
  v.check();
  const target = to as string;
  const targetColor = colors.find(([t]) => t === target)?.[1] ?? null;
  db.transaction(() => {
    for (const tag of from) rename(db, getFresh(db, project.id), tag, target, targetColor);
  })();
  return empty(200);
}

export function registerProjectTags(routes: Routes): void {
  routes.add("/projects/:id/create_tag", { POST: createTag });
  routes.add("/projects/:id/edit_tag", { POST: editTag });
  routes.add("/projects/:id/delete_tag", { POST: deleteTag });
  routes.add("/projects/:id/mix_tags", { POST: mixTags });
}


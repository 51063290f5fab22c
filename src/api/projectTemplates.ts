/**
 * Project templates (`/project-templates`): what a new project starts with. A resource outside any
 * project; writes are for superusers (validation runs first: a body without `default_owner_role`
 * is a 400 before the 403).
 */
import { keys } from "./keys";
import { defineResource } from "./resource";
import type { Id, ProjectTemplate } from "./types";

/** Body of `POST /project-templates`: `default_owner_role` (a role slug) is required besides name and description. */
export interface CreateProjectTemplateBody {
  name: string;
  description: string;
  default_owner_role: string;
  [field: string]: unknown;
}

export const projectTemplates = defineResource<{
  item: ProjectTemplate;
  detail: ProjectTemplate;
  create: CreateProjectTemplateBody;
  changes: Partial<CreateProjectTemplateBody>;
  filters: Record<string, never>;
  target: { id: Id };
}>()({
  path: "/project-templates",
  keys: keys.projectTemplates,
  occ: false,
  actions: ["listAll", "get", "create", "put", "patch", "remove"],
  invalidates: () => [keys.projectTemplates.lists()],
});

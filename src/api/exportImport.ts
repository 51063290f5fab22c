/**
 * Project export and import (`/exporter/<project>`, `/importer/load_dump`): a project's dump, and a
 * new project from one. Without a task queue Taiga writes the dump at once and answers its URL;
 * with one it answers an id and mails the link. Imports are throttled (one a minute).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { http } from "./http";
import { invalidateAll, keys } from "./keys";
import type { Id, Project, ProjectExport } from "./types";

/** `GET /exporter/<project id>`: the dump's URL, or the id of a queued export. */
export function exportProject(projectId: Id): Promise<ProjectExport> {
  return http.get<ProjectExport>(`/exporter/${projectId}`);
}

/** `POST /importer/load_dump` as multipart (`dump`): the new project, or `{import_id}` when queued. */
export function importProject(dump: File): Promise<Project | { import_id: string }> {
  const form = new FormData();
  form.append("dump", dump, dump.name);
  return http.post<Project | { import_id: string }>("/importer/load_dump", form);
}

/** Export a project. A mutation (each call writes a new dump); nothing cached changes. */
export function useExportProject() {
  return useMutation({ mutationFn: exportProject });
}

/** Import a project from a dump. Invalidates every project list. */
export function useImportProject() {
  const client = useQueryClient();
  return useMutation({ mutationFn: importProject, onSuccess: () => invalidateAll(client, [keys.projects.lists()]) });
}

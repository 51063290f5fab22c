/**
 * The resolver (`GET /resolver`): turns the slugs and refs of front-end URLs into ids — the project
 * by slug, items by ref (`us`, `task`, `issue`, `epic`, or `ref` for whichever item has it, wiki
 * pages included by slug), sprints and wiki pages by slug. `#123` jumps go through `resolveRef`.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { http, type Query } from "./http";
import { keys } from "./keys";
import type { ResolverAnswer, ResolverQuery } from "./types";

/** `GET /resolver?project=<slug>&...`. An explicit ref nobody has is a 404; a `ref` nobody has answers `{project}`. */
export function resolve(query: ResolverQuery, signal?: AbortSignal): Promise<ResolverAnswer> {
  return http.get<ResolverAnswer>("/resolver", { query: query as Query, signal });
}

/** What `#<ref>` (or a wiki slug) in a project is: the first of epic, story, task, issue, wiki page that has it. */
export type ResolvedRef =
  | { kind: "epic" | "us" | "task" | "issue" | "wikipage"; id: number; project: number }
  | { kind: "none"; project: number };

/** What the answer to a `ref` query names: the first of epic, story, task, issue, wiki page that has it. */
export function resolvedRefOf(answer: ResolverAnswer): ResolvedRef {
  for (const kind of ["epic", "us", "task", "issue", "wikipage"] as const) {
    const id = answer[kind];
    if (id !== undefined) return { kind, id, project: answer.project };
  }
  return { kind: "none", project: answer.project };
}

/** Resolves `#ref` in a project to the item that carries it (`kind: "none"` when no item does). */
export async function resolveRef(projectSlug: string, ref: number | string, signal?: AbortSignal): Promise<ResolvedRef> {
  return resolvedRefOf(await resolve({ project: projectSlug, ref }, signal));
}

export const resolveQueryOptions = (query: ResolverQuery) =>
  queryOptions({ queryKey: keys.resolver.resolve(query), queryFn: ({ signal }) => resolve(query, signal), staleTime: 60_000 });

export function useResolve(query: ResolverQuery | undefined) {
  return useQuery({ ...resolveQueryOptions(query ?? { project: "" }), enabled: !!query?.project });
}

/**
 * `#ref` in a project as the item that carries it (the command palette's jumps); shares the cached
 * answer of `useResolve({ project, ref })`. Disabled while `ref` is undefined.
 */
export function useResolvedRef(projectSlug: string, ref: number | undefined) {
  return useQuery({ ...resolveQueryOptions({ project: projectSlug, ref: ref ?? 0 }), select: resolvedRefOf, enabled: !!projectSlug && ref !== undefined });
}

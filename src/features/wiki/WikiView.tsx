/**
 * The wiki (`/project/:slug/wiki/:pageSlug`; `/wiki` opens `home`, as Taiga): the links sidebar,
 * and the page — rendered and sanitized, its links navigating inside the app, links to pages not
 * written yet marked and offering to create them — with who changed it last, when, and how many
 * editions it has. `?view=edit` opens the editor (its own chunk), `?view=history` the page's
 * history, `?view=pages` the index of every page (search, create, delete).
 */
import { lazy, Suspense, useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useProjectBySlug } from "../../api/projects";
import type { Project, WikiPage } from "../../api/types";
import { useDeleteWikiPage, useWatchWikiPage, useWikiPage, useWikiPages } from "../../api/wiki";
import { LazyDialog as Dialog } from "../../components/LazyDialog";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { Markdown } from "../../components/Markdown";
import { PageSpinner, Spinner } from "../../components/Spinner";
import { useToast } from "../../components/toast";
import { readDraft } from "../../lib/drafts";
import { slugify } from "../../lib/taigaMarkdown";
import { when } from "./time";
import { wikiDraftKey } from "./draftKey";
import { refsFromHtml, useWikiContext } from "./wikiContext";
import { WikiLinks } from "./WikiLinks";

const WikiEditor = lazy(() => import("./WikiEditor"));
// The history is not on the first screen either: its own chunk, fetched when opened.
const WikiHistory = lazy(() => import("./WikiHistory"));

const button =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:opacity-50";
const primary = `${button} bg-indigo-600 text-white hover:bg-indigo-500`;
const secondary = `${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`;
const danger = `${button} border border-red-200 bg-white text-red-700 hover:bg-red-50`;

/** A page's slug as a title: "release-notes" -> "Release notes". */
export function pageTitle(slug: string): string {
  const words = decodeURIComponent(slug).replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : slug;
}

const SLUG_RE = /^[\p{L}\p{N}_-]+$/u;

function memberName(project: Project, id: number | null): string {
  if (id === null) return "someone";
  const m = project.members.find((u) => u.id === id);
  return m ? m.full_name || m.username : `user ${id}`;
}

function PagesIndex({ project, pages, canAdd, canDelete }: { project: Project; pages: WikiPage[] | undefined; canAdd: boolean; canDelete: boolean }) {
  const [query, setQuery] = useState("");
  const [newName, setNewName] = useState("");
  const [deleting, setDeleting] = useState<WikiPage | null>(null);
  const remove = useDeleteWikiPage();
  const toast = useToast();
  const navigate = useNavigate();
  const q = query.trim().toLowerCase();
  const shown = (pages ?? []).filter((p) => !q || p.slug.toLowerCase().includes(q) || p.content.toLowerCase().includes(q));
  const newSlug = SLUG_RE.test(newName.trim()) ? newName.trim() : slugify(newName);
  const taken = pages?.some((p) => p.slug === newSlug) ?? false;

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!newSlug || taken) return;
    navigate(`/project/${project.slug}/wiki/${encodeURIComponent(newSlug)}?view=edit`);
  };

  return (
    <section aria-label="All pages" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-xl font-semibold text-slate-900">All pages</h1>
        <input
          type="search"
          aria-label="Search pages"
          placeholder="Search pages…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
        />
      </div>
      {canAdd && (
        <form onSubmit={create} className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            New page
            <input
              aria-label="New page name"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              placeholder="e.g. release-notes"
              className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
            />
          </label>
          <button type="submit" className={primary} disabled={!newSlug || taken}>
            Create page
          </button>
          {newName.trim() !== "" && (
            <span className="text-xs text-slate-500" role="status">
              {taken ? `A page “${newSlug}” exists already.` : newSlug ? `Address: /wiki/${newSlug}` : "Use letters, digits, - or _."}
            </span>
          )}
        </form>
      )}
      {pages === undefined ? (
        <Spinner label="Loading pages…" />
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-500">{q ? "No page matches your search." : "This wiki has no pages yet."}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white" aria-label="Pages">
          {shown.map((p) => (
            <li key={p.id} className="flex items-center gap-3 px-3 py-2">
              <Link to={`/project/${project.slug}/wiki/${encodeURIComponent(p.slug)}`} className="min-w-0 flex-1 truncate text-sm font-medium text-indigo-700 hover:underline">
                {pageTitle(p.slug)}
              </Link>
              <span className="text-xs text-slate-500">
                {memberName(project, p.last_modifier)} · {when(p.modified_date)}
              </span>
              {canDelete && (
                <button type="button" className="rounded px-1.5 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50" aria-label={`Delete page ${p.slug}`} onClick={() => setDeleting(p)}>
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <DeletePageDialog
        page={deleting}
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={(page) =>
          remove.mutate(page, {
            onSuccess: () => {
              toast.success(`Deleted the page “${page.slug}”.`);
              setDeleting(null);
            },
            onError: (error) => toast.error(`Could not delete the page: ${errorText(error)}`),
          })
        }
      />
    </section>
  );
}

function DeletePageDialog({ page, busy, onClose, onConfirm }: { page: WikiPage | null; busy: boolean; onClose: () => void; onConfirm: (page: WikiPage) => void }) {
  return (
    <Dialog
      open={page !== null}
      onClose={onClose}
      title="Delete this page?"
      description={page ? `“${page.slug}” and its attachments will be deleted for everyone. Links to it stay, and will offer to create it again.` : undefined}
      footer={
        <>
          <button type="button" className={secondary} onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={`${button} bg-red-600 text-white hover:bg-red-500`} disabled={busy} onClick={() => page && onConfirm(page)}>
            Delete page
          </button>
        </>
      }
    />
  );
}

function MissingPage({ project, pageSlug, canAdd, onCreate }: { project: Project; pageSlug: string; canAdd: boolean; onCreate: () => void }) {
  const draft = readDraft(wikiDraftKey(project.id, null, pageSlug));
  return (
    <section aria-label="Missing page" className="rounded-md border border-dashed border-slate-300 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold text-slate-900">{pageTitle(pageSlug)}</h1>
      <p className="mt-2 text-sm text-slate-600">This page doesn't exist yet.{draft ? " You have an unsaved draft of it." : ""}</p>
      {canAdd ? (
        <button type="button" className={`${primary} mt-4`} onClick={onCreate}>
          {draft ? "Continue your draft" : "Create this page"}
        </button>
      ) : (
        <p className="mt-2 text-sm text-slate-500">You don't have permission to create pages in this project.</p>
      )}
    </section>
  );
}

export default function WikiView() {
  const { slug = "", pageSlug: rawPageSlug } = useParams();
  const pageSlug = rawPageSlug ?? "home";
  const [params, setParams] = useSearchParams();
  const view = params.get("view");
  const navigate = useNavigate();
  const toast = useToast();
  const projectQuery = useProjectBySlug(slug);
  const project = projectQuery.data;
  const pageQuery = useWikiPage(project?.id, pageSlug);
  // The list (every page with its content) only marks missing links and fills the index: it is
  // asked for once the page itself has arrived, so it never delays the first paint.
  const pages = useWikiPages(project?.id, {}, { enabled: !pageQuery.isPending || view === "pages" });
  const page = pageQuery.data ?? null;
  const knownRefs = useMemo(() => refsFromHtml(page?.html ?? ""), [page?.html]);
  const context = useWikiContext(project ?? EMPTY_PROJECT, pages.data, knownRefs);
  const remove = useDeleteWikiPage();
  const watch = useWatchWikiPage();
  const [deleting, setDeleting] = useState<WikiPage | null>(null);

  if (!project) return <PageSpinner label="Loading project…" />;
  const perms = new Set<string>(project.my_permissions);
  const can = (p: string) => project.i_am_admin || perms.has(p);
  const setView = (next: string | null) => setParams(next ? { view: next } : {}, { replace: false });
  const go = (path: string) => navigate(path);

  let main: React.ReactNode;
  if (view === "pages") {
    main = <PagesIndex project={project} pages={pages.data} canAdd={can("add_wiki_page")} canDelete={can("delete_wiki_page")} />;
  } else if (pageQuery.isPending) {
    main = <Spinner label="Loading page…" />;
  } else if (pageQuery.isError) {
    main = <ErrorMessage title="The page could not be loaded" error={pageQuery.error} onRetry={() => void pageQuery.refetch()} />;
  } else if (view === "edit" && (page ? can("modify_wiki_page") : can("add_wiki_page"))) {
    main = (
      <div className="flex min-h-0 flex-1 flex-col gap-3">
        <h1 className="text-xl font-semibold text-slate-900">
          {page ? "Editing" : "New page"}: {pageTitle(pageSlug)}
        </h1>
        <Suspense fallback={<Spinner label="Loading the editor…" />}>
          <WikiEditor
            key={`${page?.id ?? "new"}:${pageSlug}`}
            project={project}
            page={page}
            slug={pageSlug}
            pages={pages.data}
            knownRefs={knownRefs}
            onDone={(saved) => {
              toast.success(page ? "Page saved." : "Page created.");
              if (saved.slug !== pageSlug) navigate(`/project/${project.slug}/wiki/${encodeURIComponent(saved.slug)}`);
              else setView(null);
            }}
            onCancel={() => setView(null)}
          />
        </Suspense>
      </div>
    );
  } else if (!page) {
    main = <MissingPage project={project} pageSlug={pageSlug} canAdd={can("add_wiki_page")} onCreate={() => setView("edit")} />;
  } else {
    main = (
      <article aria-label={pageTitle(page.slug)} className="flex flex-col gap-4">
        <header className="flex flex-wrap items-start gap-3 border-b border-slate-200 pb-3">
          <div className="mr-auto min-w-0">
            <h1 className="truncate text-xl font-semibold text-slate-900">{pageTitle(page.slug)}</h1>
            <p className="mt-1 text-xs text-slate-500" data-testid="wiki-meta">
              Last modified by <span className="font-medium text-slate-700">{memberName(project, page.last_modifier)}</span>{" "}
              <time dateTime={page.modified_date}>{when(page.modified_date)}</time> · {page.editions} {page.editions === 1 ? "edition" : "editions"}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {view === "history" ? (
              <button type="button" className={secondary} onClick={() => setView(null)}>
                Back to the page
              </button>
            ) : (
              <button type="button" className={secondary} onClick={() => setView("history")}>
                History
              </button>
            )}
            <button
              type="button"
              className={secondary}
              aria-pressed={page.is_watcher}
              disabled={watch.isPending}
              onClick={() => watch.mutate({ object: page, watch: !page.is_watcher }, { onError: (e) => toast.error(`Could not change watching: ${errorText(e)}`) })}
            >
              {page.is_watcher ? "Unwatch" : "Watch"} ({page.total_watchers})
            </button>
            {can("delete_wiki_page") && (
              <button type="button" className={danger} onClick={() => setDeleting(page)}>
                Delete
              </button>
            )}
            {can("modify_wiki_page") && (
              <button type="button" className={primary} onClick={() => setView("edit")}>
                Edit
              </button>
            )}
          </div>
        </header>
        {view === "history" ? (
          <Suspense fallback={<Spinner label="Loading the history…" />}>
            <WikiHistory page={page} />
          </Suspense>
        ) : (
          <div data-testid="wiki-content">
            <Markdown
              source={page.content}
              context={context}
              onNavigate={go}
              className="text-[15px] text-slate-800"
              empty={<p className="text-sm italic text-slate-400">This page is empty.{can("modify_wiki_page") ? " Edit it to add content." : ""}</p>}
            />
          </div>
        )}
      </article>
    );
  }

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-1 gap-6 px-4 py-4">
      <aside className="flex w-60 shrink-0 flex-col gap-4" aria-label="Wiki">
        <div className="flex flex-col gap-1">
          <Link to={`/project/${project.slug}/wiki/home`} className="rounded px-1.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100">
            Wiki home
          </Link>
          <Link to={`/project/${project.slug}/wiki/${encodeURIComponent(pageSlug)}?view=pages`} className="rounded px-1.5 py-1 text-sm text-slate-700 hover:bg-slate-100">
            All pages{pages.data ? ` (${pages.data.length})` : ""}
          </Link>
        </div>
        <WikiLinks projectId={project.id} projectSlug={project.slug} canAdd={can("add_wiki_link")} canReorder={can("modify_wiki_link")} canDelete={can("delete_wiki_link")} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">{main}</div>
      <DeletePageDialog
        page={deleting}
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={(p) =>
          remove.mutate(p, {
            onSuccess: () => {
              toast.success(`Deleted the page “${p.slug}”.`);
              setDeleting(null);
              navigate(`/project/${project.slug}/wiki/home?view=pages`);
            },
            onError: (error) => toast.error(`Could not delete the page: ${errorText(error)}`),
          })
        }
      />
    </div>
  );
}

/** Until the project loads (hooks run before the early return). */
const EMPTY_PROJECT = { slug: "", members: [] } as unknown as Project;

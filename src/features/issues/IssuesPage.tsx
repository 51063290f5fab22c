/**
 * `/project/:slug/issues`: the triage table. Facets with counts (filters_data), free text, server
 * sort on every column and server pages of 30 — all in the URL. Status, type, priority, severity
 * and assignee change in place (optimistic, with OCC through the shared conflict prompt); votes,
 * promote to a story, create and bulk add; an issue opens in the side panel over the list, which
 * keeps its scroll, filters and page. Keys: j/k or ↑/↓ move between rows, Enter opens, / searches.
 *
 * Showing it takes four requests: the signed-in user and the project (shared with every project
 * view), one page of issues, and the facets — the last two side by side.
 */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { isApiError } from "../../api/http";
import {
  issueFiltersDataOptions,
  useBulkCreateIssues,
  useCreateIssue,
  useIssuesPage,
  usePromoteIssue,
  useSetIssueVote,
  type CreateIssueBody,
  type IssueChanges,
} from "../../api/issues";
import { keys } from "../../api/keys";
import { useProjectBySlug } from "../../api/projects";
import { patchCachedObject } from "../../api/resource";
import type { Issue, Project } from "../../api/types";
import { ConflictPrompt } from "../../components/ConflictPrompt";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { ErrorMessage, errorText } from "../../components/ErrorMessage";
import { useToast } from "../../components/toast";
import { useItemSave } from "../../components/useItemSave";
import { fieldLabel, formatFieldValue } from "../../lib/format";
import type { AnyItem, ItemChanges } from "../../lib/itemKinds";
import { ColumnsChooser } from "./ColumnsChooser";
import { ALL_COLUMNS, COLUMNS, DEFAULT_COLUMNS, loadColumns, moveColumn, saveColumns, toggleColumn, type ColumnId } from "./columns";
import { FACET_LABELS, FacetPanel } from "./FacetPanel";
import { applyIssueChanges } from "./issueEdits";
import { IssuesTable, lookupsOf, moveRowFocus, type RowActions } from "./IssuesTable";
import {
  clearAll,
  clearFacet,
  issueFilters,
  issuesUrlParams,
  isFiltering,
  nextOrder,
  parseIssuesUrl,
  setFacetValue,
  sortOf,
  type Facet,
  type FacetMode,
  type IssuesViewState,
} from "./issuesUrl";

/** Opened now and then: their code loads on first use. */
const CreateIssueDialog = lazy(() => import("./CreateIssueDialog").then((m) => ({ default: m.CreateIssueDialog })));
const BulkAddIssuesDialog = lazy(() => import("./CreateIssueDialog").then((m) => ({ default: m.BulkAddIssuesDialog })));

const PAGE_SIZE_FALLBACK = 30;
const SEARCH_DELAY_MS = 300;

function TableSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" className="flex flex-col gap-2 p-4">
      <span role="status" className="sr-only">
        {label}
      </span>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

export default function IssuesPage() {
  const { slug = "" } = useParams();
  const project = useProjectBySlug(slug);
  if (project.isPending) return <TableSkeleton label="Loading issues…" />;
  if (project.isError) {
    return (
      <div className="mx-auto w-full max-w-lg px-6 py-16">
        <ErrorMessage title="The project could not be loaded" error={project.error} onRetry={() => void project.refetch()} />
      </div>
    );
  }
  if (!project.data.is_issues_activated) {
    return (
      <div className="p-6">
        <EmptyState title="Issues are switched off in this project">A project administrator can turn the issues module on in the project settings.</EmptyState>
      </div>
    );
  }
  return <IssuesView project={project.data} />;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.("input, textarea, select, [contenteditable='true'], [role='menu']");
}

function IssuesView({ project }: { project: Project }) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const toast = useToast();
  const state = useMemo(() => parseIssuesUrl(params), [params]);
  const filters = useMemo(() => issueFilters(state), [state]);
  const facetFilters = useMemo(() => {
    const rest = { ...filters };
    delete rest.order_by;
    return rest;
  }, [filters]);

  // ------------------------------------------------------------ data: one page and the facets, side by side
  const page = useIssuesPage(project.id, filters, state.page);
  const facets = useQuery({ ...issueFiltersDataOptions(project.id, facetFilters), placeholderData: keepPreviousData });
  const lookups = useMemo(() => lookupsOf(project), [project]);
  const items = page.data?.items ?? [];
  const pagination = page.data?.pagination ?? null;
  const total = pagination?.count ?? items.length;
  const perPage = pagination?.perPage ?? PAGE_SIZE_FALLBACK;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const loadingNext = page.isFetching && page.isPlaceholderData;

  // ------------------------------------------------------------ URL updates
  const go = useCallback(
    (next: IssuesViewState, options: { replace?: boolean } = {}) => {
      const search = issuesUrlParams(next).toString();
      navigate({ pathname: location.pathname, search: search ? `?${search}` : "" }, { replace: options.replace });
    },
    [navigate, location.pathname],
  );
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  // a page past the end (issues were closed or deleted since the link was made): back to the first
  useEffect(() => {
    if (page.isError && isApiError(page.error) && page.error.status === 404 && state.page > 1) go({ ...state, page: 1 }, { replace: true });
  }, [page.isError, page.error, state, go]);

  // ------------------------------------------------------------ announcements
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!page.data || page.isPlaceholderData) return;
    const key = params.toString();
    if (announced.current === key) return;
    const first = announced.current === null;
    announced.current = key;
    if (first) return;
    const count = page.data.pagination?.count ?? page.data.items.length;
    const sort = sortOf(state.orderBy);
    const sortText = sort ? ` Sorted by ${labelOfSort(sort.field)}, ${sort.descending ? "descending" : "ascending"}.` : "";
    setAnnouncement(`${count} ${count === 1 ? "issue" : "issues"}, page ${state.page} of ${Math.max(1, Math.ceil(count / perPage))}.${sortText}`);
  }, [page.data, page.isPlaceholderData, params, state.orderBy, state.page, perPage]);

  // ------------------------------------------------------------ search box (debounced into the URL)
  const [text, setText] = useState(state.q);
  const [syncedQ, setSyncedQ] = useState(state.q);
  if (syncedQ !== state.q) {
    // the URL changed under us (Back, a link): show its search
    setSyncedQ(state.q);
    setText(state.q);
  }
  useEffect(() => {
    if (text === stateRef.current.q) return;
    const timer = setTimeout(() => go({ ...stateRef.current, q: text, page: 1 }, { replace: stateRef.current.q !== "" && text !== "" }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, go]);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  // the view fills the window below the app's bars; the table, the facets and the pager scroll inside it
  const rootRef = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(96);
  useLayoutEffect(() => {
    const measure = () => setTop(Math.max(0, Math.round((rootRef.current?.getBoundingClientRect().top ?? 96) + window.scrollY)));
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);

  // ------------------------------------------------------------ keys: / searches, j/k move between rows
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector("[role='dialog'], [data-testid='item-panel']")) return;
      if (event.key === "/") {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === "j" || event.key === "k") {
        if (moveRowFocus(tableRef.current, event.key === "j" ? 1 : -1)) event.preventDefault();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ------------------------------------------------------------ columns
  const [columns, setColumns] = useState<ColumnId[]>(() => loadColumns());
  const changeColumns = (next: ColumnId[]) => {
    setColumns(next);
    saveColumns(next);
  };

  // ------------------------------------------------------------ changes
  const saver = useItemSave("issue");
  const setVote = useSetIssueVote();
  const promote = usePromoteIssue();
  const createIssue = useCreateIssue();
  const bulkCreate = useBulkCreateIssues(project.id);
  const [promoting, setPromoting] = useState<{ issue: Issue; storyRef?: number } | null>(null);
  const [dialog, setDialog] = useState<"create" | "bulk" | null>(null);

  const canEdit = project.my_permissions.includes("modify_issue");
  const canAdd = project.my_permissions.includes("add_issue");
  const canPromote = project.my_permissions.includes("add_us");

  const { save } = saver;
  const actions = useMemo<RowActions>(
    () => ({
      edit: (issue: Issue, changes: IssueChanges) => {
        void (async () => {
          await client.cancelQueries({ queryKey: keys.issues.projectLists(project.id) });
          const rollback = patchCachedObject<Issue>(client, keys.issues, issue, (row) => applyIssueChanges(row, changes, project));
          const outcome = await save(changes as ItemChanges, issue as unknown as AnyItem);
          if (outcome.status !== "saved") {
            rollback();
            void client.invalidateQueries({ queryKey: keys.issues.projectLists(project.id) });
          }
        })();
      },
      vote: (issue: Issue, vote: boolean) =>
        setVote.mutate(
          { object: issue, vote },
          { onError: (error) => toast.error(`Your vote on #${issue.ref} was not saved: ${errorText(error)}`) },
        ),
      promote: (issue: Issue) => setPromoting({ issue }),
      openFull: (issue: Issue) => navigate(`/project/${project.slug}/issue/${issue.ref}`),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setVote.mutate is stable; the rest is what the actions use
    [client, project, save, toast, navigate, setVote.mutate],
  );

  const onFacet = useCallback((facet: Facet, value: string, mode: FacetMode) => go(setFacetValue(stateRef.current, facet, value, mode)), [go]);
  const onClearFacet = useCallback((facet: Facet) => go(clearFacet(stateRef.current, facet)), [go]);
  const onSort = useCallback(
    (field: string) => {
      const orderBy = nextOrder(stateRef.current.orderBy, field);
      const sort = sortOf(orderBy);
      if (sort) setAnnouncement(`Sorting by ${labelOfSort(sort.field)}, ${sort.descending ? "descending" : "ascending"}…`);
      go({ ...stateRef.current, orderBy, page: 1 });
    },
    [go],
  );
  const goToPage = (n: number) => go({ ...state, page: Math.min(Math.max(1, n), lastPage) });

  const linkState = useMemo(() => ({ background: location }), [location]);
  const filtering = isFiltering(state);
  const sort = sortOf(state.orderBy);
  const caption = `Issues of ${project.name}${sort ? `, sorted by ${labelOfSort(sort.field)} ${sort.descending ? "descending" : "ascending"}` : ", newest first"}`;
  const from = total === 0 ? 0 : (state.page - 1) * perPage + 1;
  const to = Math.min(total, (state.page - 1) * perPage + items.length);
  const chips = activeChips(state, facets.data ? facetNames(facets.data) : null);

  return (
    <div ref={rootRef} className="flex min-h-[24rem]" style={{ height: `calc(100vh - ${top}px)` }}>
      <aside aria-label="Filters" className="hidden w-64 shrink-0 overflow-y-auto border-r border-slate-200 bg-white px-2 py-3 md:block">
        <div className="mb-2 flex items-center justify-between px-1">
          <h2 className="text-sm font-semibold text-slate-800">Filters</h2>
          {filtering && (
            <button type="button" onClick={() => go(clearAll(state))} className="text-xs text-indigo-700 hover:underline">
              Clear all
            </button>
          )}
        </div>
        {facets.isError && !facets.data ? (
          <ErrorMessage title="The filters could not be loaded" error={facets.error} onRetry={() => void facets.refetch()} />
        ) : (
          <FacetPanel data={facets.data} state={state} loading={facets.isFetching && facets.isPlaceholderData} onChange={onFacet} onClear={onClearFacet} />
        )}
      </aside>

      <section aria-labelledby="issues-heading" className="flex min-w-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2">
          <h2 id="issues-heading" className="mr-2 text-base font-semibold text-slate-900">
            Issues
          </h2>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search issues"
            placeholder="Search (press /)"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") go({ ...state, q: text, page: 1 });
              if (e.key === "Escape" && text) {
                e.stopPropagation();
                setText("");
              }
            }}
            className="w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
          />
          {loadingNext && (
            <span className="text-xs text-slate-500" aria-hidden="true">
              Updating…
            </span>
          )}
          <div className="ml-auto flex items-center gap-2">
            <ColumnsChooser
              visible={columns}
              onToggle={(id) => changeColumns(toggleColumn(columns, id))}
              onMove={(id, by) => changeColumns(moveColumn(columns, id, by))}
              onReset={() => changeColumns([...DEFAULT_COLUMNS])}
            />
            {canAdd && (
              <>
                <button type="button" onClick={() => setDialog("bulk")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
                  Add several
                </button>
                <button type="button" onClick={() => setDialog("create")} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
                  New issue
                </button>
              </>
            )}
          </div>
        </div>

        {chips.length > 0 && (
          <ul aria-label="Active filters" className="flex flex-wrap gap-1.5 border-b border-slate-100 bg-white px-4 py-1.5">
            {chips.map((chip) => (
              <li key={`${chip.facet}-${chip.mode}-${chip.value}`}>
                <button
                  type="button"
                  onClick={() => onFacet(chip.facet, chip.value, "off")}
                  aria-label={`Remove filter ${chip.text}`}
                  className={`rounded-full px-2 py-0.5 text-xs ${chip.mode === "exclude" ? "bg-red-50 text-red-800" : "bg-indigo-50 text-indigo-800"} hover:opacity-80`}
                >
                  {chip.text} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}

        <p role="status" aria-live="polite" className="sr-only">
          {announcement}
        </p>

        <div ref={tableRef} className="min-h-0 flex-1 overflow-auto">
          {page.isPending ? (
            <TableSkeleton label="Loading issues…" />
          ) : page.isError && !page.data ? (
            <div className="p-6">
              <ErrorMessage title="The issues could not be loaded" error={page.error} onRetry={() => void page.refetch()} />
            </div>
          ) : items.length === 0 ? (
            <div className="p-6">
              {filtering ? (
                <EmptyState
                  title="No issues match these filters"
                  action={
                    <button type="button" onClick={() => go(clearAll(state))} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
                      Clear filters
                    </button>
                  }
                >
                  Try fewer filters, or another search.
                </EmptyState>
              ) : (
                <EmptyState
                  title="No issues yet"
                  action={
                    canAdd && (
                      <button type="button" onClick={() => setDialog("create")} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
                        New issue
                      </button>
                    )
                  }
                >
                  Bugs, questions and enhancements reported in this project show up here.
                </EmptyState>
              )}
            </div>
          ) : (
            <>
              {page.isError && <ErrorMessage title="The issues could not be refreshed" error={page.error} onRetry={() => void page.refetch()} />}
              <IssuesTable
                issues={items}
                columns={columns}
                lookups={lookups}
                slug={project.slug}
                orderBy={state.orderBy}
                onSort={onSort}
                busy={loadingNext}
                canEdit={canEdit}
                canPromote={canPromote}
                actions={actions}
                linkState={linkState}
                caption={caption}
              />
            </>
          )}
        </div>

        {total > 0 && (
          <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 border-t border-slate-200 bg-white px-4 py-2 text-sm text-slate-600">
            <span data-testid="issues-range">
              {from}–{to} of {total.toLocaleString()} {total === 1 ? "issue" : "issues"}
            </span>
            <span className="ml-auto flex items-center gap-1">
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={state.page <= 1} onClick={() => goToPage(1)} aria-label="First page">
                «
              </button>
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={state.page <= 1} onClick={() => goToPage(state.page - 1)}>
                Previous
              </button>
              <label className="flex items-center gap-1">
                Page
                <input
                  key={state.page}
                  type="number"
                  min={1}
                  max={lastPage}
                  defaultValue={state.page}
                  aria-label={`Page, of ${lastPage}`}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") goToPage(Number((e.target as HTMLInputElement).value) || 1);
                  }}
                  onBlur={(e) => Number(e.target.value) !== state.page && goToPage(Number(e.target.value) || 1)}
                  className="w-14 rounded border border-slate-300 px-1 py-0.5 text-center"
                />
                of {lastPage}
              </label>
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={state.page >= lastPage} onClick={() => goToPage(state.page + 1)}>
                Next
              </button>
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={state.page >= lastPage} onClick={() => goToPage(lastPage)} aria-label="Last page">
                »
              </button>
            </span>
          </nav>
        )}
      </section>

      <ConflictPrompt
        open={!!saver.pending}
        noun="issue"
        conflicts={saver.pending?.conflicts ?? []}
        fieldLabel={fieldLabel}
        formatValue={(field, value) => formatFieldValue("issue", project, project.members, field, value)}
        busy={saver.busy}
        onKeepMine={() => void saver.keepMine()}
        onTakeTheirs={() => void saver.takeTheirs()}
        onEdit={saver.backToEditor}
        onClose={saver.backToEditor}
      />

      {promoting && (
        <PromoteDialog
          issue={promoting.issue}
          storyRef={promoting.storyRef}
          slug={project.slug}
          busy={promote.isPending}
          error={promote.error}
          onConfirm={() =>
            promote.mutate(promoting.issue, {
              onSuccess: (storyRef) => setPromoting((p) => (p ? { ...p, storyRef } : p)),
            })
          }
          onClose={() => {
            promote.reset();
            setPromoting(null);
          }}
        />
      )}

      <Suspense fallback={null}>
        {dialog === "create" && (
          <CreateIssueDialog
            project={project}
            onClose={() => setDialog(null)}
            onCreate={async (body: CreateIssueBody) => {
              const created = await createIssue.mutateAsync(body);
              toast.success(`Issue #${created.ref} created.`, { action: { label: "Open", onClick: () => navigate(`/project/${project.slug}/issue/${created.ref}`, { state: { background: location } }) } });
              return created;
            }}
          />
        )}
        {dialog === "bulk" && (
          <BulkAddIssuesDialog
            onClose={() => setDialog(null)}
            onSubmit={async (bulk) => {
              const created = await bulkCreate.mutateAsync({ text: bulk });
              toast.success(`${created.length} ${created.length === 1 ? "issue" : "issues"} added.`);
              return created.length;
            }}
          />
        )}
      </Suspense>
    </div>
  );
}

function labelOfSort(field: string): string {
  const column = ALL_COLUMNS.find((c) => COLUMNS[c].sort === field);
  return column ? COLUMNS[column].label : field.replace(/_/g, " ");
}

/** Names of the facet values, to label the active-filter chips. */
function facetNames(data: NonNullable<Parameters<typeof FacetPanel>[0]["data"]>): Record<Facet, Map<string, string>> {
  const map = (entries: [string, string][]) => new Map(entries);
  return {
    type: map(data.types.map((v) => [String(v.id), v.name])),
    severity: map(data.severities.map((v) => [String(v.id), v.name])),
    priority: map(data.priorities.map((v) => [String(v.id), v.name])),
    status: map(data.statuses.map((v) => [String(v.id), v.name])),
    assigned_to: map(data.assigned_to.map((v) => [v.id === null ? "null" : String(v.id), v.id === null ? "Unassigned" : v.full_name])),
    owner: map(data.owners.map((v) => [String(v.id), v.full_name])),
    role: map(data.roles.map((v) => [String(v.id), v.name])),
    tags: map(data.tags.map((v) => [v.name, v.name])),
  };
}

function activeChips(state: IssuesViewState, names: Record<Facet, Map<string, string>> | null) {
  const chips: { facet: Facet; value: string; mode: "include" | "exclude"; text: string }[] = [];
  for (const facet of Object.keys(FACET_LABELS) as Facet[]) {
    for (const mode of ["include", "exclude"] as const) {
      for (const value of state[mode][facet]) {
        const name = names?.[facet].get(value) ?? (value === "null" ? "Unassigned" : value);
        chips.push({ facet, value, mode, text: `${FACET_LABELS[facet]}${mode === "exclude" ? " is not" : ":"} ${name}` });
      }
    }
  }
  return chips;
}

function PromoteDialog({
  issue,
  storyRef,
  slug,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  issue: Issue;
  storyRef?: number;
  slug: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Dialog
      open
      onClose={onClose}
      title={storyRef ? "User story created" : `Promote #${issue.ref} to a user story?`}
      description={
        storyRef
          ? `#${issue.ref} stays open; the new story links back to it.`
          : "A new user story gets this issue's subject, description, tags, sprint, assignee, comments, attachments and watchers. The issue stays."
      }
      footer={
        storyRef ? (
          <>
            <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Close
            </button>
            <a
              href={`/project/${slug}/us/${storyRef}`}
              onClick={(e) => {
                e.preventDefault();
                onClose();
                navigate(`/project/${slug}/us/${storyRef}`, { state: { background: location } });
              }}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Open user story #{storyRef}
            </a>
          </>
        ) : (
          <>
            <button type="button" onClick={onClose} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Cancel
            </button>
            <button type="button" onClick={onConfirm} disabled={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
              {busy ? "Promoting…" : "Promote"}
            </button>
          </>
        )
      }
    >
      <p className="text-sm text-slate-700">
        #{issue.ref} {issue.subject}
      </p>
      {storyRef !== undefined && (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          Created user story #{storyRef}.
        </p>
      )}
      {error !== null && error !== undefined && !storyRef && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          The issue could not be promoted: {errorText(error)}
        </p>
      )}
    </Dialog>
  );
}


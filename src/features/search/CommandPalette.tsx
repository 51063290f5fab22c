/**
 * The command palette (Ctrl/Cmd+K in a project): searches the project's stories, tasks, issues,
 * epics and wiki pages as the user types (`/search`, debounced; a newer text cancels the request
 * of an older one), shows the hits in groups with their counts, and opens the chosen one. `#123`
 * jumps straight to the item carrying that ref (`/resolver`). A combobox over a listbox: focus stays
 * in the text field, the arrow keys move the active option, Enter opens it, Escape closes.
 */
import { useEffect, useId, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useResolvedRef } from "../../api/resolver";
import { useSearch } from "../../api/search";
import type { Project } from "../../api/types";
import { errorText } from "../../components/ErrorMessage";
import { buildGroups, moveActive, parseQuery, refTarget, resultsSummary, type GroupId, type PaletteOption } from "./paletteModel";

/** Pause after the last keystroke before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 200;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export default function CommandPalette({ project, onClose }: { project: Project; onClose: () => void }) {
  const navigate = useNavigate();
  const [input, setInput] = useState("");
  const [expanded, setExpanded] = useState<ReadonlySet<GroupId>>(new Set());
  const [active, setActive] = useState(-1);
  const [jumpWanted, setJumpWanted] = useState(false);
  const listId = useId();
  const optionId = (id: string) => `${listId}-${id}`;

  const typed = parseQuery(input);
  const query = parseQuery(useDebounced(input, SEARCH_DEBOUNCE_MS));
  const searchText = typed.kind === "text" && query.kind === "text" ? query.text : "";
  const search = useSearch(project.id, searchText, { enabled: searchText !== "" });
  const ref = typed.kind === "ref" ? typed.ref : undefined;
  // The ref is resolved as soon as it is typed, so Enter can jump without a wait.
  const resolved = useResolvedRef(project.slug, ref);
  const jump = ref !== undefined && resolved.data ? refTarget(project.slug, ref, resolved.data) : null;

  const groups = useMemo(() => (typed.kind === "text" ? buildGroups(search.data, project, expanded) : []), [typed.kind, search.data, project, expanded]);
  const options = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const refOption: PaletteOption | null =
    ref === undefined ? null : { id: "jump", group: "userstories", to: jump?.to ?? "", ref: `#${ref}`, label: jump ? `Go to ${jump.noun.toLowerCase()} #${ref}` : `Go to #${ref}`, detail: null, color: null };
  const all = refOption ? [refOption] : options;
  const activeIndex = active >= all.length ? -1 : refOption ? 0 : active;
  const activeOption = activeIndex >= 0 ? all[activeIndex] : undefined;

  // A new text starts at its first hit.
  const [lastText, setLastText] = useState(searchText);
  if (lastText !== searchText) {
    setLastText(searchText);
    setActive(0);
    setExpanded(new Set());
  }

  const open = (option: PaletteOption) => {
    if (option.expands) {
      setExpanded((prev) => new Set([...prev, option.group]));
      return;
    }
    if (option.id === "jump") {
      if (jump) {
        navigate(jump.to);
        onClose();
      } else setJumpWanted(true);
      return;
    }
    navigate(option.to);
    onClose();
  };

  // Enter before the ref was resolved: jump as soon as it is.
  useEffect(() => {
    if (jumpWanted && jump) {
      navigate(jump.to);
      onClose();
    }
  }, [jumpWanted, jump, navigate, onClose]);

  useEffect(() => {
    if (activeOption) document.getElementById(optionId(activeOption.id))?.scrollIntoView?.({ block: "nearest" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- ids derive from listId, stable for the palette's life
  }, [activeOption]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp" || ((event.key === "Home" || event.key === "End") && event.ctrlKey)) {
      event.preventDefault();
      setActive(moveActive(activeIndex, all.length, event.key));
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (activeOption) open(activeOption);
    } else if (event.key === "Tab") {
      // The text field is the only stop in the palette.
      event.preventDefault();
    }
  };

  let status: React.ReactNode = null;
  if (typed.kind === "empty") status = "Type to search stories, tasks, issues, epics and wiki pages. #123 jumps to an item.";
  else if (ref !== undefined) {
    if (resolved.isError) status = `#${ref} could not be looked up: ${errorText(resolved.error)}`;
    else if (resolved.data?.kind === "none") status = `No item of ${project.name} has #${ref}.`;
    else if (!jump) status = `Looking up #${ref}…`;
  } else if (search.isError) status = `The search failed: ${errorText(search.error)}`;
  else if (searchText === "" || (search.isPending && !search.data)) status = "Searching…";
  else if (search.data && groups.length === 0 && !search.isPlaceholderData) status = `Nothing in ${project.name} matches “${searchText}”.`;
  const busy = (searchText !== "" && search.isFetching) || (typed.kind === "text" && searchText !== (query.kind === "text" ? query.text : ""));

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/40 p-4 pt-[12vh]" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label={`Search ${project.name}`} className="flex max-h-[70vh] w-full max-w-xl flex-col overflow-hidden rounded-xl bg-white shadow-2xl">
        <div className="flex items-center gap-2 border-b border-slate-100 px-4">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-400">
            <path fill="currentColor" d="M8.5 3a5.5 5.5 0 0 1 4.38 8.82l3.65 3.65-1.06 1.06-3.65-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
          </svg>
          <input
            autoFocus
            role="combobox"
            aria-label={`Search ${project.name}`}
            aria-expanded={all.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeOption ? optionId(activeOption.id) : undefined}
            aria-busy={busy}
            placeholder="Search or jump to #ref…"
            spellCheck={false}
            autoComplete="off"
            value={input}
            onChange={(e) => {
              setInput(e.target.value);
              setJumpWanted(false);
            }}
            onKeyDown={onKeyDown}
            className="min-w-0 flex-1 bg-transparent py-3 text-base text-slate-900 outline-none placeholder:text-slate-400"
          />
          {busy && <span aria-hidden="true" className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-500" />}
          <kbd className="rounded border border-slate-200 px-1.5 text-xs text-slate-500">Esc</kbd>
        </div>
        <div id={listId} role="listbox" aria-label="Results" className="min-h-0 flex-1 overflow-y-auto py-1">
          {refOption && <Option option={refOption} domId={optionId(refOption.id)} active={activeIndex === 0} onPick={open} onHover={() => setActive(0)} />}
          {!refOption &&
            groups.map((group) => (
              <div key={group.id} role="group" aria-labelledby={optionId(`${group.id}-title`)}>
                <div id={optionId(`${group.id}-title`)} className="flex items-center justify-between px-4 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {group.title}
                  <span className="rounded-full bg-slate-100 px-1.5 py-px font-medium normal-case tracking-normal text-slate-600">{group.count}</span>
                </div>
                {group.options.map((option) => {
                  const index = options.indexOf(option);
                  return <Option key={option.id} option={option} domId={optionId(option.id)} active={index === activeIndex} onPick={open} onHover={() => setActive(index)} />;
                })}
              </div>
            ))}
        </div>
        {status && <p className="px-4 py-3 text-sm text-slate-500">{status}</p>}
        <p role="status" className="sr-only">
          {typed.kind === "text" && search.data && !search.isPlaceholderData ? resultsSummary(groups) : ""}
        </p>
        <div className="flex gap-4 border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          <span>
            <kbd className="font-sans">↑↓</kbd> move
          </span>
          <span>
            <kbd className="font-sans">Enter</kbd> open
          </span>
          <span>
            <kbd className="font-sans">#123</kbd> jump to an item
          </span>
        </div>
      </div>
    </div>
  );
}

function Option({ option, domId, active, onPick, onHover }: { option: PaletteOption; domId: string; active: boolean; onPick: (o: PaletteOption) => void; onHover: () => void }) {
  return (
    <div
      id={domId}
      role="option"
      aria-selected={active}
      // Keeps the focus in the text field.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={active ? undefined : onHover}
      onClick={() => onPick(option)}
      className={`mx-1 flex cursor-pointer items-center gap-2 rounded-md px-3 py-1.5 text-sm ${active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"} ${option.expands ? "font-medium text-indigo-700" : ""}`}
    >
      {option.color && <span aria-hidden="true" className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: option.color }} />}
      {option.ref && <span className="shrink-0 font-mono text-xs text-slate-500">{option.ref}</span>}
      <span className="min-w-0 flex-1 truncate">{option.label}</span>
      {option.detail && <span className="shrink-0 text-xs text-slate-500">{option.detail}</span>}
    </div>
  );
}

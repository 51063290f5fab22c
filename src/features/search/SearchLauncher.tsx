/**
 * What every project page carries of the command palette: a "Search" button and the Ctrl/Cmd+K
 * shortcut. The palette itself is its own chunk, fetched when first wanted (a hover or focus on
 * the button starts fetching it early).
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { Project } from "../../api/types";

const load = () => import("./CommandPalette");
const CommandPalette = lazy(load);
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchLauncher({ project }: { project: Project }) {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    const back = returnFocus.current;
    // After the palette has gone (a route change may have removed the element meanwhile).
    requestAnimationFrame(() => back?.isConnected && back.focus());
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // An editor that uses Ctrl+K itself (a link in Markdown) has already handled it.
      if (event.defaultPrevented || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "k") return;
      event.preventDefault();
      if (open) close();
      else show();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, show, close]);

  return (
    <>
      <button
        type="button"
        onClick={show}
        onPointerEnter={() => void load()}
        onFocus={() => void load()}
        aria-keyshortcuts={isMac ? "Meta+K" : "Control+K"}
        aria-haspopup="dialog"
        className="ml-auto flex items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-sm text-slate-500 hover:bg-slate-50 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        Search
        <kbd className="rounded border border-slate-200 px-1 text-xs">{isMac ? "⌘K" : "Ctrl K"}</kbd>
      </button>
      {open && (
        <Suspense fallback={null}>
          <CommandPalette project={project} onClose={close} />
        </Suspense>
      )}
    </>
  );
}

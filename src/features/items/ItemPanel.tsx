/**
 * The background-location pattern: a link into a story, task or issue that carries
 * `state: { background: location }` opens the item as a side panel over the view it came from.
 * That view stays mounted (same element, same place in the tree), so it keeps its scroll,
 * filters and state; it keeps reading the background location. Escape or the close button
 * go back to it. Loaded directly (or after a reload with nothing behind it), the item's URL
 * shows the full page.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { UNSAFE_LocationContext, useLocation, useNavigate, useNavigationType, useOutlet, type Location } from "react-router";

interface PanelApi {
  close: () => void;
  /** The state to put on links inside the panel, so they open in the panel too. */
  linkState: { background: Location };
}

const PanelContext = createContext<PanelApi | null>(null);

/** Inside a side panel: how to close it. `null` on a full page. */
export function usePanel(): PanelApi | null {
  return useContext(PanelContext);
}

export function backgroundOf(state: unknown): Location | null {
  if (state && typeof state === "object" && "background" in state) {
    const bg = (state as { background?: unknown }).background;
    if (bg && typeof bg === "object" && typeof (bg as Location).pathname === "string") return bg as Location;
  }
  return null;
}

interface Kept {
  key: string;
  location: Location;
  element: ReactNode;
}

/** Drop-in replacement for `<Outlet />` in a layout whose children can open as side panels. */
export function PanelOutlet() {
  const outlet = useOutlet();
  const location = useLocation();
  const navigationType = useNavigationType();
  const navigate = useNavigate();
  const background = backgroundOf(location.state);
  const [kept, setKept] = useState<Kept | null>(null);

  if (!background && kept?.key !== location.key) {
    setKept({ key: location.key, location, element: outlet });
  }
  const showPanel = !!background && !!kept && kept.location.pathname === background.pathname;

  const close = useCallback(() => {
    if (!background) return;
    navigate(`${background.pathname}${background.search}${background.hash}`, { state: background.state });
  }, [background, navigate]);

  const main = showPanel && kept ? kept.element : outlet;
  const mainLocation = showPanel && kept ? kept.location : location;
  return (
    <>
      <UNSAFE_LocationContext.Provider value={{ location: mainLocation, navigationType }}>{main}</UNSAFE_LocationContext.Provider>
      {showPanel && background && (
        <PanelContext.Provider value={{ close, linkState: { background } }}>
          <SidePanel onClose={close}>{outlet}</SidePanel>
        </PanelContext.Provider>
      )}
    </>
  );
}

function SidePanel({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    // Bubble phase on window: a modal dialog inside the panel stops Escape before it gets here.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.closest("input, textarea, select, [contenteditable='true']") || target.closest("[role='menu']"))) return;
      onCloseRef.current();
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);

  return (
    <aside
      ref={ref}
      tabIndex={-1}
      aria-label="Item details"
      data-testid="item-panel"
      className="fixed bottom-0 right-0 top-12 z-40 flex w-full max-w-3xl flex-col overflow-y-auto border-l border-slate-200 bg-white shadow-2xl outline-none"
    >
      <div className="sticky top-0 z-10 flex justify-end border-b border-slate-100 bg-white/95 px-3 py-1.5">
        <button
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          Close panel <span aria-hidden="true">×</span>
        </button>
      </div>
      {children}
    </aside>
  );
}

/**
 * Toast notifications: `const toast = useToast(); toast.error("Could not move the story")`.
 * Errors are announced assertively (role="alert"), the rest politely.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastKind = "info" | "success" | "error";

export interface ToastOptions {
  kind?: ToastKind;
  /** Milliseconds before it goes away by itself; 0 keeps it until dismissed. */
  duration?: number;
  /** Optional action button, e.g. "Undo". */
  action?: { label: string; onClick: () => void };
}

export interface ToastItem {
  id: number;
  message: string;
  kind: ToastKind;
  duration: number;
  action?: ToastOptions["action"];
}

export interface ToastApi {
  show: (message: string, options?: ToastOptions) => number;
  info: (message: string, options?: Omit<ToastOptions, "kind">) => number;
  success: (message: string, options?: Omit<ToastOptions, "kind">) => number;
  error: (message: string, options?: Omit<ToastOptions, "kind">) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const DEFAULT_DURATION: Record<ToastKind, number> = { info: 4000, success: 4000, error: 7000 };

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const show = useCallback((message: string, options: ToastOptions = {}) => {
    const kind = options.kind ?? "info";
    const id = nextId.current++;
    const item: ToastItem = { id, message, kind, duration: options.duration ?? DEFAULT_DURATION[kind], action: options.action };
    setToasts((list) => [...list.slice(-4), item]);
    return id;
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      show,
      dismiss,
      info: (m, o) => show(m, { ...o, kind: "info" }),
      success: (m, o) => show(m, { ...o, kind: "success" }),
      error: (m, o) => show(m, { ...o, kind: "error" }),
    }),
    [show, dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-full max-w-sm flex-col gap-2"
        data-testid="toasts"
      >
        {toasts.map((t) => (
          <Toast key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

const KIND_STYLE: Record<ToastKind, string> = {
  info: "border-slate-200 bg-white text-slate-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-900",
};

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: number) => void }) {
  useEffect(() => {
    if (!toast.duration) return;
    const timer = setTimeout(() => onDismiss(toast.id), toast.duration);
    return () => clearTimeout(timer);
  }, [toast.id, toast.duration, onDismiss]);

  return (
    <div
      role={toast.kind === "error" ? "alert" : "status"}
      className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${KIND_STYLE[toast.kind]}`}
    >
      <p className="flex-1">{toast.message}</p>
      {toast.action && (
        <button
          type="button"
          className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
          onClick={() => {
            toast.action?.onClick();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        aria-label="Dismiss notification"
        className="-m-1 rounded p-1 text-current opacity-60 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}

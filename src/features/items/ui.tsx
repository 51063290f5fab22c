/** Small building blocks shared by the detail page's sections. */
import type { ReactNode } from "react";

export const buttonClass = {
  primary:
    "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500",
  secondary:
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500",
  quiet:
    "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-indigo-500",
  danger:
    "rounded px-1.5 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-red-500",
};

export const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 disabled:bg-slate-50";

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-label={title} className="border-t border-slate-100 pt-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * Turns every control inside off when the user may not make that change (a Stakeholder, a
 * blocked project), without a box or layout of its own; links keep working.
 */
export function Editable({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  return (
    <fieldset disabled={!allowed} className="contents">
      {children}
    </fieldset>
  );
}

/** A labelled row in the side column. */
export function Field({ label, children, htmlFor }: { label: string; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="flex flex-col gap-1">
      {htmlFor ? (
        <label htmlFor={htmlFor} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {label}
        </label>
      ) : (
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</span>
      )}
      {children}
    </div>
  );
}

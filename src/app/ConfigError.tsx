/** Shown instead of the app when /config.json cannot be read. */
export function ConfigErrorScreen({ message }: { message: string }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <div role="alert" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">The dashboard could not start</h1>
        <p className="mt-2 text-sm text-slate-600">Its configuration file could not be loaded.</p>
        <p className="mt-2 rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">{message}</p>
        <p className="mt-3 text-sm text-slate-600">
          Check that <code>/config.json</code> is served and looks like <code>{'{"api": "/api/v1"}'}</code>, then reload.
        </p>
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="mt-4 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Reload
        </button>
      </div>
    </main>
  );
}

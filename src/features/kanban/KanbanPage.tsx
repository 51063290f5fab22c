/** Placeholder until the Kanban board lands in this file. */
export default function KanbanPage() {
  return (
    <section className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-xl font-semibold text-slate-900">Kanban</h1>
      <p className="mt-3 text-sm text-slate-600">This view is coming soon. It is not available in the dashboard yet.</p>
    </section>
  );
}

import { Link, useLocation } from "react-router";

export default function NotFound() {
  const location = useLocation();
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        Nothing lives at <code className="rounded bg-slate-100 px-1">{location.pathname}</code>.
      </p>
      <Link to="/projects" className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Go to your projects
      </Link>
    </main>
  );
}

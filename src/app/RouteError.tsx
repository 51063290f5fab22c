import { Link } from "react-router";
import { isApiError } from "../api/http";
import { errorText } from "../components/ErrorMessage";

/** A failed chunk import: the app was redeployed (or the network dropped) since this page was loaded. */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i.test(error.message)
  );
}

/** What a route shows when it failed to render: what went wrong, and a way out. */
export function RouteError({ error }: { error: unknown }) {
  let title = "Something went wrong";
  let text = errorText(error);
  if (isApiError(error) && error.kind === "network") {
    title = "Cannot reach the server";
  } else if (isChunkLoadError(error)) {
    title = "The application was updated";
    text = "Reload the page to get the latest version.";
  }
  return (
    <div className="mx-auto max-w-lg px-6 py-16">
      <div role="alert" className="rounded-xl border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text}</p>
        <div className="mt-4 flex gap-3 text-sm">
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Reload
          </button>
          <Link to="/projects" className="rounded-md px-3 py-1.5 font-medium text-indigo-700 hover:bg-indigo-50">
            Go to your projects
          </Link>
        </div>
      </div>
    </div>
  );
}

import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { isApiError } from "../api/http";
import { errorText } from "../components/ErrorMessage";

/** `errorElement` of every route: what went wrong, and a way out. */
export function RouteError() {
  const error = useRouteError();
  let title = "Something went wrong";
  let text = errorText(error);
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? "Page not found" : `Error ${error.status}`;
    text = error.statusText || "The page could not be shown.";
  } else if (isApiError(error) && error.kind === "network") {
    title = "Cannot reach the server";
  } else if (error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message)) {
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

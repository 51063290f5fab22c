import { useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router";

/**
 * The URL's search params, and a setter that builds the next ones on the URL as it is *now*.
 *
 * react-router writes a navigation to the address bar at once but renders it inside a transition,
 * so for a moment (longer on a busy machine or a big board) the page still shows the previous
 * params. `useSearchParams`' own setter hands its updater those rendered, stale params, and a handler
 * that ran in that gap (a second click right after "Clear filters", a debounced text box) wrote the
 * old state back over the newer one. Here the updater always receives `window.location.search`.
 */
export function useLiveSearchParams(): [URLSearchParams, (update: (current: URLSearchParams) => URLSearchParams) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const update = useCallback(
    (fn: (current: URLSearchParams) => URLSearchParams) => {
      const next = fn(new URLSearchParams(window.location.search)).toString();
      void navigate({ search: next ? `?${next}` : "" }, { replace: true });
    },
    [navigate],
  );
  return [params, update];
}

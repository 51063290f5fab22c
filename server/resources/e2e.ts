/** Test-only helpers, mounted only when the server runs with `TAIGA_E2E=1`. */
import type { Routes } from "../http/context";
import { empty } from "../http/respond";

export function registerE2e(routes: Routes): void {
  // Wipes every table and reseeds the demo data, so each Playwright spec starts from the same state.
  routes.add("/__e2e__/reset", {
    POST: (c) => {
      c.var.deps.reseed();
      return empty(204);
    },
  });
}

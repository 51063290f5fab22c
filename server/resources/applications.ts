/**
 * External applications and their tokens (taiga/external_apps): `GET /applications/{id}`,
 * `GET /applications/{id}/token`, `GET /application-tokens`, `GET`/`DELETE /application-tokens/{id}`,
 * `POST /application-tokens/authorize` and `/validate`.
 *
 * In taiga-back an application is registered by a server administrator (Django admin); this server has
 * no such registry, so — like a Taiga where nobody registered one — there is no application and no
 * token: lookups answer Taiga's 404s, the token list is empty, and the checks that come first (sign-in
 * required, methods refused) answer as taiga-back does.
 */
import type { Ctx, Routes } from "../http/context";
import { HttpError, notFound, permissionDenied } from "../http/errors";
import { paginate } from "../http/pagination";

const NO_APPLICATION = "No Application matches the given query.";
const NO_TOKEN = "No ApplicationToken matches the given query.";

/** `NotAuthenticated(_("Authentication required"))` of the external apps views. */
function requireSignedIn(c: Ctx): void {
  if (!c.var.user) {
    throw new HttpError(401, { _error_message: "Authentication required", _error_type: "taiga.base.exceptions.NotAuthenticated" }, { "WWW-Authenticate": 'Bearer realm="api"' });
  }
}

/** `NotSupported`: creating or editing a token through the API is disabled. */
const notSupported = (): HttpError => new HttpError(405, { _error_message: "Method not supported for this endpoint.", _error_type: "taiga.base.exceptions.NotSupported" });

export function registerApplications(routes: Routes): void {
  routes.add("/applications/:id", {
    GET: () => {
      throw notFound(NO_APPLICATION);
    },
  });
  routes.add("/applications/:id/token", {
    GET: (c) => {
      requireSignedIn(c);
      throw notFound(NO_APPLICATION);
    },
  });
  routes.add("/application-tokens", {
    GET: (c) => {
      requireSignedIn(c);
      return paginate(c, 0, () => []);
    },
    POST: (c) => {
      requireSignedIn(c);
      throw notSupported();
    },
  });
  routes.add("/application-tokens/authorize", {
    POST: (c) => {
      requireSignedIn(c);
      throw notFound(NO_APPLICATION);
    },
  });
  routes.add("/application-tokens/validate", {
    POST: () => {
      throw notFound(NO_TOKEN);
    },
  });
  routes.add("/application-tokens/:id", {
    GET: (c) => {
      requireSignedIn(c);
      throw notFound(NO_TOKEN);
    },
    PUT: (c) => {
      requireSignedIn(c);
      throw notSupported();
    },
    PATCH: (c) => {
      requireSignedIn(c);
      throw notSupported();
    },
    DELETE: (c) => {
      requireSignedIn(c);
      // the token is looked up first, then CanUseToken refuses a missing one unless the caller is a superuser
      if (c.var.user?.is_superuser !== 1) throw permissionDenied();
      throw notFound();
    },
  });
}

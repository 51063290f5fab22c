/**
 * Invitations (taiga/projects/api.py `InvitationViewSet`): `GET /invitations/{token}` shows a pending
 * membership to anyone holding its token (the link of the invitation e-mail), so the front can offer to
 * accept it; the list is refused and other methods are 405 (the seed doc's `POST` included).
 */
import type { Routes } from "../http/context";
import { notFound, permissionDenied } from "../http/errors";
import { json } from "../http/respond";
import { serializeMembership } from "./memberships";

export function registerInvitations(routes: Routes): void {
  routes.add("/invitations", {
    GET: () => {
      throw permissionDenied("You don't have permissions to see that.");
    },
  });
  routes.add("/invitations/:token", {
    GET: (c) => {
      const db = c.var.deps.db;
      const row = db.prepare("SELECT * FROM memberships WHERE token = ? AND user_id IS NULL").get(c.req.param("token") ?? "") as Parameters<typeof serializeMembership>[1] | undefined;
      if (!row) throw notFound("No Membership matches the given query.");
      return json(c, serializeMembership(db, row, false));
    },
  });
}

/** Taiga's CORS headers (taiga/base/middleware/cors.py), sent on every API response. */
import type { Context } from "hono";
import { json } from "./respond";

export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers":
    "content-type,x-requested-with,authorization,accept-encoding,x-disable-pagination,x-lazy-pagination,x-host,x-session-id,set-orders",
  "access-control-allow-methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS,HEAD",
  "access-control-expose-headers":
    "x-pagination-count,x-paginated,x-paginated-by,x-pagination-current,x-pagination-next,x-pagination-prev,x-site-host,x-site-register,taiga-info-total-opened-milestones,taiga-info-total-closed-milestones,taiga-info-backlog-total-userstories,taiga-info-userstories-without-swimlane,taiga-info-project-memberships,taiga-info-project-is-private,taiga-info-order-updated",
  "access-control-max-age": "1800",
  "access-control-allow-credentials": "true",
};

/** `OPTIONS` on any API URL: 200 with DRF's small view description. */
export function preflight(c: Context): Response {
  const resource = c.req.path.replace(/^\/api\/v1\/?/, "").split("/")[0] ?? "";
  const name = resource
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(" ");
  return json(c, {
    name: `${name || "Api Root"} List`,
    description: "",
    renders: ["application/json"],
    parses: ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
  });
}

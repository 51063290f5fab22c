/**
 * Notification settings (`/notify-policies`): per project, how the signed-in user hears about
 * changes (e-mail level, live and web notifications). A resource outside any project in its URL
 * (the user's list covers all their projects); no OCC.
 */
import { keys } from "./keys";
import { defineResource } from "./resource";
import type { Id, NotifyPolicy } from "./types";

export const notifyPolicies = defineResource<{
  item: NotifyPolicy;
  detail: NotifyPolicy;
  create: never;
  changes: Partial<Pick<NotifyPolicy, "notify_level" | "live_notify_level" | "web_notify_level">>;
  filters: Record<string, never>;
  target: { id: Id; project?: Id };
}>()({
  path: "/notify-policies",
  keys: keys.notifyPolicies,
  occ: false,
  actions: ["listAll", "get", "patch"],
  /** A policy change touches the user's list of policies and the project (its `notify_level`). */
  invalidates: (policy) => [keys.notifyPolicies.lists(), ...(policy.project === undefined ? [] : [keys.projects.detail(policy.project)])],
});

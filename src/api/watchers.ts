/**
 * Watching items by their resource name, for views that show stories, tasks, issues and epics
 * alike (the detail pages). Each resource's own `watch` action (src/api/resource.ts) does the work:
 * `POST /<items>/<id>/watch|unwatch`, `GET /<items>/<id>/watchers`. Watch/unwatch never bump the
 * item's `version`.
 */
import { epics } from "./epics";
import { issues } from "./issues";
import { tasks } from "./tasks";
import type { Id } from "./types";
import { userstories } from "./userstories";

const WATCHABLE = { userstories, tasks, issues, epics } as const;
export type WatchableType = keyof typeof WATCHABLE;

/** `GET /<items>/<id>/watchers`, every page. */
export const useWatchers = (type: WatchableType, id: Id | undefined) => WATCHABLE[type].useWatchers(id);

/**
 * Watch or unwatch (`{ object, watch: true|false }`). Invalidates the item's watchers and the item
 * (its `is_watcher`, `total_watchers`, `watchers`) by id and by ref.
 */
export const useSetWatching = (type: WatchableType) => WATCHABLE[type].useSetWatching();

/**
 * A route view in its own chunk that can be fetched before React asks for it. `React.lazy` alone
 * suspends every view it meets, one nested route after the other (layout, then shell, then page),
 * and React reveals each resolved boundary on a throttle; a view whose chunk was preloaded renders
 * at once instead.
 */
import { createElement, lazy, type ComponentType } from "react";

export interface LazyView {
  (): React.ReactElement;
  /** Starts loading the chunk (once); resolves when the view can render without suspending. */
  preload: () => Promise<void>;
}

export function lazyView(load: () => Promise<{ default: ComponentType }>): LazyView {
  let loaded: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
    }));
  const Suspending = lazy(() => preload().then(() => ({ default: loaded as ComponentType })));
  const View = (() => createElement(loaded ?? Suspending)) as LazyView;
  View.preload = preload;
  return View;
}

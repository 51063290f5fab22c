/**
 * `Dialog` for views whose first screen has no open dialog: the dialog's code is fetched when it
 * first opens (a confirmation, a rename), not with the view. Same props and behaviour as `Dialog`.
 */
import { lazy, Suspense, type ComponentProps } from "react";
import type { Dialog as DialogComponent } from "./Dialog";

const Dialog = lazy(() => import("./Dialog").then((m) => ({ default: m.Dialog })));

export function LazyDialog(props: ComponentProps<typeof DialogComponent>) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}

import { ItemDetailRoute } from "./ItemDetail";

/** Route module for /project/:slug/task/:ref (lazy: brings the Markdown renderer with it). */
export default function TaskDetailPage() {
  return <ItemDetailRoute kind="task" />;
}

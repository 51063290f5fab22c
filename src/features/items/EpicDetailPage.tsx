import { ItemDetailRoute } from "./ItemDetail";

/** Route module for /project/:slug/epic/:ref (lazy: brings the Markdown renderer with it). */
export default function EpicDetailPage() {
  return <ItemDetailRoute kind="epic" />;
}

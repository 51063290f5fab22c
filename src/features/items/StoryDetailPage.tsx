import { ItemDetailRoute } from "./ItemDetail";

/** Route module for /project/:slug/us/:ref (lazy: brings the Markdown renderer with it). */
export default function StoryDetailPage() {
  return <ItemDetailRoute kind="userstory" />;
}

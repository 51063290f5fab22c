import { ItemDetailRoute } from "./ItemDetail";

/** Route module for /project/:slug/issue/:ref (lazy: brings the Markdown renderer with it). */
export default function IssueDetailPage() {
  return <ItemDetailRoute kind="issue" />;
}

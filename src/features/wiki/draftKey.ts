import type { WikiPage } from "../../api/types";
import { draftKey } from "../../lib/drafts";

/** The key of a page's content draft (a page not created yet: by project and slug). */
export function wikiDraftKey(projectId: number, page: WikiPage | null, slug: string): string {
  return page ? draftKey("wiki", page.id, "content") : draftKey("wiki", projectId, `new:${slug}`);
}

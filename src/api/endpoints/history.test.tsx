import { endpointTests, recordedServer } from "../../test/recorded";
import { deleteComment, editComment, getCommentVersions, listHistory, undeleteComment, useCommentAction, useCommentVersions, useHistory } from "../history";
import { keys } from "../keys";

const server = recordedServer();

const ENTRY = "73cdd2bc-eaf6-11f1-b6b2-02fc00000001";
/** A comment action on story 2 leaves every history list of the story stale, not another item's. */
const stale = [keys.history.list("userstory", 2, "all"), keys.history.list("userstory", 2, "comment"), keys.history.commentVersions("userstory", 2, ENTRY)];
const untouched = [keys.history.list("userstory", 3, "all"), keys.history.list("task", 2, "all")];

endpointTests("history and comments", server, {
  "GET /history/userstory/{id}": {
    recording: "history/005",
    call: () => listHistory("userstory", 2, "comment"),
    read: { useHook: () => useHistory("userstory", 2, "comment"), key: keys.history.list("userstory", 2, "comment") },
  },
  "GET /history/task/{id}": {
    recording: "history/018",
    call: () => listHistory("task", 1),
    read: { useHook: () => useHistory("task", 1), key: keys.history.list("task", 1, "all") },
  },
  "GET /history/issue/{id}": {
    recording: "history/019",
    call: () => listHistory("issue", 1),
    read: { useHook: () => useHistory("issue", 1), key: keys.history.list("issue", 1, "all") },
  },
  "GET /history/epic/{id}": {
    recording: "history/021",
    call: () => listHistory("epic", 1),
    read: { useHook: () => useHistory("epic", 1), key: keys.history.list("epic", 1, "all") },
  },
  "GET /history/wiki/{id}": {
    recording: "history/020",
    call: () => listHistory("wiki", 1),
    read: { useHook: () => useHistory("wiki", 1), key: keys.history.list("wiki", 1, "all") },
  },
  "GET /history/userstory/{id}/comment_versions": {
    recording: "history/011",
    call: () => getCommentVersions("userstory", 2, ENTRY),
    read: { useHook: () => useCommentVersions("userstory", 2, ENTRY), key: keys.history.commentVersions("userstory", 2, ENTRY) },
  },
  "POST /history/userstory/{id}/edit_comment": {
    recording: "history/008",
    call: () => editComment("userstory", 2, ENTRY, "Edited recorded comment"),
    mutation: { useHook: () => useCommentAction("userstory", 2), variables: { action: "edit", entryId: ENTRY, comment: "Edited recorded comment" }, invalidates: stale, untouched },
  },
  "POST /history/userstory/{id}/delete_comment": {
    recording: "history/012",
    call: () => deleteComment("userstory", 2, ENTRY),
    mutation: { useHook: () => useCommentAction("userstory", 2), variables: { action: "delete", entryId: ENTRY }, invalidates: stale, untouched },
  },
  "POST /history/userstory/{id}/undelete_comment": {
    recording: "history/016",
    call: () => undeleteComment("userstory", 2, ENTRY),
    mutation: { useHook: () => useCommentAction("userstory", 2), variables: { action: "undelete", entryId: ENTRY }, invalidates: stale, untouched },
  },
});

import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, resourceEndpointTests, signInFor } from "../../test/recorded";
import { ConflictError } from "../http";
import { bulkCreateIssues, bulkUpdateIssuesMilestone, issues, promoteIssueToStory, useBulkCreateIssues, useBulkUpdateIssuesMilestone, usePromoteIssue } from "../issues";
import { keys } from "../keys";

const server = recordedServer();

/** What an issue change in project 1 leaves stale, and what it leaves alone. */
const stale = [keys.issues.list(1, { order_by: "-created_date" }), keys.issues.filtersData(1, {}), keys.milestones.stats(1)];
const untouched = [keys.issues.list(2, {}), keys.userstories.list(1, {})];

resourceEndpointTests("issues", server, issues, {
  "GET /issues": "issues/002",
  "POST /issues": "issues/020",
  "GET /issues/{id}": "issues/018",
  "GET /issues/by_ref": "issues/019",
  "GET /issues/filters_data": "issues/017",
  "PUT /issues/{id}": "issues/026",
  "PATCH /issues/{id}": "issues/023",
  "DELETE /issues/{id}": "issues/034",
  "POST /issues/{id}/upvote": "issues/027",
  "GET /issues/{id}/voters": "issues/028",
  "POST /issues/{id}/downvote": "issues/029",
  "POST /issues/{id}/watch": "issues/030",
  "GET /issues/{id}/watchers": "issues/031",
  "POST /issues/{id}/unwatch": "issues/032",
}, { project: 1, stale: () => stale, untouched: () => untouched });

endpointTests("issues: bulk and promotion", server, {
  "POST /issues/bulk_create": {
    recording: "ordering/070",
    call: () => bulkCreateIssues(1, "Bulk issue A\nBulk issue B"),
    mutation: { useHook: () => useBulkCreateIssues(1), variables: { text: "Bulk issue A\nBulk issue B" }, invalidates: stale, untouched },
  },
  "POST /issues/bulk_update_milestone": {
    recording: "ordering/073",
    call: () => bulkUpdateIssuesMilestone(1, 1, [1, 2]),
    mutation: {
      useHook: () => useBulkUpdateIssuesMilestone(1),
      variables: { milestoneId: 1, issueIds: [1, 2] },
      invalidates: [...stale, keys.issues.detail(1), keys.issues.detail(2), keys.issues.byRef(1, 23)],
      untouched: [...untouched, keys.issues.detail(3)],
    },
  },
  "POST /issues/{id}/promote_to_user_story": {
    recording: "issues/033",
    call: () => promoteIssueToStory({ id: 91, project: 1 }),
    result: () => 52,
    mutation: {
      useHook: () => usePromoteIssue(),
      variables: { id: 91, project: 1, ref: 74 },
      invalidates: [keys.issues.detail(91), keys.issues.byRef(1, 74), keys.userstories.list(1, {}), keys.userstories.filtersData(1, {})],
      untouched: [keys.issues.detail(92), keys.userstories.list(2, {})],
    },
  },
});

describe("issues: filters and OCC as recorded", () => {
  it.each(["issues/003", "issues/005", "issues/010", "issues/012", "issues/013", "issues/014", "issues/015", "issues/016"])(
    "%s: the filters go out as Taiga read them",
    async (id) => {
      const rec = recording(id);
      const sent = server.serve(rec);
      signInFor(rec);
      const { project, ...filters } = Object.fromEntries(new URL(rec.request.path, "http://x").searchParams);
      const rows = await issues.list(Number(project), filters);
      const expected = [...new URL(rec.request.path, "http://x").searchParams.entries()].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
      expect(sent[0]!.query).toEqual(expected);
      expect(rows).toEqual(rec.response.body);
    },
  );

  it("a stale version on the same field is the conflict", async () => {
    const rec = recording("issues/024");
    server.serve(rec);
    signInFor(rec);
    const { version, ...changes } = rec.request.body as { version: number };
    await expect(issues.patch(91, changes, version)).rejects.toBeInstanceOf(ConflictError);
  });
});

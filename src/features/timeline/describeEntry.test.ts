import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../api/types";
import { describeEntry } from "./describeEntry";

const entry = (event_type: string, data: TimelineEntry["data"]): TimelineEntry => ({
  id: 1,
  content_type: 1,
  object_id: 1,
  namespace: "project:1",
  event_type,
  project: 1,
  data,
  data_content_type: 1,
  created: "2026-01-01T00:00:00.000Z",
});
const user = { id: 5, name: "Administrator", username: "admin" } as unknown as NonNullable<TimelineEntry["data"]["user"]>;

describe("describeEntry", () => {
  it("names who changed which fields of which story, with its link", () => {
    const said = describeEntry(entry("userstories.userstory.change", { user, userstory: { id: 3, ref: 12, subject: "Login" }, values_diff: { subject: ["a", "b"], description_html: ["", ""] }, comment: "" }));
    expect(said).toMatchObject({ who: "Administrator", verb: "changed", item: { label: "story #12 Login", path: "us", ref: "12" }, fields: ["subject"], deleted: false });
  });

  it("says a comment is a comment, and a deleted item gets no link", () => {
    expect(describeEntry(entry("issues.issue.change", { user, issue: { ref: 4, subject: "Crash" }, values_diff: {}, comment: " Looks fixed " }))).toMatchObject({ verb: "commented on", comment: "Looks fixed" });
    expect(describeEntry(entry("tasks.task.delete", { user, task: { ref: 9, subject: "Old" } }))).toMatchObject({ verb: "deleted", deleted: true });
  });

  it("addresses wiki pages by slug and copes with models it does not know", () => {
    expect(describeEntry(entry("wiki.wikipage.create", { user, wikipage: { slug: "home" } })).item).toEqual({ label: "wiki page home", path: "wiki", ref: "home" });
    expect(describeEntry(entry("projects.project.create", { user, project: { name: "P" } }))).toMatchObject({ verb: "created", item: { label: "project P", path: null } });
    expect(describeEntry(entry("x.odd_thing.change", {}))).toMatchObject({ who: "Someone", verb: "changed the odd thing", item: null });
  });
});

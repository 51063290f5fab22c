import { describe, expect, it } from "vitest";
import { endpointTests, recording, recordedServer, signInFor } from "../../test/recorded";
import { ApiError } from "../http";
import { keys } from "../keys";
import {
  bulkUpdateProjectsOrder,
  changeProjectLogo,
  createProject,
  createProjectTag,
  createTemplateFromProject,
  deleteProject,
  deleteProjectTag,
  duplicateProject,
  editProjectTag,
  getProject,
  getProjectBySlug,
  getProjectIssuesStats,
  getProjectMemberStats,
  getProjectModules,
  getProjectStats,
  getProjectTagsColors,
  leaveProject,
  likeProject,
  listProjectFans,
  listProjects,
  listProjectWatchers,
  mixProjectTags,
  patchProject,
  patchProjectModules,
  putProject,
  removeProjectLogo,
  transferAccept,
  transferReject,
  transferRequest,
  transferStart,
  transferValidateToken,
  unlikeProject,
  unwatchProject,
  useBulkUpdateProjectsOrder,
  useChangeProjectLogo,
  useCreateProject,
  useCreateTemplateFromProject,
  useDeleteProject,
  useDuplicateProject,
  useLeaveProject,
  usePatchProject,
  usePatchProjectModules,
  useProject,
  useProjectBySlug,
  useProjectFans,
  useProjectIssuesStats,
  useProjectMemberStats,
  useProjectModules,
  useProjects,
  useProjectStats,
  useProjectTagAction,
  useProjectTagsColors,
  useProjectTransfer,
  useProjectWatchers,
  usePutProject,
  useRemoveProjectLogo,
  useSetProjectLike,
  useSetProjectWatching,
  watchProject,
} from "../projects";

const server = recordedServer();

const lists = [keys.projects.list({}), keys.projects.list({ member: 5, order_by: "user_order" })];
const project1 = { id: 1, slug: "project-1" };
/** The project's own entries a like/watch/transfer makes stale. */
const projectEntries = [keys.projects.detail(1), keys.projects.bySlug("project-1")];
/** A tag change reaches the items of the project (one entry of each kind stands for all). */
const tagStale = [
  keys.projects.tagsColors(1),
  ...projectEntries,
  keys.userstories.list(1, {}),
  keys.userstories.detail(4),
  keys.tasks.byRef(1, 2),
  keys.issues.filtersData(1, {}),
  keys.epics.list(1, {}),
];
const otherProject = [keys.userstories.list(2, {}), keys.projects.tagsColors(2)];

const body = <T,>(id: string) => recording(id).request.body as T;
/** A 70-byte PNG named as the recorded upload was. */
const logo = () => new File([new Uint8Array(70)], "logo.png", { type: "image/png" });

endpointTests("projects", server, {
  "GET /projects": {
    recording: "projects/002",
    call: () => listProjects(),
    read: { useHook: () => useProjects(), key: keys.projects.list({}) },
  },
  "POST /projects": {
    recording: "projects/011",
    call: () => createProject({ name: "Recorded Project", description: "Created by the recorder" }),
    mutation: { useHook: () => useCreateProject(), variables: { name: "Recorded Project", description: "Created by the recorder" }, invalidates: lists, untouched: projectEntries },
  },
  "GET /projects/{id}": {
    recording: "projects/006",
    call: () => getProject(1),
    read: { useHook: () => useProject(1), key: keys.projects.detail(1) },
  },
  "GET /projects/by_slug": {
    recording: "projects/008",
    call: () => getProjectBySlug("project-3"),
    read: { useHook: () => useProjectBySlug("project-3"), key: keys.projects.bySlug("project-3") },
  },
  "PUT /projects/{id}": {
    recording: "projects/017",
    call: () => putProject(8, body("projects/017")),
    mutation: {
      useHook: () => usePutProject(),
      variables: { id: 8, project: body("projects/017") },
      stores: [keys.projects.detail(8), keys.projects.bySlug("admin-recorded-project")],
      invalidates: lists,
      untouched: projectEntries,
    },
  },
  "PATCH /projects/{id}": {
    recording: "projects/015",
    call: () => patchProject(8, body("projects/015")),
    mutation: {
      useHook: () => usePatchProject(),
      variables: { id: 8, changes: body("projects/015") },
      stores: [keys.projects.detail(8), keys.projects.bySlug("admin-recorded-project")],
      invalidates: lists,
      untouched: projectEntries,
    },
  },
  "DELETE /projects/{id}": {
    recording: "projects/018",
    call: () => deleteProject(8),
    mutation: {
      useHook: () => useDeleteProject(),
      variables: { id: 8, slug: "admin-recorded-project" },
      removes: [keys.projects.detail(8), keys.projects.bySlug("admin-recorded-project")],
      invalidates: lists,
      untouched: projectEntries,
    },
  },
  "POST /projects/bulk_update_order": {
    recording: "ordering/089",
    call: () => bulkUpdateProjectsOrder(body("ordering/089")),
    mutation: { useHook: () => useBulkUpdateProjectsOrder(), variables: body("ordering/089"), invalidates: lists, untouched: projectEntries },
  },
  "GET /projects/{id}/modules": {
    recording: "projects/020",
    call: () => getProjectModules(1),
    read: { useHook: () => useProjectModules(1), key: keys.projects.modules(1) },
  },
  "PATCH /projects/{id}/modules": {
    recording: "projects/021",
    call: () => patchProjectModules(1, { github: { secret: "recorded-secret" } }),
    mutation: { useHook: () => usePatchProjectModules(1), variables: { github: { secret: "recorded-secret" } }, invalidates: [keys.projects.modules(1)], untouched: [keys.projects.modules(2)] },
  },
  "GET /projects/{id}/stats": {
    recording: "projects/023",
    call: () => getProjectStats(1),
    read: { useHook: () => useProjectStats(1), key: keys.projects.stats(1) },
  },
  "GET /projects/{id}/member_stats": {
    recording: "projects/024",
    call: () => getProjectMemberStats(1),
    read: { useHook: () => useProjectMemberStats(1), key: keys.projects.memberStats(1) },
  },
  "GET /projects/{id}/issues_stats": {
    recording: "projects/025",
    call: () => getProjectIssuesStats(1),
    read: { useHook: () => useProjectIssuesStats(1), key: keys.projects.issuesStats(1) },
  },
  "GET /projects/{id}/tags_colors": {
    recording: "projects/026",
    call: () => getProjectTagsColors(1),
    read: { useHook: () => useProjectTagsColors(1), key: keys.projects.tagsColors(1) },
  },
  "POST /projects/{id}/create_tag": {
    recording: "projects/027",
    call: () => createProjectTag(1, "recorded-tag", "#fc8eac"),
    mutation: { useHook: () => useProjectTagAction(project1), variables: { action: "create", tag: "recorded-tag", color: "#fc8eac" }, invalidates: tagStale, untouched: otherProject },
  },
  "POST /projects/{id}/edit_tag": {
    recording: "projects/031",
    call: () => editProjectTag(1, { from_tag: "recorded-tag", to_tag: "recorded-tag-renamed", color: "#aabbcc" }),
    mutation: {
      useHook: () => useProjectTagAction(project1),
      variables: { action: "edit", from_tag: "recorded-tag", to_tag: "recorded-tag-renamed", color: "#aabbcc" },
      invalidates: tagStale,
      untouched: otherProject,
    },
  },
  "POST /projects/{id}/delete_tag": {
    recording: "projects/037",
    call: () => deleteProjectTag(1, "doloribus-renamed"),
    mutation: { useHook: () => useProjectTagAction(project1), variables: { action: "delete", tag: "doloribus-renamed" }, invalidates: tagStale, untouched: otherProject },
  },
  "POST /projects/{id}/mix_tags": {
    recording: "projects/035",
    call: () => mixProjectTags(1, ["recorded-tag-2", "recorded-tag-renamed"], "doloribus-renamed"),
    mutation: {
      useHook: () => useProjectTagAction(project1),
      variables: { action: "mix", from_tags: ["recorded-tag-2", "recorded-tag-renamed"], to_tag: "doloribus-renamed" },
      invalidates: tagStale,
      untouched: otherProject,
    },
  },
  "POST /projects/{id}/like": {
    recording: "projects/039",
    call: () => likeProject(1),
    mutation: { useHook: () => useSetProjectLike(), variables: { project: project1, like: true }, invalidates: [keys.projects.fans(1), ...projectEntries, ...lists], untouched: [keys.projects.fans(2)] },
  },
  "POST /projects/{id}/unlike": {
    recording: "projects/041",
    call: () => unlikeProject(1),
    mutation: { useHook: () => useSetProjectLike(), variables: { project: project1, like: false }, invalidates: [keys.projects.fans(1), ...projectEntries, ...lists] },
  },
  "GET /projects/{id}/fans": {
    recording: "projects/040",
    call: () => listProjectFans(1),
    read: { useHook: () => useProjectFans(1), key: keys.projects.fans(1) },
  },
  "POST /projects/{id}/watch": {
    recording: "projects/042",
    call: () => watchProject(1, 2),
    mutation: {
      useHook: () => useSetProjectWatching(),
      variables: { project: project1, watch: true, notifyLevel: 2 },
      invalidates: [keys.projects.watchers(1), ...projectEntries, ...lists],
      untouched: [keys.projects.watchers(2)],
    },
  },
  "POST /projects/{id}/unwatch": {
    recording: "projects/044",
    call: () => unwatchProject(1),
    mutation: { useHook: () => useSetProjectWatching(), variables: { project: project1, watch: false }, invalidates: [keys.projects.watchers(1), ...projectEntries, ...lists] },
  },
  "GET /projects/{id}/watchers": {
    recording: "projects/043",
    call: () => listProjectWatchers(1),
    read: { useHook: () => useProjectWatchers(1), key: keys.projects.watchers(1) },
  },
  "POST /projects/{id}/create_template": {
    recording: "projects/049",
    call: () => createTemplateFromProject(1, { template_name: "Recorded Template", template_description: "Template from project 1" }),
    mutation: {
      useHook: () => useCreateTemplateFromProject(1),
      variables: { template_name: "Recorded Template", template_description: "Template from project 1" },
      invalidates: [keys.projectTemplates.listAll()],
      untouched: lists,
    },
  },
  "POST /projects/{id}/leave": {
    recording: "projects/056",
    call: () => leaveProject(1),
    mutation: {
      useHook: () => useLeaveProject(),
      variables: project1,
      removes: projectEntries,
      invalidates: [...lists, keys.memberships.list(1, {}), keys.users.project(1)],
      untouched: [keys.memberships.list(2, {})],
    },
  },
  "POST /projects/{id}/change_logo": {
    recording: "projects/052",
    call: () => changeProjectLogo(1, logo()),
    mutation: { useHook: () => useChangeProjectLogo(1), variables: logo(), stores: projectEntries, invalidates: lists },
  },
  "POST /projects/{id}/remove_logo": {
    recording: "projects/055",
    call: () => removeProjectLogo(1),
    mutation: { useHook: () => useRemoveProjectLogo(1), variables: undefined, stores: projectEntries, invalidates: lists },
  },
  "POST /projects/{id}/transfer_validate_token": {
    recording: "projects/060",
    call: () => transferValidateToken(1, "invalid"),
    mutation: { useHook: () => useProjectTransfer(project1), variables: { step: "validate", token: "invalid" }, invalidates: [], untouched: projectEntries },
  },
  "POST /projects/{id}/transfer_request": {
    recording: "projects/061",
    call: () => transferRequest(1),
    mutation: { useHook: () => useProjectTransfer(project1), variables: { step: "request" }, invalidates: [], untouched: projectEntries },
  },
  "POST /projects/{id}/transfer_start": {
    recording: "projects/062",
    call: () => transferStart(1, 5),
    mutation: { useHook: () => useProjectTransfer(project1), variables: { step: "start", user: 5 }, invalidates: projectEntries, untouched: [keys.projects.detail(2)] },
  },
  "POST /projects/{id}/transfer_accept": {
    recording: "projects/064",
    call: () => transferAccept(1, "invalid", "x"),
    mutation: { useHook: () => useProjectTransfer(project1), variables: { step: "accept", token: "invalid", reason: "x" }, invalidates: [...projectEntries, ...lists, keys.memberships.list(1, {})] },
  },
  "POST /projects/{id}/transfer_reject": {
    recording: "projects/065",
    call: () => transferReject(1, "invalid", "x"),
    mutation: { useHook: () => useProjectTransfer(project1), variables: { step: "reject", token: "invalid", reason: "x" }, invalidates: projectEntries },
  },
  "POST /projects/{id}/duplicate": {
    recording: "projects/047",
    call: () => duplicateProject(1, body("projects/047")),
    mutation: { useHook: () => useDuplicateProject(1), variables: body("projects/047"), invalidates: lists, untouched: projectEntries },
  },
});

describe("projects: what the recordings show beyond one exchange", () => {
  it("the user's own order is asked for with member and order_by", async () => {
    const rec = recording("projects/004");
    const sent = server.serve(rec);
    signInFor(rec);
    await listProjects({ member: 5 });
    expect(sent[0]!.query).toEqual([["member", "5"]]);
  });

  it("a template without a name is refused before Taiga's HTML 500 (projects/050)", async () => {
    const rec = recording("projects/050");
    const sent = server.serve(rec);
    signInFor(rec);
    await expect(createTemplateFromProject(1, { template_name: "", template_description: "x" })).rejects.toThrow(/name and a description/);
    expect(sent).toHaveLength(0);
  });

  it("a duplicate naming a non-member is Taiga's 404 with its message", async () => {
    const rec = recording("projects/046");
    server.serve(rec);
    signInFor(rec);
    const error = (await duplicateProject(1, body("projects/046")).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(404);
    expect(error.message).toBe("No Membership matches the given query.");
  });

  it("an owner cannot leave: the 403 carries Taiga's reason", async () => {
    const rec = recording("projects/057");
    server.serve(rec);
    signInFor(rec);
    const error = (await leaveProject(1).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/owner/);
  });
});

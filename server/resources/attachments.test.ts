/**
 * Attachments of stories, tasks and issues against the recordings (wiki/030-036 share the shape,
 * misc/005): multipart upload, list, get, patch, PUT 405, delete, the file served at its `url`, the
 * upload size limit and bad uploads that leave the database and the media folder unchanged.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { makeTestApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";
import { mediaRoot } from "./attachments";

let t: TestApp;
let scrum: number;
const savedLimit = process.env.TAIGA_MAX_UPLOAD_BYTES;

beforeEach(() => {
  t = makeTestApp();
  scrum = t.ids.project("demo-scrum");
});
afterEach(() => {
  if (savedLimit === undefined) delete process.env.TAIGA_MAX_UPLOAD_BYTES;
  else process.env.TAIGA_MAX_UPLOAD_BYTES = savedLimit;
});

interface Attachment {
  id: number;
  name: string;
  size: number;
  url: string;
  attached_file: string;
  description: string;
  is_deprecated: boolean;
  object_id: number;
  project: number;
  owner: number;
  sha1: string;
}

const PIXEL = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

/** Sends a multipart body built by the platform's FormData, byte for byte, to an app on the same database. */
async function upload(path: string, fields: Record<string, string | Blob>, as: string | null = "admin", fileName = "pixel.png"): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Blob) form.append(k, v, fileName);
    else form.append(k, v);
  }
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${await t.login(as)}`;
  return createApp({ db: t.db, secret: "test-secret" }).request(`/api/v1${path}`, { method: "POST", headers, body: form });
}

const taskId = (): number => (t.db.prepare("SELECT id FROM tasks WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
const filesOnDisk = (): number => {
  const root = join(mediaRoot(t.db), "attachments");
  if (!existsSync(root)) return 0;
  return readdirSync(root, { recursive: true }).length;
};
/** GET of a media URL on the same database (outside /api/v1). */
const media = (url: string): Promise<Response> => Promise.resolve(createApp({ db: t.db, secret: "test-secret" }).request(new URL(url).pathname));
const SHAPES = () => ["wiki/031", "wiki/033", "wiki/034", "misc/005"].map(recording);

describe("attachments", () => {
  it("uploads a file (wiki/031 shape), lists it (misc/005), serves it at its url and deletes it (wiki/036)", async () => {
    const id = taskId();
    const res = await upload("/tasks/attachments", { project: String(scrum), object_id: String(id), attached_file: new Blob([PIXEL], { type: "image/png" }), description: "A pixel" });
    const created = (await expectLikeRecording(res, recording("wiki/031"), { alsoShapes: SHAPES(), nullable: ["*.thumbnail_card_url"] })) as Attachment;
    expect(created).toMatchObject({ name: "pixel.png", size: PIXEL.length, object_id: id, project: scrum, owner: t.ids.user("admin"), description: "A pixel", is_deprecated: false });
    expect(created.url).toMatch(new RegExp(`/media/attachments/[0-9a-f]/[0-9a-f]/[0-9a-f]/[0-9a-f]/[0-9a-f]{60}/pixel\\.png#_taiga-refresh=task:${created.id}$`));
    expect(created.sha1).toMatch(/^[0-9a-f]{40}$/);

    const list = await t.request(`/tasks/attachments?project=${scrum}&object_id=${id}`, { as: "admin" });
    const listed = (await expectLikeRecording(list, recording("misc/005"), { alsoShapes: SHAPES(), nullable: ["*.thumbnail_card_url"] })) as Attachment[];
    expect(listed.map((a) => a.id)).toEqual([created.id]);
    expect((await t.request(`/issues/attachments?project=${scrum}&object_id=${id}`, { as: "admin" }).then((r) => r.json())) as unknown[]).toEqual([]);

    const served = await media(created.url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(PIXEL)).toBe(true);
    expect(served.headers.get("content-type")).toBe("image/png");

    const task = (await (await t.request(`/tasks/${id}?include_attachments=1`, { as: "admin" })).json()) as { version: number };
    const history = (await (await t.request(`/history/task/${id}`, { as: "admin" })).json()) as { diff: Record<string, unknown> }[];
    expect(Object.keys(history[0]?.diff ?? {})).toEqual(["attachments"]);
    const versionBefore = (t.db.prepare("SELECT version FROM tasks WHERE id = ?").get(id) as { version: number }).version;
    expect(task.version).toBe(versionBefore);

    await expectLikeRecording(await t.request(`/tasks/attachments/${created.id}`, { method: "DELETE", as: "admin" }), recording("wiki/036"));
    expect((await t.request(`/tasks/attachments/${created.id}`, { as: "admin" })).status).toBe(404);
    const gone = await media(created.url);
    expect(gone.status).toBe(404);
  });

  it("gets (wiki/033) and patches (wiki/034) an attachment; PUT is Taiga's 405 (wiki/035)", async () => {
    const story = (t.db.prepare("SELECT id FROM userstories WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    const created = (await (await upload("/userstories/attachments", { project: String(scrum), object_id: String(story), attached_file: new Blob([PIXEL]) })).json()) as Attachment;
    await expectLikeRecording(await t.request(`/userstories/attachments/${created.id}`, { as: "admin" }), recording("wiki/033"), { alsoShapes: SHAPES(), nullable: ["*.thumbnail_card_url"] });
    const patched = await t.request(`/userstories/attachments/${created.id}`, { method: "PATCH", as: "admin", body: { description: "A pixel", is_deprecated: true } });
    const body = (await expectLikeRecording(patched, recording("wiki/034"), { alsoShapes: SHAPES(), nullable: ["*.thumbnail_card_url"] })) as Attachment;
    expect(body).toMatchObject({ description: "A pixel", is_deprecated: true });
    await expectLikeRecording(await t.request(`/userstories/attachments/${created.id}`, { method: "PUT", as: "admin", body: { description: "PUT" } }), recording("wiki/035"), { exactBody: true });
    const wrong = await t.request(`/userstories/attachments/${created.id}`, { method: "PATCH", as: "admin", body: { is_deprecated: "nope" } });
    expect(wrong.status).toBe(400);
  });

  it("answers Taiga's 400s for missing fields (wiki/032), a non-multipart body, a foreign object and an unknown item, writing nothing", async () => {
    const before = t.snapshot();
    const disk = filesOnDisk();
    await expectLikeRecording(await upload("/issues/attachments", { project: String(scrum) }), recording("wiki/032"), { exactBody: true });
    const jsonBody = await t.request("/issues/attachments", { method: "POST", as: "admin", body: { project: scrum, object_id: 1, attached_file: "x" } });
    expect(jsonBody.status).toBe(400);
    expect(await jsonBody.json()).toEqual({ attached_file: ["The submitted data was not a file. Check the encoding type on the form."] });
    const malformed = await t.request("/issues/attachments", { method: "POST", as: "admin", rawBody: "{oops" });
    expect(malformed.status).toBe(400);
    const unknown = await upload("/issues/attachments", { project: String(scrum), object_id: "99999", attached_file: new Blob([PIXEL]) });
    expect(await unknown.json()).toEqual({ _error_message: "Object id issue doesn't exist", _error_type: "taiga.base.exceptions.WrongArguments" });
    const kanbanIssue = t.db.prepare("SELECT id FROM issues WHERE project_id <> ? LIMIT 1").get(scrum) as { id: number } | undefined;
    const foreignStory = (t.db.prepare("SELECT id FROM userstories WHERE project_id <> ? LIMIT 1").get(scrum) as { id: number }).id;
    const foreign = await upload("/userstories/attachments", { project: String(scrum), object_id: String(kanbanIssue?.id ?? foreignStory), attached_file: new Blob([PIXEL]) });
    expect(foreign.status).toBe(400);
    const wrongProject = await upload("/userstories/attachments", { project: String(scrum), object_id: String(foreignStory), attached_file: new Blob([PIXEL]) });
    expect(await wrongProject.json()).toEqual({ _error_message: "Project ID does not match between object and project", _error_type: "taiga.base.exceptions.WrongArguments" });
    const badProject = await upload("/tasks/attachments", { project: "abc", object_id: String(taskId()), attached_file: new Blob([PIXEL]) });
    expect(badProject.status).toBe(400);
    const anonymous = await upload("/tasks/attachments", { project: String(scrum), object_id: String(taskId()), attached_file: new Blob([PIXEL]) }, null);
    expect(anonymous.status).toBe(401);
    const stakeholder = await upload("/tasks/attachments", { project: String(scrum), object_id: String(taskId()), attached_file: new Blob([PIXEL]) }, "erin");
    expect(stakeholder.status).toBe(403);
    expect(t.snapshot()).toBe(before);
    expect(filesOnDisk()).toBe(disk);
  });

  it("refuses an upload over TAIGA_MAX_UPLOAD_BYTES with 413 and stores nothing", async () => {
    process.env.TAIGA_MAX_UPLOAD_BYTES = "100";
    const before = t.snapshot();
    const disk = filesOnDisk();
    const res = await upload("/tasks/attachments", { project: String(scrum), object_id: String(taskId()), attached_file: new Blob([Buffer.alloc(200, 1)]) }, "admin", "big.bin");
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ _error_message: "Request body exceeds the limit of 100 bytes.", _error_type: "taiga.base.exceptions.RequestEntityTooLarge" });
    expect(t.snapshot()).toBe(before);
    expect(filesOnDisk()).toBe(disk);
    const small = await upload("/tasks/attachments", { project: String(scrum), object_id: String(taskId()), attached_file: new Blob([Buffer.alloc(50, 1)]) }, "admin", "small.bin");
    expect(small.status).toBe(201);
  });

  it("deleting the item deletes its attachments and their files", async () => {
    const issue = (t.db.prepare("SELECT id FROM issues WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    const created = (await (await upload("/issues/attachments", { project: String(scrum), object_id: String(issue), attached_file: new Blob([PIXEL]) })).json()) as Attachment;
    expect(existsSync(join(mediaRoot(t.db), created.attached_file))).toBe(true);
    expect((await t.request(`/issues/${issue}`, { method: "DELETE", as: "admin" })).status).toBe(204);
    expect(existsSync(join(mediaRoot(t.db), created.attached_file))).toBe(false);
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM attachments WHERE id = ?").get(created.id)).toEqual({ n: 0 });
  });
});

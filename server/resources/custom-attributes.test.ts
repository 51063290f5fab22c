/**
 * Custom attributes and their values (misc/004 shape; the rest from taiga-back's rules): admins define
 * fields per kind, items carry values with a version, and a stale version is refused.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, secret: number;
beforeEach(() => ({ t, scrum, secret } = makeDemoApp()));

interface Attribute {
  id: number;
  name: string;
  type: string;
  order: number;
  project: number;
}
interface Values {
  attributes_values: Record<string, unknown>;
  version: number;
  user_story?: number;
  epic?: number;
}
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const create = (body: Record<string, unknown>, kind = "userstory", as = "admin"): Promise<Response> => t.request(`/${kind}-custom-attributes`, { method: "POST", as, body: { project: scrum, ...body } });
const storyId = (): number => (t.db.prepare("SELECT id FROM userstories WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;

describe("custom attribute definitions", () => {
  it("admins create them; the list answers Taiga's shape ordered by order, name (misc/004)", async () => {
    const a = await json<Attribute>(await create({ name: "Customer", type: "text", order: 2 }));
    const b = await json<Attribute>(await create({ name: "Target release", type: "date", order: 1, description: "When it ships" }));
    expect(a).toMatchObject({ name: "Customer", type: "text", project: scrum });
    const res = await t.request(`/userstory-custom-attributes?project=${scrum}`, { as: "admin" });
    const list = (await expectLikeRecording(res, recording("misc/004"))) as Attribute[];
    expect(list.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(await json(await t.request(`/task-custom-attributes?project=${scrum}`, { as: "admin" }))).toEqual([]);
    const detail = await json<{ userstory_custom_attributes: { name: string; project_id: number }[] }>(await t.request(`/projects/${scrum}`, { as: "admin" }));
    expect(detail.userstory_custom_attributes.map((x) => x.name)).toEqual(["Target release", "Customer"]);
  });

  it("refuses duplicates, unknown types and non-admins, changing nothing", async () => {
    await create({ name: "Customer" });
    const before = t.snapshot();
    expect(await json(await create({ name: "Customer" }))).toEqual({ name: ["Already exists one with the same name."] });
    expect(await json(await create({ name: "Odd", type: "colour" }))).toEqual({ type: ["Select a valid choice. colour is not one of the available choices."] });
    expect(await json(await create({}))).toEqual({ name: ["This field is required."] });
    expect((await create({ name: "Mine" }, "userstory", "bob")).status).toBe(403);
    expect((await t.request("/userstory-custom-attributes", { method: "POST", body: { project: scrum, name: "x" } })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
    expect((await create({ name: "Customer" }, "epic")).status).toBe(201); // the same name for another kind
  });

  it("PATCH, bulk_update_order and DELETE (which drops the values of that field)", async () => {
    const a = await json<Attribute>(await create({ name: "A" }));
    const b = await json<Attribute>(await create({ name: "B" }));
    expect(await json(await t.request(`/userstory-custom-attributes/${a.id}`, { method: "PATCH", as: "admin", body: { name: "A2" } }))).toMatchObject({ name: "A2" });
    const ordered = await t.request("/userstory-custom-attributes/bulk_update_order", { method: "POST", as: "admin", body: { project: scrum, bulk_userstory_custom_attributes: [[a.id, 20], [b.id, 10]] } });
    expect(ordered.status).toBe(204);
    expect((await json<Attribute[]>(await t.request(`/userstory-custom-attributes?project=${scrum}`, { as: "admin" }))).map((x) => x.id)).toEqual([b.id, a.id]);
    const id = storyId();
    await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "admin", body: { attributes_values: { [a.id]: "x", [b.id]: "y" }, version: 1 } });
    expect((await t.request(`/userstory-custom-attributes/${a.id}`, { method: "DELETE", as: "bob" })).status).toBe(403);
    expect((await t.request(`/userstory-custom-attributes/${a.id}`, { method: "DELETE", as: "admin" })).status).toBe(204);
    expect((await json<Values>(await t.request(`/userstories/custom-attributes-values/${id}`, { as: "admin" }))).attributes_values).toEqual({ [b.id]: "y" });
    const gone = await t.request(`/userstory-custom-attributes/${a.id}`, { as: "admin" });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ _error_message: "No UserStoryCustomAttribute matches the given query." });
  });
});

describe("custom attribute values", () => {
  it("an item starts with {} at version 1; a PATCH replaces the values, bumps the version and writes history", async () => {
    const field = await json<Attribute>(await create({ name: "Customer" }));
    const id = storyId();
    const versionBefore = (await json<{ version: number }>(await t.request(`/userstories/${id}`, { as: "admin" }))).version;
    expect(await json(await t.request(`/userstories/custom-attributes-values/${id}`, { as: "admin" }))).toEqual({ attributes_values: {}, version: 1, user_story: id });
    const res = await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "admin", body: { attributes_values: { [field.id]: "ACME" }, version: 1 } });
    expect(await json(res)).toEqual({ attributes_values: { [field.id]: "ACME" }, version: 2, user_story: id });
    const history = await json<{ diff: Record<string, unknown>; values_diff: { custom_attributes?: { new: { name: string; value: unknown }[] } } }[]>(await t.request(`/history/userstory/${id}`, { as: "admin" }));
    expect(history[0]?.values_diff.custom_attributes?.new).toEqual([{ name: "Customer", value: "ACME" }]);
    const story = await json<{ version: number }>(await t.request(`/userstories/${id}`, { as: "admin" }));
    expect(story.version).toBe(versionBefore); // the story itself keeps its version
  });

  it("refuses a stale or missing version, unknown fields and a non-object, changing nothing", async () => {
    const field = await json<Attribute>(await create({ name: "Customer" }));
    const id = storyId();
    await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "admin", body: { attributes_values: { [field.id]: "ACME" }, version: 1 } });
    const before = t.snapshot();
    const cases: [Record<string, unknown>, unknown][] = [
      [{ attributes_values: { [field.id]: "Other" }, version: 1 }, { version: "The version doesn't match with the current one" }],
      [{ attributes_values: { [field.id]: "Other" } }, { version: "The version parameter is not valid" }],
      [{ attributes_values: { [field.id]: "Other" }, version: 9 }, { version: "The version parameter is not valid" }],
      [{ attributes_values: { 99999: "x" }, version: 2 }, { attributes_values: ["It contains invalid custom fields."] }],
      [{ attributes_values: ["x"], version: 2 }, { attributes_values: ['Invalid content. It must be {"key": "value",...}'] }],
    ];
    for (const [body, answer] of cases) {
      const res = await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toEqual(answer);
    }
    const epicField = await json<Attribute>(await create({ name: "Theme" }, "epic"));
    const wrongKind = await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "admin", body: { attributes_values: { [epicField.id]: "x" }, version: 2 } });
    expect(await wrongKind.json()).toEqual({ attributes_values: ["It contains invalid custom fields."] });
    t.db.prepare("DELETE FROM custom_attributes WHERE id = ?").run(epicField.id);
    expect(t.snapshot()).toBe(before);
  });

  it("needs the item's permissions: a Stakeholder reads but may not write; outsiders of a private project may not read", async () => {
    const field = await json<Attribute>(await create({ name: "Customer" }));
    const id = storyId();
    expect((await t.request(`/userstories/custom-attributes-values/${id}`, { as: "erin" })).status).toBe(200);
    expect((await t.request(`/userstories/custom-attributes-values/${id}`, { method: "PATCH", as: "erin", body: { attributes_values: { [field.id]: "x" }, version: 1 } })).status).toBe(403);
    const hidden = (t.db.prepare("SELECT id FROM userstories WHERE project_id = ? LIMIT 1").get(secret) as { id: number }).id;
    expect((await t.request(`/userstories/custom-attributes-values/${hidden}`, { as: "bob" })).status).toBe(403);
    expect((await t.request(`/userstories/custom-attributes-values/${hidden}`)).status).toBe(401);
    expect((await t.request("/userstories/custom-attributes-values/99999", { as: "admin" })).status).toBe(404);
  });

  it("works the same for epics, tasks and issues", async () => {
    const epicField = await json<Attribute>(await create({ name: "Theme" }, "epic"));
    const epic = (t.db.prepare("SELECT id FROM epics WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    const res = await t.request(`/epics/custom-attributes-values/${epic}`, { method: "PUT", as: "admin", body: { attributes_values: { [epicField.id]: "Growth" }, version: 1 } });
    expect(await json(res)).toEqual({ attributes_values: { [epicField.id]: "Growth" }, version: 2, epic });
    const task = (t.db.prepare("SELECT id FROM tasks WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    expect(await json(await t.request(`/tasks/custom-attributes-values/${task}`, { as: "admin" }))).toEqual({ attributes_values: {}, version: 1, task });
    const issue = (t.db.prepare("SELECT id FROM issues WHERE project_id = ? LIMIT 1").get(scrum) as { id: number }).id;
    expect(await json(await t.request(`/issues/custom-attributes-values/${issue}`, { as: "admin" }))).toEqual({ attributes_values: {}, version: 1, issue });
  });
});

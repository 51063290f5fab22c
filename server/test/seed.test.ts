/** Demo data matches what the team brief promises, and the e2e reset endpoint restores it. */
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { openDatabase, wipeDatabase } from "../db";
import { seedDemo } from "../seed";
import { seedBigBoard } from "../seed-cli";
import { makeTestApp } from "./app";

describe("demo data", () => {
  const t = makeTestApp();
  const q = <T>(sql: string, ...p: unknown[]): T => t.db.prepare(sql).get(...p) as T;

  it("has the demo users, all with password 123123, admin as superuser", async () => {
    const users = t.db.prepare("SELECT username, email, is_superuser FROM users ORDER BY id").all();
    expect(users).toEqual([
      { username: "admin", email: "admin@taiga.demo", is_superuser: 1 },
      ...["alice", "bob", "carol", "dave", "erin", "frank"].map((u) => ({ username: u, email: `${u}@taiga.demo`, is_superuser: 0 })),
    ]);
    for (const u of ["admin", "frank"]) expect(typeof (await t.login(u))).toBe("string");
  });

  it("has a Scrum project with a backlog, three sprints (one current, the past one closed) and tasks", () => {
    const scrum = t.ids.project("demo-scrum");
    const backlog = q<{ n: number }>("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND milestone_id IS NULL", scrum).n;
    expect(backlog).toBeGreaterThanOrEqual(20);
    const sprints = t.db.prepare("SELECT estimated_start AS s, estimated_finish AS f, closed FROM milestones WHERE project_id = ? ORDER BY estimated_start").all(scrum) as { s: string; f: string; closed: number }[];
    expect(sprints).toHaveLength(3);
    const today = "2026-11-28";
    expect(sprints[0]?.closed).toBe(1);
    expect(sprints[0]!.f < today).toBe(true);
    expect(sprints[1]!.s <= today && today <= sprints[1]!.f).toBe(true);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM tasks t JOIN userstories u ON u.id = t.user_story_id WHERE t.milestone_id IS NOT u.milestone_id").n).toBe(0);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE project_id = ?", scrum).n).toBeGreaterThan(10);
  });

  it("has issues of every type, priority and severity, and a wiki whose links resolve", () => {
    const scrum = t.ids.project("demo-scrum");
    for (const [col, table] of [["type_id", "issue_types"], ["priority_id", "priorities"], ["severity_id", "severities"]]) {
      const missing = q<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} v WHERE v.project_id = ? AND NOT EXISTS (SELECT 1 FROM issues i WHERE i.${col} = v.id)`, scrum).n;
      expect(missing, table).toBe(0);
    }
    const pages = (t.db.prepare("SELECT slug, content FROM wiki_pages WHERE project_id = ?").all(scrum) as { slug: string; content: string }[]);
    const slugs = new Set(pages.map((p) => p.slug));
    expect(slugs.has("home")).toBe(true);
    for (const p of pages) for (const m of p.content.matchAll(/\[\[([^\]]+)\]\]/g)) expect(slugs.has(m[1] as string), m[1]).toBe(true);
  });

  it("has a Kanban project with swimlanes, WIP limits, archived stories, tags with colours, blocked and due stories", () => {
    const kanban = t.ids.project("demo-kanban");
    const p = q<{ is_kanban_activated: number; is_backlog_activated: number; default_swimlane_id: number; tags_colors: string }>("SELECT * FROM projects WHERE id = ?", kanban);
    expect([p.is_kanban_activated, p.is_backlog_activated]).toEqual([1, 0]);
    expect(p.default_swimlane_id).not.toBeNull();
    const stories = q<{ n: number }>("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ?", kanban).n;
    expect(stories).toBeGreaterThanOrEqual(35);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM userstory_statuses WHERE project_id = ? AND wip_limit IS NOT NULL", kanban).n).toBeGreaterThan(0);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM userstories u JOIN userstory_statuses s ON s.id = u.status_id WHERE u.project_id = ? AND s.is_archived = 1", kanban).n).toBeGreaterThan(0);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND is_blocked = 1 AND blocked_note <> ''", kanban).n).toBeGreaterThan(0);
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ? AND due_date IS NOT NULL", kanban).n).toBeGreaterThan(0);
    const colours = Object.fromEntries(JSON.parse(p.tags_colors) as [string, string | null][]);
    const used = t.db.prepare("SELECT DISTINCT j.value AS tag FROM userstories u, json_each(u.tags) j WHERE u.project_id = ?").all(kanban) as { tag: string }[];
    for (const { tag } of used) expect(tag in colours, tag).toBe(true);
  });

  it("gives refs from one sequence per project, without gaps or duplicates across stories, tasks and issues", () => {
    const scrum = t.ids.project("demo-scrum");
    const refs = (t.db.prepare("SELECT ref FROM userstories WHERE project_id = @p UNION ALL SELECT ref FROM tasks WHERE project_id = @p UNION ALL SELECT ref FROM issues WHERE project_id = @p ORDER BY ref").all({ p: scrum }) as { ref: number }[]).map((r) => r.ref);
    expect(refs).toEqual(refs.map((_, i) => i + 1));
  });

  it("keeps the private project to admin and alice", () => {
    const members = t.db.prepare("SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.username").all(t.ids.project("secret-roadmap"));
    expect(members).toEqual([{ username: "admin" }, { username: "alice" }]);
  });

  it("gives every story, task and issue a past: changes and comments from several members, after its creation, counted in its version", async () => {
    for (const [kind, table] of [["userstory", "userstories"], ["task", "tasks"], ["issue", "issues"]] as const) {
      const items = t.db.prepare(`SELECT id, version, created_date, project_id FROM ${table}`).all() as { id: number; version: number; created_date: string; project_id: number }[];
      expect(items.length, table).toBeGreaterThan(0);
      for (const item of items) {
        const entries = t.db
          .prepare("SELECT type, diff, comment, created_at, user FROM history_entries WHERE content_type = ? AND object_id = ? ORDER BY seq")
          .all(kind, item.id) as { type: number; diff: string; comment: string; created_at: string; user: string }[];
        const changes = entries.filter((e) => e.type === 1);
        expect(changes.filter((e) => e.comment === "" && e.diff !== "{}").length, `${kind} ${item.id} activity`).toBeGreaterThan(0);
        expect(changes.filter((e) => e.comment !== "").length, `${kind} ${item.id} comments`).toBeGreaterThan(0);
        expect(item.version, `${kind} ${item.id} version`).toBe(1 + changes.length);
        for (const e of changes) expect(e.created_at > item.created_date && e.created_at < new Date().toISOString(), `${kind} ${item.id} dated ${e.created_at}`).toBe(true);
        const dates = changes.map((e) => e.created_at);
        expect(dates).toEqual([...dates].sort());
      }
    }
    const commenters = t.db.prepare("SELECT COUNT(DISTINCT json_extract(user, '$.username')) AS n FROM history_entries WHERE comment <> '' AND project_id = ?").get(t.ids.project("demo-scrum")) as { n: number };
    expect(commenters.n).toBeGreaterThanOrEqual(5);

    // Read back through the API: the first story's comments and activity, shaped like real changes.
    const story = t.db.prepare("SELECT id FROM userstories WHERE project_id = ? ORDER BY id LIMIT 1").get(t.ids.project("demo-scrum")) as { id: number };
    const activity = (await (await t.request(`/history/userstory/${story.id}?type=activity`, { as: "admin" })).json()) as { values_diff: Record<string, unknown> }[];
    const comments = (await (await t.request(`/history/userstory/${story.id}?type=comment`, { as: "admin" })).json()) as { comment: string; comment_html: string }[];
    expect(activity.some((e) => Array.isArray(e.values_diff["status"]) && (e.values_diff["status"] as unknown[]).every((v) => typeof v === "string"))).toBe(true);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(c.comment_html).toMatch(/^<p>/);
  });

  it("has a project blocked by the staff: readable, every write refused with 451", async () => {
    const id = t.ids.project("legacy-archive");
    const detail = (await (await t.request("/projects/by_slug?slug=legacy-archive", { as: "bob" })).json()) as { blocked_code: string; my_permissions: string[] };
    expect(detail.blocked_code).toBe("blocked-by-staff");
    const story = t.db.prepare("SELECT id, version FROM userstories WHERE project_id = ? ORDER BY id LIMIT 1").get(id) as { id: number; version: number };
    const res = await t.request(`/userstories/${story.id}`, { method: "PATCH", as: "bob", body: { subject: "never", version: story.version } });
    expect(res.status).toBe(451);
    expect(await res.json()).toEqual({ _error_message: "Blocked element", _error_type: "taiga.base.exceptions.Blocked" });
  });

  it("is deterministic apart from dates and ids of secrets", () => {
    const a = makeTestApp();
    const b = makeTestApp();
    const content = (x: typeof a) => JSON.stringify(x.db.prepare("SELECT ref, subject, status_id, swimlane_id, tags, is_blocked, assigned_to_id, version FROM userstories ORDER BY id").all());
    expect(content(a)).toBe(content(b));
    const past = (x: typeof a) => JSON.stringify(x.db.prepare("SELECT content_type, object_id, type, user, diff, values_diff, comment FROM history_entries ORDER BY seq").all());
    expect(past(a)).toBe(past(b));
  });
});

describe("POST /api/v1/__e2e__/reset", () => {
  it("does not exist without the e2e flag", async () => {
    const t = makeTestApp();
    expect((await t.request("/__e2e__/reset", { method: "POST" })).status).toBe(404);
  });

  it("wipes changes and reseeds when enabled", async () => {
    const db = openDatabase(":memory:");
    seedDemo(db);
    const app = createApp({ db, e2e: true, secret: "s", reseed: () => { wipeDatabase(db); seedDemo(db); } });
    db.prepare("UPDATE userstories SET subject = 'changed'").run();
    db.prepare("DELETE FROM projects WHERE slug = 'secret-roadmap'").run();
    const res = await app.request("/api/v1/__e2e__/reset", { method: "POST" });
    expect(res.status).toBe(204);
    expect((db.prepare("SELECT COUNT(*) AS n FROM userstories WHERE subject = 'changed'").get() as { n: number }).n).toBe(0);
    expect(db.prepare("SELECT id FROM projects WHERE slug = 'secret-roadmap'").get()).toBeDefined();
    expect((await app.request("/api/v1/__e2e__/reset", { method: "GET" })).status).toBe(405);
  });
});

describe("seed CLI", () => {
  it("creates a large Kanban project and replaces it on a second run", () => {
    const t = makeTestApp();
    seedBigBoard(t.db, { stories: 500, slug: "big-board" });
    const id = seedBigBoard(t.db, { stories: 200, slug: "big-board" });
    expect((t.db.prepare("SELECT COUNT(*) AS n FROM userstories WHERE project_id = ?").get(id) as { n: number }).n).toBe(200);
    expect((t.db.prepare("SELECT COUNT(*) AS n FROM projects WHERE slug = 'big-board'").get() as { n: number }).n).toBe(1);
    expect((t.db.prepare("SELECT COUNT(*) AS n FROM role_points rp LEFT JOIN userstories u ON u.id = rp.userstory_id WHERE u.id IS NULL").get() as { n: number }).n).toBe(0);
  });
});

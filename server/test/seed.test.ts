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

  it("is deterministic apart from dates and ids of secrets", () => {
    const a = makeTestApp();
    const b = makeTestApp();
    const content = (x: typeof a) => JSON.stringify(x.db.prepare("SELECT ref, subject, status_id, swimlane_id, tags, is_blocked, assigned_to_id FROM userstories ORDER BY id").all());
    expect(content(a)).toBe(content(b));
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

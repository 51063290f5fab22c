/** GET /projects/{id}/stats (projects/023) and /tags_colors (projects/026). */
import { beforeAll, describe, expect, it } from "vitest";
import { expectLikeRecording } from "./expect";
import { makeTestApp, type TestApp } from "./app";
import { recording } from "./recordings";

let t: TestApp;
let scrum: number;
beforeAll(() => {
  t = makeTestApp();
  scrum = t.ids.project("demo-scrum");
});

const sum = (sql: string, ...p: unknown[]): number => (t.db.prepare(sql).get(...p) as { n: number | null }).n ?? 0;
const POINTS = "FROM role_points rp JOIN userstories us ON us.id = rp.userstory_id JOIN points pt ON pt.id = rp.points_id WHERE us.project_id = ?";

describe("GET /projects/{id}/stats", () => {
  it("has Taiga's shape (projects/023)", async () => {
    await expectLikeRecording(await t.request(`/projects/${scrum}/stats`, { as: "bob" }), recording("projects/023"), {
      dynamicKeys: ["$.closed_points_per_role", "$.defined_points_per_role", "$.assigned_points_per_role"],
      nullable: ["$.milestones[].evolution"],
    });
  });

  it("sums defined, closed and assigned points and draws the burn-up from the project's plan", async () => {
    const body = (await (await t.request(`/projects/${scrum}/stats`, { as: "bob" })).json()) as {
      total_points: number;
      defined_points: number;
      closed_points: number;
      assigned_points: number;
      speed: number;
      defined_points_per_role: Record<string, number>;
      milestones: { name: string; optimal: number; evolution: number | null }[];
    };
    expect(body.total_points).toBe(150);
    expect(body.defined_points).toBeCloseTo(sum(`SELECT SUM(pt.value) AS n ${POINTS}`, scrum));
    expect(body.closed_points).toBeCloseTo(sum(`SELECT SUM(pt.value) AS n ${POINTS} AND us.is_closed = 1`, scrum));
    expect(body.assigned_points).toBeCloseTo(sum(`SELECT SUM(pt.value) AS n ${POINTS} AND us.milestone_id IS NOT NULL`, scrum));
    expect(Object.values(body.defined_points_per_role).reduce((a, b) => a + b, 0)).toBeCloseTo(body.defined_points);
    const sprint1 = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? AND name = 'Sprint 1'").get(scrum) as { id: number }).id;
    const sprint1Done = sum(`SELECT SUM(pt.value) AS n ${POINTS} AND us.milestone_id = ? AND us.is_closed = 1`, scrum, sprint1);
    expect(sprint1Done).toBeGreaterThan(0);
    expect(body.speed).toBeCloseTo(sum(`SELECT SUM(pt.value) AS n ${POINTS} AND us.milestone_id = ?`, scrum, sprint1));
    expect(body.milestones.map((m) => m.name)).toEqual(["Sprint 1", "Sprint 2", "Sprint 3", "Project End"]);
    expect(body.milestones.map((m) => m.optimal)).toEqual([150, 100, 50, 0]);
    expect(body.milestones[0]?.evolution).toBe(150);
    expect(body.milestones[1]?.evolution).toBeCloseTo(150 - sprint1Done);
  });

  it("plans future sprints when fewer exist than planned, and hides private projects", async () => {
    t.db.prepare("UPDATE projects SET total_milestones = 5 WHERE id = ?").run(scrum);
    const body = (await (await t.request(`/projects/${scrum}/stats`, { as: "bob" })).json()) as { milestones: { name: string; evolution: number | null }[] };
    expect(body.milestones.map((m) => m.name)).toEqual(["Sprint 1", "Sprint 2", "Sprint 3", "Future sprint", "Future sprint", "Project End"]);
    expect(body.milestones[4]?.evolution).toBeNull();
    const secret = t.ids.project("secret-roadmap");
    expect((await t.request(`/projects/${secret}/stats`, { as: "frank" })).status).toBe(403);
    expect((await t.request(`/projects/${secret}/stats`)).status).toBe(401);
  });
});

describe("GET /projects/{id}/tags_colors", () => {
  it("answers the project's tag colours (projects/026)", async () => {
    const kanban = t.ids.project("demo-kanban");
    const body = await expectLikeRecording(await t.request(`/projects/${kanban}/tags_colors`, { as: "admin" }), recording("projects/026"), { dynamicKeys: ["$"] });
    expect(body).toMatchObject({ backend: "#5178D3", customer: null });
  });
});

/**
 * The issues list as a triage table needs it, checked against an independent model of taiga-back's
 * semantics (computed here from the database rows): every filter with its `exclude_`, `order_by` on
 * every accepted column with PostgreSQL's NULL placement and `-id` ties, paging headers,
 * filters_data counts under other active filters, bulk_update_milestone (ordering/073) and
 * promote_to_user_story (issues/033).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { makeDemoApp, type TestApp } from "../test/app";
import { expectLikeRecording } from "../test/expect";
import { recording } from "../test/recordings";

let t: TestApp, scrum: number, kanban: number;

interface Row {
  id: number;
  ref: number;
  subject: string;
  description: string;
  status_id: number | null;
  type_id: number | null;
  priority_id: number | null;
  severity_id: number | null;
  owner_id: number | null;
  assigned_to_id: number | null;
  milestone_id: number | null;
  tags: string;
  created_date: string;
  modified_date: string;
  version: number;
}

const headers = { "x-disable-pagination": "1" };
const ids = async (query: string, as = "admin"): Promise<number[]> => {
  const res = await t.request(`/issues?project=${scrum}${query}`, { as, headers });
  expect(res.status, query).toBe(200);
  return ((await res.json()) as { id: number }[]).map((i) => i.id);
};
const rows = (): Row[] => t.db.prepare("SELECT * FROM issues WHERE project_id = ?").all(scrum) as Row[];
const newestFirst = (list: Row[]): number[] => list.map((r) => r.id).sort((a, b) => b - a);
const valueIds = (table: string, projectId = scrum): number[] => (t.db.prepare(`SELECT id FROM ${table} WHERE project_id = ? ORDER BY "order", id`).all(projectId) as { id: number }[]).map((r) => r.id);
const tagsOf = (r: Row): string[] => JSON.parse(r.tags) as string[];

/** Gives the demo issues some variety the seed lacks: NULL assignees, several tags, votes, equal subjects. */
function vary(): void {
  const list = rows().sort((a, b) => a.id - b.id);
  const users = (t.db.prepare("SELECT user_id FROM memberships WHERE project_id = ? ORDER BY user_id").all(scrum) as { user_id: number }[]).map((m) => m.user_id);
  list.forEach((r, i) => {
    if (i % 5 === 1) t.db.prepare("UPDATE issues SET tags = ? WHERE id = ?").run(JSON.stringify(["ux", "auth"]), r.id);
    if (i % 7 === 3) t.db.prepare("UPDATE issues SET subject = 'Same subject' WHERE id = ?").run(r.id);
    for (let v = 0; v < i % 4; v++) t.db.prepare("INSERT INTO votes (content_type, object_id, user_id, created_date) VALUES ('issue', ?, ?, '2026-01-01T00:00:00.000Z')").run(r.id, users[v]);
  });
}

beforeEach(() => {
  ({ t, scrum, kanban } = makeDemoApp());
  vary();
});

describe("GET /issues filters", () => {
  it("every id facet filters, takes a comma list with null, and its exclude keeps NULL rows (Django's negation)", async () => {
    const all = rows();
    const facets: [string, keyof Row][] = [
      ["status", "status_id"],
      ["type", "type_id"],
      ["priority", "priority_id"],
      ["severity", "severity_id"],
      ["owner", "owner_id"],
      ["assigned_to", "assigned_to_id"],
    ];
    for (const [param, column] of facets) {
      const values = [...new Set(all.map((r) => r[column]).filter((v): v is number => typeof v === "number"))].sort((a, b) => a - b);
      const [a, b] = values as [number, number];
      expect(await ids(`&${param}=${a}`), param).toEqual(newestFirst(all.filter((r) => r[column] === a)));
      expect(await ids(`&${param}=${a},${b}`), param).toEqual(newestFirst(all.filter((r) => r[column] === a || r[column] === b)));
      expect(await ids(`&exclude_${param}=${a}`), `exclude_${param}`).toEqual(newestFirst(all.filter((r) => r[column] !== a)));
      expect(await ids(`&${param}=${a}&exclude_${param}=${a}`), param).toEqual([]);
    }
    const unassigned = all.filter((r) => r.assigned_to_id === null);
    expect(unassigned.length).toBeGreaterThan(0);
    const someone = all.find((r) => r.assigned_to_id !== null)?.assigned_to_id as number;
    expect(await ids("&assigned_to=null")).toEqual(newestFirst(unassigned));
    expect(await ids(`&assigned_to=${someone},null`)).toEqual(newestFirst(all.filter((r) => r.assigned_to_id === null || r.assigned_to_id === someone)));
    // exclude_assigned_to=<id> keeps unassigned issues; exclude_assigned_to=null drops them
    expect(await ids(`&exclude_assigned_to=${someone}`)).toEqual(newestFirst(all.filter((r) => r.assigned_to_id !== someone)));
    expect(await ids("&exclude_assigned_to=null")).toEqual(newestFirst(all.filter((r) => r.assigned_to_id !== null)));
  });

  it("tags are OR-ed and exact (case and spaces matter); exclude_tags drops any match", async () => {
    const all = rows();
    expect(await ids("&tags=auth")).toEqual(newestFirst(all.filter((r) => tagsOf(r).includes("auth"))));
    expect(await ids("&tags=auth,api")).toEqual(newestFirst(all.filter((r) => tagsOf(r).some((x) => x === "auth" || x === "api"))));
    expect(await ids("&tags=AUTH")).toEqual([]);
    expect(await ids("&tags=%20auth")).toEqual([]);
    expect(await ids("&exclude_tags=auth")).toEqual(newestFirst(all.filter((r) => !tagsOf(r).includes("auth"))));
    expect(await ids("&tags=ux&exclude_tags=auth")).toEqual(newestFirst(all.filter((r) => tagsOf(r).includes("ux") && !tagsOf(r).includes("auth"))));
  });

  it("role filters by the assignee's role; a role nobody holds filters nothing, as in Taiga", async () => {
    const all = rows();
    const roleOf = new Map((t.db.prepare("SELECT user_id, role_id FROM memberships WHERE project_id = ?").all(scrum) as { user_id: number; role_id: number }[]).map((m) => [m.user_id, m.role_id]));
    const back = (t.db.prepare("SELECT id FROM roles WHERE project_id = ? AND name = 'Back'").get(scrum) as { id: number }).id;
    expect(await ids(`&role=${back}`)).toEqual(newestFirst(all.filter((r) => r.assigned_to_id !== null && roleOf.get(r.assigned_to_id) === back)));
    expect(await ids(`&exclude_role=${back}`)).toEqual(newestFirst(all.filter((r) => r.assigned_to_id === null || roleOf.get(r.assigned_to_id) !== back)));
    const nobody = Number(t.db.prepare("INSERT INTO roles (project_id, name, slug, \"order\", computable, permissions) VALUES (?, 'Nobody', 'nobody', 99, 0, '[]')").run(scrum).lastInsertRowid);
    expect(await ids(`&role=${nobody}`)).toEqual(newestFirst(all));
  });

  it("q searches subject, tags, ref and description by word prefix", async () => {
    const all = rows();
    const [first] = all;
    expect(await ids("&q=login")).toEqual(newestFirst(all.filter((r) => /\blogin/i.test(r.subject) || /\blogin/i.test(r.description))));
    expect(await ids(`&q=${(first as Row).ref}`)).toContain((first as Row).id);
    expect(await ids("&q=auth")).toEqual(newestFirst(all.filter((r) => tagsOf(r).includes("auth") || /\bauth/i.test(`${r.subject} ${r.description}`))));
    expect(await ids("&q=and")).toEqual([]);
  });

  it("answers Taiga's 400s for bad filter values", async () => {
    for (const [query, message] of [
      ["&status=abc", "Wrong arguments."],
      ["&exclude_type=1,x", "Wrong arguments."],
      ["&milestone=", "Error in filter params types."],
      ["&milestone=abc", "Error in filter params types."],
      ["&watchers=abc", "Error in filter params types."],
      ["&created_date__gte=yesterday", "Error in filter params types."],
    ]) {
      const res = await t.request(`/issues?project=${scrum}${query}`, { as: "admin" });
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toEqual({ _error_message: message, _error_type: "taiga.base.exceptions.BadRequest" });
    }
  });
});

/* ------------------------------------------------------------------ order_by ------------------------------------------------------------------ */

type Key = (string | number | null)[];
/** PostgreSQL order: NULLs last ascending and first descending; text by code point ("C" collation). */
function pgCompare(a: Key, b: Key, desc: boolean): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    let c: number;
    if (x === null) c = 1;
    else if (y === null) c = -1;
    else c = x < y ? -1 : 1;
    return desc ? -c : c;
  }
  return 0;
}

function expectedOrder(field: string, desc: boolean): number[] {
  const db = t.db;
  const value = (table: string, id: number | null): Key => {
    if (id === null) return [null, null, null, null];
    const v = db.prepare(`SELECT p.name AS pn, p.id AS pid, v."order" AS o, v.name AS n FROM ${table} v JOIN projects p ON p.id = v.project_id WHERE v.id = ?`).get(id) as { pn: string; pid: number; o: number; n: string };
    return [v.pn, v.pid, v.o, v.n];
  };
  const fullName = (id: number | null): Key => [id === null ? null : (db.prepare("SELECT full_name FROM users WHERE id = ?").get(id) as { full_name: string }).full_name];
  const votes = (id: number): number => (db.prepare("SELECT COUNT(*) AS n FROM votes WHERE content_type = 'issue' AND object_id = ?").get(id) as { n: number }).n;
  const key = (r: Row): Key => {
    switch (field) {
      case "type":
        return value("issue_types", r.type_id);
      case "status":
        return value("issue_statuses", r.status_id);
      case "priority":
        return value("priorities", r.priority_id);
      case "severity":
        return value("severities", r.severity_id);
      case "owner":
        return fullName(r.owner_id);
      case "assigned_to":
        return fullName(r.assigned_to_id);
      case "total_voters":
        return [votes(r.id)];
      case "project":
        return [0];
      default:
        return [r[field as keyof Row] as string | number | null];
    }
  };
  return rows()
    .map((r) => ({ id: r.id, k: key(r) }))
    .sort((a, b) => pgCompare(a.k, b.k, desc) || b.id - a.id)
    .map((r) => r.id);
}

describe("GET /issues order_by", () => {
  const FIELDS = ["type", "project", "status", "severity", "priority", "created_date", "modified_date", "owner", "assigned_to", "subject", "total_voters", "ref"];
  it.each(FIELDS)("order_by=%s, ascending and descending, matches taiga-back's order (ties by -id, NULLs as PostgreSQL)", async (field) => {
    expect(await ids(`&order_by=${field}`)).toEqual(expectedOrder(field, false));
    expect(await ids(`&order_by=-${field}`)).toEqual(expectedOrder(field, true));
  });

  it("an unknown or task-only field keeps the default order (newest first)", async () => {
    const newest = newestFirst(rows());
    expect(await ids("&order_by=us_order")).toEqual(newest);
    expect(await ids("&order_by=-nope")).toEqual(newest);
  });

  it("orders equal values by -id, across pages", async () => {
    const full = expectedOrder("subject", false);
    const paged: number[] = [];
    for (let page = 1; ; page++) {
      const res = await t.request(`/issues?project=${scrum}&order_by=subject&page=${page}&page_size=7`, { as: "admin" });
      paged.push(...((await res.json()) as { id: number }[]).map((i) => i.id));
      if (!res.headers.get("x-pagination-next")) break;
    }
    expect(paged).toEqual(full);
  });
});

/* ------------------------------------------------------------------ paging ------------------------------------------------------------------ */

describe("GET /issues paging", () => {
  it("pages of 30 with Taiga's headers over 100+ issues, filters and order kept in the links", async () => {
    const bulk = Array.from({ length: 110 }, (_, i) => `Paged issue ${i + 1}`).join("\n");
    expect((await t.request("/issues/bulk_create", { method: "POST", as: "admin", body: { project_id: scrum, bulk_issues: bulk } })).status).toBe(200);
    const total = rows().length;
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(total / 30); page++) {
      const res = await t.request(`/issues?project=${scrum}&order_by=-created_date&page=${page}`, { as: "admin" });
      expect(res.headers.get("x-paginated")).toBe("true");
      expect(res.headers.get("x-paginated-by")).toBe("30");
      expect(res.headers.get("x-pagination-count")).toBe(String(total));
      expect(res.headers.get("x-pagination-current")).toBe(String(page));
      const next = res.headers.get("x-pagination-next");
      if (page * 30 < total) expect(next).toMatch(new RegExp(`order_by=-created_date.*page=${page + 1}$`));
      else expect(next).toBeNull();
      seen.push(...((await res.json()) as { id: number }[]).map((i) => i.id));
    }
    expect(seen).toEqual(expectedOrder("created_date", true));
    expect(new Set(seen).size).toBe(total);
    const beyond = await t.request(`/issues?project=${scrum}&page=99`, { as: "admin" });
    expect(beyond.status).toBe(404);
    expect(await beyond.json()).toEqual({ _error_message: "Page is not 'last', nor can it be converted to an int." });
  });
});

/* ------------------------------------------------------------------ filters_data ------------------------------------------------------------------ */

interface Facets {
  types: { id: number; count: number }[];
  statuses: { id: number; count: number }[];
  priorities: { id: number; count: number }[];
  severities: { id: number; count: number }[];
  assigned_to: { id: number | null; full_name: string; count: number }[];
  owners: { id: number; full_name: string; count: number }[];
  tags: { name: string; color: string | null; count: number }[];
  roles: { id: number; name: string; color: null; order: number; count: number }[];
}

async function facets(query: string): Promise<Facets> {
  const res = await t.request(`/issues/filters_data?project=${scrum}${query}`, { as: "admin" });
  expect(res.status).toBe(200);
  return (await res.json()) as Facets;
}

describe("GET /issues/filters_data", () => {
  it("counts respect every other active filter and ignore the facet's own include and exclude", async () => {
    const all = rows();
    const [s1, s2] = valueIds("issue_statuses") as [number, number];
    const [type1] = valueIds("issue_types") as [number];
    const query = `&status=${s1},${s2}&exclude_type=${type1}&tags=ux`;
    const f = await facets(query);
    const inStatus = (r: Row): boolean => r.status_id === s1 || r.status_id === s2;
    const notType = (r: Row): boolean => r.type_id !== type1;
    const ux = (r: Row): boolean => tagsOf(r).includes("ux");
    const countBy = (list: Row[], col: keyof Row, id: number | null): number => list.filter((r) => r[col] === id).length;
    // statuses: type and tag filters apply, the status filter does not
    for (const s of f.statuses) expect(s.count, `status ${s.id}`).toBe(countBy(all.filter((r) => notType(r) && ux(r)), "status_id", s.id));
    // types: status and tag filters apply, neither type=nor exclude_type does
    for (const s of f.types) expect(s.count, `type ${s.id}`).toBe(countBy(all.filter((r) => inStatus(r) && ux(r)), "type_id", s.id));
    const rest = all.filter((r) => inStatus(r) && notType(r) && ux(r));
    for (const s of f.priorities) expect(s.count).toBe(countBy(rest, "priority_id", s.id));
    for (const s of f.severities) expect(s.count).toBe(countBy(rest, "severity_id", s.id));
    for (const a of f.assigned_to) expect(a.count, `assignee ${a.id}`).toBe(countBy(rest, "assigned_to_id", a.id));
    const withoutTags = all.filter((r) => inStatus(r) && notType(r));
    for (const tag of f.tags) expect(tag.count, tag.name).toBe(withoutTags.filter((r) => tagsOf(r).includes(tag.name)).length);
    // the list itself agrees with the facet counts
    expect((await ids(query)).length).toBe(f.statuses.filter((s) => s.id === s1 || s.id === s2).reduce((n, s) => n + s.count, 0));
  });

  it("lists every value by order, members (plus unassigned) by name, owners with issues only, known tags only", async () => {
    const f = await facets("");
    expect(f.statuses.map((s) => s.id)).toEqual(valueIds("issue_statuses"));
    expect(f.types.map((s) => s.id)).toEqual(valueIds("issue_types"));
    const names = f.assigned_to.map((a) => a.full_name);
    expect(names[0]).toBe("");
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(f.owners.every((o) => o.count > 0)).toBe(true);
    expect(f.tags.map((x) => x.name)).toEqual(["api", "auth", "backlog", "reporting", "ux"]);
    // a tag on an issue that the project does not know is not a facet
    const issue = rows()[0] as Row;
    t.db.prepare("UPDATE issues SET tags = '[\"stray\"]' WHERE id = ?").run(issue.id);
    expect((await facets("")).tags.map((x) => x.name)).not.toContain("stray");
    // q narrows every facet
    const q = await facets("&q=login");
    expect(q.statuses.reduce((n, s) => n + s.count, 0)).toBe((await ids("&q=login")).length);
  });

  it("the roles facet counts issues by the assignee's role", async () => {
    const f = await facets("");
    const roleOf = new Map((t.db.prepare("SELECT user_id, role_id FROM memberships WHERE project_id = ?").all(scrum) as { user_id: number; role_id: number }[]).map((m) => [m.user_id, m.role_id]));
    for (const role of f.roles) expect(role.count, role.name).toBe(rows().filter((r) => r.assigned_to_id !== null && roleOf.get(r.assigned_to_id) === role.id).length);
    expect(f.roles.every((r) => r.color === null)).toBe(true);
  });
});

/* ------------------------------------------------------------------ bulk_update_milestone ------------------------------------------------------------------ */

describe("POST /issues/bulk_update_milestone", () => {
  it("moves issues into a sprint without history or version change (ordering/073, 074)", async () => {
    const sprint = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
    const [a, b] = rows().filter((r) => r.milestone_id !== sprint) as [Row, Row];
    const historyBefore = (t.db.prepare("SELECT COUNT(*) AS n FROM history_entries").get() as { n: number }).n;
    const res = await t.request("/issues/bulk_update_milestone", { method: "POST", as: "admin", body: { project_id: scrum, milestone_id: sprint, bulk_issues: [{ issue_id: a.id }, { issue_id: b.id }] } });
    const body = await expectLikeRecording(res, recording("ordering/073"), { dynamicKeys: ["*"] });
    expect(body).toEqual({ [a.id]: sprint, [b.id]: sprint });
    const inSprint = await t.request(`/issues?project=${scrum}&milestone=${sprint}`, { as: "admin" });
    const listed = (await expectLikeRecording(inSprint, recording("ordering/074"), { nullable: ["*.assigned_to", "*.assigned_to_extra_info", "*.finished_date", "*.due_date", "*.tags[]"] })) as { id: number; version: number }[];
    expect(listed.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(listed.find((i) => i.id === a.id)?.version).toBe(a.version);
    expect((t.db.prepare("SELECT COUNT(*) AS n FROM history_entries").get() as { n: number }).n).toBe(historyBefore);
  });

  it("refuses bad bodies, foreign sprints and issues, outsiders; writes nothing", async () => {
    const sprint = (t.db.prepare("SELECT id FROM milestones WHERE project_id = ? ORDER BY id LIMIT 1").get(scrum) as { id: number }).id;
    const issue = rows()[0] as Row;
    const foreignIssue = (t.db.prepare("SELECT id FROM issues WHERE project_id <> ? LIMIT 1").get(scrum) as { id: number } | undefined)?.id;
    const before = t.snapshot();
    const expect400 = async (body: unknown, errors: Record<string, unknown>): Promise<void> => {
      const res = await t.request("/issues/bulk_update_milestone", { method: "POST", as: "admin", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toEqual(errors);
    };
    await expect400({}, { project_id: ["This field is required."], milestone_id: ["This field is required."], bulk_issues: ["This field is required."] });
    await expect400({ project_id: 99999, milestone_id: sprint, bulk_issues: [] }, { project_id: ["There's no project with that id"] });
    await expect400({ project_id: kanban, milestone_id: sprint, bulk_issues: [{ issue_id: issue.id }] }, { milestone_id: ["The milestone isn't valid for the project"] });
    await expect400({ project_id: scrum, milestone_id: sprint, bulk_issues: [{ issue_id: "x" }] }, { bulk_issues: [{ issue_id: ["Enter a whole number."] }] });
    if (foreignIssue) await expect400({ project_id: scrum, milestone_id: sprint, bulk_issues: [{ issue_id: foreignIssue }] }, { bulk_issues: ["All the issues must be from the same project"] });
    expect((await t.request("/issues/bulk_update_milestone", { method: "POST", body: { project_id: scrum, milestone_id: sprint, bulk_issues: [{ issue_id: issue.id }] } })).status).toBe(401);
    expect(t.snapshot()).toBe(before);
    t.db.prepare("UPDATE roles SET permissions = (SELECT json_group_array(value) FROM json_each(permissions) WHERE value <> 'modify_issue') WHERE project_id = ? AND name = 'Stakeholder'").run(scrum);
    const stakeholders = t.snapshot();
    expect((await t.request("/issues/bulk_update_milestone", { method: "POST", as: "erin", body: { project_id: scrum, milestone_id: sprint, bulk_issues: [{ issue_id: issue.id }] } })).status).toBe(403);
    expect(t.snapshot()).toBe(stakeholders);
  });
});

/* ------------------------------------------------------------------ promote_to_user_story ------------------------------------------------------------------ */

describe("POST /issues/{id}/promote_to_user_story", () => {
  it("creates a linked story with the issue's content, comments and watchers; the issue stays (issues/033)", async () => {
    const issue = rows().find((r) => r.assigned_to_id !== null) as Row;
    const commented = await t.request(`/issues/${issue.id}`, { method: "PATCH", as: "admin", body: { comment: "Seen on staging too", version: issue.version } });
    expect(commented.status).toBe(200);
    // Every comment of the issue goes with it (the demo's own and the one just added), newest first.
    const issueHistory = (await (await t.request(`/history/issue/${issue.id}`, { as: "admin" })).json()) as { comment: string }[];
    const comments = issueHistory.map((h) => h.comment).filter(Boolean);
    expect(comments[0]).toBe("Seen on staging too");
    await t.request(`/issues/${issue.id}/watch`, { method: "POST", as: "carol" });
    const res = await t.request(`/issues/${issue.id}/promote_to_user_story`, { method: "POST", as: "admin", body: { project_id: scrum } });
    const [ref] = (await expectLikeRecording(res, recording("issues/033"))) as [number];
    const story = (await (await t.request(`/userstories/by_ref?ref=${ref}&project=${scrum}`, { as: "admin" })).json()) as Record<string, unknown>;
    expect(story).toMatchObject({ subject: issue.subject, description: issue.description, generated_from_issue: issue.id, milestone: issue.milestone_id, owner: issue.owner_id, assigned_users: [issue.assigned_to_id] });
    expect((story.tags as [string, unknown][]).map(([name]) => name)).toEqual(tagsOf(issue));
    expect(story.watchers).toContain(t.ids.user("carol"));
    const history = (await (await t.request(`/history/userstory/${story.id as number}`, { as: "admin" })).json()) as { comment: string }[];
    expect(history.map((h) => h.comment)).toEqual(comments);
    const after = (await (await t.request(`/issues/${issue.id}`, { as: "admin" })).json()) as { generated_user_stories: { ref: number }[] };
    expect(after.generated_user_stories.map((s) => s.ref)).toEqual([ref]);
  });

  it("needs add_us in the project sent and a visible issue; bad bodies answer 400; nothing written", async () => {
    const issue = rows()[0] as Row;
    const before = t.snapshot();
    const send = (body: unknown, as: string | null = "admin", id = issue.id): Promise<Response> => t.request(`/issues/${id}/promote_to_user_story`, { method: "POST", as, body });
    let res = await send({});
    expect([res.status, await res.json()]).toEqual([400, { project_id: ["This field is required."] }]);
    res = await send({ project_id: 99999 });
    expect([res.status, await res.json()]).toEqual([400, { project_id: ["There's no project with that id"] }]);
    expect((await send({ project_id: scrum }, null)).status).toBe(401);
    expect((await send({ project_id: scrum }, "erin")).status).toBe(403);
    res = await send({ project_id: scrum }, "admin", 99999);
    expect([res.status, await res.json()]).toEqual([404, { _error_message: "" }]);
    expect(t.snapshot()).toBe(before);
  });
});

import { describe, expect, it } from "vitest";
import { chooserOrder, DEFAULT_COLUMNS, loadColumns, moveColumn, normaliseColumns, saveColumns, toggleColumn } from "./columns";
import { clearAll, facetMode, issueFilters, issuesUrlParams, isFiltering, nextOrder, parseIssuesUrl, setFacetValue, sortOf } from "./issuesUrl";

describe("issues URL state", () => {
  it("reads Taiga's parameters and writes them back in a stable order", () => {
    const state = parseIssuesUrl(new URLSearchParams("page=3&order_by=-priority&q=login&tags=ux,api&exclude_status=4&type=1,2,1&assigned_to=null"));
    expect(state.include.type).toEqual(["1", "2"]);
    expect(state.exclude.status).toEqual(["4"]);
    expect(state.include.assigned_to).toEqual(["null"]);
    expect(state.include.tags).toEqual(["ux", "api"]);
    expect(state).toMatchObject({ q: "login", orderBy: "-priority", page: 3 });
    expect(issuesUrlParams(state).toString()).toBe("type=1%2C2&exclude_status=4&assigned_to=null&tags=ux%2Capi&q=login&order_by=-priority&page=3");
  });

  it("sends every filter but the page to the server", () => {
    const state = parseIssuesUrl(new URLSearchParams("severity=5&exclude_tags=wip&q=%20crash%20&order_by=subject&page=2"));
    expect(issueFilters(state)).toEqual({ severity: "5", exclude_tags: "wip", q: "crash", order_by: "subject" });
  });

  it("ignores a bad page and defaults to newest first", () => {
    expect(parseIssuesUrl(new URLSearchParams("page=abc"))).toMatchObject({ page: 1, orderBy: "" });
    expect(parseIssuesUrl(new URLSearchParams("page=0")).page).toBe(1);
  });

  it("a value is included, excluded or off; any change goes back to page 1", () => {
    let state = parseIssuesUrl(new URLSearchParams("page=4"));
    state = setFacetValue(state, "status", "3", "include");
    expect(facetMode(state, "status", "3")).toBe("include");
    expect(state.page).toBe(1);
    state = setFacetValue(state, "status", "3", "exclude");
    expect(state.include.status).toEqual([]);
    expect(state.exclude.status).toEqual(["3"]);
    expect(isFiltering(state)).toBe(true);
    state = setFacetValue(state, "status", "3", "off");
    expect(facetMode(state, "status", "3")).toBe("off");
    expect(isFiltering(clearAll(setFacetValue(state, "tags", "ux", "include")))).toBe(false);
  });

  it("pressing a header sorts ascending, then descending", () => {
    expect(nextOrder("", "priority")).toBe("priority");
    expect(nextOrder("priority", "priority")).toBe("-priority");
    expect(nextOrder("-priority", "priority")).toBe("priority");
    expect(nextOrder("-priority", "status")).toBe("status");
    expect(sortOf("-status")).toEqual({ field: "status", descending: true });
    expect(sortOf("")).toBeNull();
  });
});

describe("visible columns", () => {
  it("keeps known columns once, and always the issue column", () => {
    expect(normaliseColumns(["votes", "nope", "votes", "type"])).toEqual(["issue", "votes", "type"]);
    expect(normaliseColumns("garbage")).toEqual(DEFAULT_COLUMNS);
  });

  it("hides and shows a column at its default place; the issue column stays", () => {
    const hidden = toggleColumn(DEFAULT_COLUMNS, "severity");
    expect(hidden).not.toContain("severity");
    expect(toggleColumn(hidden, "severity")).toEqual(DEFAULT_COLUMNS);
    expect(toggleColumn(DEFAULT_COLUMNS, "issue")).toEqual(DEFAULT_COLUMNS);
    expect(toggleColumn(DEFAULT_COLUMNS, "owner")).toContain("owner");
  });

  it("moves columns and lists the hidden ones after the visible ones", () => {
    const moved = moveColumn(["type", "issue", "status"], "status", -1);
    expect(moved).toEqual(["type", "status", "issue"]);
    expect(moveColumn(moved, "type", -1)).toEqual(moved);
    expect(chooserOrder(["issue", "votes"]).slice(0, 3)).toEqual(["issue", "votes", "type"]);
  });

  it("remembers the choice", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveColumns(["issue", "votes"], storage);
    expect(loadColumns(storage)).toEqual(["issue", "votes"]);
    store.set("taiga.issues.columns", "{broken");
    expect(loadColumns(storage)).toEqual(DEFAULT_COLUMNS);
  });
});

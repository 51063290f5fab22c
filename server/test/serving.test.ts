/** Static serving of the built app (server/static.ts) and the rebuild check of `npm start`. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { needsBuild } from "../../scripts/start";
import { staticFiles } from "../static";

function fakeDist(): string {
  const root = mkdtempSync(join(tmpdir(), "dist-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), `<!doctype html><title>app</title>${"<!-- padding -->".repeat(100)}`);
  writeFileSync(join(root, "config.json"), '{"api": "/api/v1"}');
  writeFileSync(join(root, "assets", "app-123.js"), `console.log(${JSON.stringify("x".repeat(5000))});`);
  writeFileSync(join(root, "assets", "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return root;
}

describe("static files", () => {
  const serve = staticFiles(fakeDist());

  it("serves files with their content types, hashed assets cached for a year", async () => {
    const js = serve("/assets/app-123.js", "");
    expect(js?.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js?.headers.get("cache-control")).toContain("immutable");
    expect(serve("/assets/logo.png", "gzip")?.headers.get("content-type")).toBe("image/png");
    expect(serve("/assets/logo.png", "gzip")?.headers.get("content-encoding")).toBeNull();
    const config = serve("/config.json", "");
    expect(await config?.json()).toEqual({ api: "/api/v1" });
    expect(config?.headers.get("cache-control")).toBe("no-cache");
  });

  it("compresses text with brotli or gzip when the browser accepts it", async () => {
    expect(serve("/assets/app-123.js", "gzip, deflate, br")?.headers.get("content-encoding")).toBe("br");
    const gz = serve("/assets/app-123.js", "gzip");
    expect(gz?.headers.get("content-encoding")).toBe("gzip");
    const text = gunzipSync(Buffer.from(await (gz as Response).arrayBuffer())).toString();
    expect(text.startsWith("console.log(")).toBe(true);
  });

  it("answers client routes with index.html but not missing assets or paths outside dist", async () => {
    expect(await serve("/project/demo-kanban/kanban", "")?.text()).toContain("<title>app</title>");
    expect(await serve("/", "")?.text()).toContain("<title>app</title>");
    expect(serve("/assets/missing.js", "")).toBeNull();
    expect(serve("/../../etc/passwd", "")).toBeNull();
    expect(serve("/%2e%2e/%2e%2e/etc/hosts", "")).toBeNull();
    expect(serve("/%E0%A4%A", "")).toBeNull();
  });
});

describe("npm start rebuild check", () => {
  it("builds when dist is missing or older than a source file, not otherwise", () => {
    const root = mkdtempSync(join(tmpdir(), "repo-"));
    mkdirSync(join(root, "src"));
    writeFileSync(join(root, "src", "main.tsx"), "x");
    writeFileSync(join(root, "index.html"), "x");
    expect(needsBuild(root)).toBe(true);
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist", "index.html"), "built");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, "src", "main.tsx"), past, past);
    utimesSync(join(root, "index.html"), past, past);
    expect(needsBuild(root)).toBe(false);
    writeFileSync(join(root, "src", "main.tsx"), "changed");
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, "src", "main.tsx"), future, future);
    expect(needsBuild(root)).toBe(true);
  });
});

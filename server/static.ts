/**
 * Serves the built single-page app from `dist/`: correct content types, gzip/brotli for text assets
 * (compressed once, kept in memory), long caching for hashed assets, and `index.html` for client routes.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map", ".webmanifest"]);

interface Cached {
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  mtime: number;
}

/** Returns a request handler for files under `root`, or null responses when the file does not exist. */
export function staticFiles(root: string): (path: string, acceptEncoding: string) => Response | null {
  const cache = new Map<string, Cached>();

  const load = (file: string): Cached | null => {
    let st;
    try {
      st = statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtime === st.mtimeMs) return hit;
    const entry: Cached = { raw: readFileSync(file), mtime: st.mtimeMs };
    cache.set(file, entry);
    return entry;
  };

  const respond = (file: string, acceptEncoding: string, immutable: boolean): Response | null => {
    const entry = load(file);
    if (!entry) return null;
    const ext = extname(file).toLowerCase();
    const headers: Record<string, string> = {
      "content-type": TYPES[ext] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      vary: "accept-encoding",
    };
    let body = entry.raw;
    if (COMPRESSIBLE.has(ext) && entry.raw.length > 1024) {
      if (/\bbr\b/.test(acceptEncoding)) {
        entry.br ??= brotliCompressSync(entry.raw);
        body = entry.br;
        headers["content-encoding"] = "br";
      } else if (/\bgzip\b/.test(acceptEncoding)) {
        entry.gzip ??= gzipSync(entry.raw);
        body = entry.gzip;
        headers["content-encoding"] = "gzip";
      }
    }
    return new Response(new Uint8Array(body), { status: 200, headers });
  };

  return (path, acceptEncoding) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    const file = normalize(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) return null;
    const direct = decoded !== "/" ? respond(file, acceptEncoding, decoded.startsWith("/assets/")) : null;
    if (direct) return direct;
    // Client-side routes (no file extension) get the app shell.
    if (extname(decoded) === "" || decoded === "/") {
      const index = join(root, "index.html");
      if (existsSync(index)) return respond(index, acceptEncoding, false);
    }
    return null;
  };
}

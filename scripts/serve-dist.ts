/**
 * Serves the built app (`dist/`) alone, with `config.json` answered from `API` — the dashboard as a
 * team would deploy it in front of their own Taiga. `npm run test:real` uses it to point the built
 * app at a real taiga-back:
 *
 *   API=http://127.0.0.1:8000/api/v1 PORT=4700 tsx scripts/serve-dist.ts
 */
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { staticFiles } from "../server/static";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const api = process.env.API;
const port = Number(process.env.PORT ?? 4700);
const host = process.env.HOST ?? "127.0.0.1";

if (!api || !/^https?:\/\//.test(api)) {
  console.error("serve-dist: set API to the absolute address of a Taiga API, e.g. API=http://127.0.0.1:8000/api/v1");
  process.exit(2);
}

const files = staticFiles(resolve(ROOT, "dist"));
// PUBLIC_REGISTER=0 hides the sign-up page, for a Taiga with public registration off.
const config = JSON.stringify({ api: api.replace(/\/+$/, ""), publicRegister: process.env.PUBLIC_REGISTER !== "0" });

createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path === "/config.json") {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
    res.end(config);
    return;
  }
  const answer = files(path, String(req.headers["accept-encoding"] ?? ""));
  if (!answer) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
    return;
  }
  res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
  void answer.arrayBuffer().then((body) => res.end(Buffer.from(body)));
}).listen(port, host, () => console.log(`serve-dist: http://${host}:${port} -> API ${api}`));

/**
 * Records the real Taiga's answers to the endpoints the first recording run left out (custom
 * attributes and their values, the value lists' order endpoints, the user's account endpoints,
 * the user and profile timelines, notify policies, feedback, export/import, locales, stats), in the
 * format of fixtures/taiga-recordings (see its README, "Further recordings").
 *
 *   TAIGA_REAL_API=http://127.0.0.1:8000/api/v1 npx tsx scripts/record-further.ts
 *
 * It writes to a shared instance: every object it creates is deleted again, every setting it
 * changes is put back, and writes happen in an empty project (project-6 of the sample data).
 * Tokens and secrets are replaced by "<token>", long lists cut to 3 items (`items_total` keeps the
 * length), as in the first run.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const API = process.env.TAIGA_REAL_API;
if (!API) {
  console.error("Set TAIGA_REAL_API (e.g. http://127.0.0.1:8000/api/v1).");
  process.exit(1);
}
const OUT = join(process.cwd(), "fixtures", "taiga-recordings", "further");
const FIRST_SEQ = 619;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Call {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  as: string;
  body?: Json;
  form?: Record<string, string | { name: string; type: string; bytes: Buffer }>;
  headers?: Record<string, string>;
}

const tokens = new Map<string, string>();
let seq = FIRST_SEQ;
let count = 0;

function scrub(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value) && value.length > 30) return "<token>";
    if (/(token|secret|refresh)$/i.test(key) && value.length >= 16) return "<token>";
    return value.replace(/key=[^&"]+/g, "key=<token>");
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k)]));
  return value;
}

async function login(username: string): Promise<void> {
  const response = await fetch(`${API}/auth`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "normal", username, password: "123123" }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  tokens.set(username, ((await response.json()) as { auth_token: string }).auth_token);
}

/** Sends a call (not recorded). */
async function send(call: Call): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const headers: Record<string, string> = { ...call.headers };
  const token = tokens.get(call.as);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (call.form) {
    const form = new FormData();
    for (const [name, value] of Object.entries(call.form)) {
      if (typeof value === "string") form.append(name, value);
      else form.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.name);
    }
    body = form;
  } else if (call.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.body);
  }
  const response = await fetch(`${API}${call.path}`, { method: call.method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = `<HTML page, ${Buffer.byteLength(text)} bytes, not stored>`;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Sends a call and writes it down as `further/NNN-<slug>.json`. */
async function record(slug: string, title: string, call: Call, notes?: string): Promise<unknown> {
  const answer = await send(call);
  count += 1;
  const kept: Record<string, string> = {};
  const extra: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (name === "content-type" || name.startsWith("x-pagina") || name.startsWith("x-site-") || name.startsWith("access-control-")) {
      kept[name] = value;
    } else if (name.startsWith("taiga-info-") || name === "www-authenticate" || name === "content-disposition") {
      extra[name] = value;
    }
  });
  const requestHeaders: Record<string, string> = { ...call.headers };
  if (call.form) requestHeaders["content-type"] = "multipart/form-data; boundary=<boundary>";
  else if (call.body !== undefined) requestHeaders["content-type"] = "application/json";
  const requestBody = call.form
    ? Object.fromEntries(
        Object.entries(call.form).map(([name, value]) => [name, typeof value === "string" ? value : `<file ${value.name}, ${value.type}, ${value.bytes.length} bytes>`]),
      )
    : (call.body ?? null);
  let body = scrub(answer.body);
  const response: Record<string, unknown> = { status: answer.status, headers: kept };
  if (Object.keys(extra).length) response.extra_headers = extra;
  if (Array.isArray(body)) {
    response.items_total = body.length;
    if (body.length > 3) body = body.slice(0, 3);
  }
  response.body = body;
  if (!answer.text) response.body_note = "empty body (0 bytes)";
  if (typeof answer.body === "string" && answer.body.startsWith("<HTML page")) {
    // As the first run: only the debug page's <title> and, for 500s, the exception value are kept.
    response.body_note = "Django DEBUG=True HTML page; only its <title> (and exception value for 500s) are kept";
    const title = /<title>\s*([\s\S]*?)\s*<\/title>/.exec(answer.text)?.[1];
    if (title) response.html_title = title.replace(/\s+/g, " ");
    const value = /<pre class="exception_value">([\s\S]*?)<\/pre>/.exec(answer.text)?.[1];
    if (value) response.html_exception_value = value.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  const file = {
    title,
    seq: seq++,
    request: { method: call.method, path: `/api/v1${call.path}`, as: call.as, headers: requestHeaders, body: scrub(requestBody) },
    response,
    ...(notes ? { notes } : {}),
  };
  const name = `${String(count).padStart(3, "0")}-${slug}.json`;
  writeFileSync(join(OUT, name), `${JSON.stringify(file, null, 1)}\n`);
  console.log(`${name}: ${call.method} ${call.path} -> ${answer.status}`);
  return answer.body;
}

const admin = (method: Call["method"], path: string, body?: Json, headers?: Record<string, string>): Call => ({ method, path, as: "admin", body, headers });
const whole = { "x-disable-pagination": "True" };

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await login("admin");
  await login("user9");

  const project = (await send(admin("GET", "/projects/by_slug?slug=project-6"))).body as { id: number };
  const me = (await send(admin("GET", "/users/me"))).body as { id: number; bio: string };

  // ------------------------------------------------------------ custom attributes and their values
  const kinds = [
    { kind: "epic", items: "epics", field: "epic" },
    { kind: "userstory", items: "userstories", field: "user_story" },
    { kind: "task", items: "tasks", field: "task" },
    { kind: "issue", items: "issues", field: "issue" },
  ] as const;
  for (const { kind, items } of kinds) {
    const base = `/${kind}-custom-attributes`;
    const created = (await record(`${kind}-custom-attributes-create`, `POST ${base} {project, name, type}`, admin("POST", base, { project: project.id, name: `Recorded ${kind} attribute`, type: "text" }))) as {
      id: number;
    };
    await record(`${kind}-custom-attributes-list`, `GET ${base}?project=<empty project> (whole list)`, admin("GET", `${base}?project=${project.id}`, undefined, whole));
    await record(`${kind}-custom-attributes-get`, `GET ${base}/{id}`, admin("GET", `${base}/${created.id}`));
    await record(`${kind}-custom-attributes-patch`, `PATCH ${base}/{id} {description}`, admin("PATCH", `${base}/${created.id}`, { description: "patched" }));
    await record(
      `${kind}-custom-attributes-put`,
      `PUT ${base}/{id}`,
      admin("PUT", `${base}/${created.id}`, { project: project.id, name: `Recorded ${kind} attribute (PUT)`, description: "put", type: "text", order: 5 }),
    );
    await record(
      `${kind}-custom-attributes-bulk-update-order`,
      `POST ${base}/bulk_update_order`,
      admin("POST", `${base}/bulk_update_order`, { project: project.id, [`bulk_${kind}_custom_attributes`]: [[created.id, 1]] }),
    );
    // Values live on an item: one is created for them and deleted again.
    const item = (await send(admin("POST", `/${items}`, { project: project.id, subject: `Recorded ${kind} for attribute values` }))).body as { id: number };
    const values = `/${items}/custom-attributes-values/${item.id}`;
    const read = (await record(`${kind}-custom-attributes-values-get`, `GET /${items}/custom-attributes-values/{${kind} id}`, admin("GET", values))) as { version: number };
    await record(
      `${kind}-custom-attributes-values-patch`,
      `PATCH /${items}/custom-attributes-values/{${kind} id} {attributes_values, version}`,
      admin("PATCH", values, { attributes_values: { [String(created.id)]: "recorded value" }, version: read.version }),
    );
    await send(admin("DELETE", `/${items}/${item.id}`));
    await record(`${kind}-custom-attributes-delete`, `DELETE ${base}/{id}`, admin("DELETE", `${base}/${created.id}`));
  }

  // ------------------------------------------------------------ value lists' order (the same order posted back)
  const lists = [
    ["task-statuses", "bulk_task_statuses"],
    ["issue-statuses", "bulk_issue_statuses"],
    ["epic-statuses", "bulk_epic_statuses"],
    ["points", "bulk_points"],
    ["priorities", "bulk_priorities"],
    ["severities", "bulk_severities"],
    ["issue-types", "bulk_issue_types"],
  ] as const;
  for (const [path, key] of lists) {
    const rows = (await send(admin("GET", `/${path}?project=${project.id}`, undefined, whole))).body as { id: number; order: number }[];
    await record(
      `${path}-bulk-update-order`,
      `POST /${path}/bulk_update_order (the current order posted back)`,
      admin("POST", `/${path}/bulk_update_order`, { project: project.id, [key]: rows.map((row) => [row.id, row.order]) }),
    );
  }

  // ------------------------------------------------------------ the user's account
  await record("users-stats", "GET /users/{id}/stats", admin("GET", `/users/${me.id}/stats`));
  await record("users-contacts", "GET /users/{id}/contacts", admin("GET", `/users/${me.id}/contacts`, undefined, whole));
  await record("users-watched", "GET /users/{id}/watched", admin("GET", `/users/${me.id}/watched`, undefined, whole));
  await record("users-liked", "GET /users/{id}/liked", admin("GET", `/users/${me.id}/liked`, undefined, whole));
  await record("users-voted", "GET /users/{id}/voted", admin("GET", `/users/${me.id}/voted`, undefined, whole));
  await record("users-patch", "PATCH /users/{id} {bio} (put back afterwards)", admin("PATCH", `/users/${me.id}`, { bio: "Recorded bio" }));
  await send(admin("PATCH", `/users/${me.id}`, { bio: me.bio }));
  await record("users-change-password", "POST /users/change_password (to the same password)", {
    method: "POST",
    path: "/users/change_password",
    as: "user9",
    body: { current_password: "123123", password: "123123" },
  });
  await record("users-change-password-wrong-current", "POST /users/change_password with a wrong current password -> 400", {
    method: "POST",
    path: "/users/change_password",
    as: "user9",
    body: { current_password: "wrong-password", password: "123123" },
  });
  await record("users-change-avatar", "POST /users/change_avatar (multipart avatar)", {
    method: "POST",
    path: "/users/change_avatar",
    as: "user9",
    form: { avatar: { name: "avatar.png", type: "image/png", bytes: PNG } },
  });
  await record("users-remove-avatar", "POST /users/remove_avatar", { method: "POST", path: "/users/remove_avatar", as: "user9" });
  await record("users-change-email-bad-token", "POST /users/change_email with an unknown token -> 400", admin("POST", "/users/change_email", { email_token: "invalid" }));
  await record("users-password-recovery", "POST /users/password_recovery (anonymous; the e-mail is sent)", {
    method: "POST",
    path: "/users/password_recovery",
    as: "anonymous",
    body: { username: "user9" },
  });
  await record("users-change-password-from-recovery-bad-token", "POST /users/change_password_from_recovery with an unknown token -> 400", {
    method: "POST",
    path: "/users/change_password_from_recovery",
    as: "anonymous",
    body: { token: "invalid", password: "123123" },
  });

  // ------------------------------------------------------------ timelines
  await record("timeline-user", "GET /timeline/user/{id} (first page)", admin("GET", `/timeline/user/${me.id}`));
  await record("timeline-profile", "GET /timeline/profile/{id} (first page)", admin("GET", `/timeline/profile/${me.id}`));

  // ------------------------------------------------------------ notify policies
  const policies = (await record("notify-policies-list", "GET /notify-policies (whole list)", admin("GET", "/notify-policies", undefined, whole))) as {
    id: number;
    notify_level: number;
  }[];
  const policy = policies[0]!;
  await record("notify-policies-get", "GET /notify-policies/{id}", admin("GET", `/notify-policies/${policy.id}`));
  await record("notify-policies-patch", "PATCH /notify-policies/{id} {notify_level} (its own level)", admin("PATCH", `/notify-policies/${policy.id}`, { notify_level: policy.notify_level }));

  // ------------------------------------------------------------ feedback, export, import, locales, stats
  await record("feedback", "POST /feedback {comment}", admin("POST", "/feedback", { comment: "Recorded feedback from the dashboard's client tests." }));
  await record("feedback-missing-comment", "POST /feedback without comment -> 400", admin("POST", "/feedback", {}));
  const dump = (await record("exporter", "GET /exporter/{project id} (no task queue: the dump is written at once)", admin("GET", `/exporter/${project.id}`))) as { url?: string };
  if (dump.url) {
    // The dump just written, imported again as a new project (deleted afterwards). Export and import
    // share one throttle (one call a minute), so the import waits it out.
    await new Promise((resolve) => setTimeout(resolve, 61_000));
    const bytes = Buffer.from(await (await fetch(dump.url)).arrayBuffer());
    const imported = (await record("importer-load-dump", "POST /importer/load_dump (multipart dump: the export above)", {
      method: "POST",
      path: "/importer/load_dump",
      as: "admin",
      form: { dump: { name: "project-6.json", type: "application/json", bytes } },
    })) as { id?: number };
    if (imported.id !== undefined) await send(admin("DELETE", `/projects/${imported.id}`));
  }
  await record("locales", "GET /locales (anonymous)", { method: "GET", path: "/locales", as: "anonymous" });
  await record("stats-discover", "GET /stats/discover (anonymous)", { method: "GET", path: "/stats/discover", as: "anonymous" });

  console.log(`${count} exchanges written to ${OUT}`);
}

await main();

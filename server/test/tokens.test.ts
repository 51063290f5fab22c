/** Token lifetimes, signing and refresh rotation. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeTestApp } from "./app";

afterEach(() => {
  vi.useRealTimers();
});

async function loginPair(t: ReturnType<typeof makeTestApp>, username = "alice") {
  const res = await t.request("/auth", { method: "POST", body: { type: "normal", username, password: "123123" } });
  return (await res.json()) as { auth_token: string; refresh: string };
}

describe("access tokens", () => {
  it("expire after the configured lifetime and then answer 401 everywhere", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-28T10:00:00Z"));
    const t = makeTestApp({ accessTokenLifetime: 60 });
    const { auth_token } = await loginPair(t);
    expect((await t.request("/users/me", { token: auth_token })).status).toBe(200);
    vi.setSystemTime(new Date("2026-11-28T10:00:59Z"));
    expect((await t.request("/users/me", { token: auth_token })).status).toBe(200);
    vi.setSystemTime(new Date("2026-11-28T10:01:01Z"));
    const expired = await t.request("/projects", { token: auth_token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(((await expired.json()) as { code: string }).code).toBe("token_not_valid");
  });

  it("are rejected when tampered with or signed with another secret", async () => {
    const t = makeTestApp();
    const { auth_token } = await loginPair(t);
    const [h, p, s] = auth_token.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as { user_id: number };
    payload.user_id = t.ids.user("admin");
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    expect((await t.request("/users/me", { token: forged })).status).toBe(401);
    const other = makeTestApp({ secret: "another-secret" });
    const foreign = await loginPair(other);
    expect((await t.request("/users/me", { token: foreign.auth_token })).status).toBe(401);
  });

  it("stop working when the user is deactivated", async () => {
    const t = makeTestApp();
    const { auth_token } = await loginPair(t, "dave");
    t.db.prepare("UPDATE users SET is_active = 0 WHERE username = 'dave'").run();
    expect((await t.request("/users/me", { token: auth_token })).status).toBe(401);
    expect((await t.request("/auth", { method: "POST", body: { type: "normal", username: "dave", password: "123123" } })).status).toBe(401);
  });
});

describe("refresh tokens", () => {
  it("rotate: the new pair works, the used refresh token is refused", async () => {
    const t = makeTestApp();
    const first = await loginPair(t);
    const r1 = await t.request("/auth/refresh", { method: "POST", body: { refresh: first.refresh } });
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as { auth_token: string; refresh: string };
    expect(second.refresh).not.toBe(first.refresh);
    expect((await t.request("/users/me", { token: second.auth_token })).status).toBe(200);
    const reuse = await t.request("/auth/refresh", { method: "POST", body: { refresh: first.refresh } });
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toEqual({ detail: "Token is invalid or expired", code: "token_not_valid" });
    expect((await t.request("/auth/refresh", { method: "POST", body: { refresh: second.refresh } })).status).toBe(200);
  });

  it("expire after the configured refresh lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-28T10:00:00Z"));
    const t = makeTestApp({ refreshTokenLifetime: 3600 });
    const { refresh } = await loginPair(t);
    vi.setSystemTime(new Date("2026-11-28T11:00:01Z"));
    expect((await t.request("/auth/refresh", { method: "POST", body: { refresh } })).status).toBe(401);
  });

  it("keep the signing secret per database", async () => {
    const t = makeTestApp({ secret: undefined });
    const stored = t.db.prepare("SELECT value FROM settings WHERE key = 'secret_key'").get() as { value: string } | undefined;
    expect(stored?.value).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("passwords", () => {
  it("are stored as scrypt hashes, never in clear", () => {
    const t = makeTestApp();
    const rows = t.db.prepare("SELECT password FROM users").all() as { password: string }[];
    for (const r of rows) {
      expect(r.password).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+$/);
      expect(r.password).not.toContain("123123");
    }
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError, getConfig, loadConfig } from "./config";

describe("runtime configuration", () => {
  it("accepts a relative API path and drops a trailing slash", async () => {
    await loadConfig(async () => ({ api: "/api/v1/" }));
    expect(getConfig()).toEqual({ api: "/api/v1", publicRegister: true });
  });

  it("accepts an absolute URL of a self-hosted Taiga and a closed registration", async () => {
    const config = await loadConfig(async (url) => {
      expect(url).toBe("/config.json");
      return { api: "https://taiga.example.com/api/v1", publicRegister: false };
    });
    expect(config).toEqual({ api: "https://taiga.example.com/api/v1", publicRegister: false });
  });

  it.each([[{}], [{ api: 3 }], [{ api: "  " }], [null], ["/api/v1"]])("rejects %j with a clear message", async (raw) => {
    await expect(loadConfig(async () => raw)).rejects.toBeInstanceOf(ConfigError);
  });

  it("says which file could not be loaded", async () => {
    await expect(
      loadConfig(async () => {
        throw new Error("HTTP 404");
      }),
    ).rejects.toThrow("Could not load /config.json: HTTP 404");
  });
});

import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../api/http";
import { createQueryClient, shouldRetry } from "./queryClient";

describe("query defaults", () => {
  it("never retries a client error, retries server and network failures twice", () => {
    expect(shouldRetry(0, new ApiError(404, { _error_message: "Not found." }))).toBe(false);
    expect(shouldRetry(0, new ApiError(403, null))).toBe(false);
    expect(shouldRetry(0, new ApiError(502, null))).toBe(true);
    expect(shouldRetry(1, new NetworkError(new TypeError("Failed to fetch")))).toBe(true);
    expect(shouldRetry(2, new ApiError(500, null))).toBe(false);
  });

  it("keeps answers fresh for 30 seconds", () => {
    expect(createQueryClient().getDefaultOptions().queries?.staleTime).toBe(30_000);
  });
});

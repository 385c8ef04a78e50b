import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/root/config.js";

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("loadConfig: HTTP limits", () => {
  it("has defaults a single client and the test suite stay far below, no CORS origin, no trusted proxy", () => {
    expect(loadConfig({}).http).toEqual({
      rateLimitPerMinute: 6000,
      publicRateLimitPerMinute: 1200,
      corsOrigins: [],
      graphqlBodyLimitBytes: 20 * 1024 * 1024,
      captureBodyLimitBytes: 20 * 1024 * 1024,
      trustProxy: false,
    });
  });

  it("reads every variable; 0 turns a rate limit off", () => {
    const http = loadConfig({
      RATE_LIMIT_PER_MINUTE: "0",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "30",
      CORS_ORIGINS: "https://console.example.com, http://localhost:5173",
      GRAPHQL_BODY_LIMIT_MB: "2",
      CAPTURE_BODY_LIMIT_MB: "100",
      TRUST_PROXY: "loopback, 10.0.0.0/8",
    }).http;
    expect(http).toEqual({
      rateLimitPerMinute: 0,
      publicRateLimitPerMinute: 30,
      corsOrigins: ["https://console.example.com", "http://localhost:5173"],
      graphqlBodyLimitBytes: 2 * 1024 * 1024,
      captureBodyLimitBytes: 100 * 1024 * 1024,
      trustProxy: ["loopback", "10.0.0.0/8"],
    });
    expect(loadConfig({ TRUST_PROXY: "1" }).http.trustProxy).toBe(1);
  });

  it("refuses origins that are not origins, a wildcard, trusting any proxy, and limits out of range", () => {
    const message = problems({
      CORS_ORIGINS: "https://ok.example.com,*,https://app.example.com/path",
      TRUST_PROXY: "true",
      RATE_LIMIT_PER_MINUTE: "-1",
      GRAPHQL_BODY_LIMIT_MB: "0",
    });
    expect(message).toContain('CORS_ORIGINS: "*"');
    expect(message).toContain('CORS_ORIGINS: "https://app.example.com/path"');
    expect(message).not.toContain('"https://ok.example.com"');
    expect(message).toContain("TRUST_PROXY");
    expect(message).toContain("RATE_LIMIT_PER_MINUTE");
    expect(message).toContain("GRAPHQL_BODY_LIMIT_MB");
  });
});

import { describe, expect, it } from "vitest";
import type { AuthenticatorOptions } from "../../../src/access/authenticator.js";
import { ConfigError, loadConfig } from "../../../src/root/config.js";

const ADMIN_KEY = "x".repeat(40);

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return "";
}

describe("loadConfig: credentials", () => {
  it("accepts no ADMIN_API_KEY and no JWT provider when none is set", () => {
    expect(loadConfig({}).auth).toEqual({ adminApiKey: undefined, jwt: undefined });
  });

  it("is what createAuthenticator takes, as it is", () => {
    const options: AuthenticatorOptions = loadConfig({ ADMIN_API_KEY: ADMIN_KEY }).auth;
    expect(options.adminApiKey).toBe(ADMIN_KEY);
  });

  it("takes ADMIN_API_KEY of 32 characters or more", () => {
    expect(loadConfig({ ADMIN_API_KEY: ADMIN_KEY }).auth.adminApiKey).toBe(ADMIN_KEY);
  });

  it("refuses a short ADMIN_API_KEY without printing it", () => {
    const message = problems({ ADMIN_API_KEY: "short-secret" });
    expect(message).toContain("ADMIN_API_KEY");
    expect(message).not.toContain("short-secret");
  });

  it("reads a JWT provider with a JWKS URL or file and default claim names", () => {
    const env = { JWT_ISSUER: "https://idp.example", JWT_AUDIENCE: "tracegraph" };
    expect(loadConfig({ ...env, JWT_JWKS_URL: "https://idp.example/jwks.json" }).auth.jwt).toEqual({
      issuer: "https://idp.example",
      audience: "tracegraph",
      jwksUrl: "https://idp.example/jwks.json",
      jwksFile: undefined,
      organizationClaim: "org",
      roleClaim: "role",
    });
    const fromFile = loadConfig({ ...env, JWT_JWKS_FILE: "/etc/jwks.json", JWT_ORG_CLAIM: "tg_org" }).auth.jwt;
    expect(fromFile).toMatchObject({ jwksFile: "/etc/jwks.json", jwksUrl: undefined, organizationClaim: "tg_org" });
  });

  it("names every missing or conflicting JWT variable at once", () => {
    const message = problems({ JWT_JWKS_URL: "https://a/jwks", JWT_JWKS_FILE: "/jwks.json" });
    for (const expected of ["JWT_ISSUER", "JWT_AUDIENCE", "exactly one of JWT_JWKS_URL and JWT_JWKS_FILE"]) {
      expect(message).toContain(expected);
    }
  });

  it("fetches keys over https only, or http on loopback", () => {
    const env = { JWT_ISSUER: "i", JWT_AUDIENCE: "a" };
    expect(problems({ ...env, JWT_JWKS_URL: "http://idp.example/jwks" })).toContain("JWT_JWKS_URL");
    expect(loadConfig({ ...env, JWT_JWKS_URL: "http://127.0.0.1:8080/jwks" }).auth.jwt?.jwksUrl).toBeDefined();
  });
});

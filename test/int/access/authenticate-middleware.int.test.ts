import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../../src/access/authenticator.js";
import { generateApiKey } from "../../../src/access/api-key-format.js";
import { UNAUTHENTICATED_MESSAGE } from "../../../src/errors/app-errors.js";
import { authenticate } from "../../../src/server/authenticate.js";
import { writeLocalJwks, type LocalJwks } from "../../support/local-jwks.js";
import { testServices } from "../../support/test-services.js";
import { apiKeyService, registerOrganization, testClock } from "./access-fixtures.js";

const ADMIN_API_KEY = generateApiKey().key.replace("tgk_", "operator_");
const ISSUER = "https://idp.tracegraph.test";
const AUDIENCE = "tracegraph-api";

/** A small app with the middleware in front of a GraphQL path and a REST path, each answering its principal. */
describe("authenticate middleware with the real key store", () => {
  const clock = testClock();
  let base = "";
  let server: http.Server;
  let jwks: LocalJwks;
  let org: string;
  let reached = 0;
  const keys = { valid: "", revoked: "", expired: "" };

  beforeAll(async () => {
    const { logger } = await testServices();
    const service = await apiKeyService(clock);
    org = await registerOrganization();
    keys.valid = (await service.create({ organizationId: org, role: "MANUFACTURER" })).key;
    const revoked = await service.create({ organizationId: org, role: "PARTNER" });
    await service.revoke(revoked.id);
    keys.revoked = revoked.key;
    const expiresAt = new Date(clock.now().getTime() + 1000);
    keys.expired = (await service.create({ organizationId: org, role: "PARTNER", expiresAt })).key;
    clock.advance(2000);

    jwks = await writeLocalJwks("RS256", "rsa-1");
    const authenticator = await createAuthenticator(service, {
      adminApiKey: ADMIN_API_KEY,
      jwt: { issuer: ISSUER, audience: AUDIENCE, jwksFile: jwks.file },
    });

    const app = express();
    const guard = authenticate(authenticator, { logger });
    const answer = (_req: express.Request, res: express.Response) => {
      reached += 1;
      res.json({ principal: res.locals.principal });
    };
    app.use("/graphql", guard, answer);
    app.get("/epcis/events", guard, answer);
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await jwks.remove();
  });

  async function call(pathname: string, authorization?: string) {
    const response = await fetch(`${base}${pathname}`, {
      method: pathname === "/graphql" ? "POST" : "GET",
      headers: authorization === undefined ? {} : { authorization },
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  async function jwt(audience = AUDIENCE, expiresIn = "10m"): Promise<string> {
    return new SignJWT({ org, role: "regulator" })
      .setProtectedHeader({ alg: "RS256", kid: "rsa-1" })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setSubject("inspector-7")
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(jwks.privateKey);
  }

  it("lets a valid API key through with its principal", async () => {
    const { status, body } = await call("/graphql", `Bearer ${keys.valid}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ principal: { organizationId: org, role: "MANUFACTURER", kind: "API_KEY" } });
  });

  it("accepts ADMIN_API_KEY as an ADMIN of the platform operator", async () => {
    const { status, body } = await call("/graphql", `Bearer ${ADMIN_API_KEY}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      principal: { credentialId: "env:ADMIN_API_KEY", organizationId: null, role: "ADMIN", kind: "ENV_ADMIN" },
    });
  });

  it("accepts a JWT signed by a key of the JWKS file", async () => {
    const { status, body } = await call("/epcis/events", `Bearer ${await jwt()}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      principal: { credentialId: "jwt:inspector-7", organizationId: org, role: "REGULATOR", kind: "JWT" },
    });
  });

  it("answers 401 UNAUTHENTICATED alike for every bad credential, before the route runs", async () => {
    const before = reached;
    const bad: [string, string | undefined][] = [
      ["no header", undefined],
      ["another scheme", `Basic ${Buffer.from("neo4j:tracegraph-local").toString("base64")}`],
      ["an empty bearer", "Bearer "],
      ["a malformed key", "Bearer tgk_123"],
      ["an unknown key", `Bearer ${generateApiKey().key}`],
      ["a revoked key", `Bearer ${keys.revoked}`],
      ["an expired key", `Bearer ${keys.expired}`],
      ["a near miss of ADMIN_API_KEY", `Bearer ${ADMIN_API_KEY.slice(0, -1)}x`],
      ["a JWT for another audience", `Bearer ${await jwt("someone-else")}`],
      ["an expired JWT", `Bearer ${await jwt(AUDIENCE, "-1h")}`],
    ];
    for (const [what, header] of bad) {
      const { status, headers, body } = await call("/graphql", header);
      expect(status, what).toBe(401);
      expect(headers.get("www-authenticate"), what).toBe('Bearer realm="tracegraph"');
      expect(body, what).toEqual({
        errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: "UNAUTHENTICATED" } }],
      });
    }
    expect(reached).toBe(before);
  });

  it("lets a CORS preflight through without a credential", async () => {
    const before = reached;
    const response = await fetch(`${base}/graphql`, { method: "OPTIONS" });
    expect(response.status).toBe(200);
    expect(reached).toBe(before + 1);
  });

  it("answers REST paths with the problem JSON the REST routes use", async () => {
    const { status, body } = await call("/epcis/events", `Bearer ${keys.revoked}`);
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "UNAUTHENTICATED", message: UNAUTHENTICATED_MESSAGE } });
  });
});

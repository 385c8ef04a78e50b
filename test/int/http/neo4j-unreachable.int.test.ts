import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplication } from "../../../src/root/composition-root.js";
import { loadConfig } from "../../../src/root/config.js";
import { createApp, type App } from "../../../src/server/app.js";
import { ROUTES } from "../../../src/server/routes.js";
import { buildAppSchema } from "../../../src/server/schema.js";
import { authFetch, TEST_ADMIN_API_KEY } from "../../support/test-credentials.js";

/**
 * Fast, honest failure (issue 13 item 3): the whole app pointed at a port where no Neo4j listens. The operator's
 * ADMIN_API_KEY needs no database, so each request gets as far as its first query.
 */
describe("every route while Neo4j is unreachable", () => {
  const config = loadConfig({
    NEO4J_URI: "bolt://127.0.0.1:7799",
    LOG_LEVEL: "silent",
    ADMIN_API_KEY: TEST_ADMIN_API_KEY,
    NEO4J_FAIL_FAST_MS: "2000",
  });
  const application = createApplication({ config });
  let app: App;
  let base: string;

  beforeAll(async () => {
    app = await createApp(application.services, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
      routes: ROUTES,
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.apollo.stop();
    await application.close();
  });

  const graphql = (query: string) =>
    authFetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
  const ORGANIZATION = `{ organization(id: "uscc:91350100M000100Y43") { id } }`;

  it("answers GraphQL within 1 s with HTTP 503, Retry-After and SERVICE_UNAVAILABLE, the first call too", async () => {
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const response = await graphql(ORGANIZATION);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(body.errors[0]?.extensions).not.toHaveProperty("http");
      expect(JSON.stringify(body)).not.toMatch(/7799|ECONNREFUSED|stacktrace/);
    }
  });

  it("answers the REST routes with a 503 JSON problem and Retry-After", async () => {
    for (const path of ["/recalls/urn%3Aepc%3Aid%3Asgtin%3A0614141.107346.2017.csv", "/batches/b-1/codes.csv"]) {
      const started = performance.now();
      const response = await authFetch(`${base}${path}`);
      expect(performance.now() - started, path).toBeLessThan(1_000);
      expect(response.status, path).toBe(503);
      expect(response.headers.get("retry-after"), path).not.toBeNull();
      expect(await response.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE" } });
    }
    const events = await authFetch(`${base}/epcis/events`);
    expect(events.status).toBe(503);
    expect(events.headers.get("retry-after")).not.toBeNull();
    expect(await events.json()).not.toHaveProperty("http");
  });

  it("does not let requests pile up: 50 at once are all answered at once", async () => {
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 50 }, () => graphql(ORGANIZATION)));
    // Before the breaker each took 3-7.5 s; 2 s leaves room for a busy two-core machine serving 50 requests.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([503]));
  });

  it("says so on /readyz in its own words", async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { reason: string };
    expect(body.reason).toContain("Neo4j unreachable");
    expect(body.reason).not.toMatch(/7799|ECONNREFUSED|Failed to connect/);
  });
});

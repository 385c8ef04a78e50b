import { createApplication } from "../../src/root/composition-root.js";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/server/app.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { loadConfig } from "../../src/root/config.js";
import { testApplication, testServices } from "../support/test-services.js";
import { authFetch, TEST_ADMIN_API_KEY } from "../support/test-credentials.js";

async function listen(app: App): Promise<string> {
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}

async function post(base: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await authFetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
  };
}

describe("HTTP server on a reachable Neo4j", () => {
  let app: App;
  let base: string;

  beforeAll(async () => {
    const services = await testServices();
    const application = await testApplication();
    app = await createApp(services, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
    });
    base = await listen(app);
  });
  afterAll(async () => {
    await app.apollo.stop();
  });

  it("answers /healthz and /readyz with 200 once migrations are applied", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
  });

  it("serves the offline GraphQL IDE to a browser, with its assets from npm packages", async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/ide/graphiql.js");
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|esm\.sh)/);
    for (const asset of ["react.js", "react-dom.js", "graphiql.js", "graphiql.css"]) {
      expect((await fetch(`${base}/ide/${asset}`)).status).toBe(200);
    }
  });

  it("reports a bad identifier as BAD_USER_INPUT naming the value, with no stack trace", async () => {
    const { body } = await post(base, `{ resolveCode(code: "urn:epc:id:sgtin:0614141.107346.2017x%") { key } }`);
    const error = body.errors?.[0];
    expect(error?.extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(body)).not.toContain("stacktrace");
  });
});

describe("HTTP server while Neo4j is unreachable", () => {
  let app: App;
  let base: string;
  // The operator's ADMIN_API_KEY needs no database: the request gets as far as the resolver, which cannot read.
  const config = loadConfig({
    NEO4J_URI: "bolt://127.0.0.1:1",
    LOG_LEVEL: "silent",
    ADMIN_API_KEY: TEST_ADMIN_API_KEY,
  });
  const application = createApplication({ config, queryTimeoutMs: 5_000 });

  beforeAll(async () => {
    app = await createApp(application.services, await buildAppSchema(), application.readiness, {
      authenticator: await application.authenticator(),
    });
    base = await listen(app);
  });
  afterAll(async () => {
    await app.apollo.stop();
    await application.close();
  });

  it("answers /readyz with 503 and the reason, while /healthz stays 200", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()) as { reason: string }).toMatchObject({ reason: expect.stringContaining("Neo4j") });
  });

  it("fails GraphQL calls with SERVICE_UNAVAILABLE instead of a stack trace", async () => {
    const { body } = await post(base, `{ organization(id: "uscc:91350100M000100Y43") { id } }`);
    expect(body.errors?.[0]?.extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(body)).not.toContain("stacktrace");
  });
});

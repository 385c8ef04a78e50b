import { afterAll, beforeAll } from "vitest";
import type { AddressInfo } from "node:net";
import { createApp, type App } from "../../src/server/app.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { ROUTES } from "../../src/server/routes.js";
import { testApplication, testServices, type TestServices } from "./test-services.js";

/** The whole HTTP app (GraphQL plus every REST route) on real Neo4j, on an ephemeral loopback port. */
export async function startTestApp(): Promise<{ app: App; base: string; services: TestServices }> {
  const services = await testServices();
  const app = await createApp(services, await buildAppSchema(), (await testApplication()).readiness, ROUTES);
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  return { app, base: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`, services };
}

/**
 * The test app for one describe block: started before its tests, stopped after them. Read `base` inside tests (it is
 * set once the app listens).
 */
export function useTestApp(): { readonly base: string; readonly services: TestServices } {
  let running: Awaited<ReturnType<typeof startTestApp>> | undefined;
  beforeAll(async () => {
    running = await startTestApp();
  });
  afterAll(async () => {
    await running?.app.apollo.stop();
  });
  const started = () => {
    if (!running) throw new Error("the test app is not started yet: use it inside a test or a hook");
    return running;
  };
  return {
    get base() {
      return started().base;
    },
    get services() {
      return started().services;
    },
  };
}

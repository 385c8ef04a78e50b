import { afterAll, beforeAll } from "vitest";
import type { AddressInfo } from "node:net";
import { createApp, type App, type AppRoutes } from "../../src/server/app.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { ROUTES } from "../../src/server/routes.js";
import type { HttpConfig } from "../../src/root/config.js";
import { testApplication, testServices, type TestServices } from "./test-services.js";

export interface TestAppOptions {
  /** Limits other than the configuration's (a tiny rate limit, a small body limit, CORS origins). */
  http?: Partial<HttpConfig>;
  /** Default: every route of the server (ROUTES). */
  routes?: AppRoutes;
}

/**
 * The whole HTTP app (GraphQL plus every REST route, behind the same authenticator as the server) on real Neo4j, on
 * an ephemeral loopback port. Its protected routes need a credential: send the test ADMIN's with authFetch
 * (test-credentials.ts).
 */
export async function startTestApp(
  options: TestAppOptions = {},
): Promise<{ app: App; base: string; services: TestServices }> {
  const services = await testServices();
  const application = await testApplication();
  const app = await createApp(services, await buildAppSchema(), application.readiness, {
    authenticator: await application.authenticator(),
    routes: options.routes ?? ROUTES,
    http: { ...services.config.http, ...options.http },
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  return { app, base: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`, services };
}

/**
 * The test app for one describe block: started before its tests, stopped after them. Read `base` inside tests (it is
 * set once the app listens).
 */
export function useTestApp(options: TestAppOptions = {}): { readonly base: string; readonly services: TestServices } {
  let running: Awaited<ReturnType<typeof startTestApp>> | undefined;
  beforeAll(async () => {
    running = await startTestApp(options);
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

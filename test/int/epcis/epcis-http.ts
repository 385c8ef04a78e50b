import type { AddressInfo } from "node:net";
import { createApp, type App } from "../../../src/server/app.js";
import { buildAppSchema } from "../../../src/server/schema.js";
import { Readiness } from "../../../src/server/readiness.js";
import { ROUTES } from "../../../src/server/routes.js";
import { testServices } from "../../support/test-services.js";

/** The real HTTP app (GraphQL and REST routes) on an ephemeral loopback port. */
export async function startTestApp(): Promise<{ app: App; base: string }> {
  const services = await testServices();
  const app = await createApp(
    services,
    await buildAppSchema(),
    new Readiness(services.executor, services.logger),
    ROUTES,
  );
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
  return { app, base: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}` };
}

import "reflect-metadata";
import { ConfigError } from "../root/config.js";
import { createApplication } from "../root/composition-root.js";
import type { Services } from "../root/services.js";
import { buildAppSchema } from "./schema.js";
import { createApp } from "./app.js";
import { ROUTES } from "./routes.js";
import { seedDemoIfEmpty } from "../../seeds/demo.seed.js";
import { demoKeyLines, usableDemoKeys } from "../../seeds/demo-keys.js";

async function main(): Promise<void> {
  const application = createApplication({ startLocalDatabase: true });
  const { config, logger, services, readiness } = application;
  await readiness.ensureMigrated();
  if (config.consumer.privacySecretGenerated) {
    logger.warn("PRIVACY_SECRET is not set: consumer hashes use a random key of this process (set it in production)");
  }
  if (config.seedDemo) await seedDemoIfEmpty(services);
  // Built before listening: a JWKS file that cannot be read stops the start instead of failing every request.
  const authenticator = await application.authenticator();
  const app = await createApp(services, await buildAppSchema(), readiness, { authenticator, routes: ROUTES });
  app.httpServer.listen(config.port, config.host, () => {
    logger.info({ url: `http://localhost:${config.port}/graphql`, neo4j: config.neo4j.uri }, "tracegraph listening");
    void printDemoKeys(services);
  });
  // Jobs stored by any process of this queue, including those a previous run of this one left unfinished.
  application.jobs.start();
  // Notifications (issue 18): the outbox's changes fanned out, webhooks delivered, scheduled runs started.
  application.notify.start();

  /**
   * SIGTERM / SIGINT: /readyz 503 and new requests refused at once; running requests and jobs get SHUTDOWN_GRACE_MS;
   * jobs stop at their next checkpoint and are given back (resumed by another process or the next start); then the
   * server closes and the driver with it. A second signal ends the process at once (the handlers are `once`).
   */
  const shutdown = async (signal: string) => {
    const deadline = Date.now() + config.shutdownGraceMs;
    logger.info({ signal, graceMs: config.shutdownGraceMs, requests: app.drain.requestsInFlight }, "shutting down");
    app.drain.begin();
    const [drained] = await Promise.all([
      app.drain.drained(deadline),
      application.jobs.stop(deadline),
      application.notify.stop(deadline),
      services.live.stop(),
    ]);
    if (!drained) {
      logger.warn({ requests: app.drain.requestsInFlight }, "requests still running at the end of the grace: cut");
      app.httpServer.closeAllConnections();
    }
    await app.apollo.stop();
    await application.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/**
 * At every start while the demo's published keys still work, so a newcomer can try each role (the demo is loaded
 * once, and keys are otherwise shown once); and so nobody forgets they are there: anyone can read them.
 */
async function printDemoKeys(services: Services): Promise<void> {
  try {
    const keys = await usableDemoKeys(services);
    if (keys.length === 0) return;
    const lines = [
      "",
      "Demo API keys (DEMO ONLY, published in seeds/demo-keys.ts: revoke them before real data goes in):",
      ...demoKeyLines(keys),
      '  curl -H "Authorization: Bearer <key>" -H "content-type: application/json" \\',
      `       -d '{"query":"{ diversionAlerts(first: 3) { edges { node { rule objectKey } } } }"}' http://localhost:${services.config.port}/graphql`,
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } catch (error) {
    services.logger.warn({ err: error }, "could not check the demo keys");
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("tracegraph failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});

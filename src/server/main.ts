import "reflect-metadata";
import { ConfigError } from "../root/config.js";
import { createApplication } from "../root/composition-root.js";
import { buildAppSchema } from "./schema.js";
import { createApp } from "./app.js";
import { ROUTES } from "./routes.js";
import { seedDemoIfEmpty } from "../../seeds/demo.seed.js";

async function main(): Promise<void> {
  const application = createApplication({ startLocalDatabase: true });
  const { config, logger, services, readiness } = application;
  await readiness.ensureMigrated();
  if (config.seedDemo) await seedDemoIfEmpty(services);
  const app = await createApp(services, await buildAppSchema(), readiness, ROUTES);
  app.httpServer.listen(config.port, config.host, () => {
    logger.info({ url: `http://localhost:${config.port}/graphql`, neo4j: config.neo4j.uri }, "tracegraph listening");
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down: draining HTTP, closing the driver");
    await app.apollo.stop();
    await application.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("tracegraph failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});

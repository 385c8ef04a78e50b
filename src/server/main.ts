import "reflect-metadata";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { createDriver } from "../graph/driver.js";
import { Executor } from "../graph/executor.js";
import { buildAppSchema } from "./schema.js";
import { createServices } from "./services.js";
import { Readiness } from "./readiness.js";
import { createApp } from "./app.js";
import { ROUTES } from "./routes.js";
import { seedDemoIfEmpty } from "../../seeds/demo.seed.js";
import { startLocalNeo4j } from "./local-neo4j.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.neo4j.externalUri) startLocalNeo4j();
  const driver = createDriver(config.neo4j);
  const executor = new Executor(driver, {
    database: config.neo4j.database,
    timeoutMs: config.neo4j.queryTimeoutMs,
    logger,
  });
  const services = createServices(config, executor, logger);
  const readiness = new Readiness(executor, logger);
  await readiness.ensureMigrated();
  if (config.seedDemo) await seedDemoIfEmpty(services);
  const app = await createApp(services, await buildAppSchema(), readiness, ROUTES);
  app.httpServer.listen(config.port, config.host, () => {
    logger.info({ url: `http://localhost:${config.port}/graphql`, neo4j: config.neo4j.uri }, "tracegraph listening");
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down: draining HTTP, closing the driver");
    await app.apollo.stop();
    await driver.close();
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

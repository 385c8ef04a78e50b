import "reflect-metadata";
import http from "node:http";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { ApolloServerPlugin } from "@apollo/server";
import { loadConfig } from "../../src/server/config.js";
import { createLogger } from "../../src/server/logger.js";
import { createDriver } from "../../src/graph/driver.js";
import { Executor } from "../../src/graph/executor.js";
import { buildAppSchema } from "../../src/server/schema.js";
import { createServices } from "../../src/server/services.js";
import { createContext, type AppContext } from "../../src/server/context.js";
import { createFormatError } from "../../src/server/format-error.js";
import { OneQueryRecallRepository } from "./one-query-recall.repository.js";
import { RecallService } from "../../src/recall/recall.service.js";

/**
 * A bench-local copy of src/server/main.ts + createApp (src/server/app.ts) with proposed optimisations switched on
 * by BENCH_VARIANTS, to measure their gain against the unchanged server before anyone edits src/:
 *   nocache   ApolloServerPluginCacheControlDisabled: Apollo stops wrapping every field resolver for cache hints
 *   recallone recallImpact's counts and first page in one statement instead of two
 * Only /graphql and /readyz are served: the measures use nothing else.
 */
async function main(): Promise<void> {
  const variants = new Set((process.env.BENCH_VARIANTS ?? "").split(",").filter(Boolean));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const driver = createDriver(config.neo4j);
  const executor = new Executor(driver, {
    database: config.neo4j.database,
    timeoutMs: config.neo4j.queryTimeoutMs,
    logger,
  });
  const services = createServices(config, executor, logger);
  if (variants.has("recallone")) services.recallService = new RecallService(new OneQueryRecallRepository(executor));
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const plugins: ApolloServerPlugin<AppContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ApolloServerPluginLandingPageDisabled(),
  ];
  if (variants.has("nocache")) plugins.push(ApolloServerPluginCacheControlDisabled());
  const apollo = new ApolloServer<AppContext>({
    schema: await buildAppSchema(),
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    plugins,
  });
  await apollo.start();
  app.get("/readyz", (_req, res) => {
    res.json({ status: "ready" });
  });
  app.use(
    "/graphql",
    express.json({ limit: "20mb" }),
    expressMiddleware(apollo, { context: async () => createContext(services) }),
  );
  httpServer.listen(config.port, config.host);
  const shutdown = async () => {
    await apollo.stop();
    await driver.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

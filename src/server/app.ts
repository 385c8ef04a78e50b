import { OPERATOR } from "../access/principal.js";
import http from "node:http";
import express, { type Express } from "express";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { CompiledExecution } from "./compiled-execution.js";
import { createContext, type AppContext } from "../resolvers/context.js";
import { createFormatError } from "./format-error.js";
import { graphqlIdeRouter } from "./graphql-ide.js";
import type { Readiness } from "../root/readiness.js";
import type { Services } from "../root/services.js";

export interface App {
  express: Express;
  httpServer: http.Server;
  apollo: ApolloServer<AppContext>;
}

/** Extra HTTP routes (REST bindings, pages) that later modules mount beside /graphql. */
export type RouteMount = (app: Express, services: Services) => void;

/** Builds the HTTP app around a started Apollo Server; the caller decides when and where to listen. */
export async function createApp(
  services: Services,
  schema: GraphQLSchema,
  readiness: Readiness,
  mounts: RouteMount[] = [],
): Promise<App> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  // Longer than the usual load balancer and client idle timeouts, so an idle keep-alive connection is never closed by
  // us at the moment a client reuses it (which surfaces as ECONNRESET on the client).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const apollo = new ApolloServer<AppContext>({
    gateway: new CompiledExecution(schema),
    formatError: createFormatError(services.logger),
    includeStacktraceInErrorResponses: false,
    // No cache hints are set anywhere; the default cache-control plugin would still wrap every field resolver.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await readiness.check();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? "ready" : "not ready", ...report });
  });
  // Until authentication is wired, every request acts as the operator (replaced by authenticate()).
  app.use((_req, res, next) => {
    res.locals.principal = OPERATOR;
    next();
  });
  app.use(graphqlIdeRouter());
  for (const mount of mounts) mount(app, services);
  app.use(
    "/graphql",
    express.json({ limit: "20mb" }),
    expressMiddleware(apollo, { context: async () => createContext(services, OPERATOR) }),
  );
  return { express: app, httpServer, apollo };
}

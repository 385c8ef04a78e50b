import { chineseErrorsPlugin } from "./chinese-errors.plugin.js";
import http from "node:http";
import express, { type Express, type IRouter } from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLFormattedError, GraphQLSchema, ParseOptions } from "graphql";
import type { Logger } from "pino";
import type { CredentialAuthenticator } from "../access/authenticator.js";
import { CompiledExecution } from "./compiled-execution.js";
import { createContext, type AppContext } from "../resolvers/context.js";
import { createFormatError } from "./format-error.js";
import { graphqlIdeRouter } from "./graphql-ide.js";
import { explorerAppRouter } from "./explorer-app.js";
import { authenticate, principalOf } from "./authenticate.js";
import { attachGraphqlWs } from "./graphql-ws.js";
import { cors } from "./cors.js";
import { httpErrorHandler, notFoundRoute } from "./http-fallback.js";
import { jsonDepthGuard } from "./json-depth-guard.js";
import { operationLimits } from "./operation-limits.js";
import { byAddress, byCredential, rateLimit } from "./rate-limit.js";
import { GRAPHQL_PATH } from "./routes/http-problem.js";
import { securityHeaders } from "./security-headers.js";
import { RequestDrain } from "./request-drain.js";
import type { HttpConfig } from "../root/config.js";
import type { Readiness } from "../root/readiness.js";
import type { Services } from "../root/services.js";

export interface App {
  express: Express;
  httpServer: http.Server;
  apollo: ApolloServer<AppContext>;
  /** Shutdown: `/readyz` 503 and new requests refused from `begin()`, running ones awaited by `drained()`. */
  drain: RequestDrain;
}

/**
 * Mounts REST routes or pages on `router`: the app itself for public routes, the authenticated router for the rest
 * (a route reads its caller from `res.locals.principal`, see authenticate.ts's principalOf).
 */
export type RouteMount = (router: IRouter, services: Services, http: HttpConfig) => void;

/** The routes beside /graphql, by who may call them (API-CONTRACT §6). */
export interface AppRoutes {
  /**
   * Answered without a credential: the consumer pages, the Digital Link resolver, QR images. `paths` are the
   * prefixes they live under, where the per-address rate limit applies.
   */
  public: { paths: readonly string[]; mounts: readonly RouteMount[] };
  /** Everything else: behind the credential and the per-credential rate limit. */
  protected: readonly RouteMount[];
}

export interface AppOptions {
  /** Turns the request's bearer credential into its principal; Application.authenticator() in the server. */
  authenticator: CredentialAuthenticator;
  /** Default: none, /graphql only. The server passes ROUTES (routes.ts). */
  routes?: AppRoutes;
  /** Rate, body and CORS limits; default `services.config.http`. Tests build apps with tiny limits. */
  http?: HttpConfig;
}

/** What the server and the tests' in-process GraphQL calls share: masked errors and the operation limits. */
export interface GraphqlHardening {
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  includeStacktraceInErrorResponses: false;
  parseOptions: ParseOptions;
  plugins: ApolloServerPlugin<AppContext>[];
}

export function graphqlHardening(logger: Logger): GraphqlHardening {
  const limits = operationLimits<AppContext>();
  return {
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    plugins: limits.plugins,
  };
}

const NO_ROUTES: AppRoutes = { public: { paths: [], mounts: [] }, protected: [] };

/**
 * Builds the HTTP app around a started Apollo Server; the caller decides when and where to listen. In order:
 * headers and CORS for every answer; health; the public pages, limited per address; then one authenticated router
 * for everything else (REST routes, /graphql, unknown paths), limited per credential, so nothing protected runs,
 * or even has its body parsed, for a caller without a valid credential.
 */
export async function createApp(
  services: Services,
  schema: GraphQLSchema,
  readiness: Readiness,
  options: AppOptions,
): Promise<App> {
  const limits = options.http ?? services.config.http;
  const routes = options.routes ?? NO_ROUTES;
  const app = express();
  app.disable("x-powered-by");
  // No ETag computed over every answer: a sha1 of each GraphQL answer (megabytes for a large trace) that no client
  // revalidates a POST with. The one cacheable image route sets its own (qr.route.ts).
  app.set("etag", false);
  if (limits.trustProxy !== false) app.set("trust proxy", limits.trustProxy);
  const httpServer = http.createServer(app);
  // Longer than the usual load balancer and client idle timeouts, so an idle keep-alive connection is never closed by
  // us at the moment a client reuses it (which surfaces as ECONNRESET on the client).
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const hardening = graphqlHardening(services.logger);
  // Subscriptions (issue 18): graphql-ws on the same port and path; its sockets close when Apollo drains.
  const subscriptions = attachGraphqlWs(
    httpServer,
    schema,
    services,
    options.authenticator,
    hardening.formatError,
    services.logger,
  );
  const apollo = new ApolloServer<AppContext>({
    gateway: new CompiledExecution(schema),
    ...hardening,
    // Only authenticated callers reach Apollo, so introspection is theirs alone; on in production too, for the IDE.
    introspection: true,
    // The server's own shutdown (main.ts) drains requests and jobs first; Apollo's would stop at once and re-raise
    // the signal, cutting both.
    stopOnTerminationSignals: false,
    // No cache hints are set anywhere; the default cache-control plugin would still wrap every field resolver.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions.dispose();
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      chineseErrorsPlugin<AppContext>(),
      ...hardening.plugins,
    ],
  });
  await apollo.start();

  app.use(securityHeaders());
  app.use(cors(limits.corsOrigins));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  const drain = new RequestDrain();
  app.get("/readyz", async (_req, res) => {
    // From the first moment of a shutdown: load balancers stop sending work here before the server stops listening.
    const report = drain.isDraining ? { ready: false, reason: "shutting down" } : await readiness.check();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? "ready" : "not ready", ...report });
  });
  app.use(drain.middleware());

  const perAddress = rateLimit({ perMinute: limits.publicRateLimitPerMinute, keyOf: byAddress, subject: "address" });
  app.use(graphqlIdeRouter(perAddress));
  app.use(explorerAppRouter(perAddress));
  if (routes.public.paths.length > 0) app.use([...routes.public.paths], perAddress);
  for (const mount of routes.public.mounts) mount(app, services, limits);

  const guarded = express.Router();
  guarded.use(
    authenticate(options.authenticator, { logger: services.logger }),
    rateLimit({ perMinute: limits.rateLimitPerMinute, keyOf: byCredential, subject: "credential" }),
  );
  // /graphql first: most requests are GraphQL, and the REST routes below need not be matched against each of them.
  guarded.use(
    GRAPHQL_PATH,
    express.json({ limit: limits.graphqlBodyLimitBytes }),
    jsonDepthGuard(),
    expressMiddleware(apollo, { context: async ({ res }) => createContext(services, principalOf(res)) }),
  );
  for (const mount of routes.protected) mount(guarded, services, limits);
  guarded.use(notFoundRoute());
  app.use(guarded);
  app.use(httpErrorHandler(services.logger));
  return { express: app, httpServer, apollo, drain };
}

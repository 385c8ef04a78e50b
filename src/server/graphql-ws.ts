import type http from "node:http";
import type { Duplex } from "node:stream";
import { specifiedRules, validate, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Logger } from "pino";
import type { CredentialAuthenticator } from "../access/authenticator.js";
import type { Principal } from "../access/principal.js";
import { UnauthenticatedError } from "../errors/app-errors.js";
import { createContext } from "../resolvers/context.js";
import type { Services } from "../root/services.js";
import { bearerCredential } from "./authenticate.js";
import { operationLimitRules } from "./operation-limits.js";
import { GRAPHQL_PATH } from "./routes/http-problem.js";
import { isQueryStream, queryStreamWs } from "./query-stream-ws.js";

/** The close codes a refused connection gets (graphql-ws keeps 4400-4499 for such answers). */
export const WS_CLOSE = {
  /** No credential in `connectionParams.authorization`, or one that is not valid. */
  UNAUTHENTICATED: 4401,
  /** The credential could not be checked (the database did not answer): try again later. */
  SERVICE_UNAVAILABLE: 4503,
} as const;

/** What the connection carries once it is accepted. */
type ConnectionExtra = { principal?: Principal };

export interface GraphqlWs {
  /** Completes every subscription and closes the sockets (Apollo's drain calls it at shutdown). */
  dispose(): Promise<void>;
}

/**
 * GraphQL subscriptions over the graphql-ws protocol on the HTTP server's own port and path (/graphql). A
 * connection authenticates once, in its `connection_init` payload: `{"authorization": "Bearer <API key or JWT>"}`
 * (the same credentials as HTTP's Authorization header); without a valid one it is closed with 4401
 * `UNAUTHENTICATED`. Operations get the HTTP side's limits (depth, aliases, cost) and error masking.
 */
export function attachGraphqlWs(
  httpServer: http.Server,
  schema: GraphQLSchema,
  services: Services,
  authenticator: CredentialAuthenticator,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
  logger: Logger,
): GraphqlWs {
  // One upgrade listener routes by path: graphql-ws on /graphql, a named query's event stream on
  // /queries/{name}/events?stream=true (a WebSocketServer bound to the HTTP server would refuse other paths).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const queryStreams = queryStreamWs(services, authenticator, logger);
  httpServer.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === GRAPHQL_PATH) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
      return;
    }
    const name = isQueryStream(url);
    if (name !== null) queryStreams.handleUpgrade(name, req, socket, head);
    else socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, ...operationLimitRules()]),
      onConnect: async (ctx) => {
        const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const credential = typeof given === "string" ? bearerCredential(given) : null;
        try {
          ctx.extra.principal = await authenticator.authenticate(credential);
          return true;
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            ctx.extra.socket.close(
              WS_CLOSE.UNAUTHENTICATED,
              'UNAUTHENTICATED: send connectionParams {"authorization": "Bearer <API key or JWT>"}',
            );
          } else {
            logger.warn({ err: error }, "graphql-ws: could not check a credential");
            ctx.extra.socket.close(WS_CLOSE.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE: try again later");
          }
          return false;
        }
      },
      context: (ctx) => {
        const principal = ctx.extra.principal;
        if (!principal) throw new UnauthenticatedError();
        return createContext(services, principal);
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : undefined,
    },
    wss,
  );
  return {
    dispose: async () => {
      await queryStreams.dispose();
      await cleanup.dispose();
    },
  };
}

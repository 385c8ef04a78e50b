import http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Logger } from "pino";
import type { CredentialAuthenticator } from "../access/authenticator.js";
import type { Principal } from "../access/principal.js";
import { queryDocument } from "../epcis/query-document.js";
import { UnauthenticatedError } from "../errors/app-errors.js";
import type { Services } from "../root/services.js";
import { bearerCredential } from "./authenticate.js";
import { problemOf } from "./routes/http-problem.js";

/** `GET /queries/{name}/events?stream=true`: a named query's path; the name is URL-encoded. */
const STREAM_PATH = /^\/queries\/([^/]+)\/events$/;

/** Whether an upgrade request asks for a named query's event stream (the path, with `stream=true`). */
export function isQueryStream(url: URL): string | null {
  const match = STREAM_PATH.exec(url.pathname);
  if (!match?.[1] || url.searchParams.get("stream") !== "true") return null;
  return decodeURIComponent(match[1]);
}

/** Answers an upgrade request with a plain HTTP error (before any WebSocket handshake) and closes the socket. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  const reason = http.STATUS_CODES[status] ?? "Error";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export interface QueryStreamWs {
  /** Handles an upgrade to `/queries/{name}/events?stream=true` (authenticated by its Authorization header). */
  handleUpgrade(name: string, req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every stream and closes its socket (shutdown). */
  dispose(): Promise<void>;
}

/**
 * The EPCIS 2.0 REST binding's WebSocket streaming of a named query (issue 18 item 1): `GET
 * /queries/{name}/events?stream=true` with `Authorization: Bearer <key or JWT>` upgrades to a WebSocket on which each
 * event captured from then on that matches the query, and that the credential may see (API-CONTRACT §6), arrives as
 * one EPCISQueryDocument message. Without a valid credential: HTTP 401 `UNAUTHENTICATED`; an unknown query: 404.
 * Fed by the same live subscriptions as GraphQL's `eventCaptured`, so events captured through any server process
 * arrive.
 */
export function queryStreamWs(
  services: Services,
  authenticator: CredentialAuthenticator,
  logger: Logger,
): QueryStreamWs {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const open = new Set<WebSocket>();

  async function stream(ws: WebSocket, name: string, events: AsyncIterableIterator<unknown>): Promise<void> {
    open.add(ws);
    ws.on("close", () => {
      open.delete(ws);
      void events.return?.();
    });
    try {
      for await (const event of events) {
        if (ws.readyState !== ws.OPEN) break;
        ws.send(JSON.stringify(queryDocument([event as Parameters<typeof queryDocument>[0][number]], name)));
      }
    } catch (error) {
      logger.warn({ err: error, query: name }, "query stream ended by an error");
      ws.close(1011, "INTERNAL_SERVER_ERROR");
    }
  }

  return {
    handleUpgrade(name, req, socket, head) {
      void (async () => {
        let principal: Principal;
        try {
          principal = await authenticator.authenticate(bearerCredential(req.headers.authorization ?? undefined));
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            refuse(socket, 401, "UNAUTHENTICATED", "send Authorization: Bearer <API key or JWT>");
          } else {
            logger.warn({ err: error }, "query stream: could not check a credential");
            refuse(socket, 503, "SERVICE_UNAVAILABLE", "try again later");
          }
          return;
        }
        let events: AsyncIterableIterator<unknown>;
        try {
          const params = await services.subscriptions.queryParams(name, principal);
          events = await services.live.eventsMatching(params, principal);
        } catch (error) {
          const problem = problemOf(error);
          if (problem) {
            refuse(socket, problem.status, problem.code, problem.message);
          } else {
            logger.warn({ err: error, query: name }, "query stream: could not open");
            refuse(socket, 503, "SERVICE_UNAVAILABLE", "try again later");
          }
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => void stream(ws, name, events));
      })();
    },
    async dispose() {
      for (const ws of open) ws.close(1001, "server shutting down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

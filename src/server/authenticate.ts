import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { CredentialAuthenticator } from "../access/authenticator.js";
import type { Principal } from "../access/principal.js";
import { UnauthenticatedError } from "../errors/app-errors.js";
import { ErrorCode } from "../errors/error-code.js";
import { GRAPHQL_PATH, problemOrLogged, sendProblemFor, type HttpProblem } from "./routes/http-problem.js";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types res.locals through this namespace.
  namespace Express {
    interface Locals {
      /** Set by authenticate() for every request it lets through. */
      principal?: Principal;
    }
  }
}

export interface AuthenticateOptions {
  logger: Logger;
  /** Requests under this path are answered the GraphQL way (`{ errors: [...] }`); others as REST problems. */
  graphqlPath?: string;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The credential of an `Authorization: Bearer <credential>` header; null when absent or of another form. */
export function bearerCredential(header: string | undefined): string | null {
  return header === undefined ? null : (BEARER.exec(header)?.[1] ?? null);
}

/**
 * Authenticates every request it sees: the principal of its bearer credential goes to `res.locals.principal`, and a
 * request without a valid one is answered 401 before anything else runs (API-CONTRACT §6). Mount it only in front
 * of what needs a credential; the public paths (`/t/…`, Digital Link, code images, health) are mounted before it or
 * elsewhere.
 */
export function authenticate(authenticator: CredentialAuthenticator, options: AuthenticateOptions): RequestHandler {
  const graphqlPath = options.graphqlPath ?? GRAPHQL_PATH;
  return async (req: Request, res: Response, next: NextFunction) => {
    // A CORS preflight never carries credentials (Fetch standard) and runs nothing; the request after it is checked.
    if (req.method === "OPTIONS") {
      next();
      return;
    }
    let principal: Principal;
    try {
      principal = await authenticator.authenticate(bearerCredential(req.get("authorization")));
    } catch (error) {
      // The database being down is a 503, not a 401: a valid key must not be told it is invalid.
      const problem = problemOrLogged(error, options.logger, req);
      sendProblemFor(req, withChallenge(res, problem), problem, graphqlPath);
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

/** RFC 6750: a 401 names the scheme the client should use. */
function withChallenge(res: Response, problem: HttpProblem): Response {
  if (problem.code === ErrorCode.UNAUTHENTICATED) res.set("WWW-Authenticate", 'Bearer realm="tracegraph"');
  return res;
}

/**
 * The principal authenticate() put on the response. Only reachable behind it; without one the request was never
 * authenticated (a route mounted in front of the middleware by mistake), and nothing may run for it.
 */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
}

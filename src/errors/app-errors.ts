import { GraphQLError } from "graphql";
import { ErrorCode } from "./error-code.js";

/** Base of every error a client is meant to read: a message and a literal code, never a stack. */
export abstract class AppError extends GraphQLError {
  abstract readonly code: ErrorCode;
  protected constructor(message: string, code: ErrorCode, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export class BadUserInputError extends AppError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  /** `field` names the offending input (e.g. `input.productionDate`); `value` the offending value when short. */
  constructor(message: string, details: { field?: string; value?: string; rule?: string; errors?: unknown[] } = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, details);
  }
}

export class NotFoundError extends AppError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, ErrorCode.NOT_FOUND, details);
  }
}

export class ConflictError extends AppError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, ErrorCode.CONFLICT, details);
  }
}

/** The one answer to every credential that fails, whatever the reason. */
export const UNAUTHENTICATED_MESSAGE = "Missing or invalid credential: send Authorization: Bearer <API key or token>.";

/**
 * A missing, malformed, unknown, expired or revoked credential (API-CONTRACT §6). One generic message for all of
 * them, so an answer never tells a caller which keys exist. `http.status` is Apollo Server's convention: it answers
 * 401 instead of 200 when this error reaches it, and removes `http` from the extensions it sends.
 */
export class UnauthenticatedError extends AppError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = UNAUTHENTICATED_MESSAGE) {
    super(message, ErrorCode.UNAUTHENTICATED, { http: { status: 401 } });
  }
}

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, ErrorCode.FORBIDDEN, details);
  }
}

/**
 * A dependency (Neo4j, the identity provider's keys) cannot be reached right now: HTTP 503 with `Retry-After`, over
 * GraphQL (Apollo's `http` convention, as above) and REST alike, and `retryAfter` (seconds) in the extensions.
 */
export class ServiceUnavailableError extends AppError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  readonly retryAfterSeconds: number;
  constructor(message = "The graph database is unavailable; try again shortly.", retryAfterSeconds = 1) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE, {
      retryAfter: retryAfterSeconds,
      http: { status: 503, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class QueryTimeoutError extends AppError {
  readonly code = ErrorCode.TIMEOUT;
  constructor(message = "The query ran past its time limit; narrow it (maxDepth, limit) and try again.") {
    super(message, ErrorCode.TIMEOUT);
  }
}

/**
 * An operation refused before it runs for its depth, aliases or cost; `limit` names which, `max` and `found` the
 * numbers. HTTP 400 (Apollo Server's `http` convention, as above): the request itself is at fault.
 */
export class QueryTooComplexError extends AppError {
  readonly code = ErrorCode.QUERY_TOO_COMPLEX;
  constructor(message: string, details: { limit: "depth" | "aliases" | "cost"; max: number; found?: number }) {
    super(message, ErrorCode.QUERY_TOO_COMPLEX, { ...details, http: { status: 400 } });
  }
}

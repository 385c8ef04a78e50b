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

export class ForbiddenError extends AppError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, ErrorCode.FORBIDDEN, details);
  }
}

export class ServiceUnavailableError extends AppError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
  constructor(message = "The graph database is unavailable; try again shortly.") {
    super(message, ErrorCode.SERVICE_UNAVAILABLE);
  }
}

export class QueryTimeoutError extends AppError {
  readonly code = ErrorCode.TIMEOUT;
  constructor(message = "The query ran past its time limit; narrow it (maxDepth, limit) and try again.") {
    super(message, ErrorCode.TIMEOUT);
  }
}

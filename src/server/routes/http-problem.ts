import type { Request, Response } from "express";
import type { Logger } from "pino";
import { IdentifierError } from "../../codes/index.js";
import { AppError } from "../../errors/app-errors.js";
import { ErrorCode } from "../../errors/error-code.js";
import { excerpt, MAX_MESSAGE_LENGTH } from "../../errors/excerpt.js";
import { chineseMessage, prefersChinese } from "../../errors/chinese-messages.js";
import { ClientGoneError } from "../../labels/label-export.js";
import { LabelFontError } from "../../labels/label-font.js";

/** An error as the REST routes answer it: an HTTP status and the same `code` the GraphQL errors carry. */
export interface HttpProblem {
  status: number;
  code: string;
  message: string;
  value?: string;
  /** For bad input: the field and the rule it broke, as the GraphQL errors name them. */
  field?: string;
  rule?: string;
  /** The English message, when `message` is said in the caller's language (Accept-Language: zh). */
  englishMessage?: string;
  /** Seconds; sent as the Retry-After header too (503 while Neo4j is unreachable). */
  retryAfter?: number;
}

const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

/**
 * The problem a known error stands for, or null for an unexpected one (logged and masked by the caller). Messages
 * and values are cut to an excerpt: an answer never echoes a client's whole input.
 */
export function problemOf(error: unknown): HttpProblem | null {
  if (error instanceof IdentifierError) {
    return {
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
      message: excerpt(error.message, MAX_MESSAGE_LENGTH),
      value: excerpt(error.value),
    };
  }
  if (error instanceof AppError) {
    const { value, retryAfter, field, rule } = error.extensions;
    return {
      status: STATUS_OF_CODE[error.code] ?? 500,
      code: error.code,
      message: excerpt(error.message, MAX_MESSAGE_LENGTH),
      ...(typeof value === "string" ? { value: excerpt(value) } : {}),
      ...(typeof field === "string" ? { field } : {}),
      ...(typeof rule === "string" ? { rule } : {}),
      ...(typeof retryAfter === "number" ? { retryAfter } : {}),
    };
  }
  if (error instanceof LabelFontError) {
    return { status: 503, code: ErrorCode.SERVICE_UNAVAILABLE, message: error.message };
  }
  return null;
}

export const INTERNAL_PROBLEM: HttpProblem = {
  status: 500,
  code: ErrorCode.INTERNAL_SERVER_ERROR,
  message: "Unexpected error; it has been logged.",
};

/**
 * A message in the caller's language: in Chinese when the request prefers it (as /graphql says its errors), built
 * from the code, field and rule, with the English kept as `englishMessage`; else the English as it is.
 */
export function messageInCallersLanguage(
  req: Request | undefined,
  code: string,
  english: string,
  extensions: Readonly<Record<string, unknown>> = {},
): { message: string; englishMessage?: string } {
  if (!prefersChinese(req?.headers["accept-language"])) return { message: english };
  const message = chineseMessage(code, extensions);
  return message === null ? { message: english } : { message, englishMessage: english };
}

function inCallersLanguage(res: Response, problem: HttpProblem): HttpProblem {
  const { field, rule } = problem;
  const extensions = { ...(field ? { field } : {}), ...(rule ? { rule } : {}) };
  return { ...problem, ...messageInCallersLanguage(res.req, problem.code, problem.message, extensions) };
}

/** The problem of `error`; an unexpected one is logged with its stack and answered without it. */
export function problemOrLogged(error: unknown, logger: Logger, req: Request): HttpProblem {
  const problem = problemOf(error);
  if (problem) return problem;
  logger.error({ err: error, path: req.path }, "unexpected error in an HTTP route");
  return INTERNAL_PROBLEM;
}

export function sendJsonProblem(res: Response, problem: HttpProblem): void {
  const { status, ...error } = inCallersLanguage(res, problem);
  withRetryAfter(res.status(status).set("Cache-Control", "no-store"), problem).json({ error });
}

function withRetryAfter(res: Response, problem: HttpProblem): Response {
  return problem.retryAfter === undefined ? res : res.set("Retry-After", String(problem.retryAfter));
}

/** Where Apollo answers; errors there are shaped as GraphQL errors. */
export const GRAPHQL_PATH = "/graphql";

/**
 * Answers `problem` as the endpoint asked answers its own errors: under `graphqlPath` the body a GraphQL error would
 * have (`{ errors: [{ message, extensions: { code } }] }`, so GraphQL clients read it where they read every other
 * error), elsewhere the REST routes' `{ error: { code, message } }`.
 */
export function sendProblemFor(req: Request, res: Response, problem: HttpProblem, graphqlPath = GRAPHQL_PATH): void {
  if (!isUnder(req, graphqlPath)) {
    sendJsonProblem(res, problem);
    return;
  }
  const { message, englishMessage } = messageInCallersLanguage(req, problem.code, problem.message);
  withRetryAfter(res.status(problem.status).set("Cache-Control", "no-store"), problem).json({
    errors: [{ message, extensions: { code: problem.code, ...(englishMessage ? { englishMessage } : {}) } }],
  });
}

function isUnder(req: Request, path: string): boolean {
  const requested = req.originalUrl.split("?")[0] ?? "";
  return requested === path || requested.startsWith(`${path}/`);
}

/**
 * Wraps a JSON or file route: a known error becomes its status with `{ error: { code, message } }`. Once a stream
 * has started the status is sent already, so a failure can only cut the response short, which a client notices.
 */
export function apiRoute(
  logger: Logger,
  handler: (req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof ClientGoneError) {
        logger.debug({ path: req.path }, "client left before the response was complete");
        return;
      }
      if (!res.headersSent) {
        sendJsonProblem(res, problemOrLogged(error, logger, req));
        return;
      }
      logger.error({ err: error, path: req.path }, "HTTP stream failed after it started");
      res.destroy(error instanceof Error ? error : undefined);
    }
  };
}

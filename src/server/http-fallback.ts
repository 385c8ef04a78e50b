import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ErrorCode } from "../errors/error-code.js";
import { INTERNAL_PROBLEM, problemOf, sendProblemFor, type HttpProblem } from "./routes/http-problem.js";

/** What Express's body parsers (body-parser) put on the errors they pass on. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** The last route: an unknown path is a JSON 404 with a code, like every other answer, not Express's HTML page. */
export function notFoundRoute(): RequestHandler {
  return (req, res) => {
    sendProblemFor(req, res, { status: 404, code: ErrorCode.NOT_FOUND, message: `No route ${req.method} ${req.path}` });
  };
}

/**
 * The last error handler: a body over its route's limit is 413 PAYLOAD_TOO_LARGE, a body that cannot be read (not
 * JSON, an unknown charset) 400 BAD_REQUEST, anything else a logged and masked 500; always JSON with a code (a
 * GraphQL error under /graphql), never Express's HTML page with a stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    sendProblemFor(req, res, problemOfHttpError(error, logger, req.path));
  };
}

function problemOfHttpError(error: unknown, logger: Logger, path: string): HttpProblem {
  const known = problemOf(error);
  if (known) return known;
  const parser = (typeof error === "object" && error !== null ? error : {}) as BodyParserError;
  if (parser.type === "entity.too.large") {
    const limit = parser.limit === undefined ? "" : ` of ${parser.limit} bytes`;
    return {
      status: 413,
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: `The request body is over this route's limit${limit}; send less in one request.`,
    };
  }
  if (parser.type !== undefined && parser.status !== undefined && parser.status >= 400 && parser.status < 500) {
    return {
      status: parser.status === 415 ? 415 : 400,
      code: ErrorCode.BAD_REQUEST,
      message:
        parser.type === "entity.parse.failed"
          ? "The request body is not valid JSON."
          : `The request body could not be read (${parser.type}).`,
    };
  }
  logger.error({ err: error, path }, "unexpected error in the HTTP layer");
  return INTERNAL_PROBLEM;
}

import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "pino";
import { IdentifierError } from "../codes/index.js";
import { ErrorCode } from "../errors/error-code.js";
import { AppError } from "../errors/app-errors.js";
import { clipStrings, excerpt, MAX_MESSAGE_LENGTH } from "../errors/excerpt.js";

/** Codes that graphql-js, Apollo or type-graphql set for the client's own mistakes: shown as they are. */
const CLIENT_CODES = new Set<string>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/**
 * Every error leaving the server has a code and no stack. Domain errors pass as they are; identifier errors become
 * BAD_USER_INPUT; anything unexpected is logged in full and masked, so internals never reach a client.
 */
export function createFormatError(logger: Logger) {
  const format = formatFor(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => clipped(format(formatted, error));
}

/** Errors never echo more than an excerpt of the input: a 10 MB value is not sent back (twice) in its error. */
function clipped(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return {
    ...formatted,
    message: excerpt(formatted.message, MAX_MESSAGE_LENGTH),
    ...(formatted.extensions ? { extensions: clipStrings(formatted.extensions) as Record<string, unknown> } : {}),
  };
}

function formatFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return withoutStack(formatted);
    if (original instanceof IdentifierError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.BAD_USER_INPUT, value: original.value, rule: original.reason },
      };
    }
    const code = String(formatted.extensions?.code ?? "");
    if (CLIENT_CODES.has(code)) return withoutStack(formatted);
    logger.error({ err: original, path: formatted.path }, "unexpected error");
    return {
      message: "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !("stacktrace" in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

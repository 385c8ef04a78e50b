/** The fixed `extensions.code` values our GraphQL errors carry; partner systems switch on these. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  TIMEOUT: "TIMEOUT",
  /** An operation over the depth, alias, token or cost limits (src/server/operation-limits.ts); refused unrun. */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** Too many requests of one credential or, on the public pages, one address; HTTP 429 with Retry-After. */
  RATE_LIMITED: "RATE_LIMITED",
  /** A request body over the route's size limit; HTTP 413, refused before it is parsed. */
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** A request the HTTP layer cannot read (a body that is not JSON, an unknown charset); HTTP 400. */
  BAD_REQUEST: "BAD_REQUEST",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

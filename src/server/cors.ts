import type { RequestHandler } from "express";

/** What a browser page of an allowed origin may send: the credential header, JSON, Apollo's CSRF headers. */
const ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Apollo-Require-Preflight, X-Apollo-Operation-Name";
/** What its scripts may read besides the simple headers: where a capture job is, the next page, when to retry. */
const EXPOSED_HEADERS = "Location, Link, Retry-After, WWW-Authenticate, Content-Disposition";
const ALLOWED_METHODS = "GET, HEAD, POST";

/**
 * CORS for an allow-list of origins (CORS_ORIGINS; none by default, so no foreign page can read an answer). Every
 * OPTIONS request is answered here, with 204 and no work: a preflight never carries a credential (Fetch standard),
 * so it must be answered before authentication, and an OPTIONS request is nothing else here. An origin not on the
 * list gets no CORS headers, which browsers take as a refusal; a request without an Origin is no browser's
 * cross-origin call and passes as it is (the credential is what protects the API, not CORS).
 */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    const origin = req.get("origin");
    if (origin !== undefined) {
      // Answers differ by Origin: a cache must not hand one origin's answer to another.
      res.vary("Origin");
      if (allowed.has(origin)) {
        res.set("Access-Control-Allow-Origin", origin);
        res.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      }
    }
    if (req.method !== "OPTIONS") {
      next();
      return;
    }
    res.set("Allow", "GET, HEAD, POST, OPTIONS");
    if (origin !== undefined && allowed.has(origin) && req.get("access-control-request-method")) {
      res.set({
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
      });
    }
    res.status(204).end();
  };
}

import type { RequestHandler } from "express";

/**
 * Headers every answer carries: no MIME sniffing (a CSV or JSON answer is never run as a script or page), no
 * referrer (a trace code in a URL stays out of other sites' logs), no framing (no clickjacking of the pages). The
 * HTML pages add their own Content-Security-Policy, each as strict as what it loads allows: the consumer page's in
 * routes/consumer.route.ts, the GraphQL IDE's in graphql-ide.ts.
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    });
    next();
  };
}

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router, type RequestHandler } from "express";

/** Where `npm run build` puts the trace explorer (app/, built by Vite): dist/app under the repository's root. */
export function explorerAppDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, "dist", "app");
}

/**
 * The explorer's page may run only its own bundle and talk only to this server; styles may be inline because the
 * graph and chart libraries position their elements with style attributes; exports are data: and blob: URLs.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The trace explorer at /app (issue 17): a public page and its files, built from this repository, nothing loaded from
 * elsewhere. The page holds no data: it signs in with a credential and calls /graphql like any client, so it shows
 * a person exactly what their credential may see. Before `npm run build` /app says how to build it.
 */
export function explorerAppRouter(limit: RequestHandler, dir = explorerAppDir()): Router {
  // Strict: "/app" and "/app/" are different paths (the first redirects to the second, where relative URLs work).
  const router = Router({ strict: true });
  const index = path.join(dir, "index.html");
  const page = (): string | null => (existsSync(index) ? readFileSync(index, "utf8") : null);
  router.get("/app", limit, (_req, res) => res.redirect(301, "/app/"));
  router.get("/app/", limit, (_req, res) => {
    const html = page();
    if (html === null) {
      res.status(503).type("text/plain; charset=utf-8").send("The trace explorer is not built: run `npm run build`.");
      return;
    }
    res.set({ "Content-Security-Policy": CSP, "Cache-Control": "no-cache" }).type("html").send(html);
  });
  // Vite names every asset by its content's hash: cache them for good.
  router.use(
    "/app/assets",
    limit,
    express.static(path.join(dir, "assets"), { index: false, immutable: true, maxAge: "365d", fallthrough: false }),
  );
  return router;
}

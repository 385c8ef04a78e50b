import { createRequire } from "node:module";
import path from "node:path";
import { Router, type Request, type RequestHandler } from "express";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** Browser assets of the offline GraphQL IDE, served from npm packages: no CDN, this service may run air-gapped. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "react.js": { file: path.join(packageDir("react"), "umd", "react.production.min.js"), type: "text/javascript" },
  "react-dom.js": {
    file: path.join(packageDir("react-dom"), "umd", "react-dom.production.min.js"),
    type: "text/javascript",
  },
  "graphiql.js": { file: path.join(packageDir("graphiql"), "graphiql.min.js"), type: "text/javascript" },
  "graphiql.css": { file: path.join(packageDir("graphiql"), "graphiql.min.css"), type: "text/css" },
};

/** Where the page keeps the credential: this tab's sessionStorage, gone when the tab closes or the user forgets it. */
export const IDE_KEY_STORAGE = "tracegraph.apiKey";

/**
 * The page's own script, a file of its own so the page's CSP can forbid inline scripts. It asks for a credential
 * once (kept in sessionStorage, never in localStorage where GraphiQL keeps its tabs), sends it as
 * `Authorization: Bearer` on every request, introspection included, and offers to change or forget it; GraphiQL is
 * mounted afresh on every change, so the schema is fetched again with the new credential.
 */
const IDE_SCRIPT = `(function () {
  "use strict";
  var STORAGE = ${JSON.stringify(IDE_KEY_STORAGE)};
  var DEFAULT_QUERY = "# Tracegraph: try\\n# { downstream(code: \\"...\\") { nodes { key kind depth } edges { from to kind } truncated } }\\n";
  var byId = function (id) { return document.getElementById(id); };
  var root = ReactDOM.createRoot(byId("ide"));
  var generation = 0;

  function currentKey() {
    try { return window.sessionStorage.getItem(STORAGE); } catch (e) { return null; }
  }
  function authorizedFetch(input, init) {
    var headers = new Headers((init && init.headers) || {});
    var key = currentKey();
    if (key) headers.set("Authorization", "Bearer " + key);
    return window.fetch(input, Object.assign({}, init, { headers: headers }));
  }
  var fetcher = GraphiQL.createFetcher({ url: "/graphql", fetch: authorizedFetch });

  /** Names the credential without showing it: an API key by its public id, anything else by its last characters. */
  function describe(key) {
    var match = /^tgk_([0-9a-f]{20})_/.exec(key);
    return match ? "API key " + match[1] : "credential …" + key.slice(-4);
  }
  function askForKey() {
    byId("login").hidden = false;
    byId("cancel").hidden = !currentKey();
    byId("key").focus();
  }
  function show() {
    var key = currentKey();
    byId("login").hidden = Boolean(key);
    byId("bar").hidden = !key;
    if (!key) {
      root.render(null);
      askForKey();
      return;
    }
    byId("who").textContent = describe(key);
    generation += 1;
    root.render(React.createElement(GraphiQL, { key: generation, fetcher: fetcher, defaultQuery: DEFAULT_QUERY }));
  }

  byId("login").addEventListener("submit", function (event) {
    event.preventDefault();
    var value = byId("key").value.trim();
    if (!value) return;
    window.sessionStorage.setItem(STORAGE, value);
    byId("key").value = "";
    show();
  });
  byId("cancel").addEventListener("click", function () { byId("login").hidden = true; });
  byId("change").addEventListener("click", askForKey);
  byId("forget").addEventListener("click", function () {
    window.sessionStorage.removeItem(STORAGE);
    show();
  });
  show();
})();
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Tracegraph GraphQL</title>
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    #bar { display: flex; gap: 0.75em; align-items: center; padding: 0.3em 0.8em; font-size: 13px; background: #f3f4f6; }
    #bar[hidden], #login[hidden] { display: none; }
    #bar span { flex: 1; }
    #login { padding: 1em 1.2em; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
    #login input { flex: 1; min-width: 20em; font: inherit; padding: 0.3em; }
    #login p { flex-basis: 100%; margin: 0; font-size: 12px; color: #555; }
    #ide { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="bar" hidden>
    <strong>Tracegraph</strong><span>using <code id="who"></code></span>
    <button id="change" type="button">Change key</button>
    <button id="forget" type="button">Forget key</button>
  </div>
  <form id="login" hidden autocomplete="off">
    <label for="key">API key (Authorization: Bearer)</label>
    <input id="key" type="password" placeholder="tgk_…" spellcheck="false" />
    <button type="submit">Use this key</button>
    <button id="cancel" type="button" hidden>Cancel</button>
    <p>Every request of this page carries it. It is kept in this tab only (sessionStorage) until you forget it or
      close the tab. No key? <code>npm run cli -- keys create --org ID --role ROLE</code>, or a demo key printed by
      <code>npm start</code>.</p>
  </form>
  <div id="ide"></div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script src="/ide/ide.js"></script>
</body>
</html>`;

/**
 * Scripts only from this origin and none inline (the page's own script is /ide/ide.js); styles inline too, which
 * GraphiQL's components set; fonts and images as data: URLs, as graphiql.css embeds them; requests only to us.
 */
const PAGE_HEADERS = {
  "Content-Security-Policy": [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "Cache-Control": "no-store",
  Vary: "Accept",
} as const;

/**
 * A browser asking for /graphql (Accept: text/html) gets the IDE; API clients fall through to Apollo, behind the
 * credential. The page and its assets are public static files (API-CONTRACT §6), limited by `limit` per address;
 * what the IDE fetches from /graphql needs the key it asks for.
 */
export function graphqlIdeRouter(limit: RequestHandler = (_req, _res, next) => next()): Router {
  const router = Router();
  router.get(
    "/graphql",
    (req, _res, next) => {
      next(wantsHtml(req) ? undefined : "route");
    },
    limit,
    (_req, res) => {
      res.set(PAGE_HEADERS).type("html").send(PAGE);
    },
  );
  router.get("/ide/:asset", limit, (req, res) => {
    const name = String(req.params.asset);
    if (name === "ide.js") {
      res.type("text/javascript").set("Cache-Control", "no-cache").send(IDE_SCRIPT);
      return;
    }
    const asset = ASSETS[name];
    if (asset) res.type(asset.type).sendFile(asset.file, { maxAge: "1d" });
    else res.status(404).type("text").send("not found");
  });
  return router;
}

function wantsHtml(req: Request): boolean {
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

import { createRequire } from "node:module";
import path from "node:path";
import { Router, type Request } from "express";

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

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Tracegraph GraphQL</title>
  <link rel="stylesheet" href="/ide/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #ide { height: 100vh; }</style>
</head>
<body>
  <div id="ide"></div>
  <script src="/ide/react.js"></script>
  <script src="/ide/react-dom.js"></script>
  <script src="/ide/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
    const defaultQuery = "# Tracegraph: try\\n# { downstream(code: \\"...\\") { nodes { key kind depth } edges { from to kind } truncated } }\\n";
    ReactDOM.createRoot(document.getElementById("ide")).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery }),
    );
  </script>
</body>
</html>`;

/** A browser asking for /graphql (Accept: text/html) gets the IDE; API clients fall through to Apollo. */
export function graphqlIdeRouter(): Router {
  const router = Router();
  router.get("/graphql", (req, res, next) => {
    if (wantsHtml(req)) res.type("html").send(PAGE);
    else next();
  });
  router.get("/ide/:asset", (req, res) => {
    const asset = ASSETS[req.params.asset];
    if (asset) res.type(asset.type).sendFile(asset.file, { maxAge: "1d" });
    else res.status(404).type("text").send("not found");
  });
  return router;
}

function wantsHtml(req: Request): boolean {
  return req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

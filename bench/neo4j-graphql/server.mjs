// The @neo4j/graphql v7 baseline: the official library's generated schema over the bench Neo4j, served over HTTP
// like Tracegraph's. Parsed and validated documents are cached per query text, as Apollo Server does for ours, so
// the comparison is of execution, not of parsing a large nested query every time.
import { readFileSync } from "node:fs";
import http from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { execute, parse, specifiedRules, validate } from "graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./type-defs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  process.env.NEO4J_URI ?? "bolt://127.0.0.1:7698",
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? "tracegraph-local"),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const documents = new Map();

function documentFor(query) {
  let entry = documents.get(query);
  if (!entry) {
    const document = parse(query);
    entry = { document, errors: validate(schema, document, specifiedRules) };
    documents.set(query, entry);
  }
  return entry;
}

async function handle(body) {
  const { query, variables } = JSON.parse(body);
  const { document, errors } = documentFor(query);
  if (errors.length > 0) return { errors };
  return execute({ schema, document, variableValues: variables, contextValue: {} });
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (req.method !== "POST" || req.url !== "/graphql") {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    handle(Buffer.concat(chunks).toString("utf8"))
      .then((result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result)))
      .catch((error) =>
        res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ errors: [{ message: String(error) }] })),
      );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 4100), "127.0.0.1");

async function shutdown() {
  server.close();
  await driver.close();
  process.exit(0);
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);

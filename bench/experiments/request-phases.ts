import { OPERATOR } from "../../src/access/principal.js";
import "reflect-metadata";
import { createApplication } from "../../src/root/composition-root.js";
import http from "node:http";
import express from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { CompiledExecution } from "../../src/server/compiled-execution.js";
import { loadConfig } from "../../src/root/config.js";
import { createContext, type AppContext } from "../../src/resolvers/context.js";
import { buildAppSchema } from "../../src/server/schema.js";
import type { Services } from "../../src/root/services.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchDb } from "../lib/bench-db.js";
import { graphql } from "../lib/http-client.js";
import { median, timed } from "../lib/stats.js";

/**
 * Where one request's time goes inside our server: the app of createApp (Apollo with the compiled executor, Express)
 * in this process, instrumented with an Apollo plugin and an Express hook, timestamps in ms since the request
 * reached Express (medians); the service call is wrapped to time it. The client's total includes its own
 * serialisation and parsing. In-process, so it shows the server's own costs without the second process's.
 *   npx tsx bench/experiments/request-phases.ts [trace-item|trace-lot|recall|scan] [runs]
 * Needs the bench Neo4j running with the quick dataset (npm run bench -- --quick --keep-db).
 */
const marks = new Map<string, number[]>();
let requestStart = 0;
const mark = (name: string) => {
  const list = marks.get(name) ?? [];
  list.push(performance.now() - requestStart);
  marks.set(name, list);
};

/** Wraps `target[method]` so each call marks its start and end. */
function timeCalls<T extends object>(target: T, method: keyof T & string): void {
  const original = target[method] as (...args: unknown[]) => Promise<unknown>;
  const wrapped = async (...args: unknown[]) => {
    mark("3 service start");
    const result = await original.apply(target, args);
    mark("4 service end");
    return result;
  };
  Object.assign(target, { [method]: wrapped });
}

function timeServiceCalls(services: Services, kind: string): void {
  if (kind === "recall") timeCalls(services.recallService, "impact");
  else if (kind === "scan") timeCalls(services.producer.market, "recordScan");
  else timeCalls(services.traceService, "trace");
}

const phases: ApolloServerPlugin<AppContext> = {
  async requestDidStart() {
    mark("1 Apollo request start");
    return {
      async executionDidStart() {
        mark("2 execution start");
        return {
          async executionDidEnd() {
            mark("5 execution end");
          },
        };
      },
      async willSendResponse() {
        mark("6 response ready");
      },
    };
  },
};

async function main(): Promise<void> {
  process.setSourceMapsEnabled(false);
  const kind = process.argv[2] ?? "trace-item";
  const runs = Number(process.argv[3] ?? 200);
  const db = benchDb("quick");
  const config = loadConfig({ ...process.env, NEO4J_URI: db.uri, LOG_LEVEL: "silent" });
  const { services } = createApplication({ config, queryTimeoutMs: 60_000 });
  timeServiceCalls(services, kind);
  const apollo = new ApolloServer<AppContext>({
    gateway: new CompiledExecution(await buildAppSchema()),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), phases],
  });
  await apollo.start();
  const app = express();
  const server = http.createServer(app);
  app.use((_req, res, next) => {
    requestStart = performance.now();
    res.on("finish", () => mark("7 response sent"));
    next();
  });
  app.use(
    "/graphql",
    express.json({ limit: "20mb" }),
    expressMiddleware(apollo, { context: async () => createContext(services, OPERATOR) }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const specs = datasets("quick", 20240301);
  const dag = specs[1];
  if (!dag) throw new Error("datasets");
  const roots = new SupplyChain(dag.config).roots();
  const items = [...new SupplyChain(dag.config).itemKeys(Math.floor(dag.config.lots / 2) + 9)];
  let n = 0;
  const request = (): Promise<unknown> => {
    if (kind === "scan") {
      const input = {
        code: items[n++ % items.length],
        regionCode: "440301",
        scannedAt: new Date().toISOString(),
        role: "CONSUMER",
      };
      return graphql(
        url,
        `
          mutation ($input: ScanInput!) {
            recordScan(input: $input) {
              alerts {
                rule
                evidence
              }
            }
          }
        `,
        { input },
      );
    }
    if (kind === "recall") {
      const recall = `query($code: String!) { recallImpact(code: $code) { root regions
        organizations { organization { id } objectCount }
        objects(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor tier node { key kind } } } } }`;
      return graphql(url, recall, { code: roots.productLot });
    }
    const code = kind === "trace-lot" ? roots.productLot : roots.item;
    const query = `query($code: String!) { downstream(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`;
    return graphql(url, query, { code });
  };
  for (let i = 0; i < 30; i++) await request();
  marks.clear();
  const totals: number[] = [];
  for (let i = 0; i < runs; i++) totals.push(await timed(request));
  console.log(`${kind}: client total ${median(totals).toFixed(2)} ms (median of ${runs})`);
  for (const [name, values] of [...marks].sort()) console.log(`  ${name.padEnd(24)} ${median(values).toFixed(2)} ms`);
  await apollo.stop();
  server.close();
  // closed with the process
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import neo4j from "neo4j-driver";
import { assembleTraceGraph } from "../../src/trace/trace-graph.js";
import { RAW_RECALL, rawTraceCypher } from "../baselines/raw-cypher.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchApplication, benchDb, benchDriver } from "../lib/bench-db.js";
import { graphql } from "../lib/http-client.js";
import { startOurServer } from "../lib/servers.js";
import { rawRead } from "../lib/raw-read.js";
import { median, timed } from "../lib/stats.js";
import { createRepositories } from "../../src/root/composition-root.js";

/**
 * Where ours spends the time the raw baseline does not: the same question answered (1) by raw Cypher, (2) by our
 * repositories in this process (our Cypher, round trips, sessions, toNative, assembly; no HTTP, no GraphQL) and
 * (3) by our server over HTTP. (2) - (1) is the Cypher and driver side, (3) - (2) HTTP and GraphQL execution.
 *   npx tsx bench/experiments/decompose.ts [runs]
 */
async function main(): Promise<void> {
  process.setSourceMapsEnabled(false);
  const runs = Number(process.argv[2] ?? 15);
  const db = benchDb("quick");
  const driver = benchDriver(db);
  const application = benchApplication(db, 60_000);
  const executor = application.executor;
  const traces = createRepositories(executor).traces;
  const recall = createRepositories(executor).recall;
  const [tree, dag] = datasets("quick", 20240301).map((s) => new SupplyChain(s.config).roots());
  if (!tree || !dag) throw new Error("datasets");
  const server = await startOurServer(db);
  const raw = (cypher: string, params: Record<string, unknown>) => rawRead(driver, cypher, params);
  const TRACE = `query T($code: String!) { downstream(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`;
  const RECALL = `query R($code: String!) { recallImpact(code: $code) { root regions organizations { organization { id } objectCount } objects(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor tier node { key kind } } } } }`;
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>][] = [];
  for (const [label, key] of [
    ["downstream product lot", dag.productLot],
    ["downstream DAG raw material lot", dag.rawLot],
  ] as const) {
    cases.push([
      label,
      () => raw(rawTraceCypher("DOWNSTREAM", 16), { key, fetch: neo4j.int(100_001) }),
      async () => {
        const { rows, edges } = await traces.trace({ key, direction: "DOWNSTREAM", maxDepth: 16, limit: 100_000 });
        return assembleTraceGraph(key, "DOWNSTREAM", rows, edges, 100_000);
      },
      () => graphql(server.url, TRACE, { code: key }),
    ]);
  }
  cases.push([
    "recall product lot",
    () => raw(RAW_RECALL, { key: dag.productLot, fetch: neo4j.int(101) }),
    () => recall.summary(dag.productLot),
    () => graphql(server.url, RECALL, { code: dag.productLot }),
  ]);
  try {
    for (const [label, ...sides] of cases) {
      const samples: number[][] = [[], [], []];
      for (let i = 0; i < runs + 3; i++) {
        for (let j = 0; j < 3; j++) {
          const k = (i + j) % 3;
          const run = sides[k];
          if (!run) continue;
          const ms = await timed(run);
          if (i >= 3) samples[k]?.push(ms);
        }
      }
      const [r, repo, http] = samples.map((s) => median(s));
      console.log(
        `${label.padEnd(34)} raw ${r?.toFixed(1)} ms | our repositories in-process ${repo?.toFixed(1)} ms | our HTTP API ${http?.toFixed(1)} ms`,
      );
    }
  } finally {
    await server.stop();
    await application.close();
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

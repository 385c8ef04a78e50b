import neo4j from "neo4j-driver";
import { traceObjects } from "../../src/graph/trace.queries.js";
import { toNative } from "../../src/graph/to-native.js";
import { assembleTraceGraph } from "../../src/trace/trace-graph.js";
import { rawTraceCypher } from "../baselines/raw-cypher.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchApplication, benchDb, benchDriver } from "../lib/bench-db.js";
import { rawRead } from "../lib/raw-read.js";
import { median, timed } from "../lib/stats.js";
import { createRepositories } from "../../src/root/composition-root.js";

/** Splits a trace's in-process time: raw statement, our statement through the same raw call, our repository, assembly. */
async function main() {
  process.setSourceMapsEnabled(false);
  const runs = Number(process.argv[2] ?? 20);
  const driver = benchDriver(benchDb("quick"));
  const application = benchApplication(benchDb("quick"), 60_000);
  const executor = application.executor;
  const repo = createRepositories(executor).traces;
  const [, dag] = datasets("quick", 20240301).map((s) => new SupplyChain(s.config).roots());
  if (!dag) throw new Error("datasets");
  const raw = (cypher: string, params: Record<string, unknown>) => rawRead(driver, cypher, params);
  for (const key of [dag.productLot, dag.rawLot]) {
    const opts = { key, direction: "DOWNSTREAM" as const, maxDepth: 16, limit: 100_000 };
    const ours = traceObjects(opts);
    let rows: Record<string, unknown>[] = [];
    let repoOut: Awaited<ReturnType<typeof repo.trace>> | undefined;
    const sides: Record<string, () => Promise<unknown>> = {
      raw: () => raw(rawTraceCypher("DOWNSTREAM", 16), { key, fetch: neo4j.int(100_001) }),
      oursStatementRaw: async () => (rows = await raw(ours.cypher, ours.params)),
      toNative: async () => rows.map((r) => toNative(r)),
      repository: async () => (repoOut = await repo.trace(opts)),
      assemble: async () => repoOut && assembleTraceGraph(key, "DOWNSTREAM", repoOut.rows, repoOut.edges, 100_000),
    };
    const samples: Record<string, number[]> = {};
    for (let i = 0; i < runs + 3; i++) {
      for (const [name, run] of Object.entries(sides)) {
        const ms = await timed(run);
        if (i >= 3) (samples[name] ??= []).push(ms);
      }
    }
    console.log(
      key,
      Object.entries(samples)
        .map(([k, v]) => `${k} ${median(v).toFixed(2)}`)
        .join(" | "),
    );
  }
  await application.close();
  await driver.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

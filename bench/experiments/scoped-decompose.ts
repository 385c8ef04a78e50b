import { assembleTraceGraph } from "../../src/trace/trace-graph.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchApplication, benchDb } from "../lib/bench-db.js";
import { median, timed } from "../lib/stats.js";
import { createRepositories } from "../../src/root/composition-root.js";

/**
 * Where a party's scoped read spends the time the operator's does not (issue 12): the maker's downstream and recall
 * of its own product lot against the operator's, through our repositories in this process (no HTTP, no GraphQL,
 * no credential), interleaved. Needs the bench's quick store loaded (`--keep-db`, or start it on its port).
 *   npx tsx bench/experiments/scoped-decompose.ts [runs] [lots]
 */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 15);
  const lots = Number(process.argv[3] ?? 8);
  const db = benchDb("quick");
  const application = benchApplication(db, 60_000);
  const { traces, recall } = createRepositories(application.executor);
  const [, dag] = datasets("quick", 20240301, lots).map((s) => new SupplyChain(s.config).roots());
  if (!dag) throw new Error("datasets");
  const key = dag.productLot;
  const scope = dag.productLotMaker;
  const trace = (s?: string) => async () => {
    const { rows, edges } = await traces.trace({
      key,
      direction: "DOWNSTREAM",
      maxDepth: 16,
      limit: 100_000,
      scope: s,
    });
    return assembleTraceGraph(key, "DOWNSTREAM", rows, edges, 100_000);
  };
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ["downstream product lot", trace(scope), trace(undefined)],
    ["recall summary product lot", () => recall.summary(key, scope), () => recall.summary(key)],
  ];
  try {
    for (const [label, scoped, admin] of cases) {
      const samples: number[][] = [[], []];
      for (let i = 0; i < runs + 3; i++) {
        for (let j = 0; j < 2; j++) {
          const k = (i + j) % 2;
          const ms = await timed(k === 0 ? scoped : admin);
          if (i >= 3) samples[k]?.push(ms);
        }
      }
      const [s, a] = samples.map((x) => median(x));
      console.log(
        `${label.padEnd(30)} scoped ${s?.toFixed(1)} ms | operator ${a?.toFixed(1)} ms | ratio ${((s ?? 0) / (a ?? 1)).toFixed(3)}`,
      );
    }
  } finally {
    await application.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

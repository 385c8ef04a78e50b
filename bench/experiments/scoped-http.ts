import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchApplication, benchDb } from "../lib/bench-db.js";
import { BENCH_AUTHORIZATION, graphql } from "../lib/http-client.js";
import { startOurServer } from "../lib/servers.js";
import { median, timed } from "../lib/stats.js";

/**
 * The scoped_vs_admin comparison over HTTP, three credentials in rotation: the maker's key, an ADMIN key (looked up
 * like the maker's) and the environment's ADMIN_API_KEY (no lookup). Needs the bench's quick store loaded.
 *   npx tsx bench/experiments/scoped-http.ts [runs] [lots]
 */
const TRACE = `query T($code: String!) { downstream(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 21);
  const lots = Number(process.argv[3] ?? 8);
  const db = benchDb("quick");
  const application = benchApplication(db, 60_000);
  const [, dag] = datasets("quick", 20240301, lots).map((s) => new SupplyChain(s.config).roots());
  if (!dag) throw new Error("datasets");
  const maker = await application.services.apiKeys.create({
    organizationId: dag.productLotMaker,
    role: "MANUFACTURER",
    name: "scoped-http maker",
  });
  const admin = await application.services.apiKeys.create({
    organizationId: dag.productLotMaker,
    role: "ADMIN",
    name: "scoped-http admin",
  });
  const server = await startOurServer(db);
  const sides: [string, string][] = [
    ["maker key", `Bearer ${maker.key}`],
    ["ADMIN key", `Bearer ${admin.key}`],
    ["env ADMIN_API_KEY", BENCH_AUTHORIZATION],
  ];
  const samples = sides.map(() => [] as number[]);
  try {
    for (let i = 0; i < runs + 3; i++) {
      for (let j = 0; j < sides.length; j++) {
        const k = (i + j) % sides.length;
        const side = sides[k];
        if (!side) continue;
        const ms = await timed(() => graphql(server.url, TRACE, { code: dag.productLot }, side[1]));
        if (i >= 3) samples[k]?.push(ms);
      }
    }
    sides.forEach(([name], k) => console.log(`${name.padEnd(20)} ${median(samples[k] ?? []).toFixed(1)} ms`));
  } finally {
    await server.stop();
    await application.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchDb } from "../lib/bench-db.js";
import { graphql } from "../lib/http-client.js";
import { PROJECT_ROOT } from "../lib/paths.js";
import { freePort, startOurServer, type RunningServer } from "../lib/servers.js";
import { median, timed } from "../lib/stats.js";

/**
 * Measures proposed src/ optimisations before anyone applies them: the unchanged server against bench-local
 * variants (variant-server.ts), requests interleaved round-robin on the same warm database.
 *   npx tsx bench/experiments/compare-variants.ts [runs] [--full] [--resolve] [--variants="nocache;recallone"]
 * Needs the bench Neo4j running with the quick (or full) dataset loaded (npm run bench -- --quick --keep-db).
 */
const VARIANTS = (
  process.argv.find((a) => a.startsWith("--variants="))?.slice(11) ?? "nocache;recallone;nocache,recallone"
).split(";");

async function startVariant(variants: string): Promise<RunningServer> {
  const db = benchDb(process.argv.includes("--full") ? "full" : "quick");
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./bench/lib/disable-source-maps.mjs",
      path.join("bench", "experiments", "variant-server.ts"),
    ],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        NEO4J_URI: db.uri,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        BENCH_VARIANTS: variants,
      },
      stdio: "inherit",
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    name: variants,
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}

const TRACE = `query T($code: String!, $dir: Int!) { downstream(code: $code, maxDepth: $dir, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`;
const UP = `query T($code: String!) { upstream(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } edges { from to kind } } }`;
const RECALL = `query R($code: String!) { recallImpact(code: $code) { root regions organizations { organization { id } objectCount } objects(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor tier node { key kind } } } } }`;
const RESOLVE = "query Resolve($code: String!) { resolveCode(code: $code) { key kind } }";

async function main(): Promise<void> {
  process.setSourceMapsEnabled(false);
  const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 9);
  const mode = process.argv.includes("--full") ? "full" : "quick";
  const specs = datasets(mode, 20240301);
  const [tree, dag] = specs.map((s) => new SupplyChain(s.config).roots());
  if (!tree || !dag) throw new Error("datasets");
  const servers = [await startOurServer(benchDb(mode))];
  for (const v of VARIANTS) servers.push(await startVariant(v));
  const cases: [string, string, Record<string, unknown>][] = [
    ["downstream item", TRACE, { code: tree.item, dir: 16 }],
    ["downstream product lot", TRACE, { code: dag.productLot, dir: 16 }],
    ["downstream DAG raw lot", TRACE, { code: dag.rawLot, dir: 16 }],
    ["depth 5, tree raw lot", TRACE, { code: tree.rawLot, dir: 5 }],
    ["depth 5, DAG raw lot", TRACE, { code: dag.rawLot, dir: 5 }],
    ["upstream item", UP, { code: dag.item }],
    ["upstream pallet", UP, { code: dag.pallet }],
    ["recall product lot", RECALL, { code: dag.productLot }],
  ];
  try {
    for (const [label, query, variables] of cases) {
      // Same answer from every variant, or the comparison means nothing.
      const answers = await Promise.all(servers.map((s) => graphql(s.url, query, variables)));
      const canonical = answers.map((a) =>
        JSON.stringify(a, (_k, v: unknown) =>
          Array.isArray(v) ? [...v].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)) : v,
        ),
      );
      if (canonical.some((c) => c !== canonical[0])) throw new Error(`${label}: the variants answer differently`);
      const samples = servers.map(() => [] as number[]);
      for (let i = 0; i < runs + 2; i++) {
        for (let j = 0; j < servers.length; j++) {
          const k = (i + j) % servers.length;
          const server = servers[k];
          if (!server) continue;
          const ms = await timed(() => graphql(server.url, query, variables));
          if (i >= 2) samples[k]?.push(ms);
        }
      }
      const base = median(samples[0] ?? []);
      console.log(
        `${label.padEnd(26)} ` +
          servers
            .map(
              (s, k) =>
                `${s.name}: ${median(samples[k] ?? []).toFixed(1)} ms (${(median(samples[k] ?? []) / base).toFixed(2)})`,
            )
            .join("  "),
      );
    }
    const codes = [tree.item, dag.item, tree.case, dag.productLot];
    for (let round = 0; round < (process.argv.includes("--resolve") ? 2 : 0); round++) {
      for (const server of servers) {
        let n = 0;
        const result = await autocannon({
          url: `${server.url}/graphql`,
          connections: 16,
          duration: 6,
          requests: [
            {
              method: "POST",
              headers: { "content-type": "application/json" },
              setupRequest: (r) => ({
                ...r,
                body: JSON.stringify({ query: RESOLVE, variables: { code: codes[n++ % codes.length] } }),
              }),
            },
          ],
        });
        console.log(
          `resolveCode c16 ${server.name.padEnd(18)} ${result.requests.average.toFixed(0)} req/s p50 ${result.latency.p50} p90 ${result.latency.p90} p99 ${result.latency.p99} max ${result.latency.max}`,
        );
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

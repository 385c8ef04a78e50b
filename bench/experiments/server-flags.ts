import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchDb, processCpuSeconds, processMemory } from "../lib/bench-db.js";
import { graphql } from "../lib/http-client.js";
import { PROJECT_ROOT } from "../lib/paths.js";
import { freePort, ourServerEnv } from "../lib/servers.js";
import { median, timed } from "../lib/stats.js";

/**
 * Our compiled server started twice on the bench's quick store, once with node's default flags and once with
 * `FLAGS_B` (e.g. `--max-semi-space-size=32`; `FLAGS_A` for the first instead of the defaults), and the same trace
 * requests sent to both in turn: wall medians and each server's CPU per request (/proc/<pid>/stat), a figure the
 * machine's load hardly moves. Needs
 * `npm run bench -- --quick --keep-db` first and `npm run build`.
 *   FLAGS_B="--max-semi-space-size=32" npx tsx bench/experiments/server-flags.ts [rounds] [perRound]
 */
const TRACE = (field: string) => `query T($code: String!) {
  trace: ${field}(code: $code, maxDepth: 16, limit: 100000) { root truncated nodes { key kind depth } compactEdges { from to kind } }
}`;

interface Side {
  name: string;
  url: string;
  child: ChildProcess;
}

async function startServer(name: string, flags: string[]): Promise<Side> {
  const port = await freePort();
  // As the bench starts it, without the notification worker (nothing here subscribes).
  const env = { ...ourServerEnv(benchDb("quick"), port), NOTIFY_CONCURRENCY: "0" };
  const child = spawn(process.execPath, [...flags, path.join("dist", "src", "server", "main.js")], {
    cwd: PROJECT_ROOT,
    env,
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { name, url, child };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not start`);
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 6);
  const perRound = Number(process.argv[3] ?? 60);
  const flagsA = (process.env.FLAGS_A ?? "").split(" ").filter(Boolean);
  const flagsB = (process.env.FLAGS_B ?? "--max-semi-space-size=32").split(" ").filter(Boolean);
  const [tree, dag] = datasets("quick", 20240301, undefined).map((s) => new SupplyChain(s.config).roots());
  if (!tree || !dag) throw new Error("datasets");
  const cases = [
    { label: "down item", field: "downstream", code: tree.item },
    { label: "down product lot", field: "downstream", code: dag.productLot },
    { label: "up item", field: "upstream", code: tree.item },
  ];
  const sides = [await startServer(flagsA.join(" ") || "default", flagsA), await startServer(flagsB.join(" "), flagsB)];
  try {
    for (const c of cases) {
      const wall = sides.map(() => [] as number[]);
      const cpu = sides.map(() => [] as number[]);
      for (const side of sides) for (let i = 0; i < 30; i++) await graphql(side.url, TRACE(c.field), { code: c.code });
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const k of order) {
          const side = sides[k]!;
          const before = processCpuSeconds(side.child.pid) ?? 0;
          for (let i = 0; i < perRound; i++)
            wall[k]!.push(await timed(() => graphql(side.url, TRACE(c.field), { code: c.code })));
          cpu[k]!.push((((processCpuSeconds(side.child.pid) ?? 0) - before) * 1000) / perRound);
        }
      }
      for (const [k, side] of sides.entries())
        console.log(
          `${c.label.padEnd(18)} ${side.name.padEnd(32)} wall p50 ${median(wall[k]!).toFixed(2)} ms, server CPU/request ${median(cpu[k]!).toFixed(2)} ms (rounds: ${cpu[k]!.map((x) => x.toFixed(2)).join(" ")})`,
        );
    }
    for (const side of sides) {
      const memory = processMemory(side.child.pid ?? 0);
      console.log(`${side.name.padEnd(32)} RSS ${memory?.rssMb} MiB, peak ${memory?.peakRssMb} MiB`);
    }
  } finally {
    for (const side of sides) side.child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import neo4j from "neo4j-driver";
import { toNative } from "../../src/graph/to-native.js";
import { traceEdgesQuery, traceQuery } from "../../src/graph/trace.queries.js";
import { datasets } from "../generate/datasets.js";
import { SupplyChain } from "../generate/supply-chain.js";
import { benchDb, benchDriver } from "../lib/bench-db.js";
import { median, timed } from "../lib/stats.js";

/**
 * The proposed toNative fast path (src/graph/to-native.ts): return strings, numbers and booleans before the six
 * temporal checks, which each read a symbol property. Converts the real records of a medium and a large trace both
 * ways and checks the results are identical.
 *   npx tsx bench/experiments/to-native.bench.ts
 */
/** src/graph/to-native.ts's toNative with ONE line added (marked): the proposal, verbatim otherwise. */
function proposedToNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value !== "object") return value; // added: strings, numbers, booleans need no conversion
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(proposedToNative);
  if (isTemporal(value)) return toNative(value);
  if (value instanceof neo4j.types.Node || value instanceof neo4j.types.Relationship)
    return proposedToNative(value.properties);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = proposedToNative(v);
  return out;
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}

async function main(): Promise<void> {
  const driver = benchDriver(benchDb("quick"));
  const [, dag] = datasets("quick", 20240301).map((s) => new SupplyChain(s.config).roots());
  try {
    const roots: [string, string][] = [
      ["product lot", dag?.productLot ?? ""],
      ["DAG raw material lot", dag?.rawLot ?? ""],
    ];
    for (const [label, key] of roots) {
      const q = traceQuery({ key, direction: "DOWNSTREAM", maxDepth: 16, limit: 100_000 });
      const rows = (await driver.executeQuery(q.cypher, q.params)).records.map((r) => r.toObject());
      const e = traceEdgesQuery(
        rows.map((r) => String(r.key)),
        {},
      );
      const edges = (await driver.executeQuery(e.cypher, e.params)).records.map((r) => r.toObject());
      const records = [...rows, ...edges];
      if (JSON.stringify(records.map(toNative)) !== JSON.stringify(records.map(proposedToNative)))
        throw new Error("results differ");
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 30; i++) {
        a.push(await timed(async () => records.map(toNative)));
        b.push(await timed(async () => records.map(proposedToNative)));
      }
      console.log(
        `${label}: ${records.length} records; toNative ${median(a).toFixed(2)} ms, with the primitive fast path ${median(b).toFixed(2)} ms (${(median(b) / median(a)).toFixed(2)})`,
      );
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

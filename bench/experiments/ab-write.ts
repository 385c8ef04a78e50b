import neo4j from "neo4j-driver";
import type { QueryRunner, Row } from "../../src/graph/executor.js";
import type { WritePlan } from "../../src/graph/flow-model.js";
import type { WriteOutcome } from "../../src/graph/flow-writer.repository.js";
import type { Query } from "../../src/graph/query.js";
import { toNative } from "../../src/graph/to-native.js";
import { validateEpcisDocument } from "../../src/epcis/validate-document.js";
import { mapEventsToWritePlan } from "../../src/epcis/map-events.js";
import { epcisDocument } from "../generate/epcis-document.js";
import { DEFAULT_CHAIN, SupplyChain, type ChainEvent } from "../generate/supply-chain.js";
import { toWritePlan } from "../generate/write-plan.js";
import { benchDb } from "../lib/bench-db.js";
import { rawUnwindPlan } from "../baselines/raw-unwind.js";
import { median } from "../lib/stats.js";

/**
 * A/B of two FlowWriter write paths (issue 19, ingest row): this tree's writePlanInTx against another checkout's
 * (`OTHER_SRC`, e.g. an export of main), writing the same kind of fresh plans in turn, each in a transaction rolled
 * back; medians of the write's milliseconds. npx tsx bench/experiments/ab-write.ts [reps] [lots] [--capture]
 */
type WritePlanInTx = (tx: QueryRunner, plan: WritePlan) => Promise<WriteOutcome>;

function plainRunner(tx: neo4j.Transaction): QueryRunner {
  return {
    async rows(q: Query): Promise<Row[]> {
      return (await tx.run(q.cypher, q.params)).records.map((r) => toNative(r.toObject()) as Row);
    },
    async records(q: Query) {
      return (await tx.run(q.cypher, q.params)).records;
    },
  };
}

function capturePlan(events: readonly ChainEvent[]): WritePlan {
  const result = validateEpcisDocument(epcisDocument(events, new Date().toISOString()));
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  const plan = mapEventsToWritePlan(result.events, { namespaces: result.namespaces });
  for (const event of plan.events) Object.assign(event, { actorCredential: "admin" });
  return plan;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const reps = Number(args[0] ?? 5);
  const lots = Number(args[1] ?? 2);
  const capture = process.argv.includes("--capture");
  const other = process.env.OTHER_SRC ?? "/tmp/i19-main/src";
  const sides: [string, WritePlanInTx][] = [
    [
      "other",
      ((await import(`${other}/graph/flow-writer.repository.ts`)) as { writePlanInTx: WritePlanInTx }).writePlanInTx,
    ],
    ["this", (await import("../../src/graph/flow-writer.repository.js")).writePlanInTx],
  ];
  // The raw UNWIND baseline of the ingest row, on the generator's plan of the same events, as a third side.
  if (process.argv.includes("--raw")) {
    sides.push([
      "raw",
      async (tx, plan) => {
        await rawUnwindPlan(tx as unknown as Parameters<typeof rawUnwindPlan>[0], plan);
        return { written: [], duplicates: [], judgements: [] };
      },
    ]);
  }
  const db = benchDb("quick");
  const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  const samples = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  let document = 0;
  const plan = (): WritePlan => {
    const chain = new SupplyChain({
      ...DEFAULT_CHAIN,
      seed: 31 + document,
      variant: "tree",
      lots,
      scanShare: 0,
      namespace: `A${Date.now().toString(36).toUpperCase().slice(-6)}${document}`.slice(0, 12),
      ssccBase: 700_000_000 + (Date.now() % 100_000) * 1_000 + (document % 1000),
    });
    document++;
    const events = [...chain.batches(lots)].flatMap((b) => b.events);
    const generated = toWritePlan(events).plan;
    const written = capture ? capturePlan(events) : generated;
    rawPlans.set(written, generated);
    return written;
  };
  const rawPlans = new Map<WritePlan, WritePlan>();
  const rawPlan = (p: WritePlan): WritePlan => rawPlans.get(p) ?? p;
  try {
    for (let i = 0; i < reps + 1; i++) {
      for (let j = 0; j < sides.length; j++) {
        const [name, write] = sides[(i + j) % sides.length] ?? sides[0]!;
        const p = plan();
        const session = driver.session();
        const tx = session.beginTransaction();
        const started = performance.now();
        try {
          await write(
            name === "raw" ? (tx as unknown as QueryRunner) : plainRunner(tx),
            name === "raw" ? rawPlan(p) : p,
          );
        } finally {
          const ms = performance.now() - started;
          await tx.rollback();
          await session.close();
          if (i > 0) samples.get(name)?.push((p.events.length / ms) * 1000);
        }
      }
    }
    for (const [name, values] of samples) {
      console.log(
        `${name.padEnd(6)} median ${median(values)?.toFixed(0)} events/s  [${values.map((v) => v.toFixed(0)).join(", ")}]`,
      );
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

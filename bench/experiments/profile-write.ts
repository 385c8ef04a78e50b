import neo4j, { type Record as Neo4jRecord, type Transaction } from "neo4j-driver";
import type { QueryRunner, Row } from "../../src/graph/executor.js";
import { writePlanInTx } from "../../src/graph/flow-writer.repository.js";
import type { Query } from "../../src/graph/query.js";
import { toNative } from "../../src/graph/to-native.js";
import { DEFAULT_CHAIN, SupplyChain } from "../generate/supply-chain.js";
import { toWritePlan } from "../generate/write-plan.js";
import { epcisDocument } from "../generate/epcis-document.js";
import { validateEpcisDocument } from "../../src/epcis/validate-document.js";
import { mapEventsToWritePlan } from "../../src/epcis/map-events.js";
import type { WritePlan } from "../../src/graph/flow-model.js";
import { benchDb } from "../lib/bench-db.js";
import { rawUnwindPlan } from "../baselines/raw-unwind.js";

/**
 * One FlowWriter write of fresh lots (as the ingest measure writes them), inside a transaction that is rolled back:
 * each statement's time, and the PROFILE of the statements named (issue 19, ingest row).
 *   npx tsx bench/experiments/profile-write.ts [lots] [name,name...] [variant] [--commit]
 */
interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: PlanNode[];
}

function print(node: PlanNode, depth = 0): void {
  const details = String(node.arguments.Details ?? "")
    .replace(/\s+/g, " ")
    .slice(0, 110);
  console.log(`${"  ".repeat(depth)}${node.operatorType} rows=${node.rows} hits=${node.dbHits} ${details}`);
  for (const child of node.children) print(child, depth + 1);
}

class ProfilingRunner implements QueryRunner {
  readonly totals = new Map<string, { ms: number; calls: number; rows: number; hits: number }>();
  constructor(
    private readonly tx: Transaction,
    private readonly profiled: ReadonlySet<string>,
  ) {}
  async rows(q: Query): Promise<Row[]> {
    return (await this.records(q)).map((r) => toNative((r as Neo4jRecord).toObject()) as Row);
  }
  async records(q: Query): Promise<Neo4jRecord[]> {
    const profile = this.profiled.has(q.name) || this.profiled.has("all");
    const started = performance.now();
    const result = await this.tx.run(profile ? `PROFILE ${q.cypher}` : q.cypher, q.params);
    const ms = performance.now() - started;
    const total = this.totals.get(q.name) ?? { ms: 0, calls: 0, rows: 0, hits: 0 };
    total.ms += ms;
    total.calls++;
    total.rows += result.records.length;
    if (profile) {
      total.hits += sumHits(result.summary.profile as unknown as PlanNode);
      if (this.profiled.has(q.name)) {
        console.log(`== ${q.name} ${ms.toFixed(0)} ms, ${result.records.length} rows`);
        print(result.summary.profile as unknown as PlanNode);
      }
    }
    this.totals.set(q.name, total);
    return result.records;
  }
}

/** The raw UNWIND baseline of the same events, each statement timed (in a transaction rolled back). */
async function rawStatements(driver: neo4j.Driver, plan: WritePlan): Promise<void> {
  const session = driver.session();
  const tx = session.beginTransaction();
  const totals = new Map<string, number>();
  const timedTx = {
    run: async (cypher: string, params: Record<string, unknown>) => {
      const started = performance.now();
      const result = await tx.run(cypher, params);
      const name = cypher.trim().split("\n").slice(1, 3).join(" ").slice(0, 60);
      totals.set(name, (totals.get(name) ?? 0) + performance.now() - started);
      return result;
    },
  };
  const started = performance.now();
  try {
    await rawUnwindPlan(timedTx as unknown as Parameters<typeof rawUnwindPlan>[0], plan);
  } finally {
    console.log(`raw: ${(performance.now() - started).toFixed(0)} ms`);
    for (const [name, ms] of totals) console.log(`  ${name.padEnd(62)} ${ms.toFixed(0)} ms`);
    await tx.rollback();
    await session.close();
  }
}

function capturePlan(events: Parameters<typeof epcisDocument>[0]): WritePlan {
  const result = validateEpcisDocument(epcisDocument(events, new Date().toISOString()));
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  const plan = mapEventsToWritePlan(result.events, { namespaces: result.namespaces });
  for (const event of plan.events) Object.assign(event, { actorCredential: "admin" });
  return plan;
}

function sumHits(node: PlanNode): number {
  return node.dbHits + node.children.reduce((s, c) => s + sumHits(c), 0);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const commit = process.argv.includes("--commit");
  const lots = Number(args[0] ?? 2);
  const profiled = new Set((args[1] ?? "").split(",").filter(Boolean));
  const variant = (args[2] ?? "tree") as "tree" | "dag";
  const db = benchDb("quick");
  const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  const stamp = Date.now().toString(36).toUpperCase().slice(-6);
  const chain = new SupplyChain({
    ...DEFAULT_CHAIN,
    seed: 11,
    variant,
    lots,
    scanShare: Number(process.env.SCAN_SHARE ?? 0),
    namespace: `Q${stamp}`.slice(0, 12),
    ssccBase: 600_000_000 + (Date.now() % 100_000) * 1_000,
  });
  const events = [...chain.batches(lots)].flatMap((b) => b.events);
  // --capture: the plan captureEpcis makes of the same events' EPCIS document, for the bench's ADMIN key.
  const plan: WritePlan = process.argv.includes("--capture") ? capturePlan(events) : toWritePlan(events).plan;
  const session = driver.session();
  const tx = session.beginTransaction();
  const runner = new ProfilingRunner(tx, profiled);
  try {
    const started = performance.now();
    await writePlanInTx(runner, plan);
    const ms = performance.now() - started;
    console.log(
      `${plan.events.length} events in ${ms.toFixed(0)} ms (${((plan.events.length / ms) * 1000).toFixed(0)} events/s)`,
    );
    for (const [name, t] of [...runner.totals].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(
        `${name.padEnd(40)} ${t.ms.toFixed(0).padStart(7)} ms ${String(t.calls).padStart(4)} calls ${String(t.rows).padStart(6)} rows${t.hits ? ` ${t.hits} hits` : ""}`,
      );
    }
  } finally {
    if (commit) await tx.commit();
    else await tx.rollback();
    await session.close();
  }
  try {
    if (process.argv.includes("--raw")) await rawStatements(driver, toWritePlan(events).plan);
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

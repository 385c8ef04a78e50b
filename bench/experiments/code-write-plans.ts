import neo4j, { type Driver } from "neo4j-driver";
import { generateTraceCodes } from "../../src/codes/index.js";

/**
 * Write plans for code issuance against the store's limit (issue 19 item 1): `UNWIND … CREATE` of `Obj:Code` nodes
 * and their `IN_LOT` links under one batch, in chunks, by plan. Needs a running bench store
 * (`npm run bench -- --quick --keep-db` first, or BENCH_NEO4J_PORT). Prints codes/s per plan.
 *
 *   npx tsx bench/experiments/code-write-plans.ts [count] [plan,plan]
 */
const port = Number(process.env.BENCH_NEO4J_PORT ?? 7698);
const count = Number(process.argv[2] ?? 200_000);
const only = process.argv[3]?.split(",") ?? null;

const FULL = `
MATCH (b:Batch {id: $batchId})
WITH b, [b.manufacturerId] AS viewers
UNWIND $codes AS code
WITH b, viewers, code, [b.manufacturerId] AS makers, datetime({date: b.productionDate, timezone: "+08:00"}) AS produced
WITH b, viewers, code, makers, produced, b.manufacturerId + "|" + toString(toInteger(produced.epochMillis)) AS since
CREATE (c:Obj:Code {key: code, value: code, kind: "ITEM", codeType: "ITEM", mode: "PER_ITEM", codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: datetime($at),
                    fol: makers, held: [since], hist: [since]})
CREATE (b)-[:IN_LOT {eventId: $eventId, at: produced, quantityLevel: false, parties: makers, viewers: viewers}]->(c)`;

/** The same, with the per-row values computed once per chunk instead of once per code. */
const HOISTED = `
MATCH (b:Batch {id: $batchId})
WITH b, [b.manufacturerId] AS makers, datetime({date: b.productionDate, timezone: "+08:00"}) AS produced,
     datetime($at) AS issuedAt
WITH b, makers, produced, issuedAt, [b.manufacturerId + "|" + toString(toInteger(produced.epochMillis))] AS since
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: "ITEM", codeType: "ITEM", mode: "PER_ITEM", codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: issuedAt,
                    fol: makers, held: since, hist: since})
CREATE (b)-[:IN_LOT {eventId: $eventId, at: produced, quantityLevel: false, parties: makers, viewers: makers}]->(c)`;

const NODES_ONLY = `
MATCH (b:Batch {id: $batchId})
WITH b, datetime($at) AS issuedAt
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: "ITEM", codeType: "ITEM", mode: "PER_ITEM", codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: issuedAt})`;

const BARE = `
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, batchId: $batchId, issueId: $issueId})`;

interface Plan {
  statement: string;
  chunk: number;
  parallel: number;
}

const PLANS: Record<string, Plan> = {
  "full-10k": { statement: FULL, chunk: 10_000, parallel: 1 },
  "hoisted-10k": { statement: HOISTED, chunk: 10_000, parallel: 1 },
  "hoisted-25k": { statement: HOISTED, chunk: 25_000, parallel: 1 },
  "hoisted-50k": { statement: HOISTED, chunk: 50_000, parallel: 1 },
  "hoisted-10k-x2": { statement: HOISTED, chunk: 10_000, parallel: 2 },
  "hoisted-25k-x2": { statement: HOISTED, chunk: 25_000, parallel: 2 },
  "hoisted-25k-x3": { statement: HOISTED, chunk: 25_000, parallel: 3 },
  "nodes-25k": { statement: NODES_ONLY, chunk: 25_000, parallel: 1 },
  "bare-25k": { statement: BARE, chunk: 25_000, parallel: 1 },
};

async function runPlan(driver: Driver, name: string, plan: Plan): Promise<number> {
  const batchId = `exp-batch-${name}-${Date.now().toString(36)}`;
  await driver.executeQuery(
    `CREATE (:Obj:Batch {key: $batchId, id: $batchId, productId: "exp", manufacturerId: "uscc:exp", status: "DRAFT",
                         productionDate: date("2024-03-01")})`,
    { batchId },
  );
  const codes = generateTraceCodes("ITEM", "0000", count);
  const at = new Date().toISOString();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    const session = driver.session();
    try {
      for (;;) {
        const start = next;
        next += plan.chunk;
        if (start >= codes.length) return;
        const chunk = codes.slice(start, start + plan.chunk);
        await session.executeWrite((tx) =>
          tx.run(plan.statement, { batchId, codes: chunk, issueId: `exp-${batchId}`, eventId: `exp:${batchId}`, at }),
        );
      }
    } finally {
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: plan.parallel }, worker));
  const seconds = (performance.now() - started) / 1000;
  return count / seconds;
}

async function main(): Promise<void> {
  const driver = neo4j.driver(
    `bolt://127.0.0.1:${port}`,
    neo4j.auth.basic("neo4j", process.env.NEO4J_PASSWORD ?? "tracegraph-local"),
  );
  try {
    // In the order asked (a plan named twice runs twice, for interleaved comparisons), or every plan.
    for (const name of only ?? Object.keys(PLANS)) {
      const plan = PLANS[name];
      if (!plan) throw new Error(`no plan ${name}: ${Object.keys(PLANS).join(", ")}`);
      const rate = await runPlan(driver, name, plan);
      console.log(`${name.padEnd(16)} ${Math.round(rate).toString().padStart(8)} codes/s  (${count} codes)`);
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

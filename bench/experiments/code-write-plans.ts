import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
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
/** The store's process (BENCH_NEO4J_PID): its CPU seconds per plan, a figure the machine's load hardly moves. */
const storePid = process.env.BENCH_NEO4J_PID ?? null;

/** CPU seconds (user + system) the process has used so far, null without a pid. */
function cpuSeconds(pid: string | null): number | null {
  if (pid === null) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

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

/** HOISTED without the visibility marks on the code and the link (what deriving them at read time would save). */
const NO_MARKS = `
MATCH (b:Batch {id: $batchId})
WITH b, datetime({date: b.productionDate, timezone: "+08:00"}) AS produced, datetime($at) AS issuedAt
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: "ITEM", codeType: "ITEM", mode: "PER_ITEM", codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: issuedAt})
CREATE (b)-[:IN_LOT {eventId: $eventId, at: produced, quantityLevel: false}]->(c)`;

/** HOISTED without `value` (= key): no entry in Code.value, (issueId, value), (batchId, value). */
const NO_VALUE = HOISTED.replace("value: code, ", "");

const BARE = `
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, batchId: $batchId, issueId: $issueId})`;

/** The store's floor: a node with one property and no label any index or constraint covers. */
const FLOOR = `
UNWIND $codes AS code
CREATE (c:ExpFloor {key: code})`;

/** One unique constraint (Obj.key) per code. */
const OBJ_KEY = `
UNWIND $codes AS code
CREATE (c:Obj {key: code})`;

/** Both unique constraints (Obj.key, Code.value). */
const OBJ_CODE = `
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code})`;

interface Plan {
  statement: string;
  chunk: number;
  parallel: number;
  /** Codes sorted within each chunk (index inserts in key order). */
  sorted?: boolean;
  /**
   * The issuance's ids: "product" as issuance makes them (`iss-<uuid>`, 40 characters, and `native:issue:<issueId>`,
   * 53: both longer than a property record holds, so each is a dynamic record per code), "short" of 35 characters
   * (kept in the property record); default: ids derived from the plan's name (as before).
   */
  ids?: "product" | "short";
}

const PLANS: Record<string, Plan> = {
  "full-10k": { statement: FULL, chunk: 10_000, parallel: 1 },
  "hoisted-10k": { statement: HOISTED, chunk: 10_000, parallel: 1 },
  "hoisted-25k": { statement: HOISTED, chunk: 25_000, parallel: 1 },
  "hoisted-50k": { statement: HOISTED, chunk: 50_000, parallel: 1 },
  "hoisted-10k-x2": { statement: HOISTED, chunk: 10_000, parallel: 2 },
  "hoisted-25k-x2": { statement: HOISTED, chunk: 25_000, parallel: 2 },
  "hoisted-25k-x3": { statement: HOISTED, chunk: 25_000, parallel: 3 },
  "hoisted-10k-sorted": { statement: HOISTED, chunk: 10_000, parallel: 1, sorted: true },
  "hoisted-10k-x2-sorted": { statement: HOISTED, chunk: 10_000, parallel: 2, sorted: true },
  "hoisted-50k-x2-sorted": { statement: HOISTED, chunk: 50_000, parallel: 2, sorted: true },
  "hoisted-20k-x2-sorted": { statement: HOISTED, chunk: 20_000, parallel: 2, sorted: true },
  "hoisted-5k-x2-sorted": { statement: HOISTED, chunk: 5_000, parallel: 2, sorted: true },
  "hoisted-10k-x3-sorted": { statement: HOISTED, chunk: 10_000, parallel: 3, sorted: true },
  "hoisted-5k-x2": { statement: HOISTED, chunk: 5_000, parallel: 2 },
  "hoisted-2k-x2": { statement: HOISTED, chunk: 2_000, parallel: 2 },
  "hoisted-10k-x4": { statement: HOISTED, chunk: 10_000, parallel: 4 },
  "nomarks-10k-x2": { statement: NO_MARKS, chunk: 10_000, parallel: 2 },
  "novalue-10k-x2": { statement: NO_VALUE, chunk: 10_000, parallel: 2 },
  "floor-10k-x2": { statement: FLOOR, chunk: 10_000, parallel: 2 },
  "objkey-10k-x2": { statement: OBJ_KEY, chunk: 10_000, parallel: 2 },
  "objcode-10k-x2": { statement: OBJ_CODE, chunk: 10_000, parallel: 2 },
  "bare-10k-x2": { statement: BARE, chunk: 10_000, parallel: 2 },
  "objcode-10k-x2-sorted": { statement: OBJ_CODE, chunk: 10_000, parallel: 2, sorted: true },
  "product-ids-10k-x2-sorted": { statement: HOISTED, chunk: 10_000, parallel: 2, sorted: true, ids: "product" },
  "nomarks-product-ids-10k-x2-sorted": {
    statement: NO_MARKS,
    chunk: 10_000,
    parallel: 2,
    sorted: true,
    ids: "product",
  },
  "short-ids-10k-x2-sorted": { statement: HOISTED, chunk: 10_000, parallel: 2, sorted: true, ids: "short" },
  "nodes-25k": { statement: NODES_ONLY, chunk: 25_000, parallel: 1 },
  "bare-25k": { statement: BARE, chunk: 25_000, parallel: 1 },
};

async function runPlan(driver: Driver, name: string, plan: Plan): Promise<{ rate: number; cpu: number | null }> {
  const batchId = `exp-batch-${name}-${Date.now().toString(36)}`;
  await driver.executeQuery(
    `CREATE (:Obj:Batch {key: $batchId, id: $batchId, productId: "exp", manufacturerId: "uscc:exp", status: "DRAFT",
                         productionDate: date("2024-03-01")})`,
    { batchId },
  );
  const codes = generateTraceCodes("ITEM", "0000", count);
  const at = new Date().toISOString();
  const ids = issuanceIds(batchId, plan.ids);
  let next = 0;
  const cpuBefore = cpuSeconds(storePid);
  const started = performance.now();
  const worker = async () => {
    const session = driver.session();
    try {
      for (;;) {
        const start = next;
        next += plan.chunk;
        if (start >= codes.length) return;
        const chunk = codes.slice(start, start + plan.chunk);
        if (plan.sorted) chunk.sort();
        await session.executeWrite((tx) => tx.run(plan.statement, { batchId, codes: chunk, ...ids, at }));
      }
    } finally {
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: plan.parallel }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds(storePid);
  return {
    rate: count / seconds,
    cpu: cpuBefore === null || cpuAfter === null ? null : count / (cpuAfter - cpuBefore),
  };
}

function issuanceIds(batchId: string, ids: Plan["ids"]): { issueId: string; eventId: string } {
  if (ids === "product") {
    const issueId = `iss-${randomUUID()}`;
    return { issueId, eventId: `native:issue:${issueId}` };
  }
  if (ids === "short") {
    const hex = randomUUID().replaceAll("-", "");
    return { issueId: `iss${hex}`, eventId: `ni:${hex}` };
  }
  return { issueId: `exp-${batchId}`, eventId: `exp:${batchId}` };
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
      const { rate, cpu } = await runPlan(driver, name, plan);
      const perCpu = cpu === null ? "" : `  ${Math.round(cpu).toString().padStart(8)} codes per store CPU s`;
      console.log(`${name.padEnd(24)} ${Math.round(rate).toString().padStart(8)} codes/s${perCpu}  (${count} codes)`);
    }
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

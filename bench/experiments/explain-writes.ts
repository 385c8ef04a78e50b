import neo4j from "neo4j-driver";
import * as V from "../../src/graph/visibility.queries.js";
import * as W from "../../src/graph/viewers.queries.js";
import type { Query } from "../../src/graph/query.js";
import { benchDb } from "../lib/bench-db.js";

/** EXPLAIN of the visibility write statements (issue 19, ingest row): their operators, one line each. */
interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function print(node: PlanNode, depth = 0): void {
  const details = String(node.arguments.Details ?? "")
    .replace(/\s+/g, " ")
    .slice(0, 160);
  console.log(`${"  ".repeat(depth)}${node.operatorType} ${details}`);
  for (const child of node.children) print(child, depth + 1);
}

async function main(): Promise<void> {
  const db = benchDb("quick");
  const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  const only = process.argv[2];
  const queries: Query[] = [
    V.shipmentReceipts([{ objectKey: "k", eventId: "e" }]),
    V.markHeld([{ key: "k", party: "p", at: 1, contents: true }]),
    V.markHistory([{ key: "k", party: "p", at: 1 }]),
    V.markFollowed([{ key: "k", party: "p" }]),
    V.pendingReceipts([{ key: "k", party: "p", at: 1 }]),
    V.edgeCrossings([{ from: "a", to: "b", eventId: "e" }]),
    V.carriedShipments([{ from: "a", to: "b", eventId: "e" }]),
    W.refreshFlowEdges([{ from: "a", to: "b", eventId: "e" }]),
    W.refreshShipments([{ objectKey: "k", eventId: "e" }]),
    W.refreshAround([{ key: "k", out: true, in: true }]),
    W.seeEvents([{ eventId: "e", parties: ["p"] }]),
  ];
  const session = driver.session();
  try {
    for (const q of queries) {
      if (only && !q.name.includes(only)) continue;
      const result = await session.run(`EXPLAIN ${q.cypher}`, q.params);
      console.log(`== ${q.name}`);
      print(result.summary.plan as unknown as PlanNode);
    }
  } finally {
    await session.close();
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

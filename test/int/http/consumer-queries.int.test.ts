import type { ProfiledPlan, Plan } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import type { CypherQuery } from "../../../src/graph/cypher-query.js";
import { batchCodePageQuery, labelBatchQuery, traceViewQuery } from "../../../src/graph/consumer.queries.js";
import { testServices } from "../../support/test-services.js";

/** The operators of a query's plan, as EXPLAIN shows them on the live database (nothing is run). */
async function operators(query: CypherQuery): Promise<string[]> {
  const services = await testServices();
  const plan = await services.executor.readTx(async (tx) => {
    const result = await tx.run(`EXPLAIN ${query.cypher}`, query.params);
    return result.summary.plan;
  });
  const names: string[] = [];
  const walk = (node: Plan | ProfiledPlan | false) => {
    if (!node) return;
    names.push(node.operatorType);
    node.children.forEach(walk);
  };
  walk(plan);
  return names;
}

describe("Cypher of the consumer page and label sheets", () => {
  it.each([
    ["the consumer page's trace view", traceViewQuery("BRJD-W5RT-P0KW-YQTF", "https://id.gs1.org/01/06901234567892")],
    ["a label sheet's batch", labelBatchQuery("p1:L1")],
    ["a keyset page of a batch's codes", batchCodePageQuery("p1:L1", "BRJD-W5RT-P0KW-YQTF", 500)],
  ])("starts %s from an index, never a label or full scan", async (_name, query) => {
    const ops = await operators(query);
    expect(ops.join(" ")).toMatch(/NodeUniqueIndexSeek|NodeIndexSeek/);
    expect(ops.filter((op) => /AllNodesScan|NodeByLabelScan/.test(op))).toEqual([]);
  });
});

import type { Plan, ProfiledPlan } from "neo4j-driver";
import type { Query } from "../../src/graph/query.js";
import { testDriver } from "./test-services.js";

/**
 * The plan Neo4j makes for a statement with its parameters, from `EXPLAIN` on the live database: planned, never run,
 * so write statements are safe. A test-support session rather than the executor: the executor returns rows, and a
 * plan is all EXPLAIN gives.
 */
export async function explain(q: Query): Promise<Plan> {
  const { driver, database } = await testDriver();
  const session = driver.session({ database });
  try {
    const result = await session.run(`EXPLAIN ${q.cypher}`, q.params);
    if (!result.summary.plan) throw new Error(`EXPLAIN ${q.name} returned no plan`);
    return result.summary.plan;
  } finally {
    await session.close();
  }
}

/** The plan's operators, depth first, without the runtime suffix (`NodeByLabelScan@neo4j` -> `NodeByLabelScan`). */
export function operators(plan: Plan | ProfiledPlan): string[] {
  return [plan.operatorType.replace(/@.*$/, ""), ...plan.children.flatMap(operators)];
}

/** One line per operator with its details (e.g. the label scanned), for failure messages. */
export function describePlan(plan: Plan | ProfiledPlan, depth = 0): string[] {
  const details = String(plan.arguments.Details ?? "").replace(/\s+/g, " ");
  const line = `${"  ".repeat(depth)}${plan.operatorType.replace(/@.*$/, "")} ${details.slice(0, 100)}`;
  return [line, ...plan.children.flatMap((child) => describePlan(child, depth + 1))];
}

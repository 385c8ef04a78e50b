import { describe, expect, it } from "vitest";
import { testServices } from "../../support/test-services.js";
import { cypher } from "../../../src/graph/cypher-query.js";
import * as Q from "../../../src/graph/producer.queries.js";

/** Every statement of the producer's flow, in each shape it is built in. */
const STATEMENTS: [string, string][] = [
  ...Object.entries(Q as Record<string, unknown>).flatMap(([name, value]) =>
    typeof value === "string" ? [[name, value] as [string, string]] : [],
  ),
  ["parentQuery(lock)", Q.parentQuery(true)],
  ["parentQuery(read)", Q.parentQuery(false)],
  ["qualityRowsQuery(batch)", Q.qualityRowsQuery("batch")],
  ["qualityRowsQuery(manufacturer)", Q.qualityRowsQuery("manufacturer")],
  ["auditLogQuery(all)", Q.auditLogQuery(["batchId", "manufacturerId", "correctionsOnly", "after"])],
  ["auditLogQuery(none)", Q.auditLogQuery([])],
  ["codesOfBatchQuery(all)", Q.codesOfBatchQuery({ codeType: true, after: true })],
  ["codesOfBatchQuery(none)", Q.codesOfBatchQuery({ codeType: false, after: false })],
];

describe("producer Cypher", () => {
  it.each(STATEMENTS)("%s compiles on the live Neo4j (EXPLAIN)", async (_name, text) => {
    const { executor } = await testServices();
    const params = Object.fromEntries([...text.matchAll(/\$(\w+)/g)].map((m) => [m[1], null]));
    // EXPLAIN plans without running, so nothing is written.
    await expect(executor.read(cypher(`EXPLAIN ${text}`, params))).resolves.toEqual([]);
  });
});

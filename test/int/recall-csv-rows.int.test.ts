import { beforeAll, describe, expect, it } from "vitest";
import { RecallRepository } from "../../src/graph/recall.repository.js";
import { query } from "../../src/graph/query.js";
import { OBJECTS_PER_CHUNK } from "../../src/graph/recall.queries.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";

/**
 * The recall CSV's rows (recall.queries.ts recallObjectsAll, records of OBJECTS_PER_CHUNK rows) against the paged
 * recall list the GraphQL API answers, for the operator and for parties: the same objects, in the same order, with the
 * same grades; over more than two records, with nothing commingled (every object CERTAIN, decided by counting) and
 * with a commingled lot (grades from grouping both walks).
 */
describe("recall CSV rows", () => {
  const b = new PlanBuilder(uniqueSuffix());
  const maker = `org-${uniqueSuffix()}`;
  const receiver = `org-${uniqueSuffix()}`;
  const plainLot = b.lot();
  const mixedLot = b.lot();
  const blend = b.lot();
  const afterBlend = b.item();
  const size = 2 * OBJECTS_PER_CHUNK + 37;
  const plainItems = Array.from({ length: size }, () => b.item());
  let repository: RecallRepository;

  beforeAll(async () => {
    const services = await testServices();
    for (const item of plainItems) b.edge("IN_LOT", plainLot, item);
    for (let i = 0; i < 40; i++) b.edge("IN_LOT", mixedLot, b.item());
    b.edge("TRANSFORMED_INTO", mixedLot, blend, "2026-01-02T00:00:00Z", true);
    b.edge("IN_LOT", blend, afterBlend);
    b.ship(plainLot, receiver, "2026-01-03T00:00:00Z", maker);
    b.ship(mixedLot, receiver, "2026-01-03T00:00:00Z", maker);
    await services.flowWriter.write(b.plan);
    // Marks as the write path would keep them for a maker that follows both lots, and a receiver that sees the lots,
    // the commingling and half of the plain lot's items (edges' viewers), so a party's walks are partial.
    await services.executor.write(
      query(
        "test.recallCsvMarks",
        `MATCH (root:Obj) WHERE root.key IN $roots
         SET root.hist = [$receiver + "|0"]
         WITH root
         MATCH (root)-[rs:IN_LOT|TRANSFORMED_INTO*1..2]->(n:Obj)
         SET n.fol = [$maker]
         WITH root, last(rs) AS r, n
         SET r.parties = CASE type(r) WHEN "TRANSFORMED_INTO" THEN [$maker] ELSE r.parties END,
             r.viewers = CASE WHEN root.key = $mixed AND type(r) = "IN_LOT" AND n.key <> $afterBlend THEN [$maker]
                              WHEN root.key = $plain AND n.key >= $split THEN [$maker]
                              ELSE [$maker, $receiver] END
         WITH DISTINCT root SET root.fol = [$maker]`,
        {
          roots: [plainLot, mixedLot],
          maker,
          receiver,
          mixed: mixedLot,
          plain: plainLot,
          afterBlend,
          split: plainItems.slice().sort()[Math.floor(size / 2)],
        },
      ),
    );
    repository = new RecallRepository(services.executor);
  }, 120_000);

  async function csvRows(root: string, scope?: string): Promise<string[]> {
    const rows: string[] = [];
    for await (const row of repository.streamObjects(root, scope)) rows.push(`${row.key} ${row.kind} ${row.certain}`);
    return rows;
  }

  async function pagedRows(root: string, scope?: string): Promise<string[]> {
    const rows: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await repository.objectsPage(root, 500, after, scope);
      const shown = page.slice(0, 500);
      rows.push(...shown.map((row) => `${row.key} ${row.kind} ${row.certain}`));
      if (page.length <= 500) return rows;
      after = shown.at(-1)!.key;
    }
  }

  it("lists every object of a large recall once, in key order, all CERTAIN, across records", async () => {
    const rows = await csvRows(plainLot);
    expect(rows).toHaveLength(size + 1);
    const keys = rows.map((row) => row.split(" ")[0]!);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(size + 1);
    expect(rows.every((row) => row.endsWith(" true"))).toBe(true);
    expect(rows).toEqual(await pagedRows(plainLot));
  });

  it("grades what only a commingled lot leads to as POSSIBLE", async () => {
    const rows = await csvRows(mixedLot);
    expect(rows).toHaveLength(40 + 3);
    const grade = new Map(rows.map((row) => [row.split(" ")[0], row.endsWith(" true")]));
    expect(grade.get(blend)).toBe(false);
    expect(grade.get(afterBlend)).toBe(false);
    expect(grade.get(mixedLot)).toBe(true);
    expect(rows).toEqual(await pagedRows(mixedLot));
  });

  it("lists for a party what its paged recall lists", async () => {
    const seen: number[] = [];
    for (const scope of [maker, receiver, `org-${uniqueSuffix()}`]) {
      for (const root of [plainLot, mixedLot]) {
        const rows = await csvRows(root, scope);
        expect(rows).toEqual(await pagedRows(root, scope));
        seen.push(rows.length);
      }
    }
    // The maker follows every object; the receiver sees the lots, half the plain lot's items and the commingling.
    expect(seen).toEqual([size + 1, 43, Math.floor(size / 2) + 1, 3, 0, 0]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../src/graph/executor.js";
import { query } from "../../src/graph/query.js";
import { markHeld, markHistory } from "../../src/graph/visibility.queries.js";
import { closeTestServices, testServices, uniqueSuffix } from "../support/test-services.js";

/**
 * Marks are monotone whatever the order of the rows of one statement (API-CONTRACT §6): a party's history mark only
 * rises, its holding mark keeps the earliest time. One write may carry several rows for one party reaching the same
 * object (a capture of several events); the statement reads before it writes, so each SET must itself keep the mark
 * monotone rather than trust a filter evaluated before the earlier rows' writes.
 */
describe("visibility marks: one statement's rows in any order", () => {
  let executor: Executor;
  beforeAll(async () => {
    executor = (await testServices()).executor;
  });
  afterAll(closeTestServices);

  const marks = async (key: string) => {
    const [row] = await executor.read(
      query("test.marks", "MATCH (o:Obj {key: $key}) RETURN o.hist AS hist, o.held AS held", { key }),
    );
    return { hist: row?.hist as string[] | null, held: row?.held as string[] | null };
  };

  it("history: the later time is kept when a row with an earlier one comes after it", async () => {
    const key = `test:marks-order:${uniqueSuffix()}`;
    await executor.write(query("test.obj", "CREATE (:Obj {key: $key})", { key }));
    await executor.write(
      markHistory([
        { key, party: "p1", at: 200 },
        { key, party: "p1", at: 100 },
      ]),
    );
    expect((await marks(key)).hist).toEqual(["p1|200"]);
  });

  it("holding: the earlier time is kept when a row with a later one comes after it", async () => {
    const key = `test:marks-order:${uniqueSuffix()}`;
    await executor.write(query("test.obj", "CREATE (:Obj {key: $key})", { key }));
    await executor.write(
      markHeld([
        { key, party: "p1", at: 100, contents: false },
        { key, party: "p1", at: 200, contents: false },
      ]),
    );
    expect((await marks(key)).held).toEqual(["p1|100"]);
  });
});

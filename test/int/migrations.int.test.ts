import { describe, expect, it } from "vitest";
import { LATEST_MIGRATION, appliedVersion, migrate } from "../../src/graph/migrations.js";
import { query } from "../../src/graph/query.js";
import { testServices } from "../support/test-services.js";

describe("migrations", () => {
  it("are idempotent and record the applied versions in the graph", async () => {
    const { executor } = await testServices();
    expect(await migrate(executor)).toEqual([]);
    expect(await appliedVersion(executor)).toBe(LATEST_MIGRATION);
  });

  it("enforce one node per canonical key", async () => {
    const { executor } = await testServices();
    const rows = await executor.read(
      query(
        "test.migrations.constraints",
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties",
      ),
    );
    const constraints = rows.map((r) => `${(r.labelsOrTypes as string[])[0]}.${(r.properties as string[])[0]}`);
    for (const expected of ["Obj.key", "Organization.id", "Location.id", "Event.eventId", "ApiKey.id"]) {
      expect(constraints).toContain(expected);
    }
  });

  // Issue 19 item 1: a code's value is its Obj.key, unique already, and (batchId, value) serves reads by batch.
  it("drop the duplicate Code.value constraint and Code.batchId index of older stores (version 16)", async () => {
    const { executor } = await testServices();
    const schema = query(
      "test.migrations.codeSchema",
      `SHOW INDEXES YIELD name WHERE name IN ["code_value", "code_batch"] RETURN collect(name) AS names`,
    );
    // A store migrated before version 16 has both.
    await executor.write(
      query(
        "test.migrations.oldCodeValue",
        "CREATE CONSTRAINT code_value IF NOT EXISTS FOR (c:Code) REQUIRE c.value IS UNIQUE",
      ),
    );
    await executor.write(
      query("test.migrations.oldCodeBatch", "CREATE INDEX code_batch IF NOT EXISTS FOR (c:Code) ON (c.batchId)"),
    );
    expect((await executor.read(schema))[0]?.names).toHaveLength(2);
    await migrate(executor);
    expect((await executor.read(schema))[0]?.names).toEqual([]);
  });
});

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
    for (const expected of ["Obj.key", "Code.value", "Organization.id", "Location.id", "Event.eventId", "ApiKey.id"]) {
      expect(constraints).toContain(expected);
    }
  });
});

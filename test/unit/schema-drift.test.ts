import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildAppSchema, printAppSchema } from "../../src/server/schema.js";

describe("schema.graphql", () => {
  it("matches the schema built from the code (run `npm run schema:emit` after changing the API)", async () => {
    const emitted = printAppSchema(await buildAppSchema());
    const checkedIn = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(checkedIn).toBe(emitted);
  });
});

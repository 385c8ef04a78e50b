import { describe, expect, it } from "vitest";
import { QUERY_CATALOG } from "../../support/query-catalog.js";

/**
 * Cypher snapshots, no database (the TCK style of @neo4j/graphql): every catalogued statement's Cypher, formatted,
 * and its parameters. A change to a statement shows up as a reviewable diff of __snapshots__; run `npx vitest run
 * test/unit/graph -u` to accept it. The live-database tier (test/int/query-plans.int.test.ts) checks their plans.
 */

/** Trimmed, blank lines dropped (optional fragments leave them), common indentation removed, no trailing spaces. */
function formatCypher(text: string): string {
  const lines = text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
  const common = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(common)).join("\n");
}

describe("Cypher snapshots", () => {
  it.each([...QUERY_CATALOG])("%s", (_key, q) => {
    expect({ name: q.name, cypher: formatCypher(q.cypher), params: q.params }).toMatchSnapshot();
  });
});

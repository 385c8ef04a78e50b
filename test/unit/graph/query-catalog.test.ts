import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUED_BUILDERS, QUERY_CATALOG } from "../../support/query-catalog.js";

const GRAPH_DIR = new URL("../../../src/graph/", import.meta.url);

/** Every `*.queries.ts` module of src/graph with its exported functions (builders, by the house rule). */
async function exportedFunctions(): Promise<[string, string, unknown][]> {
  const files = readdirSync(GRAPH_DIR).filter((file) => file.endsWith(".queries.ts"));
  const out: [string, string, unknown][] = [];
  for (const file of files) {
    const module = (await import(new URL(file, GRAPH_DIR).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "function") out.push([file, name, value]);
    }
  }
  return out;
}

describe("the query catalog", () => {
  it("calls every builder exported by a src/graph/*.queries.ts module", async () => {
    const builders = await exportedFunctions();
    expect(builders.length).toBeGreaterThan(50);
    const missing = builders.filter(([, , fn]) => !CATALOGUED_BUILDERS.has(fn)).map(([f, name]) => `${f} ${name}`);
    expect(missing).toEqual([]);
  });

  it.each([...QUERY_CATALOG])("%s passes every parameter its Cypher names", (_key, q) => {
    // `$product.key` needs `product`; a missing one would only fail at run time, on a live database.
    const named = new Set([...q.cypher.matchAll(/\$(\w+)/g)].map((m) => m[1]));
    expect([...named].filter((name) => name !== undefined && !(name in q.params))).toEqual([]);
  });
});

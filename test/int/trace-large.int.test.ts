import { beforeAll, describe, expect, it, vi } from "vitest";
import { gqlData } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";
import { generateTraceCodes, issuerPrefix } from "../../src/codes/index.js";

interface Graph {
  nodes: { key: string; depth: number; object?: { kind: string; details: Record<string, unknown> } | null }[];
  truncated: boolean;
}

const ITEMS = 100_000;

describe(`a trace over a lot of ${ITEMS.toLocaleString("en")} items`, () => {
  const b = new PlanBuilder(uniqueSuffix());
  const lot = b.lot();

  beforeAll(async () => {
    const items = generateTraceCodes("ITEM", issuerPrefix(`uscc:large-${lot}`), ITEMS);
    for (const item of items) b.object(item, "ITEM");
    for (const item of items) b.edge("IN_LOT", lot, item);
    await (await testServices()).flowWriter.write(b.plan);
  }, 600_000);

  it("returns no more than `limit` nodes, nearest first, and says it was truncated", async () => {
    const data = await gqlData<{ downstream: Graph }>(
      `query($c: String!) { downstream(code: $c, limit: 5000) { truncated nodes { key depth } } }`,
      { c: lot },
    );
    expect(data.downstream.nodes).toHaveLength(5000);
    expect(data.downstream.truncated).toBe(true);
    expect(data.downstream.nodes[0]).toEqual({ key: lot, depth: 0 });
    expect(data.downstream.nodes.slice(1).every((n) => n.depth === 1)).toBe(true);
  });

  it("is not truncated when the limit covers the whole answer", async () => {
    const data = await gqlData<{ downstream: Graph }>(
      `query($c: String!) { downstream(code: $c, limit: 100000, maxDepth: 0) { truncated nodes { key } } }`,
      { c: lot },
    );
    expect(data.downstream).toEqual({ truncated: false, nodes: [{ key: lot }] });
  });

  it("loads the details of 1,000 nodes in one batched lookup, not one per node", async () => {
    const services = await testServices();
    const lookups = vi.spyOn(services.traceService, "objectsByKeys");
    try {
      const data = await gqlData<{ downstream: Graph }>(
        `query($c: String!) { downstream(code: $c, limit: 1000) { nodes { key object { kind details } } } }`,
        { c: lot },
      );
      expect(data.downstream.nodes).toHaveLength(1000);
      expect(data.downstream.nodes.every((n) => n.object?.details.key === n.key)).toBe(true);
      expect(lookups).toHaveBeenCalledTimes(1);
      expect(lookups.mock.calls[0]?.[0]).toHaveLength(1000);
    } finally {
      lookups.mockRestore();
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { gql, gqlData, firstErrorCode } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";

interface Graph {
  root: string;
  nodes: { key: string; kind: string; depth: number }[];
  edges: { from: string; to: string; kind: string }[];
  truncated: boolean;
}

const TRACE = `query($code: String!, $maxDepth: Int, $limit: Int) {
  downstream(code: $code, maxDepth: $maxDepth, limit: $limit) { root truncated nodes { key kind depth } edges { from to kind } }
  upstream(code: $code, maxDepth: $maxDepth, limit: $limit) { root truncated nodes { key kind depth } edges { from to kind } }
}`;

describe("upstream and downstream traces", () => {
  const suffix = uniqueSuffix();
  const b = new PlanBuilder(suffix);
  const orgA = `https://example.com/org/a-${suffix}`;
  const orgB = `https://example.com/org/b-${suffix}`;
  const orgSupplier = `https://example.com/org/s-${suffix}`;
  const component = b.lot();
  const lot = b.lot();
  const item1 = b.item();
  const item2 = b.item();
  const box = b.container();
  const pallet = b.container();

  beforeAll(async () => {
    b.edge("TRANSFORMED_INTO", component, lot)
      .edge("IN_LOT", lot, item1)
      .edge("IN_LOT", lot, item2)
      .edge("CONTAINED_IN", item1, box)
      .edge("CONTAINED_IN", box, pallet)
      .ship(component, orgSupplier, "2026-01-01T00:00:00Z")
      .ship(pallet, orgA, "2026-02-01T00:00:00Z", orgSupplier)
      .ship(item2, orgB, "2026-02-02T00:00:00Z");
    await (await testServices()).flowWriter.write(b.plan);
  });

  it("follows every flow edge downstream with minimal depths and reaches the organisations shipped to", async () => {
    const { downstream } = await gqlData<{ downstream: Graph }>(TRACE, { code: lot });
    const depth = Object.fromEntries(downstream.nodes.map((n) => [n.key, n.depth]));
    expect(depth).toEqual({ [lot]: 0, [item1]: 1, [item2]: 1, [box]: 2, [pallet]: 3, [orgB]: 2, [orgA]: 4 });
    expect(downstream.edges).toContainEqual({ from: box, to: pallet, kind: "CONTAINED_IN" });
    expect(downstream.edges).toContainEqual({ from: pallet, to: orgA, kind: "SHIPPED_TO" });
    expect(downstream.edges).not.toContainEqual(expect.objectContaining({ from: component }));
    expect(downstream.truncated).toBe(false);
  });

  it("walks upstream from an item to the component lot and the organisations of those shipments", async () => {
    const { upstream } = await gqlData<{ upstream: Graph }>(TRACE, { code: item1 });
    const keys = upstream.nodes.map((n) => n.key).sort();
    expect(keys).toEqual([item1, lot, component, orgSupplier].sort());
    expect(upstream.edges).toContainEqual({ from: component, to: lot, kind: "TRANSFORMED_INTO" });
    expect(upstream.edges).toContainEqual({ from: lot, to: item1, kind: "IN_LOT" });
  });

  it("stops at maxDepth and sets truncated only when the limit cut the answer", async () => {
    const shallow = await gqlData<{ downstream: Graph }>(TRACE, { code: lot, maxDepth: 1 });
    expect(shallow.downstream.nodes.map((n) => n.key).sort()).toEqual([lot, item1, item2, orgB].sort());
    expect(shallow.downstream.truncated).toBe(false);
    const limited = await gqlData<{ downstream: Graph }>(TRACE, { code: lot, limit: 2 });
    expect(limited.downstream.nodes).toHaveLength(2);
    expect(limited.downstream.truncated).toBe(true);
    expect(limited.downstream.nodes[0]).toEqual({ key: lot, kind: "LOT", depth: 0 });
  });

  it("rejects a maxDepth above 32 and a malformed code with BAD_USER_INPUT", async () => {
    expect(firstErrorCode(await gql(TRACE, { code: lot, maxDepth: 33 }))).toBe("BAD_USER_INPUT");
    const bad = await gql(TRACE, { code: "urn:epc:id:sgtin:0614141.107346" });
    expect(firstErrorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toContain("urn:epc:id:sgtin:0614141.107346");
  });

  it("resolves a known key to its object and an unknown valid one to null", async () => {
    const known = await gqlData<{ resolveCode: { key: string; kind: string } }>(
      "query($c: String!) { resolveCode(code: $c) { key kind } }",
      { c: item1.toLowerCase() },
    );
    expect(known.resolveCode).toEqual({ key: item1, kind: "ITEM" });
    const unknown = await gqlData<{ resolveCode: null }>("query($c: String!) { resolveCode(code: $c) { key } }", {
      c: new PlanBuilder(suffix).item(),
    });
    expect(unknown.resolveCode).toBeNull();
  });
});

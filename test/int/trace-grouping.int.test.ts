import { beforeAll, describe, expect, it } from "vitest";
import { gql, gqlData, firstErrorCode } from "../support/test-api.js";
import { testServices, uniqueSuffix } from "../support/test-services.js";
import { PlanBuilder } from "../support/plan-builder.js";

interface Grouped {
  nodes: { key: string }[];
  edges: { from: string; to: string }[];
  clusters: { id: string; parent: string; edgeKind: string; memberKind: string; count: number; depth: number }[];
  hiddenCount: number;
}

const TRACE = `query($code: String!, $groupAbove: Int, $expand: [String!]) {
  downstream(code: $code, groupAbove: $groupAbove, expand: $expand) {
    nodes { key } edges { from to } clusters { id parent edgeKind memberKind count depth } hiddenCount
  }
}`;

/** Grouped traces (issue 17): the server leaves large fan-outs out as clusters, and opens those named in `expand`. */
describe("grouped traces", () => {
  const b = new PlanBuilder(uniqueSuffix());
  const lot = b.lot();
  const items = Array.from({ length: 12 }, () => b.item());
  const box = b.container();

  beforeAll(async () => {
    for (const item of items) b.edge("IN_LOT", lot, item);
    b.edge("CONTAINED_IN", items[0] as string, box);
    await (await testServices()).flowWriter.write(b.plan);
  });

  it("answers a fan-out above groupAbove as one cluster, without its members or what only they reach", async () => {
    const { downstream } = await gqlData<{ downstream: Grouped }>(TRACE, { code: lot, groupAbove: 10 });
    expect(downstream.nodes.map((n) => n.key)).toEqual([lot]);
    expect(downstream.edges).toEqual([]);
    expect(downstream.clusters).toEqual([
      { id: `${lot}|IN_LOT`, parent: lot, edgeKind: "IN_LOT", memberKind: "ITEM", count: 12, depth: 1 },
    ]);
    expect(downstream.hiddenCount).toBe(13);
  });

  it("opens a cluster named in expand, and groups nothing at or below the threshold", async () => {
    const opened = await gqlData<{ downstream: Grouped }>(TRACE, {
      code: lot,
      groupAbove: 10,
      expand: [`${lot}|IN_LOT`],
    });
    expect(opened.downstream.nodes).toHaveLength(14);
    expect(opened.downstream.clusters).toEqual([]);
    const ungrouped = await gqlData<{ downstream: Grouped }>(TRACE, { code: lot, groupAbove: 12 });
    expect(ungrouped.downstream.nodes).toHaveLength(14);
    const plain = await gqlData<{ downstream: Grouped }>(TRACE, { code: lot });
    expect(plain.downstream.clusters).toEqual([]);
    expect(plain.downstream.hiddenCount).toBe(0);
  });

  it("refuses a groupAbove below 1 naming the argument", async () => {
    const answer = await gql(TRACE, { code: lot, groupAbove: 0 });
    expect(firstErrorCode(answer)).toBe("BAD_USER_INPUT");
    expect(answer.errors?.[0]?.extensions?.field).toBe("groupAbove");
  });
});

interface CompactAnswer {
  nodes: { key: string }[];
  edges: { from: string; to: string; kind: string }[];
  compactEdges: { from: number[]; to: number[]; kind: string[] };
}

const COMPACT = `query($code: String!, $groupAbove: Int) {
  downstream(code: $code, groupAbove: $groupAbove) { nodes { key } edges { from to kind } compactEdges { from to kind } }
}`;

/** compactEdges (issue 19): the same edges, in the same order, by position in `nodes`. */
describe("compact trace edges", () => {
  const b = new PlanBuilder(uniqueSuffix());
  const lot = b.lot();
  const items = Array.from({ length: 4 }, () => b.item());
  const box = b.container();

  beforeAll(async () => {
    for (const item of items) b.edge("IN_LOT", lot, item);
    b.edge("CONTAINED_IN", items[0] as string, box);
    b.edge("CONTAINED_IN", items[1] as string, box);
    await (await testServices()).flowWriter.write(b.plan);
  });

  const decode = (answer: CompactAnswer) =>
    answer.compactEdges.kind.map((kind, i) => ({
      from: answer.nodes[answer.compactEdges.from[i] as number]?.key,
      to: answer.nodes[answer.compactEdges.to[i] as number]?.key,
      kind,
    }));

  it("decodes to exactly the edges of the answer, plain and grouped", async () => {
    const plain = (await gqlData<{ downstream: CompactAnswer }>(COMPACT, { code: lot })).downstream;
    expect(plain.edges).toHaveLength(6);
    expect(plain.compactEdges.from).toHaveLength(6);
    expect(decode(plain)).toEqual(plain.edges);
    const grouped = (await gqlData<{ downstream: CompactAnswer }>(COMPACT, { code: lot, groupAbove: 3 })).downstream;
    expect(grouped.nodes.map((n) => n.key)).toEqual([lot]);
    expect(decode(grouped)).toEqual(grouped.edges);
    expect(grouped.compactEdges).toEqual({ from: [], to: [], kind: [] });
  });
});

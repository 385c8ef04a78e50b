import { describe, expect, it } from "vitest";
import { clusterId, groupTrace } from "../../src/trace/trace-clusters.js";
import type { TraceEdgeRecord, TraceGraphRecord, TraceNodeRecord } from "../../src/trace/trace-graph.js";

/** lot -> 5 items (IN_LOT reversed: item IN_LOT lot is upstream->downstream here as lot->item for the test) -> ... */
function fanOut(): TraceGraphRecord {
  const nodes: TraceNodeRecord[] = [{ key: "lot", kind: "LOT", depth: 0 }];
  const edges: TraceEdgeRecord[] = [];
  for (let i = 0; i < 5; i++) {
    nodes.push({ key: `item${i}`, kind: "ITEM", depth: 1 });
    edges.push({ from: "lot", to: `item${i}`, kind: "TRANSFORMED_INTO" });
  }
  // item0 goes into a carton, which is shipped to an organisation.
  nodes.push({ key: "carton", kind: "CONTAINER", depth: 2 }, { key: "org", kind: "ORGANIZATION", depth: 3 });
  edges.push({ from: "item0", to: "carton", kind: "CONTAINED_IN" }, { from: "carton", to: "org", kind: "SHIPPED_TO" });
  // The lot is also shipped to the organisation directly (so the organisation stays reachable).
  edges.push({ from: "lot", to: "org", kind: "SHIPPED_TO" });
  return { root: "lot", nodes, edges, truncated: false };
}

describe("groupTrace", () => {
  it("leaves a fan-out at or below the threshold as it is", () => {
    const graph = fanOut();
    const grouped = groupTrace(graph, { direction: "DOWNSTREAM", groupAbove: 5, expand: new Set() });
    expect(grouped.clusters).toEqual([]);
    expect(grouped.nodes).toEqual(graph.nodes);
    expect(grouped.hiddenCount).toBe(0);
  });

  it("collapses a larger fan-out with what only it reaches, and keeps what another path reaches", () => {
    const grouped = groupTrace(fanOut(), { direction: "DOWNSTREAM", groupAbove: 3, expand: new Set() });
    expect(grouped.clusters).toEqual([
      {
        id: clusterId("lot", "TRANSFORMED_INTO"),
        parent: "lot",
        edgeKind: "TRANSFORMED_INTO",
        memberKind: "ITEM",
        count: 5,
        depth: 1,
      },
    ]);
    expect(grouped.nodes.map((n) => n.key)).toEqual(["lot", "org"]);
    expect(grouped.edges).toEqual([{ from: "lot", to: "org", kind: "SHIPPED_TO" }]);
    expect(grouped.hiddenCount).toBe(6);
  });

  it("opens a cluster named in expand", () => {
    const graph = fanOut();
    const grouped = groupTrace(graph, {
      direction: "DOWNSTREAM",
      groupAbove: 3,
      expand: new Set(["lot|TRANSFORMED_INTO"]),
    });
    expect(grouped.clusters).toEqual([]);
    expect(grouped.nodes).toEqual(graph.nodes);
  });

  it("groups upstream against the flow", () => {
    const nodes: TraceNodeRecord[] = [{ key: "item", kind: "ITEM", depth: 0 }];
    const edges: TraceEdgeRecord[] = [];
    for (let i = 0; i < 4; i++) {
      nodes.push({ key: `part${i}`, kind: "LOT", depth: 1 });
      edges.push({ from: `part${i}`, to: "item", kind: "TRANSFORMED_INTO" });
    }
    const grouped = groupTrace(
      { root: "item", nodes, edges, truncated: false },
      { direction: "UPSTREAM", groupAbove: 2, expand: new Set() },
    );
    expect(grouped.clusters.map((c) => [c.id, c.count, c.memberKind])).toEqual([["item|TRANSFORMED_INTO", 4, "LOT"]]);
    expect(grouped.nodes.map((n) => n.key)).toEqual(["item"]);
  });
});

import { describe, expect, it } from "vitest";
import { compactEdges } from "../../src/trace/compact-edges.js";
import type { TraceNodeRecord } from "../../src/trace/trace-graph.js";

const nodes: TraceNodeRecord[] = [
  { key: "lot", kind: "LOT", depth: 0 },
  { key: "item", kind: "ITEM", depth: 1 },
  { key: "org", kind: "ORGANIZATION", depth: 2 },
];

describe("compactEdges", () => {
  it("names each edge's ends by their position in nodes, in the edges' order", () => {
    expect(
      compactEdges(nodes, [
        { from: "item", to: "org", kind: "SHIPPED_TO" },
        { from: "lot", to: "item", kind: "IN_LOT" },
      ]),
    ).toEqual({ from: [1, 0], to: [2, 1], kind: ["SHIPPED_TO", "IN_LOT"] });
  });

  it("refuses an edge to a node outside the answer instead of sending a wrong position", () => {
    expect(() => compactEdges(nodes, [{ from: "lot", to: "elsewhere", kind: "IN_LOT" }])).toThrow(/outside/);
  });
});

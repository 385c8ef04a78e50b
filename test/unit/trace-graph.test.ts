import { describe, expect, it } from "vitest";
import type { Direction } from "../../src/graph/trace.queries.js";
import {
  assembleTraceGraph,
  type TraceEdgeRecord,
  type TraceGraphRecord,
  type TraceNodeRecord,
  type TraceRow,
} from "../../src/trace/trace-graph.js";
import { Random } from "../support/seeded-random.js";
import type { EdgeKind } from "../../src/trace/flow-kinds.js";
import { compactEdges } from "../../src/trace/compact-edges.js";
import { edgesFromNeighbours } from "../../src/trace/neighbour-assembly.js";

/**
 * The rule of API-CONTRACT §2 for assembling a trace, written as plainly as possible: every node in a map by key
 * (an organisation replaces a node only when nearer), every edge once by kind|from|to, everything sorted, the first
 * `limit` nodes kept with the edges among them. The service's assembly must answer exactly like it.
 */
function reference(
  root: string,
  direction: Direction,
  rows: TraceRow[],
  objectEdges: TraceEdgeRecord[],
  limit: number,
): TraceGraphRecord {
  const nodes = new Map<string, TraceNodeRecord>();
  for (const row of rows) nodes.set(row.key, { key: row.key, kind: row.kind, depth: row.depth });
  const edges = new Map<string, TraceEdgeRecord>();
  const addEdge = (edge: TraceEdgeRecord) => {
    const id = `${edge.kind}|${edge.from}|${edge.to}`;
    if (!edges.has(id)) edges.set(id, edge);
  };
  const addOrg = (id: string, depth: number) => {
    const known = nodes.get(id);
    if (!known || known.depth > depth) nodes.set(id, { key: id, kind: "ORGANIZATION", depth });
  };
  for (const edge of objectEdges) addEdge(edge);
  for (const row of rows) {
    if (direction === "UPSTREAM" && row.depth === 0) continue;
    for (const shipment of row.shipments) {
      if (!shipment.to) continue;
      addOrg(shipment.to, row.depth + 1);
      addEdge({ from: row.key, to: shipment.to, kind: "SHIPPED_TO" });
      if (direction === "UPSTREAM" && shipment.from) addOrg(shipment.from, row.depth + 1);
    }
  }
  const ordered = [...nodes.values()].sort((a, b) => a.depth - b.depth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const kept = ordered.slice(0, limit);
  const keys = new Set(kept.map((n) => n.key));
  return {
    root,
    nodes: kept,
    edges: [...edges.values()].filter((e) => keys.has(e.from) && keys.has(e.to)),
    truncated: ordered.length > limit,
  };
}

const KINDS: EdgeKind[] = ["TRANSFORMED_INTO", "IN_LOT", "CONTAINED_IN"];

/** A random trace answer as the repository returns it: rows by depth then key (or shuffled), edges among them. */
function randomCase(random: Random) {
  const objectCount = random.int(1, 40);
  const keys = random.distinctInts(objectCount, 0, 999).map((n) => `obj-${String(n).padStart(3, "0")}`);
  const orgIds = Array.from({ length: random.int(0, 6) }, (_, i) => `org-${i}`);
  // Now and then an organisation id that is also an object key, to reach the general path.
  if (random.chance(0.1) && keys[0]) orgIds.push(keys[0]);
  let rows: TraceRow[] = keys.map((key) => ({
    key,
    kind: random.pick(["LOT", "ITEM", "CONTAINER"] as const),
    depth: key === keys[0] ? 0 : random.int(1, 5),
    shipments: Array.from({ length: random.int(0, 3) }, () => ({
      to: random.chance(0.9) ? random.pick(orgIds.length ? orgIds : ["org-x"]) : null,
      from: random.chance(0.7) ? random.pick(orgIds.length ? orgIds : ["org-y"]) : null,
    })),
  }));
  rows.sort((a, b) => a.depth - b.depth || (a.key < b.key ? -1 : 1));
  if (random.chance(0.15)) rows = random.shuffle(rows);
  if (random.chance(0.05) && rows[1]) rows.push({ ...rows[1], depth: rows[1].depth + 1 });
  const edges: TraceEdgeRecord[] = Array.from({ length: random.int(0, 60) }, () => ({
    from: random.pick(keys),
    to: random.pick(keys),
    kind: random.pick(KINDS),
  }));
  return { root: keys[0] ?? "", rows, edges, limit: random.chance(0.3) ? random.int(1, objectCount + 5) : 100_000 };
}

describe("assembleTraceGraph", () => {
  it("answers 2,000 random traces exactly as the plain rule does, both directions, truncated or not", () => {
    const random = new Random(20261126);
    for (let i = 0; i < 2000; i++) {
      const { root, rows, edges, limit } = randomCase(random);
      for (const direction of ["DOWNSTREAM", "UPSTREAM"] as const) {
        expect(assembleTraceGraph(root, direction, rows, edges, limit)).toEqual(
          reference(root, direction, rows, edges, limit),
        );
      }
    }
  });

  it("keeps one edge per kind between two nodes, and an organisation at its nearest depth", () => {
    const rows: TraceRow[] = [
      { key: "a", kind: "LOT", depth: 0, shipments: [{ to: "o", from: null }] },
      {
        key: "b",
        kind: "ITEM",
        depth: 1,
        shipments: [
          { to: "o", from: null },
          { to: "o", from: "p" },
        ],
      },
    ];
    const edges: TraceEdgeRecord[] = [
      { from: "a", to: "b", kind: "IN_LOT" },
      { from: "a", to: "b", kind: "IN_LOT" },
      { from: "a", to: "b", kind: "CONTAINED_IN" },
    ];
    const graph = assembleTraceGraph("a", "DOWNSTREAM", rows, edges, 10);
    expect(graph.nodes).toEqual([
      { key: "a", kind: "LOT", depth: 0 },
      { key: "b", kind: "ITEM", depth: 1 },
      { key: "o", kind: "ORGANIZATION", depth: 1 },
    ]);
    expect(graph.edges).toEqual([
      { from: "a", to: "b", kind: "IN_LOT" },
      { from: "a", to: "b", kind: "CONTAINED_IN" },
      { from: "a", to: "o", kind: "SHIPPED_TO" },
      { from: "b", to: "o", kind: "SHIPPED_TO" },
    ]);
  });
});

/** The columns of `edges` by position in `nodes`, computed plainly (what compactEdges must hand out). */
function plainColumns(graph: TraceGraphRecord) {
  const at = (key: string) => graph.nodes.findIndex((n) => n.key === key);
  return {
    from: graph.edges.map((e) => at(e.from)),
    to: graph.edges.map((e) => at(e.to)),
    kind: graph.edges.map((e) => e.kind),
  };
}

describe("assembleTraceGraph from the rows' neighbours (a complete answer)", () => {
  it("answers 2,000 random traces as the plain rule over their neighbour edges, with the same compact columns", () => {
    const random = new Random(20261201);
    for (let i = 0; i < 2000; i++) {
      const { root, rows, limit } = randomCase(random);
      const keys = rows.map((r) => r.key);
      const withNext: TraceRow[] = rows.map((row) => ({
        ...row,
        // Neighbours in the answer, now and then one outside it or the same edge twice.
        next: Array.from({ length: random.int(0, 4) }, (): [string, string] => [
          random.pick(KINDS),
          random.chance(0.1) ? "outside" : random.pick(keys),
        ]),
      }));
      for (const direction of ["DOWNSTREAM", "UPSTREAM"] as const) {
        const graph = assembleTraceGraph(root, direction, withNext, null, limit);
        expect(graph).toEqual(reference(root, direction, withNext, edgesFromNeighbours(withNext, direction), limit));
        expect(compactEdges(graph.nodes, graph.edges)).toEqual(plainColumns(graph));
      }
    }
  });
});

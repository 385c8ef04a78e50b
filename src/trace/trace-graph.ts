import type { Direction } from "../graph/trace.queries.js";

export type NodeKind = "PRODUCT" | "LOT" | "ITEM" | "CONTAINER" | "CODE" | "ORGANIZATION";
export type TraceEdgeKind = "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN" | "SHIPPED_TO";

export interface TraceNodeRecord {
  key: string;
  kind: NodeKind;
  depth: number;
}
export interface TraceEdgeRecord {
  from: string;
  to: string;
  kind: TraceEdgeKind;
}
export interface TraceGraphRecord {
  root: string;
  nodes: TraceNodeRecord[];
  edges: TraceEdgeRecord[];
  truncated: boolean;
}

/** One object row of the trace query: the object, its minimal depth and its shipments. */
export interface TraceRow {
  key: string;
  kind: NodeKind;
  depth: number;
  shipments: { to: string | null; from: string | null }[];
}

/**
 * Assembles the answer from the query rows: objects by depth, the flow edges among them (always in flow direction,
 * whichever way we walked), and organisations per the contract: downstream, destinations of shipments of
 * the root or any object; upstream, senders and destinations of shipments of the objects above the root.
 */
export function assembleTraceGraph(
  root: string,
  direction: Direction,
  rows: TraceRow[],
  objectEdges: TraceEdgeRecord[],
  limit: number,
): TraceGraphRecord {
  const nodes = new Map<string, TraceNodeRecord>();
  for (const row of rows) nodes.set(row.key, { key: row.key, kind: row.kind, depth: row.depth });
  const edges = new Map<string, TraceEdgeRecord>();
  const addEdge = (edge: TraceEdgeRecord) => edges.set(`${edge.kind}|${edge.from}|${edge.to}`, edge);
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
  const ordered = [...nodes.values()].sort((a, b) => a.depth - b.depth || compare(a.key, b.key));
  const kept = ordered.slice(0, limit);
  const keptKeys = new Set(kept.map((n) => n.key));
  return {
    root,
    nodes: kept,
    edges: [...edges.values()].filter((e) => keptKeys.has(e.from) && keptKeys.has(e.to)),
    truncated: ordered.length > limit,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

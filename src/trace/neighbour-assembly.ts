import type { Direction } from "../graph/trace.queries.js";
import { rememberCompactEdges, type CompactEdges } from "./compact-edges.js";
import type { EdgeKind } from "./flow-kinds.js";
import type { TraceEdgeRecord, TraceGraphRecord, TraceNodeRecord, TraceRow } from "./trace-graph.js";
import { organisationDepths } from "./trace-organisations.js";

/** One bit per edge kind: the kinds already added between two nodes fit in a number. */
const KIND_BIT: Readonly<Record<EdgeKind, number>> = {
  TRANSFORMED_INTO: 1,
  IN_LOT: 2,
  CONTAINED_IN: 4,
  SHIPPED_TO: 8,
};

/** The flow edges among a complete answer, from each object's neighbours, always oriented in flow direction. */
export function edgesFromNeighbours(rows: readonly TraceRow[], direction: Direction): TraceEdgeRecord[] {
  const inAnswer = new Set(rows.map((r) => r.key));
  const edges: TraceEdgeRecord[] = [];
  for (const row of rows) {
    for (const [kind, other] of row.next ?? []) {
      if (!inAnswer.has(other)) continue;
      const edge = direction === "DOWNSTREAM" ? { from: row.key, to: other } : { from: other, to: row.key };
      edges.push({ ...edge, kind: kind as EdgeKind });
    }
  }
  return edges;
}

/**
 * The usual, complete trace assembled by position (the same answer as assembleTraceGraph over edgesFromNeighbours):
 * the rows come by depth then key with distinct keys, so each object's place in `nodes` is its row's place shifted by
 * the organisations merged in before it, and every edge is deduplicated and written as positions (the compact
 * columns, remembered for `compactEdges`) without a map keyed by long keys per edge. Null when the rows are anything
 * else (a key twice, out of order, an organisation id that is also an object key, more nodes than `limit`): the
 * general assembly answers those.
 */
export function assembleFromNeighbours(
  root: string,
  direction: Direction,
  rows: readonly TraceRow[],
  limit: number,
): TraceGraphRecord | null {
  const rowOf = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as TraceRow;
    if (rowOf.has(row.key)) return null;
    const previous = rows[i - 1];
    if (previous && (previous.depth > row.depth || (previous.depth === row.depth && previous.key > row.key))) {
      return null;
    }
    rowOf.set(row.key, i);
  }
  const orgDepth = organisationDepths(rows, direction);
  const orgs = [...orgDepth].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (orgs.some(([id]) => rowOf.has(id)) || rows.length + orgs.length > limit) return null;

  // Objects and organisations merged by depth then key; each row's and organisation's place in `nodes`.
  const nodes: TraceNodeRecord[] = [];
  const rowPosition = new Array<number>(rows.length);
  const orgPosition = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as TraceRow;
    for (; j < orgs.length; j++) {
      const [id, depth] = orgs[j] as [string, number];
      if (depth > row.depth || (depth === row.depth && id >= row.key)) break;
      orgPosition.set(id, nodes.length);
      nodes.push({ key: id, kind: "ORGANIZATION", depth });
    }
    rowPosition[i] = nodes.length;
    nodes.push({ key: row.key, kind: row.kind, depth: row.depth });
  }
  for (; j < orgs.length; j++) {
    const [id, depth] = orgs[j] as [string, number];
    orgPosition.set(id, nodes.length);
    nodes.push({ key: id, kind: "ORGANIZATION", depth });
  }

  // Edges once per (from, to, kind), in order of first appearance: the flow edges row by row, then the shipments.
  const seen = new Map<number, number>();
  const compact: CompactEdges = { from: [], to: [], kind: [] };
  const edges: TraceEdgeRecord[] = [];
  const add = (from: number, to: number, kind: EdgeKind) => {
    const pair = from * nodes.length + to;
    const kinds = seen.get(pair) ?? 0;
    const bit = KIND_BIT[kind];
    if (kinds & bit) return;
    seen.set(pair, kinds | bit);
    compact.from.push(from);
    compact.to.push(to);
    compact.kind.push(kind);
    edges.push({ from: (nodes[from] as TraceNodeRecord).key, to: (nodes[to] as TraceNodeRecord).key, kind });
  };
  const downstream = direction === "DOWNSTREAM";
  for (let i = 0; i < rows.length; i++) {
    const here = rowPosition[i] as number;
    for (const [kind, other] of (rows[i] as TraceRow).next ?? []) {
      const row = rowOf.get(other);
      if (row === undefined) continue;
      const there = rowPosition[row] as number;
      if (downstream) add(here, there, kind as EdgeKind);
      else add(there, here, kind as EdgeKind);
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as TraceRow;
    if (!downstream && row.depth === 0) continue;
    for (const shipment of row.shipments) {
      if (!shipment.to) continue;
      add(rowPosition[i] as number, orgPosition.get(shipment.to) as number, "SHIPPED_TO");
    }
  }
  rememberCompactEdges(nodes, edges, compact);
  return { root, nodes, edges, truncated: false };
}

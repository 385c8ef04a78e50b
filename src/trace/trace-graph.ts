import type { Direction } from "../graph/trace.queries.js";

import type { EdgeKind, NodeKind } from "./flow-kinds.js";
import { assembleFromNeighbours, edgesFromNeighbours } from "./neighbour-assembly.js";
import { organisationDepths } from "./trace-organisations.js";

export interface TraceNodeRecord {
  key: string;
  kind: NodeKind;
  depth: number;
}
export interface TraceEdgeRecord {
  from: string;
  to: string;
  kind: EdgeKind;
}
export interface TraceGraphRecord {
  root: string;
  nodes: TraceNodeRecord[];
  edges: TraceEdgeRecord[];
  truncated: boolean;
}

/**
 * One object row of the trace query: the object, its minimal depth, its shipments, and (a complete answer) its
 * neighbours in the walking direction as `[edge kind, key]`.
 */
export interface TraceRow {
  key: string;
  kind: NodeKind;
  depth: number;
  shipments: { to: string | null; from: string | null }[];
  next?: readonly (readonly [string, string])[] | null;
}

/** One bit per edge kind: the edges already added between two nodes fit in a number. */
const KIND_BIT: Readonly<Record<EdgeKind, number>> = {
  TRANSFORMED_INTO: 1,
  IN_LOT: 2,
  CONTAINED_IN: 4,
  SHIPPED_TO: 8,
};

/** Edges deduplicated by (from, to, kind) in order of first appearance, without building a string key per edge. */
class EdgeSet {
  readonly edges: TraceEdgeRecord[] = [];
  private readonly byFrom = new Map<string, Map<string, number>>();

  add(from: string, to: string, kind: EdgeKind): void {
    let targets = this.byFrom.get(from);
    if (!targets) {
      targets = new Map();
      this.byFrom.set(from, targets);
    }
    const kinds = targets.get(to) ?? 0;
    const bit = KIND_BIT[kind];
    if (kinds & bit) return;
    targets.set(to, kinds | bit);
    this.edges.push({ from, to, kind });
  }
}

/**
 * Assembles the answer from the query rows: objects by depth, the flow edges among them (always in flow direction,
 * whichever way we walked), and organisations per the contract: downstream, destinations of shipments of
 * the root or any object; upstream, senders and destinations of shipments of the objects above the root.
 * Nodes are ordered by depth, then key; only the first `limit` are kept, with the edges among them.
 * `objectEdges` null: the flow edges are the rows' neighbours (a complete answer; the usual one goes by position,
 * neighbour-assembly.ts).
 */
export function assembleTraceGraph(
  root: string,
  direction: Direction,
  rows: TraceRow[],
  objectEdges: TraceEdgeRecord[] | null,
  limit: number,
): TraceGraphRecord {
  if (objectEdges === null) {
    return (
      assembleFromNeighbours(root, direction, rows, limit) ??
      assembleTraceGraph(root, direction, rows, edgesFromNeighbours(rows, direction), limit)
    );
  }
  const edges = new EdgeSet();
  for (const edge of objectEdges) edges.add(edge.from, edge.to, edge.kind);
  const orgDepth = organisationDepths(rows, direction);
  for (const row of rows) {
    if (direction === "UPSTREAM" && row.depth === 0) continue;
    for (const shipment of row.shipments) if (shipment.to) edges.add(row.key, shipment.to, "SHIPPED_TO");
  }
  const ordered = orderedNodes(rows, orgDepth);
  const kept = ordered.length > limit ? ordered.slice(0, limit) : ordered;
  let keptEdges = edges.edges;
  if (kept !== ordered) {
    const keptKeys = new Set(kept.map((n) => n.key));
    keptEdges = keptEdges.filter((e) => keptKeys.has(e.from) && keptKeys.has(e.to));
  }
  return { root, nodes: kept, edges: keptEdges, truncated: ordered.length > limit };
}

/**
 * Objects and organisations by depth, then key. The query returns objects in that order already, so they are only
 * checked and merged with the (few) sorted organisations; anything unusual (a key twice, an organisation id that is
 * also an object key, rows out of order) takes the general path: a map by key keeping the smallest depth, sorted.
 */
function orderedNodes(rows: readonly TraceRow[], orgDepth: ReadonlyMap<string, number>): TraceNodeRecord[] {
  const objects = rows.map((row): TraceNodeRecord => ({ key: row.key, kind: row.kind, depth: row.depth }));
  const orgs = [...orgDepth].map(([key, depth]): TraceNodeRecord => ({ key, kind: "ORGANIZATION", depth }));
  const keys = new Set(objects.map((o) => o.key));
  if (keys.size !== objects.length || orgs.some((o) => keys.has(o.key)) || !isOrdered(objects)) {
    return generalOrder(objects, orgs);
  }
  orgs.sort(byDepthThenKey);
  const merged: TraceNodeRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < objects.length || j < orgs.length) {
    const object = objects[i];
    const org = orgs[j];
    if (org === undefined || (object !== undefined && byDepthThenKey(object, org) <= 0)) {
      merged.push(object as TraceNodeRecord);
      i += 1;
    } else {
      merged.push(org);
      j += 1;
    }
  }
  return merged;
}

/** Objects first (a later row replaces an earlier one), then organisations where they are nearer; sorted. */
function generalOrder(objects: readonly TraceNodeRecord[], orgs: readonly TraceNodeRecord[]): TraceNodeRecord[] {
  const nodes = new Map<string, TraceNodeRecord>();
  for (const object of objects) nodes.set(object.key, object);
  for (const org of orgs) {
    const known = nodes.get(org.key);
    if (!known || known.depth > org.depth) nodes.set(org.key, org);
  }
  return [...nodes.values()].sort(byDepthThenKey);
}

function isOrdered(nodes: readonly TraceNodeRecord[]): boolean {
  for (let i = 1; i < nodes.length; i++) {
    if (byDepthThenKey(nodes[i - 1] as TraceNodeRecord, nodes[i] as TraceNodeRecord) > 0) return false;
  }
  return true;
}

function byDepthThenKey(a: TraceNodeRecord, b: TraceNodeRecord): number {
  return a.depth - b.depth || compare(a.key, b.key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

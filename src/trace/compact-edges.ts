import type { EdgeKind } from "./flow-kinds.js";
import type { TraceEdgeRecord, TraceNodeRecord } from "./trace-graph.js";

/**
 * A trace's edges by position in its `nodes` list, as three columns: edge i goes from `nodes[from[i]]` to
 * `nodes[to[i]]` and is of kind `kind[i]`, in the order of `edges`. A large answer's edges are most of its bytes
 * (46,521 edges of two 50-character keys each against 9,815 nodes in the bench's large trace); as positions they
 * are a few digits each, so the answer is serialised, sent and parsed in a fraction of the time.
 */
export interface CompactEdges {
  from: number[];
  to: number[];
  kind: EdgeKind[];
}

/** Columns the assembly wrote as it went (neighbour-assembly.ts), by the edge list they encode. */
const remembered = new WeakMap<
  readonly TraceEdgeRecord[],
  { nodes: readonly TraceNodeRecord[]; columns: CompactEdges }
>();

/** The columns of `edges` over `nodes`, built beside them: compactEdges hands them out instead of building them again. */
export function rememberCompactEdges(
  nodes: readonly TraceNodeRecord[],
  edges: readonly TraceEdgeRecord[],
  columns: CompactEdges,
): void {
  remembered.set(edges, { nodes, columns });
}

/** Every edge of an answer joins two of its nodes (assembly and grouping keep it so); anything else is a bug. */
export function compactEdges(nodes: readonly TraceNodeRecord[], edges: readonly TraceEdgeRecord[]): CompactEdges {
  const known = remembered.get(edges);
  if (known && known.nodes === nodes) return known.columns;
  const position = new Map<string, number>();
  nodes.forEach((node, i) => position.set(node.key, i));
  const from = new Array<number>(edges.length);
  const to = new Array<number>(edges.length);
  const kind = new Array<EdgeKind>(edges.length);
  edges.forEach((edge, i) => {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    if (a === undefined || b === undefined) {
      throw new Error(`trace edge ${edge.from} -> ${edge.to} joins a node outside the answer`);
    }
    from[i] = a;
    to[i] = b;
    kind[i] = edge.kind;
  });
  return { from, to, kind };
}

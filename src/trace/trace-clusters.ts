import type { Direction } from "../graph/trace.queries.js";
import type { EdgeKind, NodeKind } from "./flow-kinds.js";
import type { TraceEdgeRecord, TraceGraphRecord, TraceNodeRecord } from "./trace-graph.js";

/** A large fan-out drawn as one node ("+N 件"): the children one parent reaches by one kind of edge. */
export interface TraceClusterRecord {
  /** `parent|edgeKind`: what a caller names in `expand` to open it. */
  id: string;
  parent: string;
  edgeKind: EdgeKind;
  /** The kind of its members (the most common one when mixed). */
  memberKind: NodeKind;
  /** Members left out of the answer. */
  count: number;
  /** The members' depth. */
  depth: number;
}

export interface GroupedTraceRecord extends TraceGraphRecord {
  clusters: TraceClusterRecord[];
  /** Nodes left out: the clusters' members and whatever was reachable only through them. */
  hiddenCount: number;
}

export interface GroupOptions {
  direction: Direction;
  /** A parent's children by one edge kind are grouped when there are more than this. */
  groupAbove: number;
  /** Cluster ids to leave open. */
  expand: ReadonlySet<string>;
}

export function clusterId(parent: string, edgeKind: EdgeKind): string {
  return `${parent}|${edgeKind}`;
}

/** No grouping asked for: the answer as it is. */
export function ungrouped(graph: TraceGraphRecord): GroupedTraceRecord {
  return { ...graph, clusters: [], hiddenCount: 0 };
}

/**
 * Groups the large fan-outs of a trace so that a browser receives only what it draws. A child belongs to its parent's
 * group when it is one step further from the root (a tree edge in the walking direction); a group of more than
 * `groupAbove` children, not named in `expand`, becomes a cluster: its members are left out, and so is everything
 * reachable from the root only through them. A member still reachable another way stays and is not counted.
 */
export function groupTrace(graph: TraceGraphRecord, options: GroupOptions): GroupedTraceRecord {
  const depthOf = new Map<string, number>(graph.nodes.map((n) => [n.key, n.depth]));
  const kindOf = new Map<string, NodeKind>(graph.nodes.map((n) => [n.key, n.kind]));
  const downstream = options.direction === "DOWNSTREAM";
  // Parent first: against the flow upstream, except a shipment, whose organisation always hangs off its object.
  const walk = (e: TraceEdgeRecord): [string, string] =>
    downstream || e.kind === "SHIPPED_TO" ? [e.from, e.to] : [e.to, e.from];

  const groups = new Map<string, { parent: string; kind: EdgeKind; members: string[] }>();
  for (const edge of graph.edges) {
    const [parent, child] = walk(edge);
    if (depthOf.get(child) !== (depthOf.get(parent) ?? -2) + 1) continue;
    const id = clusterId(parent, edge.kind);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { parent, kind: edge.kind, members: [] }));
    group.members.push(child);
  }
  const collapsed = [...groups.entries()].filter(
    ([id, g]) => g.members.length > options.groupAbove && !options.expand.has(id),
  );
  if (collapsed.length === 0) return ungrouped(graph);

  const cut = new Set<string>();
  for (const [, g] of collapsed) for (const m of g.members) cut.add(`${g.parent}\u0000${g.kind}\u0000${m}`);
  const visible = reachable(graph, walk, (parent, kind, child) => cut.has(`${parent}\u0000${kind}\u0000${child}`));

  const clusters: TraceClusterRecord[] = [];
  for (const [id, g] of collapsed) {
    if (!visible.has(g.parent)) continue;
    const hidden = g.members.filter((m) => !visible.has(m));
    if (hidden.length === 0) continue;
    clusters.push({
      id,
      parent: g.parent,
      edgeKind: g.kind,
      memberKind: mostCommon(hidden.map((m) => kindOf.get(m) ?? "ITEM")),
      count: hidden.length,
      depth: (depthOf.get(g.parent) ?? 0) + 1,
    });
  }
  const nodes: TraceNodeRecord[] = graph.nodes.filter((n) => visible.has(n.key));
  const edges = graph.edges.filter((e) => visible.has(e.from) && visible.has(e.to));
  return { ...graph, nodes, edges, clusters, hiddenCount: graph.nodes.length - nodes.length };
}

/** The nodes reachable from the root in the walking direction without crossing a cut edge. */
function reachable(
  graph: TraceGraphRecord,
  walk: (e: TraceEdgeRecord) => [string, string],
  isCut: (parent: string, kind: EdgeKind, child: string) => boolean,
): Set<string> {
  const next = new Map<string, string[]>();
  const touched = new Set<string>();
  for (const edge of graph.edges) {
    touched.add(edge.from);
    touched.add(edge.to);
    const [parent, child] = walk(edge);
    if (isCut(parent, edge.kind, child)) continue;
    const list = next.get(parent);
    if (list) list.push(child);
    else next.set(parent, [child]);
  }
  const seen = new Set<string>([graph.root]);
  const queue = [graph.root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of next.get(queue[i] as string) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  // Nodes the answer holds that are not reachable by its own edges (senders named upstream): kept as they were.
  for (const node of graph.nodes) if (!touched.has(node.key)) seen.add(node.key);
  return seen;
}

function mostCommon(kinds: NodeKind[]): NodeKind {
  const counts = new Map<NodeKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "ITEM";
}

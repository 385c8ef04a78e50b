import { gql } from "../api";
import { shortLabel } from "./labels";
import type { ViewGraph, ViewNode } from "./model";

export type Direction = "downstream" | "upstream";

export interface TraceAnswer {
  root: string;
  truncated: boolean;
  hiddenCount: number;
  nodes: {
    key: string;
    kind: string;
    depth: number;
    organization: { name: string | null; regionCode: string | null } | null;
  }[];
  edges: { from: string; to: string; kind: string }[];
  clusters: { id: string; parent: string; edgeKind: string; memberKind: string; count: number; depth: number }[];
}

export interface TraceParams {
  code: string;
  direction: Direction;
  depth: number;
  /** Nodes at most (the API's `limit`). */
  limit: number;
  groupAbove: number | null;
  expand: string[];
  asOf: string | null;
}

/** The two trace fields: the query text is fixed per direction, never assembled from input. */
const QUERIES: Record<Direction, string> = {
  downstream: traceQuery("downstream"),
  upstream: traceQuery("upstream"),
};

function traceQuery(field: Direction): string {
  return `query Trace($code: String!, $depth: Int!, $limit: Int!, $groupAbove: Int, $expand: [String!], $asOf: DateTime) {
  trace: ${field}(code: $code, maxDepth: $depth, limit: $limit, groupAbove: $groupAbove, expand: $expand, asOf: $asOf) {
    root truncated hiddenCount
    nodes { key kind depth organization { name regionCode } }
    edges { from to kind }
    clusters { id parent edgeKind memberKind count depth }
  }
}`;
}

export async function fetchTrace(params: TraceParams): Promise<TraceAnswer> {
  const data = await gql<{ trace: TraceAnswer }>(QUERIES[params.direction], {
    code: params.code,
    depth: params.depth,
    limit: params.limit,
    groupAbove: params.groupAbove,
    expand: params.expand,
    asOf: params.asOf,
  });
  return data.trace;
}

/** The answer as drawn: objects, organisations by name, and one "+N" node per cluster hanging off its parent. */
export function toViewGraph(answer: TraceAnswer, clusterLabel: (n: number) => string, direction: Direction): ViewGraph {
  const nodes: ViewNode[] = answer.nodes.map((n) => ({
    id: n.key,
    kind: n.kind,
    depth: n.depth,
    label: n.organization?.name ?? shortLabel(n.key),
    name: n.organization?.name ?? null,
    region: n.organization?.regionCode ?? null,
  }));
  const edges = answer.edges.map((e, i) => ({ id: `e${i}`, source: e.from, target: e.to, kind: e.kind }));
  for (const c of answer.clusters) {
    const id = `cluster:${c.id}`;
    nodes.push({
      id,
      kind: c.memberKind,
      depth: c.depth,
      label: clusterLabel(c.count),
      cluster: { id: c.id, count: c.count, parent: c.parent, edgeKind: c.edgeKind },
    });
    // Drawn in flow direction, like every other edge.
    const forward = direction === "downstream" || c.edgeKind === "SHIPPED_TO";
    edges.push({
      id: `ce:${c.id}`,
      source: forward ? c.parent : id,
      target: forward ? id : c.parent,
      kind: c.edgeKind,
    });
  }
  return { nodes, edges };
}

/** What the graph and the table both show: one list of nodes and edges, so they always agree. */
export interface ViewNode {
  id: string;
  kind: string;
  depth: number;
  label: string;
  /** A cluster ("+N 件"): its id to open, and how many it holds. */
  cluster?: { id: string; count: number; parent: string; edgeKind: string };
  highlight?: boolean;
  name?: string | null;
  region?: string | null;
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  highlight?: boolean;
}

export interface ViewGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

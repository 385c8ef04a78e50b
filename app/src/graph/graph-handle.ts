import type { ViewGraph } from "./model";

/** What a view can ask of a drawn graph, whichever renderer draws it. */
export interface GraphHandle {
  png(): Promise<Blob | null>;
  /** The graph as drawn, as a standalone SVG document. */
  svg(): string | null;
  fit(): void;
}

export interface GraphProps {
  graph: ViewGraph;
  onNode?: (id: string) => void;
  onEdge?: (id: string) => void;
  onCluster?: (clusterId: string) => void;
  testId?: string;
}

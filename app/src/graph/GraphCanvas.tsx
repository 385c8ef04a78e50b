import { forwardRef } from "react";
import { CytoscapeCanvas } from "./CytoscapeCanvas";
import type { GraphHandle, GraphProps } from "./graph-handle";
import { LargeGraphCanvas } from "./LargeGraphCanvas";

export type { GraphHandle } from "./graph-handle";

/**
 * Above this many nodes a trace is drawn on the plain canvas (layout by depth, linear time); up to it, by cytoscape.js
 * with dagre (arrows, curved edges, labels). Cytoscape's per-element bookkeeping and dagre's layout take seconds from
 * a few thousand nodes on, and the goal is 5,000 nodes interactive in under 1.5 s (issue 17).
 */
export const LARGE_GRAPH_FROM = 1000;

/** A trace's graph: the renderer is picked by its size; both answer the same handle and set the same attributes. */
export const GraphCanvas = forwardRef<GraphHandle, GraphProps>(function GraphCanvas(props, ref) {
  return props.graph.nodes.length > LARGE_GRAPH_FROM ? (
    <LargeGraphCanvas ref={ref} {...props} />
  ) : (
    <CytoscapeCanvas ref={ref} {...props} />
  );
});

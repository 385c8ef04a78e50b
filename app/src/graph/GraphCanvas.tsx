import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import dagre from "cytoscape-dagre";
import { KIND_COLORS } from "./labels";
import type { ViewGraph } from "./model";

cytoscape.use(dagre);

/** Above this many nodes the layout is computed from depth alone (linear time) instead of dagre's. */
const DAGRE_LIMIT = 1500;

export interface GraphHandle {
  png(): Promise<Blob | null>;
  fit(): void;
}

interface Props {
  graph: ViewGraph;
  onNode?: (id: string) => void;
  onEdge?: (id: string) => void;
  onCluster?: (clusterId: string) => void;
  testId?: string;
}

/**
 * A layered genealogy flowing left to right (cytoscape.js with dagre). The container carries `data-node-count` and
 * `data-ready` so tests and benchmarks read what is drawn, and `performance` marks `graph:drawn` once it is laid out.
 */
export const GraphCanvas = forwardRef<GraphHandle, Props>(function GraphCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  useImperativeHandle(ref, () => ({
    async png() {
      if (!cy.current) return null;
      return cy.current.png({ output: "blob-promise", full: true, bg: "#ffffff", scale: 2 });
    },
    fit() {
      cy.current?.fit(undefined, 24);
    },
  }));

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    performance.mark("graph:start");
    element.dataset.ready = "false";
    const big = props.graph.nodes.length > DAGRE_LIMIT;
    const instance = cytoscape({
      container: element,
      elements: toElements(props.graph, big),
      style: big ? [...STYLE, ...BIG_STYLE] : STYLE,
      minZoom: 0.02,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      hideLabelsOnViewport: big,
      pixelRatio: big ? 1 : "auto",
      motionBlur: false,
      layout: big
        ? { name: "preset", fit: true, padding: 24 }
        : ({
            name: "dagre",
            rankDir: "LR",
            nodeSep: 12,
            rankSep: 90,
            edgeSep: 6,
            fit: true,
            padding: 24,
          } as cytoscape.LayoutOptions),
    });
    cy.current = instance;
    instance.on("tap", "node", (event) => {
      const data = event.target.data() as { id: string; clusterId?: string };
      if (data.clusterId) handlers.current.onCluster?.(data.clusterId);
      else handlers.current.onNode?.(data.id);
    });
    instance.on("tap", "edge", (event) => handlers.current.onEdge?.(event.target.id() as string));
    const ready = () => {
      element.dataset.nodeCount = String(instance.nodes().length);
      element.dataset.edgeCount = String(instance.edges().length);
      element.dataset.highlighted = String(instance.nodes(".highlight").length);
      element.dataset.ready = "true";
      performance.mark("graph:drawn");
      performance.measure("graph:draw", "graph:start", "graph:drawn");
    };
    // A small graph is not blown up to fill the canvas.
    instance.one("layoutstop", () => {
      if (instance.zoom() > 1.3) {
        instance.zoom(1.3);
        instance.center();
      }
    });
    // Drawn and interactive: after the renderer's next frame.
    instance.ready(() => requestAnimationFrame(() => ready()));
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [props.graph]);

  return <div className="graph" ref={container} data-testid={props.testId ?? "graph"} />;
});

function toElements(graph: ViewGraph, preset: boolean): ElementDefinition[] {
  const positions = preset ? layeredPositions(graph) : null;
  const nodes: ElementDefinition[] = graph.nodes.map((n, i) => ({
    group: "nodes",
    data: {
      id: n.id,
      label: n.label,
      color: KIND_COLORS[n.cluster ? "CLUSTER" : n.kind] ?? "#64748b",
      ...(n.cluster ? { clusterId: n.cluster.id } : {}),
    },
    classes: [n.cluster ? "cluster" : "", n.highlight ? "highlight" : "", n.kind === "ORGANIZATION" ? "org" : ""]
      .filter(Boolean)
      .join(" "),
    ...(positions ? { position: positions[i] } : {}),
  }));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges: ElementDefinition[] = graph.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({
      group: "edges",
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind },
      classes: e.highlight ? "highlight" : "",
    }));
  return [...nodes, ...edges];
}

/** Rows per sub-column of one depth in a large graph: a 5,000-item lot is a block, not a column 5,000 high. */
const ROWS = 120;

/**
 * Positions for a large graph in linear time: one band per depth, left to right, each band filled column by column
 * with `ROWS` nodes per column, centred vertically.
 */
function layeredPositions(graph: ViewGraph): { x: number; y: number }[] {
  const counts = new Map<number, number>();
  for (const n of graph.nodes) counts.set(n.depth, (counts.get(n.depth) ?? 0) + 1);
  const depths = [...counts.keys()].sort((a, b) => a - b);
  const offset = new Map<number, number>();
  let x = 0;
  for (const depth of depths) {
    offset.set(depth, x);
    x += Math.ceil((counts.get(depth) ?? 0) / ROWS) * 26 + 160;
  }
  const seen = new Map<number, number>();
  return graph.nodes.map((n) => {
    const i = seen.get(n.depth) ?? 0;
    seen.set(n.depth, i + 1);
    const rows = Math.min(ROWS, counts.get(n.depth) ?? 1);
    return { x: (offset.get(n.depth) ?? 0) + Math.floor(i / ROWS) * 26, y: ((i % ROWS) - rows / 2) * 22 };
  });
}

/** Large graphs: no labels (details on click), straight edges without arrows, small nodes. */
const BIG_STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { label: "", width: 12, height: 12 } },
  { selector: "node.cluster, node.org", style: { label: "data(label)" } },
  {
    selector: "edge",
    style: { "curve-style": "haystack", "haystack-radius": 0, width: 0.6, "target-arrow-shape": "none" },
  },
];

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(color)",
      label: "data(label)",
      "font-size": 10,
      color: "#1f2937",
      "text-valign": "bottom",
      "text-margin-y": 3,
      width: 18,
      height: 18,
      "text-max-width": "140px",
      "text-wrap": "ellipsis",
      "min-zoomed-font-size": 7,
    },
  },
  { selector: "node.org", style: { shape: "round-rectangle", width: 22 } },
  {
    selector: "node.cluster",
    style: {
      shape: "round-rectangle",
      width: 64,
      height: 26,
      "text-valign": "center",
      "text-margin-y": 0,
      color: "#ffffff",
      "font-weight": "bold",
      "font-size": 11,
    },
  },
  { selector: "node.highlight", style: { "border-width": 4, "border-color": "#dc2626" } },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#f59e0b" } },
  {
    selector: "edge",
    style: {
      width: 1.2,
      "line-color": "#94a3b8",
      "target-arrow-color": "#94a3b8",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.7,
      "curve-style": "bezier",
    },
  },
  { selector: "edge[kind = 'SHIPPED_TO']", style: { "line-style": "dashed" } },
  {
    selector: "edge.highlight",
    style: { width: 3, "line-color": "#dc2626", "target-arrow-color": "#dc2626", "z-index": 10 },
  },
];

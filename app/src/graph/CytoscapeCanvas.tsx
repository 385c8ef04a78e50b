import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import dagre from "cytoscape-dagre";
import type { GraphHandle, GraphProps } from "./graph-handle";
import type { ViewGraph } from "./model";
import { graphSvg, nodeColor } from "./svg-export";

cytoscape.use(dagre);

/** Labels are 10 px at zoom 1: fitting a few nodes to a wide canvas stops here. */
const MAX_FIT_ZOOM = 1.3;

/**
 * A layered genealogy flowing left to right (cytoscape.js with dagre), for graphs up to a few thousand nodes. The
 * container carries `data-node-count` and `data-ready` so tests and benchmarks read what is drawn, and `performance`
 * marks `graph:drawn` once it is laid out.
 */
export const CytoscapeCanvas = forwardRef<GraphHandle, GraphProps>(function CytoscapeCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  useImperativeHandle(ref, () => ({
    async png() {
      if (!cy.current) return null;
      return cy.current.png({ output: "blob-promise", full: true, bg: "#ffffff", scale: 2 });
    },
    svg() {
      const instance = cy.current;
      if (!instance) return null;
      return graphSvg(props.graph, (_, node) => {
        const element = instance.getElementById(node.id);
        return element.nonempty() ? element.position() : undefined;
      });
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
    const instance = cytoscape({
      container: element,
      elements: toElements(props.graph),
      style: STYLE,
      minZoom: 0.02,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      motionBlur: false,
      layout: {
        name: "dagre",
        rankDir: "LR",
        // Labels sit under their nodes and may be 140 px wide: ranks far enough apart that they do not run together.
        nodeSep: 24,
        rankSep: 150,
        edgeSep: 6,
        fit: true,
        padding: 24,
      } as cytoscape.LayoutOptions,
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
    // Drawn and interactive: after the renderer's next frame. A small graph is not blown up to fill the canvas (the
    // initial layout runs inside the constructor, so its own "layoutstop" has passed by the time a listener could
    // be added: the zoom is capped here).
    instance.ready(() => {
      if (instance.zoom() > MAX_FIT_ZOOM) {
        instance.zoom(MAX_FIT_ZOOM);
        instance.center();
      }
      requestAnimationFrame(() => ready());
    });
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [props.graph]);

  return <div className="graph" ref={container} data-testid={props.testId ?? "graph"} />;
});

function toElements(graph: ViewGraph): ElementDefinition[] {
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: "nodes",
    data: {
      id: n.id,
      label: n.label,
      color: nodeColor(n),
      ...(n.cluster ? { clusterId: n.cluster.id } : {}),
    },
    classes: [n.cluster ? "cluster" : "", n.highlight ? "highlight" : "", n.kind === "ORGANIZATION" ? "org" : ""]
      .filter(Boolean)
      .join(" "),
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

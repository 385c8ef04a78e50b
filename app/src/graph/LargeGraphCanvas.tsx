import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { GraphHandle, GraphProps } from "./graph-handle";
import { layeredPositions } from "./layered-layout";
import { LargeGraphRenderer } from "./large-renderer";
import { graphSvg } from "./svg-export";

/** What tests read from the container: where a node is drawn (the large graph has no cytoscape instance). */
export interface LargeGraphProbe {
  renderedPosition(id: string): { x: number; y: number } | null;
}

/** Pointer travel (CSS pixels) under which a press is a tap, not a drag. */
const TAP_SLOP = 5;

/**
 * A large trace (thousands of nodes) on a plain 2D canvas: laid out by depth in linear time, drawn in batches, panned
 * by dragging, zoomed by the wheel or a pinch, a tap opens a node's details or a "+N" cluster. The container carries
 * the same `data-*` attributes and `graph:drawn` mark as the cytoscape view.
 */
export const LargeGraphCanvas = forwardRef<GraphHandle, GraphProps>(function LargeGraphCanvas(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<LargeGraphRenderer | null>(null);
  const handlers = useRef(props);
  handlers.current = props;

  useImperativeHandle(ref, () => ({
    async png() {
      return renderer.current ? renderer.current.png() : null;
    },
    svg() {
      const r = renderer.current;
      if (!r) return null;
      const positions = r.positions();
      return graphSvg(props.graph, (i) => positions[i]);
    },
    fit() {
      renderer.current?.fit();
      renderer.current?.request();
    },
  }));

  useEffect(() => {
    const element = container.current;
    const surface = canvas.current;
    if (!element || !surface) return;
    performance.mark("graph:start");
    element.dataset.ready = "false";
    const graph = props.graph;
    const r = new LargeGraphRenderer(surface, graph, layeredPositions(graph));
    renderer.current = r;
    const ids = new Map(graph.nodes.map((n, i) => [n.id, i]));
    (element as unknown as { tracegraphGraph?: LargeGraphProbe }).tracegraphGraph = {
      renderedPosition: (id) => {
        const i = ids.get(id);
        return i === undefined ? null : r.renderedPosition(i);
      },
    };
    r.resize();
    r.fit();
    r.draw();
    let frame = requestAnimationFrame(() => {
      element.dataset.nodeCount = String(graph.nodes.length);
      element.dataset.edgeCount = String(r.edgeCount);
      element.dataset.highlighted = String(graph.nodes.filter((n) => n.highlight).length);
      element.dataset.ready = "true";
      performance.mark("graph:drawn");
      performance.measure("graph:draw", "graph:start", "graph:drawn");
    });

    // Pointers: one drags, two pinch; a press that barely moved is a tap.
    const pointers = new Map<number, { x: number; y: number }>();
    let travelled = 0;
    const local = (event: PointerEvent | WheelEvent) => {
      const box = surface.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    };
    const down = (event: PointerEvent) => {
      surface.setPointerCapture(event.pointerId);
      pointers.set(event.pointerId, local(event));
      if (pointers.size === 1) travelled = 0;
    };
    const move = (event: PointerEvent) => {
      const previous = pointers.get(event.pointerId);
      if (!previous) return;
      const now = local(event);
      if (pointers.size === 1) {
        travelled += Math.abs(now.x - previous.x) + Math.abs(now.y - previous.y);
        r.panBy(now.x - previous.x, now.y - previous.y);
      } else if (pointers.size === 2) {
        const other = [...pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
        if (other) {
          const before = Math.hypot(previous.x - other.x, previous.y - other.y);
          const after = Math.hypot(now.x - other.x, now.y - other.y);
          if (before > 0) r.zoomAt((now.x + other.x) / 2, (now.y + other.y) / 2, after / before);
        }
        travelled += TAP_SLOP;
      }
      pointers.set(event.pointerId, now);
    };
    const up = (event: PointerEvent) => {
      const wasTap = pointers.size === 1 && travelled < TAP_SLOP;
      pointers.delete(event.pointerId);
      if (!wasTap) return;
      const at = local(event);
      const hit = r.hit(at.x, at.y);
      if (hit && "node" in hit) {
        const node = graph.nodes[hit.node];
        r.selected = hit.node;
        r.draw();
        if (node?.cluster) handlers.current.onCluster?.(node.cluster.id);
        else if (node) handlers.current.onNode?.(node.id);
      } else if (hit) handlers.current.onEdge?.(r.edgeId(hit.edge));
    };
    const wheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = local(event);
      r.zoomAt(at.x, at.y, Math.exp(-event.deltaY * 0.0015));
    };
    let size = `${surface.clientWidth}x${surface.clientHeight}`;
    const resized = new ResizeObserver(() => {
      const now = `${surface.clientWidth}x${surface.clientHeight}`;
      if (now === size) return;
      size = now;
      r.refit();
      r.draw();
    });
    surface.addEventListener("pointerdown", down);
    surface.addEventListener("pointermove", move);
    surface.addEventListener("pointerup", up);
    surface.addEventListener("pointercancel", up);
    surface.addEventListener("wheel", wheel, { passive: false });
    resized.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      frame = 0;
      resized.disconnect();
      surface.removeEventListener("pointerdown", down);
      surface.removeEventListener("pointermove", move);
      surface.removeEventListener("pointerup", up);
      surface.removeEventListener("pointercancel", up);
      surface.removeEventListener("wheel", wheel);
      r.destroy();
      renderer.current = null;
    };
  }, [props.graph]);

  return (
    <div className="graph large" ref={container} data-testid={props.testId ?? "graph"} data-renderer="canvas">
      <canvas ref={canvas} />
    </div>
  );
});

import type { ViewGraph } from "./model";
import type { Point } from "./layered-layout";
import { nodeBox, nodeColor } from "./svg-export";

/** A tap on the canvas: a node's index, an edge's index, or nothing. */
export type Hit = { node: number } | { edge: number } | null;

/** Milliseconds without input after which a moving view is drawn afresh (until then the last frame is moved). */
const SETTLE_MS = 140;
/** Labels of plain objects only when this few are on screen and they are this large. */
const LABELS_AT_MOST = 400;
const LABELS_FROM_SCALE = 0.8;
/** A node with more edges than this on one side is drawn as a fan (one polygon) when nodes are tiny on screen. */
const FAN_FROM = 64;

/**
 * A 2D-canvas renderer for large traces (thousands to tens of thousands of nodes), where cytoscape.js spends seconds
 * on bookkeeping per element (its edge bookkeeping is quadratic in a node's degree: a lot with 20,000 items is one
 * node with 20,000 edges). Positions come precomputed; nodes are batched by colour into one path each and edges into
 * one path, culled to the viewport. While the view moves (drag, wheel, pinch) the last full frame is moved and scaled
 * as a bitmap, which costs one image copy per frame whatever the graph's size; once input stops it is drawn afresh.
 */
export class LargeGraphRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly snapshot: HTMLCanvasElement;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly src: Int32Array;
  private readonly tgt: Int32Array;
  private readonly byColor: Map<string, number[]>;
  private readonly labelled: number[];
  private readonly highlighted: number[];
  private readonly edgeIds: string[];
  private readonly edgeHighlight: boolean[];
  private readonly canvas: HTMLCanvasElement;
  private readonly graph: ViewGraph;
  /** Fans: a hub node and the other ends of its many plain edges (see `fans`). */
  private readonly fans: { hub: number; ends: number[] }[];
  /** 1 for an edge drawn as part of a fan. */
  private readonly fanned: Uint8Array;
  private scale = 1;
  private tx = 0;
  private ty = 0;
  /** The transform the snapshot was drawn at. */
  private shot: { scale: number; tx: number; ty: number } | null = null;
  private width = 0;
  private height = 0;
  private ratio = 1;
  private frame = 0;
  private lastInput = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  selected = -1;
  /** Whether a person has panned or zoomed since the last fit (a resize then keeps their view's centre). */
  private userMoved = false;

  constructor(canvas: HTMLCanvasElement, graph: ViewGraph, positions: Point[]) {
    this.canvas = canvas;
    this.graph = graph;
    const ctx = canvas.getContext("2d", { alpha: false });
    if (!ctx) throw new Error("no 2D canvas");
    this.ctx = ctx;
    this.snapshot = document.createElement("canvas");
    const n = graph.nodes.length;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    const index = new Map<string, number>();
    this.byColor = new Map();
    this.labelled = [];
    this.highlighted = [];
    graph.nodes.forEach((node, i) => {
      const p = positions[i] ?? { x: 0, y: 0 };
      this.xs[i] = p.x;
      this.ys[i] = p.y;
      index.set(node.id, i);
      // The trace's root, organisations and clusters are few: drawn as boxes with their labels at every zoom.
      if (node.cluster || node.kind === "ORGANIZATION" || node.depth === 0) this.labelled.push(i);
      else {
        const color = nodeColor(node);
        const list = this.byColor.get(color) ?? [];
        list.push(i);
        this.byColor.set(color, list);
      }
      if (node.highlight) this.highlighted.push(i);
    });
    const edges = graph.edges.filter((e) => index.has(e.source) && index.has(e.target));
    this.src = Int32Array.from(edges, (e) => index.get(e.source) as number);
    this.tgt = Int32Array.from(edges, (e) => index.get(e.target) as number);
    this.edgeIds = edges.map((e) => e.id);
    this.edgeHighlight = edges.map((e) => Boolean(e.highlight));
    this.fanned = new Uint8Array(this.src.length);
    this.fans = fans(this.src, this.tgt, n, this.edgeHighlight, this.fanned);
  }

  get edgeCount(): number {
    return this.src.length;
  }

  edgeId(i: number): string {
    return this.edgeIds[i] ?? "";
  }

  /** After the box changed size: the whole graph again if it was fitted, else the same point in the middle. */
  refit(): void {
    const middle = { x: (this.width / 2 - this.tx) / this.scale, y: (this.height / 2 - this.ty) / this.scale };
    this.resize();
    if (!this.userMoved) return this.fit();
    this.tx = this.width / 2 - middle.x * this.scale;
    this.ty = this.height / 2 - middle.y * this.scale;
  }

  /** Matches the canvas to its box (CSS pixels × device pixels, at most 2). */
  resize(): void {
    const box = this.canvas.getBoundingClientRect();
    this.ratio = Math.min(window.devicePixelRatio || 1, 2);
    this.width = Math.max(1, Math.round(box.width));
    this.height = Math.max(1, Math.round(box.height));
    this.canvas.width = Math.round(this.width * this.ratio);
    this.canvas.height = Math.round(this.height * this.ratio);
    this.shot = null;
  }

  /** The whole graph in view, with a margin; never blown up past 1.3. */
  fit(padding = 24): void {
    const b = this.bounds();
    const sx = (this.width - 2 * padding) / Math.max(1, b.maxX - b.minX);
    const sy = (this.height - 2 * padding) / Math.max(1, b.maxY - b.minY);
    this.scale = Math.min(1.3, Math.max(0.005, Math.min(sx, sy)));
    this.tx = this.width / 2 - ((b.minX + b.maxX) / 2) * this.scale;
    this.ty = this.height / 2 - ((b.minY + b.maxY) / 2) * this.scale;
    this.shot = null;
    this.userMoved = false;
  }

  bounds(): { minX: number; minY: number; maxX: number; maxY: number } {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const x = this.xs[i] as number;
      const y = this.ys[i] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (!Number.isFinite(minX)) return { minX: 0, minY: 0, maxX: 1, maxY: 1 };
    return { minX: minX - 40, minY: minY - 20, maxX: maxX + 40, maxY: maxY + 30 };
  }

  /** Where node i is drawn, in CSS pixels from the canvas's top left corner. */
  renderedPosition(i: number): Point {
    return { x: (this.xs[i] as number) * this.scale + this.tx, y: (this.ys[i] as number) * this.scale + this.ty };
  }

  panBy(dx: number, dy: number): void {
    this.tx += dx;
    this.ty += dy;
    this.moved();
  }

  /** Zooms by `factor` keeping the point (x, y) (CSS pixels) where it is. */
  zoomAt(x: number, y: number, factor: number): void {
    const next = Math.min(4, Math.max(0.005, this.scale * factor));
    const k = next / this.scale;
    this.tx = x - (x - this.tx) * k;
    this.ty = y - (y - this.ty) * k;
    this.scale = next;
    this.moved();
  }

  /** The node (or else the edge) under (x, y) in CSS pixels. */
  hit(x: number, y: number): Hit {
    const wx = (x - this.tx) / this.scale;
    const wy = (y - this.ty) / this.scale;
    const slack = 3 / this.scale;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const { w, h } = nodeBox(this.graph.nodes[i] as ViewGraph["nodes"][number]);
      const dx = Math.abs(wx - (this.xs[i] as number));
      const dy = Math.abs(wy - (this.ys[i] as number));
      if (dx <= w / 2 + slack && dy <= h / 2 + slack) {
        const d = dx * dx + dy * dy;
        if (d < bestD) [best, bestD] = [i, d];
      }
    }
    if (best >= 0) return { node: best };
    const near = 4 / this.scale;
    for (let e = 0; e < this.src.length; e++) {
      const a = this.src[e] as number;
      const b = this.tgt[e] as number;
      if (segmentDistance(wx, wy, this.xs[a]!, this.ys[a]!, this.xs[b]!, this.ys[b]!) <= near) return { edge: e };
    }
    return null;
  }

  /** A redraw at the next frame (at most one per frame). */
  request(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const moving = performance.now() - this.lastInput < SETTLE_MS;
      if (moving && this.shot) this.drawMoved();
      else this.draw();
    });
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    clearTimeout(this.settleTimer);
  }

  private moved(): void {
    this.userMoved = true;
    this.lastInput = performance.now();
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.request(), SETTLE_MS + 10);
    this.request();
  }

  /** The last full frame moved and scaled to the current view: one image copy. */
  private drawMoved(): void {
    const shot = this.shot;
    if (!shot) return;
    const ctx = this.ctx;
    const k = this.scale / shot.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const r = this.ratio;
    ctx.drawImage(
      this.snapshot,
      (this.tx - shot.tx * k) * r,
      (this.ty - shot.ty * k) * r,
      this.snapshot.width * k,
      this.snapshot.height * k,
    );
  }

  /** Everything in view, drawn afresh; then kept as the snapshot that moves while the view moves. */
  draw(): void {
    const started = performance.now();
    const ctx = this.ctx;
    const { scale, tx, ty, ratio } = this;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, this.width, this.height);
    // The view in world units, with a margin for nodes half on screen.
    const margin = 40 / scale;
    const left = -tx / scale - margin;
    const top = -ty / scale - margin;
    const right = (this.width - tx) / scale + margin;
    const bottom = (this.height - ty) / scale + margin;
    const inView = (i: number) => {
      const x = this.xs[i] as number;
      const y = this.ys[i] as number;
      return x >= left && x <= right && y >= top && y <= bottom;
    };
    const sx = (i: number) => (this.xs[i] as number) * scale + tx;
    const sy = (i: number) => (this.ys[i] as number) * scale + ty;

    // Edges. While nodes are tiny, a hub's many edges are one grey fan (the hub and the box around their other ends):
    // thousands of lines from one node would look the same and cost a full-width line of pixels each.
    const size = 18 * scale;
    const tiny = size < 4;
    if (tiny) {
      ctx.fillStyle = "rgba(148, 163, 184, 0.45)";
      for (const fan of this.fans) {
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (const i of fan.ends) {
          const x = this.xs[i] as number;
          const y = this.ys[i] as number;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
        const hull = convexHull([
          { x: this.xs[fan.hub] as number, y: this.ys[fan.hub] as number },
          { x: x0, y: y0 },
          { x: x1, y: y0 },
          { x: x1, y: y1 },
          { x: x0, y: y1 },
        ]);
        ctx.beginPath();
        hull.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, p.x * scale + tx, p.y * scale + ty));
        ctx.closePath();
        ctx.fill();
      }
    }
    // Plain edges in one path, then the highlighted ones on top.
    ctx.lineWidth = Math.max(0.5, Math.min(1.2, 1.2 * scale));
    ctx.strokeStyle = "#94a3b8";
    ctx.beginPath();
    const highlightedEdges: number[] = [];
    for (let e = 0; e < this.src.length; e++) {
      if (tiny && this.fanned[e]) continue;
      const a = this.src[e] as number;
      const b = this.tgt[e] as number;
      const ax = this.xs[a] as number;
      const bx = this.xs[b] as number;
      const ay = this.ys[a] as number;
      const by = this.ys[b] as number;
      if ((ax < left && bx < left) || (ax > right && bx > right) || (ay < top && by < top)) continue;
      if (ay > bottom && by > bottom) continue;
      if (this.edgeHighlight[e]) {
        highlightedEdges.push(e);
        continue;
      }
      ctx.moveTo(ax * scale + tx, ay * scale + ty);
      ctx.lineTo(bx * scale + tx, by * scale + ty);
    }
    ctx.stroke();
    if (highlightedEdges.length) {
      ctx.strokeStyle = "#dc2626";
      ctx.lineWidth = 3;
      ctx.beginPath();
      for (const e of highlightedEdges) {
        ctx.moveTo(sx(this.src[e] as number), sy(this.src[e] as number));
        ctx.lineTo(sx(this.tgt[e] as number), sy(this.tgt[e] as number));
      }
      ctx.stroke();
    }

    // Plain objects: one path per colour; squares when they are tiny on screen (cheaper, and alike at that size).
    const shown: number[] = [];
    for (const [color, list] of this.byColor) {
      ctx.fillStyle = color;
      ctx.beginPath();
      for (const i of list) {
        if (!inView(i)) continue;
        shown.push(i);
        const x = sx(i);
        const y = sy(i);
        if (tiny) ctx.rect(x - size / 2, y - size / 2, Math.max(1, size), Math.max(1, size));
        else {
          ctx.moveTo(x + size / 2, y);
          ctx.arc(x, y, size / 2, 0, Math.PI * 2);
        }
      }
      ctx.fill();
    }
    // Organisations and clusters: boxes, always labelled.
    for (const i of this.labelled) {
      if (!inView(i)) continue;
      const node = this.graph.nodes[i] as ViewGraph["nodes"][number];
      const { w, h } = nodeBox(node);
      const bw = Math.max(w * scale, 10);
      const bh = Math.max(h * scale, 6);
      ctx.fillStyle = nodeColor(node);
      ctx.beginPath();
      ctx.roundRect(sx(i) - bw / 2, sy(i) - bh / 2, bw, bh, Math.min(4, bh / 3));
      ctx.fill();
    }
    // Rings: highlighted (red) and selected (amber).
    const ring = (i: number, color: string, width: number) => {
      const node = this.graph.nodes[i] as ViewGraph["nodes"][number];
      const { w, h } = nodeBox(node);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.roundRect(sx(i) - (w * scale) / 2 - 2, sy(i) - (h * scale) / 2 - 2, w * scale + 4, h * scale + 4, 4);
      ctx.stroke();
    };
    for (const i of this.highlighted) if (inView(i)) ring(i, "#dc2626", 3);
    if (this.selected >= 0) ring(this.selected, "#f59e0b", 3);

    // Labels: clusters inside (white), organisations below; plain objects only when few and large enough.
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const i of this.labelled) {
      if (!inView(i)) continue;
      const node = this.graph.nodes[i] as ViewGraph["nodes"][number];
      if (node.cluster) {
        ctx.font = `bold ${Math.max(9, 11 * Math.min(scale, 1.3))}px sans-serif`;
        ctx.fillStyle = scale >= 0.5 ? "#ffffff" : "#1f2937";
        const below = scale < 0.5;
        ctx.textBaseline = below ? "top" : "middle";
        ctx.fillText(node.label, sx(i), below ? sy(i) + (26 * scale) / 2 + 3 : sy(i));
      } else {
        ctx.font = `${Math.max(9, 10 * Math.min(scale, 1.3))}px sans-serif`;
        ctx.fillStyle = "#1f2937";
        ctx.textBaseline = "top";
        ctx.fillText(clip(node.label), sx(i), sy(i) + (Math.max(18 * scale, 6) / 2 + 3));
      }
    }
    if (scale >= LABELS_FROM_SCALE && shown.length <= LABELS_AT_MOST) {
      ctx.font = `${10 * Math.min(scale, 1.3)}px sans-serif`;
      ctx.fillStyle = "#1f2937";
      ctx.textBaseline = "top";
      for (const i of shown) {
        ctx.fillText(clip((this.graph.nodes[i] as ViewGraph["nodes"][number]).label), sx(i), sy(i) + size / 2 + 3);
      }
    }

    // Keep this frame: while the view moves, it is moved instead of drawn again.
    if (this.snapshot.width !== this.canvas.width || this.snapshot.height !== this.canvas.height) {
      this.snapshot.width = this.canvas.width;
      this.snapshot.height = this.canvas.height;
    }
    const copy = this.snapshot.getContext("2d");
    copy?.drawImage(this.canvas, 0, 0);
    this.shot = { scale, tx, ty };
    // Copying the frame flushed the canvas: this measure includes rasterising it (read by the benchmark).
    performance.measure("graph:paint", { start: started });
  }

  /** The whole graph as a PNG, at most 4,096 pixels on a side. */
  async png(): Promise<Blob | null> {
    const b = this.bounds();
    const w = b.maxX - b.minX;
    const h = b.maxY - b.minY;
    const k = Math.min(2, 4096 / Math.max(w, h));
    const out = document.createElement("canvas");
    out.width = Math.ceil(w * k);
    out.height = Math.ceil(h * k);
    // Draw once into the export canvas with a transform that shows everything.
    const renderer = new LargeGraphRenderer(out, this.graph, this.positions());
    renderer.width = out.width;
    renderer.height = out.height;
    renderer.ratio = 1;
    renderer.scale = k;
    renderer.tx = -b.minX * k;
    renderer.ty = -b.minY * k;
    renderer.draw();
    return new Promise((resolve) => out.toBlob((blob) => resolve(blob), "image/png"));
  }

  positions(): Point[] {
    return Array.from(this.xs, (x, i) => ({ x, y: this.ys[i] as number }));
  }
}

/**
 * Hubs: a node with more than `FAN_FROM` plain edges leaving it (or, failing that, entering it) owns them as a fan.
 * Each edge belongs to at most one fan (marked in `fanned`); highlighted edges to none (always drawn as lines).
 */
function fans(
  src: Int32Array,
  tgt: Int32Array,
  nodes: number,
  highlighted: boolean[],
  fanned: Uint8Array,
): { hub: number; ends: number[] }[] {
  const out = new Int32Array(nodes);
  const into = new Int32Array(nodes);
  for (let e = 0; e < src.length; e++) {
    if (highlighted[e]) continue;
    out[src[e] as number]! += 1;
    into[tgt[e] as number]! += 1;
  }
  const byHub = new Map<number, { hub: number; ends: number[] }>();
  for (let e = 0; e < src.length; e++) {
    if (highlighted[e]) continue;
    const a = src[e] as number;
    const b = tgt[e] as number;
    const [hub, end] = (out[a] as number) > FAN_FROM ? [a, b] : (into[b] as number) > FAN_FROM ? [b, a] : [-1, -1];
    if (hub < 0) continue;
    const fan = byHub.get(hub) ?? { hub, ends: [] };
    fan.ends.push(end);
    fanned[e] = 1;
    byHub.set(hub, fan);
  }
  return [...byHub.values()];
}

/** The convex hull of a few points (monotone chain), in order around it. */
function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const half = (list: Point[]) => {
    const chain: Point[] = [];
    for (const p of list) {
      while (chain.length >= 2 && cross(chain[chain.length - 2]!, chain[chain.length - 1]!, p) <= 0) chain.pop();
      chain.push(p);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

function clip(label: string): string {
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

import { KIND_COLORS } from "./labels";
import type { ViewGraph, ViewNode } from "./model";
import type { Point } from "./layered-layout";

/** How a node is drawn, in world units: the same sizes on the canvas and in the exported SVG. */
export function nodeBox(node: ViewNode): { w: number; h: number; round: boolean } {
  if (node.cluster) return { w: 64, h: 26, round: true };
  if (node.kind === "ORGANIZATION") return { w: 22, h: 18, round: true };
  return { w: 18, h: 18, round: false };
}

export function nodeColor(node: ViewNode): string {
  return KIND_COLORS[node.cluster ? "CLUSTER" : node.kind] ?? "#64748b";
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * The drawn graph as a standalone SVG document: every node at its drawn position (circles for objects, rounded
 * rectangles for organisations and "+N" clusters) with its label, every edge as a line, highlights in red. Each
 * node is a `<g class="node" data-id>` and each edge a `<line class="edge">`, so a reader (or a test) can count them.
 */
export function graphSvg(graph: ViewGraph, position: (index: number, node: ViewNode) => Point | undefined): string {
  const points = graph.nodes.map((n, i) => position(i, n));
  const byId = new Map<string, Point>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  graph.nodes.forEach((n, i) => {
    const p = points[i];
    if (!p) return;
    byId.set(n.id, p);
    const { w, h } = nodeBox(n);
    minX = Math.min(minX, p.x - Math.max(w, 70) / 2);
    maxX = Math.max(maxX, p.x + Math.max(w, 70) / 2);
    minY = Math.min(minY, p.y - h / 2);
    maxY = Math.max(maxY, p.y + h / 2 + 16);
  });
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 1, 1];
  const pad = 24;
  const width = Math.ceil(maxX - minX + 2 * pad);
  const height = Math.ceil(maxY - minY + 2 * pad);
  const f = (v: number) => Math.round(v * 10) / 10;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="${f(minX - pad)} ${f(minY - pad)} ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect x="${f(minX - pad)}" y="${f(minY - pad)}" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g stroke="#94a3b8" stroke-width="1.2">`,
  ];
  for (const e of graph.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const style = e.highlight
      ? ` stroke="#dc2626" stroke-width="3"`
      : e.kind === "SHIPPED_TO"
        ? ` stroke-dasharray="6 3"`
        : "";
    out.push(
      `<line class="edge" data-kind="${escape(e.kind)}" x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}"${style}/>`,
    );
  }
  out.push(`</g>`);
  graph.nodes.forEach((n, i) => {
    const p = points[i];
    if (!p) return;
    const { w, h, round } = nodeBox(n);
    const stroke = n.highlight ? ` stroke="#dc2626" stroke-width="4"` : "";
    const shape = round
      ? `<rect x="${f(p.x - w / 2)}" y="${f(p.y - h / 2)}" width="${w}" height="${h}" rx="4" fill="${nodeColor(n)}"${stroke}/>`
      : `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${w / 2}" fill="${nodeColor(n)}"${stroke}/>`;
    const label = n.cluster
      ? `<text x="${f(p.x)}" y="${f(p.y + 4)}" text-anchor="middle" fill="#ffffff" font-weight="bold">${escape(n.label)}</text>`
      : `<text x="${f(p.x)}" y="${f(p.y + h / 2 + 12)}" text-anchor="middle" fill="#1f2937">${escape(n.label)}</text>`;
    out.push(`<g class="node" data-id="${escape(n.id)}">${shape}${label}</g>`);
  });
  out.push(`</svg>`, "");
  return out.join("\n");
}

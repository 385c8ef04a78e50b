import type { ViewGraph } from "./model";

export interface Point {
  x: number;
  y: number;
}

/** Rows per sub-column of one depth in a large graph: a 5,000-item lot is a block, not a column 5,000 high. */
const ROWS = 120;
/** World units between sub-columns and rows of one depth, and the gap between two depths. */
const COLUMN = 26;
const ROW = 22;
const BAND_GAP = 160;

/**
 * Positions for a large graph in linear time (dagre is quadratic-ish and runs in the page): one band per depth, left
 * to right, each band filled column by column with `ROWS` nodes per column, centred vertically. Index i is node i.
 */
export function layeredPositions(graph: ViewGraph): Point[] {
  const counts = new Map<number, number>();
  for (const n of graph.nodes) counts.set(n.depth, (counts.get(n.depth) ?? 0) + 1);
  const depths = [...counts.keys()].sort((a, b) => a - b);
  const offset = new Map<number, number>();
  let x = 0;
  for (const depth of depths) {
    offset.set(depth, x);
    x += Math.ceil((counts.get(depth) ?? 0) / ROWS) * COLUMN + BAND_GAP;
  }
  const seen = new Map<number, number>();
  return graph.nodes.map((n) => {
    const i = seen.get(n.depth) ?? 0;
    seen.set(n.depth, i + 1);
    const rows = Math.min(ROWS, counts.get(n.depth) ?? 1);
    return { x: (offset.get(n.depth) ?? 0) + Math.floor(i / ROWS) * COLUMN, y: ((i % ROWS) - rows / 2) * ROW };
  });
}

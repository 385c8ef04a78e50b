import type { Direction } from "../graph/trace.queries.js";
import type { TraceRow } from "./trace-graph.js";

/**
 * The organisations of a trace per the contract, each at its smallest depth (one more than the object shipped):
 * downstream, destinations of shipments of the root or any object; upstream, senders and destinations of shipments
 * of the objects above the root.
 */
export function organisationDepths(rows: readonly TraceRow[], direction: Direction): Map<string, number> {
  const depths = new Map<string, number>();
  const add = (id: string, depth: number) => {
    const known = depths.get(id);
    if (known === undefined || known > depth) depths.set(id, depth);
  };
  for (const row of rows) {
    if (direction === "UPSTREAM" && row.depth === 0) continue;
    for (const shipment of row.shipments) {
      if (!shipment.to) continue;
      add(shipment.to, row.depth + 1);
      if (direction === "UPSTREAM" && shipment.from) add(shipment.from, row.depth + 1);
    }
  }
  return depths;
}

import type { Executor } from "./executor.js";
import { cypher } from "./cypher-query.js";
import { runRows } from "./executor.js";
import { traceEdgesQuery, traceQuery, type Direction, type TraceQueryOptions } from "./trace.queries.js";
import type { NodeKind, TraceEdgeRecord, TraceRow } from "../trace/trace-graph.js";

export interface ObjectRecord {
  key: string;
  kind: NodeKind;
  properties: Record<string, unknown>;
}

/** A trace row with its neighbours in the walking direction (null when the answer was truncated). */
interface TraceQueryRow extends TraceRow {
  next: [string, string][] | null;
}

/** The flow edges among a complete answer, from each object's neighbours, always oriented in flow direction. */
function edgesFromNeighbours(rows: readonly TraceQueryRow[], direction: Direction): TraceEdgeRecord[] {
  const inAnswer = new Set(rows.map((r) => r.key));
  const edges: TraceEdgeRecord[] = [];
  for (const row of rows) {
    for (const [kind, other] of row.next ?? []) {
      if (!inAnswer.has(other)) continue;
      const [from, to] = direction === "DOWNSTREAM" ? [row.key, other] : [other, row.key];
      edges.push({ from, to, kind: kind as TraceEdgeRecord["kind"] });
    }
  }
  return edges;
}

export class TraceRepository {
  constructor(private readonly executor: Executor) {}

  /** The objects of a trace and the flow edges among them, read in one transaction (one snapshot). */
  async trace(options: TraceQueryOptions): Promise<{ rows: TraceRow[]; edges: TraceEdgeRecord[] }> {
    return this.executor.readTx(async (tx) => {
      const rows = (await runRows(tx, traceQuery(options))) as unknown as TraceQueryRow[];
      const kept = rows.slice(0, options.limit);
      if (rows.length <= options.limit) return { rows, edges: edgesFromNeighbours(kept, options.direction) };
      const keys = kept.map((r) => r.key);
      const edges = keys.length > 1 ? await runRows(tx, traceEdgesQuery(keys, options)) : [];
      return { rows, edges: edges as unknown as TraceEdgeRecord[] };
    }, `trace.${options.direction.toLowerCase()}`);
  }

  /** Batch lookup of objects by canonical key, in key order (null where unknown): the DataLoader's batch function. */
  async objectsByKeys(keys: readonly string[]): Promise<(ObjectRecord | null)[]> {
    const rows = await this.executor.read(
      cypher("UNWIND $keys AS key OPTIONAL MATCH (o:Obj {key: key}) RETURN key, o {.*} AS o", { keys }),
      "objectsByKeys",
    );
    const byKey = new Map<string, ObjectRecord | null>();
    for (const row of rows) {
      const o = row.o as Record<string, unknown> | null;
      byKey.set(row.key as string, o ? { key: o.key as string, kind: o.kind as NodeKind, properties: o } : null);
    }
    return keys.map((k) => byKey.get(k) ?? null);
  }
}

import type { Integer } from "neo4j-driver";
import type { Executor, QueryRunner } from "./executor.js";
import type { Query } from "./query.js";
import * as Q from "./trace.queries.js";
import type { TraceQueryOptions } from "./trace.queries.js";
import type { NodeKind } from "../trace/flow-kinds.js";
import type { TraceEdgeRecord, TraceRow } from "../trace/trace-graph.js";
import { withoutMarks } from "./visibility-cypher.js";

export interface ObjectRecord {
  key: string;
  kind: NodeKind;
  properties: Record<string, unknown>;
}

/** A trace row with its neighbours in the walking direction (none when the answer was truncated). */
interface TraceQueryRow extends TraceRow {
  next: [string, string][] | null;
}

/**
 * A trace's rows and the flow edges among them; `edges` null: a complete answer, whose rows carry their neighbours
 * (the assembly takes the edges from them).
 */
export interface TraceRead {
  rows: TraceRow[];
  edges: TraceEdgeRecord[] | null;
}

/** A shipment as the trace query sends it: `[to, from]`. */
type ShipmentPair = [string | null, string | null];

/**
 * The trace query's records as rows, read field by field: every value is a string, a list of strings or a map of
 * strings except `depth` (a Neo4j integer), so the generic conversion (toNative), which walks every list, is skipped
 * (a third of the repository's CPU on a 46,000-edge trace).
 */
async function traceRows(tx: QueryRunner, q: Query): Promise<TraceQueryRow[]> {
  const records = await tx.records(q);
  return records.map((record) => ({
    key: record.get("key") as string,
    kind: record.get("kind") as TraceQueryRow["kind"],
    depth: (record.get("depth") as Integer).toNumber(),
    next: record.get("next") as TraceQueryRow["next"],
    shipments: (record.get("shipments") as ShipmentPair[]).map(([to, from]) => ({ to, from })),
  }));
}

export class TraceRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * The objects of a trace and the flow edges among them, read in one transaction (one snapshot): the usual, complete
   * answer is one statement, with the edges in its rows, sent alone (Executor.readSingle); a truncated one is read
   * again with its edges in one transaction.
   */
  async trace(options: TraceQueryOptions): Promise<TraceRead> {
    const name = `trace.${options.direction.toLowerCase()}`;
    const rows = await this.executor.readSingle(name, (tx) => traceRows(tx, Q.traceObjects(options)));
    if (rows.length <= options.limit) return { rows, edges: null };
    return this.truncatedTrace(name, options);
  }

  private async truncatedTrace(name: string, options: TraceQueryOptions): Promise<TraceRead> {
    return this.executor.readTx(name, async (tx) => {
      const rows = await traceRows(tx, Q.traceObjects(options));
      const kept = rows.slice(0, options.limit);
      if (rows.length <= options.limit) return { rows, edges: null };
      const keys = kept.map((r) => r.key);
      const edges = keys.length > 1 ? await tx.rows(Q.traceEdges(keys, options)) : [];
      return { rows, edges: edges as unknown as TraceEdgeRecord[] };
    });
  }

  /** Batch lookup of objects by canonical key, in key order (null where unknown): the DataLoader's batch function. */
  async objectsByKeys(keys: readonly string[]): Promise<(ObjectRecord | null)[]> {
    const rows = await this.executor.read(Q.objectsByKeys(keys));
    const byKey = new Map<string, ObjectRecord | null>();
    for (const row of rows) {
      const o = row.o as Record<string, unknown> | null;
      byKey.set(
        row.key as string,
        o ? { key: o.key as string, kind: o.kind as NodeKind, properties: withoutMarks(o) } : null,
      );
    }
    return keys.map((k) => byKey.get(k) ?? null);
  }
}

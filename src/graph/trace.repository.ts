import type { Executor } from "./executor.js";
import { cypher } from "./cypher-query.js";
import { traceQuery, type TraceQueryOptions } from "./trace.queries.js";
import type { NodeKind, TraceRow } from "../trace/trace-graph.js";

export interface ObjectRecord {
  key: string;
  kind: NodeKind;
  properties: Record<string, unknown>;
}

export class TraceRepository {
  constructor(private readonly executor: Executor) {}

  async trace(options: TraceQueryOptions): Promise<TraceRow[]> {
    const rows = await this.executor.read(traceQuery(options), `trace.${options.direction.toLowerCase()}`);
    return rows as unknown as TraceRow[];
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

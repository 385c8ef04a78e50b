import neo4j from "neo4j-driver";
import type { Executor } from "../../src/graph/executor.js";
import { TraceRepository } from "../../src/graph/trace.repository.js";
import { traceEdgesQuery, type TraceQueryOptions } from "../../src/graph/trace.queries.js";
import type { TraceEdgeKind, TraceEdgeRecord, TraceRow } from "../../src/trace/trace-graph.js";

/**
 * The proposed trace read (timeless traces; asOf / instanceOnly would keep their WHERE filters): ONE statement that
 * returns each object's flow neighbours by pattern comprehension when the answer is complete (not truncated), so the
 * common case needs no second query; a truncated answer falls back to today's hashed edge lookup, so a lot with
 * 100,000 items and a small limit still sends nothing for neighbours outside the answer. Shipments by pattern
 * comprehension too (duplicates are folded by assembleTraceGraph). Rows are converted with the proposed toNative
 * fast path (primitives returned first).
 */
const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

export function proposedTraceCypher(direction: "DOWNSTREAM" | "UPSTREAM", depth: number): string {
  const step = direction === "DOWNSTREAM" ? `-[:${FLOW}]->` : `<-[:${FLOW}]-`;
  const next = direction === "DOWNSTREAM" ? `(n)-[r:${FLOW}]->(m:Obj)` : `(n)<-[r:${FLOW}]-(m:Obj)`;
  return `
MATCH (root:Obj {key: $key})
MATCH p = ANY SHORTEST (root)(()${step}()){0,${Math.trunc(depth)}}(n:Obj)
WITH n, length(p) AS depth
ORDER BY depth, n.key
LIMIT $fetch
WITH collect({n: n, depth: depth}) AS found
WITH found, size(found) < $fetch AS complete
UNWIND found AS row
WITH row.n AS n, row.depth AS depth, complete
RETURN n.key AS key, n.kind AS kind, depth,
       CASE WHEN complete THEN [${next} | [type(r), m.key]] END AS next,
       [(n)-[s:SHIPPED_TO]->(org:Organization) | [org.id, s.fromOrgId]] AS shipments`;
}

function fastNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return value;
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(fastNative);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fastNative(v);
  return out;
}

export class OneQueryTraceRepository extends TraceRepository {
  constructor(private readonly exec: Executor) {
    super(exec);
  }

  override async trace(options: TraceQueryOptions): Promise<{ rows: TraceRow[]; edges: TraceEdgeRecord[] }> {
    return this.exec.readTx(async (tx) => {
      const result = await tx.run(proposedTraceCypher(options.direction, options.maxDepth), {
        key: options.key,
        fetch: neo4j.int(options.limit + 1),
      });
      const raw = result.records.map((r) => fastNative(r.toObject()) as Record<string, unknown>);
      const kept = raw.slice(0, options.limit);
      const keys = new Set(kept.map((r) => r.key as string));
      const rows: TraceRow[] = raw.map((r) => ({
        key: r.key as string,
        kind: r.kind as TraceRow["kind"],
        depth: r.depth as number,
        shipments: (r.shipments as [string, string | null][]).map(([to, from]) => ({ to, from })),
      }));
      if (raw.length > options.limit) {
        const e = traceEdgesQuery([...keys], options);
        const edges = (await tx.run(e.cypher, e.params)).records.map(
          (r) => fastNative(r.toObject()) as TraceEdgeRecord,
        );
        return { rows, edges };
      }
      const edges: TraceEdgeRecord[] = [];
      for (const r of kept) {
        const key = r.key as string;
        for (const [kind, other] of (r.next as [TraceEdgeKind, string][] | null) ?? []) {
          if (!keys.has(other)) continue;
          edges.push(
            options.direction === "DOWNSTREAM" ? { from: key, to: other, kind } : { from: other, to: key, kind },
          );
        }
      }
      return { rows, edges };
    }, `trace.${options.direction.toLowerCase()}`);
  }
}

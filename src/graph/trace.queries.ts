import neo4j from "neo4j-driver";
import { cypher, type CypherQuery } from "./cypher-query.js";

export type Direction = "DOWNSTREAM" | "UPSTREAM";

/** The flow edges traversed by traces (API-CONTRACT §2, edges 1-3); SHIPPED_TO only ends a path at an organisation. */
const OBJECT_FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/** Absolute ceiling on depth, whatever a caller asks for. */
export const MAX_DEPTH = 32;

export interface TraceQueryOptions {
  key: string;
  direction: Direction;
  maxDepth: number;
  /** Objects returned at most; one more is fetched to know whether the answer was truncated. */
  limit: number;
  /** Follow only edges holding at this instant (ISO string); undefined = timeless reachability. */
  asOf?: string;
  /** Only instance-level edges (no quantity-level transformation): the CERTAIN tier of recall impact. */
  instanceOnly?: boolean;
}

/**
 * One bounded query per trace: `ANY SHORTEST` expands breadth-first from the root once, giving every reachable object
 * with its minimal depth without enumerating paths. Each object comes with its neighbours in flow direction (the
 * caller keeps the edges whose other end is in the answer) and the shipments that reach organisations.
 */
export function traceQuery(options: TraceQueryOptions): CypherQuery {
  const depth = Math.max(0, Math.min(MAX_DEPTH, Math.trunc(options.maxDepth)));
  const downstream = options.direction === "DOWNSTREAM";
  const step = downstream ? `-[r:${OBJECT_FLOW}]->` : `<-[r:${OBJECT_FLOW}]-`;
  const edgeFilters: string[] = [];
  if (options.asOf) edgeFilters.push("r.at <= datetime($asOf) AND (r.until IS NULL OR r.until > datetime($asOf))");
  if (options.instanceOnly) edgeFilters.push("NOT coalesce(r.quantityLevel, false)");
  const where = edgeFilters.length ? ` WHERE ${edgeFilters.join(" AND ")}` : "";
  // Depth is a validated integer: quantifier bounds cannot be parameters in Cypher.
  // Cypher refuses a {0,0} quantifier: depth 0 is the root alone.
  const reach =
    depth === 0
      ? "MATCH (n:Obj {key: $key})\nWITH n, 0 AS depth"
      : `MATCH (root:Obj {key: $key})
MATCH p = ANY SHORTEST (root)(()${step}()${where}){0,${depth}}(n:Obj)
WITH n, length(p) AS depth`;
  const text = `
${reach}
ORDER BY depth, n.key
LIMIT $fetch
CALL (n) {
  OPTIONAL MATCH (n)${step}(m:Obj)${where}
  RETURN collect(DISTINCT [type(r), m.key]) AS next
}
CALL (n) {
  OPTIONAL MATCH (n)-[s:SHIPPED_TO]->(org:Organization)
  ${options.asOf ? "WHERE s.at <= datetime($asOf)" : ""}
  RETURN collect(DISTINCT {to: org.id, from: s.fromOrgId}) AS shipments
}
RETURN n.key AS key, n.kind AS kind, depth, next, shipments`;
  return cypher(text, {
    key: options.key,
    fetch: limitInt(options.limit + 1),
    ...(options.asOf ? { asOf: new Date(options.asOf).toISOString() } : {}),
  });
}

/** LIMIT needs a Neo4j integer: a JS number arrives as a float and is refused. */
function limitInt(value: number) {
  return neo4j.int(Math.max(1, Math.trunc(value)));
}

import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";
import { followedBy, followedEdge, visibleEdge, visibleObject } from "./visibility-cypher.js";

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
  /** The party whose view this is (API-CONTRACT §6); undefined: every edge (ADMIN, REGULATOR). */
  scope?: string;
}

/**
 * One bounded query per trace: `ANY SHORTEST` expands breadth-first from the root once, giving every reachable object
 * with its minimal depth without enumerating paths, nearest first, cut at `limit` (+1 to detect truncation). Each
 * object comes with its shipments and, when the answer is complete (not truncated), its neighbours in the walking
 * direction, so the usual trace is one statement; a truncated answer gets its edges from `traceEdges` instead,
 * so a 100,000-item lot cut at 5,000 never ships the other 95,000 neighbours. Shipments come as `[to, from]` pairs:
 * a list is decoded faster than a map, whose keys are sent and decoded again for every shipment.
 */
export function traceObjects(options: TraceQueryOptions): Query {
  const depth = Math.max(0, Math.min(MAX_DEPTH, Math.trunc(options.maxDepth)));
  const downstream = options.direction === "DOWNSTREAM";
  const step = downstream ? `-[r:${OBJECT_FLOW}]->` : `<-[r:${OBJECT_FLOW}]-`;
  const scoped = options.scope !== undefined;
  // A party's downstream walk from an object it follows (what it made, 去向可追) tests each edge with followedEdge:
  // the same answer as the viewers lists, without a list read on every lot-membership edge and shipment. `follows`
  // is that case; otherwise (upstream, or a root the party only received) each edge's viewers decide.
  const followed = scoped && downstream;
  const edgeFilter = edgeWhere(options);
  const nextFilter = followed ? edgeWhere(options, "followed-if") : edgeFilter;
  // `complete` first: the planner tests it before expanding (a truncated answer expands and ships no neighbours), and
  // the comprehension stays a RollUpApply, where a CASE around it was evaluated as a nested plan per row.
  const nextWhere = nextFilter ? nextFilter.replace(" WHERE ", " WHERE complete AND ") : " WHERE complete";
  const asOfShip = options.asOf ? ["s.at <= datetime($asOf)"] : [];
  const shipWhere = [
    ...asOfShip,
    ...(scoped ? [followed ? `(follows OR ${visibleEdge("s")})` : visibleEdge("s")] : []),
  ];
  // Cypher refuses a {0,0} quantifier: depth 0 is the root alone. Depth is a validated integer: quantifier bounds
  // cannot be parameters. The walk is a subquery of the bound root so that it always expands from the root: as a
  // plain MATCH, the planner on a small database (few :Obj nodes) joins a scan of every :Obj with a shortest path
  // "into" each of them instead; with data it expands from the root either way (bench profiles), and so does this.
  // A party that may not see the root at all gets an empty trace (API-CONTRACT §6), not the root alone.
  const rootWhere = scoped ? `\nWHERE ${visibleObject("root")}` : "";
  const follows = followed ? `${followedBy("root")} AS follows` : "false AS follows";
  const walk = (filter: string) =>
    `MATCH p = ANY SHORTEST (root)((a)${step}(b)${filter}){0,${depth}}(n:Obj)
  RETURN n, length(p) AS depth`;
  const reach =
    depth === 0
      ? `MATCH (root:Obj {key: $key})${rootWhere}\nWITH root AS n, 0 AS depth, ${follows}`
      : followed
        ? `MATCH (root:Obj {key: $key})${rootWhere}
WITH root, ${follows}
CALL (root, follows) {
  WITH root WHERE follows
  ${walk(edgeWhere(options, "followed"))}
  UNION ALL
  WITH root WHERE NOT follows
  ${walk(edgeFilter)}
}
WITH n, depth, follows`
        : `MATCH (root:Obj {key: $key})${rootWhere}
CALL (root) {
  ${walk(edgeFilter)}
}
WITH n, depth, false AS follows`;
  const text = `
${reach}
ORDER BY depth, n.key
LIMIT $fetch
WITH collect({n: n, depth: depth}) AS found, follows
WITH found, follows, size(found) < $fetch AS complete
UNWIND found AS f
WITH f.n AS n, f.depth AS depth, complete, follows
RETURN n.key AS key, n.kind AS kind, depth,
       [(n)${step}(m:Obj)${nextWhere} | [type(r), m.key]] AS next,
       [(n)-[s:SHIPPED_TO]->(org:Organization)${shipWhere.length ? ` WHERE ${shipWhere.join(" AND ")}` : ""}
         | [org.id, s.fromOrgId]] AS shipments`;
  return query("trace.objects", text, {
    key: options.key,
    fetch: limitInt(options.limit + 1),
    ...asOfParam(options),
    ...scopeParam(options),
  });
}

/**
 * The flow edges among a set of objects. `b.key IN $keys` against a parameter list is a hashed lookup in Neo4j, so
 * a lot with 100,000 items costs one pass over its relationships here, and nothing is sent back for neighbours that
 * are not in the answer.
 */
export function traceEdges(
  keys: readonly string[],
  options: Pick<TraceQueryOptions, "asOf" | "instanceOnly" | "scope">,
): Query {
  return query(
    "trace.edges",
    `UNWIND $keys AS key
MATCH (a:Obj {key: key})-[r:${OBJECT_FLOW}]->(b:Obj)
WHERE b.key IN $keys${edgeWhere(options).replace(" WHERE ", " AND ")}
RETURN a.key AS from, b.key AS to, type(r) AS kind`,
    { keys, ...asOfParam(options), ...scopeParam(options) },
  );
}

/** Batch lookup of objects by canonical key (the DataLoader's); `o` is null for an unknown key. */
export function objectsByKeys(keys: readonly string[]): Query {
  return query("trace.objectsByKeys", "UNWIND $keys AS key OPTIONAL MATCH (o:Obj {key: key}) RETURN key, o {.*} AS o", {
    keys,
  });
}

/**
 * The filters on walked edge `r`: visible to the scope, present at `asOf`, instance-level. Visibility is tested by
 * the edge's viewers, or (`followed`) on a walk from an object the party follows, or (`followed-if`) either way as
 * the row's `follows` says.
 */
function edgeWhere(
  options: Pick<TraceQueryOptions, "asOf" | "instanceOnly" | "scope">,
  visibility: "viewers" | "followed" | "followed-if" = "viewers",
): string {
  const filters: string[] = [];
  if (options.scope !== undefined) {
    const byViewers = visibleEdge("r");
    filters.push(
      visibility === "viewers"
        ? byViewers
        : visibility === "followed"
          ? followedEdge("r")
          : `CASE WHEN follows THEN ${followedEdge("r")} ELSE ${byViewers} END`,
    );
  }
  if (options.asOf) filters.push("r.at <= datetime($asOf) AND (r.until IS NULL OR r.until > datetime($asOf))");
  if (options.instanceOnly) filters.push("NOT coalesce(r.quantityLevel, false)");
  return filters.length ? ` WHERE ${filters.join(" AND ")}` : "";
}

function scopeParam(options: Pick<TraceQueryOptions, "scope">) {
  return options.scope !== undefined ? { scope: options.scope } : {};
}

function asOfParam(options: Pick<TraceQueryOptions, "asOf">) {
  return options.asOf ? { asOf: new Date(options.asOf).toISOString() } : {};
}

/** LIMIT needs a Neo4j integer: a JS number arrives as a float and is refused. */
function limitInt(value: number) {
  return neo4j.int(Math.max(1, Math.trunc(value)));
}

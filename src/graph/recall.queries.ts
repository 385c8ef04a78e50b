import neo4j from "neo4j-driver";
import { query, type Query } from "./query.js";
import { MAX_DEPTH } from "./trace.queries.js";
import { followedBy, followedEdge, visibleEdge, visibleObject } from "./visibility-cypher.js";

const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/**
 * Recall impact covers downstream(code): every object reachable from the root (the root included) and the
 * organisations those objects were shipped to. Reachability only (DISTINCT endpoints), so Neo4j prunes the
 * expansion instead of enumerating paths; depth is not needed here.
 */
const AFFECTED = `
MATCH (root:Obj {key: $key})
CALL (root) {
  MATCH (root)-[:${FLOW}*0..${MAX_DEPTH}]->(n:Obj)
  RETURN DISTINCT n
}
WITH root, n, true AS follows`;

/**
 * The same for a party (API-CONTRACT §6): downstream over the edges it may see, breadth-first from a root it may
 * see at all; from a root it follows (what it made), edges are tested with followedEdge, the same answer as their
 * viewers without a list read on every lot-membership edge, and every shipment of what it reaches is visible to it
 * (`follows`). Kept apart from AFFECTED so the operator's and regulator's recall keeps its plain expansion.
 */
const AFFECTED_SCOPED = `
MATCH (root:Obj {key: $key})
WHERE ${visibleObject("root")}
WITH root, ${followedBy("root")} AS follows
${scopedWalk("n")}
WITH root, n, follows`;

/**
 * The affected set of `$key` as `root` and `n` rows (one per object, the root included), for a party when scoped:
 * what a recall of the root reaches, which the regulator report (report.queries.ts) lists the shipments of.
 */
export const AFFECTED_SETS = { plain: AFFECTED, scoped: AFFECTED_SCOPED } as const;

/**
 * A walk from a root `$scope` follows, over the edges followedEdge lets through (and `extra`): written as the
 * operator's plain variable-length expansion, which Neo4j runs as a pruning breadth-first expansion with the
 * predicate inlined, as fast per hop as the unscoped walk (a quantified ANY SHORTEST walk costs more per hop).
 */
function followedWalk(target: string, extra: string | null): string {
  return `MATCH (root)-[rs:${FLOW}*0..${MAX_DEPTH}]->(${target}:Obj)
  WHERE all(r IN rs WHERE ${followedEdge("r")}${extra ? ` AND ${extra}` : ""})`;
}

/**
 * A party's walk from `root` over the edges it may see (and `extra`), as distinct rows of `target`: the followed walk
 * when `follows` (the root is what the party made), otherwise each edge's viewers, breadth-first.
 */
function scopedWalk(target: string, extra: string | null = null): string {
  const also = extra ? ` AND ${extra}` : "";
  return `CALL (root, follows) {
    WITH root WHERE follows
    ${followedWalk(target, extra)}
    RETURN DISTINCT ${target}
    UNION ALL
    WITH root WHERE NOT follows
    MATCH ANY SHORTEST (root)((a)-[r:${FLOW}]->(b) WHERE ${visibleEdge("r")}${also}){0,${MAX_DEPTH}}(${target}:Obj)
    RETURN DISTINCT ${target}
  }`;
}

/** The CERTAIN set: reachable over instance-level edges only (and, for a party, visible ones), as rows of `target`. */
function certainSet(scoped: boolean, target: string): string {
  return scoped
    ? scopedWalk(target, "NOT coalesce(r.quantityLevel, false)")
    : `MATCH (root)-[rs:${FLOW}*0..${MAX_DEPTH}]->(${target}:Obj)
  WHERE all(r IN rs WHERE NOT coalesce(r.quantityLevel, false))`;
}

function scopeParams(scope: string | undefined) {
  return scope === undefined ? {} : { scope };
}

/** Affected objects the summary statement returns in key order with the counts: enough for a first page of 100. */
export const PREFETCHED_OBJECTS = 101;

/**
 * The counts, the organisations (with their stored properties) and the first PREFETCHED_OBJECTS affected objects in
 * key order, each graded, in ONE statement: the affected set is walked once, and the CERTAIN set once by a pruned
 * instance-only expansion. One snapshot for counts and first page, and one round trip for the usual request.
 */
export function recallSummary(key: string, scope?: string): Query {
  const scoped = scope !== undefined;
  return query(
    scoped ? "recall.summaryScoped" : "recall.summary",
    `${scoped ? AFFECTED_SCOPED : AFFECTED}
WITH root, follows, collect(n) AS affected
CALL (affected, follows) {
  UNWIND affected AS n
  MATCH (n)-[s:SHIPPED_TO]->(org:Organization)${scoped ? `\n  WHERE follows OR ${visibleEdge("s")}` : ""}
  WITH org, count(DISTINCT n) AS objectCount
  // Aggregating without a grouping key keeps one row even when nothing was shipped.
  RETURN collect({objectCount: objectCount, organization: org {.*}}) AS orgs
}
CALL (affected) {
  UNWIND affected AS n
  MATCH (n)<-[:OF]-(s:Scan)
  WHERE s.regionCode IS NOT NULL${
    scoped
      ? `
    // A party counts the scans of what it made, and the scans it is a party of.
    AND ($scope IN coalesce(n.fol, [])
         OR EXISTS { MATCH (e:Event {eventId: s.eventId}) WHERE $scope IN coalesce(e.parties, []) })`
      : ""
  }
  RETURN collect(DISTINCT s.regionCode) AS scanRegions
}
CALL (root, affected) {
  UNWIND affected AS n
  WITH n ORDER BY n.key LIMIT $fetch
  RETURN collect(n) AS first
}
CALL (root, follows) {
  ${certainSet(scoped, "c")}
  RETURN collect(DISTINCT c) AS certain
}
RETURN size(affected) AS total, orgs, scanRegions,
       [n IN first | {key: n.key, kind: n.kind, details: n {.*}, certain: n IN certain}] AS firstObjects`,
    { key, fetch: neo4j.int(PREFETCHED_OBJECTS), ...scopeParams(scope) },
  );
}

/**
 * One keyset page of affected objects, ordered by key, each graded: CERTAIN when reachable over instance-level edges
 * only, POSSIBLE when only a quantity-level (commingled) transformation leads to it.
 */
export function recallObjectsPage(key: string, first: number, after: string | null, scope?: string): Query {
  const scoped = scope !== undefined;
  return query(
    scoped ? "recall.objectsScoped" : "recall.objects",
    `${scoped ? AFFECTED_SCOPED : AFFECTED}
WITH root, n, follows
WHERE $after IS NULL OR n.key > $after
WITH root, n, follows ORDER BY n.key LIMIT $fetch
WITH root, follows, collect(n) AS page
CALL (root, follows, page) {
  ${certainSet(scoped, "c")}
  WITH c WHERE c IN page
  RETURN collect(DISTINCT c.key) AS certain
}
UNWIND page AS n
RETURN n.key AS key, n.kind AS kind, n {.*} AS details, n.key IN certain AS certain
ORDER BY key`,
    { key, after, fetch: neo4j.int(first + 1), ...scopeParams(scope) },
  );
}

/** Affected objects per record of the CSV export's statement (recallObjectsAll). */
export const OBJECTS_PER_CHUNK = 2_000;

/**
 * Every affected object in key order, each graded, for the CSV export, as records of up to OBJECTS_PER_CHUNK
 * `[key, kind, certain]` rows (`chunk`): Neo4j spends more on a record than on a row of a list (a third of the
 * statement's CPU at a million single-row records), and the sort holds every row before the first leaves anyway.
 *
 * The CERTAIN set is a subset of the affected set (the same walk over fewer edges), so when it is as large, every
 * affected object is CERTAIN: its count decides, and the usual recall (nothing commingled) walks the affected set once
 * for its rows, sorted, and the CERTAIN set once to count it. Otherwise an object's grade comes from grouping both
 * walks by object, as the walks are each made once for the whole recall (a page at a time would walk them per page).
 */
export function recallObjectsAll(key: string, scope?: string): Query {
  const scoped = scope !== undefined;
  const affected = scoped ? scopedWalk("n") : `MATCH (root)-[:${FLOW}*0..${MAX_DEPTH}]->(n:Obj)`;
  const chunks = (rows: string) => `UNWIND range(0, size(${rows}) - 1, $perChunk) AS i`;
  return query(
    scoped ? "recall.allObjectsScoped" : "recall.allObjects",
    `
MATCH (root:Obj {key: $key})${scoped ? `\nWHERE ${visibleObject("root")}` : ""}
WITH root, ${scoped ? followedBy("root") : "true"} AS follows
CALL (root, follows) {
  ${certainSet(scoped, "c")}
  RETURN count(DISTINCT c) AS certainCount
}
CALL (root, follows) {
  ${affected}
  WITH DISTINCT n ORDER BY n.key
  RETURN collect(n) AS affected
}
CALL (root, follows, affected, certainCount) {
  WITH affected WHERE size(affected) = certainCount
  ${chunks("affected")}
  RETURN [n IN affected[i..i + $perChunk] | [n.key, n.kind, true]] AS chunk
  UNION ALL
  WITH root, follows WHERE size(affected) <> certainCount
  CALL (root, follows) {
    ${affected}
    RETURN DISTINCT n, false AS certain
    UNION ALL
    ${certainSet(scoped, "n")}
    RETURN DISTINCT n, true AS certain
  }
  WITH n, max(CASE WHEN certain THEN 1 ELSE 0 END) = 1 AS certain
  WITH n, certain ORDER BY n.key
  WITH collect([n.key, n.kind, certain]) AS rows
  ${chunks("rows")}
  RETURN rows[i..i + $perChunk] AS chunk
}
RETURN chunk`,
    { key, perChunk: neo4j.int(OBJECTS_PER_CHUNK), ...scopeParams(scope) },
  );
}

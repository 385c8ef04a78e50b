/**
 * Cypher fragments of the visibility marks (see visibility.queries.ts), shared by the statements that keep them and
 * the reads that check them. Marks with a time are "party|ms" strings; `party` is a Cypher expression.
 */

/** The `ms` of `party`'s entry in a "party|ms" list, -1 when it has none. */
export function markTime(list: string, party: string): string {
  return `coalesce([h IN coalesce(${list}, []) WHERE h STARTS WITH ${party} + "|" | toInteger(substring(h, size(${party}) + 1))][0], -1)`;
}

/**
 * What was in `x` at `at` (ms), at any depth: a plain variable-length expansion along containment edges that held then
 * (pruned hop by hop), which costs a few db hits per row where a shortest-path search per row costs its setup; the
 * caller's UNION with `x` itself keeps each content once, as a shortest path per content did.
 */
export const CONTENTS_AT = `MATCH (c:Obj)-[rs:CONTAINED_IN*1..32]->(x)
  WHERE all(r IN rs WHERE r.at.epochMillis <= at AND (r.until IS NULL OR r.until.epochMillis > at))`;

/**
 * The receipts rule (API-CONTRACT §6) for a shipment of `x` at `at` (ms) written by `writer`: the shipped object and
 * what was in it then (CONTENTS_AT), each one the writer held at the time, as `c` rows carrying `carry` on.
 */
export function writerHeldContents(writer: string, carry: string): string {
  return `CALL (x, at) {
    RETURN x AS c
    UNION
    ${CONTENTS_AT}
    RETURN c
  }
  WITH ${carry}, c, ${markTime("c.held", writer)} AS since
  WHERE 0 <= since AND since <= at`;
}

/** The distinct parties of `list`, in first-seen order (a Cypher expression). */
function distinctParties(list: string): string {
  return `reduce(acc = [], p IN ${list} | CASE WHEN p IN acc THEN acc ELSE acc + p END)`;
}

/** The parties of a "party|ms" list whose time is at least `ms`. */
function partiesMarkedSince(list: string, ms: string): string {
  return `[h IN coalesce(${list}, []) WHERE toInteger(split(h, "|")[1]) >= ${ms} | split(h, "|")[0]]`;
}

/**
 * The parties that may see flow edge `r` from `src` to `dst` (API-CONTRACT §6): the parties of its event (1); for an
 * edge that is not a transformation, those whose received or originated history reaches `dst` not earlier than the
 * edge (2), and those following what `src` came from (3). A transformation edge is foreign to a party that is not a
 * party of its event, and never visible to it. Kept on the edge as `viewers` (visibility.queries.ts), so a read tests
 * one list per hop.
 */
export function flowEdgeViewers(src: string, r: string, dst: string): string {
  return distinctParties(`coalesce(${r}.parties, []) + CASE WHEN type(${r}) = "TRANSFORMED_INTO" THEN [] ELSE
    ${reachingParties(src, dst, `${r}.at.epochMillis`)} END`);
}

/** Rules 2 and 3 for an edge from `src` to `dst` at `atMs`: who follows `src`, whose history reaches `dst` since. */
function reachingParties(src: string, dst: string, atMs: string): string {
  return `coalesce(${src}.fol, []) + ${partiesMarkedSince(`${dst}.hist`, atMs)}`;
}

/**
 * flowEdgeViewers of an edge of `kind` from `src` to `dst` being created, from the values it is created with (`parties`
 * and `atMs` Cypher expressions): the same list, read before the edge exists.
 */
export function newFlowEdgeViewers(kind: string, parties: string, atMs: string, src: string, dst: string): string {
  if (kind === "TRANSFORMED_INTO") return distinctParties(`coalesce(${parties}, [])`);
  return distinctParties(`coalesce(${parties}, []) + ${reachingParties(src, dst, atMs)}`);
}

/** shipmentViewers of a shipment of `obj` being created with `parties` at `atMs` (Cypher expressions). */
export function newShipmentViewers(obj: string, parties: string, atMs: string): string {
  return distinctParties(`coalesce(${parties}, []) + ${reachingParties(obj, obj, atMs)}`);
}

/**
 * Marks crossing an edge of `kind` from `a` to `b` being created with `parties` at `atMs` (Cypher expressions), as
 * visibility.edgeCrossings reads them: `fol` of `a` flowing down to `b`, `hist` of `b` flowing up to `a` when the edge
 * is not later than the mark; a transformation edge carries only its own parties' marks.
 */
export function newEdgeCrossings(
  kind: string,
  a: string,
  b: string,
  parties: string,
  atMs: string,
): { fol: string; hist: string } {
  const own = (party: string) => (kind === "TRANSFORMED_INTO" ? ` AND ${party} IN coalesce(${parties}, [])` : "");
  return {
    fol: `[party IN coalesce(${a}.fol, []) WHERE NOT party IN coalesce(${b}.fol, [])${own("party")} | {key: ${b}.key, party: party}]`,
    hist: `[h IN coalesce(${b}.hist, []) WHERE toInteger(split(h, "|")[1]) >= ${atMs}${own('split(h, "|")[0]')}
        | {key: ${a}.key, party: split(h, "|")[0], at: toInteger(split(h, "|")[1])}]`,
  };
}

/** The parties that may see shipment `s` of `obj`: its parties, and rules 2 and 3 for a shipment edge. */
export function shipmentViewers(obj: string, s: string): string {
  return newShipmentViewers(obj, `${s}.parties`, `${s}.at.epochMillis`);
}

/** Whether flow edge or shipment `r` is visible to the party `$scope`: one of the viewers kept on it. */
export function visibleEdge(r: string): string {
  return `$scope IN coalesce(${r}.viewers, [])`;
}

/**
 * Whether flow edge `r`, met on a downstream walk from an object `$scope` follows (its `fol` mark), is visible to it:
 * `fol` is downward-closed over edges not foreign to the party, so every object such a walk reaches is followed too,
 * and the edge's `viewers` (which hold its upstream end's `fol`) list the party unless the edge is a transformation
 * the party took no part in. Same answer as visibleEdge there, without reading a list on every lot-membership edge.
 */
export function followedEdge(r: string): string {
  return `(type(${r}) <> "TRANSFORMED_INTO" OR $scope IN coalesce(${r}.parties, []))`;
}

/** Whether `$scope` follows object `o` (rule 3): a downstream walk from it may test edges with followedEdge. */
export function followedBy(o: string): string {
  return `$scope IN coalesce(${o}.fol, [])`;
}

/**
 * Whether `$scope` may see the object at all: a visible edge at it, or an event it is a party of (its marks; `named`
 * for an observation naming it).
 */
export function visibleObject(o: string): string {
  return `($scope IN coalesce(${o}.fol, []) OR ${markTime(`${o}.hist`, "$scope")} >= 0 OR $scope IN coalesce(${o}.named, [])
  OR EXISTS { MATCH (${o})-[r0:TRANSFORMED_INTO|IN_LOT|CONTAINED_IN]->(:Obj) WHERE ${visibleEdge("r0")} }
  OR EXISTS { MATCH (:Obj)-[r1:TRANSFORMED_INTO|IN_LOT|CONTAINED_IN]->(${o}) WHERE ${visibleEdge("r1")} }
  OR EXISTS { MATCH (${o})-[s2:SHIPPED_TO]->(:Organization) WHERE ${visibleEdge("s2")} }
  OR EXISTS { MATCH (${o})<-[:OF]-(sc:Scan) MATCH (e:Event {eventId: sc.eventId}) WHERE $scope IN coalesce(e.parties, []) })`;
}

/** Whether `$scope` holds, follows or originated `b` (its marks): the party has something of the batch. */
export function markedFor(b: string): string {
  return `($scope IN coalesce(${b}.fol, []) OR ${markTime(`${b}.hist`, "$scope")} >= 0)`;
}

/**
 * Whether `$scope` may see product `p`: its manufacturer, a party with something of one of its batches, or one who
 * can see the product's own code (一品一码).
 */
export function visibleProduct(p: string): string {
  return `(${p}.manufacturerId = $scope
    OR EXISTS { MATCH (b:Batch {productId: ${p}.id}) WHERE ${markedFor("b")} }
    OR (${p}:Obj AND ${visibleObject(p)}))`;
}

/**
 * Whether `$scope` may see organisation `o`: itself, a counterpart of a shipment the party took part in (either way),
 * or the manufacturer of a batch the party has something of.
 */
export function visibleOrganization(o: string): string {
  return `(${o}.id = $scope
    OR EXISTS { MATCH (:Obj)-[s:SHIPPED_TO]->(${o}) WHERE $scope IN coalesce(s.parties, []) }
    OR EXISTS { MATCH (:Organization {id: $scope})<-[s:SHIPPED_TO]-(:Obj) WHERE ${o}.id IN coalesce(s.parties, []) }
    OR EXISTS { MATCH (b:Batch {manufacturerId: ${o}.id}) WHERE ${markedFor("b")} })`;
}

/** The marks are the graph's bookkeeping, never an object's details: who follows or holds it is not for readers. */
export const MARK_PROPERTIES = ["fol", "hist", "held", "named"] as const;

export function withoutMarks(properties: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...properties };
  for (const key of MARK_PROPERTIES) delete copy[key];
  return copy;
}

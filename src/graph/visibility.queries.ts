import { query, type Query } from "./query.js";
import { CONTENTS_AT, markTime, writerHeldContents } from "./visibility-cypher.js";

/**
 * Visibility marks (API-CONTRACT §6), kept current at write time so a read checks membership at each hop instead of
 * computing closures:
 *
 *   edge.parties          the parties of the event that caused the edge
 *   obj.fol  [party]      the object follows something the party originated (what followed X), over edges not
 *                         foreign to the party: downward-closed, so a walk that meets a marked node may stop there
 *   obj.hist ["party|ms"] the object is in the history before t of something the party received or originated at t
 *                         (the largest such t): upward-closed over edges not later than t and not foreign
 *   obj.held ["party|ms"] the party holds the object since ms (the earliest), to judge whether a shipment it writes
 *                         grants anything
 *
 * A transformation edge is foreign to a party that is not a party of its event: marks never cross it for that party.
 */

const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/** `party` not foreign to edge `r`: only transformation edges can be foreign. */
const NOT_FOREIGN = `(type(r) <> "TRANSFORMED_INTO" OR party IN coalesce(r.parties, []))`;

/** The list with `party`'s entry replaced by `party|ms`. */
function withMark(list: string, party: string, ms: string): string {
  // Times arrive from JavaScript as floats: written as whole milliseconds, so every mark reads back as an integer.
  return `[h IN coalesce(${list}, []) WHERE NOT h STARTS WITH ${party} + "|"] + (${party} + "|" + toString(toInteger(${ms})))`;
}

const LOCATION_OWNERS = `
UNWIND $ids AS id
MATCH (l:Location {id: id})
WHERE l.organizationId IS NOT NULL
RETURN id, l.organizationId AS owner`;

export function locationOwners(ids: readonly string[]): Query {
  return query("visibility.locationOwners", LOCATION_OWNERS, { ids });
}

/**
 * Adds `party` to `fol` of the object and of everything that follows it over edges not foreign to the party;
 * returns the objects marked now.
 */
const MARK_FOLLOWED = `
UNWIND $rows AS row
MATCH (x:Obj {key: row.key})
WITH x, row.party AS party
CALL (x, party) {
  MATCH ANY SHORTEST (x)((a)-[r:${FLOW}]->(b) WHERE ${NOT_FOREIGN} AND NOT party IN coalesce(b.fol, [])){0,32}(y:Obj)
  WHERE NOT party IN coalesce(y.fol, [])
  RETURN collect(DISTINCT y) AS ys
}
UNWIND ys AS y
SET y.fol = [p IN coalesce(y.fol, []) WHERE p <> party] + party
RETURN y.key AS key, party`;

export function markFollowed(rows: readonly { key: string; party: string }[]): Query {
  return query("visibility.markFollowed", MARK_FOLLOWED, { rows });
}

/**
 * Raises `party`'s history mark to `at` on the object and everything it came from over edges not later than `at`
 * and not foreign to the party, stopping where the mark is already as high; returns the objects marked now.
 */
const MARK_HISTORY = `
UNWIND $rows AS row
MATCH (x:Obj {key: row.key})
WITH x, row.party AS party, row.at AS at
CALL (x, party, at) {
  MATCH ANY SHORTEST (u:Obj)((a)-[r:${FLOW}]->(b) WHERE r.at.epochMillis <= at AND ${NOT_FOREIGN}
                              AND ${markTime("a.hist", "party")} < at){0,32}(x)
  WHERE ${markTime("u.hist", "party")} < at
  RETURN collect(DISTINCT u) AS us
}
UNWIND us AS u
// Rows are read before any is written: another row of this statement may have raised the mark higher since.
SET u.hist = CASE WHEN ${markTime("u.hist", "party")} < at THEN ${withMark("u.hist", "party", "at")} ELSE u.hist END
RETURN u.key AS key, party`;

export function markHistory(rows: readonly { key: string; party: string; at: number }[]): Query {
  return query("visibility.markHistory", MARK_HISTORY, { rows });
}

/**
 * `party` holds the object from `at` on (the earliest time is kept), and with `contents` everything contained in it
 * at `at` (a shipment of a container delivers what was in it). Returns what the party did not hold before.
 */
const MARK_HELD = `
UNWIND $rows AS row
MATCH (x:Obj {key: row.key})
WITH x, row.party AS party, row.at AS at, row.contents AS contents
CALL (x, at, contents) {
  RETURN x AS c
  UNION
  ${CONTENTS_AT} AND contents
  RETURN c
}
WITH c, party, at, ${markTime("c.held", "party")} AS since
WHERE since < 0 OR since > at
// The filter saw the mark before this statement's writes: another row may have set an earlier time since.
SET c.held = CASE WHEN ${markTime("c.held", "party")} < 0 OR ${markTime("c.held", "party")} > at
                  THEN ${withMark("c.held", "party", "at")} ELSE c.held END
RETURN c.key AS key, party, at`;

export function markHeld(rows: readonly { key: string; party: string; at: number; contents: boolean }[]): Query {
  return query("visibility.markHeld", MARK_HELD, { rows });
}

/**
 * The parties of an observation that names an object (API-CONTRACT §6: resolveCode answers an object "with no visible
 * edge" when P is a party of an event naming it): `named` lists them, so visibleObject tests one list. Shipments,
 * commissioning, packing and transformations grant edges or marks of their own; an observation grants only this.
 */
const MARK_NAMED = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.key})
WITH o, row.party AS party
WHERE NOT party IN coalesce(o.named, [])
SET o.named = coalesce(o.named, []) + party`;

export function markNamed(rows: readonly { key: string; party: string }[]): Query {
  return query("visibility.markNamed", MARK_NAMED, { rows });
}

/**
 * Receipts a shipment grants (API-CONTRACT §6: "P received X at time t when a shipment of X, or of a container X was
 * in at t, to P was written at t by a party that held X at t"): the shipped object and everything in it at the
 * shipment's time, each one its writer held then, unless the writer is the receiver. A shipment from a party that
 * never held the goods, or one a party writes to itself, grants nothing; a container's content its writer never held
 * is not received with the container. `shipped` is the object the shipment names.
 */
const SHIPMENT_RECEIPTS = `
UNWIND $rows AS row
MATCH (x:Obj {key: row.objectKey})-[s:SHIPPED_TO {eventId: row.eventId}]->(q:Organization)
WITH x, s, q, s.at.epochMillis AS at
WHERE s.writer IS NOT NULL AND s.writer <> q.id
${writerHeldContents("s.writer", "x, q, at")}
RETURN c.key AS key, q.id AS party, at, x.key AS shipped`;

export function shipmentReceipts(rows: readonly { objectKey: string; eventId: string }[]): Query {
  return query("visibility.shipmentReceipts", SHIPMENT_RECEIPTS, { rows });
}

/**
 * Receipts that become valid now that `party` holds the object since `at` (events may arrive out of order):
 * shipments `party` wrote at or after `at`, to another party, of the object or of a container it was in then.
 */
const PENDING_RECEIPTS = `
UNWIND $rows AS row
MATCH (y:Obj {key: row.key})
MATCH (y)-[rs:CONTAINED_IN*0..32]->(x:Obj)-[s:SHIPPED_TO]->(q:Organization)
WHERE s.writer = row.party AND q.id <> row.party AND s.at.epochMillis >= row.at
  AND all(r IN rs WHERE r.at <= s.at AND (r.until IS NULL OR r.until > s.at))
RETURN DISTINCT y.key AS key, q.id AS party, s.at.epochMillis AS at, x.key AS shipped`;

export function pendingReceipts(rows: readonly { key: string; party: string; at: number }[]): Query {
  return query("visibility.pendingReceipts", PENDING_RECEIPTS, { rows });
}

/**
 * Marks crossing new edges: `fol` of the upstream end flows down (unless the edge is foreign to the party), `hist`
 * of the downstream end flows up when the edge is not later than the mark.
 */
const EDGE_CROSSINGS = `
UNWIND $rows AS row
// Both ends bound first: Expand(Into) walks from the end with fewer relationships (a lot has thousands of items).
MATCH (a:Obj {key: row.from})-[r:${FLOW}]->(b:Obj {key: row.to})
USING INDEX a:Obj(key)
USING INDEX b:Obj(key)
WHERE r.eventId = row.eventId
WITH a, r, b
RETURN [party IN coalesce(a.fol, []) WHERE NOT party IN coalesce(b.fol, []) AND ${NOT_FOREIGN} | {key: b.key, party: party}] AS fol,
       [h IN coalesce(b.hist, []) WHERE toInteger(split(h, "|")[1]) >= r.at.epochMillis
          AND (type(r) <> "TRANSFORMED_INTO" OR split(h, "|")[0] IN coalesce(r.parties, []))
        | {key: a.key, party: split(h, "|")[0], at: toInteger(split(h, "|")[1])}] AS hist`;

export function edgeCrossings(rows: readonly { from: string; to: string; eventId: string }[]): Query {
  return query("visibility.edgeCrossings", EDGE_CROSSINGS, { rows });
}

/**
 * Shipments, from `at` on, of `b` or of what it was in when they left (and `until`, when given, still holds then):
 * those a containment edge into `b` created at `at` puts its child's goods on, each once.
 */
function shipmentsCarrying(until: string | null): string {
  return `MATCH (b)-[rs:CONTAINED_IN*0..32]->(x:Obj)-[s:SHIPPED_TO]->(:Organization)
WHERE s.at >= at${until ? ` AND ${until}` : ""}
  AND all(c IN rs WHERE c.at <= s.at AND (c.until IS NULL OR c.until > s.at))
RETURN DISTINCT x.key AS objectKey, s.eventId AS eventId`;
}

/**
 * A new containment edge puts its child into shipments already recorded of the parent (or of a container the parent
 * was in) at or after the edge's time, while it holds (events may arrive out of order): returns them, to judge their
 * receipts again. What an edge carries depends only on its parent and its times, so the walk is made once per
 * distinct parent and times (twenty items packed into one case at once: one walk, not twenty).
 */
const CARRIED_SHIPMENTS = `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})-[r:CONTAINED_IN]->(b:Obj {key: row.to})
USING INDEX a:Obj(key)
USING INDEX b:Obj(key)
WHERE r.eventId = row.eventId
WITH DISTINCT b, r.at AS at, r.until AS until
${shipmentsCarrying("(until IS NULL OR until > s.at)")}`;

/** `rows`: new containment edges (child, parent, event). */
export function carriedShipments(rows: readonly { from: string; to: string; eventId: string }[]): Query {
  return query("visibility.carriedShipments", CARRIED_SHIPMENTS, { rows });
}

/**
 * CARRIED_SHIPMENTS for containment edges this write created and no containment end of the write touched: each
 * parent and time once (as the edges were created with them, open), so no edge is sought again by both its ends.
 */
const CARRIED_BY_NEW_EDGES = `
UNWIND $rows AS row
MATCH (b:Obj {key: row.to})
WITH b, datetime(row.at) AS at
${shipmentsCarrying(null)}`;

/** `rows`: parents of open containment edges this write created, with the edges' time (ISO-8601), each once. */
export function carriedByNewEdges(rows: readonly { to: string; at: string }[]): Query {
  return query("visibility.carriedByNewEdges", CARRIED_BY_NEW_EDGES, { rows });
}

/** Transformation edges joined across documents belong to both events: their parties are both events'. */
const TRANSFORMATION_PARTIES = `
UNWIND $ids AS tid
MATCH (e:Event {transformationId: tid})
WITH tid, collect(e) AS events
WITH tid, events, reduce(ps = [], e IN events | ps + coalesce(e.parties, [])) AS all
WITH [e IN events | e.eventId] AS ids, all, reduce(ks = [], e IN events | ks + coalesce(e.outputKeys, [])) AS outputs
UNWIND outputs AS output
MATCH (i:Obj)-[r:TRANSFORMED_INTO]->(o:Obj {key: output})
WHERE r.eventId IN ids
SET r.parties = all
RETURN i.key AS from, o.key AS to, r.eventId AS eventId`;

export function transformationParties(ids: readonly string[]): Query {
  return query("visibility.transformationParties", TRANSFORMATION_PARTIES, { ids });
}

import { query, type Query } from "./query.js";
import { flowEdgeViewers, shipmentViewers } from "./visibility-cypher.js";

/**
 * What the visibility marks (visibility.queries.ts) grant, kept where reads find it at the cost of an index seek
 * (API-CONTRACT §6: a party's read costs about what an ADMIN's read of the same visible subgraph costs):
 *
 *   edge.viewers                          the parties that may see a flow edge or shipment: a trace or recall tests
 *                                         one list per hop instead of evaluating the rules there
 *   (:Organization)-[:SEES_EVENT]->(e)    the party may list event `e`: a party of it, or a viewer of an edge it
 *                                         caused; `{party, at, eventId}` carries the events page's order
 *   (:Organization)-[:SEES_ALERT]->(a)    the party may list alert `a`: its responsible organisation, or a party
 *                                         following its object; `{party, at, id}` carries the alerts page's order
 *
 * Marks only ever grow, so viewers and sightings are only ever added; they are brought up to date in the transaction
 * of the write that changed the marks (visibility-marks.ts), and for an existing store by migration 12.
 */

const FLOW = "TRANSFORMED_INTO|IN_LOT|CONTAINED_IN";

/** The viewers of `r` from `a` to `b`, a flow edge or a shipment. */
const EDGE_VIEWERS = `CASE WHEN type(r) = "SHIPPED_TO" THEN ${shipmentViewers("a", "r")} ELSE ${flowEdgeViewers("a", "r", "b")} END`;

/** `party` may list event `eventId` (both bound): the sighting is created once, with the page's sort keys. */
export const SEE_EVENT = `
MATCH (e:Event {eventId: eventId})
MERGE (o:Organization {id: party})
ON CREATE SET o.roles = [], o.authorizedRegions = []
MERGE (o)-[v:SEES_EVENT]->(e)
ON CREATE SET v.party = party, v.at = e.eventTime, v.eventId = e.eventId`;

/**
 * After `a`, `r`, `b` are bound: sets the edge's viewers when parties were added, and lets each added party list the
 * edge's event.
 */
const SET_VIEWERS = `
WITH r, ${EDGE_VIEWERS} AS viewers
WITH r, viewers, [p IN viewers WHERE NOT p IN coalesce(r.viewers, [])] AS added
WHERE size(added) > 0
SET r.viewers = viewers
WITH r.eventId AS eventId, added
UNWIND added AS party
WITH DISTINCT eventId, party
${SEE_EVENT}`;

const REFRESH_FLOW_EDGES = `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})-[r:${FLOW}]->(b:Obj {key: row.to})
USING INDEX a:Obj(key)
USING INDEX b:Obj(key)
WHERE r.eventId = row.eventId
${SET_VIEWERS}`;

/** Viewers of flow edges just written, named by their ends and event. */
export function refreshFlowEdges(rows: readonly { from: string; to: string; eventId: string }[]): Query {
  return query("viewers.refreshFlowEdges", REFRESH_FLOW_EDGES, { rows });
}

const REFRESH_SHIPMENTS = `
UNWIND $rows AS row
MATCH (a:Obj {key: row.objectKey})-[r:SHIPPED_TO {eventId: row.eventId}]->(b:Organization)
${SET_VIEWERS}`;

/** Viewers of shipments just written, named by their object and event. */
export function refreshShipments(rows: readonly { objectKey: string; eventId: string }[]): Query {
  return query("viewers.refreshShipments", REFRESH_SHIPMENTS, { rows });
}

/**
 * Viewers of the edges whose visibility reads the marks of an object that changed: a new `fol` (what followed) is
 * read by the edges out of the object and its shipments, a new or higher `hist` (history) by the edges into it and
 * its shipments.
 */
const REFRESH_AROUND = `
UNWIND $rows AS row
MATCH (x:Obj {key: row.key})
CALL (x, row) {
  MATCH (x)-[r:${FLOW}]->(b:Obj) WHERE row.out
  RETURN x AS a, r, b
  UNION
  MATCH (a:Obj)-[r:${FLOW}]->(x) WHERE row.in
  RETURN a, r, x AS b
  UNION
  MATCH (x)-[r:SHIPPED_TO]->(b:Organization)
  RETURN x AS a, r, b
}
${SET_VIEWERS}`;

export function refreshAround(rows: readonly { key: string; out: boolean; in: boolean }[]): Query {
  return query("viewers.refreshAround", REFRESH_AROUND, { rows });
}

const SEE_EVENTS = `
UNWIND $rows AS row
UNWIND row.parties AS party
WITH DISTINCT row.eventId AS eventId, party
${SEE_EVENT}`;

/** The parties of events just written may list them. */
export function seeEvents(rows: readonly { eventId: string; parties: readonly string[] }[]): Query {
  return query("viewers.seeEvents", SEE_EVENTS, { rows });
}

/** `party` may list alert `a` (both bound), with the page's sort keys. */
export const SEE_ALERT = `
MERGE (viewer:Organization {id: party})
ON CREATE SET viewer.roles = [], viewer.authorizedRegions = []
MERGE (viewer)-[sight:SEES_ALERT]->(a)
SET sight.party = party, sight.at = a.scannedAt, sight.id = a.id`;

const SEE_ALERTS_OF_FOLLOWED = `
UNWIND $rows AS row
MATCH (:Obj {key: row.key})<-[:OF]-(:Scan)<-[:RAISED_BY]-(a:Alert)
WITH a, row.party AS party
${SEE_ALERT}`;

/** A party now following an object may list the alerts raised by its scans. */
export function seeAlertsOfFollowed(rows: readonly { key: string; party: string }[]): Query {
  return query("viewers.seeAlertsOfFollowed", SEE_ALERTS_OF_FOLLOWED, { rows });
}

/** After the issuance of a lot's codes: whoever follows the lot, besides its maker, may list the issuance event. */
const SEE_ISSUANCE = `
MATCH (b:Batch {id: $batchId})
UNWIND coalesce(b.fol, []) + b.manufacturerId AS party
WITH DISTINCT $eventId AS eventId, party
${SEE_EVENT}`;

export function seeIssuance(batchId: string, eventId: string): Query {
  return query("viewers.seeIssuance", SEE_ISSUANCE, { batchId, eventId });
}

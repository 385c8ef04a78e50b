import type { ErrorDeclarationRow, ObjectEdgeKind, ObjectRow } from "./flow-model.js";
import { query, type Query } from "./query.js";
import { newEdgeCrossings, newFlowEdgeViewers, newShipmentViewers, writerHeldContents } from "./visibility-cypher.js";

/**
 * Cypher for writing a WritePlan. Relationship types are spliced in only from the fixed OBJECT_EDGE_KINDS whitelist
 * (Cypher cannot parameterise a type); every value is a parameter. All MERGEs key on identities, so re-running a plan
 * writes nothing new.
 */

/**
 * Creates the events not in the graph yet and returns the ids of those this statement created, marked by the write's
 * own `writeId` (kept on the event: which write recorded it). An event that exists, or that a concurrent write of the
 * same id committed first (MERGE waits on the unique constraint, then matches it), is not returned: a duplicate.
 * Each event created is created with its sightings: its parties (`props.parties`) may list it (viewers.SEE_EVENT's
 * relationship, CREATEd since a new event has none yet); further viewers are added by viewers.seeEvents.
 */
const MERGE_EVENTS = `
UNWIND $rows AS row
MERGE (e:Event {eventId: row.eventId})
ON CREATE SET e += row.props, e.eventTime = datetime(row.eventTime), e.recordTime = datetime(row.recordTime),
              e.capturedAt = datetime(), e.writeId = $writeId
WITH e, row WHERE e.writeId = $writeId
CALL (e, row) {
  UNWIND coalesce(row.props.parties, []) AS party
  MERGE (o:Organization {id: party})
  ON CREATE SET o.roles = [], o.authorizedRegions = []
  CREATE (o)-[:SEES_EVENT {party: party, at: e.eventTime, eventId: e.eventId}]->(e)
}
RETURN row.eventId AS eventId`;

/** An event row as MERGE_EVENTS takes it: identity and times apart, every other stored property in `props`. */
export interface EventWrite {
  eventId: string;
  eventTime: string;
  recordTime: string;
  props: Record<string, unknown>;
}

export function mergeEvents(rows: readonly EventWrite[], writeId: string): Query {
  return query("flow.mergeEvents", MERGE_EVENTS, { rows, writeId });
}

const MERGE_OBJECTS = `
UNWIND $rows AS row
MERGE (o:Obj {key: row.key})
ON CREATE SET o.kind = row.kind, o.createdAt = datetime()`;

export function mergeObjects(rows: readonly ObjectRow[]): Query {
  return query("flow.mergeObjects", MERGE_OBJECTS, { rows });
}

const MERGE_ORGANIZATIONS = `
UNWIND $ids AS id
MERGE (o:Organization {id: id})
ON CREATE SET o.roles = [], o.authorizedRegions = []`;

export function mergeOrganizations(ids: readonly string[]): Query {
  return query("flow.mergeOrganizations", MERGE_ORGANIZATIONS, { ids });
}

const MERGE_LOCATIONS = `
UNWIND $ids AS id
MERGE (l:Location {id: id})`;

export function mergeLocations(ids: readonly string[]): Query {
  return query("flow.mergeLocations", MERGE_LOCATIONS, { ids });
}

/** A flow edge as the edge statements take it: optional fields present (null), so `row.x` never fails. */
export interface EdgeWrite {
  from: string;
  to: string;
  eventId: string;
  at: string;
  quantityLevel: boolean;
  segmentStart: number | null;
  segmentEnd: number | null;
  unit: string | null;
  /** The parties of the event that caused the edge (API-CONTRACT §6). */
  parties: string[];
}

/**
 * Edges of events this write created: no edge can carry their id yet, so they are CREATEd (the plan's rows are
 * deduplicated first), which costs less than MERGE's look at every relationship already between the two nodes. Each
 * edge is created with its viewers as the marks stand (visibility-cypher.ts; a mark this write changes later refreshes
 * the edges around it), and returns, when there are any, the viewers beyond its event's parties (`seen`: they may list
 * the event) and the marks crossing it (`fol`, `hist`, as visibility.edgeCrossings reads them).
 */
export function createEdges(kind: ObjectEdgeKind, rows: readonly EdgeWrite[]): Query {
  const crossings = newEdgeCrossings(kind, "a", "b", "row.parties", "at.epochMillis");
  const text = `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})
MATCH (b:Obj {key: row.to})
WITH a, b, row, datetime(row.at) AS at
WITH a, b, row, at, ${newFlowEdgeViewers(kind, "row.parties", "at.epochMillis", "a", "b")} AS viewers
CREATE (a)-[:${kind} {eventId: row.eventId, at: at, quantityLevel: coalesce(row.quantityLevel, false),
                      segmentStart: row.segmentStart, segmentEnd: row.segmentEnd, unit: row.unit,
                      parties: row.parties, viewers: CASE WHEN size(viewers) > 0 THEN viewers END}]->(b)
WITH row.eventId AS eventId, [p IN viewers WHERE NOT p IN coalesce(row.parties, [])] AS seen,
     ${crossings.fol} AS fol,
     ${crossings.hist} AS hist
WHERE size(seen) > 0 OR size(fol) > 0 OR size(hist) > 0
RETURN eventId, seen, fol, hist`;
  return query(`flow.create${pascal(kind)}`, text, { rows });
}

/** Edges of a plan whose event id names no event of the plan: MERGEd, so writing them again adds nothing. */
export function mergeEdges(kind: ObjectEdgeKind, rows: readonly EdgeWrite[]): Query {
  const text = `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})
MATCH (b:Obj {key: row.to})
MERGE (a)-[r:${kind} {eventId: row.eventId}]->(b)
ON CREATE SET r.at = datetime(row.at), r.quantityLevel = coalesce(row.quantityLevel, false),
              r.segmentStart = row.segmentStart, r.segmentEnd = row.segmentEnd, r.unit = row.unit,
              r.parties = row.parties`;
  return query(`flow.merge${pascal(kind)}`, text, { rows });
}

/** IN_LOT -> InLot, for statement names. */
function pascal(kind: ObjectEdgeKind): string {
  return kind
    .toLowerCase()
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

const END_CONTAINMENT = `
UNWIND $rows AS row
MATCH (c:Obj)-[r:CONTAINED_IN]->(:Obj {key: row.parent})
WHERE r.at <= datetime(row.at) AND (row.child IS NULL OR c.key = row.child)
  AND (r.until IS NULL OR datetime(row.at) < r.until)
// Several DELETEs of one containment in one write are matched before any SET runs: keep the earliest end.
WITH r, row ORDER BY datetime(row.at) DESC
SET r.until = datetime(row.at), r.endedBy = row.eventId`;

/** `child` null: every child of the parent. */
export function endContainment(
  rows: readonly { parent: string; child: string | null; eventId: string; at: string }[],
): Query {
  return query("flow.endContainment", END_CONTAINMENT, { rows });
}

/** A shipment as the shipment statements take it (`fromOrgId` present, null when unknown). */
export interface ShipmentWrite {
  objectKey: string;
  toOrgId: string;
  fromOrgId: string | null;
  eventId: string;
  at: string;
  /** The parties of the shipping event, and who wrote it (a receipt needs a writer that held the goods). */
  parties: string[];
  writer: string | null;
}

/**
 * Shipments of events this write created (see createEdges): created with their viewers as the marks stand; returns
 * the viewers beyond the event's parties (`seen`) and the receipts the shipment grants (`receipts`), when there are
 * any. Deduplicated by the caller. Each receiving organisation is merged once for all its shipments (a document ships
 * thousands of items to a handful of organisations), and only when one of them names an object in the graph, as a
 * MERGE per shipment did.
 *
 * Receipts (API-CONTRACT §6, as visibility.shipmentReceipts judges a stored shipment): the shipped object and what was
 * in it at the shipment's time, each one its writer held then, unless the writer is the receiver or there is none;
 * judged here, with the object bound, from the writer, receiver and time the shipment is created with. Marks this
 * write sets later (its originations) reach these shipments through visibility.pendingReceipts, as they reach
 * shipments written before.
 */
const CREATE_SHIPMENTS = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.objectKey})
WITH row.toOrgId AS toOrgId, collect({o: o, row: row}) AS shipments
MERGE (org:Organization {id: toOrgId})
ON CREATE SET org.roles = [], org.authorizedRegions = []
WITH org, shipments
UNWIND shipments AS shipment
WITH shipment.o AS o, org, shipment.row AS row, datetime(shipment.row.at) AS at
WITH o, org, row, at, ${newShipmentViewers("o", "row.parties", "at.epochMillis")} AS viewers
CREATE (o)-[:SHIPPED_TO {eventId: row.eventId, at: at, fromOrgId: row.fromOrgId, parties: row.parties,
                         writer: row.writer, viewers: CASE WHEN size(viewers) > 0 THEN viewers END}]->(org)
WITH o AS x, row, at.epochMillis AS at, [p IN viewers WHERE NOT p IN coalesce(row.parties, [])] AS seen
CALL (x, row, at) {
  WITH x, row, at WHERE row.writer IS NOT NULL AND row.writer <> row.toOrgId
  ${writerHeldContents("row.writer", "row, at")}
  RETURN collect({key: c.key, party: row.toOrgId, at: at, shipped: row.objectKey}) AS receipts
}
WITH row.eventId AS eventId, seen, receipts
WHERE size(seen) > 0 OR size(receipts) > 0
RETURN eventId, seen, receipts`;

export function createShipments(rows: readonly ShipmentWrite[]): Query {
  return query("flow.createShipments", CREATE_SHIPMENTS, { rows });
}

const MERGE_SHIPMENTS = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.objectKey})
MERGE (org:Organization {id: row.toOrgId})
ON CREATE SET org.roles = [], org.authorizedRegions = []
MERGE (o)-[s:SHIPPED_TO {eventId: row.eventId}]->(org)
ON CREATE SET s.at = datetime(row.at), s.fromOrgId = row.fromOrgId, s.parties = row.parties, s.writer = row.writer`;

export function mergeShipments(rows: readonly ShipmentWrite[]): Query {
  return query("flow.mergeShipments", MERGE_SHIPMENTS, { rows });
}

/** A scan as MERGE_SCANS takes it (optional fields present, null when unknown). */
export interface ScanWriteRow {
  eventId: string;
  objectKey: string;
  locationId: string | null;
  regionCode: string | null;
  at: string;
  bizStep: string;
  role: string | null;
}

/** A scan takes its region from the row (native scans) or from the registered location (EPCIS scans). */
const MERGE_SCANS = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.objectKey})
OPTIONAL MATCH (l:Location {id: row.locationId})
MERGE (s:Scan {id: row.eventId + "|" + row.objectKey})
ON CREATE SET s.eventId = row.eventId, s.objectKey = row.objectKey, s.at = datetime(row.at),
              s.bizStep = row.bizStep, s.locationId = row.locationId, s.role = row.role,
              s.regionCode = coalesce(row.regionCode, l.regionCode)
MERGE (s)-[:OF]->(o)
RETURN s.id AS id`;

export function mergeScans(rows: readonly ScanWriteRow[]): Query {
  return query("flow.mergeScans", MERGE_SCANS, { rows });
}

const MARK_ERROR_DECLARATIONS = `
UNWIND $rows AS row
MATCH (e:Event {eventId: row.eventId})
SET e.errorDeclared = true, e.errorDeclarationTime = datetime(row.declarationTime), e.errorReason = row.reason
WITH e, row
UNWIND row.correctiveEventIds AS cid
MERGE (c:Event {eventId: cid})
MERGE (c)-[:CORRECTS]->(e)`;

export function markErrorDeclarations(rows: readonly ErrorDeclarationRow[]): Query {
  return query("flow.markErrorDeclarations", MARK_ERROR_DECLARATIONS, { rows });
}

/**
 * TransformationEvents sharing a transformationID form one transformation, even when they arrive in different
 * documents: every input of one joins every output of another. The edge belongs to the later of the two events, so
 * the join is the same whichever arrives first, and MERGE on that eventId keeps it idempotent.
 */
const JOIN_TRANSFORMATIONS = `
UNWIND $ids AS tid
MATCH (a:Event {transformationId: tid}), (b:Event {transformationId: tid})
WHERE a <> b
WITH a, b, CASE WHEN a.eventTime > b.eventTime OR (a.eventTime = b.eventTime AND a.eventId > b.eventId)
                THEN a ELSE b END AS later
UNWIND coalesce(a.inputKeys, []) AS inputKey
UNWIND coalesce(b.outputKeys, []) AS outputKey
MATCH (i:Obj {key: inputKey}), (o:Obj {key: outputKey})
MERGE (i)-[r:TRANSFORMED_INTO {eventId: later.eventId}]->(o)
ON CREATE SET r.at = later.eventTime,
              r.quantityLevel = inputKey IN coalesce(a.classKeys, []) OR outputKey IN coalesce(b.classKeys, [])`;

/** `ids`: transformation ids of the events this write created. */
export function joinTransformations(ids: readonly string[]): Query {
  return query("flow.joinTransformations", JOIN_TRANSFORMATIONS, { ids });
}

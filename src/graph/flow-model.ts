/**
 * The flow graph's vocabulary: the fixed label and relationship-type whitelists every Cypher string is built from,
 * and the row shapes that write paths (EPCIS capture, the producer's flow, seeds) hand to the repositories.
 *
 * Shape in Neo4j (see API-CONTRACT.md §2):
 *   (:Obj {key, kind})                    every traceable object: PRODUCT, LOT, ITEM, CONTAINER, CODE
 *   (:Organization {id, name, roles, regionCode, authorizedRegions})
 *   (:Location {id, name, regionCode, organizationId})
 *   (:Event {eventId, type, eventTime, ...})  EPCIS or native event, the provenance of every edge
 *   (:Obj)-[:TRANSFORMED_INTO {eventId, at}]->(:Obj)
 *   (:Obj)-[:IN_LOT {eventId, at}]->(:Obj)          lot -> item
 *   (:Obj)-[:CONTAINED_IN {eventId, at, until?, segmentStart?, segmentEnd?, unit?}]->(:Obj)   child -> parent
 *   (:Obj)-[:SHIPPED_TO {eventId, at, fromOrgId?}]->(:Organization)
 */

import type { EdgeKind, ObjectKind } from "../trace/flow-kinds.js";

export type { EdgeKind, ObjectKind };
export const OBJECT_KINDS = ["PRODUCT", "LOT", "ITEM", "CONTAINER", "CODE"] as const satisfies readonly ObjectKind[];

export const OBJECT_EDGE_KINDS = ["TRANSFORMED_INTO", "IN_LOT", "CONTAINED_IN"] as const satisfies readonly EdgeKind[];
export type ObjectEdgeKind = (typeof OBJECT_EDGE_KINDS)[number];

export const EDGE_KINDS = [...OBJECT_EDGE_KINDS, "SHIPPED_TO"] as const satisfies readonly EdgeKind[];

/** A traceable object to MERGE by its canonical key. */
export interface ObjectRow {
  key: string;
  kind: ObjectKind;
}

/** A flow edge between two objects; both ends are MERGEd as objects of the given kinds. */
export interface FlowEdgeRow {
  kind: ObjectEdgeKind;
  from: string;
  to: string;
  eventId: string;
  /** ISO-8601 instant the edge starts to hold. */
  at: string;
  /** Quantity-level edges (a class, not an instance) make recall impact POSSIBLE rather than CERTAIN. */
  quantityLevel?: boolean;
  /** 子母码 segments: the child's range along the parent (e.g. metres of a cable reel). */
  segmentStart?: number;
  segmentEnd?: number;
  unit?: string;
}

/** AggregationEvent DELETE: containment of `child` in `parent` ends at `at` (all children when child is absent). */
export interface ContainmentEndRow {
  parent: string;
  child?: string;
  eventId: string;
  at: string;
}

/** object -> organisation, from a shipping event's destination (owning or possessing party). */
export interface ShipmentRow {
  objectKey: string;
  toOrgId: string;
  fromOrgId?: string;
  eventId: string;
  at: string;
}

/** An OBSERVE with bizStep retail_selling or inspecting: a market scan, judged for diversion when written. */
export interface ScanRow {
  eventId: string;
  objectKey: string;
  /** Canonical key of the bizLocation (or readPoint); its region comes from the registered Location. */
  locationId?: string;
  /** Explicit region (native scans); wins over the location's. */
  regionCode?: string;
  at: string;
  bizStep: string;
  /** Who scanned (native scans): CONSUMER, RETAILER, INSPECTOR, LOGISTICS. */
  role?: string;
}

/** The stored event itself; `document` is the event's JSON as captured. */
export interface EventRow {
  eventId: string;
  type: string;
  eventTime: string;
  recordTime: string;
  action?: string;
  bizStep?: string;
  disposition?: string;
  readPoint?: string;
  bizLocation?: string;
  /** Canonical keys of every object the event names, for MATCH_anyEPC style queries. */
  objectKeys: string[];
  /** Instance EPCs of epcList, childEPCs, inputEPCList and outputEPCList (MATCH_epc). */
  epcKeys?: string[];
  /** parentID's key (MATCH_parentID; MATCH_anyEPC = epcKeys + parentKey). */
  parentKey?: string;
  /** Classes of the quantity lists (MATCH_epcClass / MATCH_anyEPCClass). */
  classKeys?: string[];
  /** TransformationEvents sharing it form one transformation (joined across documents by the writer). */
  transformationId?: string;
  /** Keys of a transformation's inputs and outputs, kept so a later event with the same id can be joined. */
  inputKeys?: string[];
  outputKeys?: string[];
  /** JSON of the namespace prefixes the event's document declared, so the event can be served back as it came. */
  namespaces?: string;
  document: string;
  /** True when eventID was absent and computed as the CBV 2.0 event hash. */
  hashedId: boolean;
  /** Owning and possessing parties of the sourceList (senders) and destinationList (receivers). */
  sourceParties?: string[];
  destinationParties?: string[];
  /** Native events: further parties (the manufacturer of a batch, of linked codes). */
  parties?: string[];
  /** Native events: what the event commissioned, produced or packed (the batch, a bundle or mother code). */
  originates?: string[];
  /** Who wrote it (API-CONTRACT §6): the credential's id and the organisation it acts for. */
  actorCredential?: string;
  actorOrganization?: string;
}

/** An errorDeclaration: the declared event is marked, corrective events linked. */
export interface ErrorDeclarationRow {
  eventId: string;
  declarationTime: string;
  reason?: string;
  correctiveEventIds: string[];
}

/**
 * One element of a captured document's master data (`epcisHeader.epcisMasterData`): MERGEd by vocabulary type and
 * key, so capturing it again updates it. Linked to our graph by key: a location's id, an organisation's id or one of
 * its identifiers (a party GLN), an object class's key.
 */
export interface MasterDataRow {
  /** The vocabulary type, `urn:epcglobal:epcis:vtype:…`. */
  vtype: string;
  /** The element's id as sent. */
  id: string;
  /** Its canonical key (GS1 identifiers in any spelling meet). */
  key: string;
  name: string | null;
  /** JSON of the address attributes found (street, city, postalCode, countryCode, ...), or null. */
  address: string | null;
  /** JSON of the attributes exactly as sent. */
  attributes: string;
  /** Keys of the children (a site's sub-locations). */
  children: string[];
  /** JSON of the namespace prefixes the attributes use. */
  namespaces: string;
  /** The organisation of the credential that captured it (none for the operator). */
  capturedBy?: string | null;
}

/** Everything one batch of events writes, in one transaction. */
export interface WritePlan {
  events: EventRow[];
  objects: ObjectRow[];
  edges: FlowEdgeRow[];
  containmentEnds: ContainmentEndRow[];
  shipments: ShipmentRow[];
  scans: ScanRow[];
  errorDeclarations: ErrorDeclarationRow[];
  /** Organisations and locations named by events (MERGEd by id, details left as registered). */
  organizationIds: string[];
  locationIds: string[];
  /** The document's master data (issue 16 item 6); absent for the producer's own flow. */
  masterData?: MasterDataRow[];
}

export function emptyWritePlan(): WritePlan {
  return {
    events: [],
    objects: [],
    edges: [],
    containmentEnds: [],
    shipments: [],
    scans: [],
    errorDeclarations: [],
    organizationIds: [],
    locationIds: [],
  };
}

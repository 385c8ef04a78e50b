import { IdentifierError, lotKey } from "../codes/index.js";
import { type EventRow, type FlowEdgeRow, type WritePlan } from "../graph/flow-model.js";
import { cbvShortName } from "./cbv.js";
import { utcMillis, eventHashId } from "./event-hash.js";
import { canonicalOrSelf, resolveIdentifier } from "../codes/index.js";
import {
  type EpcisEvent,
  type NamespaceMap,
  type QuantityElement,
  type TransformationEvent,
} from "./epcis-event.type.js";
import { ilmdLotNumber } from "./ilmd.js";
import { STANDARD_NAMESPACES, namespacesOf } from "./namespaces.js";
import { PlanBuilder, type PlanObject, isObjectKind } from "./plan-builder.js";

export interface MapOptions {
  /** Prefixes of the document's `@context` (from `validateEpcisDocument`), for hashing user extensions. */
  namespaces?: NamespaceMap;
  /** When the repository recorded the events (EPCIS recordTime is set at capture); defaults to now. */
  recordTime?: string;
}

interface MappedEvent {
  event: EpcisEvent;
  eventId: string;
  at: string;
  namespaces: NamespaceMap;
}

type Role = "instance" | "class" | "parent";

const OPAQUE_KIND = { instance: "ITEM", class: "PRODUCT", parent: "CONTAINER" } as const;
const SCAN_STEPS = new Set(["retail_selling", "inspecting"]);
const PARTY_TYPES = ["owning_party", "possessing_party"] as const;

/**
 * Maps validated EPCIS events to the rows of one write (API-CONTRACT §2 and §3):
 *   TransformationEvent         every input (EPC or class) -> every output as TRANSFORMED_INTO, joined across all
 *                               events of the batch that share a transformationID;
 *   ILMD cbvmda:lotNumber       lot (GTIN of the item + lot number) -> item as IN_LOT, for ObjectEvent ADD and
 *                               TransformationEvent outputs;
 *   AggregationEvent ADD/OBSERVE child (EPC or class) -> parentID as CONTAINED_IN; DELETE ends containment;
 *   bizStep shipping            object -> owning (else possessing) party of the destinationList, sender from the
 *                               sourceList; ObjectEvent: epcList and quantity classes, AggregationEvent: parentID;
 *   OBSERVE retail_selling/inspecting  one market scan per object, at bizLocation (else readPoint).
 * Every event also becomes an EventRow (eventID, else its event hash). Pure: no clock unless `recordTime` is omitted.
 */
export function mapEventsToWritePlan(events: readonly EpcisEvent[], options: MapOptions = {}): WritePlan {
  const documentNamespaces = options.namespaces ?? STANDARD_NAMESPACES;
  const recordTime = options.recordTime ?? new Date().toISOString();
  const builder = new PlanBuilder();
  const mapped = events.map((event) => identify(event, documentNamespaces));
  for (const m of mapped) {
    eventRow(builder, m, recordTime);
    namedObjects(builder, whatOf(m.event));
    places(builder, m.event);
    lotMembership(builder, m);
    containment(builder, m);
    shipment(builder, m);
    marketScan(builder, m);
    errorDeclaration(builder, m);
  }
  transformations(builder, mapped);
  return builder.build();
}

function identify(event: EpcisEvent, documentNamespaces: NamespaceMap): MappedEvent & { hashedId: boolean } {
  const namespaces = namespacesOf(event["@context"], documentNamespaces);
  const given = typeof event.eventID === "string" ? event.eventID.trim() : "";
  const at = utcMillis(event.eventTime) ?? event.eventTime;
  return given === ""
    ? { event, eventId: eventHashId(event, documentNamespaces), hashedId: true, at, namespaces }
    : { event, eventId: given, hashedId: false, at, namespaces };
}

// ---- identifiers --------------------------------------------------------------------------------------------------

/** The object an identifier names in a given role; undefined for locations, parties and invalid values. */
function objectAt(value: unknown, role: Role): PlanObject | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const { key, kind } = resolveIdentifier(value);
    if (kind !== undefined && !isObjectKind(kind)) return undefined;
    const objectKind = kind ?? OPAQUE_KIND[role];
    return { key, kind: objectKind, isClass: role === "class" || objectKind === "PRODUCT" || objectKind === "LOT" };
  } catch (error) {
    if (error instanceof IdentifierError) return undefined;
    throw error;
  }
}

function instances(list: readonly string[] | undefined): PlanObject[] {
  return (list ?? []).flatMap((epc) => objectAt(epc, "instance") ?? []);
}

function classes(list: readonly QuantityElement[] | undefined): PlanObject[] {
  return (list ?? []).flatMap((element) => objectAt(element.epcClass, "class") ?? []);
}

/** The "what" dimension of an event (EPCIS 2.0 §7.3.1): parent, EPCs and quantity classes, as sent. */
interface What {
  parentID?: string;
  epcs: string[];
  quantities: QuantityElement[];
  /** TransformationEvent only: its inputs and outputs (EPCs and classes). */
  transformation?: { inputs: string[]; outputs: string[] };
}

function whatOf(event: EpcisEvent): What {
  switch (event.type) {
    case "ObjectEvent":
      return { epcs: event.epcList ?? [], quantities: event.quantityList ?? [] };
    case "TransactionEvent":
      return { parentID: event.parentID, epcs: event.epcList ?? [], quantities: event.quantityList ?? [] };
    case "AggregationEvent":
    case "AssociationEvent":
      return { parentID: event.parentID, epcs: event.childEPCs ?? [], quantities: event.childQuantityList ?? [] };
    case "TransformationEvent":
      return transformationWhat(event);
    default:
      return unreachable(event);
  }
}

function transformationWhat(event: TransformationEvent): What {
  const inputs = [...(event.inputEPCList ?? []), ...(event.inputQuantityList ?? []).map((q) => q.epcClass)];
  const outputs = [...(event.outputEPCList ?? []), ...(event.outputQuantityList ?? []).map((q) => q.epcClass)];
  return {
    epcs: [...(event.inputEPCList ?? []), ...(event.outputEPCList ?? [])],
    quantities: [...(event.inputQuantityList ?? []), ...(event.outputQuantityList ?? [])],
    transformation: { inputs, outputs },
  };
}

/** Canonical keys, deduplicated, in order of appearance. */
function keys(identifiers: readonly string[]): string[] {
  return [...new Set(identifiers.map(canonicalOrSelf))];
}

/** The keys the EPCIS query parameters match on (MATCH_epc, MATCH_parentID, MATCH_epcClass, MATCH_anyEPC…). */
function matchKeys(
  what: What,
): Pick<EventRow, "objectKeys" | "epcKeys" | "classKeys" | "parentKey" | "inputKeys" | "outputKeys"> {
  const classes = what.quantities.map((element) => element.epcClass);
  const parent = what.parentID === undefined ? [] : [what.parentID];
  return {
    objectKeys: keys([...parent, ...what.epcs, ...classes]),
    epcKeys: keys(what.epcs),
    classKeys: keys(classes),
    ...(what.parentID !== undefined && { parentKey: canonicalOrSelf(what.parentID) }),
    ...(what.transformation !== undefined && {
      inputKeys: keys(what.transformation.inputs),
      outputKeys: keys(what.transformation.outputs),
    }),
  };
}

// ---- rows ---------------------------------------------------------------------------------------------------------

function eventRow(builder: PlanBuilder, m: MappedEvent & { hashedId: boolean }, recordTime: string): void {
  const { event } = m;
  builder.event({
    eventId: m.eventId,
    type: event.type,
    eventTime: m.at,
    recordTime,
    ...(event.type !== "TransformationEvent" && { action: event.action }),
    ...(event.bizStep !== undefined && { bizStep: cbvShortName("bizStep", event.bizStep) ?? event.bizStep.trim() }),
    ...(event.disposition !== undefined && {
      disposition: cbvShortName("disposition", event.disposition) ?? event.disposition.trim(),
    }),
    ...(event.readPoint !== undefined && { readPoint: canonicalOrSelf(event.readPoint.id) }),
    ...(event.bizLocation !== undefined && { bizLocation: canonicalOrSelf(event.bizLocation.id) }),
    ...listParties(
      "sourceParties",
      (event.sourceList ?? []).map((s) => ({ type: s.type, id: s.source })),
    ),
    ...listParties(
      "destinationParties",
      (event.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination })),
    ),
    ...(event.type === "TransformationEvent" &&
      event.transformationID !== undefined && { transformationId: canonicalOrSelf(event.transformationID) }),
    ...matchKeys(whatOf(event)),
    document: JSON.stringify(event),
    hashedId: m.hashedId,
  });
}

/** Every object an event names is MERGEd, so `resolveCode` finds it even without a flow edge. */
function namedObjects(builder: PlanBuilder, what: What): void {
  const parent = objectAt(what.parentID, "parent");
  const all = [...(parent === undefined ? [] : [parent]), ...instances(what.epcs), ...classes(what.quantities)];
  for (const object of all) builder.object(object);
}

/** Locations (read point, business location, `location` sources/destinations) and parties the event names. */
function places(builder: PlanBuilder, event: EpcisEvent): void {
  if (event.readPoint !== undefined) builder.location(canonicalOrSelf(event.readPoint.id));
  if (event.bizLocation !== undefined) builder.location(canonicalOrSelf(event.bizLocation.id));
  const ends = [
    ...(event.sourceList ?? []).map((s) => ({ type: s.type, id: s.source })),
    ...(event.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination })),
  ];
  for (const end of ends) {
    const type = cbvShortName("sourceDestType", end.type);
    if (type === "location") builder.location(canonicalOrSelf(end.id));
    else if (type === "owning_party" || type === "possessing_party") builder.organization(canonicalOrSelf(end.id));
  }
}

function lotMembership(builder: PlanBuilder, m: MappedEvent): void {
  const { event } = m;
  const items =
    event.type === "ObjectEvent" && event.action === "ADD"
      ? event.epcList
      : event.type === "TransformationEvent"
        ? event.outputEPCList
        : undefined;
  if (items === undefined || !("ilmd" in event)) return;
  const lotNumber = ilmdLotNumber(event.ilmd, m.namespaces);
  if (lotNumber === undefined) return;
  for (const epc of items) {
    const lot = lotOf(epc, lotNumber);
    const item = objectAt(epc, "instance");
    if (lot === undefined || item === undefined) continue;
    builder.object(lot);
    builder.edge({ kind: "IN_LOT", from: lot.key, to: item.key, eventId: m.eventId, at: m.at });
  }
}

/** The lot of an item: GTIN of the item + the ILMD lot number; undefined for items without a GTIN. */
function lotOf(epc: string, lotNumber: string): PlanObject | undefined {
  try {
    const { gtin, kind } = resolveIdentifier(epc);
    return gtin === undefined || kind !== "ITEM"
      ? undefined
      : { key: lotKey(gtin, lotNumber), kind: "LOT", isClass: true };
  } catch (error) {
    if (error instanceof IdentifierError) return undefined;
    throw error;
  }
}

function containment(builder: PlanBuilder, m: MappedEvent): void {
  const { event } = m;
  if (event.type !== "AggregationEvent") return;
  const parent = objectAt(event.parentID, "parent");
  if (parent === undefined) return;
  const children = [...instances(event.childEPCs), ...classes(event.childQuantityList)];
  if (event.action === "DELETE") {
    if (children.length === 0) builder.containmentEnd({ parent: parent.key, eventId: m.eventId, at: m.at });
    for (const child of children)
      builder.containmentEnd({ parent: parent.key, child: child.key, eventId: m.eventId, at: m.at });
    return;
  }
  for (const child of children) builder.edge(flowEdge("CONTAINED_IN", child, parent, m));
}

function flowEdge(kind: FlowEdgeRow["kind"], from: PlanObject, to: PlanObject, m: MappedEvent): FlowEdgeRow {
  const row: FlowEdgeRow = { kind, from: from.key, to: to.key, eventId: m.eventId, at: m.at };
  if (from.isClass || to.isClass) row.quantityLevel = true;
  return row;
}

/** Every owning or possessing party of a source or destination list (API-CONTRACT §6: an event's parties). */
function listParties<K extends "sourceParties" | "destinationParties">(
  name: K,
  list: ReadonlyArray<{ type: string; id: string }>,
): Partial<Record<K, string[]>> {
  const parties = list
    .filter((end) =>
      (PARTY_TYPES as readonly (string | undefined)[]).includes(cbvShortName("sourceDestType", end.type)),
    )
    .map((end) => canonicalOrSelf(end.id));
  return parties.length ? ({ [name]: [...new Set(parties)] } as Partial<Record<K, string[]>>) : {};
}

/** The owning party, else the possessing party, of a source or destination list. */
function party(list: ReadonlyArray<{ type: string; id: string }>): string | undefined {
  for (const wanted of PARTY_TYPES) {
    const found = list.find((end) => cbvShortName("sourceDestType", end.type) === wanted);
    if (found !== undefined) return canonicalOrSelf(found.id);
  }
  return undefined;
}

function shipment(builder: PlanBuilder, m: MappedEvent): void {
  const { event } = m;
  if ((event.type !== "ObjectEvent" && event.type !== "AggregationEvent") || !isBizStep(event.bizStep, "shipping"))
    return;
  const toOrgId = party((event.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination })));
  if (toOrgId === undefined) return;
  const fromOrgId = party((event.sourceList ?? []).map((s) => ({ type: s.type, id: s.source })));
  const shipped =
    event.type === "ObjectEvent"
      ? [...instances(event.epcList), ...classes(event.quantityList)]
      : [objectAt(event.parentID, "parent")].flatMap((parent) => parent ?? []);
  for (const object of shipped) {
    builder.shipment({
      objectKey: object.key,
      toOrgId,
      eventId: m.eventId,
      at: m.at,
      ...(fromOrgId !== undefined && { fromOrgId }),
    });
  }
}

function isBizStep(value: string | undefined, wanted: string): boolean {
  return value !== undefined && cbvShortName("bizStep", value) === wanted;
}

function marketScan(builder: PlanBuilder, m: MappedEvent): void {
  const { event } = m;
  if (event.type !== "ObjectEvent" || event.action !== "OBSERVE" || event.bizStep === undefined) return;
  const bizStep = cbvShortName("bizStep", event.bizStep);
  if (bizStep === undefined || !SCAN_STEPS.has(bizStep)) return;
  const place = event.bizLocation?.id ?? event.readPoint?.id;
  const locationId = place === undefined ? undefined : canonicalOrSelf(place);
  for (const object of [...instances(event.epcList), ...classes(event.quantityList)]) {
    builder.scan({
      eventId: m.eventId,
      objectKey: object.key,
      at: m.at,
      bizStep,
      ...(locationId !== undefined && { locationId }),
    });
  }
}

function errorDeclaration(builder: PlanBuilder, m: MappedEvent): void {
  const declaration = m.event.errorDeclaration;
  if (declaration === undefined) return;
  const reason =
    declaration.reason === undefined
      ? undefined
      : (cbvShortName("errorReason", declaration.reason) ?? declaration.reason.trim());
  builder.errorDeclaration({
    eventId: m.eventId,
    declarationTime: utcMillis(declaration.declarationTime) ?? declaration.declarationTime,
    correctiveEventIds: (declaration.correctiveEventIDs ?? []).map((id) => id.trim()),
    ...(reason !== undefined && { reason }),
  });
}

// ---- transformations ----------------------------------------------------------------------------------------------

interface Side {
  object: PlanObject;
  from: MappedEvent;
}

/**
 * Inputs and outputs of all events sharing a transformationID are joined (an event without one is its own
 * transformation). An edge between two events' objects carries the later event, the moment both were known.
 */
function transformations(builder: PlanBuilder, mapped: readonly MappedEvent[]): void {
  const groups = new Map<string, Array<MappedEvent & { event: TransformationEvent }>>();
  mapped.forEach((m, index) => {
    if (m.event.type !== "TransformationEvent") return;
    const id = m.event.transformationID;
    const key = id === undefined ? `#${index}` : `id:${canonicalOrSelf(id)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [{ ...m, event: m.event }]);
    else group.push({ ...m, event: m.event });
  });
  for (const group of groups.values()) {
    const inputs: Side[] = group.flatMap((m) => sides(m, m.event.inputEPCList, m.event.inputQuantityList));
    const outputs: Side[] = group.flatMap((m) => sides(m, m.event.outputEPCList, m.event.outputQuantityList));
    for (const input of inputs) {
      for (const output of outputs) {
        const later = input.from.at > output.from.at ? input.from : output.from;
        builder.edge(flowEdge("TRANSFORMED_INTO", input.object, output.object, later));
      }
    }
  }
}

function sides(
  m: MappedEvent,
  epcs: readonly string[] | undefined,
  quantities: readonly QuantityElement[] | undefined,
): Side[] {
  return [...instances(epcs), ...classes(quantities)].map((object) => ({ object, from: m }));
}

function unreachable(value: never): never {
  throw new Error(`unhandled EPCIS event ${JSON.stringify(value)}`);
}

/**
 * A supply chain as a LOG OF EVENTS, the way API-CONTRACT.md §2 and §6 speak of it, and the flow edges and event
 * parties the contract derives from it. Written from the contract's text only (nothing here comes from src/): the
 * visibility model (visibility-model.ts) answers §6 over what this file derives.
 *
 * Keys are opaque strings. The model does not canonicalise identifiers (§1 is the identifier tests' business): an
 * integration test maps each key to a real GS1 key or native code before it sends an event.
 */

export type OrgId = string;
export type ObjectKey = string;
export type EventId = string;

export type OrgRole = "MANUFACTURER" | "SUPPLIER" | "DISTRIBUTOR" | "RETAILER" | "LOGISTICS" | "REGULATOR";
export type ObjectKind = "PRODUCT" | "LOT" | "ITEM" | "CONTAINER" | "CODE";
export type EdgeKind = "TRANSFORMED_INTO" | "IN_LOT" | "CONTAINED_IN" | "SHIPPED_TO";

export interface ChainOrganization {
  id: OrgId;
  roles: OrgRole[];
}

/** What an object is, for a test that has to name it for real (the model itself only needs the key). */
export interface ChainObjectInfo {
  key: ObjectKey;
  kind: ObjectKind;
  /** Created through the producer's flow (§5): its real key is the code or batch key the service hands out. */
  native: boolean;
}

/** A bizLocation or readPoint, with its owner (`Location.organizationId`, §6 "acts in"). */
export interface LocationRef {
  key: string;
  owner: OrgId | null;
}

/** A sourceList / destinationList entry naming a party (CBV source/destination types). */
export interface PartyEntry {
  type: "owning_party" | "possessing_party";
  party: OrgId;
}

interface EventBase {
  id: EventId;
  /** When it happened (eventTime), epoch ms. The position in the log is the order of arrival, which may differ. */
  time: number;
  /**
   * The organisation of the credential that wrote it (§6 "Every write records the credential's id and organisation
   * as its actor"). Null when the platform operator (ADMIN_API_KEY) wrote it.
   */
  writer: OrgId | null;
}

interface EpcisBase extends EventBase {
  /** Bare CBV name (`shipping`), or its URN / Web URI form: see `isShippingStep`. */
  bizStep: string | null;
  bizLocation: LocationRef | null;
  readPoint: LocationRef | null;
  sources: PartyEntry[];
  destinations: PartyEntry[];
}

export interface ObjectEventRecord extends EpcisBase {
  kind: "OBJECT";
  action: "ADD" | "OBSERVE";
  /** epcList (instances). */
  epcs: ObjectKey[];
  /** quantityList classes (LGTIN lots, product classes). */
  classes: ObjectKey[];
  /** The lot of ILMD `cbvmda:lotNumber` (GTIN + lotNumber), as its key; only meaningful with action ADD. */
  ilmdLot: ObjectKey | null;
}

export interface AggregationEventRecord extends EpcisBase {
  kind: "AGGREGATION";
  action: "ADD" | "OBSERVE" | "DELETE";
  parent: ObjectKey;
  /** childEPCs and childQuantityList classes. A DELETE with no children removes every child of the parent. */
  children: ObjectKey[];
}

export interface TransformationEventRecord extends EpcisBase {
  kind: "TRANSFORMATION";
  /** Events sharing a transformationID form one transformation (§2 item 1). */
  transformationId: string | null;
  inputs: ObjectKey[];
  outputs: ObjectKey[];
  /** The lot of ILMD `cbvmda:lotNumber` of the outputs; the generators only set it when the outputs are items. */
  ilmdLot: ObjectKey | null;
}

/** §5 createBatch: the batch is a LOT; `components` are the lots / items it consumed. */
export interface NativeBatchRecord extends EventBase {
  kind: "NATIVE_BATCH";
  manufacturer: OrgId;
  batch: ObjectKey;
  components: ObjectKey[];
}

/** §5 issueCodes: item codes, under a batch (lot membership) or, for a per-product code, under none. */
export interface NativeIssueRecord extends EventBase {
  kind: "NATIVE_ISSUE";
  manufacturer: OrgId;
  batch: ObjectKey | null;
  codes: ObjectKey[];
}

/** §5 linkCodes: a mother (子母) or bundle (组合) code and its children. */
export interface NativeLinkRecord extends EventBase {
  kind: "NATIVE_LINK";
  manufacturer: OrgId;
  parent: ObjectKey;
  children: ObjectKey[];
}

/** §5 recordShipment. */
export interface NativeShipmentRecord extends EventBase {
  kind: "NATIVE_SHIPMENT";
  from: OrgId;
  to: OrgId;
  objects: ObjectKey[];
}

export type EpcisEventRecord = ObjectEventRecord | AggregationEventRecord | TransformationEventRecord;
export type NativeEventRecord = NativeBatchRecord | NativeIssueRecord | NativeLinkRecord | NativeShipmentRecord;
export type ChainEvent = EpcisEventRecord | NativeEventRecord;

export interface ChainLog {
  organizations: ChainOrganization[];
  /** Optional catalogue of the objects (kinds for a test that names them for real). */
  objects?: ChainObjectInfo[];
  /** In order of ARRIVAL (capture); `time` says when each happened. The model never relies on this order. */
  events: ChainEvent[];
}

/** One flow edge of §2, as caused by one event (or, for a transformation split over events, by two). */
export interface FlowEdge {
  /** Unique per edge occurrence: two events causing the same (kind, from, to) give two occurrences. */
  id: string;
  kind: EdgeKind;
  from: ObjectKey;
  /** An object, or for SHIPPED_TO the destination organisation. */
  to: ObjectKey | OrgId;
  /** When the edge came to be, epoch ms. */
  time: number;
  /**
   * The causing event(s). One, except for a transformation whose inputs and outputs are declared by different events
   * sharing a transformationID: then the input's event and the output's event.
   */
  events: EventId[];
  /** SHIPPED_TO only: "The sourceList's party is the shipment's sender" (§2 item 4); native: `from`. */
  sender: OrgId | null;
}

/** A shipment (§2 item 4) as one event: what it ships, from whom, to whom, written by whom. */
export interface Shipment {
  event: EventId;
  time: number;
  /** The writer §6 "received" asks about: see `effectiveWriter`. */
  writer: OrgId | null;
  sender: OrgId | null;
  destinations: OrgId[];
  objects: ObjectKey[];
}

/** One AggregationEvent (or native link) statement about a parent and a child, for containment at an instant. */
export interface ContainmentFact {
  parent: ObjectKey;
  /** Null: a DELETE naming no children, i.e. every child of the parent. */
  child: ObjectKey | null;
  time: number;
  action: "ASSERT" | "DELETE";
  event: EventId;
}

export interface DerivedChain {
  log: ChainLog;
  /** Distinct events (by id), sorted by time then id: arrival order does not matter to anything derived. */
  events: ChainEvent[];
  eventById: ReadonlyMap<EventId, ChainEvent>;
  parties: ReadonlyMap<EventId, ReadonlySet<OrgId>>;
  edges: FlowEdge[];
  shipments: Shipment[];
  containment: ContainmentFact[];
  /** Every object named by some event. */
  objectKeys: ReadonlySet<ObjectKey>;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading single events
// ---------------------------------------------------------------------------------------------------------------

/** CBV bizStep `shipping` in any of its spellings (bare, URN, GS1 Web URI). */
export function isShippingStep(bizStep: string | null): boolean {
  if (bizStep === null) return false;
  const name = bizStep
    .trim()
    .replace(/^urn:epcglobal:cbv:bizstep:/i, "")
    .replace(/^https:\/\/ref\.gs1\.org\/cbv\/BizStep-/i, "");
  return name.toLowerCase() === "shipping";
}

/**
 * §2 item 4: "The sourceList's party is the shipment's sender".
 * Interpretation: with both an owning_party and a possessing_party in the sourceList, the owning_party is the sender.
 */
export function epcisSender(event: EpcisEventRecord): OrgId | null {
  const owning = event.sources.find((s) => s.type === "owning_party");
  return (owning ?? event.sources.find((s) => s.type === "possessing_party"))?.party ?? null;
}

/**
 * The shipment an event is, if any. §2 item 4: "object → organisation, for an ObjectEvent or AggregationEvent with
 * bizStep `shipping` whose destinationList has an `owning_party` or `possessing_party` (the objects are its epcList,
 * quantityList classes, and for aggregation the parentID). Native: a recorded shipment."
 * Interpretation: each distinct owning or possessing party of the destinationList is a destination (a shipment to an
 * owner through a carrier that possesses the goods ships to both).
 */
export function shipmentOf(event: ChainEvent): Shipment | null {
  if (event.kind === "NATIVE_SHIPMENT") {
    return {
      event: event.id,
      time: event.time,
      writer: effectiveWriter(event),
      sender: event.from,
      destinations: [event.to],
      objects: unique(event.objects),
    };
  }
  if (event.kind !== "OBJECT" && event.kind !== "AGGREGATION") return null;
  if (!isShippingStep(event.bizStep)) return null;
  const destinations = unique(event.destinations.map((d) => d.party));
  if (destinations.length === 0) return null;
  const objects = event.kind === "OBJECT" ? unique([...event.epcs, ...event.classes]) : [event.parent];
  return {
    event: event.id,
    time: event.time,
    writer: effectiveWriter(event),
    sender: epcisSender(event),
    destinations,
    objects,
  };
}

/**
 * The party §6 "received" means by "written ... by a party".
 * Interpretation: when the platform operator wrote a shipment (writer null), its sender is treated as its writer,
 * as if the operator had keyed it in on the sender's behalf. Any other event the operator writes has no writer party.
 */
export function effectiveWriter(event: ChainEvent): OrgId | null {
  if (event.writer !== null) return event.writer;
  if (event.kind === "NATIVE_SHIPMENT") return event.from;
  if ((event.kind === "OBJECT" || event.kind === "AGGREGATION") && isShippingStep(event.bizStep)) {
    return epcisSender(event);
  }
  return null;
}

/**
 * §6: "Every event (EPCIS, or native: batch creation, code issuance, links, shipments, scans) has parties: the
 * organisation that wrote it, the owners of its bizLocation and readPoint, the parties of its sourceList and
 * destinationList (native: the manufacturer; sender and receiver; the scanner)."
 * Interpretation: the platform operator is no organisation, so an event it wrote has no writer party; a location
 * without an owner adds none; the sourceList and destinationList are read as lists of parties (owning / possessing).
 */
export function eventParties(event: ChainEvent): Set<OrgId> {
  const out = new Set<OrgId>();
  if (event.writer !== null) out.add(event.writer);
  switch (event.kind) {
    case "OBJECT":
    case "AGGREGATION":
    case "TRANSFORMATION":
      if (event.bizLocation?.owner) out.add(event.bizLocation.owner);
      if (event.readPoint?.owner) out.add(event.readPoint.owner);
      for (const s of event.sources) out.add(s.party);
      for (const d of event.destinations) out.add(d.party);
      break;
    case "NATIVE_BATCH":
    case "NATIVE_ISSUE":
    case "NATIVE_LINK":
      out.add(event.manufacturer);
      break;
    case "NATIVE_SHIPMENT":
      out.add(event.from);
      out.add(event.to);
      break;
  }
  return out;
}

/** Every object an event names, in any role. */
export function objectsNamed(event: ChainEvent): ObjectKey[] {
  switch (event.kind) {
    case "OBJECT":
      return unique([...event.epcs, ...event.classes, ...(event.ilmdLot ? [event.ilmdLot] : [])]);
    case "AGGREGATION":
      return unique([event.parent, ...event.children]);
    case "TRANSFORMATION":
      return unique([...event.inputs, ...event.outputs, ...(event.ilmdLot ? [event.ilmdLot] : [])]);
    case "NATIVE_BATCH":
      return unique([event.batch, ...event.components]);
    case "NATIVE_ISSUE":
      return unique([...(event.batch ? [event.batch] : []), ...event.codes]);
    case "NATIVE_LINK":
      return unique([event.parent, ...event.children]);
    case "NATIVE_SHIPMENT":
      return unique(event.objects);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The flow edges of §2
// ---------------------------------------------------------------------------------------------------------------

/** The flow edges of §2 caused by the events (all of them: transformations are grouped by transformationID). */
export function flowEdges(events: readonly ChainEvent[]): FlowEdge[] {
  const edges: FlowEdge[] = [];
  const add = (kind: EdgeKind, from: string, to: string, time: number, causes: EventId[], sender: OrgId | null) => {
    const ids = unique(causes);
    edges.push({ id: `${kind}|${from}|${to}|${ids.join("+")}`, kind, from, to, time, events: ids, sender });
  };

  // 1. Transformation: "each input of a TransformationEvent (EPC or quantity class) → each output. Events sharing a
  //    transformationID form one transformation. Native: a product batch that uses a component batch."
  //    Interpretation: across events of one transformationID, the edge input → output is caused by the event naming
  //    the input and the event naming the output, and comes to be when the later of them happened.
  const groups = new Map<string, TransformationEventRecord[]>();
  for (const event of events) {
    if (event.kind !== "TRANSFORMATION") continue;
    const group = event.transformationId === null ? `event:${event.id}` : `tid:${event.transformationId}`;
    groups.set(group, [...(groups.get(group) ?? []), event]);
  }
  for (const group of groups.values()) {
    for (const inputEvent of group) {
      for (const outputEvent of group) {
        for (const input of unique(inputEvent.inputs)) {
          for (const output of unique(outputEvent.outputs)) {
            const time = Math.max(inputEvent.time, outputEvent.time);
            add("TRANSFORMED_INTO", input, output, time, [inputEvent.id, outputEvent.id], null);
          }
        }
      }
    }
  }

  for (const event of events) {
    switch (event.kind) {
      case "OBJECT":
        // 2. Lot membership: "lot → item, when an item is commissioned or produced with ILMD cbvmda:lotNumber".
        //    Interpretation: "commissioned" = an ObjectEvent ADD; the items are its epcList.
        if (event.action === "ADD" && event.ilmdLot) {
          for (const item of unique(event.epcs)) add("IN_LOT", event.ilmdLot, item, event.time, [event.id], null);
        }
        break;
      case "TRANSFORMATION":
        // 2. "... or produced with ILMD cbvmda:lotNumber": a transformation's outputs.
        if (event.ilmdLot) {
          for (const item of unique(event.outputs)) add("IN_LOT", event.ilmdLot, item, event.time, [event.id], null);
        }
        break;
      case "AGGREGATION":
        // 3. Containment: "child → parent, for AggregationEvent ADD or OBSERVE".
        if (event.action !== "DELETE") {
          for (const child of unique(event.children)) {
            add("CONTAINED_IN", child, event.parent, event.time, [event.id], null);
          }
        }
        break;
      case "NATIVE_BATCH":
        for (const component of unique(event.components)) {
          add("TRANSFORMED_INTO", component, event.batch, event.time, [event.id], null);
        }
        break;
      case "NATIVE_ISSUE":
        // 2. "... or a native item is issued under a batch."
        if (event.batch) {
          for (const code of unique(event.codes)) add("IN_LOT", event.batch, code, event.time, [event.id], null);
        }
        break;
      case "NATIVE_LINK":
        // 3. "Native: parent/child (子母) codes and bundle (组合) codes."
        for (const child of unique(event.children)) {
          add("CONTAINED_IN", child, event.parent, event.time, [event.id], null);
        }
        break;
      case "NATIVE_SHIPMENT":
        break;
    }
    // 4. Shipment: object → organisation.
    const shipment = shipmentOf(event);
    if (shipment) {
      for (const object of shipment.objects) {
        for (const to of shipment.destinations) add("SHIPPED_TO", object, to, event.time, [event.id], shipment.sender);
      }
    }
  }
  return edges;
}

/** Every statement about containment, for "a container X was in at t" (§6). */
export function containmentFacts(events: readonly ChainEvent[]): ContainmentFact[] {
  const facts: ContainmentFact[] = [];
  for (const event of events) {
    if (event.kind === "AGGREGATION") {
      if (event.action === "DELETE") {
        const children = event.children.length ? unique(event.children) : [null];
        for (const child of children) {
          facts.push({ parent: event.parent, child, time: event.time, action: "DELETE", event: event.id });
        }
      } else {
        for (const child of unique(event.children)) {
          facts.push({ parent: event.parent, child, time: event.time, action: "ASSERT", event: event.id });
        }
      }
    } else if (event.kind === "NATIVE_LINK") {
      for (const child of unique(event.children)) {
        facts.push({ parent: event.parent, child, time: event.time, action: "ASSERT", event: event.id });
      }
    }
  }
  return facts;
}

/**
 * Whether `child` is directly in `parent` at instant t.
 * Interpretation: an AggregationEvent ADD or OBSERVE (or a native link) at a puts the child in the parent from a on;
 * a DELETE of that child, or a DELETE naming no children, at d ends it from d on (a DELETE at the very instant of
 * an ADD wins). Only event times count, not the order in which the events arrived.
 */
export function directlyInAt(chain: DerivedChain, child: ObjectKey, parent: ObjectKey, t: number): boolean {
  const facts = chain.containment.filter((f) => f.parent === parent && (f.child === child || f.child === null));
  return facts.some(
    (assert) =>
      assert.action === "ASSERT" &&
      assert.child === child &&
      assert.time <= t &&
      !facts.some((del) => del.action === "DELETE" && assert.time <= del.time && del.time <= t),
  );
}

/**
 * Everything in `container` at instant t.
 * Interpretation: "in" is transitive: an item in a case on a pallet is in the pallet.
 */
export function contentsAt(chain: DerivedChain, container: ObjectKey, t: number): Set<ObjectKey> {
  const out = new Set<ObjectKey>();
  const pending = [container];
  while (pending.length) {
    const parent = pending.pop() as ObjectKey;
    const children = unique(
      chain.containment.filter((f) => f.parent === parent && f.child !== null).map((f) => f.child),
    );
    for (const child of children) {
      if (child === null || out.has(child) || child === container) continue;
      if (directlyInAt(chain, child, parent, t)) {
        out.add(child);
        pending.push(child);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Deriving a chain
// ---------------------------------------------------------------------------------------------------------------

/**
 * Everything the visibility model reads, derived from the log. Events are de-duplicated by id ("Idempotent by
 * eventID"; an id reused for a different event is a broken log and throws) and sorted by time, so a log delivered
 * out of order derives the same chain.
 */
export function deriveChain(log: ChainLog): DerivedChain {
  const eventById = new Map<EventId, ChainEvent>();
  for (const event of log.events) {
    const known = eventById.get(event.id);
    if (known && JSON.stringify(known) !== JSON.stringify(event)) {
      throw new Error(`chain-model: event id ${event.id} is used for two different events`);
    }
    if (!known) eventById.set(event.id, event);
  }
  const events = [...eventById.values()].sort((a, b) => a.time - b.time || compare(a.id, b.id));
  const parties = new Map<EventId, ReadonlySet<OrgId>>(events.map((e) => [e.id, eventParties(e)]));
  const shipments = events.map(shipmentOf).filter((s): s is Shipment => s !== null);
  const objectKeys = new Set<ObjectKey>(events.flatMap(objectsNamed));
  return {
    log,
    events,
    eventById,
    parties,
    edges: flowEdges(events),
    shipments,
    containment: containmentFacts(events),
    objectKeys,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Builders: events with sensible defaults, for hand-written scenarios and the random generator
// ---------------------------------------------------------------------------------------------------------------

/** The location of an organisation in hand-built and generated chains: one per organisation. */
export function siteOf(org: OrgId): LocationRef {
  return { key: `site:${org}`, owner: org };
}

interface EpcisInput {
  id: EventId;
  time: number;
  /** The writer; its site is the bizLocation unless `at` says otherwise (null: no bizLocation). */
  by: OrgId | null;
  at?: OrgId | null;
  bizStep?: string | null;
  from?: OrgId | null;
  to?: OrgId[];
}

function epcisBase(input: EpcisInput, defaultStep: string | null) {
  const at = input.at === undefined ? input.by : input.at;
  return {
    id: input.id,
    time: input.time,
    writer: input.by,
    bizStep: input.bizStep === undefined ? defaultStep : input.bizStep,
    bizLocation: at === null ? null : siteOf(at),
    readPoint: null,
    sources: input.from ? [{ type: "owning_party" as const, party: input.from }] : [],
    destinations: (input.to ?? []).map((party) => ({ type: "owning_party" as const, party })),
  };
}

/** ObjectEvent ADD (commissioning): items (with their ILMD lot) and / or classes. */
export function commission(
  input: EpcisInput & { epcs?: ObjectKey[]; classes?: ObjectKey[]; lot?: ObjectKey },
): ObjectEventRecord {
  return {
    ...epcisBase(input, "commissioning"),
    kind: "OBJECT",
    action: "ADD",
    epcs: input.epcs ?? [],
    classes: input.classes ?? [],
    ilmdLot: input.lot ?? null,
  };
}

/** ObjectEvent OBSERVE (a scan, by default `retail_selling`). */
export function observe(input: EpcisInput & { epcs: ObjectKey[] }): ObjectEventRecord {
  return {
    ...epcisBase(input, "retail_selling"),
    kind: "OBJECT",
    action: "OBSERVE",
    epcs: input.epcs,
    classes: [],
    ilmdLot: null,
  };
}

/** ObjectEvent OBSERVE, bizStep shipping, sourceList `from` (default: the writer), destinationList `to`. */
export function shipEpcis(
  input: Omit<EpcisInput, "to"> & { to: OrgId | OrgId[]; epcs?: ObjectKey[]; classes?: ObjectKey[] },
): ObjectEventRecord {
  const to = Array.isArray(input.to) ? input.to : [input.to];
  return {
    ...epcisBase({ ...input, to, from: input.from === undefined ? input.by : input.from }, "shipping"),
    kind: "OBJECT",
    action: "OBSERVE",
    epcs: input.epcs ?? [],
    classes: input.classes ?? [],
    ilmdLot: null,
  };
}

/** AggregationEvent (default ADD, bizStep packing). */
export function aggregate(
  input: EpcisInput & { parent: ObjectKey; children: ObjectKey[]; action?: "ADD" | "OBSERVE" | "DELETE" },
): AggregationEventRecord {
  const action = input.action ?? "ADD";
  return {
    ...epcisBase(input, action === "DELETE" ? "unpacking" : "packing"),
    kind: "AGGREGATION",
    action,
    parent: input.parent,
    children: input.children,
  };
}

/** AggregationEvent OBSERVE, bizStep shipping: ships the parent (with its children as the event names them). */
export function shipAggregation(
  input: Omit<EpcisInput, "to"> & { to: OrgId; parent: ObjectKey; children: ObjectKey[] },
): AggregationEventRecord {
  return {
    ...epcisBase({ ...input, to: [input.to], from: input.from === undefined ? input.by : input.from }, "shipping"),
    kind: "AGGREGATION",
    action: "OBSERVE",
    parent: input.parent,
    children: input.children,
  };
}

/** TransformationEvent. */
export function transform(
  input: EpcisInput & {
    inputs: ObjectKey[];
    outputs: ObjectKey[];
    transformationId?: string;
    lot?: ObjectKey;
  },
): TransformationEventRecord {
  return {
    ...epcisBase(input, "commissioning"),
    kind: "TRANSFORMATION",
    transformationId: input.transformationId ?? null,
    inputs: input.inputs,
    outputs: input.outputs,
    ilmdLot: input.lot ?? null,
  };
}

export function nativeBatch(input: {
  id: EventId;
  time: number;
  by: OrgId | null;
  manufacturer: OrgId;
  batch: ObjectKey;
  components?: ObjectKey[];
}): NativeBatchRecord {
  return {
    kind: "NATIVE_BATCH",
    id: input.id,
    time: input.time,
    writer: input.by,
    manufacturer: input.manufacturer,
    batch: input.batch,
    components: input.components ?? [],
  };
}

export function nativeIssue(input: {
  id: EventId;
  time: number;
  by: OrgId | null;
  manufacturer: OrgId;
  batch: ObjectKey | null;
  codes: ObjectKey[];
}): NativeIssueRecord {
  return {
    kind: "NATIVE_ISSUE",
    ...pick(input),
    manufacturer: input.manufacturer,
    batch: input.batch,
    codes: input.codes,
  };
}

export function nativeLink(input: {
  id: EventId;
  time: number;
  by: OrgId | null;
  manufacturer: OrgId;
  parent: ObjectKey;
  children: ObjectKey[];
}): NativeLinkRecord {
  return {
    kind: "NATIVE_LINK",
    ...pick(input),
    manufacturer: input.manufacturer,
    parent: input.parent,
    children: input.children,
  };
}

/** recordShipment written by `by` (default: the sender, as a PARTNER or MANUFACTURER may write only its own). */
export function nativeShip(input: {
  id: EventId;
  time: number;
  by?: OrgId | null;
  from: OrgId;
  to: OrgId;
  objects: ObjectKey[];
}): NativeShipmentRecord {
  return {
    kind: "NATIVE_SHIPMENT",
    id: input.id,
    time: input.time,
    writer: input.by === undefined ? input.from : input.by,
    from: input.from,
    to: input.to,
    objects: input.objects,
  };
}

function pick(input: { id: EventId; time: number; by: OrgId | null }) {
  return { id: input.id, time: input.time, writer: input.by };
}

// ---------------------------------------------------------------------------------------------------------------

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

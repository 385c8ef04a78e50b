import {
  compare,
  contentsAt,
  objectsNamed,
  unique,
  type ChainEvent,
  type DerivedChain,
  type EdgeKind,
  type EventId,
  type FlowEdge,
  type ObjectKey,
  type OrgId,
} from "./chain-model.js";

/**
 * An INDEPENDENT, executable reading of API-CONTRACT.md §6 "What each party may see", over a chain derived by
 * chain-model.ts. Every function quotes the sentence it implements; where the text leaves a choice open, the choice
 * is written down after `Interpretation:`. Written for clarity, not speed: sets grown to a fixed point, with results
 * memoised per derived chain (the functions are still pure: same chain and arguments, same answer).
 *
 * The one-sentence summary the model must honour: "a party sees its own events, the history of what it holds up to
 * the moment it got it, and everything that happened to what it made; it sees through another party's
 * transformation only if it took part in it."
 *
 * Literal consequences of the rules worth knowing (each pinned by a test in visibility-model.test.ts):
 * - history is over EDGES, not over what was delivered: an item packed into a case and taken out again before the
 *   case was shipped is in the case's history, so the receiver sees that packing, the item's lot, and the item's
 *   shipments up to the receipt, though it never received (holds) the item;
 * - whoever is named in a sourceList or destinationList is a party of the event, so a party sees an edge someone
 *   else's event names it in (R1's self-written shipment "from D2" is visible to D2);
 * - an AggregationEvent ADD into an existing container makes its parties originators of that container (rule 3 on
 *   it, and rule 2 with the history up to then); a maker's rule 2 on what it packs later can therefore show earlier
 *   shipments of its component lots to others, up to its latest packing.
 */

export type AccessRole = "ADMIN" | "MANUFACTURER" | "PARTNER" | "REGULATOR";

/** Who asks: a credential's role and organisation (§6 "API keys belong to one organisation ... and one role"). */
export interface Viewer {
  role: AccessRole;
  /** Null for the platform operator (ADMIN_API_KEY). */
  org: OrgId | null;
}

export const asParty = (org: OrgId, role: "MANUFACTURER" | "PARTNER" = "PARTNER"): Viewer => ({ role, org });
export const asRegulator = (org: OrgId | null = null): Viewer => ({ role: "REGULATOR", org });
export const asAdmin = (org: OrgId | null = null): Viewer => ({ role: "ADMIN", org });

/** §6: "REGULATOR and ADMIN see every edge." */
export function seesEverything(viewer: Viewer): boolean {
  return viewer.role === "REGULATOR" || viewer.role === "ADMIN";
}

// ---------------------------------------------------------------------------------------------------------------
// Parties, origination, holding, receipt
// ---------------------------------------------------------------------------------------------------------------

/** §6 "Every event ... has parties" (computed by chain-model's `eventParties`). */
export function parties(chain: DerivedChain, event: ChainEvent | EventId): ReadonlySet<OrgId> {
  const id = typeof event === "string" ? event : event.id;
  return chain.parties.get(id) ?? new Set<OrgId>();
}

export function isPartyOf(chain: DerivedChain, party: OrgId, event: ChainEvent | EventId): boolean {
  return parties(chain, event).has(party);
}

export interface Origination {
  object: ObjectKey;
  time: number;
  event: EventId;
}

/**
 * The objects an event commissioned, produced or packed. §6: "(ObjectEvent `ADD`, a TransformationEvent output, the
 * parent of an AggregationEvent `ADD`; native issuance, batch creation, linking)".
 * Interpretation: an ObjectEvent ADD commissions its quantityList classes as well as its epcList; the lot named by
 * an ILMD lotNumber is NOT originated by that event (it names the lot, it does not list it); native issuance
 * originates the issued codes (not the batch), batch creation the batch, linking the parent code (like the parent of
 * an aggregation ADD; the children already existed).
 */
export function originatedBy(event: ChainEvent): ObjectKey[] {
  switch (event.kind) {
    case "OBJECT":
      return event.action === "ADD" ? unique([...event.epcs, ...event.classes]) : [];
    case "TRANSFORMATION":
      return unique(event.outputs);
    case "AGGREGATION":
      return event.action === "ADD" ? [event.parent] : [];
    case "NATIVE_BATCH":
      return [event.batch];
    case "NATIVE_ISSUE":
      return unique(event.codes);
    case "NATIVE_LINK":
      return [event.parent];
    case "NATIVE_SHIPMENT":
      return [];
  }
}

/**
 * §6: "A party P originated an object when P is a party of the event that commissioned, produced or packed it".
 * Every (object, time) P originated, with the event; an object originated twice appears twice.
 */
export function originated(chain: DerivedChain, party: OrgId): Origination[] {
  const memo = memoOf(chain);
  const known = memo.originated.get(party);
  if (known) return known;
  const out: Origination[] = [];
  for (const event of chain.events) {
    if (!isPartyOf(chain, party, event)) continue;
    for (const object of originatedBy(event)) out.push({ object, time: event.time, event: event.id });
  }
  memo.originated.set(party, out);
  return out;
}

export interface Receipt {
  party: OrgId;
  object: ObjectKey;
  time: number;
  /** The shipment event that granted it. */
  shipment: EventId;
  /** What the shipment named: the object itself, or a container the object was in at that time. */
  shipped: ObjectKey;
}

/**
 * Every receipt in the chain. §6: "P holds X at time t when it originated X, or received X, at or before t. P
 * received X at time t when a shipment of X, or of a container X was in at t, to P was written at t by a party that
 * held X at t. Any other shipment (one P writes to itself, or one from a party that never held the goods) grants
 * nothing."
 *
 * Holding and receiving are defined through each other, so this is their LEAST fixed point: start from what was
 * originated and add the receipts the current holdings justify until nothing changes. A receipt therefore always
 * rests on a chain of earlier (or simultaneous) holdings that ends in an origination.
 * Interpretation: a shipment whose (effective) writer is its destination grants that destination nothing, whoever is
 * named as sender and whatever the writer held; holding never ends (a party that shipped X away still holds it, and
 * a shipment of X it writes later still grants X); "a container X was in at t" is containment at t, transitively.
 */
export function receipts(chain: DerivedChain): Receipt[] {
  const memo = memoOf(chain);
  if (memo.receipts) return memo.receipts;

  const earliest = new Map<string, number>();
  const note = (party: OrgId, object: ObjectKey, time: number) => {
    const key = pairKey(party, object);
    const known = earliest.get(key);
    if (known === undefined || time < known) earliest.set(key, time);
  };
  const held = (party: OrgId, object: ObjectKey, t: number) => (earliest.get(pairKey(party, object)) ?? Infinity) <= t;
  for (const event of chain.events) {
    for (const party of parties(chain, event)) {
      for (const object of originatedBy(event)) note(party, object, event.time);
    }
  }

  // What each shipment carried: the objects it names and everything in them at its time.
  const carried = chain.shipments.map((shipment) => ({
    shipment,
    goods: shipment.objects.flatMap((shipped) =>
      [shipped, ...contentsAt(chain, shipped, shipment.time)].map((object) => ({ shipped, object })),
    ),
  }));

  const found = new Map<string, Receipt>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const { shipment, goods } of carried) {
      const writer = shipment.writer;
      if (writer === null) continue;
      for (const { shipped, object } of goods) {
        if (!held(writer, object, shipment.time)) continue;
        for (const party of shipment.destinations) {
          if (party === writer) continue; // "one P writes to itself ... grants nothing"
          const key = `${party}\u0000${object}\u0000${shipment.event}\u0000${shipped}`;
          if (found.has(key)) continue;
          found.set(key, { party, object, time: shipment.time, shipment: shipment.event, shipped });
          note(party, object, shipment.time);
          changed = true;
        }
      }
    }
  }
  memo.receipts = [...found.values()].sort(
    (a, b) => a.time - b.time || compare(a.party, b.party) || compare(a.object, b.object),
  );
  return memo.receipts;
}

/** §6: "P received X at time t when a shipment of X, or of a container X was in at t, to P was written at t ...". */
export function received(chain: DerivedChain, party: OrgId, object: ObjectKey, t: number): boolean {
  return receipts(chain).some((r) => r.party === party && r.object === object && r.time === t);
}

/** §6: "P holds X at time t when it originated X, or received X, at or before t." */
export function holds(chain: DerivedChain, party: OrgId, object: ObjectKey, t: number): boolean {
  return (
    originated(chain, party).some((o) => o.object === object && o.time <= t) ||
    receipts(chain).some((r) => r.party === party && r.object === object && r.time <= t)
  );
}

/** The moments rule 2 starts from: "P received or originated some X at time t". */
export function holdingMoments(chain: DerivedChain, party: OrgId): { object: ObjectKey; time: number }[] {
  const memo = memoOf(chain);
  const known = memo.moments.get(party);
  if (known) return known;
  const moments = [
    ...originated(chain, party).map((o) => ({ object: o.object, time: o.time })),
    ...receipts(chain)
      .filter((r) => r.party === party)
      .map((r) => ({ object: r.object, time: r.time })),
  ];
  const seen = new Map<string, { object: ObjectKey; time: number }>();
  for (const moment of moments) seen.set(`${moment.object}\u0000${moment.time}`, moment);
  memo.moments.set(party, [...seen.values()]);
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Foreign edges, history, what followed
// ---------------------------------------------------------------------------------------------------------------

/**
 * §6: "A transformation edge (`TRANSFORMED_INTO`, §2 item 1; lot-membership edges are not transformation edges,
 * whatever event caused them) whose event P is not a party of is foreign to P."
 * Interpretation: for a transformation split over events sharing a transformationID, P takes part when it is a party
 * of the event naming the input or of the event naming the output.
 */
export function foreign(chain: DerivedChain, edge: FlowEdge, party: OrgId): boolean {
  return edge.kind === "TRANSFORMED_INTO" && !edge.events.some((event) => isPartyOf(chain, party, event));
}

const OBJECT_EDGE_KINDS: ReadonlySet<EdgeKind> = new Set(["TRANSFORMED_INTO", "IN_LOT", "CONTAINED_IN"]);

/**
 * §6: "X's history before t is X and every object from which X is reachable over edges with time ≤ t that are not
 * foreign to P". The edges are the object edges of §2 (1-3): a shipment leads to an organisation, not an object.
 * Interpretation: reachability is over the timeless flow edges (a later DELETE does not remove a containment edge
 * from the history), each edge with time ≤ t; the path need not be monotone in time.
 */
export function historyBefore(chain: DerivedChain, object: ObjectKey, t: number, party: OrgId): Set<ObjectKey> {
  const memo = memoOf(chain);
  const key = `${party}\u0000${object}\u0000${t}`;
  const known = memo.history.get(key);
  if (known) return known;
  const edges = chain.edges.filter((e) => OBJECT_EDGE_KINDS.has(e.kind) && e.time <= t && !foreign(chain, e, party));
  const history = new Set<ObjectKey>([object]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const edge of edges) {
      if (history.has(edge.to) && !history.has(edge.from)) {
        history.add(edge.from);
        changed = true;
      }
    }
  }
  memo.history.set(key, history);
  return history;
}

/** §6: "what followed X is X and every object reachable from X over edges that are not foreign to P". */
export function followed(chain: DerivedChain, object: ObjectKey, party: OrgId): Set<ObjectKey> {
  const memo = memoOf(chain);
  const key = `${party}\u0000${object}`;
  const known = memo.followed.get(key);
  if (known) return known;
  const edges = chain.edges.filter((e) => OBJECT_EDGE_KINDS.has(e.kind) && !foreign(chain, e, party));
  const after = new Set<ObjectKey>([object]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const edge of edges) {
      if (after.has(edge.from) && !after.has(edge.to)) {
        after.add(edge.to);
        changed = true;
      }
    }
  }
  memo.followed.set(key, after);
  return after;
}

/** Whether an edge "joins two objects of" a set, or for a shipment edge "ships one of them". */
function edgeWithin(edge: FlowEdge, objects: ReadonlySet<ObjectKey>): boolean {
  return edge.kind === "SHIPPED_TO" ? objects.has(edge.from) : objects.has(edge.from) && objects.has(edge.to);
}

// ---------------------------------------------------------------------------------------------------------------
// Visibility of an edge
// ---------------------------------------------------------------------------------------------------------------

export type VisibilityRule = 1 | 2 | 3;

/**
 * The rules of §6 under which `edge` is visible to party P (empty: invisible). "A flow edge (§2), caused by event E
 * at time τ, is visible to P when it is not foreign to P and:
 * 1. P is a party of E; or
 * 2. (provenance, 来源可查) P received or originated some X at time t, τ ≤ t, and the edge joins two objects of X's
 *    history before t (for a shipment edge: ships an object of that history); or
 * 3. (destination, 去向可追) P originated some X, and the edge joins two objects of what followed X (for a shipment
 *    edge: ships one of them)."
 * Interpretation: for an edge caused by two events (a transformation split by transformationID), rule 1 holds when
 * P is a party of either.
 */
export function visibleBy(chain: DerivedChain, edge: FlowEdge, party: OrgId): VisibilityRule[] {
  if (foreign(chain, edge, party)) return [];
  const rules: VisibilityRule[] = [];
  if (edge.events.some((event) => isPartyOf(chain, party, event))) rules.push(1);
  const provenance = holdingMoments(chain, party).some(
    (moment) => edge.time <= moment.time && edgeWithin(edge, historyBefore(chain, moment.object, moment.time, party)),
  );
  if (provenance) rules.push(2);
  const destination = unique(originated(chain, party).map((o) => o.object)).some((object) =>
    edgeWithin(edge, followed(chain, object, party)),
  );
  if (destination) rules.push(3);
  return rules;
}

/** §6: visible per rules 1-3; "REGULATOR and ADMIN see every edge." A party role without an organisation: none. */
export function visible(chain: DerivedChain, edge: FlowEdge, viewer: Viewer): boolean {
  if (seesEverything(viewer)) return true;
  if (viewer.org === null) return false;
  return visibleEdgeIds(chain, viewer.org).has(edge.id);
}

/** Every edge occurrence visible to the viewer, in the chain's order. */
export function visibleEdges(chain: DerivedChain, viewer: Viewer): FlowEdge[] {
  return viewIndex(chain, viewer).edges;
}

/** The visible edges of a viewer, indexed for the reads (memoised: the reads are asked for many roots). */
interface ViewIndex {
  edges: FlowEdge[];
  /** Objects some visible edge touches. */
  touched: Set<string>;
  /** Objects named by an event the viewer is a party of. */
  named: Set<ObjectKey>;
}

function viewIndex(chain: DerivedChain, viewer: Viewer): ViewIndex {
  const memo = memoOf(chain);
  const key = seesEverything(viewer) ? "\u0000everything" : (viewer.org ?? "\u0000nobody");
  const known = memo.views.get(key);
  if (known) return known;
  const edges = chain.edges.filter((edge) => visible(chain, edge, viewer));
  const org = viewer.org;
  const named = new Set<ObjectKey>(
    org === null ? [] : chain.events.filter((event) => isPartyOf(chain, org, event)).flatMap(objectsNamed),
  );
  const index: ViewIndex = { edges, touched: new Set(edges.flatMap((e) => [e.from, e.to])), named };
  memo.views.set(key, index);
  return index;
}

function visibleEdgeIds(chain: DerivedChain, party: OrgId): Set<string> {
  const memo = memoOf(chain);
  const known = memo.visible.get(party);
  if (known) return known;
  const ids = new Set(chain.edges.filter((edge) => visibleBy(chain, edge, party).length > 0).map((e) => e.id));
  memo.visible.set(party, ids);
  return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// Reads over the visible edges
// ---------------------------------------------------------------------------------------------------------------

export interface EdgeTriple {
  kind: EdgeKind;
  from: string;
  to: string;
}

/** A trace as sets: node keys (objects and organisations) and edges, each sorted. Depths are not modelled. */
export interface TraceView {
  root: ObjectKey;
  objects: ObjectKey[];
  organizations: OrgId[];
  /** objects and organisations together. */
  nodes: string[];
  edges: EdgeTriple[];
}

/**
 * §6: "`resolveCode` answers null and traces are empty for an object with no visible edge and no event P is a party
 * of". Interpretation: "an event P is a party of" means one that names the object (in any role); for REGULATOR and
 * ADMIN every object some event names resolves.
 */
export function resolvable(chain: DerivedChain, root: ObjectKey, viewer: Viewer): boolean {
  if (!chain.objectKeys.has(root)) return false;
  if (seesEverything(viewer)) return true;
  if (viewer.org === null) return false;
  const index = viewIndex(chain, viewer);
  return index.touched.has(root) || index.named.has(root);
}

/**
 * §2: "`downstream(code)` is every object reachable from the root over edges 1-3, plus every organisation that is
 * the destination of a shipment of the root or of any of those objects", and §6: "`upstream`, `downstream` and
 * `recallImpact` traverse visible edges (an organisation appears through a visible shipment edge)".
 * Interpretation: the root is a node whenever it resolves; the edges listed are the visible object edges between
 * two nodes and the visible shipment edges of node objects (as §4's TraceEdge, deduplicated by kind, from, to).
 */
export function downstream(chain: DerivedChain, root: ObjectKey, viewer: Viewer): TraceView {
  return trace(chain, root, viewer, "down");
}

/**
 * §2: "`upstream(code)` is every object from which the root is reachable over edges 1-3, plus every organisation
 * that is the sender or destination of a shipment of any of those objects", over visible edges only (§6).
 * Interpretation (the same as test/oracle/oracle.ts): "those objects" are the ones the root came from, so the root's
 * own shipments are not part of its upstream; a sender appears only through a visible shipment edge that names it.
 */
export function upstream(chain: DerivedChain, root: ObjectKey, viewer: Viewer): TraceView {
  return trace(chain, root, viewer, "up");
}

function trace(chain: DerivedChain, root: ObjectKey, viewer: Viewer, direction: "up" | "down"): TraceView {
  if (!resolvable(chain, root, viewer)) return { root, objects: [], organizations: [], nodes: [], edges: [] };
  const edges = visibleEdges(chain, viewer);
  const objectEdges = edges.filter((e) => OBJECT_EDGE_KINDS.has(e.kind));
  const objects = new Set<ObjectKey>([root]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const edge of objectEdges) {
      const [near, far] = direction === "down" ? [edge.from, edge.to] : [edge.to, edge.from];
      if (objects.has(near) && !objects.has(far)) {
        objects.add(far);
        changed = true;
      }
    }
  }
  const triples = new Map<string, EdgeTriple>();
  const addTriple = (edge: FlowEdge) =>
    triples.set(`${edge.kind}\u0000${edge.from}\u0000${edge.to}`, { kind: edge.kind, from: edge.from, to: edge.to });
  for (const edge of objectEdges) if (objects.has(edge.from) && objects.has(edge.to)) addTriple(edge);
  const organizations = new Set<OrgId>();
  for (const edge of edges) {
    if (edge.kind !== "SHIPPED_TO" || !objects.has(edge.from)) continue;
    if (direction === "up" && edge.from === root) continue;
    addTriple(edge);
    organizations.add(edge.to);
    if (direction === "up" && edge.sender !== null) organizations.add(edge.sender);
  }
  const objectList = [...objects].sort(compare);
  const orgList = [...organizations].sort(compare);
  return {
    root,
    objects: objectList,
    organizations: orgList,
    nodes: unique([...objectList, ...orgList]).sort(compare),
    edges: [...triples.values()].sort(
      (a, b) => compare(a.kind, b.kind) || compare(a.from, b.from) || compare(a.to, b.to),
    ),
  };
}

export interface RecallView {
  root: ObjectKey;
  objects: ObjectKey[];
  /** Each organisation of the downstream, with the number of affected objects shipped to it over visible edges. */
  organizations: { id: OrgId; objectCount: number }[];
}

/**
 * §4: "`recallImpact(code)` covers `downstream(code)`'s objects and organisations", over visible edges (§6: "counts,
 * totals ... count visible things only"). Regions are not modelled (they need the registry of §3).
 */
export function recallImpact(chain: DerivedChain, root: ObjectKey, viewer: Viewer): RecallView {
  const down = downstream(chain, root, viewer);
  const counts = new Map<OrgId, Set<ObjectKey>>();
  for (const edge of down.edges) {
    if (edge.kind !== "SHIPPED_TO") continue;
    counts.set(edge.to, (counts.get(edge.to) ?? new Set<ObjectKey>()).add(edge.from));
  }
  return {
    root,
    objects: down.objects,
    organizations: [...counts]
      .map(([id, objects]) => ({ id, objectCount: objects.size }))
      .sort((a, b) => compare(a.id, b.id)),
  };
}

/**
 * §6: "`events` and `GET /epcis/events` list events P is a party of or that caused an edge visible to P".
 * Interpretation: REGULATOR and ADMIN list every event (the write table says REGULATOR "reads everything"), edges or
 * not; the order is the chain's (time, then id).
 */
export function visibleEvents(chain: DerivedChain, viewer: Viewer): EventId[] {
  if (seesEverything(viewer)) return chain.events.map((e) => e.id);
  const org = viewer.org;
  if (org === null) return [];
  const causing = new Set(visibleEdges(chain, viewer).flatMap((edge) => edge.events));
  return chain.events.filter((event) => isPartyOf(chain, org, event) || causing.has(event.id)).map((e) => e.id);
}

/** The part of a diversion alert (§3) that decides who sees it. */
export interface AlertRef {
  objectKey: ObjectKey;
  responsibleOrganization: OrgId | null;
}

/**
 * §6: "a diversion alert is visible to the parties that originated its object and to its responsible organisation".
 * Interpretation: "originated" at any time (not only before the scan); REGULATOR and ADMIN see every alert.
 */
export function alertVisibleTo(chain: DerivedChain, alert: AlertRef, viewer: Viewer): boolean {
  if (seesEverything(viewer)) return true;
  const org = viewer.org;
  if (org === null) return false;
  if (alert.responsibleOrganization === org) return true;
  return originated(chain, org).some((o) => o.object === alert.objectKey);
}

// ---------------------------------------------------------------------------------------------------------------

interface Memo {
  receipts?: Receipt[];
  originated: Map<OrgId, Origination[]>;
  moments: Map<OrgId, { object: ObjectKey; time: number }[]>;
  history: Map<string, Set<ObjectKey>>;
  followed: Map<string, Set<ObjectKey>>;
  visible: Map<OrgId, Set<string>>;
  views: Map<string, ViewIndex>;
}

const memos = new WeakMap<DerivedChain, Memo>();

function memoOf(chain: DerivedChain): Memo {
  let memo = memos.get(chain);
  if (!memo) {
    memo = {
      originated: new Map(),
      moments: new Map(),
      history: new Map(),
      followed: new Map(),
      visible: new Map(),
      views: new Map(),
    };
    memos.set(chain, memo);
  }
  return memo;
}

function pairKey(party: OrgId, object: ObjectKey): string {
  return `${party}\u0000${object}`;
}

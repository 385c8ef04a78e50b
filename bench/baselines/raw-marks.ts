import type { EventRow, WritePlan } from "../../src/graph/flow-model.js";
import { eventParties, isPlainObservation, originatedKeys } from "../../src/graph/visibility-marks.js";

/**
 * The visibility marks of API-CONTRACT §6 for a document of fresh lots, worked out in the client before the raw
 * baseline's UNWIND writes them with the nodes and relationships (issue 19: the raw side writes what ours writes).
 * Nothing in the store touches these lots yet, so every mark follows from the document alone: a skilled raw-Cypher user
 * who knows that computes the closures in memory and CREATEs them, with no walk in the store. The bench then checks
 * that the graph written equals ours (bench/lib/same-graph.ts), so a rule got wrong here cannot flatter anyone.
 *
 *   fol   parties following what they originated, down edges not foreign to them (a transformation edge is foreign
 *         to a party that is not a party of its event)
 *   hist  "party|ms": the largest time of something the party originated or received that the object is in the
 *         history of, up edges not later than that time and not foreign
 *   held  "party|ms": the earliest time the party holds the object (originated it, or received it)
 *   a receipt: a shipment of X (or of a container X was in then) to Q written by a party W != Q that held X then
 */
export interface RawMarks {
  /** The parties of each event, as capture derives them from the document and the capturing key. */
  parties: Map<string, string[]>;
  objects: Map<string, { fol: string[] | null; hist: string[] | null; held: string[] | null; named: string[] | null }>;
  /** Viewers of each flow edge (`from|to|eventId`) and shipment (`objectKey|toOrgId|eventId`), null when none. */
  edgeViewers: Map<string, string[] | null>;
  shipmentViewers: Map<string, string[] | null>;
  /** Who may list each event (SEES_EVENT): its parties and the viewers of its edges and shipments. */
  sightings: Map<string, string[]>;
}

interface Edge {
  kind: string;
  from: string;
  to: string;
  eventId: string;
  at: number;
  parties: string[];
}

/** The event as the operator's capture of its document records it: no acting organisation of its own. */
export function asCapturedByOperator(event: EventRow): EventRow {
  const { actorOrganization: _actor, parties: _parties, ...rest } = event;
  return rest;
}

export function rawMarks(plan: WritePlan): RawMarks {
  if (plan.containmentEnds.length) throw new Error("raw marks: containment ends are not handled (none in the bench)");
  const noPlaces = new Map<string, string>();
  const parties = new Map(plan.events.map((e) => [e.eventId, eventParties(e, noPlaces)]));
  const partiesOf = (eventId: string) => parties.get(eventId) ?? [];
  const edges: Edge[] = plan.edges.map((e) => ({ ...e, at: Date.parse(e.at), parties: partiesOf(e.eventId) }));
  const down = groupBy(edges, (e) => e.from);
  const up = groupBy(edges, (e) => e.to);
  const notForeign = (e: Edge, party: string) => e.kind !== "TRANSFORMED_INTO" || e.parties.includes(party);
  const fol = new Map<string, Set<string>>();
  const hist = new Map<string, Map<string, number>>();
  const held = new Map<string, Map<string, number>>();
  const named = new Map<string, Set<string>>();

  const follow = (key: string, party: string) => {
    const stack = [key];
    for (let y = stack.pop(); y !== undefined; y = stack.pop()) {
      const marks = entry(fol, y, () => new Set<string>());
      if (marks.has(party)) continue;
      marks.add(party);
      for (const e of down.get(y) ?? []) if (notForeign(e, party)) stack.push(e.to);
    }
  };
  const raiseHistory = (key: string, party: string, at: number) => {
    const stack = [key];
    for (let u = stack.pop(); u !== undefined; u = stack.pop()) {
      const marks = entry(hist, u, () => new Map<string, number>());
      if ((marks.get(party) ?? -1) >= at) continue;
      marks.set(party, at);
      for (const e of up.get(u) ?? []) if (e.at <= at && notForeign(e, party)) stack.push(e.from);
    }
  };
  const hold = (key: string, party: string, at: number): boolean => {
    const marks = entry(held, key, () => new Map<string, number>());
    const since = marks.get(party);
    if (since !== undefined && since <= at) return false;
    marks.set(party, at);
    return true;
  };

  for (const event of plan.events) {
    const at = Date.parse(event.eventTime);
    for (const key of originatedKeys(event)) {
      for (const party of partiesOf(event.eventId)) {
        hold(key, party, at);
        raiseHistory(key, party, at);
        follow(key, party);
      }
    }
    if (isPlainObservation(event)) {
      for (const key of event.objectKeys)
        for (const party of partiesOf(event.eventId)) entry(named, key, () => new Set()).add(party);
    }
  }

  // Receipts, until no shipment grants one more (a receipt can make the receiver's own shipment valid).
  const eventsById = new Map(plan.events.map((e) => [e.eventId, e]));
  const shipments = plan.shipments.map((s) => ({
    ...s,
    at: Date.parse(s.at),
    parties: partiesOf(s.eventId),
    writer: shipmentWriter(eventsById.get(s.eventId), s.fromOrgId),
  }));
  const contentsAt = (x: string, at: number): string[] => {
    const found: string[] = [];
    const stack = [x];
    const seen = new Set<string>([x]);
    for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
      for (const e of up.get(n) ?? []) {
        if (e.kind !== "CONTAINED_IN" || e.at > at || seen.has(e.from)) continue;
        seen.add(e.from);
        found.push(e.from);
        stack.push(e.from);
      }
    }
    return found;
  };
  const receipts = new Map<string, { key: string; party: string; at: number; shipped: string }>();
  for (let changed = true; changed;) {
    changed = false;
    for (const s of shipments) {
      if (s.writer === null || s.writer === s.toOrgId) continue;
      for (const c of [s.objectKey, ...contentsAt(s.objectKey, s.at)]) {
        const since = held.get(c)?.get(s.writer);
        const id = `${c}|${s.toOrgId}|${s.at}|${s.objectKey}`;
        if (since === undefined || since > s.at || receipts.has(id)) continue;
        receipts.set(id, { key: c, party: s.toOrgId, at: s.at, shipped: s.objectKey });
        hold(c, s.toOrgId, s.at);
        changed = true;
      }
    }
  }
  // A received container's history holds its contents: they add nothing when the container itself was received.
  const whole = new Set(
    [...receipts.values()].filter((r) => r.key === r.shipped).map((r) => `${r.shipped}|${r.party}|${r.at}`),
  );
  for (const r of receipts.values()) {
    if (r.key === r.shipped || !whole.has(`${r.shipped}|${r.party}|${r.at}`)) raiseHistory(r.key, r.party, r.at);
  }

  const histSince = (key: string, at: number) => [...(hist.get(key) ?? [])].filter(([, t]) => t >= at).map(([p]) => p);
  const orNull = (list: string[]) => (list.length ? [...new Set(list)] : null);
  const sightings = new Map(plan.events.map((e) => [e.eventId, new Set(partiesOf(e.eventId))]));
  const edgeViewers = new Map<string, string[] | null>();
  for (const e of edges) {
    const extra = e.kind === "TRANSFORMED_INTO" ? [] : [...(fol.get(e.from) ?? []), ...histSince(e.to, e.at)];
    const viewers = orNull([...e.parties, ...extra]);
    edgeViewers.set(`${e.from}|${e.to}|${e.eventId}`, viewers);
    for (const p of viewers ?? []) sightings.get(e.eventId)?.add(p);
  }
  const shipmentViewers = new Map<string, string[] | null>();
  for (const s of shipments) {
    const viewers = orNull([...s.parties, ...(fol.get(s.objectKey) ?? []), ...histSince(s.objectKey, s.at)]);
    shipmentViewers.set(`${s.objectKey}|${s.toOrgId}|${s.eventId}`, viewers);
    for (const p of viewers ?? []) sightings.get(s.eventId)?.add(p);
  }
  const timed = (marks: Map<string, number> | undefined) =>
    marks?.size ? [...marks].map(([p, t]) => `${p}|${Math.trunc(t)}`) : null;
  const objects: RawMarks["objects"] = new Map();
  for (const { key } of plan.objects) {
    objects.set(key, {
      fol: orNull([...(fol.get(key) ?? [])]),
      hist: timed(hist.get(key)),
      held: timed(held.get(key)),
      named: orNull([...(named.get(key) ?? [])]),
    });
  }
  return {
    parties,
    objects,
    edgeViewers,
    shipmentViewers,
    sightings: new Map([...sightings].map(([id, ps]) => [id, [...ps]])),
  };
}

/** Who wrote a shipment (the acting organisation; for the operator, the sender it wrote for). */
function shipmentWriter(event: EventRow | undefined, fromOrgId: string | undefined): string | null {
  return event?.actorOrganization ?? fromOrgId ?? event?.sourceParties?.[0] ?? null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) entry(groups, key(row), () => []).push(row);
  return groups;
}

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

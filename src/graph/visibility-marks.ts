import type { QueryRunner, Row } from "./executor.js";
import type { EventRow } from "./flow-model.js";
import type { Query } from "./query.js";
import * as Q from "./visibility.queries.js";
import * as V from "./viewers.queries.js";
import { unwindChunks } from "./unwind-chunks.js";

/** What one write adds that the visibility marks must follow (see visibility.queries.ts). */
export interface VisibilityWork {
  /** Objects the parties of their event commissioned, produced or packed, at the event's time (ms). */
  originations: { key: string; party: string; at: number }[];
  /** Flow edges this write created without their viewers: their crossings and viewers are worked out here. */
  edges: { from: string; to: string; eventId: string }[];
  /**
   * What the edges and shipments this write created with their viewers (flow-write.queries.ts createEdges) returned:
   * the marks crossing them, and viewers beyond their events' parties, who may list those events.
   */
  created: {
    fol: { key: string; party: string }[];
    hist: { key: string; party: string; at: number }[];
    seen: { eventId: string; parties: string[] }[];
  };
  /**
   * The containment edges among them: a child put into a parent may ride on shipments of the parent. `at`: the time
   * (ISO-8601) they were created with.
   */
  containments: { from: string; to: string; eventId: string; at: string }[];
  /** No containment end of this write touched those edges: each holds from its `at` on (none has an `until`). */
  containmentsOpen: boolean;
  /** Shipments this write created (with their viewers), by object and event. */
  shipments: { objectKey: string; eventId: string }[];
  /** The receipts those shipments granted as they were created (flow-write.queries.ts createShipments). */
  receipts: Receipt[];
  /** Transformation ids of the events this write created: their joined edges get both events' parties. */
  transformationIds: string[];
  /** Objects named by observations this write created, with the observations' parties (visibleObject's `named`). */
  named: { key: string; party: string }[];
  /** Edges and shipments whose viewers are set here: those of events written before, merged again by this write. */
  merged: {
    edges: { from: string; to: string; eventId: string }[];
    shipments: { objectKey: string; eventId: string }[];
  };
}

export function emptyVisibilityWork(): VisibilityWork {
  return {
    originations: [],
    edges: [],
    created: { fol: [], hist: [], seen: [] },
    containments: [],
    containmentsOpen: true,
    shipments: [],
    receipts: [],
    transformationIds: [],
    named: [],
    merged: { edges: [], shipments: [] },
  };
}

/** Objects whose marks a write changed: whose `fol` grew (read by the edges out of them) or `hist` rose (into them). */
class ChangedMarks {
  readonly followed: { key: string; party: string }[] = [];
  private readonly byKey = new Map<string, { key: string; out: boolean; in: boolean }>();

  addFollowed(rows: readonly Row[]): void {
    for (const row of rows) {
      const key = row.key as string;
      this.followed.push({ key, party: row.party as string });
      this.entry(key).out = true;
    }
  }

  addHistory(rows: readonly Row[]): void {
    for (const row of rows) this.entry(row.key as string).in = true;
  }

  objects(): { key: string; out: boolean; in: boolean }[] {
    return [...this.byKey.values()];
  }

  private entry(key: string): { key: string; out: boolean; in: boolean } {
    let entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, (entry = { key, out: false, in: false }));
    return entry;
  }
}

/** Receipts can chain (A ships to B, B to C in one document, or out of order): at most this many rounds. */
const MAX_ROUNDS = 32;
const CHUNK = 2000;

/**
 * Brings the marks up to date with one write, inside its transaction: originations, marks crossing the new edges,
 * then the receipts the new shipments grant, round after round while receipts make further shipments valid.
 */
export async function applyVisibilityMarks(tx: QueryRunner, work: VisibilityWork): Promise<void> {
  const changed = new ChangedMarks();
  const joined = work.transformationIds.length ? await tx.rows(Q.transformationParties(work.transformationIds)) : [];
  const originations = work.originations;
  let held = await unwind(
    tx,
    originations.map((o) => ({ ...o, contents: false })),
    Q.markHeld,
  );
  changed.addHistory(await unwind(tx, originations, Q.markHistory));
  changed.addFollowed(await unwind(tx, originations, Q.markFollowed));
  const edges = [
    ...work.edges,
    ...joined.map((r) => ({ from: r.from as string, to: r.to as string, eventId: r.eventId as string })),
  ];
  const crossings = await unwind(tx, edges, Q.edgeCrossings);
  changed.addFollowed(
    await unwind(
      tx,
      [...work.created.fol, ...crossings.flatMap((row) => row.fol as { key: string; party: string }[])],
      Q.markFollowed,
    ),
  );
  changed.addHistory(
    await unwind(
      tx,
      [...work.created.hist, ...crossings.flatMap((row) => row.hist as { key: string; party: string; at: number }[])],
      Q.markHistory,
    ),
  );
  // New shipments, and shipments already recorded that a new containment edge puts more goods into.
  const created = new Set(work.shipments.map((s) => `${s.objectKey}|${s.eventId}`));
  const carried = (
    work.containmentsOpen
      ? await unwind(
          tx,
          distinct(
            work.containments.map(({ to, at }) => ({ to, at })),
            (c) => `${c.to}|${c.at}`,
          ),
          Q.carriedByNewEdges,
        )
      : await unwind(tx, work.containments, Q.carriedShipments)
  )
    .map((row) => ({ objectKey: row.objectKey as string, eventId: row.eventId as string }))
    .filter((s) => !created.has(`${s.objectKey}|${s.eventId}`));
  let receipts = [
    ...work.receipts,
    ...(
      await unwind(
        tx,
        distinct(carried, (s) => `${s.objectKey}|${s.eventId}`),
        Q.shipmentReceipts,
      )
    ).map(toReceipt),
  ];
  for (let round = 0; round < MAX_ROUNDS && (receipts.length > 0 || held.length > 0); round++) {
    // Each received object is held on its own (a container's content only when its writer held that content).
    const newlyHeld = await unwind(
      tx,
      receipts.map((r) => ({ key: r.key, party: r.party, at: r.at, contents: false })),
      Q.markHeld,
    );
    changed.addHistory(await unwind(tx, historyRoots(receipts), Q.markHistory));
    // Shipments waiting for their writer to hold the goods: written earlier, or earlier in this same write.
    receipts = (await unwind(tx, [...held, ...newlyHeld].map(toHeld), Q.pendingReceipts)).map(toReceipt);
    held = [];
  }
  await unwind(
    tx,
    distinct(work.named, (n) => `${n.key}|${n.party}`),
    Q.markNamed,
  );
  await applyViewers(tx, work, edges, changed);
}

/**
 * Raises parties' history marks (rule 2) on objects and what they came from, and refreshes the viewers of the edges
 * reading them: for a write that originates objects whose own marks it set itself (code issuance).
 */
export async function raiseHistory(tx: QueryRunner, rows: readonly { key: string; party: string; at: number }[]) {
  const changed = new ChangedMarks();
  changed.addHistory(await unwind(tx, rows, Q.markHistory));
  await unwind(tx, changed.objects(), V.refreshAround);
}

/**
 * What the marks now grant (viewers.queries.ts): the viewers new edges and shipments were created with beyond their
 * events' parties list those events (the parties themselves were given their sightings with the events,
 * flow.mergeEvents); edges written without viewers, and those reading a mark that changed, get their viewers; a party
 * following an object lists its alerts.
 */
async function applyViewers(
  tx: QueryRunner,
  work: VisibilityWork,
  edges: readonly { from: string; to: string; eventId: string }[],
  changed: ChangedMarks,
): Promise<void> {
  await unwind(
    tx,
    work.created.seen.filter((e) => e.parties.length > 0),
    V.seeEvents,
  );
  await unwind(
    tx,
    distinct([...edges, ...work.merged.edges], (e) => `${e.from}|${e.to}|${e.eventId}`),
    V.refreshFlowEdges,
  );
  await unwind(
    tx,
    distinct(work.merged.shipments, (s) => `${s.objectKey}|${s.eventId}`),
    V.refreshShipments,
  );
  await unwind(tx, changed.objects(), V.refreshAround);
  await unwind(
    tx,
    distinct(changed.followed, (f) => `${f.key}|${f.party}`),
    V.seeAlertsOfFollowed,
  );
}

/**
 * The moments whose history rule 2 opens: a received object's history before t holds everything that was in it, so
 * when the shipped object itself was received its contents add nothing; otherwise each received content counts.
 */
function historyRoots(receipts: readonly Receipt[]): { key: string; party: string; at: number }[] {
  const whole = new Set(receipts.filter((r) => r.key === r.shipped).map((r) => `${r.shipped}|${r.party}|${r.at}`));
  const roots = receipts.filter((r) => r.key === r.shipped || !whole.has(`${r.shipped}|${r.party}|${r.at}`));
  return distinct(
    roots.map((r) => ({ key: r.key, party: r.party, at: r.at })),
    (r) => `${r.key}|${r.party}|${r.at}`,
  );
}

function distinct<T>(rows: readonly T[], identity: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(identity(row)) && seen.add(identity(row)));
}

interface Held {
  key: string;
  party: string;
  at: number;
}

function toHeld(row: Row): Held {
  return { key: row.key as string, party: row.party as string, at: Number(row.at) };
}

/** A received object, and the object the shipment named (itself, or a container it was in). */
export interface Receipt extends Held {
  shipped: string;
}

export function toReceipt(row: Row): Receipt {
  return { ...toHeld(row), shipped: row.shipped as string };
}

/** The parties of an event (API-CONTRACT §6): its writer, its senders and receivers, the owners of its places. */
export function eventParties(event: EventRow, owners: ReadonlyMap<string, string>): string[] {
  const places = [event.bizLocation, event.readPoint].map((id) => (id === undefined ? undefined : owners.get(id)));
  const all = [
    event.actorOrganization,
    ...(event.sourceParties ?? []),
    ...(event.destinationParties ?? []),
    ...(event.parties ?? []),
    ...places,
  ];
  return [...new Set(all.filter((p): p is string => typeof p === "string" && p !== ""))];
}

/**
 * Whether an event only observes what it names (an ObjectEvent OBSERVE with no destination): its parties learn of the
 * objects from it alone, since no edge, shipment or origination comes with it.
 */
export function isPlainObservation(event: EventRow): boolean {
  return event.type === "ObjectEvent" && event.action === "OBSERVE" && (event.destinationParties ?? []).length === 0;
}

/** What an event commissioned, produced or packed: ObjectEvent ADD, transformation outputs, aggregation ADD parent. */
export function originatedKeys(event: EventRow): string[] {
  if (event.originates) return event.originates;
  if (event.type === "ObjectEvent" && event.action === "ADD")
    return [...(event.epcKeys ?? []), ...(event.classKeys ?? [])];
  if (event.type === "TransformationEvent") return event.outputKeys ?? [];
  if (event.type === "AggregationEvent" && event.action === "ADD" && event.parentKey) return [event.parentKey];
  return [];
}

function unwind<T>(tx: QueryRunner, rows: readonly T[], build: (chunk: readonly T[]) => Query): Promise<Row[]> {
  return unwindChunks(tx, rows, build, CHUNK);
}

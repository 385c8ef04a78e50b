import { randomUUID } from "node:crypto";
import type { Executor, QueryRunner, Row } from "./executor.js";
import { OBJECT_EDGE_KINDS, type EventRow, type FlowEdgeRow, type WritePlan } from "./flow-model.js";
import * as V from "./visibility.queries.js";
import {
  applyVisibilityMarks,
  emptyVisibilityWork,
  eventParties,
  isPlainObservation,
  originatedKeys,
  toReceipt,
  type Receipt,
  type VisibilityWork,
} from "./visibility-marks.js";
import * as Q from "./flow-write.queries.js";
import { FIRST_JUDGEMENT, judgeScans, type Judgement } from "./diversion.queries.js";
import type { Query } from "./query.js";
import { unwindChunks } from "./unwind-chunks.js";
import { checkpointInTx } from "./job.repository.js";
import { finishJob } from "./job.queries.js";
import { organizationIdsInTx } from "./organization.repository.js";
import { organizationIdsOfPlan, withOrganizationIds } from "./plan-organizations.js";
import { recordChangeInTx } from "./outbox.repository.js";
import { mergeMasterData } from "./master-data.queries.js";

export interface WriteOutcome {
  /** Event ids written by this call. */
  written: string[];
  /** Event ids that were in the graph already and were skipped (idempotent re-capture). */
  duplicates: string[];
  /** Diversion judgements of the scans written: scan id and the rule it broke, or null. */
  judgements: { scanId: string; rule: string | null }[];
}

/** A job that ends with a plan's write: its id, the worker's lease and the job's result properties. */
export interface JobCompletion {
  jobId: string;
  owner: string;
  result: (outcome: WriteOutcome) => Record<string, unknown>;
}

/** Rows per UNWIND statement: large enough to amortise round trips, small enough to keep each statement light. */
const CHUNK = 5_000;

/**
 * Writes a WritePlan in ONE transaction: the whole plan lands or nothing does. Events already in the graph are
 * skipped with everything they would have written, so capturing the same document twice changes nothing. Scans are
 * judged for diversion inside the same transaction, so an alert never exists without its scan or the other way round.
 */
export class FlowWriterRepository {
  constructor(private readonly executor: Executor) {}

  /**
   * `completion`, when given, ends a job (DONE, guarded by its lease) in the same transaction as the plan: when the
   * lease is no longer the worker's, nothing of the plan is written either (LeaseLostError).
   */
  async write(plan: WritePlan, completion?: JobCompletion): Promise<WriteOutcome> {
    return this.executor.writeTx("writePlan", async (tx) => {
      const outcome = await writePlanInTx(tx, plan);
      if (completion) {
        const { jobId, owner, result } = completion;
        await checkpointInTx(tx, finishJob(jobId, owner, "DONE", result(outcome)), jobId);
      }
      return outcome;
    });
  }

  /**
   * The plan with its organisations named by their ids (a party's GLN becomes the organisation it identifies), for
   * the checks made before the write; the write resolves them again in its own transaction.
   */
  async withOrganizationIds(plan: WritePlan): Promise<WritePlan> {
    return this.executor.readTx("organizations.ownersOfIdentifiers", (tx) => planWithOrganizationIds(tx, plan));
  }
}

async function planWithOrganizationIds(tx: QueryRunner, plan: WritePlan): Promise<WritePlan> {
  return withOrganizationIds(plan, await organizationIdsInTx(tx, organizationIdsOfPlan(plan)));
}

/**
 * Writes a plan in the caller's transaction. Organisations are resolved here first, in the same transaction as the
 * write, so an identifier added a moment ago is honoured and every row names the organisation by its id.
 */
export async function writePlanInTx(tx: QueryRunner, given: WritePlan): Promise<WriteOutcome> {
  const plan = await planWithOrganizationIds(tx, given);
  const { events, repeated } = firstOfEachEvent(plan.events);
  const writeId = randomUUID();
  const parties = await partiesOfEvents(tx, events);
  const withParties = events.map((e) => ({ ...e, parties: parties.get(e.eventId) ?? [] }));
  const createdRows = await unwind(tx, withParties.map(eventParams), (rows) => Q.mergeEvents(rows, writeId));
  const created = new Set(createdRows.map((r) => r.eventId as string));
  const duplicates = events.map((e) => e.eventId).filter((id) => !created.has(id));
  const duplicateIds = new Set(duplicates);
  // Rows of events written before are skipped; rows of events created now cannot exist yet and are CREATEd.
  const fresh = (row: { eventId: string }) => !duplicateIds.has(row.eventId);
  const isNew = (row: { eventId: string }) => created.has(row.eventId);
  const createdEvents = events.filter(isNew);
  // What the edges and shipments created with their viewers report back: marks crossing them, further viewers, and
  // the receipts the shipments grant.
  const reported = emptyVisibilityWork().created;
  const receipts: Receipt[] = [];
  const report = (rows: readonly Row[]) => {
    for (const row of rows) {
      const seen = row.seen as string[];
      if (seen.length) reported.seen.push({ eventId: row.eventId as string, parties: seen });
      reported.fol.push(...((row.fol as VisibilityWork["created"]["fol"] | undefined) ?? []));
      reported.hist.push(...((row.hist as VisibilityWork["created"]["hist"] | undefined) ?? []));
      receipts.push(...((row.receipts as Row[] | undefined) ?? []).map(toReceipt));
    }
  };
  await unwind(tx, plan.objects, Q.mergeObjects);
  if (plan.organizationIds.length) await tx.rows(Q.mergeOrganizations(plan.organizationIds));
  if (plan.locationIds.length) await tx.rows(Q.mergeLocations(plan.locationIds));
  // Master data is no event: captured again, it is updated (never skipped as a duplicate).
  await unwind(tx, plan.masterData ?? [], mergeMasterData);
  for (const kind of OBJECT_EDGE_KINDS) {
    const rows = plan.edges.filter((e) => e.kind === kind && fresh(e));
    const newRows = distinct(rows.filter(isNew), (e) => `${e.from}|${e.to}|${e.eventId}`);
    const partied = (e: FlowEdgeRow) => ({ ...edgeParams(e), parties: parties.get(e.eventId) ?? [] });
    report(await unwind(tx, newRows.map(partied), (chunk) => Q.createEdges(kind, chunk)));
    await unwind(tx, rows.filter((e) => !isNew(e)).map(partied), (chunk) => Q.mergeEdges(kind, chunk));
  }
  const transformationIds = [...new Set(createdEvents.flatMap((e) => e.transformationId ?? []))];
  if (transformationIds.length) await tx.rows(Q.joinTransformations(transformationIds));
  const containmentEnds = plan.containmentEnds.filter(fresh);
  await unwind(
    tx,
    containmentEnds.map((r) => ({ child: null, ...r })),
    Q.endContainment,
  );
  const eventsById = new Map(events.map((e) => [e.eventId, e]));
  const shipments = plan.shipments.filter(fresh).map((r) => ({
    fromOrgId: null,
    ...r,
    parties: parties.get(r.eventId) ?? [],
    writer: shipmentWriter(eventsById.get(r.eventId), r.fromOrgId),
  }));
  const newShipments = distinct(shipments.filter(isNew), (s) => `${s.objectKey}|${s.toOrgId}|${s.eventId}`);
  report(await unwind(tx, newShipments, Q.createShipments));
  await unwind(
    tx,
    shipments.filter((s) => !isNew(s)),
    Q.mergeShipments,
  );
  const scanRows = plan.scans.filter(fresh).map((r) => ({ locationId: null, regionCode: null, role: null, ...r }));
  const scanIds = (await unwind(tx, scanRows, Q.mergeScans)).map((r) => r.id as string);
  await unwind(tx, plan.errorDeclarations, Q.markErrorDeclarations);
  await applyVisibilityMarks(tx, {
    ...visibilityWork(createdEvents, parties, plan, isNew, duplicateIds, transformationIds),
    containmentsOpen: containmentEnds.length === 0,
    shipments: newShipments.map(({ objectKey, eventId }) => ({ objectKey, eventId })),
    receipts,
    created: reported,
  });
  const judgements = await judgeScansInTx(tx, scanIds);
  // Issue 18: what subscribers are to be told, in the transaction that wrote it (the outbox).
  const alertIds = judgements.filter((j) => j.rule !== null).map((j) => j.scanId);
  await recordChangeInTx(
    tx,
    writeId,
    createdEvents.map((e) => e.eventId),
    alertIds,
  );
  return { written: createdEvents.map((e) => e.eventId), duplicates: [...duplicates, ...repeated], judgements };
}

/** Each event's parties; the owners of the locations the events name are read once for all of them. */
async function partiesOfEvents(tx: QueryRunner, events: readonly EventRow[]): Promise<Map<string, string[]>> {
  const places = [...new Set(events.flatMap((e) => [e.bizLocation, e.readPoint].filter((p) => p !== undefined)))];
  const rows = await unwind(tx, places, V.locationOwners);
  const owners = new Map(rows.map((row) => [row.id as string, row.owner as string]));
  return new Map(events.map((e) => [e.eventId, eventParties(e, owners)]));
}

/**
 * Who wrote a shipment, to judge whether it grants a receipt: the organisation of the credential that wrote it; for
 * the platform operator, which has none, the sender it wrote on behalf of.
 */
function shipmentWriter(event: EventRow | undefined, fromOrgId: string | undefined): string | null {
  return event?.actorOrganization ?? fromOrgId ?? event?.sourceParties?.[0] ?? null;
}

function visibilityWork(
  created: readonly EventRow[],
  parties: ReadonlyMap<string, string[]>,
  plan: WritePlan,
  isNew: (row: { eventId: string }) => boolean,
  duplicates: ReadonlySet<string>,
  transformationIds: readonly string[],
): VisibilityWork {
  const work = emptyVisibilityWork();
  for (const event of created) {
    const at = Date.parse(event.eventTime);
    for (const key of originatedKeys(event)) {
      for (const party of parties.get(event.eventId) ?? []) work.originations.push({ key, party, at });
    }
  }
  work.containments = plan.edges
    .filter((e) => e.kind === "CONTAINED_IN" && isNew(e))
    .map((e) => ({ from: e.from, to: e.to, eventId: e.eventId, at: e.at }));
  work.transformationIds = [...transformationIds];
  work.named = created
    .filter(isPlainObservation)
    .flatMap((e) => e.objectKeys.flatMap((key) => (parties.get(e.eventId) ?? []).map((party) => ({ key, party }))));
  const merged = (row: { eventId: string }) => !isNew(row) && !duplicates.has(row.eventId);
  work.merged = {
    edges: plan.edges.filter(merged).map((e) => ({ from: e.from, to: e.to, eventId: e.eventId })),
    shipments: plan.shipments.filter(merged).map((s) => ({ objectKey: s.objectKey, eventId: s.eventId })),
  };
  return work;
}

/** The first row of each identity, in order. */
function distinct<T>(rows: readonly T[], identity: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = identity(row);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** An event id repeated within one plan is written once; the repeats count as duplicates. */
function firstOfEachEvent(all: readonly EventRow[]): { events: EventRow[]; repeated: string[] } {
  const seen = new Set<string>();
  const events: EventRow[] = [];
  const repeated: string[] = [];
  for (const event of all) {
    if (seen.has(event.eventId)) repeated.push(event.eventId);
    else {
      seen.add(event.eventId);
      events.push(event);
    }
  }
  return { events, repeated };
}

export async function judgeScansInTx(tx: QueryRunner, scanIds: string[], judgedBy: Judgement = FIRST_JUDGEMENT) {
  const rows = await unwind(tx, scanIds, (chunk) => judgeScans(chunk, judgedBy));
  return rows.map((row) => ({ scanId: row.scanId as string, rule: (row.rule as string | null) ?? null }));
}

function eventParams(event: EventRow) {
  const { eventId, eventTime, recordTime, ...props } = event;
  return { eventId, eventTime, recordTime, props: dropUndefined(props) };
}

function edgeParams(edge: WritePlan["edges"][number]) {
  return { quantityLevel: false, segmentStart: null, segmentEnd: null, unit: null, ...edge };
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function unwind<T>(tx: QueryRunner, rows: readonly T[], build: (chunk: readonly T[]) => Query): Promise<Row[]> {
  return unwindChunks(tx, rows, build, CHUNK);
}

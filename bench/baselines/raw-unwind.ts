import type { ManagedTransaction } from "neo4j-driver";
import type { WritePlan } from "../../src/graph/flow-model.js";
import { asCapturedByOperator, rawMarks, type RawMarks } from "./raw-marks.js";

/**
 * The raw UNWIND baselines: the same nodes and relationships as the product writes, in UNWIND batches of the same
 * size, with nothing else: no duplicate check, no MERGE where the data is known to be new, no mapping or validation.
 * This is the write throughput limit of this store for the same graph. The ingest baseline writes the visibility marks
 * of API-CONTRACT §6 too (event and edge `parties`, `viewers`, `writer`, the objects' `fol`/`hist`/`held`/`named`,
 * `SEES_EVENT`), worked out in the client for its fresh lots (raw-marks.ts) and written with the nodes and
 * relationships they belong to: what a raw-Cypher user meeting the same contract writes, by the cheapest plan.
 */
const CHUNK = 5_000;

/** Events, and who may list them (SEES_EVENT with the events page's sort keys), in one pass. */
const CREATE_EVENTS = `
UNWIND $rows AS row
CREATE (e:Event {eventId: row.eventId})
SET e += row.props, e.eventTime = datetime(row.eventTime), e.recordTime = datetime(row.recordTime),
    e.capturedAt = datetime()
WITH e, row
UNWIND row.sightings AS party
MATCH (o:Organization {id: party})
CREATE (o)-[:SEES_EVENT {party: party, at: e.eventTime, eventId: e.eventId}]->(e)`;

/** Objects may be shared with earlier documents (a supplier's lot), so they are MERGEd like the product does. */
const MERGE_OBJECTS = `
UNWIND $rows AS row
MERGE (o:Obj {key: row.key})
ON CREATE SET o.kind = row.kind, o.createdAt = datetime(), o.fol = row.fol, o.hist = row.hist, o.held = row.held,
              o.named = row.named`;

function createEdges(kind: string): string {
  return `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})
MATCH (b:Obj {key: row.to})
CREATE (a)-[:${kind} {eventId: row.eventId, at: datetime(row.at), quantityLevel: row.quantityLevel,
                      parties: row.parties, viewers: row.viewers}]->(b)`;
}

const CREATE_SHIPMENTS = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.objectKey})
MATCH (org:Organization {id: row.toOrgId})
CREATE (o)-[:SHIPPED_TO {eventId: row.eventId, at: datetime(row.at), fromOrgId: row.fromOrgId, parties: row.parties,
                         writer: row.writer, viewers: row.viewers}]->(org)`;

const NO_MARKS: RawMarks = {
  parties: new Map(),
  objects: new Map(),
  edgeViewers: new Map(),
  shipmentViewers: new Map(),
  sightings: new Map(),
};

async function unwind(tx: ManagedTransaction, statement: string, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.run(statement, { rows: rows.slice(i, i + CHUNK) });
}

/**
 * Writes a plan's events, objects, flow edges and shipments (the rows of an EPCIS document without scans) as the
 * operator's capture of its document records them, with their visibility marks (raw-marks.ts); `marks: false` writes
 * the same statements without any mark (the baseline before issue 19 made it write them, kept as a detail).
 */
export async function rawUnwindPlan(
  tx: ManagedTransaction,
  given: WritePlan,
  options = { marks: true },
): Promise<void> {
  const plan = { ...given, events: given.events.map(asCapturedByOperator) };
  const marks = options.marks ? rawMarks(plan) : NO_MARKS;
  await unwind(
    tx,
    CREATE_EVENTS,
    plan.events.map(({ eventId, eventTime, recordTime, ...props }) => ({
      eventId,
      eventTime,
      recordTime,
      props: options.marks ? { ...props, parties: marks.parties.get(eventId) ?? [] } : props,
      sightings: marks.sightings.get(eventId) ?? [],
    })),
  );
  await unwind(
    tx,
    MERGE_OBJECTS,
    plan.objects.map((o) => ({ ...o, ...marks.objects.get(o.key) })),
  );
  for (const kind of ["TRANSFORMED_INTO", "IN_LOT", "CONTAINED_IN"] as const) {
    const rows = plan.edges
      .filter((e) => e.kind === kind)
      .map((e) => ({
        ...e,
        quantityLevel: e.quantityLevel ?? false,
        parties: marks.parties.get(e.eventId) ?? null,
        viewers: marks.edgeViewers.get(`${e.from}|${e.to}|${e.eventId}`) ?? null,
      }));
    await unwind(tx, createEdges(kind), rows);
  }
  const eventsById = new Map(plan.events.map((e) => [e.eventId, e]));
  await unwind(
    tx,
    CREATE_SHIPMENTS,
    plan.shipments.map((s) => ({
      ...s,
      fromOrgId: s.fromOrgId ?? null,
      parties: marks.parties.get(s.eventId) ?? null,
      writer: options.marks ? (eventsById.get(s.eventId)?.actorOrganization ?? s.fromOrgId ?? null) : null,
      viewers: marks.shipmentViewers.get(`${s.objectKey}|${s.toOrgId}|${s.eventId}`) ?? null,
    })),
  );
}

/**
 * The nodes and links code issuance creates (src/graph/trace-code.queries.ts ISSUE_CHUNK) with the same properties,
 * by plain CREATE and the same best plan: everything a chunk's codes share computed once before the UNWIND.
 */
export const RAW_CREATE_CODES = `
MATCH (b:Batch {id: $batchId})
WITH b, [b.manufacturerId] AS makers, datetime({date: b.productionDate, timezone: "+08:00"}) AS produced,
     datetime($at) AS issuedAt
WITH b, makers, produced, issuedAt, [b.manufacturerId + "|" + toString(toInteger(produced.epochMillis))] AS since
UNWIND $codes AS code
CREATE (c:Obj:Code {key: code, value: code, kind: "ITEM", codeType: "ITEM", mode: "PER_ITEM", codeStatus: "GENERATED",
                    batchId: b.id, productId: b.productId, issueId: $issueId, issuedAt: issuedAt,
                    fol: makers, held: since, hist: since})
CREATE (b)-[:IN_LOT {eventId: $eventId, at: produced, quantityLevel: false, parties: makers, viewers: makers}]->(c)`;

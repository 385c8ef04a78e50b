import type { ManagedTransaction } from "neo4j-driver";
import type { WritePlan } from "../../src/graph/flow-model.js";

/**
 * The raw UNWIND baselines: the same nodes and relationships as the product writes, in UNWIND batches of the same
 * size, with nothing else: no duplicate check, no MERGE where the data is known to be new, no mapping or validation.
 * This is the write throughput limit of this store for the same graph.
 */
const CHUNK = 5_000;

const CREATE_EVENTS = `
UNWIND $rows AS row
CREATE (e:Event {eventId: row.eventId})
SET e += row.props, e.eventTime = datetime(row.eventTime), e.recordTime = datetime(row.recordTime),
    e.capturedAt = datetime()`;

/** Objects may be shared with earlier documents (a supplier's lot), so they are MERGEd like the product does. */
const MERGE_OBJECTS = `
UNWIND $rows AS row
MERGE (o:Obj {key: row.key})
ON CREATE SET o.kind = row.kind, o.createdAt = datetime()`;

function createEdges(kind: string): string {
  return `
UNWIND $rows AS row
MATCH (a:Obj {key: row.from})
MATCH (b:Obj {key: row.to})
CREATE (a)-[:${kind} {eventId: row.eventId, at: datetime(row.at), quantityLevel: row.quantityLevel}]->(b)`;
}

const CREATE_SHIPMENTS = `
UNWIND $rows AS row
MATCH (o:Obj {key: row.objectKey})
MATCH (org:Organization {id: row.toOrgId})
CREATE (o)-[:SHIPPED_TO {eventId: row.eventId, at: datetime(row.at), fromOrgId: row.fromOrgId}]->(org)`;

async function unwind(tx: ManagedTransaction, statement: string, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.run(statement, { rows: rows.slice(i, i + CHUNK) });
}

/** Writes a plan's events, objects, flow edges and shipments (the rows of an EPCIS document without scans). */
export async function rawUnwindPlan(tx: ManagedTransaction, plan: WritePlan): Promise<void> {
  await unwind(
    tx,
    CREATE_EVENTS,
    plan.events.map(({ eventId, eventTime, recordTime, ...props }) => ({ eventId, eventTime, recordTime, props })),
  );
  await unwind(tx, MERGE_OBJECTS, plan.objects);
  for (const kind of ["TRANSFORMED_INTO", "IN_LOT", "CONTAINED_IN"] as const) {
    const rows = plan.edges
      .filter((e) => e.kind === kind)
      .map((e) => ({ ...e, quantityLevel: e.quantityLevel ?? false }));
    await unwind(tx, createEdges(kind), rows);
  }
  await unwind(tx, CREATE_SHIPMENTS, plan.shipments);
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

import { query, type Query } from "./query.js";
import { SEE_EVENT } from "./viewers.queries.js";

/**
 * Native disposition events: a batch's release (出厂) and recall (召回), a code voided. Each is written in the
 * transaction of the change it records, once (MERGE on its id: a repeated change adds nothing), with the maker as its
 * party (API-CONTRACT §6) beside the writer's organisation, and the query keys the EPCIS filters read.
 */

/** Who wrote the change: the credential and the organisation it acts for (null for the platform operator). */
export interface EventActor {
  actorCredential: string;
  actorOrganization: string | null;
}

export type BatchDisposition = "release" | "recall";

/** The stored type and CBV disposition of each batch-level event; fixed, never user input. */
const BATCH_DISPOSITIONS: Readonly<Record<BatchDisposition, { type: string; disposition: string }>> = {
  release: { type: "NativeRelease", disposition: "active" },
  recall: { type: "NativeRecall", disposition: "recalled" },
};

/** After the event `e` is merged: each of its parties may list it (viewers.queries.ts). */
const SEEN_BY_PARTIES = `WITH e
UNWIND e.parties AS party
WITH DISTINCT e.eventId AS eventId, party
${SEE_EVENT}`;

const BATCH_EVENT = `
MATCH (b:Batch {id: $batchId})
MERGE (e:Event {eventId: $eventId})
ON CREATE SET e.type = $type, e.eventTime = datetime(), e.recordTime = datetime(), e.capturedAt = datetime(),
              e.action = "OBSERVE", e.disposition = $disposition, e.objectKeys = [b.key], e.epcKeys = [],
              e.classKeys = [b.key], e.hashedId = false, e.document = $document,
              e.actorCredential = $actor.actorCredential, e.actorOrganization = $actor.actorOrganization,
              e.parties = [p IN [b.manufacturerId, $actor.actorOrganization] WHERE p IS NOT NULL | p]
${SEEN_BY_PARTIES}`;

/** The release or recall of a batch as an event; `reason` (a recall's) goes into its document. */
export function batchDispositionEvent(
  kind: BatchDisposition,
  batchId: string,
  actor: EventActor,
  reason: string | null = null,
): Query {
  const { type, disposition } = BATCH_DISPOSITIONS[kind];
  return query(`nativeEvents.${kind}`, BATCH_EVENT, {
    batchId,
    eventId: `native:${kind}:${batchId}`,
    type,
    disposition,
    document: JSON.stringify({ batchId, ...(reason === null ? {} : { reason }) }),
    actor,
  });
}

/** A voided code, decommissioned: an instance in epcKeys, a product or batch code in classKeys. */
const VOID_EVENT = `
MATCH (c:Obj {key: $key}) WHERE c.codeStatus = "VOID"
OPTIONAL MATCH (p:Product {id: CASE WHEN c:Product THEN c.id ELSE c.productId END})
WITH c, p, c.kind IN ["PRODUCT", "LOT"] AS isClass
MERGE (e:Event {eventId: $eventId})
ON CREATE SET e.type = "NativeCodeVoid", e.eventTime = c.voidedAt, e.recordTime = datetime(), e.capturedAt = datetime(),
              e.action = "DELETE", e.bizStep = "decommissioning", e.disposition = "inactive", e.objectKeys = [c.key],
              e.epcKeys = CASE WHEN isClass THEN [] ELSE [c.key] END,
              e.classKeys = CASE WHEN isClass THEN [c.key] ELSE [] END, e.hashedId = false,
              e.document = $document, e.actorCredential = $actor.actorCredential,
              e.actorOrganization = $actor.actorOrganization,
              e.parties = [x IN [p.manufacturerId, $actor.actorOrganization] WHERE x IS NOT NULL | x]
${SEEN_BY_PARTIES}`;

export function codeVoidEvent(key: string, reason: string, actor: EventActor): Query {
  return query("nativeEvents.void", VOID_EVENT, {
    key,
    eventId: `native:void:${key}`,
    document: JSON.stringify({ code: key, reason }),
    actor,
  });
}

import { JUDGE_NEW_SCAN } from "./diversion.queries.js";
import { alertRow } from "./alert-cypher.js";
import { query, type Query } from "./query.js";
import type { ScanWrite } from "./trace-code.repository.js";

/**
 * recordScan in one statement (one round trip): the scanned object's state as it was before the scan (issued? void?
 * its batch's status?), then, unless the event id was recorded before or the object is unknown and may not be
 * created, the event, the object (GS1 objects named for the first time), the scan and its diversion judgement
 * (JUDGE_NEW_SCAN: the rule clauses capture's JUDGE_SCAN uses, and the alert of a broken rule raised by CREATE, since
 * a scan created with its event has no alert yet), returning the alert it raised with the responsible organisation.
 * A repeated event id writes nothing and answers with the alert stored the first time.
 *
 * Reads come before writes (no read-after-write Eager in the plan). The scan and its OF link are CREATEd: they exist
 * only with their event, and the event is created by this statement (`writeId`; when a concurrent call with the same
 * id commits the event first, MERGE matches it and nothing else is written: a duplicate).
 *
 * $event: { eventId, eventTime, recordTime, props } as MERGE_EVENTS takes it; $scan: the Scan's properties with its
 * id; $objectKind: the kind to create an unknown object with, or null when an unknown object must not be created.
 */
const RECORD_SCAN = `
OPTIONAL MATCH (c:Obj {key: $scan.objectKey})
OPTIONAL MATCH (b:Batch) WHERE b.id = CASE WHEN c:Batch THEN c.id ELSE c.batchId END
OPTIONAL MATCH (prior:Event {eventId: $event.eventId})
OPTIONAL MATCH (stored:Alert {id: $scan.id}) WHERE prior IS NOT NULL
OPTIONAL MATCH (storedOrg:Organization {id: stored.responsibleOrgId})
WITH c IS NOT NULL AS known, c.codeStatus AS codeStatus, b.id AS batchId, b.status AS batchStatus,
     prior IS NOT NULL AS duplicate, ${alertRow("stored")} AS storedAlert, storedOrg {.*} AS storedOrganization
OPTIONAL CALL (known, duplicate) {
  WITH known, duplicate WHERE NOT duplicate AND (known OR $objectKind IS NOT NULL)
  MERGE (e:Event {eventId: $event.eventId})
  ON CREATE SET e += $event.props, e.eventTime = datetime($event.eventTime),
                e.recordTime = datetime($event.recordTime), e.capturedAt = datetime(), e.writeId = $writeId
  WITH e WHERE e.writeId = $writeId
  MERGE (o:Obj {key: $scan.objectKey})
  ON CREATE SET o.kind = $objectKind, o.createdAt = datetime()
  CREATE (s:Scan {id: $scan.id, eventId: $scan.eventId, objectKey: $scan.objectKey, at: datetime($scan.at),
                  bizStep: $scan.bizStep, role: $scan.role, regionCode: $scan.regionCode})
  CREATE (s)-[:OF]->(o)
  WITH s, o
  ${JUDGE_NEW_SCAN}
  RETURN true AS written,
         CASE WHEN rule IS NOT NULL THEN {id: s.id, rule: rule, objectKey: o.key, scanRegion: s.regionCode,
              scannedAt: s.at, eventId: s.eventId, responsibleOrgId: org.id, authorizedRegions: regions,
              evidence: CASE WHEN org IS NULL THEN [o.key] ELSE evidence END, state: "OPEN",
              history: [{state: "OPEN", at: datetime(), actor: null, actorOrganizationId: null,
                         note: "raised by the scan"}]} END AS alert,
         CASE WHEN rule IS NOT NULL THEN org {.*} END AS organization
}
RETURN known, codeStatus, batchId, batchStatus, coalesce(written, false) AS written,
       duplicate OR (written IS NULL AND (known OR $objectKind IS NOT NULL)) AS duplicate,
       coalesce(alert, storedAlert) AS alert, coalesce(organization, storedOrganization) AS organization`;

/** `writeId` marks the event this call creates (see above); a fresh one per call. */
export function recordScan(scan: ScanWrite, writeId: string): Query {
  return query("codes.recordScan", RECORD_SCAN, { ...scan, writeId });
}

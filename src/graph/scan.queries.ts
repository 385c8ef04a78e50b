import { JUDGE_SCAN } from "./diversion.queries.js";

/**
 * recordScan in one statement (one round trip): the scanned object's state as it was before the scan (issued? void?
 * its batch's status?), then, unless the event id was recorded before or the object is unknown and may not be
 * created, the event, the object (GS1 objects named for the first time), the scan and its diversion judgement
 * (JUDGE_SCAN, the same clauses capture uses); last, the scan's alert with its responsible organisation.
 *
 * $event: { eventId, eventTime, recordTime, props } as MERGE_EVENTS takes it; $scan: the Scan's properties with its
 * id; $objectKind: the kind to create an unknown object with, or null when an unknown object must not be created.
 */
export const RECORD_SCAN = `
OPTIONAL MATCH (c:Obj {key: $scan.objectKey})
OPTIONAL MATCH (b:Batch) WHERE b.id = CASE WHEN c:Batch THEN c.id ELSE c.batchId END
OPTIONAL MATCH (prior:Event {eventId: $event.eventId})
WITH c IS NOT NULL AS known, c.codeStatus AS codeStatus, b.id AS batchId, b.status AS batchStatus,
     prior IS NOT NULL AS duplicate
OPTIONAL CALL (known, duplicate) {
  WITH known, duplicate WHERE NOT duplicate AND (known OR $objectKind IS NOT NULL)
  MERGE (e:Event {eventId: $event.eventId})
  ON CREATE SET e += $event.props, e.eventTime = datetime($event.eventTime),
                e.recordTime = datetime($event.recordTime), e.capturedAt = datetime()
  MERGE (o:Obj {key: $scan.objectKey})
  ON CREATE SET o.kind = $objectKind, o.createdAt = datetime()
  MERGE (s:Scan {id: $scan.id})
  ON CREATE SET s.eventId = $scan.eventId, s.objectKey = $scan.objectKey, s.at = datetime($scan.at),
                s.bizStep = $scan.bizStep, s.role = $scan.role, s.regionCode = $scan.regionCode
  MERGE (s)-[:OF]->(o)
  WITH s, o
  ${JUDGE_SCAN}
  RETURN true AS written
}
OPTIONAL MATCH (a:Alert {id: $scan.id})
OPTIONAL MATCH (org:Organization {id: a.responsibleOrgId})
RETURN known, codeStatus, batchId, batchStatus, duplicate, coalesce(written, false) AS written,
       a {.*} AS alert, org {.*} AS organization`;

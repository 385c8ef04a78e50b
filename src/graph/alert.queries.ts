import neo4j from "neo4j-driver";
import type { AlertFilter } from "./alert.repository.js";
import { query, type Query } from "./query.js";

/** Cypher of the diversion alerts' reads (AlertRepository); judging scans is in diversion.queries.ts. */

/** Newest first, ties by id: the keyset the alert cursors encode. */
const LIST_ALERTS = `
MATCH (a:Alert)
WHERE ($rule IS NULL OR a.rule = $rule)
  AND ($orgId IS NULL OR a.responsibleOrgId = $orgId)
  AND ($objectKey IS NULL OR a.objectKey = $objectKey)
  AND ($from IS NULL OR a.scannedAt >= datetime($from))
  AND ($to IS NULL OR a.scannedAt < datetime($to))
  AND ($region IS NULL OR
       CASE WHEN $region ENDS WITH "0000" THEN left(a.scanRegion, 2) = left($region, 2)
            WHEN $region ENDS WITH "00" THEN left(a.scanRegion, 4) = left($region, 4)
            ELSE a.scanRegion = $region END)
  AND ($afterAt IS NULL OR a.scannedAt < datetime($afterAt)
       OR (a.scannedAt = datetime($afterAt) AND a.id > $afterId))
RETURN a {.*} AS alert
ORDER BY a.scannedAt DESC, a.id ASC
LIMIT $fetch`;

/** One page of alerts (one more row than `first` tells whether another page follows). */
export function listAlerts(filter: AlertFilter, first: number, after: { at: string; id: string } | null): Query {
  return query("alerts.list", LIST_ALERTS, {
    rule: filter.rule ?? null,
    orgId: filter.organizationId ?? null,
    objectKey: filter.objectKey ?? null,
    region: filter.region ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    afterAt: after?.at ?? null,
    afterId: after?.id ?? null,
    fetch: neo4j.int(first + 1),
  });
}

const ALERTS_BY_SCAN_IDS = `
UNWIND $ids AS id
MATCH (a:Alert {id: id})
RETURN a {.*} AS alert`;

/** An alert's id is its scan's id. */
export function alertsByScanIds(scanIds: readonly string[]): Query {
  return query("alerts.byScan", ALERTS_BY_SCAN_IDS, { ids: scanIds });
}

import neo4j from "neo4j-driver";
import type { Executor, Row } from "./executor.js";
import { cypher } from "./cypher-query.js";
import { SCANS_TOUCHING_ORGANIZATION } from "./diversion.queries.js";
import { judgeScansInTx } from "./flow-writer.repository.js";
import { runRows } from "./executor.js";
import type { DiversionRule } from "../diversion/diversion-rule.js";

export interface AlertRecord {
  id: string;
  rule: DiversionRule;
  objectKey: string;
  scanRegion: string;
  scannedAt: string;
  eventId: string | null;
  responsibleOrgId: string | null;
  authorizedRegions: string[];
  evidence: string[];
}

export interface AlertFilter {
  rule?: string | null;
  organizationId?: string | null;
  region?: string | null;
  objectKey?: string | null;
  from?: string | null;
  to?: string | null;
}

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

export class AlertRepository {
  constructor(private readonly executor: Executor) {}

  async list(filter: AlertFilter, first: number, after: { at: string; id: string } | null): Promise<AlertRecord[]> {
    const rows = await this.executor.read(
      cypher(LIST_ALERTS, {
        rule: filter.rule ?? null,
        orgId: filter.organizationId ?? null,
        objectKey: filter.objectKey ?? null,
        region: filter.region ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        afterAt: after?.at ?? null,
        afterId: after?.id ?? null,
        fetch: neo4j.int(first + 1),
      }),
      "alerts.list",
    );
    return rows.map((r) => toAlert(r.alert as Row));
  }

  async byScanIds(scanIds: readonly string[]): Promise<AlertRecord[]> {
    const rows = await this.executor.read(
      cypher("UNWIND $ids AS id MATCH (a:Alert {id: id}) RETURN a {.*} AS alert", { ids: scanIds }),
      "alerts.byScan",
    );
    return rows.map((r) => toAlert(r.alert as Row));
  }

  /** Re-judges every scan an organisation's change may affect, in one transaction; returns how many were judged. */
  async rejudgeForOrganization(orgId: string): Promise<number> {
    return this.executor.writeTx(async (tx) => {
      const rows = await runRows(tx, cypher(SCANS_TOUCHING_ORGANIZATION, { orgId }));
      const scanIds = rows.map((r) => r.scanId as string);
      await judgeScansInTx(tx, scanIds);
      return scanIds.length;
    }, "alerts.rejudge");
  }
}

function toAlert(row: Row): AlertRecord {
  return {
    id: row.id as string,
    rule: row.rule as DiversionRule,
    objectKey: row.objectKey as string,
    scanRegion: row.scanRegion as string,
    scannedAt: row.scannedAt as string,
    eventId: (row.eventId as string | undefined) ?? null,
    responsibleOrgId: (row.responsibleOrgId as string | undefined) ?? null,
    authorizedRegions: (row.authorizedRegions as string[] | undefined) ?? [],
    evidence: (row.evidence as string[] | undefined) ?? [],
  };
}

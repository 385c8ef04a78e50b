import * as Q from "./alert.queries.js";
import { scansTouchingOrganization } from "./diversion.queries.js";
import type { Executor, Row } from "./executor.js";
import { judgeScansInTx } from "./flow-writer.repository.js";
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

export class AlertRepository {
  constructor(private readonly executor: Executor) {}

  async list(
    filter: AlertFilter,
    first: number,
    after: { at: string; id: string } | null,
    scope?: string,
  ): Promise<AlertRecord[]> {
    const rows = await this.executor.read(Q.listAlerts(filter, first, after, scope));
    return rows.map((r) => toAlert(r.alert as Row));
  }

  async byScanIds(scanIds: readonly string[]): Promise<AlertRecord[]> {
    const rows = await this.executor.read(Q.alertsByScanIds(scanIds));
    return rows.map((r) => toAlert(r.alert as Row));
  }

  /** Re-judges every scan an organisation's change may affect, in one transaction; returns how many were judged. */
  async rejudgeForOrganization(orgId: string): Promise<number> {
    return this.executor.writeTx("alerts.rejudge", async (tx) => {
      const rows = await tx.rows(scansTouchingOrganization(orgId));
      const scanIds = rows.map((r) => r.scanId as string);
      await judgeScansInTx(tx, scanIds);
      return scanIds.length;
    });
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

import * as Q from "./alert.queries.js";
import { scansTouchingOrganization, type Judgement } from "./diversion.queries.js";
import type { Executor, Row } from "./executor.js";
import { judgeScansInTx } from "./flow-writer.repository.js";
import type { DiversionRule } from "../diversion/diversion-rule.js";
import type { AlertState } from "../diversion/alert-state.js";

/** One step of an alert's life, as kept forever on the alert. */
export interface AlertTransitionRecord {
  state: AlertState;
  at: string;
  /** The credential that made the step; null for an alert raised by its scan. */
  actor: string | null;
  actorOrganizationId: string | null;
  note: string;
}

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
  state: AlertState;
  history: AlertTransitionRecord[];
}

export interface AlertFilter {
  states?: readonly AlertState[] | null;
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

  /** The alerts among `ids` matching `filter` that `scope` may see, in the order of `ids`. */
  async visibleByIds(ids: readonly string[], filter: AlertFilter, scope?: string): Promise<AlertRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.executor.read(Q.visibleAlertsByIds(ids, filter, scope));
    return rows.map((r) => toAlert(r.alert as Row));
  }

  async byScanIds(scanIds: readonly string[]): Promise<AlertRecord[]> {
    const rows = await this.executor.read(Q.alertsByScanIds(scanIds));
    return rows.map((r) => toAlert(r.alert as Row));
  }

  /**
   * One step of an alert's life: null when the party may not see the alert (or it does not exist); otherwise the
   * state it had and the alert as it is now (unchanged when the step was not allowed from that state).
   */
  async transition(
    step: Q.AlertTransitionWrite,
    scope?: string,
  ): Promise<{ before: AlertState; alert: AlertRecord } | null> {
    const [row] = await this.executor.write(Q.transitionAlert(step, scope));
    return row ? { before: row.before as AlertState, alert: toAlert(row.alert as Row) } : null;
  }

  /**
   * Re-judges every scan an organisation's change may affect, in one transaction; returns how many were judged.
   * Alerts the change explains are resolved by `judgedBy` (never deleted).
   */
  async rejudgeForOrganization(orgId: string, judgedBy: Judgement): Promise<number> {
    return this.executor.writeTx("alerts.rejudge", async (tx) => {
      const rows = await tx.rows(scansTouchingOrganization(orgId));
      const scanIds = rows.map((r) => r.scanId as string);
      await judgeScansInTx(tx, scanIds, judgedBy);
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
    state: ((row.state as string | undefined) ?? "OPEN") as AlertState,
    history: ((row.history as Row[] | undefined) ?? []).map(toTransition),
  };
}

function toTransition(row: Row): AlertTransitionRecord {
  return {
    state: row.state as AlertState,
    at: row.at as string,
    actor: (row.actor as string | undefined) ?? null,
    actorOrganizationId: (row.actorOrganizationId as string | undefined) ?? null,
    note: (row.note as string | undefined) ?? "",
  };
}

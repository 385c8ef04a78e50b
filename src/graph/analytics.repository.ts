import * as Q from "./analytics.queries.js";
import type { Executor } from "./executor.js";

export interface TimeWindow {
  from: string | null;
  to: string | null;
  /** The party whose view the figures are (API-CONTRACT §6); absent for ADMIN and REGULATOR. */
  scope?: string;
}

export interface FlowMatrixRow {
  authorized: string;
  scanRegion: string;
  scans: number;
  alerts: number;
}

export interface LeakRow {
  orgId: string;
  scans: number;
  alerts: number;
  leakRate: number;
}

export class AnalyticsRepository {
  constructor(private readonly executor: Executor) {}

  async flowMatrix(window: TimeWindow): Promise<{ rows: FlowMatrixRow[]; scans: number; alerts: number }> {
    return this.executor.readTx("analytics.flowMatrix", async (tx) => {
      const rows = await tx.rows(Q.flowMatrix(window));
      const [total] = await tx.rows(Q.windowTotals(window));
      return {
        rows: rows.map((r) => ({
          authorized: r.authorized as string,
          scanRegion: r.scanRegion as string,
          scans: Number(r.scans),
          alerts: Number(r.alerts),
        })),
        scans: Number(total?.scans ?? 0),
        alerts: Number(total?.alerts ?? 0),
      };
    });
  }

  async leakRanking(window: TimeWindow, limit: number): Promise<LeakRow[]> {
    const rows = await this.executor.read(Q.leakRanking(window, limit));
    return rows as unknown as LeakRow[];
  }

  /** Allowlist: goods of `from` may be sold in `to`'s authorised regions without an alert. */
  async setTransferPermit(fromOrgId: string, toOrgId: string, allowed: boolean): Promise<boolean> {
    const rows = await this.executor.write(Q.transferPermit(fromOrgId, toOrgId, allowed));
    return rows.length > 0;
  }
}

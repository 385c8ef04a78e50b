import neo4j from "neo4j-driver";
import type { Executor } from "./executor.js";
import { cypher } from "./cypher-query.js";
import { FLOW_MATRIX_QUERY, LEAK_RANKING_QUERY, WINDOW_TOTALS_QUERY } from "./analytics.queries.js";

export interface TimeWindow {
  from: string | null;
  to: string | null;
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
    return this.executor.readTx(async (tx) => {
      const rows = await tx.run(FLOW_MATRIX_QUERY, { ...window });
      const totals = await tx.run(WINDOW_TOTALS_QUERY, { ...window });
      const total = totals.records[0];
      return {
        rows: rows.records.map((r) => ({
          authorized: r.get("authorized") as string,
          scanRegion: r.get("scanRegion") as string,
          scans: Number(r.get("scans")),
          alerts: Number(r.get("alerts")),
        })),
        scans: Number(total?.get("scans") ?? 0),
        alerts: Number(total?.get("alerts") ?? 0),
      };
    }, "analytics.flowMatrix");
  }

  async leakRanking(window: TimeWindow, limit: number): Promise<LeakRow[]> {
    const rows = await this.executor.read(
      cypher(LEAK_RANKING_QUERY, { ...window, limit: neo4j.int(limit) }),
      "analytics.leakRanking",
    );
    return rows as unknown as LeakRow[];
  }

  /** Allowlist: goods of `from` may be sold in `to`'s authorised regions without an alert. */
  async setTransferPermit(fromOrgId: string, toOrgId: string, allowed: boolean): Promise<boolean> {
    const statement = allowed
      ? `MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
         MERGE (a)-[p:MAY_TRANSFER_TO]->(b) ON CREATE SET p.since = datetime()
         RETURN true AS ok`
      : `MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
         OPTIONAL MATCH (a)-[p:MAY_TRANSFER_TO]->(b) DELETE p
         RETURN true AS ok`;
    const rows = await this.executor.write(cypher(statement, { from: fromOrgId, to: toOrgId }), "transferPermit");
    return rows.length > 0;
  }
}

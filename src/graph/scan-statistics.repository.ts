import type { Executor } from "./executor.js";
import * as Q from "./scan-statistics.queries.js";

export interface ScanStatisticsRow {
  productId: string | null;
  batchId: string | null;
  regionCode: string | null;
  day: string | null;
  consumerScans: number;
  channelScans: number;
}

export class ScanStatisticsRepository {
  constructor(private readonly executor: Executor) {}

  async statistics(q: Q.ScanStatisticsQuery): Promise<ScanStatisticsRow[]> {
    const rows = await this.executor.read(Q.scanStatistics(q));
    const text = (value: unknown) => (typeof value === "string" ? value : null);
    return rows.map((row) => ({
      productId: text(row.productId),
      batchId: text(row.batchId),
      regionCode: text(row.regionCode),
      day: text(row.day),
      consumerScans: Number(row.consumerScans),
      channelScans: Number(row.channelScans),
    }));
  }
}

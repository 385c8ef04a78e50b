import type { Principal } from "../access/principal.js";
import { readScope } from "../access/read-scope.js";
import { provinceName } from "../consumer/province-names.js";
import { BadUserInputError } from "../errors/app-errors.js";
import type { ScanStatisticsRepository, ScanStatisticsRow } from "../graph/scan-statistics.repository.js";
import type { ScanGrouping } from "./scan-grouping.js";

export interface ScanStatisticsRequest {
  groupBy: readonly ScanGrouping[];
  from?: Date | null;
  to?: Date | null;
  productId?: string | null;
  batchId?: string | null;
}

export interface ScanStatistic extends ScanStatisticsRow {
  /** The province's name for a grouped region (河南省), null when the region is not grouped or unknown. */
  regionName: string | null;
  scans: number;
}

/**
 * 市场调研: how often, where and when each product and batch is scanned, consumer scans apart from channel scans.
 * Counted inside the statement over the scans the caller may see (API-CONTRACT §6).
 */
export class ScanStatisticsService {
  constructor(private readonly repository: ScanStatisticsRepository) {}

  async statistics(request: ScanStatisticsRequest, principal: Principal): Promise<ScanStatistic[]> {
    const groupBy = [...new Set(request.groupBy)];
    if (groupBy.includes("PROVINCE") && groupBy.includes("CITY")) {
      throw new BadUserInputError("group by PROVINCE or by CITY, not both", {
        field: "groupBy",
        rule: "one region level",
      });
    }
    if (request.from && request.to && request.from >= request.to) {
      throw new BadUserInputError("from must be before to", { field: "from", rule: "window" });
    }
    const scope = readScope(principal);
    const rows = await this.repository.statistics({
      groupBy,
      from: request.from?.toISOString() ?? null,
      to: request.to?.toISOString() ?? null,
      productId: request.productId?.trim() || null,
      batchId: request.batchId?.trim() || null,
      ...(scope === undefined ? {} : { scope }),
    });
    return rows.map((row) => ({
      ...row,
      regionName: provinceName(row.regionCode),
      scans: row.consumerScans + row.channelScans,
    }));
  }
}

import { query, type Query } from "./query.js";
import type { ScanGrouping } from "../research/scan-grouping.js";

export interface ScanStatisticsQuery {
  groupBy: readonly ScanGrouping[];
  from: string | null;
  to: string | null;
  productId: string | null;
  batchId: string | null;
  /** The party whose view the figures are (API-CONTRACT §6); absent for ADMIN and REGULATOR. */
  scope?: string;
}

/**
 * Scans counted per group, split into consumer scans (role CONSUMER: buyers and the consumer page) and channel
 * scans (retailers, inspectors, logistics). Only the window bounds given go into the statement, so a bounded window
 * is a range seek on the scan_at index; a party counts the scans of goods it is responsible for or that follow what
 * it made, as the diversion analytics do.
 */
export function scanStatistics(q: ScanStatisticsQuery): Query {
  const by = new Set(q.groupBy);
  const where = [
    "s.at IS NOT NULL",
    ...(q.from != null ? ["s.at >= datetime($from)"] : []),
    ...(q.to != null ? ["s.at < datetime($to)"] : []),
    ...(q.scope !== undefined
      ? [
          "(s.responsibleOrgId = $scope OR EXISTS { MATCH (v:Obj {key: s.objectKey}) WHERE $scope IN coalesce(v.fol, []) })",
        ]
      : []),
  ];
  const objectFilters = [
    ...(q.productId !== null ? ["productId = $productId"] : []),
    ...(q.batchId !== null ? ["batchId = $batchId"] : []),
  ];
  const text = `
MATCH (s:Scan)
WHERE ${where.join("\n  AND ")}
OPTIONAL MATCH (o:Obj {key: s.objectKey})
WITH s, CASE WHEN o:Product THEN o.id ELSE o.productId END AS productId,
     CASE WHEN o:Batch THEN o.id ELSE o.batchId END AS batchId${objectFilters.length ? `\nWHERE ${objectFilters.join(" AND ")}` : ""}
WITH ${by.has("PRODUCT") ? "productId" : "null"} AS productId,
     ${by.has("BATCH") ? "batchId" : "null"} AS batchId,
     ${
       by.has("CITY")
         ? 'CASE WHEN s.regionCode IS NULL THEN null ELSE left(s.regionCode, 4) + "00" END'
         : by.has("PROVINCE")
           ? 'CASE WHEN s.regionCode IS NULL THEN null ELSE left(s.regionCode, 2) + "0000" END'
           : "null"
     } AS regionCode,
     ${by.has("DAY") ? 'toString(date(datetime({datetime: s.at, timezone: "+08:00"})))' : "null"} AS day,
     s.role = "CONSUMER" AS consumer
RETURN productId, batchId, regionCode, day,
       count(CASE WHEN consumer THEN 1 END) AS consumerScans, count(CASE WHEN NOT consumer THEN 1 END) AS channelScans
ORDER BY day, productId, batchId, regionCode`;
  return query("research.scanStatistics", text, {
    from: q.from,
    to: q.to,
    productId: q.productId,
    batchId: q.batchId,
    ...(q.scope !== undefined ? { scope: q.scope } : {}),
  });
}

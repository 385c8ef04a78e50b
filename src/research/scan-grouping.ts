/** What scan statistics may be grouped by (市场调研): product, batch, province or city of the scan, China day. */
export const ScanGrouping = {
  PRODUCT: "PRODUCT",
  BATCH: "BATCH",
  PROVINCE: "PROVINCE",
  CITY: "CITY",
  DAY: "DAY",
} as const;
export type ScanGrouping = (typeof ScanGrouping)[keyof typeof ScanGrouping];

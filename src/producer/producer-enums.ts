/**
 * The producer's vocabularies (API-CONTRACT §5) as plain `as const` objects: the domain owns them, the GraphQL layer
 * registers the same objects as enums, so a value passes between the layers without a cast.
 */

/** 一品一码 (one code per model), 一批一码 (per batch), 一物一码 (per item), 组合多码 (bundles and 子母码). */
export const TraceMode = {
  PER_PRODUCT: "PER_PRODUCT",
  PER_BATCH: "PER_BATCH",
  PER_ITEM: "PER_ITEM",
  COMBINED: "COMBINED",
} as const;
export type TraceMode = (typeof TraceMode)[keyof typeof TraceMode];

/** DRAFT: basic info recorded; CODED: codes issued; RELEASED: 出厂, info frozen; RECALLED. */
export const BatchStatus = {
  DRAFT: "DRAFT",
  CODED: "CODED",
  RELEASED: "RELEASED",
  RECALLED: "RECALLED",
} as const;
export type BatchStatus = (typeof BatchStatus)[keyof typeof BatchStatus];

/** A code's lifecycle: GENERATED, PRINTED (labels printed), ACTIVE (its batch released), VOID (with a reason). */
export const CodeStatus = {
  GENERATED: "GENERATED",
  PRINTED: "PRINTED",
  ACTIVE: "ACTIVE",
  VOID: "VOID",
} as const;
export type CodeStatus = (typeof CodeStatus)[keyof typeof CodeStatus];

/** A background job's state. */
export const JobStatus = {
  RUNNING: "RUNNING",
  DONE: "DONE",
  FAILED: "FAILED",
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

/** Who scanned a code in the market. */
export const ScanRole = {
  CONSUMER: "CONSUMER",
  RETAILER: "RETAILER",
  INSPECTOR: "INSPECTOR",
  LOGISTICS: "LOGISTICS",
} as const;
export type ScanRole = (typeof ScanRole)[keyof typeof ScanRole];

import type { QualityRow } from "../graph/producer.repository.js";
import { categoryRequirement } from "./category-rules.js";
import { daysSinceChinaDate } from "./china-date.js";
import { EXTENDED_FIELDS, filledExtendedFields } from "./extended-info.js";

/**
 * Data quality (监督与改进) as figures, from the guideline's basic requirements:
 *  - completeness: share of basic info fields filled (the licence and CCC numbers count only where the category
 *    needs them) and of the recommended extended info fields (extended-info.ts);
 *  - timeliness: days from the production date (a China calendar day) to the batch's record and to its first code;
 *  - stability: revisions after codes were issued, and audited corrections after release.
 */
export interface BatchQuality {
  batchId: string;
  basicCompleteness: number;
  missingBasic: string[];
  extendedCompleteness: number;
  missingExtended: string[];
  recordDelayDays: number;
  codeIssueDelayDays: number | null;
  revisions: number;
  changesAfterIssuance: number;
  correctionsAfterRelease: number;
}

/** The figures of a set of batches: the whole of a maker's, or those produced in one month. */
export interface QualityFigures {
  batches: number;
  averageBasicCompleteness: number | null;
  averageExtendedCompleteness: number | null;
  averageRecordDelayDays: number | null;
  maxRecordDelayDays: number | null;
  averageCodeIssueDelayDays: number | null;
  batchesWithoutCodes: number;
  changesAfterIssuance: number;
  correctionsAfterRelease: number;
}

/** One production month's figures (YYYY-MM, China calendar), so a maker sees improvement (持续改进) over time. */
export interface MonthlyQuality extends QualityFigures {
  month: string;
}

export interface ManufacturerQuality extends QualityFigures {
  manufacturerId: string;
  products: number;
  batchReports: BatchQuality[];
  /** Oldest month first; months without a batch are left out. */
  monthly: MonthlyQuality[];
}

export function batchQuality({ batch, product, revisions }: QualityRow): BatchQuality {
  const needs = categoryRequirement(product.category);
  const basic: [string, unknown][] = [
    ["product.manufacturerId", product.manufacturerId],
    ["product.name", product.name],
    ["product.brand", product.brand],
    ["product.model", product.model],
    ["product.category", product.category],
    ["product.standardNo", product.standardNo],
    ["batch.batchNo", batch.batchNo],
    ["batch.productionDate", batch.productionDate],
    ["batch.quantity", batch.quantity > 0 ? batch.quantity : null],
    ["batch.unit", batch.unit],
    ["batch.inspectionResult", batch.inspectionResult],
    ...(needs.licence ? [["batch.licenceNo", batch.licenceNo] as [string, unknown]] : []),
    ...(needs.ccc ? [["batch.cccCertNo", batch.cccCertNo] as [string, unknown]] : []),
  ];
  const missingBasic = basic.filter(([, value]) => value === null || value === "").map(([field]) => field);
  const filled = new Set(filledExtendedFields(batch.extended));
  const missingExtended = EXTENDED_FIELDS.filter((field) => !filled.has(field));
  return {
    batchId: batch.id,
    basicCompleteness: ratio(basic.length - missingBasic.length, basic.length),
    missingBasic,
    extendedCompleteness: ratio(filled.size, EXTENDED_FIELDS.length),
    missingExtended,
    recordDelayDays: daysSinceChinaDate(batch.productionDate, batch.createdAt.toISOString()),
    codeIssueDelayDays: batch.firstCodeIssuedAt
      ? daysSinceChinaDate(batch.productionDate, batch.firstCodeIssuedAt.toISOString())
      : null,
    revisions: revisions.length,
    changesAfterIssuance: revisions.filter((r) => r.afterCodeIssuance).length,
    correctionsAfterRelease: revisions.filter((r) => r.correction).length,
  };
}

export function manufacturerQuality(manufacturerId: string, products: number, rows: QualityRow[]): ManufacturerQuality {
  const reports = rows.map(batchQuality);
  const byMonth = new Map<string, BatchQuality[]>();
  rows.forEach((row, i) => {
    // The production date is a China calendar day (YYYY-MM-DD): its month is its first seven characters.
    const month = row.batch.productionDate.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), reports[i]!]);
  });
  const monthly = [...byMonth.keys()].sort().map((month) => ({ month, ...figures(byMonth.get(month) ?? []) }));
  return { manufacturerId, products, ...figures(reports), batchReports: reports, monthly };
}

function figures(reports: readonly BatchQuality[]): QualityFigures {
  const delays = reports.map((r) => r.recordDelayDays);
  const codeDelays = reports.flatMap((r) => (r.codeIssueDelayDays === null ? [] : [r.codeIssueDelayDays]));
  return {
    batches: reports.length,
    averageBasicCompleteness: average(reports.map((r) => r.basicCompleteness)),
    averageExtendedCompleteness: average(reports.map((r) => r.extendedCompleteness)),
    averageRecordDelayDays: average(delays),
    maxRecordDelayDays: delays.length ? Math.max(...delays) : null,
    averageCodeIssueDelayDays: average(codeDelays),
    batchesWithoutCodes: reports.filter((r) => r.codeIssueDelayDays === null).length,
    changesAfterIssuance: sum(reports.map((r) => r.changesAfterIssuance)),
    correctionsAfterRelease: sum(reports.map((r) => r.correctionsAfterRelease)),
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function average(values: number[]): number | null {
  return values.length ? Math.round((sum(values) / values.length) * 1000) / 1000 : null;
}

import { BadUserInputError } from "../errors/app-errors.js";

/** The largest page of each kind of list: one documented maximum per kind (README, "Paging"). */
export const PAGE_LIMITS = {
  /** `diversionAlerts` */
  alerts: 500,
  /** `RecallImpact.objects`, `GET /recalls/{code}.csv` pages */
  recallObjects: 1000,
  /** `Batch.codes`, `CodeIssue.codes`: label printers take codes in large runs */
  codes: 10_000,
  /** `auditLog` */
  revisions: 500,
  /** `events`, `GET /epcis/events` (`perPage`) */
  events: 1000,
  /** `auditFindings` */
  findings: 500,
  /** `productList`, `batchList`, `organizationList`, `locationList` */
  lists: 500,
} as const;
export type ListKind = keyof typeof PAGE_LIMITS;

/** Rejects a page size outside 1..max of its kind, naming the argument (`first`, or `perPage` over REST). */
export function checkPageSize(first: number, kind: ListKind, field = "first"): void {
  const max = PAGE_LIMITS[kind];
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`${field === "perPage" ? "page size" : field} must be from 1 to ${max}`, {
      field,
      rule: "range",
    });
  }
}

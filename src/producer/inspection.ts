import { optionalText, type FieldProblem } from "./field-problem.js";

/**
 * 出厂检验: a batch's inspection result is 合格 (passed), 不合格 (failed) or 待检 (pending), optionally followed by
 * what was inspected, e.g. `合格（导体电阻、耐压试验）`. Codes may be issued while 待检; release needs 合格; a 不合格
 * batch is never released and its codes never look valid.
 */
export const InspectionStatus = { PASSED: "PASSED", FAILED: "FAILED", PENDING: "PENDING" } as const;
export type InspectionStatus = (typeof InspectionStatus)[keyof typeof InspectionStatus];

/** The words a result may start with: 不合格 before 合格, which it contains. */
const RESULT_WORDS: readonly [RegExp, InspectionStatus][] = [
  [/^(不合格|fail(ed)?\b)/i, InspectionStatus.FAILED],
  [/^(合格|pass(ed)?\b)/i, InspectionStatus.PASSED],
  [/^(待检|pending\b)/i, InspectionStatus.PENDING],
];

/** The status a result text states, or null when it states none. */
export function inspectionStatusOf(result: string): InspectionStatus | null {
  const text = result.trim();
  return RESULT_WORDS.find(([word]) => word.test(text))?.[1] ?? null;
}

/** The result checked: required, and one of 合格 / 不合格 / 待检 (with details after it if wanted). */
export function checkInspectionResult(value: string, field: string, problems: FieldProblem[]): string {
  const text = (value ?? "").trim();
  if (!text) {
    problems.push({ field, rule: "required", message: "is required and may not be empty" });
  } else if (inspectionStatusOf(text) === null) {
    problems.push({
      field,
      rule: "inspection result",
      message: "must start with 合格 (passed), 不合格 (failed) or 待检 (pending)",
    });
  }
  return text;
}

/** The inspection report's details, all optional: report number, agency, date (YYYY-MM-DD) and a document reference. */
export interface InspectionReport {
  inspectionReportNo: string | null;
  inspectionAgency: string | null;
  inspectionDate: string | null;
  inspectionReportRef: string | null;
}

export interface InspectionReportRequest {
  inspectionReportNo?: string | null;
  inspectionAgency?: string | null;
  inspectionDate?: Date | null;
  inspectionReportRef?: string | null;
}

export function checkInspectionReport(
  input: InspectionReportRequest,
  today: string,
  problems: FieldProblem[],
): InspectionReport {
  const date = input.inspectionDate ? input.inspectionDate.toISOString().slice(0, 10) : null;
  if (date !== null && date > today) {
    problems.push({ field: "input.inspectionDate", rule: "not in the future", message: `${date} is in the future` });
  }
  return {
    inspectionReportNo: optionalText(input.inspectionReportNo),
    inspectionAgency: optionalText(input.inspectionAgency),
    inspectionDate: date,
    inspectionReportRef: optionalText(input.inspectionReportRef),
  };
}
